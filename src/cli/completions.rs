//! `specver completions SHELL` and `specver man`: shell completion scripts and the man
//! page, generated from the same argument definitions the parser uses, so they never drift.

use super::{Cli, EXIT_ERROR, EXIT_OK, print_error};
use clap::{Args, CommandFactory};
use std::io::Write;

#[derive(Debug, Args)]
pub(super) struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish; e.g. `specver completions bash >
    /// ~/.local/share/bash-completion/completions/specver`.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub(super) fn run_completions(args: &CompletionsArgs) -> i32 {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "specver", &mut out);
    write(&out)
}

/// The man page in roff: `specver man > specver.1; man ./specver.1`.
pub(super) fn run_man() -> i32 {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
        print_error(&format!("cannot render the man page: {e}"));
        return EXIT_ERROR;
    }
    write(&out)
}

fn write(bytes: &[u8]) -> i32 {
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            print_error(&format!("cannot write: {e}"));
            EXIT_ERROR
        }
        _ => EXIT_OK,
    }
}
