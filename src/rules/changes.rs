//! The change catalogue (`rules/changes.yaml`): for every change id the diff engine can
//! report, its default level, the direction it concerns and its message template.

use crate::diagnostic::Severity;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The diff's changes, then the versioning and lifecycle policy rules.
const SOURCES: [(&str, &str); 2] = [
    (
        "rules/changes.yaml",
        include_str!("../../rules/changes.yaml"),
    ),
    ("rules/policy.yaml", include_str!("../../rules/policy.yaml")),
];

#[derive(Clone, Debug, serde::Deserialize)]
pub struct ChangeRule {
    pub id: String,
    pub level: Level,
    /// `request`, `response` or `none`.
    pub direction: String,
    /// `oasdiff` when the id is oasdiff's, `specver` when it is ours.
    pub origin: String,
    pub message: String,
    /// Why our level differs from the peer's, or why the rule exists, when worth saying.
    #[serde(default)]
    pub why: Option<String>,
}

/// How much a change matters to clients.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize, serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Level::Info => Severity::Info,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        match text.to_ascii_lowercase().as_str() {
            "info" => Some(Level::Info),
            "warning" | "warn" => Some(Level::Warning),
            "error" | "err" => Some(Level::Error),
            _ => None,
        }
    }
}

pub struct Catalogue {
    rules: Vec<ChangeRule>,
    by_id: FxHashMap<String, usize>,
}

impl Catalogue {
    /// The built-in catalogue, read once.
    pub fn builtin() -> &'static Catalogue {
        static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
        CATALOGUE.get_or_init(|| {
            let mut rules = Vec::new();
            for (name, text) in SOURCES {
                match Catalogue::parse(text) {
                    Ok(c) => rules.extend(c.rules),
                    Err(e) => panic!("{name} is invalid (a test checks it): {e}"),
                }
            }
            Catalogue::from_rules(rules).expect("rule ids are unique (a test checks it)")
        })
    }

    pub fn parse(text: &str) -> Result<Catalogue, String> {
        let parsed = crate::tree::yaml::parse(text, &Default::default()).map_err(|e| e.message)?;
        let rules: Vec<ChangeRule> =
            serde_json::from_value(parsed.root.to_json()).map_err(|e| e.to_string())?;
        Catalogue::from_rules(rules)
    }

    fn from_rules(rules: Vec<ChangeRule>) -> Result<Catalogue, String> {
        let mut by_id = FxHashMap::default();
        for (i, rule) in rules.iter().enumerate() {
            if by_id.insert(rule.id.clone(), i).is_some() {
                return Err(format!("change id `{}` is listed twice", rule.id));
            }
        }
        Ok(Catalogue { rules, by_id })
    }

    /// The catalogue's own copy of an id, to share instead of allocating one per use.
    /// An id the catalogue lacks (a test keeps that from happening) is kept once.
    pub fn static_id(id: &str) -> &'static str {
        match Catalogue::builtin().get(id) {
            Some(rule) => rule.id.as_str(),
            None => Box::leak(id.to_string().into_boxed_str()),
        }
    }

    pub fn get(&self, id: &str) -> Option<&ChangeRule> {
        self.by_id.get(id).map(|&i| &self.rules[i])
    }

    pub fn rules(&self) -> &[ChangeRule] {
        &self.rules
    }
}

/// Fills `{name}` placeholders from `args`; unknown placeholders stay as written.
pub fn render(template: &str, args: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match args.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogue_parses_and_keeps_oasdiff_levels() {
        let c = Catalogue::builtin();
        assert!(c.rules().len() > 400);
        let r = c.get("request-property-enum-value-removed").unwrap();
        assert_eq!(r.level, Level::Error);
        assert_eq!(r.origin, "oasdiff");
        assert_eq!(
            c.get("response-property-enum-value-added").unwrap().level,
            Level::Warning
        );
    }

    #[test]
    fn every_oasdiff_id_we_use_has_oasdiffs_level() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/reference/oasdiff-rule-ids.tsv");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipping: {} not found", path.display());
            return;
        };
        let c = Catalogue::builtin();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
        {
            let f: Vec<&str> = line.split('\t').collect();
            if let Some(rule) = c.get(f[0]) {
                assert_eq!(rule.origin, "oasdiff", "{}", f[0]);
                if rule.why.is_none() {
                    assert_eq!(
                        Some(rule.level),
                        Level::parse(f[1]),
                        "{} differs from oasdiff without a `why`",
                        f[0]
                    );
                }
            }
        }
        for rule in c.rules().iter().filter(|r| r.origin == "oasdiff") {
            assert!(
                text.contains(&format!("\n{}\t", rule.id)),
                "{} is not an oasdiff id",
                rule.id
            );
        }
    }

    #[test]
    fn templates_fill_known_placeholders() {
        let args = [
            ("subject", "`Pet.kind`".to_string()),
            ("value", "\"cat\"".to_string()),
        ];
        assert_eq!(
            render("{subject}: enum value {value} added ({other})", &args),
            "`Pet.kind`: enum value \"cat\" added ({other})"
        );
    }
}
