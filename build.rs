//! Expands the rule templates in `rules/changes.yaml` and `rules/policy.yaml` into the full
//! change catalogue, and writes it as Rust (`$OUT_DIR/catalogue.rs`, included by
//! `src/rules/catalogue.rs`): one typed `ids::` constant per change id, a `SchemaChange`
//! variant per schema fact template with its id in every context, and the static tables
//! `specver rules` and `specver explain` read. Rust code names ids through these constants,
//! so an id the catalogue lacks is a compile error.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The contexts a schema fact is reported in, in the order of `Context` in
/// src/rules/catalogue.rs.
const CONTEXTS: [&str; 8] = [
    "request-body",
    "request-property",
    "request-parameter",
    "request-parameter-property",
    "response-body",
    "response-property",
    "response-header",
    "response-header-property",
];

/// The client profiles a level can be given for, in the order of `Profile` in
/// src/rules/profile.rs. An id without an `sdk` level has its `wire` level there too.
const PROFILES: [&str; 2] = ["wire", "sdk"];

const SOURCES: [&str; 2] = ["rules/changes.yaml", "rules/policy.yaml"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    fact: Option<String>,
    id: Option<String>,
    contexts: Option<Vec<String>>,
    direction: Option<String>,
    message: String,
    /// For docs, where the message is all placeholders.
    #[serde(default)]
    summary: Option<String>,
    level: yaml_serde::Value,
    #[serde(default)]
    kind: Option<String>,
    bump: String,
    #[serde(default)]
    oasdiff: Option<yaml_serde::Value>,
    #[serde(default)]
    why: Option<String>,
    /// Why the `sdk` level differs from the `wire` level (required then).
    #[serde(default, rename = "sdk-why")]
    sdk_why: Option<String>,
    reference: Option<String>,
    #[serde(default)]
    example: Option<Example>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    base: yaml_serde::Value,
    revision: yaml_serde::Value,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    config: Option<String>,
}

struct Expanded {
    id: String,
    level: String,
    sdk_level: String,
    direction: String,
    origin: &'static str,
    context: Option<usize>,
}

fn main() {
    for source in SOURCES {
        println!("cargo::rerun-if-changed={source}");
    }
    version_with_commit();
    let mut rules: Vec<Expanded> = Vec::new();
    let mut rule_template: Vec<usize> = Vec::new();
    let mut templates = String::new();
    // Per template: its message and its levels as written, for the generated docs.
    let mut template_docs: Vec<(String, String)> = Vec::new();
    let mut schema_changes: Vec<(String, [usize; 8])> = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut count = 0usize;
    for source in SOURCES {
        let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
        let text = std::fs::read_to_string(std::path::Path::new(&dir).join(source))
            .unwrap_or_else(|e| panic!("{source}: {e}"));
        let entries: Vec<Entry> = yaml_serde::from_str(&text).unwrap_or_else(|e| {
            panic!("{source}: {e} (the format is described at the top of rules/changes.yaml)")
        });
        for entry in entries {
            let t = count;
            count += 1;
            let first = rules.len();
            let (name, form) = match (&entry.fact, &entry.id) {
                (Some(f), None) => (f.clone(), "Form::Fact"),
                (None, Some(i)) => (i.clone(), "Form::Id"),
                _ => panic!("{source}: an entry has `fact:` or `id:`, not both or neither"),
            };
            let kind = entry.kind.as_deref().unwrap_or("change");
            let kind = match kind {
                "change" => "Kind::Change",
                "policy" => "Kind::Policy",
                "lifecycle" => "Kind::Lifecycle",
                other => {
                    panic!("{source}: {name}: kind `{other}` is not change, policy or lifecycle")
                }
            };
            let bump = match entry.bump.as_str() {
                "none" => "BumpEffect::None",
                "patch" => "BumpEffect::Patch",
                "minor" => "BumpEffect::Minor",
                "major-if-error" => "BumpEffect::MajorIfError",
                other => panic!(
                    "{source}: {name}: bump `{other}` is not none, patch, minor or major-if-error"
                ),
            };
            let oasdiff_contexts: Vec<String> = match &entry.oasdiff {
                None => Vec::new(),
                Some(yaml_serde::Value::String(s)) if s == "all" => {
                    CONTEXTS.iter().map(|c| c.to_string()).collect()
                }
                Some(v) => yaml_serde::from_value(v.clone()).unwrap_or_else(|e| {
                    panic!("{source}: {name}: `oasdiff:` is `all` or a list of contexts: {e}")
                }),
            };
            let mut push = |id: String,
                            (level, sdk_level): (String, String),
                            direction: String,
                            oasdiff: bool,
                            context: Option<usize>| {
                if let Some(other) = seen.insert(id.clone(), name.clone()) {
                    panic!("{source}: change id `{id}` comes from both `{other}` and `{name}`");
                }
                assert!(
                    level == sdk_level || entry.sdk_why.is_some(),
                    "{source}: {name}: `{id}` has another level under `sdk` than under `wire`, which needs an `sdk-why`"
                );
                rules.push(Expanded {
                    id,
                    level,
                    sdk_level,
                    direction,
                    origin: if oasdiff { "oasdiff" } else { "specver" },
                    context,
                });
                rule_template.push(t);
            };
            assert!(
                !names_a_context(&entry.level) || entry.why.is_some(),
                "{source}: {name}: a level set for one context needs a `why`"
            );
            let levels = |context: Option<&str>, direction: &str| {
                let [wire, sdk] =
                    PROFILES.map(|p| level_in(&entry.level, context, direction, p, source, &name));
                (wire, sdk)
            };
            if entry.fact.is_some() {
                let contexts: Vec<String> = entry
                    .contexts
                    .clone()
                    .unwrap_or_else(|| CONTEXTS.iter().map(|c| c.to_string()).collect());
                let mut table = [usize::MAX; 8];
                for c in &contexts {
                    let ci = CONTEXTS
                        .iter()
                        .position(|k| k == c)
                        .unwrap_or_else(|| panic!("{source}: {name}: unknown context `{c}`"));
                    let direction = c.split('-').next().unwrap().to_string();
                    let level = levels(Some(c), &direction);
                    table[ci] = first + table.iter().filter(|&&x| x != usize::MAX).count();
                    push(
                        format!("{c}-{name}"),
                        level,
                        direction,
                        oasdiff_contexts.contains(c),
                        Some(ci),
                    );
                }
                if contexts.len() == CONTEXTS.len() {
                    schema_changes.push((name.clone(), table));
                }
            } else {
                let direction = entry
                    .direction
                    .clone()
                    .unwrap_or_else(|| panic!("{source}: {name}: `direction:` is required"));
                assert!(
                    ["request", "response", "none"].contains(&direction.as_str()),
                    "{source}: {name}: direction `{direction}` is not request, response or none"
                );
                let level = levels(None, &direction);
                push(
                    name.clone(),
                    level,
                    direction,
                    entry.oasdiff.is_some(),
                    None,
                );
            }
            let example = match &entry.example {
                None => "None".to_string(),
                Some(ex) => format!(
                    "Some(Example {{ base: {:?}, revision: {:?}, date: {:?}, config: {:?} }})",
                    example_text(&ex.base),
                    example_text(&ex.revision),
                    ex.date,
                    ex.config
                ),
            };
            template_docs.push((entry.message.clone(), level_text(&entry.level)));
            writeln!(
                templates,
                "    Template {{ name: {name:?}, form: {form}, source: {source:?}, message: {msg:?}, summary: {summary:?}, \
                 levels: {levels:?}, kind: {kind}, bump: {bump}, why: {why:?}, sdk_why: {sdk_why:?}, reference: {reference:?}, \
                 example: {example}, rules: {first}..{end} }},",
                msg = entry.message,
                summary = entry.summary.as_deref().unwrap_or(&entry.message),
                levels = level_text(&entry.level),
                why = entry.why,
                sdk_why = entry.sdk_why,
                reference = entry.reference,
                end = rules.len(),
            )
            .unwrap();
        }
    }

    let mut out = String::new();
    out.push_str(
        "// Generated by build.rs from rules/changes.yaml and rules/policy.yaml. Do not edit.\n\n",
    );
    out.push_str(
        "/// Every change id of the catalogue, in catalogue order (the order of the templates in\n\
         /// `rules/changes.yaml` then `rules/policy.yaml`, each expanded over its contexts):\n\
         /// a [`ChangeId`] is an index into it.\n",
    );
    writeln!(out, "pub static RULES: [Rule; {}] = [", rules.len()).unwrap();
    for (r, t) in rules.iter().zip(&rule_template) {
        writeln!(
            out,
            "    Rule {{ id: {:?}, level: Level::{}, sdk_level: Level::{}, direction: {:?}, origin: {:?}, template: {t}, context: {} }},",
            r.id,
            capitalise(&r.level),
            capitalise(&r.sdk_level),
            r.direction,
            r.origin,
            match r.context {
                Some(c) => format!("Some(Context::ALL[{c}])"),
                None => "None".into(),
            }
        )
        .unwrap();
    }
    out.push_str("];\n\n");
    out.push_str(
        "/// Every entry of `rules/changes.yaml` then `rules/policy.yaml`, in file order; each\n\
         /// names its ids as a range of [`RULES`].\n",
    );
    writeln!(out, "pub static TEMPLATES: [Template; {count}] = [").unwrap();
    out.push_str(&templates);
    out.push_str("];\n\n");
    out.push_str(
        "/// Every change id, as a typed constant.\npub mod ids {\n    use super::ChangeId;\n",
    );
    for (i, r) in rules.iter().enumerate() {
        writeln!(
            out,
            "    #[doc = {:?}]",
            id_doc(r, &template_docs[rule_template[i]])
        )
        .unwrap();
        writeln!(
            out,
            "    pub const {}: ChangeId = ChangeId({i});",
            r.id.to_uppercase().replace('-', "_")
        )
        .unwrap();
    }
    out.push_str("}\n\n");
    out.push_str(
        "/// A schema fact template: its id in each context is `{context}-{fact}`.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum SchemaChange {\n",
    );
    for (name, table) in &schema_changes {
        let (message, levels) = &template_docs[rule_template[table[0]]];
        let doc = format!(
            "`{{context}}-{name}`, e.g. `{}`. Levels: {levels}. Message: \"{message}\"",
            rules[table[0]].id
        );
        writeln!(out, "    #[doc = {doc:?}]\n    {},", camel(name)).unwrap();
    }
    out.push_str("}\n\n");
    writeln!(
        out,
        "static SCHEMA_TABLE: [[u16; 8]; {}] = [",
        schema_changes.len()
    )
    .unwrap();
    for (_, table) in &schema_changes {
        writeln!(out, "    {table:?},").unwrap();
    }
    out.push_str("];\n\n");
    writeln!(
        out,
        "impl SchemaChange {{\n    /// Every schema fact template, in catalogue order.\n    pub const ALL: [SchemaChange; {}] = [{}];\n\n    \
         /// The change id of this fact in one context.\n    \
         pub const fn in_context(self, context: Context) -> ChangeId {{\n        \
         ChangeId(SCHEMA_TABLE[self as usize][context as usize])\n    }}\n}}",
        schema_changes.len(),
        schema_changes
            .iter()
            .map(|(n, _)| format!("SchemaChange::{}", camel(n)))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogue.rs");
    std::fs::write(dest, out).unwrap();
}

/// The level of an entry in one context under one profile. A level is a name, a map of
/// profiles (`{wire: warning, sdk: error}`: a profile without a key has `wire`'s), or a map
/// of directions and contexts (a context key wins over its direction); either map may hold
/// the other.
fn level_in(
    level: &yaml_serde::Value,
    context: Option<&str>,
    direction: &str,
    profile: &str,
    source: &str,
    name: &str,
) -> String {
    use yaml_serde::Value as V;
    fn resolve(
        v: &V,
        context: Option<&str>,
        direction: &str,
        profile: &str,
        at: &str,
    ) -> Option<String> {
        match v {
            V::String(s) => Some(s.clone()),
            V::Mapping(m) => {
                let keys: Vec<&str> = m.keys().map(|k| k.as_str().unwrap_or_default()).collect();
                if keys.iter().any(|k| PROFILES.contains(k)) {
                    for k in &keys {
                        assert!(
                            PROFILES.contains(k),
                            "{at}: level key `{k}` beside a profile is not a profile (wire, sdk)"
                        );
                    }
                    let chosen = m
                        .get(profile)
                        .or_else(|| m.get("wire"))
                        .unwrap_or_else(|| panic!("{at}: a map of profiles needs `wire`"));
                    resolve(chosen, context, direction, profile, at)
                } else {
                    for k in &keys {
                        assert!(
                            *k == "request" || *k == "response" || CONTEXTS.contains(k),
                            "{at}: level key `{k}` is not a profile, request, response or a context"
                        );
                    }
                    context
                        .and_then(|c| m.get(c))
                        .or_else(|| m.get(direction))
                        .and_then(|v| resolve(v, context, direction, profile, at))
                }
            }
            _ => None,
        }
    }
    let at = format!("{source}: {name}");
    let level = resolve(level, context, direction, profile, &at).unwrap_or_else(|| {
        panic!(
            "{at}: no {profile} level for {}",
            context.unwrap_or(direction)
        )
    });
    assert!(
        ["error", "warning", "info"].contains(&level.as_str()),
        "{at}: level `{level}` is not error, warning or info"
    );
    level
}

/// The doc comment of an `ids::` constant: the id, its levels and its message template.
fn id_doc(rule: &Expanded, (message, _): &(String, String)) -> String {
    let levels = if rule.level == rule.sdk_level {
        rule.level.clone()
    } else {
        format!("{} (sdk: {})", rule.level, rule.sdk_level)
    };
    format!("`{}`: {levels}. Message: \"{message}\"", rule.id)
}

/// Whether a level names a context anywhere (which needs a `why`).
fn names_a_context(level: &yaml_serde::Value) -> bool {
    match level {
        yaml_serde::Value::Mapping(m) => m
            .iter()
            .any(|(k, v)| CONTEXTS.contains(&k.as_str().unwrap_or_default()) || names_a_context(v)),
        _ => false,
    }
}

/// How the levels read in the docs: `error`, `request: error, response: info`, or
/// `request: info, response: {wire: warning, sdk: error}`.
fn level_text(level: &yaml_serde::Value) -> String {
    fn flow(v: &yaml_serde::Value) -> String {
        match v {
            yaml_serde::Value::String(s) => s.clone(),
            yaml_serde::Value::Mapping(m) => format!("{{{}}}", entries(m)),
            other => yaml_serde::to_string(other)
                .unwrap_or_default()
                .trim()
                .into(),
        }
    }
    fn entries(m: &yaml_serde::Mapping) -> String {
        m.iter()
            .map(|(k, v)| format!("{}: {}", k.as_str().unwrap_or_default(), flow(v)))
            .collect::<Vec<_>>()
            .join(", ")
    }
    match level {
        yaml_serde::Value::Mapping(m) => entries(m),
        other => flow(other),
    }
}

fn example_text(v: &yaml_serde::Value) -> String {
    match v {
        yaml_serde::Value::String(s) => s.clone(),
        other => yaml_serde::to_string(other).unwrap_or_default(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn camel(name: &str) -> String {
    name.split('-').map(capitalise).collect()
}

/// `SPECVER_VERSION`: the package version and, when built from a git work tree, the commit
/// (`0.1.0 (3c9e40c1)`, with `-dirty` for uncommitted changes), so that `specver --version`
/// says exactly which build reports a verdict. A build from a source archive says only the
/// version.
fn version_with_commit() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let full = match git(&["rev-parse", "--short=8", "HEAD"]) {
        Some(commit) if !commit.is_empty() => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|s| !s.is_empty());
            format!("{version} ({commit}{})", if dirty { "-dirty" } else { "" })
        }
        _ => version,
    };
    println!("cargo::rustc-env=SPECVER_VERSION={full}");
    // A new commit or a checkout changes HEAD or the ref it names.
    if let Some(head) = git(&["rev-parse", "--git-path", "HEAD"]) {
        println!(
            "cargo::rerun-if-changed={}",
            std::path::Path::new(&dir).join(head).display()
        );
    }
    if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"])
        && let Some(path) = git(&["rev-parse", "--git-path", &reference])
    {
        println!(
            "cargo::rerun-if-changed={}",
            std::path::Path::new(&dir).join(path).display()
        );
    }
}
