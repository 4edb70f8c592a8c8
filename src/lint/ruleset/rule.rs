//! One entry of a ruleset's `rules`: a severity for a rule defined elsewhere, a change to
//! an existing rule (a definition without `given` or `then`), or a new rule, compiled here
//! (its JSONPaths parsed, aliases expanded, functions compiled) so that a broken rule is
//! reported when the ruleset loads, not skipped silently while linting.

use super::load::FileContext;
use super::{Field, Rule, Ruleset, Then, canonical_name};
use crate::diagnostic::Severity;
use crate::lint::functions::Function;
use crate::lint::jsonpath::Query;
use crate::tree::{Node, Object, Value};
use std::collections::HashMap;

impl Ruleset {
    pub(super) fn rule_entry(
        &mut self,
        rule_name: &str,
        value: &Node,
        file: &FileContext<'_>,
    ) -> Result<(), String> {
        let at = file.at;
        let name = canonical_name(rule_name).to_string();
        if let Some(setting) = severity_value(value) {
            let Some(&i) = self.index.get(&name) else {
                self.warnings.push(format!(
                    "{}: unknown rule `{rule_name}`; ignored",
                    at(value)
                ));
                return Ok(());
            };
            let r = &mut self.rules[i];
            r.severity = match setting {
                SevSetting::Off => None,
                SevSetting::On(s) => Some(s),
                SevSetting::Default => Some(r.default_severity),
            };
            return Ok(());
        }
        let Some(def) = value.as_object() else {
            // A misspelt severity would silently leave the rule as it was.
            return Err(format!(
                "{}: rule `{rule_name}` must be a severity (error, warn, info, hint, off) or a definition",
                at(value)
            ));
        };
        // A definition without `given`/`then` changes an existing rule.
        if def.get("given").is_none() || def.get("then").is_none() {
            self.amend_rule(rule_name, &name, value, def, at);
            return Ok(());
        }
        self.define_rule(rule_name, name, def, file)
    }

    /// A definition without `given` or `then`: new `message`, `description` or `severity`
    /// for a rule defined elsewhere.
    fn amend_rule(
        &mut self,
        rule_name: &str,
        name: &str,
        value: &Node,
        def: &Object,
        at: &dyn Fn(&Node) -> String,
    ) {
        let Some(&i) = self.index.get(name) else {
            self.warnings.push(format!(
                "{}: rule `{rule_name}` has no `given` or no `then`; ignored",
                at(value)
            ));
            return;
        };
        let severity = def.get("severity").and_then(severity_value);
        let r = &mut self.rules[i];
        if let Some(m) = def.get("message").and_then(Node::as_str) {
            r.message = Some(m.to_string());
        }
        if let Some(d) = def.get("description").and_then(Node::as_str) {
            r.description = Some(d.to_string());
        }
        match severity {
            Some(SevSetting::Off) => r.severity = None,
            Some(SevSetting::On(s)) => {
                r.severity = Some(s);
                r.default_severity = s;
            }
            Some(SevSetting::Default) | None => {
                if r.severity.is_none() {
                    r.severity = Some(r.default_severity);
                }
            }
        }
    }

    /// A full definition. A rule specver cannot run (a JSONPath it does not parse, a custom
    /// function) is skipped with a warning; a malformed one is an error.
    fn define_rule(
        &mut self,
        rule_name: &str,
        name: String,
        def: &Object,
        file: &FileContext<'_>,
    ) -> Result<(), String> {
        let at = file.at;
        let severity = match def.get("severity") {
            None => SevSetting::On(Severity::Warning),
            Some(s) => severity_value(s).unwrap_or_else(|| {
                self.warnings.push(format!(
                    "{}: rule `{rule_name}`: unknown severity; using warn",
                    at(s)
                ));
                SevSetting::On(Severity::Warning)
            }),
        };
        let default_severity = match severity {
            SevSetting::On(s) => s,
            _ => Severity::Warning,
        };
        let recommended = def
            .get("recommended")
            .and_then(Node::as_bool)
            .unwrap_or(true);
        let formats = match def.get("formats") {
            Some(f) => self.formats(f, at),
            None => file.formats.clone(),
        };
        let Some(given) = self.compile_given(rule_name, def, file)? else {
            return Ok(());
        };
        let Some(then) = self.compile_then(rule_name, def, file)? else {
            return Ok(());
        };
        self.add(Rule {
            name,
            description: def
                .get("description")
                .and_then(Node::as_str)
                .map(str::to_string),
            message: def
                .get("message")
                .and_then(Node::as_str)
                .map(str::to_string),
            // As in Spectral, a rule defined with `recommended: false` is off until a
            // severity or `extends: [[file, all]]` turns it on.
            severity: match severity {
                SevSetting::Off => None,
                _ if !recommended => None,
                _ => Some(default_severity),
            },
            default_severity,
            recommended,
            formats,
            given,
            then,
            resolved: def.get("resolved").and_then(Node::as_bool).unwrap_or(true),
            source: file.source.to_string(),
            documentation_url: def
                .get("documentationUrl")
                .and_then(Node::as_str)
                .map(str::to_string),
        });
        Ok(())
    }

    /// `given`: one JSONPath or a list, aliases expanded. `None`: the rule is skipped (a
    /// warning says why).
    fn compile_given(
        &mut self,
        rule_name: &str,
        def: &Object,
        file: &FileContext<'_>,
    ) -> Result<Option<Vec<Query>>, String> {
        let at = file.at;
        let mut given = Vec::new();
        let given_texts: Vec<&Node> = match def.get("given").map(|g| &g.value) {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => def.get("given").into_iter().collect(),
        };
        for g in given_texts {
            let Some(text) = g.as_str() else {
                return Err(format!(
                    "{}: rule `{rule_name}`: `given` must be a JSONPath",
                    at(g)
                ));
            };
            for expanded in expand_alias(text, &file.aliases)
                .map_err(|e| format!("{}: rule `{rule_name}`: {e}", at(g)))?
            {
                match Query::parse(&expanded) {
                    Ok(q) => given.push(q),
                    Err(e) => {
                        self.warnings
                            .push(format!("{}: rule `{rule_name}` is skipped: {e}", at(g)));
                        return Ok(None);
                    }
                }
            }
        }
        Ok(Some(given))
    }

    /// `then`: one `field` + `function` or a list. `None`: the rule is skipped (a warning
    /// says why).
    fn compile_then(
        &mut self,
        rule_name: &str,
        def: &Object,
        file: &FileContext<'_>,
    ) -> Result<Option<Vec<Then>>, String> {
        let at = file.at;
        let thens: Vec<&Node> = match def.get("then").map(|t| &t.value) {
            Some(Value::Array(items)) => items.iter().collect(),
            _ => def.get("then").into_iter().collect(),
        };
        let mut then = Vec::new();
        for t in thens {
            let field = match t.get("field").and_then(Node::as_str) {
                None => None,
                Some("@key") => Some(Field::Key),
                Some(f) if f.starts_with('$') => match Query::parse(f) {
                    Ok(q) => Some(Field::Query(q)),
                    Err(e) => {
                        self.warnings
                            .push(format!("{}: rule `{rule_name}` is skipped: {e}", at(t)));
                        return Ok(None);
                    }
                },
                Some(f) => Some(Field::Path(split_field(f))),
            };
            let Some(fname) = t.get("function").and_then(Node::as_str) else {
                return Err(format!(
                    "{}: rule `{rule_name}`: `then` needs a `function`",
                    at(t)
                ));
            };
            let options = t.get("functionOptions");
            match Function::compile(fname, options) {
                Ok(function) => then.push(Then { field, function }),
                Err(e) => {
                    let why = if file.custom_functions.iter().any(|f| f == fname)
                        || e.starts_with("unknown function")
                    {
                        format!(
                            "it uses the custom function `{fname}`, which specver cannot run (custom JavaScript functions are not supported)"
                        )
                    } else {
                        e
                    };
                    self.warnings
                        .push(format!("{}: rule `{rule_name}` is skipped: {why}", at(t)));
                    return Ok(None);
                }
            }
        }
        Ok(Some(then))
    }
}

pub(super) enum SevSetting {
    Off,
    On(Severity),
    /// `true` / `on`: the rule's own severity.
    Default,
}

pub(super) fn severity_value(node: &Node) -> Option<SevSetting> {
    match &node.value {
        Value::Bool(true) => Some(SevSetting::Default),
        Value::Bool(false) => Some(SevSetting::Off),
        Value::Number(n) => match n.as_i64()? {
            -1 => Some(SevSetting::Off),
            0 => Some(SevSetting::On(Severity::Error)),
            1 => Some(SevSetting::On(Severity::Warning)),
            2 => Some(SevSetting::On(Severity::Info)),
            3 => Some(SevSetting::On(Severity::Hint)),
            _ => None,
        },
        Value::String(s) => match s.as_str() {
            "off" => Some(SevSetting::Off),
            "on" => Some(SevSetting::Default),
            other => Severity::parse_spectral(other).map(SevSetting::On),
        },
        _ => None,
    }
}

/// `a.b[0]['c.d']` -> [a, b, 0, c.d]
pub(super) fn split_field(f: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = f.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            '[' => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                let quote = chars.peek().copied().filter(|q| *q == '\'' || *q == '"');
                if quote.is_some() {
                    chars.next();
                }
                for c in chars.by_ref() {
                    if Some(c) == quote {
                        continue;
                    }
                    if c == ']' {
                        break;
                    }
                    cur.push(c);
                }
                out.push(std::mem::take(&mut cur));
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `#Alias.rest` -> every target of the alias followed by `.rest`.
fn expand_alias(text: &str, aliases: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    expand_alias_depth(text, aliases, 0)
}

fn expand_alias_depth(
    text: &str,
    aliases: &HashMap<String, Vec<String>>,
    depth: usize,
) -> Result<Vec<String>, String> {
    let Some(rest) = text.strip_prefix('#') else {
        return Ok(vec![text.to_string()]);
    };
    if depth > 16 {
        return Err(format!("alias `{text}` refers to itself"));
    }
    let end = rest.find(['.', '[']).unwrap_or(rest.len());
    let (name, suffix) = rest.split_at(end);
    let targets = aliases
        .get(name)
        .ok_or_else(|| format!("unknown alias `#{name}`"))?;
    let mut out = Vec::new();
    for t in targets {
        for e in expand_alias_depth(t, aliases, depth + 1)? {
            out.push(format!("{e}{suffix}"));
        }
    }
    Ok(out)
}
