//! Running rules: select with `given`, pick `field`, call the function, turn what it
//! reports into findings, then drop what `x-specver-ignore` suppresses.

use super::jsonpath::{Docs, Hit, Seg};
use super::jsonschema::{Dialect, Validator, WorkspaceResolver};
use super::ruleset::{Field, Rule};
use super::util;
use super::{Finding, LintConfig};
use crate::diagnostic::Location;
use crate::load::{FileId, SpecFamily, Workspace};
use crate::tree::{Node, Span, Value};
use std::borrow::Cow;
use std::collections::HashSet;

/// Rules run on at most this many threads by default: a few rules take most of the time,
/// so more threads would mostly wait.
const MAX_THREADS: usize = 4;

/// What rules share while one document is linted.
pub(crate) struct Cx<'a> {
    pub ws: &'a Workspace,
    pub family: SpecFamily,
    /// Validator for the document's own schemas (examples, defaults).
    doc_validator: Option<Validator<'a, WorkspaceResolver<'a>>>,
    /// Every (file, JSON pointer) a `$ref` or discriminator mapping points at, with every
    /// prefix of it.
    referenced: Option<HashSet<(FileId, String)>>,
    /// The `schema` functions' schemas, compiled, by address.
    inline: rustc_hash::FxHashMap<*const Node, super::functions::InlineValidator<'a>>,
}

impl<'a> Cx<'a> {
    pub fn new(ws: &'a Workspace) -> Cx<'a> {
        Cx {
            ws,
            family: ws.spec_family,
            doc_validator: None,
            referenced: None,
            inline: Default::default(),
        }
    }

    /// The compiled validator for a `schema` function's schema.
    pub fn inline_validator(
        &mut self,
        schema: &'a Node,
        draft4: bool,
    ) -> &mut super::functions::InlineValidator<'a> {
        self.inline
            .entry(std::ptr::from_ref(schema))
            .or_insert_with(|| super::functions::inline_validator(schema, draft4))
    }

    /// The validator for schemas written in the document, in the document's dialect.
    pub fn doc_validator(&mut self) -> &mut Validator<'a, WorkspaceResolver<'a>> {
        let family = self.family;
        let ws = self.ws;
        self.doc_validator.get_or_insert_with(|| {
            Validator::new(
                WorkspaceResolver { ws },
                Dialect {
                    ref_overrides_siblings: matches!(
                        family,
                        SpecFamily::Swagger2 | SpecFamily::OpenApi30
                    ),
                    nullable: family == SpecFamily::OpenApi30,
                    formats: true,
                },
            )
        })
    }

    pub fn referenced(&mut self) -> &HashSet<(FileId, String)> {
        let ws = self.ws;
        self.referenced
            .get_or_insert_with(|| super::oas::referenced_pointers(ws))
    }
}

/// What a rule's function looks at: the `field` of one node `given` selected.
#[derive(Clone, Debug)]
pub(crate) struct Target<'a> {
    pub file: FileId,
    /// `None` when the field is missing (then `span` is the nearest node that exists).
    pub node: Option<&'a Node>,
    /// For `field: "@key"` and `given` ending in `~`: the member name (or array index) that
    /// is the value the function sees.
    pub key: Option<Cow<'a, str>>,
    pub span: Span,
    /// The last segment of the target's logical path: the member name or index it is at
    /// (kept alone because that is all functions ask for, and it costs no allocation).
    pub property: Option<Seg<'a>>,
    /// The segments of `field` that were not found (the node at `span` is the nearest that
    /// exists): what `{{property}}` names for a missing member, as Spectral has it.
    pub missing: Vec<String>,
}

/// In a function's message, Spectral's `#{{print("property")}}`: `"name" property ` for the
/// target's property, `The document ` for the root. The engine fills it in.
pub(crate) const PRINT_PROPERTY: &str = "\u{1}property\u{1}";

/// One failure a function reports.
#[derive(Clone, Debug)]
pub(crate) struct Report {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

impl Report {
    pub fn at_target(t: &Target<'_>, message: String) -> Report {
        Report {
            file: t.file,
            span: t.span,
            message,
        }
    }
}

/// The targets `field` picks from `hit`, as Spectral's `getLintTargets` has them: `field`
/// applies to objects and arrays only (a scalar `given` is its own target), and a field that
/// selects nothing still gives one target, an undefined value.
fn targets<'a>(docs: &Docs<'a>, hit: &Hit<'a>, field: Option<&'a Field>) -> Vec<Target<'a>> {
    let base_property = hit.last();
    let node_span = hit.node.span;
    let whole = || Target {
        file: hit.file,
        node: Some(hit.node),
        key: None,
        span: node_span,
        property: base_property,
        missing: Vec::new(),
    };
    let undefined = || Target {
        node: None,
        ..whole()
    };
    let Some(field) = field else {
        return vec![whole()];
    };
    if !matches!(hit.node.value, Value::Object(_) | Value::Array(_)) {
        return vec![whole()];
    }
    let out = match field {
        // `@key`: each member name of the object (each index of the array) `given` selected.
        Field::Key => match &hit.node.value {
            Value::Object(o) => o
                .entries
                .iter()
                .map(|e| Target {
                    file: hit.file,
                    node: None,
                    key: Some(Cow::Borrowed(e.key.as_str())),
                    span: e.key_span,
                    property: Some(Seg::Key(&e.key)),
                    missing: Vec::new(),
                })
                .collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| Target {
                    file: hit.file,
                    node: None,
                    key: Some(Cow::Owned(i.to_string())),
                    span: item.span,
                    property: Some(Seg::Index(i)),
                    missing: Vec::new(),
                })
                .collect(),
            _ => Vec::new(),
        },
        Field::Path(segs) => {
            let (mut file, mut node) = docs.deref(hit.file, hit.node);
            let property = segs.last().map(|s| Seg::Key(s.as_str())).or(base_property);
            let mut missing = Vec::new();
            for (i, s) in segs.iter().enumerate() {
                let next = match &node.value {
                    Value::Object(o) => o.get(s),
                    Value::Array(items) => s.parse::<usize>().ok().and_then(|ix| items.get(ix)),
                    _ => None,
                };
                match next {
                    Some(n) => (file, node) = docs.deref(file, n),
                    None => {
                        missing = segs[i..].to_vec();
                        break;
                    }
                }
            }
            vec![Target {
                file,
                node: missing.is_empty().then_some(node),
                key: None,
                span: node.span,
                property,
                missing,
            }]
        }
        Field::Query(q) => q
            .select_from(
                docs,
                Hit {
                    path: Vec::new(),
                    ..hit.clone()
                },
            )
            .into_iter()
            .map(|h| Target {
                file: h.file,
                node: Some(h.node),
                key: None,
                span: h.node.span,
                property: h.last().or(base_property),
                missing: Vec::new(),
            })
            .collect(),
    };
    if out.is_empty() {
        vec![undefined()]
    } else {
        out
    }
}

/// The targets of a `given` ending in `~` (JSONPath-Plus: the property names): the name of
/// each selected member, as a string value.
fn name_targets<'a>(hit: &Hit<'a>) -> Vec<Target<'a>> {
    let Some(Seg::Key(k)) = hit.last() else {
        return Vec::new();
    };
    vec![Target {
        file: hit.file,
        node: None,
        key: Some(Cow::Borrowed(k)),
        span: hit.key_span.unwrap_or(hit.node.span),
        property: hit.last(),
        missing: Vec::new(),
    }]
}

/// What a rule's message template is filled with (Spectral's `vars`), for one report.
struct Vars<'a> {
    /// The JSON pointer tokens of the reported node in its file.
    path: Vec<String>,
    /// The node there, if any.
    value: Option<&'a Node>,
    /// The segments of `field` that were not found.
    missing: &'a [String],
}

impl Vars<'_> {
    /// `{{property}}`: the last segment of the path; for a missing member, the path from
    /// the nearest node that exists to it (`get.summary`).
    fn property(&self) -> String {
        if !self.missing.is_empty() {
            let from = match self.path.last() {
                Some(last) => std::iter::once(last.as_str())
                    .chain(self.missing.iter().map(String::as_str))
                    .collect::<Vec<_>>(),
                // Spectral slices from index -1 here: the last missing segment alone.
                None => vec![self.missing.last().unwrap().as_str()],
            };
            return util::dot_path(&from);
        }
        self.path.last().cloned().unwrap_or_default()
    }

    /// `#{{print("property")}}`.
    fn print_property(&self) -> String {
        let p = self.property();
        if p.is_empty() {
            "The document ".to_string()
        } else {
            format!("\"{p}\" property ")
        }
    }

    /// `{{path}}`: the pointer as a URI fragment (`#/paths/~1pets~1%7Bid%7D`).
    fn path(&self) -> String {
        util::uri_fragment(&self.path)
    }

    /// `{{value}}`: JavaScript's `String(value)`.
    fn value(&self) -> String {
        self.value
            .map_or_else(|| "undefined".to_string(), util::js_string)
    }
}

/// Fills a template the way Spectral's message replacer does: `{{name}}` with a variable
/// (`error`, `description`, `path`, `property`, `value`; anything else is empty), and
/// `#{{print("name")}}` with its printed form.
fn fill(template: &str, vars: &Vars<'_>, error: &str, description: Option<&str>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let hash = open > 0 && rest.as_bytes()[open - 1] == b'#';
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        let ident = &after[..close];
        if ident.is_empty() || ident.contains(['}', '\n']) {
            out.push_str(&rest[..open + 2]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..if hash { open - 1 } else { open }]);
        let var = |name: &str| -> Option<String> {
            Some(match name {
                "error" => error.to_string(),
                "description" => description.unwrap_or("null").to_string(),
                "path" => vars.path(),
                "property" => vars.property(),
                "value" => vars.value(),
                _ => return None,
            })
        };
        if hash {
            let expr = ident.trim();
            let printed = expr
                .strip_prefix("print(")
                .and_then(|x| x.strip_suffix(')'))
                .map(|a| a.trim().trim_matches(|c| c == '"' || c == '\''));
            out.push_str(&match printed {
                Some("property") => vars.print_property(),
                Some("value") => match vars.value {
                    Some(n) => util::print_value(n),
                    None => "undefined".into(),
                },
                Some(other) => var(other).unwrap_or_default(),
                None => var(expr).unwrap_or_default(),
            });
        } else {
            out.push_str(&var(ident).unwrap_or_default());
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// (rule index, report, JSON pointer of the report's node in its file)
type Raw = (usize, Report, String);

/// Runs one rule over the workspace.
fn run_rule<'a>(cx: &mut Cx<'a>, ws: &'a Workspace, ri: usize, rule: &'a Rule, raw: &mut Vec<Raw>) {
    let docs = Docs::workspace(ws, rule.resolved);
    for q in &rule.given {
        for hit in q.select(&docs) {
            for then in &rule.then {
                let ts = if q.selects_names() {
                    name_targets(&hit)
                } else {
                    targets(&docs, &hit, then.field.as_ref())
                };
                for t in ts {
                    let mut reports = Vec::new();
                    then.function.run(cx, &t, &mut reports);
                    for r in reports {
                        let missing: &[String] =
                            if r.file == t.file && r.span == t.span && t.node.is_none() {
                                &t.missing
                            } else {
                                &[]
                            };
                        let (message, pointer) = message(ws, rule, &r, missing);
                        raw.push((ri, Report { message, ..r }, pointer));
                    }
                }
            }
        }
    }
}

/// Runs the rules `selected` (indices into `rules`) on up to `workers` threads; the reports
/// come back in rule order whatever the threads did.
fn run_rules(
    ws: &Workspace,
    rules: &[Rule],
    selected: &[usize],
    workers: usize,
    timing: bool,
) -> Vec<Raw> {
    // Schema validation recurses with the depth of the document: the same large stack as
    // the thread `lint` runs on.
    let per_rule = crate::parallel::map_in_order(
        selected.len(),
        workers,
        64 << 20,
        || Cx::new(ws),
        |cx, k| {
            let ri = selected[k];
            let started = timing.then(std::time::Instant::now);
            let mut raw = Vec::new();
            run_rule(cx, ws, ri, &rules[ri], &mut raw);
            if let Some(t) = started {
                eprintln!("{:>10.3?} {}", t.elapsed(), rules[ri].name);
            }
            raw
        },
    );
    per_rule.into_iter().flatten().collect()
}

/// Lints the workspace with the configured rules.
pub(crate) fn run(ws: &Workspace, config: &LintConfig) -> Vec<Finding> {
    // `SPECVER_LINT_TIMING=1` prints how long each rule takes (to standard error).
    let timing = std::env::var_os("SPECVER_LINT_TIMING").is_some();
    let rules = config.ruleset.rules();
    let overrides_exist = !config.ruleset.overrides.is_empty();
    let selected: Vec<usize> = rules
        .iter()
        .enumerate()
        .filter(|(_, rule)| config.wants(rule) && rule.applies_to(ws.spec_family))
        .filter(|(_, rule)| rule.severity.is_some() || overrides_exist)
        .map(|(ri, _)| ri)
        .collect();
    let workers = config
        .threads
        .unwrap_or_else(|| crate::parallel::default_threads(MAX_THREADS));
    let raw = run_rules(ws, rules, &selected, workers.max(1), timing);
    let started = timing.then(std::time::Instant::now);

    let ignores = if config.inline_ignores {
        collect_ignores(ws)
    } else {
        Vec::new()
    };
    let mut seen = HashSet::new();
    let mut kept: Vec<(usize, Report, String)> = Vec::new();
    for (ri, r, pointer) in raw {
        let rule = &rules[ri];
        if !seen.insert((ri, r.file, r.span, r.message.clone())) {
            continue;
        }
        if ignores.iter().any(|ig| {
            ig.file == r.file
                && ig.span.contains(r.span)
                && ig.rules.iter().any(|n| {
                    n == "*" || n == "all" || super::ruleset::canonical_name(n) == rule.name
                })
        }) {
            continue;
        }
        kept.push((ri, r, pointer));
    }
    // Positions in document order, so that each is counted on from the one before (a
    // minified document is one long line).
    kept.sort_by_key(|(ri, r, _)| (r.file, r.span.start, r.span.end, *ri));
    let mut lines: Vec<LineIndex<'_>> = ws.files().iter().map(LineIndex::new).collect();
    let mut findings = Vec::new();
    for (ri, r, pointer) in kept {
        let rule = &rules[ri];
        let file = ws.file(r.file);
        let Some(severity) = (if overrides_exist {
            config.ruleset.severity_for(rule, &file.name, &pointer)
        } else {
            rule.severity
        }) else {
            continue;
        };
        // A block mapping or sequence that is a member's value starts on the line after
        // its key; the finding is placed at the key, on the line Spectral gives.
        let at = file
            .tree()
            .and_then(|root| block_value_key(&file.text, root, r.span))
            .unwrap_or(r.span);
        let (line, column) = lines[r.file].line_col(at.start as usize);
        let (end_line, end_column) = lines[r.file].line_col_ahead(r.span.end as usize);
        findings.push(Finding {
            rule: rule.name.clone(),
            severity,
            message: r.message,
            file: file.name.clone(),
            line,
            column,
            end_line,
            end_column,
            pointer,
            location: Location {
                file: r.file,
                span: at,
            },
        });
    }
    if let Some(t) = started {
        eprintln!("{:>10.3?} (positions, ignores, sorting)", t.elapsed());
    }
    findings.sort_by(|a, b| {
        (
            a.location.file,
            a.location.span.start,
            &a.rule,
            a.location.span.end,
        )
            .cmp(&(
                b.location.file,
                b.location.span.start,
                &b.rule,
                b.location.span.end,
            ))
    });
    findings
}

/// A report's message, as Spectral makes it: the function's message with its property
/// filled in; then the rule's `message` template filled with it (`{{error}}`) and the other
/// variables, or else (for rules of a user's ruleset) the rule's description. Returns the
/// message and the JSON pointer of the report's node.
fn message(ws: &Workspace, rule: &Rule, r: &Report, missing: &[String]) -> (String, String) {
    let root = ws.file(r.file).tree();
    let pointer = root
        .map(|root| crate::tree::pointer::pointer_at(root, r.span))
        .unwrap_or_default();
    let builtin = rule.source == "builtin";
    let needs_vars = r.message.contains(PRINT_PROPERTY)
        || rule.message.as_deref().is_some_and(|m| m.contains("{{"));
    if !needs_vars {
        let message = match (&rule.message, &rule.description) {
            (Some(m), _) => m.clone(),
            (None, Some(d)) if !builtin => d.clone(),
            _ => r.message.clone(),
        };
        return (message.trim().to_string(), pointer);
    }
    let vars = Vars {
        path: crate::tree::pointer::tokens(&pointer).unwrap_or_default(),
        value: root.and_then(|root| crate::tree::pointer::lookup(root, &pointer).ok()),
        missing,
    };
    let error = r.message.replace(PRINT_PROPERTY, &vars.print_property());
    let message = match (&rule.message, &rule.description) {
        (Some(m), _) => fill(m, &vars, &error, rule.description.as_deref()),
        (None, Some(d)) if !builtin => d.clone(),
        _ => error,
    };
    (message.trim().to_string(), pointer)
}

/// The span of the key whose value is the block mapping or sequence at `span` (a value
/// that starts on a line after its key), if that is what `span` is.
fn block_value_key(text: &str, root: &Node, span: Span) -> Option<Span> {
    let mut node = root;
    loop {
        match &node.value {
            Value::Object(o) => {
                // By binary search where the entries are in document order (large maps): a
                // finding on a key of `components/schemas` must not scan all of them.
                let e = o.value_covering(span)?;
                if e.value.span == span {
                    let container = matches!(e.value.value, Value::Object(_) | Value::Array(_));
                    let between = text.get(e.key_span.end as usize..span.start as usize)?;
                    return (container && between.contains('\n')).then_some(e.key_span);
                }
                node = &e.value;
            }
            Value::Array(items) => {
                node = items.iter().find(|i| i.span.contains(span))?;
                if node.span == span {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

/// Byte offsets to 1-based line and column (in characters), counting on from the previous
/// offset when it is on the same line and not after this one.
struct LineIndex<'w> {
    file: &'w crate::load::SourceFile,
    /// (offset, line, column) of the last start asked for.
    last: Option<(usize, usize, usize)>,
}

impl<'w> LineIndex<'w> {
    fn new(file: &'w crate::load::SourceFile) -> Self {
        LineIndex { file, last: None }
    }

    fn line_of(&self, offset: usize) -> usize {
        let (mut lo, mut hi) = (1, self.file.map().line_count());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if self.file.map().line_start(mid).is_some_and(|s| s <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }

    fn count(&self, from: usize, to: usize) -> usize {
        let text = &self.file.text;
        let mut to = to.min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        text[from.min(to)..to].chars().count()
    }

    fn compute(&self, offset: usize) -> (usize, usize, usize) {
        let line = self.line_of(offset);
        let col = match self.last {
            Some((lo, ll, lc)) if ll == line && lo <= offset => lc + self.count(lo, offset),
            _ => self.count(self.file.map().line_start(line).unwrap_or(0), offset) + 1,
        };
        (offset, line, col)
    }

    fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let (o, l, c) = self.compute(offset);
        self.last = Some((o, l, c));
        (l, c)
    }

    /// Like [`Self::line_col`], for an offset after the last start (a span's end); does not
    /// move the starting point on.
    fn line_col_ahead(&self, offset: usize) -> (usize, usize) {
        let (_, l, c) = self.compute(offset);
        (l, c)
    }
}

struct Ignore {
    file: FileId,
    span: Span,
    rules: Vec<String>,
}

/// Every `x-specver-ignore: [rule, ...]` (or a single name) in every file.
fn collect_ignores(ws: &Workspace) -> Vec<Ignore> {
    let mut out = Vec::new();
    for f in ws.files() {
        let Some(root) = f.tree() else { continue };
        // A quick text check skips the walk for the (usual) files without any.
        if !f.text.contains("x-specver-ignore") {
            continue;
        }
        // (node, the span of the key it is the value of)
        let mut stack: Vec<(&Node, Option<Span>)> = vec![(root, None)];
        while let Some((n, key_span)) = stack.pop() {
            match &n.value {
                Value::Object(o) => {
                    if let Some(v) = o.get("x-specver-ignore") {
                        let rules = match &v.value {
                            Value::String(s) => vec![s.to_string()],
                            Value::Array(items) => items
                                .iter()
                                .filter_map(|i| i.as_str().map(str::to_string))
                                .collect(),
                            _ => Vec::new(),
                        };
                        // The region covers the key too: a finding about a path's key is
                        // suppressed from inside the path item.
                        let start = key_span.map_or(n.span.start, |k| k.start.min(n.span.start));
                        out.push(Ignore {
                            file: f.id,
                            span: Span {
                                start,
                                end: n.span.end,
                            },
                            rules,
                        });
                    }
                    stack.extend(o.entries.iter().map(|e| (&e.value, Some(e.key_span))));
                }
                Value::Array(items) => stack.extend(items.iter().map(|i| (i, None))),
                _ => {}
            }
        }
    }
    out
}
