//! `.specver.yaml`: the project's settings for the diff commands (level overrides, ignores,
//! filters), for versioning and for the linter. Read with yaml_serde, which reports line and column.
//!
//! ```yaml
//! profile: sdk                    # the client profile whose levels apply: wire (default) or sdk
//! changes:
//!   levels:                       # per change id: error, warning, info or off
//!     response-property-enum-value-added: info
//!   severity-file: oasdiff-levels.txt   # oasdiff's `id level` lines, taken as they are
//!   ignore:
//!     - id: request-parameter-removed       # glob over change ids
//!       operation: "* /eval/simulation*"   # glob over `METHOD /path`
//!       pointer: "/components/schemas/Legacy*"  # glob over the base or revision pointer
//!       reason: the simulation API is internal
//!   exclude-extensions: [x-internal]      # operations marked with these are left out
//!   match-path: "^/v2/"                   # only operations whose path matches
//! versioning:
//!   warnings: major                       # warning-level changes need a major release
//!   enforce: true                         # version-policy problems fail `breaking` too
//!   min-deprecation-days: {beta: 30, stable: 180}
//! check:                                  # what fails `specver check`
//!   fail-on-lint: error                   # new lint findings: error, warning, info, hint or never
//!   fail-on-breaking: error               # changes: error, warning, info or never
//!   version: warn                         # version-policy problems: enforce, warn (default) or off
//! lint:                                   # a Spectral ruleset (see `lint::ruleset`)
//!   extends: [recommended, ./.spectral.yaml]   # default: recommended
//!   rules:
//!     operation-tags: off
//!     info-contact: error
//!   overrides:
//!     - files: ["legacy/*.yaml", "openapi.yaml#/paths/~1v1~1pets"]
//!       rules: {operation-description: off}
//!   ignore-file: .specver-lint-ignore.yaml   # default: beside this file
//! ```

use crate::rules::ChangeId;
use crate::rules::changes::Level;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(crate) const FILE_NAME: &str = ".specver.yaml";

/// A project's settings: `.specver.yaml` as read.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The client profile whose levels apply; `--profile` wins over it.
    #[serde(default)]
    pub profile: Option<crate::rules::Profile>,
    /// The `changes` section: levels, ignores, filters.
    #[serde(default)]
    pub changes: ChangesConfig,
    /// The `versioning` section.
    #[serde(default)]
    pub versioning: VersioningConfig,
    /// What fails `specver check`.
    #[serde(default)]
    pub check: CheckConfig,
    /// Lint settings: a Spectral-format ruleset plus `ignore-file`; the linter reads the
    /// section itself from `path`, with positions for its messages.
    #[serde(default)]
    pub lint: Option<yaml_serde::Value>,
    /// The file these settings came from (none: the defaults).
    #[serde(skip)]
    pub path: Option<PathBuf>,
    /// What the commands print on stderr before their report (ids of a severity file that
    /// change nothing).
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// The `changes` section of `.specver.yaml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChangesConfig {
    /// Change id -> level (`off` drops the change).
    #[serde(default)]
    pub levels: BTreeMap<String, LevelSetting>,
    /// An oasdiff severity-levels file (`id level` per line), relative to the config file.
    pub(crate) severity_file: Option<PathBuf>,
    /// Changes accepted, each with its reason.
    #[serde(default)]
    pub ignore: Vec<Ignore>,
    #[serde(default)]
    pub(crate) exclude_extensions: Vec<String>,
    pub(crate) match_path: Option<String>,
}

/// A level a setting gives a change id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelSetting {
    /// Report it as an error.
    Error,
    /// Report it as a warning (`warn` too).
    #[serde(alias = "warn")]
    Warning,
    /// Report it as info.
    Info,
    /// Drop it (`none` too).
    #[serde(alias = "none")]
    Off,
}

impl LevelSetting {
    /// The level, or `None` for `off`.
    pub fn level(self) -> Option<Level> {
        match self {
            LevelSetting::Error => Some(Level::Error),
            LevelSetting::Warning => Some(Level::Warning),
            LevelSetting::Info => Some(Level::Info),
            LevelSetting::Off => None,
        }
    }
}

/// An accepted change: every ignore says why.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    /// A glob over change ids (`*` and `?`).
    pub id: String,
    /// A glob over `METHOD /path` (method in upper case).
    pub operation: Option<String>,
    /// A glob over the JSON pointer of the change in the base or the revision.
    pub pointer: Option<String>,
    /// Why the change is accepted (required).
    pub reason: String,
}

/// The `versioning` section of `.specver.yaml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VersioningConfig {
    /// Days' notice a new deprecation must give through `x-sunset`, per stability level
    /// (`beta`, `stable`; operations without `x-stability-level` count as `stable`).
    #[serde(default)]
    pub min_deprecation_days: BTreeMap<String, u32>,
    /// What warning-level changes need: `minor` (default) or `major`.
    pub warnings: Option<crate::version::WarningBump>,
    /// Whether the diff commands report version-policy problems (`api-version-not-bumped`
    /// and the like) at their own levels, so that `breaking` fails on them. Off by default:
    /// a version left alone breaks no client, so they are info notes there, and only
    /// `bump --check` fails on them.
    #[serde(default)]
    pub enforce: bool,
}

/// What fails `specver check`: new lint findings at or above `fail-on-lint`, changes at or
/// above `fail-on-breaking`, and version-policy problems when `version: enforce`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// New lint findings at or above this severity fail the check (default `error`).
    #[serde(default = "fail_on_error")]
    pub fail_on_lint: FailOn,
    /// Changes at or above this level fail the check (default `error`).
    #[serde(default = "fail_on_error")]
    pub fail_on_breaking: FailOn,
    /// What version-policy problems do (default `warn`).
    #[serde(default)]
    pub version: VersionCheck,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            fail_on_lint: FailOn::Error,
            fail_on_breaking: FailOn::Error,
            version: VersionCheck::Warn,
        }
    }
}

fn fail_on_error() -> FailOn {
    FailOn::Error
}

/// The lowest severity that fails a check, or `never`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Errors fail.
    Error,
    /// Warnings and errors fail (`warn` too).
    #[serde(alias = "warn")]
    #[value(alias = "warn")]
    Warning,
    /// Anything but hints fails.
    Info,
    /// Anything fails (lint hints included).
    Hint,
    /// Nothing fails.
    Never,
}

impl FailOn {
    /// The lowest severity that fails, `None` for `never`.
    pub fn threshold(self) -> Option<Level> {
        match self {
            FailOn::Error => Some(Level::Error),
            FailOn::Warning => Some(Level::Warning),
            FailOn::Info => Some(Level::Info),
            FailOn::Hint => Some(Level::Hint),
            FailOn::Never => None,
        }
    }
}

/// What `check` does with version-policy problems (`info.version` not bumped, bumped too
/// little, gone down).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum VersionCheck {
    /// They fail the check.
    Enforce,
    /// They are reported and do not fail it (the default: many APIs bump at release time,
    /// not in every pull request).
    #[default]
    Warn,
    /// They are not checked.
    Off,
}

/// A config problem, as one line naming the file and place.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Config {
    /// Reads settings from the text of `file`, which names the file in errors and anchors
    /// its relative paths.
    pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
        if text.trim().is_empty() {
            return Ok(Config {
                path: Some(file.to_path_buf()),
                ..Config::default()
            });
        }
        let mut config: Config = yaml_serde::from_str(text).map_err(|e| match e.location() {
            Some(at) => ConfigError(format!(
                "{}:{}:{}: {}",
                file.display(),
                at.line(),
                at.column(),
                strip_location(&e.to_string())
            )),
            None => ConfigError(format!("{}: {e}", file.display())),
        })?;
        check_change_ids(&config.changes, text, file)?;
        if let Some(severity) = &config.changes.severity_file {
            let path = file.parent().unwrap_or(Path::new(".")).join(severity);
            let text = crate::load::source::read_settings_text(&path)
                .map_err(|e| ConfigError(format!("cannot read severity file {e}")))?;
            let levels = parse_severity_file(&text, &path)?;
            config
                .warnings
                .extend(severity_file_warning(&path, &levels));
            for (id, level) in levels {
                // Explicit `levels` win over the severity file.
                config.changes.levels.entry(id).or_insert(level);
            }
        }
        if let Some(re) = &config.changes.match_path {
            regex::Regex::new(re)
                .map_err(|e| ConfigError(format!("{}: match-path: {e}", file.display())))?;
        }
        config.path = Some(file.to_path_buf());
        Ok(config)
    }

    /// `--config PATH`, else `.specver.yaml` in the working directory or the nearest parent
    /// inside the same project: up to the top of the git (or other version-control) work
    /// tree, never above the user's home; outside any work tree and home, only the working
    /// directory. No file means the defaults. (Settings can ignore every change, so a file
    /// planted in a shared parent such as /tmp must not apply.)
    pub fn discover(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => find_config(),
        };
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = crate::load::source::read_settings_text(&path).map_err(ConfigError)?;
        Config::parse(&text, &path)
    }
}

/// What marks the top of a project: a directory holding one of these is the last one
/// searched.
const PROJECT_MARKERS: [&str; 4] = [".git", ".hg", ".svn", ".jj"];

fn find_config() -> Option<PathBuf> {
    let start = std::env::current_dir().ok()?;
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .filter(|h| h.is_absolute() && h.as_path() != Path::new("/"));
    let in_project = start
        .ancestors()
        .any(|d| PROJECT_MARKERS.iter().any(|m| d.join(m).exists()));
    let under_home = home.as_deref().is_some_and(|h| start.starts_with(h));
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        let top_of_project = PROJECT_MARKERS.iter().any(|m| dir.join(m).exists());
        let at_home = home.as_deref() == Some(dir);
        if top_of_project || at_home || !(in_project || under_home) {
            return None;
        }
    }
    None
}

fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Every change id named in `levels`, and every `ignore` id that is not a glob, is one the
/// catalogue has: a misspelt id would otherwise change nothing, silently. (oasdiff severity
/// files are taken as they are: they name oasdiff ids specver does not report.)
fn check_change_ids(changes: &ChangesConfig, text: &str, file: &Path) -> Result<(), ConfigError> {
    let named = changes.levels.keys().chain(
        changes
            .ignore
            .iter()
            .map(|ig| &ig.id)
            .filter(|id| !id.contains(['*', '?'])),
    );
    for id in named {
        if ChangeId::parse(id).is_some() {
            continue;
        }
        let (line, column) = position_of(text, id);
        let hint = match crate::rules::catalogue::nearest_id(id) {
            Some(near) => format!("; did you mean `{near}`?"),
            None => "; `specver rules` lists them".to_string(),
        };
        return Err(ConfigError(format!(
            "{}:{line}:{column}: unknown change id `{id}`{hint}",
            file.display()
        )));
    }
    Ok(())
}

/// Line and column (1-based, in characters) of the first occurrence of `word` in `text`
/// as a whole word (1:1 when it is not found, as for an id written with escapes).
fn position_of(text: &str, word: &str) -> (usize, usize) {
    let is_id_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    for (n, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(i) = line[from..].find(word) {
            let start = from + i;
            let end = start + word.len();
            let before = line[..start].chars().next_back();
            let after = line[end..].chars().next();
            if !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char) {
                return (n + 1, line[..start].chars().count() + 1);
            }
            from = end;
        }
    }
    (1, 1)
}

/// The ids of a severity file that specver does not report: they change nothing (oasdiff has
/// ids specver has no counterpart for), and one may be a typo, so they are named, with the
/// nearest id where one is close.
pub(crate) fn severity_file_warning(
    file: &Path,
    levels: &[(String, LevelSetting)],
) -> Option<String> {
    const SHOWN: usize = 5;
    let unknown: Vec<&str> = levels
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| ChangeId::parse(id).is_none())
        .collect();
    if unknown.is_empty() {
        return None;
    }
    let named: Vec<String> = unknown
        .iter()
        .take(SHOWN)
        .map(|id| match crate::rules::catalogue::nearest_id(id) {
            Some(near) => format!("`{id}` (did you mean `{near}`?)"),
            None => format!("`{id}`"),
        })
        .collect();
    Some(format!(
        "{}: {} of {} ids are not specver change ids and change nothing: {}{}",
        file.display(),
        unknown.len(),
        levels.len(),
        named.join(", "),
        if unknown.len() > SHOWN { ", ..." } else { "" }
    ))
}

/// oasdiff's severity-levels file: `id level` per line, `#` comments.
pub(crate) fn parse_severity_file(
    text: &str,
    file: &Path,
) -> Result<Vec<(String, LevelSetting)>, ConfigError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(id), Some(level), None) = (words.next(), words.next(), words.next()) else {
            return Err(ConfigError(format!(
                "{}:{}:1: expected `id level`",
                file.display(),
                i + 1
            )));
        };
        let setting = match level.to_ascii_lowercase().as_str() {
            "err" | "error" => LevelSetting::Error,
            "warn" | "warning" => LevelSetting::Warning,
            "info" => LevelSetting::Info,
            "none" | "off" => LevelSetting::Off,
            other => {
                return Err(ConfigError(format!(
                    "{}:{}:1: unknown level `{other}` (error, warning, info, none)",
                    file.display(),
                    i + 1
                )));
            }
        };
        out.push((id.to_string(), setting));
    }
    Ok(out)
}

/// `*` matches any run of characters, `?` one character.
pub(crate) fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_like_shells() {
        assert!(glob_match(
            "request-*",
            crate::rules::ids::REQUEST_PARAMETER_REMOVED.as_str()
        ));
        assert!(glob_match("GET /pets/*", "GET /pets/{id}"));
        assert!(!glob_match("GET /pets/*", "POST /pets/{id}"));
        assert!(glob_match(
            "*-enum-value-?dded",
            crate::rules::ids::RESPONSE_PROPERTY_ENUM_VALUE_ADDED.as_str()
        ));
        assert!(glob_match("*", ""));
    }

    #[test]
    fn config_errors_name_line_and_column() {
        let err =
            Config::parse("changes:\n  levels:\n    a: loud\n", Path::new("x.yaml")).unwrap_err();
        assert!(err.0.starts_with("x.yaml:3:"), "{}", err.0);
        let err =
            Config::parse("changes:\n  ignore:\n    - id: a\n", Path::new("x.yaml")).unwrap_err();
        assert!(err.0.contains("reason"), "{}", err.0);
        let err = Config::parse("chnages: {}\n", Path::new("x.yaml")).unwrap_err();
        assert!(err.0.contains("unknown field"), "{}", err.0);
    }

    #[test]
    fn unknown_change_ids_are_errors_naming_the_nearest() {
        let text = "changes:\n  levels:\n    endpoint-added: info\n    request-property-enum-value-remove: off\n";
        let err = Config::parse(text, Path::new("x.yaml")).unwrap_err();
        assert_eq!(
            err.0,
            "x.yaml:4:5: unknown change id `request-property-enum-value-remove`; did you mean `request-property-enum-value-removed`?"
        );
        let text = "changes:\n  ignore:\n    - {id: endpont-added, reason: r}\n    - {id: 'request-*', reason: r}\n";
        let err = Config::parse(text, Path::new("x.yaml")).unwrap_err();
        assert!(
            err.0.starts_with(
                "x.yaml:3:12: unknown change id `endpont-added`; did you mean `endpoint-added`?"
            ),
            "{}",
            err.0
        );
        let text = "changes:\n  ignore:\n    - {id: 'request-*', reason: r}\n";
        assert!(Config::parse(text, Path::new("x.yaml")).is_ok());
    }

    #[test]
    fn severity_file_ids_specver_lacks_are_named() {
        let known = crate::rules::ids::ENDPOINT_ADDED.as_str();
        let typo = &known[..known.len() - 1];
        let levels = [
            (known.to_string(), LevelSetting::Info),
            (typo.to_string(), LevelSetting::Info),
            ("zzz".to_string(), LevelSetting::Off),
        ];
        assert_eq!(
            severity_file_warning(Path::new("s.txt"), &levels).unwrap(),
            format!(
                "s.txt: 2 of 3 ids are not specver change ids and change nothing: `{typo}` (did you mean `{known}`?), `zzz`"
            )
        );
        assert_eq!(
            severity_file_warning(Path::new("s.txt"), &levels[..1]),
            None
        );
    }

    #[test]
    fn severity_files_read_oasdiff_levels() {
        let levels = parse_severity_file(
            "# comment\nrequest-parameter-removed err\napi-schema-removed none\n",
            Path::new("s"),
        )
        .unwrap();
        assert_eq!(
            levels[0],
            (
                crate::rules::ids::REQUEST_PARAMETER_REMOVED.to_string(),
                LevelSetting::Error
            )
        );
        assert_eq!(levels[1].1, LevelSetting::Off);
        assert!(parse_severity_file("a loud\n", Path::new("s")).is_err());
    }
}
