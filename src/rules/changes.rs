//! Levels, message templates, and lookups of the change catalogue by the ids users write.
//! The catalogue itself is generated from `rules/*.yaml` (see [`super::catalogue`]).

use super::catalogue::ChangeId;

pub use super::catalogue::Rule as ChangeRule;

/// How much a change matters to clients: the one [`Severity`](crate::diagnostic::Severity) type, named as the catalogue
/// names it. A change is `info`, `warning` or `error`, never `hint` (Spectral's lowest lint
/// severity); [`Severity::parse_level`](crate::diagnostic::Severity::parse_level) reads the three.
pub use crate::diagnostic::Severity as Level;

/// The change catalogue, looked up by the ids users write (settings, severity files,
/// `explain`). Code names ids through [`super::catalogue::ids`] instead.
pub struct Catalogue;

impl Catalogue {
    /// The catalogue compiled in.
    pub fn builtin() -> &'static Catalogue {
        &Catalogue
    }

    /// The rule of an id users wrote, if the catalogue has it.
    pub fn get(&self, id: &str) -> Option<&'static ChangeRule> {
        ChangeId::parse(id).map(ChangeId::rule)
    }

    /// Every rule, in catalogue order.
    pub fn rules(&self) -> &'static [ChangeRule] {
        &super::catalogue::RULES
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
        let r = c
            .get(super::super::ids::REQUEST_PROPERTY_ENUM_VALUE_REMOVED.as_str())
            .unwrap();
        assert_eq!(r.level, Level::Error);
        assert_eq!(r.origin, "oasdiff");
        assert_eq!(
            c.get(super::super::ids::RESPONSE_PROPERTY_ENUM_VALUE_ADDED.as_str())
                .unwrap()
                .level,
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
                if rule.why().is_none() {
                    assert_eq!(
                        Some(rule.level),
                        Level::parse_level(f[1]),
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
