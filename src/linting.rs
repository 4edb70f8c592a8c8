//! Linting one spec end to end, as `lint` and `check` both do: the rules a project chose,
//! the spec arguments with their patterns expanded, the findings, those already present at
//! a git revision left out (`--new-since`), and the ignore file applied. The command line
//! only picks the options and prints.

use crate::lint::ignore_file::{DEFAULT_NAME as IGNORE_FILE_NAME, IgnoreFile};
use crate::lint::{self, Finding, LintConfig, Ruleset};
use crate::load::{LoadOptions, Workspace};
use crate::policy::settings::Config;
use std::path::{Path, PathBuf};

/// A built-in rule set chosen by name (`lint --rules`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// Spectral's recommended `spectral:oas` rules and specver's recommended extras.
    Recommended,
    /// Every built-in rule.
    All,
    /// Spectral's `spectral:oas` rules only.
    SpectralOas,
}

/// The rules, in order of precedence: a ruleset file, a built-in set, the `lint` section of
/// the project's `.specver.yaml`, a `.spectral.yaml` in the working directory, the
/// recommended rules.
pub fn rules_for(
    project: &Config,
    ruleset: Option<&Path>,
    builtin: Option<Builtin>,
) -> Result<LintConfig, String> {
    let from_project = || -> Result<Option<LintConfig>, String> {
        match (&project.path, &project.lint) {
            (Some(path), Some(_)) => {
                Ok(Ruleset::from_config_file(path)?.map(LintConfig::with_ruleset))
            }
            _ => Ok(None),
        }
    };
    Ok(match (ruleset, builtin) {
        (Some(file), _) => LintConfig::from_file(file)?,
        (None, Some(Builtin::All)) => LintConfig::all(),
        (None, Some(Builtin::SpectralOas)) => LintConfig::with_ruleset(Ruleset::spectral_oas()),
        (None, Some(Builtin::Recommended)) => LintConfig::recommended(),
        (None, None) => match from_project()? {
            Some(config) => config,
            None => {
                let here = std::env::current_dir().map_err(|e| e.to_string())?;
                match Ruleset::discover(&here) {
                    Some(file) => LintConfig::from_file(&file)?,
                    None => LintConfig::recommended(),
                }
            }
        },
    })
}

/// The ignore file to read (or, with `--write-baseline`, to write): `explicit`, else
/// `lint.ignore-file` (relative to `.specver.yaml`), else the default name beside
/// `.specver.yaml` or in the working directory.
pub fn ignore_file_path(project: &Config, explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    let config_dir = project
        .path
        .as_deref()
        .map(|p| p.parent().unwrap_or(Path::new(".")).to_path_buf());
    let named = project.lint.as_ref().and_then(|l| l.get("ignore-file"));
    if let Some(named) = named {
        let Some(name) = named.as_str() else {
            return Err(format!(
                "{}: lint.ignore-file must be a path",
                project.path.as_deref().unwrap_or(Path::new("")).display()
            ));
        };
        let path = config_dir.clone().unwrap_or_default().join(name);
        // Settings from a pull request must not make `--write-baseline` write elsewhere.
        let project_root = config_dir
            .as_deref()
            .and_then(crate::load::git_work_tree)
            .or(config_dir)
            .unwrap_or_default();
        let inside = crate::load::source::normalize(&crate::load::source::absolute(&path))
            .starts_with(crate::load::source::normalize(
                &crate::load::source::absolute(&project_root),
            ));
        if !inside {
            return Err(format!(
                "{}: lint.ignore-file `{name}` is outside `{}`; it must stay inside the project",
                project.path.as_deref().unwrap_or(Path::new("")).display(),
                project_root.display()
            ));
        }
        return Ok(path);
    }
    Ok(config_dir.unwrap_or_default().join(IGNORE_FILE_NAME))
}

/// A spec argument with `*`, `?` or `[` that names no file is a pattern over the paths of
/// the work tree below the current directory, read as shells and git read one (see
/// [`path_glob_match`]): `api/*.yaml`, `specs/**/*.yaml`. A pattern that matches nothing is
/// an error, not an empty check.
pub fn expand_globs(specs: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut files: Option<Vec<String>> = None;
    for spec in specs {
        let pattern = spec.contains(['*', '?', '[']) && !std::path::Path::new(spec).exists();
        if !pattern {
            out.push(spec.clone());
            continue;
        }
        let files = files.get_or_insert_with(|| {
            let mut found = Vec::new();
            walk(std::path::Path::new("."), &mut found);
            found.sort();
            found
        });
        let matched: Vec<&String> = files.iter().filter(|f| path_glob_match(spec, f)).collect();
        if matched.is_empty() {
            // `[` marks a pattern (as shells have it) but no class is matched: say so rather
            // than let `a[12].yaml` read as a typo in the names.
            let classes = if spec.contains('[') {
                " (`[...]` classes are not supported: use `?` or `*`)"
            } else {
                ""
            };
            return Err(format!("{spec}: no file matches{classes}"));
        }
        out.extend(matched.into_iter().cloned());
    }
    // A spec named twice (by two patterns, or a pattern and its path) is checked once.
    let mut seen = rustc_hash::FxHashSet::default();
    out.retain(|spec| seen.insert(spec.clone()));
    Ok(out)
}

/// Whether a relative path matches a file pattern as shells and git read one: `*` and `?`
/// stay within one path segment, so `specs/*.yaml` does not take the fragments under
/// `specs/schemas/` (which are no documents: linting them fails the run); a `**` segment
/// stands for any number of directories, none included (`specs/**/*.yaml` takes
/// `specs/a.yaml`).
fn path_glob_match(pattern: &str, path: &str) -> bool {
    fn segments_match(p: &[&str], t: &[&str]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some((&"**", rest)) => (0..=t.len()).any(|k| segments_match(rest, &t[k..])),
            Some((segment, rest)) => t.split_first().is_some_and(|(name, names)| {
                crate::policy::settings::glob_match(segment, name) && segments_match(rest, names)
            }),
        }
    }
    let pattern = pattern.strip_prefix("./").unwrap_or(pattern);
    let p: Vec<&str> = pattern.split('/').collect();
    let t: Vec<&str> = path.split('/').collect();
    segments_match(&p, &t)
}

/// Every file below `dir`, as a relative path with `/`, leaving out hidden directories and
/// build output.
fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else {
            let shown = path.to_string_lossy();
            out.push(
                shown
                    .strip_prefix("./")
                    .unwrap_or(&shown)
                    .replace('\\', "/"),
            );
        }
    }
}

/// One spec linted.
pub struct LintRun {
    /// The spec as loaded and linted, every file it references with it; findings'
    /// locations are file ids of this workspace.
    pub workspace: Workspace,
    /// What is left to report, in rule order.
    pub findings: Vec<Finding>,
    /// Findings left out because the revision of `new_since` has them too.
    pub old: usize,
    /// Findings the ignore file left out.
    pub suppressed: usize,
    /// What to tell the user besides the findings (stale ignore entries, a spec the
    /// revision does not have).
    pub notes: Vec<String>,
}

/// Loads and lints `spec` (a path, `-`, a URL or `REV:path`) with `config`; with
/// `new_since`, keeps only the findings that `REV:spec` does not have; then applies
/// `ignore`.
pub fn lint_spec(
    spec: &str,
    config: &LintConfig,
    options: &LoadOptions,
    new_since: Option<&str>,
    ignore: Option<&IgnoreFile>,
) -> Result<LintRun, String> {
    let workspace = Workspace::load_arg(spec, options).map_err(|e| e.to_string())?;
    let mut run = lint_loaded(workspace, spec, config, options, new_since)?;
    if let Some(ignore) = ignore {
        apply_ignore_file(&mut run, ignore);
    }
    Ok(run)
}

/// [`lint_spec`] for each of `specs` (patterns already expanded), a few at a time, results
/// in the order given. A spec that cannot be loaded is its error and the others still run,
/// so that one broken file does not hide the findings of the rest.
pub fn lint_specs(
    specs: &[String],
    config: &LintConfig,
    options: &LoadOptions,
    new_since: Option<&str>,
    ignore: Option<&IgnoreFile>,
) -> Vec<Result<LintRun, String>> {
    // Each lint runs its rules on several threads already: two specs at once keep the
    // cores busy while one of them is loading.
    crate::parallel::map_in_order(
        specs.len(),
        crate::parallel::default_threads(2),
        SPEC_STACK_BYTES,
        || (),
        |(), i| lint_spec(&specs[i], config, options, new_since, ignore),
    )
}

/// Stack for a worker: loading recurses with a document's depth, as on the main thread.
const SPEC_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Lints a loaded spec; `spec` is how the user named it, to find it at `new_since`.
pub fn lint_loaded(
    workspace: Workspace,
    spec: &str,
    config: &LintConfig,
    options: &LoadOptions,
    new_since: Option<&str>,
) -> Result<LintRun, String> {
    let mut notes = Vec::new();
    let base = match new_since {
        Some(rev) => {
            // A revision that does not resolve is a mistake to report, not "everything is new".
            crate::load::git::resolve_commit(None, rev).map_err(|e| format!("--new-since: {e}"))?;
            match Workspace::load_at_revision(rev, spec, options) {
                Ok(base) => Some(base),
                // A spec the revision does not have yet: everything in it is new.
                Err(e) => {
                    notes.push(format!("{e}; every finding counts as new"));
                    None
                }
            }
        }
        None => None,
    };
    let mut run = lint_against(workspace, config, base.as_ref());
    run.notes.extend(notes);
    // Freeing a large tree node by node costs more than the process exit.
    std::mem::forget(base);
    Ok(run)
}

/// Lints `workspace` and, given the same spec at a base revision, keeps only the findings
/// the base does not have (the same rule at the same pointer of the same file). A caller
/// that has loaded the base already passes it here instead of loading it again.
pub fn lint_against(
    workspace: Workspace,
    config: &LintConfig,
    base: Option<&Workspace>,
) -> LintRun {
    let mut findings = lint::lint(&workspace, config);
    let old = base.map_or(0, |base| {
        let base_findings = lint::lint(base, config);
        lint::since::keep_new(&mut findings, &workspace, &base_findings, base)
    });
    LintRun {
        workspace,
        findings,
        old,
        suppressed: 0,
        notes: Vec::new(),
    }
}

/// Leaves out what `ignore` lists, and notes its entries that match nothing any more.
pub fn apply_ignore_file(run: &mut LintRun, ignore: &IgnoreFile) {
    let linted: Vec<String> = run
        .workspace
        .files()
        .iter()
        .map(|f| f.name.clone())
        .collect();
    let applied = ignore.apply(&mut run.findings, &linted);
    run.suppressed = applied.suppressed;
    let stale = applied.stale.len();
    if stale > 0 {
        run.notes.push(format!(
            "{stale} {} of {} no longer match{} a finding (fixed?); `--write-baseline` drops {}",
            if stale == 1 { "entry" } else { "entries" },
            ignore.path().display(),
            if stale == 1 { "es" } else { "" },
            if stale == 1 { "it" } else { "them" },
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_patterns_keep_stars_within_a_directory() {
        let m = super::path_glob_match;
        assert!(m("specs/*.yaml", "specs/a.yaml"));
        assert!(!m("specs/*.yaml", "specs/schemas/pet.yaml"));
        assert!(m("specs/**/*.yaml", "specs/a.yaml"));
        assert!(m("specs/**/*.yaml", "specs/v1/b/a.yaml"));
        assert!(m("**/openapi.yaml", "openapi.yaml"));
        assert!(m("./api/?.json", "api/a.json"));
        assert!(!m("api/?.json", "api/ab.json"));
        assert!(!m("*.yaml", "specs/a.yaml"));
    }
}
