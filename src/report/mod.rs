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
