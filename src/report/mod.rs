//! Reporters: the same findings rendered for people (text with snippets, Markdown) and for
//! machines (JSON, YAML). Every format is built from one serialisable record per change.

pub mod bump;
pub mod changes;
pub mod check;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod inspect;
pub mod lint;
pub mod log;
pub mod rules;
pub mod summary;
pub(crate) use crate::yaml_writer::to_yaml;

/// The output formats of the diff commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-like text with snippets from both documents.
    Text,
    /// The [`changes::ChangesReport`] as JSON.
    Json,
    /// The [`changes::ChangesReport`] as YAML.
    Yaml,
    /// A Markdown changelog.
    Markdown,
    /// GitHub Actions workflow commands: an annotation per change, on its line.
    GithubActions,
    /// One self-contained HTML page: filters, snippets side by side, the rules' docs.
    Html,
    /// A GitLab Code Quality report (JSON), shown in merge requests.
    Gitlab,
}

/// A file name as a CI service can place it on a diff: reports name a spec as the user wrote
/// it, absolute included, but GitHub annotations and GitLab Code Quality place only paths
/// relative to the checkout, so an absolute path below the working directory is made
/// relative to it (through symbolic links too), as a relative name already is. Anything
/// else is returned as it is.
pub(crate) fn placeable(file: &str) -> String {
    use std::path::Path;
    let absolute = Path::new(file);
    if !absolute.is_absolute() {
        return file.to_string();
    }
    let relative = || {
        let cwd = crate::load::working_directory()?;
        let rest = match absolute.strip_prefix(cwd) {
            Ok(rest) => rest.to_path_buf(),
            Err(_) => std::fs::canonicalize(absolute)
                .ok()?
                .strip_prefix(cwd)
                .ok()?
                .to_path_buf(),
        };
        Some(rest.to_string_lossy().into_owned())
    };
    relative().unwrap_or_else(|| file.to_string())
}
