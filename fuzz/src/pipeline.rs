//! The whole pipeline on arbitrary bytes: load -> model -> diff both ways -> lint -> render
//! (text, github-actions, Markdown). It must return on any input without panicking. The
//! input is two documents split at the first NUL byte (no NUL: the document against itself).
//! Local `$ref`s are confined to a directory that does not exist, so nothing outside the
//! input is ever read. Shared by the `pipeline` fuzz target and `tests/pipeline_smoke.rs`.

use specver::compare::{self, Loaded, Settings};
use specver::load::{FileLocation, LoadOptions, Workspace};
use specver::report::changes::{Sources, render_github_actions, render_markdown, render_text};

fn options() -> LoadOptions {
    LoadOptions {
        ref_root: Some("/nonexistent-specver-fuzz-root".into()),
        ..LoadOptions::default()
    }
}

fn load(name: &str, bytes: &[u8]) -> Option<Workspace> {
    Workspace::load_bytes(
        FileLocation::Path(format!("/nonexistent-specver-fuzz-root/{name}").into()),
        bytes.to_vec(),
        &options(),
    )
    .ok()
}

/// Runs every stage; returns how many changes the forward diff found (for tests), or
/// `None` when a side is not a loadable document (a clean error, also fine).
pub fn run(data: &[u8]) -> Option<usize> {
    let (a, b) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, data),
    };
    let mut sink: Vec<u8> = Vec::new();
    // Lint each side and render its findings.
    for (name, bytes) in [("a.yaml", a), ("b.yaml", b)] {
        let ws = load(name, bytes)?;
        let findings = specver::lint::lint(&ws, &specver::lint::LintConfig::all());
        specver::diagnostic::render_text(
            ws.files(),
            specver::lint::to_diagnostics(&findings),
            &mut sink,
        )
        .ok()?;
    }
    let mut forward = 0;
    for (base, revision) in [(a, b), (b, a)] {
        let comparison = compare::compare(
            Loaded::new(load("a.yaml", base)?),
            Loaded::new(load("b.yaml", revision)?),
            &Settings::default(),
        );
        let sources = Sources {
            base: &comparison.base.workspace,
            revision: &comparison.revision.workspace,
        };
        render_text(sources, &comparison.changes, true, &mut sink).ok()?;
        render_github_actions(sources, &comparison.changes, None, &mut sink).ok()?;
        sink.extend_from_slice(render_markdown(&comparison.changes, "fuzz").as_bytes());
        if forward == 0 {
            forward = comparison.changes.len();
        }
        sink.clear();
    }
    Some(forward)
}
