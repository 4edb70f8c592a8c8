//! The HTML report: one self-contained file (no network, no external CSS or JS) for `diff`,
//! `breaking`, `changelog`, `check` and `lint`. A summary, filters by level and by operation,
//! each change with its base and revision snippets side by side, the operations it reaches,
//! and links to the documentation of its rule (`specver explain`), kept in the page.
//!
//! The filters are a few lines of script over `data-` attributes. Opened with `#selftest`,
//! the page clicks its own filters and writes what it saw into `#selftest-result`, which is
//! how the browser test checks them.

use super::changes::{ChangeRecord, Sources, report};
use crate::check::{CheckRun, State};
use crate::diagnostic::{Position, Severity};
use crate::diff::Change;
use crate::lint::Finding;
use crate::load::Workspace;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Lines shown above and below the line a snippet is about.
const CONTEXT_LINES: usize = 2;
/// Characters of a line shown (minified documents have lines of megabytes).
const LINE_CHARS: usize = 160;

/// One entry of the report: a change or a lint finding.
struct Item {
    severity: Severity,
    rule: String,
    message: String,
    spec: String,
    operations: Vec<String>,
    base: Option<String>,
    revision: Option<String>,
    kind: &'static str,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The lines around `at` in its file of `ws`, numbered, the line itself marked.
fn snippet(ws: &Workspace, at: &Position) -> String {
    let Some(file) = ws.files().iter().find(|f| f.name == at.file) else {
        return String::new();
    };
    let first = at.line.saturating_sub(CONTEXT_LINES).max(1);
    let last = at.line + CONTEXT_LINES;
    let mut out = format!(
        "<div class=\"where\">{}:{}:{}</div><pre>",
        escape(&at.file),
        at.line,
        at.column
    );
    for (i, line) in file.text.lines().enumerate().skip(first - 1) {
        let n = i + 1;
        if n > last {
            break;
        }
        let shown: String = line.chars().take(LINE_CHARS).collect();
        let cut = if shown.len() < line.len() { "…" } else { "" };
        let _ = write!(
            out,
            "<span class=\"ln{}\">{n:>5}  {}{cut}</span>",
            if n == at.line { " hit" } else { "" },
            escape(&shown)
        );
    }
    out.push_str("</pre>");
    out
}

fn change_items(sources: Sources<'_>, changes: &[Change], spec: &str) -> Vec<Item> {
    report(sources, changes)
        .changes
        .into_iter()
        .map(|r: ChangeRecord| {
            let mut operations = super::changes::operation_names(&r.operations);
            operations.sort();
            Item {
                severity: r.level,
                rule: r.id.clone(),
                message: r.message.clone(),
                spec: spec.to_string(),
                operations,
                base: r.base.as_ref().map(|p| snippet(sources.base, p)),
                revision: r.revision.as_ref().map(|p| snippet(sources.revision, p)),
                kind: "change",
            }
        })
        .collect()
}

fn finding_items(ws: &Workspace, findings: &[Finding], spec: &str) -> Vec<Item> {
    findings
        .iter()
        .map(|f| {
            let at = Position {
                file: f.file.clone(),
                line: f.line,
                column: f.column,
                end_line: f.end_line,
                end_column: f.end_column,
                pointer: f.pointer.clone(),
            };
            Item {
                severity: f.severity,
                rule: f.rule.clone(),
                message: f.message.clone(),
                spec: spec.to_string(),
                operations: Vec::new(),
                base: None,
                revision: Some(snippet(ws, &at)),
                kind: "finding",
            }
        })
        .collect()
}

/// The page for the diff commands.
pub fn render_changes(sources: Sources<'_>, changes: &[Change], title: &str) -> String {
    let spec = sources.revision.root_file().name.clone();
    let items = change_items(sources, changes, &spec);
    page(title, "", &items)
}

/// The page for `lint`: every spec's findings on one page.
pub fn render_lint(specs: &[super::lint::Linted<'_>]) -> String {
    let mut items = Vec::new();
    for s in specs {
        let spec = s.workspace.root_file().name.clone();
        items.extend(finding_items(s.workspace, s.findings, &spec));
    }
    let title = match specs {
        [one] => format!("Lint of {}", one.workspace.root_file().name),
        _ => format!("Lint of {} specs", specs.len()),
    };
    page(&title, "", &items)
}

/// The page for `check`: the verdict, then every spec's changes and new lint findings.
pub fn render_check(run: &CheckRun) -> String {
    let mut items = Vec::new();
    let mut head = String::new();
    let _ = write!(
        head,
        "<p class=\"verdict {}\">{}</p>",
        if run.verdict.passed { "pass" } else { "fail" },
        if run.verdict.passed {
            "specver check passed".to_string()
        } else {
            format!(
                "specver check failed: {}",
                escape(&run.verdict.reasons.join("; "))
            )
        }
    );
    let _ = write!(
        head,
        "<p>Compared with <code>{}</code> (<code>{}</code>, {}).</p>",
        escape(&run.base.rev),
        run.base.short(),
        escape(&run.base.how)
    );
    for check in &run.specs {
        if let Some(c) = check.comparison() {
            let sources = Sources {
                base: &c.base.workspace,
                revision: &c.revision.workspace,
            };
            let changes: Vec<Change> = check.changes().cloned().collect();
            items.extend(change_items(sources, &changes, &check.spec));
        }
        let state = match check.state {
            State::Changed => "",
            State::New => " (new)",
            State::Deleted => " (deleted)",
        };
        let _ = write!(
            head,
            "<p><code>{}</code>{state}: bump needed {}</p>",
            escape(&check.spec),
            check.release().map_or("-", |r| r.bump.as_str())
        );
        items.extend(finding_items(
            &check.revision().workspace,
            &check.findings,
            &check.spec,
        ));
    }
    page("specver check", &head, &items)
}

fn page(title: &str, head: &str, items: &[Item]) -> String {
    // The most severe first, in report order within a level.
    let mut sorted: Vec<&Item> = items.iter().collect();
    sorted.sort_by_key(|i| std::cmp::Reverse(i.severity));
    let mut html = String::with_capacity(64 * 1024 + items.len() * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n{head}\n",
        escape(title),
        escape(title)
    );
    let count = |s: Severity| items.iter().filter(|i| i.severity == s).count();
    let _ = write!(
        html,
        "<table class=\"summary\"><tr><th>errors</th><th>warnings</th><th>info</th><th>hints</th><th>total</th></tr>\
         <tr><td id=\"n-error\">{}</td><td id=\"n-warning\">{}</td><td id=\"n-info\">{}</td><td id=\"n-hint\">{}</td><td id=\"n-total\">{}</td></tr></table>",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        count(Severity::Hint),
        items.len()
    );
    // Filters.
    html.push_str("<div class=\"filters\">Show: ");
    for level in ["error", "warning", "info", "hint"] {
        let _ = write!(
            html,
            "<label><input type=\"checkbox\" class=\"level\" value=\"{level}\" checked> {level}</label> "
        );
    }
    let operations: BTreeSet<&str> = items
        .iter()
        .flat_map(|i| i.operations.iter().map(String::as_str))
        .collect();
    html.push_str("<select id=\"operation\"><option value=\"\">every operation</option>");
    for op in &operations {
        let _ = write!(html, "<option>{}</option>", escape(op));
    }
    html.push_str("</select> <span id=\"shown\"></span></div>\n<main>\n");
    for (n, item) in sorted.into_iter().enumerate() {
        write_item(&mut html, n, item);
    }
    html.push_str("</main>\n");
    write_rules(&mut html, items);
    let _ = write!(
        html,
        "<pre id=\"selftest-result\" hidden></pre>\n<script>{SCRIPT}</script>\n</body></html>\n"
    );
    html
}

fn write_item(html: &mut String, n: usize, item: &Item) {
    let level = item.severity.as_str();
    let _ = write!(
        html,
        "<article class=\"item {level}\" id=\"item-{n}\" data-level=\"{level}\" data-kind=\"{}\" data-ops=\"{}\">\
         <h3><span class=\"badge {level}\">{level}</span> <a href=\"#rule-{}\"><code>{}</code></a> {}</h3>\
         <div class=\"spec\">{}</div>",
        item.kind,
        escape(&item.operations.join("\n")),
        escape(&item.rule),
        escape(&item.rule),
        escape(&item.message),
        escape(&item.spec),
    );
    if !item.operations.is_empty() {
        let _ = write!(
            html,
            "<details class=\"ops\"><summary>{} operation{}</summary><ul>",
            item.operations.len(),
            if item.operations.len() == 1 { "" } else { "s" }
        );
        for op in &item.operations {
            let _ = write!(html, "<li><code>{}</code></li>", escape(op));
        }
        html.push_str("</ul></details>");
    }
    html.push_str("<div class=\"sides\">");
    if let Some(base) = &item.base {
        let _ = write!(html, "<div class=\"side\"><h4>base</h4>{base}</div>");
    }
    if let Some(revision) = &item.revision {
        let _ = write!(
            html,
            "<div class=\"side\"><h4>{}</h4>{revision}</div>",
            if item.kind == "change" {
                "revision"
            } else {
                "where"
            }
        );
    }
    html.push_str("</div></article>\n");
}

/// The documentation of every rule the page names, as `specver explain` prints it.
fn write_rules(html: &mut String, items: &[Item]) {
    let rules: BTreeSet<&str> = items.iter().map(|i| i.rule.as_str()).collect();
    if rules.is_empty() {
        return;
    }
    html.push_str("<section class=\"rules\"><h2>Rules</h2>\n");
    let lint = crate::lint::Ruleset::all();
    for rule in rules {
        let text = match crate::rules::ChangeId::parse(rule) {
            Some(id) => super::rules::explain_change(id.rule().template(), rule),
            None => match lint.rule(rule) {
                Some(r) => super::rules::explain_lint(r),
                None => format!("{rule}: a rule of your ruleset"),
            },
        };
        let _ = write!(
            html,
            "<details id=\"rule-{}\"><summary><code>{}</code></summary><pre>{}</pre></details>",
            escape(rule),
            escape(rule),
            escape(&text)
        );
    }
    html.push_str("</section>\n");
}

const STYLE: &str = "\
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em;color:#1b1f24}\
h1{font-size:1.4em}code,pre{font:12px/1.4 ui-monospace,monospace}\
.verdict{font-weight:600;padding:.5em .8em;border-radius:6px}.verdict.pass{background:#dafbe1}.verdict.fail{background:#ffebe9}\
table.summary{border-collapse:collapse;margin:.8em 0}table.summary td,table.summary th{border:1px solid #d0d7de;padding:.3em .8em;text-align:center}\
.filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #d0d7de;z-index:1}\
.item{border:1px solid #d0d7de;border-left-width:5px;border-radius:6px;margin:.8em 0;padding:.3em .8em}\
.item.error{border-left-color:#cf222e}.item.warning{border-left-color:#bf8700}.item.info,.item.hint{border-left-color:#0969da}\
.item h3{font-size:1em;margin:.3em 0}.badge{font-size:.75em;padding:.1em .5em;border-radius:1em;color:#fff;text-transform:uppercase}\
.badge.error{background:#cf222e}.badge.warning{background:#9a6700}.badge.info,.badge.hint{background:#0969da}\
.spec{color:#57606a;font-size:.85em}.sides{display:flex;gap:1em}.side{flex:1;min-width:0}.side h4{margin:.3em 0;font-size:.8em;color:#57606a}\
.side pre{background:#f6f8fa;padding:.4em;overflow-x:auto;margin:0}.where{font-size:.8em;color:#57606a}\
.ln{display:block}.ln.hit{background:#fff8c5;display:block}.rules pre{white-space:pre-wrap;background:#f6f8fa;padding:.5em}";

const SCRIPT: &str = r#"
(function () {
  var items = Array.prototype.slice.call(document.querySelectorAll('article.item'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.level'));
  var select = document.getElementById('operation');
  function apply() {
    var levels = {};
    boxes.forEach(function (b) { levels[b.value] = b.checked; });
    var op = select.value;
    var shown = 0;
    items.forEach(function (item) {
      var ops = item.getAttribute('data-ops').split('\n');
      var visible = levels[item.getAttribute('data-level')] && (op === '' || ops.indexOf(op) >= 0);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.getElementById('shown').textContent = shown + ' of ' + items.length + ' shown';
    return shown;
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  select.addEventListener('change', apply);
  apply();
  if (location.hash === '#selftest') {
    var result = {total: items.length, all: apply()};
    var error = boxes.filter(function (b) { return b.value === 'error'; })[0];
    error.click();
    result.withoutErrors = apply();
    error.click();
    if (select.options.length > 1) {
      select.selectedIndex = 1;
      select.dispatchEvent(new Event('change'));
      result.operation = select.value;
      result.forOperation = apply();
      select.selectedIndex = 0;
      select.dispatchEvent(new Event('change'));
    }
    result.restored = apply();
    var out = document.getElementById('selftest-result');
    out.textContent = JSON.stringify(result);
    out.hidden = false;
  }
})();
"#;
