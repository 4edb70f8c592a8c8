//! Running rules: select with `given`, pick `field`, call the function, turn what it
//! reports into findings, then drop what `x-specver-ignore` suppresses.

use super::jsonpath::{Docs, Hit, Seg};
use super::jsonschema::{Dialect, Validator, WorkspaceResolver};
use super::ruleset::{Field, Rule};
use super::{Finding, LintConfig};
use crate::diagnostic::Location;
use crate::load::{FileId, SpecFamily, Workspace};
use crate::tree::{Node, Span, Value};
use std::collections::HashSet;

/// What rules share while one document is linted.
pub(crate) struct Cx<'a> {
    pub ws: &'a Workspace,
    pub family: SpecFamily,
    /// Validator for the document's own schemas (examples, defaults).
    doc_validator: Option<Validator<'a, WorkspaceResolver<'a>>>,
    /// Every (file, JSON pointer) a `$ref` or discriminator mapping points at, with every
    /// prefix of it.
    referenced: Option<HashSet<(FileId, String)>>,
}

impl<'a> Cx<'a> {
    pub fn new(ws: &'a Workspace) -> Cx<'a> {
        Cx {
            ws,
            family: ws.spec_family,
            doc_validator: None,
            referenced: None,
        }
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
    /// For `field: "@key"`: the member name.
    pub key: Option<&'a str>,
    pub span: Span,
    /// Logical path of the target (for `{{path}}` and `{{property}}`).
    pub path: Vec<String>,
}

impl Target<'_> {
    pub fn property(&self) -> String {
        self.path.last().cloned().unwrap_or_default()
    }

    /// The target as text: the key, or a scalar.
    pub fn text(&self) -> Option<String> {
        if let Some(k) = self.key {
            return Some(k.to_string());
        }
        let n = self.node?;
        match &n.value {
            Value::Object(_) | Value::Array(_) | Value::Null => None,
            _ => n.scalar_text().map(|s| s.into_owned()),
        }
    }
}

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

fn seg_string(s: &Seg<'_>) -> String {
    s.to_string()
}

/// The targets `field` picks from `hit`.
fn targets<'a>(docs: &Docs<'a>, hit: &Hit<'a>, field: Option<&'a Field>) -> Vec<Target<'a>> {
    let base_path: Vec<String> = hit.path.iter().map(seg_string).collect();
    let node_span = hit.node.span;
    match field {
        None => vec![Target {
            file: hit.file,
            node: Some(hit.node),
            key: None,
            span: node_span,
            path: base_path,
        }],
        // `@key`: each member name of the object `given` selected (Spectral's reading), or
        // the name the node was reached by when it is not an object.
        Some(Field::Key) => match hit.node.as_object() {
            Some(o) => o
                .entries
                .iter()
                .map(|e| {
                    let mut path = base_path.clone();
                    path.push(e.key.clone());
                    Target {
                        file: hit.file,
                        node: None,
                        key: Some(e.key.as_str()),
                        span: e.key_span,
                        path,
                    }
                })
                .collect(),
            None => match hit.last() {
                Some(Seg::Key(k)) => vec![Target {
                    file: hit.file,
                    node: None,
                    key: Some(k),
                    span: hit.key_span.unwrap_or(node_span),
                    path: base_path,
                }],
                _ => Vec::new(),
            },
        },
        Some(Field::Path(segs)) => {
            let (mut file, mut node) = docs.deref(hit.file, hit.node);
            let mut path = base_path;
            let mut found = true;
            let mut key_span = None;
            for (i, s) in segs.iter().enumerate() {
                path.push(s.clone());
                let next = match &node.value {
                    Value::Object(o) => o.entry(s).map(|e| (&e.value, Some(e.key_span))),
                    Value::Array(items) => s
                        .parse::<usize>()
                        .ok()
                        .and_then(|ix| items.get(ix))
                        .map(|n| (n, None)),
                    _ => None,
                };
                match next {
                    Some((n, ks)) => {
                        key_span = ks;
                        (file, node) = docs.deref(file, n);
                    }
                    None => {
                        found = false;
                        path.extend(segs[i + 1..].iter().cloned());
                        break;
                    }
                }
            }
            let _ = key_span;
            vec![Target {
                file,
                node: found.then_some(node),
                key: None,
                span: node.span,
                path,
            }]
        }
        Some(Field::Query(q)) => q
            .select_from(
                docs,
                Hit {
                    path: Vec::new(),
                    ..hit.clone()
                },
            )
            .into_iter()
            .map(|h| {
                let mut path = base_path.clone();
                path.extend(h.path.iter().map(seg_string));
                Target {
                    file: h.file,
                    node: Some(h.node),
                    key: None,
                    span: h.node.span,
                    path,
                }
            })
            .collect(),
    }
}

/// Fills a message template (`{{error}}`, `{{description}}`, `{{path}}`, `{{property}}`,
/// `{{value}}`).
fn render(template: &str, rule: &Rule, t: &Target<'_>, error: &str) -> String {
    if !template.contains("{{") {
        return template.to_string();
    }
    let value = match (t.key, t.node) {
        (Some(k), _) => k.to_string(),
        (None, Some(n)) => super::util::show(n),
        _ => String::new(),
    };
    template
        .replace("{{error}}", error)
        .replace("{{description}}", rule.description.as_deref().unwrap_or(""))
        .replace("{{path}}", &t.path.join("."))
        .replace("{{property}}", &t.property())
        .replace("{{value}}", &value)
}

/// Lints the workspace with the configured rules.
pub(crate) fn run(ws: &Workspace, config: &LintConfig) -> Vec<Finding> {
    let mut cx = Cx::new(ws);
    // `SPECVER_LINT_TIMING=1` prints how long each rule takes (to standard error).
    let timing = std::env::var_os("SPECVER_LINT_TIMING").is_some();
    let mut raw: Vec<(usize, Report)> = Vec::new();
    let rules = config.ruleset.rules();
    let overrides_exist = !config.ruleset.overrides.is_empty();
    for (ri, rule) in rules.iter().enumerate() {
        if !config.wants(rule) || !rule.applies_to(ws.spec_family) {
            continue;
        }
        if rule.severity.is_none() && !overrides_exist {
            continue;
        }
        let docs = Docs::workspace(ws, rule.resolved);
        let started = timing.then(std::time::Instant::now);
        for q in &rule.given {
            for hit in q.select(&docs) {
                for then in &rule.then {
                    for t in targets(&docs, &hit, then.field.as_ref()) {
                        let mut reports = Vec::new();
                        then.function.run(&mut cx, &t, &mut reports);
                        for r in reports {
                            let message = match (&rule.message, &rule.description) {
                                (Some(m), _) => render(m, rule, &t, &r.message),
                                (None, _) => r.message.clone(),
                            };
                            raw.push((ri, Report { message, ..r }));
                        }
                    }
                }
            }
        }
        if let Some(t) = started {
            eprintln!("{:>10.3?} {}", t.elapsed(), rule.name);
        }
    }
    let started = timing.then(std::time::Instant::now);

    let ignores = if config.inline_ignores {
        collect_ignores(ws)
    } else {
        Vec::new()
    };
    let mut seen = HashSet::new();
    let mut kept: Vec<(usize, Report)> = Vec::new();
    for (ri, r) in raw {
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
        kept.push((ri, r));
    }
    // Positions in document order, so that each is counted on from the one before (a
    // minified document is one long line).
    kept.sort_by_key(|(ri, r)| (r.file, r.span.start, r.span.end, *ri));
    let mut lines: Vec<LineIndex<'_>> = ws.files().iter().map(LineIndex::new).collect();
    let mut findings = Vec::new();
    for (ri, r) in kept {
        let rule = &rules[ri];
        let file = ws.file(r.file);
        let pointer = file
            .root
            .as_ref()
            .map(|root| crate::tree::pointer::pointer_at(root, r.span))
            .unwrap_or_default();
        let Some(severity) = (if overrides_exist {
            config.ruleset.severity_for(rule, &file.name, &pointer)
        } else {
            rule.severity
        }) else {
            continue;
        };
        let (line, column) = lines[r.file].line_col(r.span.start as usize);
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
                span: r.span,
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
        let (mut lo, mut hi) = (1, self.file.map.line_count());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if self.file.map.line_start(mid).is_some_and(|s| s <= offset) {
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
            _ => self.count(self.file.map.line_start(line).unwrap_or(0), offset) + 1,
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
        let Some(root) = &f.root else { continue };
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
                            Value::String(s) => vec![s.clone()],
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
