//! The command line: argument parsing (clap) and dispatch to one module per subcommand.
//!
//! Exit codes, for every subcommand: 0 when the command did its work and found no
//! error-severity problem; 2 when a source could not be loaded, the arguments are wrong, or
//! an error-severity diagnostic was reported (the full report is printed first).

mod bump;
mod bundle;
mod check;
mod completions;
mod diff;
mod inspect;
mod lint;
mod log;
mod rules;

use crate::load::{LoadOptions, ReadLimits};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Exit code: success, no error-severity findings.
pub const EXIT_OK: i32 = 0;
/// Exit code: a source could not be loaded, wrong usage, or error-severity findings.
pub const EXIT_ERROR: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "specver",
    version = env!("SPECVER_VERSION"),
    about = "Diff, classify, version and lint OpenAPI documents (Swagger 2.0, OpenAPI 3.0, 3.1, 3.2)",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,

    /// Colour the text reports' snippets: `auto` (when writing to a terminal, unless
    /// `NO_COLOR` is set), `always` or `never`.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Print only the report and errors: no `note:` or `warning:` lines on stderr.
    #[arg(short, long, global = true)]
    quiet: bool,
}

/// When to colour text output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set (<https://no-color.org>) or `TERM=dumb`.
    Auto,
    /// Always (a CI log that renders ANSI colours).
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

/// `--quiet`: set once, before the command runs, read wherever a note is said.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A `note:` or `warning:` line on stderr, unless `--quiet`.
fn say(kind: &str, message: impl std::fmt::Display) {
    if !QUIET.load(std::sync::atomic::Ordering::Relaxed) {
        let _ = writeln!(std::io::stderr().lock(), "{kind}: {message}");
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load a spec, follow its references and summarise it: version, files, paths,
    /// operations, schemas, and every problem found while loading.
    Inspect(inspect::InspectArgs),
    /// Every change between two versions, each at its root cause with the operations it
    /// affects.
    Diff(diff::DiffArgs),
    /// The changes that break clients (errors and warnings); exits 1 on errors.
    Breaking(diff::DiffArgs),
    /// Release notes: every change, grouped by operation and component (Markdown).
    Changelog(diff::DiffArgs),
    /// The semver bump the changes need and the next version; `--check` fails when the
    /// revision's info.version disagrees.
    Bump(bump::BumpArgs),
    /// The git history of a spec: per commit, the changes, the bump they needed and the
    /// resulting version sequence.
    Log(log::LogArgs),
    /// The pull-request check: lint each spec (new findings only), compare it with the same
    /// path at the base revision, and check its version, with one verdict and exit code.
    Check(check::CheckArgs),
    /// Lint one document with the built-in rules (Spectral's `spectral:oas` names) or a
    /// Spectral ruleset.
    Lint(lint::LintArgs),
    /// Every change id and lint rule, with its level(s), bump and summary.
    Rules(rules::RulesArgs),
    /// One change id, change template or lint rule explained, with its example.
    Explain(rules::ExplainArgs),
    /// A shell completion script: bash, zsh, fish, powershell or elvish.
    Completions(completions::CompletionsArgs),
    /// The man page (roff), generated from the same options as `--help`.
    Man,
    /// One document from a spec split over many files: external `$ref`s become references
    /// into `components`.
    Bundle(bundle::BundleArgs),
}

/// Options that control how a spec and the files its `$ref`s name are read; shared by every
/// subcommand that loads a spec.
#[derive(Debug, Args)]
struct SourceOptions {
    /// Follow `$ref`s to http(s) URLs (off by default: loading stays offline).
    #[arg(long)]
    allow_url_refs: bool,

    /// Local files reached through `$ref` must lie inside DIR. Default: the git work tree
    /// that holds the root document, or no limit outside git.
    #[arg(long, value_name = "DIR")]
    ref_root: Option<PathBuf>,

    /// The largest file read, from disk, a URL or git (bytes).
    #[arg(long, value_name = "BYTES", default_value_t = ReadLimits::default().max_file_bytes)]
    max_file_size: u64,

    /// How long a download may take in all (seconds).
    #[arg(long, value_name = "SECONDS", default_value_t = ReadLimits::default().http_timeout.as_secs())]
    http_timeout: u64,
}

impl SourceOptions {
    /// Loads the document a plain SPEC argument names, saying so when a file shadows a
    /// revision of the same spelling; errors are one line, for `print_error`.
    fn load_spec(&self, spec: &str) -> Result<crate::load::Workspace, String> {
        let options = self.load_options()?;
        note_shadowed_revision(spec);
        crate::load::Workspace::load_arg(spec, &options).map_err(|e| e.to_string())
    }

    fn load_options(&self) -> Result<LoadOptions, String> {
        if let Some(dir) = &self.ref_root
            && !dir.is_dir()
        {
            return Err(format!(
                "--ref-root {}: no such directory",
                dir.to_string_lossy()
            ));
        }
        Ok(LoadOptions {
            allow_url_refs: self.allow_url_refs,
            ref_root: self.ref_root.clone(),
            read: ReadLimits {
                max_file_bytes: self.max_file_size,
                http_timeout: std::time::Duration::from_secs(self.http_timeout.max(1)),
            },
            ..LoadOptions::default()
        })
    }
}

/// Runs the command line of this process and returns its exit code.
pub fn main() -> i32 {
    run(std::env::args_os())
}

/// Runs a command line (the first item is the program name) and returns its exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print to stdout and exit 0; usage errors exit 2.
            let _ = e.print();
            return e.exit_code();
        }
    };
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    crate::diagnostic::set_color(cli.color.enabled());
    match cli.command {
        Command::Inspect(args) => inspect::run(&args),
        Command::Diff(args) => diff::run(&args, diff::Mode::Diff),
        Command::Breaking(args) => diff::run(&args, diff::Mode::Breaking),
        Command::Changelog(args) => diff::run(&args, diff::Mode::Changelog),
        Command::Check(args) => check::run(&args),
        Command::Completions(args) => completions::run_completions(&args),
        Command::Man => completions::run_man(),
        Command::Bump(args) => bump::run(&args),
        Command::Log(args) => log::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Rules(args) => rules::run_rules(&args),
        Command::Explain(args) => rules::run_explain(&args),
        Command::Bundle(args) => bundle::run(&args),
    }
}

/// Says on stderr when a plain SPEC argument was read from a file whose name also reads as
/// `REV:path`, so that nobody mistakes it for the revision.
fn note_shadowed_revision(arg: &str) {
    if let Some(note) = crate::load::source::shadowed_revision(arg) {
        say("note", note);
    }
}

/// Delivers a finished report: to standard output, or with `-o FILE` to FILE, whole or not
/// at all. A closed pipe (`| head`) is not an error.
/// Where a report goes while it is rendered: to standard output as it is written, so that a
/// large report need not sit in memory; or, with `-o FILE`, kept whole and written at once by
/// [`ReportOut::finish`], so that a failed run leaves no half file.
pub(super) struct ReportOut<'p> {
    path: Option<&'p std::path::Path>,
    buffer: Vec<u8>,
    stdout: Option<std::io::BufWriter<std::io::StdoutLock<'static>>>,
}

impl<'p> ReportOut<'p> {
    pub(super) fn new(path: Option<&'p std::path::Path>) -> ReportOut<'p> {
        ReportOut {
            path,
            buffer: Vec::new(),
            stdout: path
                .is_none()
                .then(|| std::io::BufWriter::new(std::io::stdout().lock())),
        }
    }

    /// Ends the report that `written` says how the rendering went: writes the file, or
    /// flushes standard output. A reader that closed the pipe early is not an error.
    pub(super) fn finish(mut self, written: std::io::Result<()>) -> Result<(), String> {
        let flushed = written.and_then(|_| self.flush());
        match flushed {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(format!("cannot write the report: {e}"))
            }
            _ => match self.path {
                Some(path) => deliver(Some(path), &self.buffer),
                None => Ok(()),
            },
        }
    }
}

impl Write for ReportOut<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match &mut self.stdout {
            Some(stdout) => stdout.write(bytes),
            None => self.buffer.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.stdout {
            Some(stdout) => stdout.flush(),
            None => Ok(()),
        }
    }
}

fn deliver(output: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), String> {
    match output {
        Some(path) => crate::atomic_write::write_atomically(path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => match std::io::stdout().lock().write_all(bytes) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(format!("cannot write the report: {e}"))
            }
            _ => Ok(()),
        },
    }
}

/// Prints `error: message` as one line on stderr.
fn print_error(message: &str) {
    let one_line = message.replace(['\n', '\r'], " ");
    let _ = writeln!(std::io::stderr().lock(), "error: {one_line}");
}
