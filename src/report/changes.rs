//! Rendering diff changes: rustc-like text with snippets from both files, JSON, YAML and a
//! Markdown changelog, all from one record per change.

use crate::diagnostic::{Location, Position};
use crate::diff::{Affected, Change, Direction};
use crate::load::Workspace;
use crate::model::Origin;
use crate::rules::changes::Level;

use serde::Serialize;

/// The two loaded documents a diff compared, for positions and snippets.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    /// The base document's files.
    pub base: &'a Workspace,
    /// The revision's files.
    pub revision: &'a Workspace,
}

/// One change as the JSON and YAML reports write it: positions resolved to file, line and
/// column.
#[derive(Clone, Debug, Serialize)]
pub struct ChangeRecord {
    /// The change id.
    pub id: String,
    /// Its level.
    pub level: Level,
    /// Its message.
    pub message: String,
    /// Where it is in the base, when the base has it.
    pub base: Option<Position>,
    /// Where it is in the revision, when the revision has it.
    pub revision: Option<Position>,
    /// The operations it reaches, each with its id and level there.
    pub operations: Vec<Affected>,
    /// Other places the same change was written, when it was written several times.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<AlsoAt>,
    /// The values the change lists (enum values added or removed), one by one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<serde_json::Value>,
}

/// Another place the same change was written.
#[derive(Clone, Debug, Serialize)]
pub struct AlsoAt {
    /// In the base.
    pub base: Option<Position>,
    /// In the revision.
    pub revision: Option<Position>,
}

/// How many changes there are at each level.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Error-level changes.
    pub error: usize,
    /// Warning-level changes.
    pub warning: usize,
    /// Info-level changes.
    pub info: usize,
}

/// What `--format json` and `--format yaml` print for the diff commands.
#[derive(Clone, Debug, Serialize)]
pub struct ChangesReport {
    /// One record per change, in report order.
    pub changes: Vec<ChangeRecord>,
    /// Counts per level.
    pub summary: Summary,
    /// The client profile whose levels apply (`wire` or `sdk`).
    pub profile: crate::rules::Profile,
    /// The settings file that applied (`.specver.yaml`), when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<String>,
}

/// Counts the changes per level.
pub fn summary(changes: &[Change]) -> Summary {
    let mut s = Summary::default();
    for c in changes {
        match c.level {
            Level::Error => s.error += 1,
            Level::Warning => s.warning += 1,
            Level::Info | Level::Hint => s.info += 1,
        }
    }
    s
}

/// The record of a list of changes, positions resolved against the two documents (profile
/// `wire` and no settings file: set them after).
pub fn report(sources: Sources<'_>, changes: &[Change]) -> ChangesReport {
    ChangesReport {
        changes: changes.iter().map(|c| record(sources, c)).collect(),
        summary: summary(changes),
        profile: crate::rules::Profile::Wire,
        settings: None,
    }
}

fn record(sources: Sources<'_>, c: &Change) -> ChangeRecord {
    let at = |ws: &Workspace, o: Option<Origin>| o.map(|o| ws.position(exact(ws, o, &c.id)));
    ChangeRecord {
        id: c.id.clone(),
        level: c.level,
        message: c.message.clone(),
        base: at(sources.base, c.base),
        revision: at(sources.revision, c.revision),
        operations: c.operations.clone(),
        also: c
            .also
            .iter()
            .map(|(b, r)| AlsoAt {
                base: at(sources.base, *b),
                revision: at(sources.revision, *r),
            })
            .collect(),
        values: c.values.clone(),
    }
}

/// The JSON keyword a change id is about, so that findings point at `enum:` rather than at
/// the first line of a 200-line schema.
fn keyword_of(id: &str) -> Option<&'static str> {
    const KEYWORDS: [(&str, &str); 26] = [
        ("-enum-value-", "enum"),
        ("-became-enum", "enum"),
        ("-enum-removed", "enum"),
        ("-exclusive-max-", "exclusiveMaximum"),
        ("-exclusive-min-", "exclusiveMinimum"),
        ("-max-length-", "maxLength"),
        ("-min-length-", "minLength"),
        ("-max-items-", "maxItems"),
        ("-min-items-", "minItems"),
        ("-max-properties-", "maxProperties"),
        ("-min-properties-", "minProperties"),
        ("-max-contains-", "maxContains"),
        ("-min-contains-", "minContains"),
        ("-max-", "maximum"),
        ("-min-", "minimum"),
        ("-pattern-", "pattern"),
        ("-format-", "format"),
        ("-type-", "type"),
        ("-list-of-types-", "type"),
        ("-nullable", "nullable"),
        ("-const-", "const"),
        ("-default-value-", "default"),
        ("-one-of-", "oneOf"),
        ("-any-of-", "anyOf"),
        ("-discriminator-", "discriminator"),
        ("-description-changed", "description"),
    ];
    KEYWORDS
        .iter()
        .find(|(part, _)| id.contains(part))
        .map(|(_, k)| *k)
}

/// Narrows an origin to the keyword the change is about, when the schema writes it itself.
fn exact(ws: &Workspace, origin: Origin, id: &str) -> Location {
    let whole = Location {
        file: origin.file,
        span: origin.span,
    };
    let Some(keyword) = keyword_of(id) else {
        return whole;
    };
    let Some(node) = ws.file(origin.file).node_at(origin.span) else {
        return whole;
    };
    // Swagger 2.0 spells nullability `x-nullable`.
    fn written<'t>(o: &'t crate::tree::Object, keyword: &str) -> Option<&'t crate::tree::Entry> {
        o.entry(keyword).or_else(|| {
            (keyword == "nullable")
                .then(|| o.entry("x-nullable"))
                .flatten()
        })
    }
    match node.as_object().and_then(|o| written(o, keyword)) {
        Some(entry) => Location {
            file: origin.file,
            span: entry.key_span,
        },
        None => whole,
    }
}

/// How many operations a text report names before it says "and N more".
pub(crate) const OPERATIONS_SHOWN: usize = 4;

/// One file set for codespan: the base files and the revision files side by side.
struct Both<'a>(Sources<'a>);

type BothId = (bool, usize);

impl<'a> codespan_reporting::files::Files<'a> for Both<'a> {
    type FileId = BothId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: BothId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.ws(id.0).name(id.1)
    }
    fn source(&'a self, id: BothId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.ws(id.0).source(id.1)
    }
    fn line_index(
        &'a self,
        id: BothId,
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        self.ws(id.0).line_index(id.1, byte)
    }
    fn line_range(
        &'a self,
        id: BothId,
        line: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        self.ws(id.0).line_range(id.1, line)
    }
}

impl<'a> Both<'a> {
    fn ws(&self, revision: bool) -> &'a crate::files::FileStore {
        if revision {
            self.0.revision.files()
        } else {
            self.0.base.files()
        }
    }
}

/// The first line of a span (a label over a 200-line schema would print all of it).
fn first_line(ws: &Workspace, loc: Location) -> std::ops::Range<usize> {
    let text = &ws.file(loc.file).text;
    let start = loc.span.start as usize;
    let end = (loc.span.end as usize).min(text.len());
    let line_end = text[start..end]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(end);
    start..line_end.max(start)
}

fn operations_note(ops: &[Affected], expand: bool) -> Option<String> {
    if ops.is_empty() {
        return None;
    }
    let direction = |d: Direction| match d {
        Direction::Request => " (request)",
        Direction::Response => " (response)",
        Direction::None => "",
    };
    // One entry per operation, in the order first met: an operation reached through
    // request and response says so. Grouped through a map, linear in the list's length.
    let mut order: Vec<(&str, &str)> = Vec::new();
    let mut reached: rustc_hash::FxHashMap<(&str, &str), (bool, bool, bool)> =
        rustc_hash::FxHashMap::default();
    for op in ops {
        let key = (&*op.operation.method, &*op.operation.path);
        let entry = reached.entry(key).or_insert_with(|| {
            order.push(key);
            (false, false, false)
        });
        match op.direction {
            Direction::Request => entry.0 = true,
            Direction::Response => entry.1 = true,
            Direction::None => entry.2 = true,
        }
    }
    let names: Vec<String> = order
        .iter()
        .map(|&(method, path)| {
            let (request, response, neither) = reached[&(method, path)];
            let method = method.to_ascii_uppercase();
            match (request, response, neither) {
                (true, false, false) => format!("{method} {path}{}", direction(Direction::Request)),
                (false, true, false) => {
                    format!("{method} {path}{}", direction(Direction::Response))
                }
                (false, false, _) => format!("{method} {path}"),
                _ => format!("{method} {path} (request, response)"),
            }
        })
        .collect();
    let total = names.len();
    let shown = if expand {
        total
    } else {
        total.min(OPERATIONS_SHOWN)
    };
    let mut note = format!(
        "{} {}: {}",
        total,
        if total == 1 {
            "operation"
        } else {
            "operations"
        },
        names[..shown].join(", ")
    );
    if shown < total {
        note.push_str(&format!(", and {} more", total - shown));
    }
    Some(note)
}

/// Text: one rustc-style diagnostic per change. Removals show the base, additions the
/// revision, modifications both.
/// GitHub Actions annotations, one per change: at its place in the revision (in the base
/// for what the revision no longer has), titled with its id, the message followed by the
/// operations it reaches. A base read from a git revision (`main:openapi.yaml`) is named by
/// its path, the file a pull request shows.
/// At most `max_per_level` of each level, the most severe first (changes come sorted so),
/// then one notice counting the rest.
pub fn render_github_actions(
    sources: Sources<'_>,
    changes: &[Change],
    max_per_level: Option<usize>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    super::github::write_limited(
        out,
        &annotations(sources, changes),
        max_per_level,
        "the text or Markdown report lists them all",
    )
}

/// The annotation of each change, in order (see [`render_github_actions`]).
pub fn annotations(sources: Sources<'_>, changes: &[Change]) -> Vec<super::github::Annotation> {
    const LISTED: usize = 10;
    let mut out = Vec::with_capacity(changes.len());
    for c in changes {
        let (ws, origin) = match (c.revision, c.base) {
            (Some(o), _) => (sources.revision, o),
            (None, Some(o)) => (sources.base, o),
            (None, None) => continue,
        };
        let position = ws.position(exact(ws, origin, &c.id));
        let mut message = c.message.clone();
        let operations = operation_names(&c.operations);
        if !operations.is_empty() {
            let n = operations.len();
            message.push_str(&format!(
                "\n{n} operation{}: ",
                if n == 1 { "" } else { "s" }
            ));
            message.push_str(&operations[..n.min(LISTED)].join(", "));
            if n > LISTED {
                message.push_str(&format!(" and {} more", n - LISTED));
            }
        }
        // A file at a git revision is the file at its path in the pull request.
        let file = match &ws.file(origin.file).location {
            crate::load::source::FileLocation::Git { path, .. } => path.clone(),
            _ => position.file.clone(),
        };
        out.push(super::github::Annotation {
            severity: c.level,
            file,
            line: position.line,
            column: position.column,
            end_line: position.end_line,
            end_column: position.end_column,
            title: c.id.clone(),
            message,
        });
    }
    out
}

/// rustc-like text: each change with its level, id, message, snippets from both documents,
/// the operations it reaches and the `specver explain` hint.
pub fn render_text(
    sources: Sources<'_>,
    changes: &[Change],
    expand_operations: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use codespan_reporting::diagnostic as cs;
    let both = Both(sources);
    let config = codespan_reporting::term::Config::default();
    for c in changes {
        let severity = match c.level {
            Level::Error => cs::Severity::Error,
            Level::Warning => cs::Severity::Warning,
            Level::Info | Level::Hint => cs::Severity::Note,
        };
        let removal = c.id.contains("removed") || c.id.contains("deleted");
        let addition = !removal && (c.id.contains("added") || c.id.starts_with("new-"));
        // (is the revision, place): the revision's first, as the primary label.
        let mut places: Vec<(bool, Location)> = Vec::new();
        if let Some(o) = c.base
            && !addition
        {
            places.push((false, exact(sources.base, o, &c.id)));
        }
        if let Some(o) = c.revision
            && (!removal || places.is_empty())
        {
            places.insert(0, (true, exact(sources.revision, o, &c.id)));
        }
        let side = |revision: bool| {
            if revision {
                sources.revision
            } else {
                sources.base
            }
        };
        let style = |revision: bool| {
            if revision {
                (cs::LabelStyle::Primary, "revision")
            } else {
                (cs::LabelStyle::Secondary, "base")
            }
        };
        let mut notes: Vec<String> = Vec::new();
        if let Some(note) = operations_note(&c.operations, expand_operations) {
            notes.push(note);
        }
        if !c.also.is_empty() {
            notes.push(format!(
                "written {} more times in the same way",
                c.also.len()
            ));
        }
        // The way from a finding to its rule's documentation and example.
        notes.push(format!("help: specver explain {}", c.id));
        let spans: Vec<_> = places
            .iter()
            .map(|&(revision, loc)| {
                (
                    side(revision).file(loc.file),
                    first_line(side(revision), loc),
                )
            })
            .collect();
        // A place on a line of a minified document: the line cut to windows around it.
        let emitted = if crate::diagnostic::window::needs_window(&spans) {
            let (files, ranges) = crate::diagnostic::window::Windowed::new(&spans);
            let labels = places
                .iter()
                .zip(ranges)
                .map(|(&(revision, _), (file, range))| {
                    let (style, message) = style(revision);
                    cs::Label::new(style, file, range).with_message(message)
                })
                .collect();
            let d = cs::Diagnostic::new(severity).with_labels(labels);
            let d = d
                .with_code(c.id.clone())
                .with_message(c.message.clone())
                .with_notes(notes);
            crate::diagnostic::emit(out, &config, &files, &d)
        } else {
            let labels = places
                .iter()
                .zip(&spans)
                .map(|(&(revision, loc), (_, range))| {
                    let (style, message) = style(revision);
                    cs::Label::new(style, (revision, loc.file), range.clone()).with_message(message)
                })
                .collect();
            let d = cs::Diagnostic::new(severity).with_labels(labels);
            let d = d
                .with_code(c.id.clone())
                .with_message(c.message.clone())
                .with_notes(notes);
            crate::diagnostic::emit(out, &config, &both, &d)
        };
        emitted?;
    }
    Ok(())
}

/// Markdown for a changelog: breaking changes first, then the rest, grouped by operation or
/// component.
pub fn render_markdown(changes: &[Change], title: &str) -> String {
    markdown(changes, title, None)
}

/// [`render_markdown`], with each description change shown as a word diff of the old and
/// new text, read from the documents.
pub fn render_markdown_with_texts(sources: Sources<'_>, changes: &[Change], title: &str) -> String {
    markdown(changes, title, Some(sources))
}

fn markdown(changes: &[Change], title: &str, sources: Option<Sources<'_>>) -> String {
    let mut md = format!("# {title}\n\n");
    let sections = [
        (Level::Error, "Breaking changes"),
        (Level::Warning, "Changes that may break clients"),
        (Level::Info, "Other changes"),
    ];
    for (level, heading) in sections {
        let of_level: Vec<&Change> = changes.iter().filter(|c| c.level == level).collect();
        if of_level.is_empty() {
            continue;
        }
        md.push_str(&format!("## {heading} ({})\n\n", of_level.len()));
        // Group: a change that reaches one operation goes under it; others under
        // "Components" or "Document".
        // (group, changes, whether each stands for its operation alone)
        let mut groups: Vec<(String, Vec<(&Change, bool)>)> = Vec::new();
        fn add<'c>(
            groups: &mut Vec<(String, Vec<(&'c Change, bool)>)>,
            group: String,
            c: &'c Change,
            alone: bool,
        ) {
            match groups.iter_mut().find(|(g, _)| *g == group) {
                Some((_, list)) => list.push((c, alone)),
                None => groups.push((group, vec![(c, alone)])),
            }
        }
        for c in of_level {
            let ops = distinct_operations(c);
            // An endpoint added or removed is news about each operation: one line under
            // each, not one line listing nine operations under "Shared components".
            if is_about_endpoints(&c.id) && ops.len() > 1 {
                for op in ops {
                    add(&mut groups, format!("`{op}`"), c, true);
                }
                continue;
            }
            let group = match ops.as_slice() {
                [] => "Document".to_string(),
                [one] => format!("`{one}`"),
                _ => "Shared components".to_string(),
            };
            add(&mut groups, group, c, false);
        }
        for (group, list) in groups {
            md.push_str(&format!("### {group}\n\n"));
            for (c, alone) in list {
                md.push_str(&format!("- {} (`{}`)", escape_md(&c.message), c.id));
                if let Some(diff) = sources.and_then(|s| description_diff(s, c)) {
                    md.push_str(&format!(": {diff}"));
                }
                let ops: Vec<String> = distinct_operations(c)
                    .into_iter()
                    .map(|op| format!("`{op}`"))
                    .collect();
                if ops.len() > 1 && !alone {
                    let shown = ops.len().min(8);
                    md.push_str(&format!(
                        " — {} operations: {}",
                        ops.len(),
                        ops[..shown].join(", ")
                    ));
                    if shown < ops.len() {
                        md.push_str(&format!(", and {} more", ops.len() - shown));
                    }
                }
                md.push('\n');
            }
            md.push('\n');
        }
    }
    if changes.is_empty() {
        md.push_str("No changes.\n");
    }
    md
}

/// Longest description text a word diff shows, in characters, per side.
const DESCRIPTION_SHOWN: usize = 400;

/// For a description change: the old and new text as a word diff, removed words struck
/// through and added ones in bold, so that release notes show what was said now.
fn description_diff(sources: Sources<'_>, c: &Change) -> Option<String> {
    if !c.id.ends_with("description-changed") {
        return None;
    }
    let old = description_at(sources.base, c.base?)?;
    let new = description_at(sources.revision, c.revision?)?;
    let cut = |t: &str| -> String { t.chars().take(DESCRIPTION_SHOWN).collect() };
    let (old, new) = (cut(&old), cut(&new));
    let diff = similar::TextDiff::from_words(old.as_str(), new.as_str());
    // Runs of one kind, so that five added words read as one bold phrase.
    let mut runs: Vec<(similar::ChangeTag, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let words = change.value().replace('\n', " ");
        let tag = if words.trim().is_empty() {
            // Spacing joins whatever run it is in.
            runs.last().map_or(similar::ChangeTag::Equal, |(t, _)| *t)
        } else {
            change.tag()
        };
        match runs.last_mut() {
            Some((t, text)) if *t == tag => text.push_str(&words),
            _ => runs.push((tag, words)),
        }
    }
    let mut out = String::new();
    for (tag, text) in runs {
        let (lead, core, trail) = {
            let core = text.trim();
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            (lead.to_string(), escape_md(core), trail.to_string())
        };
        match tag {
            similar::ChangeTag::Equal => out.push_str(&escape_md(&text)),
            similar::ChangeTag::Delete => out.push_str(&format!("{lead}~~{core}~~{trail}")),
            similar::ChangeTag::Insert => out.push_str(&format!("{lead}**{core}**{trail}")),
        }
        // A deletion followed directly by an insertion needs a space between them.
        if !out.ends_with(' ') && tag != similar::ChangeTag::Equal {
            out.push(' ');
        }
    }
    Some(out.trim().to_string())
}

/// The `description` written in the object at `origin` (a schema, parameter, response...).
fn description_at(ws: &Workspace, origin: Origin) -> Option<String> {
    let node = ws.file(origin.file).node_at(origin.span)?;
    let object = node.as_object()?;
    Some(
        object
            .entry("description")?
            .value
            .scalar_text()?
            .into_owned(),
    )
}

/// The operations a change reaches, each once, as `METHOD /path`, in first-reached order.
fn distinct_operations(c: &Change) -> Vec<String> {
    operation_names(&c.operations)
}

/// The operations of a list of affected ones, each once (an operation reached through its
/// request and its response is one operation), as `METHOD /path`, in first-reached order.
pub(crate) fn operation_names(affected: &[Affected]) -> Vec<String> {
    let mut seen = rustc_hash::FxHashSet::default();
    affected
        .iter()
        .filter(|o| seen.insert((&*o.operation.method, &*o.operation.path)))
        .map(|o| {
            format!(
                "{} {}",
                o.operation.method.to_ascii_uppercase(),
                o.operation.path
            )
        })
        .collect()
}

/// Changes about operations themselves (added, removed, deprecated, renamed), not about
/// something several operations share.
fn is_about_endpoints(id: &str) -> bool {
    id.starts_with("endpoint-")
        || id.starts_with("api-removed-")
        || id.starts_with("api-path-")
        || id.starts_with("api-operation-id-")
}

fn escape_md(text: &str) -> String {
    text.replace('|', "\\|").replace('<', "&lt;")
}
