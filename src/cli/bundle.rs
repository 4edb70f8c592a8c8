//! `specver bundle SPEC`: one document from a spec split over many files (see
//! [`crate::bundle`] for what happens to each reference and how components are named).

use super::{EXIT_ERROR, EXIT_OK, SourceOptions, print_error};
use crate::bundle::{self, OutputFormat};
use crate::diagnostic::{self, Severity};
use crate::tree::Format;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub(super) struct BundleArgs {
    /// The spec: a file path, `-` for standard input, an http(s) URL, or `REV:path` for a
    /// file at a git revision of the repository around the working directory.
    #[arg(value_name = "SPEC")]
    spec: String,

    /// Write the bundle to FILE (through a temporary file, renamed when complete) instead
    /// of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// json or yaml. Default: by the extension of --output, else the format of SPEC.
    #[arg(long, value_enum)]
    format: Option<BundleFormat>,

    /// Replace every reference by what it names, except references on a cycle (kept, and
    /// listed on stderr).
    #[arg(long)]
    dereference: bool,

    /// Bundle even when some references do not resolve (they are kept as written).
    #[arg(long)]
    allow_unresolved: bool,

    #[command(flatten)]
    source: SourceOptions,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum BundleFormat {
    Json,
    Yaml,
}

pub(super) fn run(args: &BundleArgs) -> i32 {
    let workspace = match args.source.load_spec(&args.spec) {
        Ok(ws) => ws,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    let mut stderr = std::io::stderr().lock();
    let errors: Vec<_> = workspace
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    if !errors.is_empty() {
        let mut report = Vec::new();
        let _ = diagnostic::render_text(workspace.files(), &errors, &mut report);
        let _ = stderr.write_all(&report);
        if !args.allow_unresolved {
            print_error(&format!(
                "{} reference problem{}: nothing written (--allow-unresolved bundles anyway, keeping them as written)",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            ));
            return EXIT_ERROR;
        }
    }
    let bundled = match bundle::bundle(
        &workspace,
        bundle::Options {
            dereference: args.dereference,
            ..bundle::Options::default()
        },
    ) {
        Ok(b) => b,
        Err(e) => {
            print_error(&e.to_string());
            return EXIT_ERROR;
        }
    };
    for line in &bundled.renamed {
        let _ = writeln!(stderr, "note: {line}");
    }
    if !bundled.kept_on_cycles.is_empty() {
        let _ = writeln!(
            stderr,
            "note: {} reference target{} on cycles kept as references:",
            bundled.kept_on_cycles.len(),
            if bundled.kept_on_cycles.len() == 1 {
                ""
            } else {
                "s"
            }
        );
        for target in &bundled.kept_on_cycles {
            let _ = writeln!(stderr, "  {target}");
        }
    }
    if bundled.unresolved > 0 {
        super::say(
            "warning",
            format!(
                "{} unresolved reference{} kept as written",
                bundled.unresolved,
                if bundled.unresolved == 1 { "" } else { "s" }
            ),
        );
    }

    let output = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    let format = match (args.format, output) {
        (Some(BundleFormat::Json), _) => OutputFormat::Json,
        (Some(BundleFormat::Yaml), _) => OutputFormat::Yaml,
        (None, Some(path)) if has_extension(path, &["json"]) => OutputFormat::Json,
        (None, Some(path)) if has_extension(path, &["yaml", "yml"]) => OutputFormat::Yaml,
        (None, _) => match workspace.root_file().format {
            Format::Json => OutputFormat::Json,
            Format::Yaml => OutputFormat::Yaml,
        },
    };
    let text = bundled.to_text(format);
    match output {
        Some(path) => {
            if let Err(e) = bundle::write_atomically(path, &text) {
                print_error(&format!("cannot write {}: {e}", path.to_string_lossy()));
                return EXIT_ERROR;
            }
        }
        None => {
            if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                print_error(&format!("cannot write the bundle: {e}"));
                return EXIT_ERROR;
            }
        }
    }
    EXIT_OK
}

fn has_extension(path: &std::path::Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}
