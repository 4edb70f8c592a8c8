//! `overrides`: severities for some files (globs, optionally with a JSON pointer inside
//! them), and rules of their own that run only there.

use super::load::FileContext;
use super::rule::{SevSetting, severity_value};
use super::{Override, Ruleset, canonical_name};
use crate::diagnostic::Severity;
use crate::tree::Node;

impl Ruleset {
    /// One entry of `overrides`.
    pub(super) fn load_override(&mut self, o: &Node, file: &FileContext<'_>) -> Result<(), String> {
        let at = file.at;
        let files: Vec<(String, String)> = o
            .get("files")
            .and_then(Node::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Node::as_str)
                    .map(|f| match f.split_once('#') {
                        Some((g, p)) => (g.to_string(), p.to_string()),
                        None => (f.to_string(), String::new()),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut rules = Vec::new();
        if let Some(r) = o.get("rules").and_then(Node::as_object) {
            for e in &r.entries {
                match severity_value(&e.value) {
                    Some(SevSetting::Off) => rules.push((e.key.to_string(), None)),
                    Some(SevSetting::On(s)) => rules.push((e.key.to_string(), Some(s))),
                    Some(SevSetting::Default) => {
                        let s = self.rule(&e.key).map(|r| r.default_severity).unwrap_or(Severity::Warning);
                        rules.push((e.key.to_string(), Some(s)));
                    }
                    // A rule of its own for these files: defined, off everywhere
                    // else, at its severity where the override applies.
                    None if self.rule(&e.key).is_none()
                        && e.value.get("given").is_some()
                        && e.value.get("then").is_some() =>
                    {
                        self.rule_entry(&e.key, &e.value, file)?;
                        if let Some(&i) = self.index.get(canonical_name(&e.key)) {
                            let severity = self.rules[i].severity.take();
                            rules.push((e.key.to_string(), severity));
                        }
                    }
                    None => self.warnings.push(format!(
                        "{}: rule `{}` in `overrides`: a rule defined outside `overrides` can only have its severity changed there; the definition is ignored",
                        at(&e.value),
                        e.key
                    )),
                }
            }
        }
        if o.get("extends").is_some() {
            self.warnings.push(format!(
                "{}: `extends` inside `overrides` is not supported",
                at(o)
            ));
        }
        self.overrides.push(Override { files, rules });
        Ok(())
    }
}
