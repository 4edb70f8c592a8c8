//! Native rule functions: what needs to understand OpenAPI rather than match a shape.
//!
//! Each works on the spanned trees of the workspace (following `$ref`s where OpenAPI
//! does), so findings point at the exact node: the duplicated parameter, the undeclared
//! path variable's operation, the failing property of an example.

use super::engine::{Cx, Report, Target};
use super::jsonpath::deref;
use super::jsonschema::Direction;
use super::util;
use crate::load::{FileId, SpecFamily, Workspace};
use crate::tree::{Node, Span, Value, pointer};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashSet;

/// The native functions rules can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Native {
    OpIdUnique,
    PathParams,
    OpParams,
    TagDefined,
    TagsUnique,
    OpResponses,
    SecurityDefined,
    OpSecurity,
    ServerVariables,
    RefSiblings,
    Examples,
    DocumentSchema,
    Discriminator,
    LoadDiagnostics,
    FormDataConsumes,
    AmbiguousPaths,
    RequiredDefined,
}

impl Native {
    pub fn from_name(name: &str) -> Option<Native> {
        Some(match name {
            "oasOpIdUnique" => Native::OpIdUnique,
            "oasPathParam" => Native::PathParams,
            "oasOpParams" => Native::OpParams,
            "oasTagDefined" => Native::TagDefined,
            "oasTagsUnique" | "uniquenessTags" => Native::TagsUnique,
            "oasOpSuccessResponse" | "oasOpResponses" => Native::OpResponses,
            "oasOpSecurityDefined" => Native::SecurityDefined,
            "oasOperationSecurity" => Native::OpSecurity,
            "oasServerVariables" | "serverVariables" => Native::ServerVariables,
            "refSiblings" => Native::RefSiblings,
            "oasExample" => Native::Examples,
            "oasDocumentSchema" => Native::DocumentSchema,
            "oasDiscriminator" => Native::Discriminator,
            "loaderDiagnostics" => Native::LoadDiagnostics,
            "oasOpFormDataConsumeCheck" => Native::FormDataConsumes,
            "oasAmbiguousPaths" => Native::AmbiguousPaths,
            "oasRequiredPropertiesDefined" => Native::RequiredDefined,
            _ => return None,
        })
    }

    pub fn run<'a>(
        self,
        cx: &mut Cx<'a>,
        t: &Target<'a>,
        options: Option<&'a Node>,
        out: &mut Vec<Report>,
    ) {
        let opt_str = |k: &str| options.and_then(|o| o.get(k)).and_then(Node::as_str);
        match self {
            Native::OpIdUnique => op_id_unique(cx, out),
            Native::PathParams => path_params(cx, out),
            Native::OpParams => op_params(cx, out),
            Native::TagDefined => tag_defined(cx, out),
            Native::TagsUnique => tags_unique(t, out),
            Native::OpResponses => op_responses(cx, opt_str("classes").unwrap_or("23"), out),
            Native::SecurityDefined => security_defined(cx, out),
            Native::OpSecurity => op_security(cx, out),
            Native::ServerVariables => server_variables(cx, out),
            Native::RefSiblings => ref_siblings(cx, out),
            Native::Examples => examples(cx, opt_str("kind").unwrap_or("media"), out),
            Native::DocumentSchema => document_schema(cx, out),
            Native::Discriminator => discriminator(t, out),
            Native::LoadDiagnostics => {
                let codes: Vec<&str> = options
                    .and_then(|o| o.get("codes"))
                    .and_then(Node::as_array)
                    .map(|a| a.iter().filter_map(Node::as_str).collect())
                    .unwrap_or_else(|| vec!["unresolved-ref"]);
                for d in &cx.ws.diagnostics {
                    if codes.contains(&d.code.as_str())
                        && let Some(p) = &d.primary
                    {
                        out.push(Report {
                            file: p.location.file,
                            span: p.location.span,
                            message: d.message.clone(),
                        });
                    }
                }
            }
            Native::FormDataConsumes => form_data_consumes(cx, out),
            Native::AmbiguousPaths => ambiguous_paths(cx, out),
            Native::RequiredDefined => required_defined(cx, out),
        }
    }
}

const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

fn report(out: &mut Vec<Report>, file: FileId, span: Span, message: impl Into<String>) {
    out.push(Report {
        file,
        span,
        message: message.into(),
    });
}

/// One operation of the document.
struct Op<'a> {
    /// The path template (or webhook name).
    template: &'a str,
    item_file: FileId,
    item: &'a Node,
    method: &'a str,
    file: FileId,
    node: &'a Node,
}

/// Path items under `paths` (webhooks too when asked), `$ref`s followed.
fn path_items(ws: &Workspace, webhooks: bool) -> Vec<(&str, Span, FileId, &Node)> {
    let root = ws.root();
    let mut out = Vec::new();
    for key in ["paths", "webhooks"] {
        if key == "webhooks" && !webhooks {
            continue;
        }
        let Some(paths) = root.get(key) else { continue };
        let (pf, paths) = deref(Some(ws), 0, paths);
        let Some(obj) = paths.as_object() else {
            continue;
        };
        for e in &obj.entries {
            if e.key.starts_with("x-") {
                continue;
            }
            let (f, item) = deref(Some(ws), pf, &e.value);
            if item.as_object().is_some() {
                out.push((e.key.as_str(), e.key_span, f, item));
            }
        }
    }
    out
}

fn operations<'a>(ws: &'a Workspace, webhooks: bool) -> Vec<Op<'a>> {
    let mut out = Vec::new();
    for (template, _, item_file, item) in path_items(ws, webhooks) {
        let Some(obj) = item.as_object() else {
            continue;
        };
        for e in &obj.entries {
            let ops: Vec<(&'a str, &'a Node)> = if METHODS.contains(&e.key.as_str()) {
                vec![(e.key.as_str(), &e.value)]
            } else if e.key == "additionalOperations" {
                e.value
                    .as_object()
                    .map(|o| {
                        o.entries
                            .iter()
                            .map(|x| (x.key.as_str(), &x.value))
                            .collect()
                    })
                    .unwrap_or_default()
            } else {
                continue;
            };
            for (method, node) in ops {
                let (file, node) = deref(Some(ws), item_file, node);
                if node.as_object().is_some() {
                    out.push(Op {
                        template,
                        item_file,
                        item,
                        method,
                        file,
                        node,
                    });
                }
            }
        }
    }
    out
}

/// A parameter: where it is listed (the list item, maybe a `$ref`) and what it is.
struct Param<'a> {
    site_file: FileId,
    site: &'a Node,
    file: FileId,
    node: &'a Node,
}

impl<'a> Param<'a> {
    fn name(&self) -> Option<&'a str> {
        self.node.get("name").and_then(Node::as_str)
    }

    fn location(&self) -> Option<&'a str> {
        self.node.get("in").and_then(Node::as_str)
    }

    /// (in, name) with header names lower-cased.
    fn key(&self) -> Option<(String, String)> {
        let (name, loc) = (self.name()?, self.location()?);
        let name = if loc == "header" {
            name.to_ascii_lowercase()
        } else {
            name.to_string()
        };
        Some((loc.to_string(), name))
    }
}

fn params<'a>(ws: &'a Workspace, file: FileId, holder: &'a Node) -> Vec<Param<'a>> {
    let Some(list) = holder.get("parameters") else {
        return Vec::new();
    };
    let (lf, list) = deref(Some(ws), file, list);
    list.as_array()
        .unwrap_or_default()
        .iter()
        .map(|site| {
            let (f, node) = deref(Some(ws), lf, site);
            Param {
                site_file: lf,
                site,
                file: f,
                node,
            }
        })
        .collect()
}

fn op_label(op: &Op<'_>) -> String {
    format!("{} {}", op.method.to_uppercase(), op.template)
}

fn op_id_unique(cx: &Cx<'_>, out: &mut Vec<Report>) {
    let mut seen: FxHashMap<&str, String> = FxHashMap::default();
    for op in operations(cx.ws, true) {
        let Some(id_node) = op.node.get("operationId") else {
            continue;
        };
        let Some(id) = id_node.as_str() else { continue };
        match seen.get(id) {
            Some(first) => report(
                out,
                op.file,
                id_node.span,
                format!(
                    "Every operation must have a unique `operationId`: `{id}` is also used by {first}"
                ),
            ),
            None => {
                seen.insert(id, op_label(&op));
            }
        }
    }
}

/// Template variables of a path, with duplicates.
fn template_vars(template: &str) -> Vec<&str> {
    crate::model::path_parameter_names(template)
}

fn path_params(cx: &Cx<'_>, out: &mut Vec<Report>) {
    let ws = cx.ws;
    // Equivalent paths (`/a/{x}` and `/a/{y}`).
    let mut keys: FxHashMap<String, &str> = FxHashMap::default();
    let items = path_items(ws, false);
    for (template, span, _, _) in &items {
        let key = crate::model::path_key(template);
        match keys.get(&key) {
            Some(first) => report(
                out,
                0,
                *span,
                format!("Paths `{first}` and `{template}` must not be equivalent"),
            ),
            None => {
                keys.insert(key, template);
            }
        }
    }
    let ops = operations(ws, false);
    for (template, template_span, item_file, item) in &items {
        let vars = template_vars(template);
        let mut seen_vars = FxHashSet::default();
        for v in &vars {
            if v.is_empty() {
                continue;
            }
            if !seen_vars.insert(*v) {
                report(
                    out,
                    0,
                    *template_span,
                    format!("Path `{template}` must not use parameter `{{{v}}}` multiple times"),
                );
            }
        }
        // Path-level path parameters.
        let item_params: Vec<Param<'_>> = params(ws, *item_file, item);
        let check_list = |list: &[Param<'_>], out: &mut Vec<Report>| {
            let mut names = FxHashSet::default();
            for p in list {
                if p.location() != Some("path") {
                    continue;
                }
                let Some(name) = p.name() else { continue };
                if !names.insert(name) {
                    report(
                        out,
                        p.site_file,
                        p.site.span,
                        format!("Path parameter `{name}` must not be defined multiple times"),
                    );
                    continue;
                }
                if p.node.get("required").and_then(Node::as_bool) != Some(true) {
                    let span = p.node.get("required").map_or(p.node.span, |r| r.span);
                    report(
                        out,
                        p.file,
                        span,
                        format!("Path parameter `{name}` must have `required` set to `true`"),
                    );
                }
                if !vars.contains(&name) {
                    report(
                        out,
                        p.site_file,
                        p.site.span,
                        format!("Parameter `{name}` must be used in path `{template}`"),
                    );
                }
            }
        };
        check_list(&item_params, out);
        let item_ops: Vec<&Op<'_>> = ops.iter().filter(|o| std::ptr::eq(o.item, *item)).collect();
        let item_names: FxHashSet<&str> = item_params
            .iter()
            .filter(|p| p.location() == Some("path"))
            .filter_map(|p| p.name())
            .collect();
        for op in &item_ops {
            let op_params = params(ws, op.file, op.node);
            check_list(&op_params, out);
            let mut declared = item_names.clone();
            declared.extend(
                op_params
                    .iter()
                    .filter(|p| p.location() == Some("path"))
                    .filter_map(|p| p.name()),
            );
            let mut reported = FxHashSet::default();
            for v in &vars {
                if !v.is_empty() && !declared.contains(v) && reported.insert(*v) {
                    report(
                        out,
                        op.file,
                        op.node.span,
                        format!(
                            "Operation must define parameter `{{{v}}}` as expected by path `{}`",
                            op.template
                        ),
                    );
                }
            }
        }
        if item_ops.is_empty() {
            for v in &vars {
                if !v.is_empty() && !item_names.contains(v) {
                    report(
                        out,
                        *item_file,
                        item.span,
                        format!(
                            "Path item must define parameter `{{{v}}}` as expected by path `{template}`"
                        ),
                    );
                }
            }
        }
    }
}

fn op_params(cx: &Cx<'_>, out: &mut Vec<Report>) {
    let ws = cx.ws;
    let check = |list: &[Param<'_>], out: &mut Vec<Report>| {
        let mut seen = FxHashSet::default();
        let mut body = 0;
        let mut form = false;
        for p in list {
            if let Some(key) = p.key() {
                if !seen.insert(key.clone()) {
                    report(
                        out,
                        p.site_file,
                        p.site.span,
                        format!(
                            "A parameter in this operation already exposes the same combination of `name` (`{}`) and `in` (`{}`) values",
                            key.1, key.0
                        ),
                    );
                }
                match key.0.as_str() {
                    "body" => {
                        body += 1;
                        if body > 1 {
                            report(
                                out,
                                p.site_file,
                                p.site.span,
                                "Operation has already at least one instance of the `in: body` parameter",
                            );
                        }
                    }
                    "formData" => form = true,
                    _ => {}
                }
                if key.0 == "body" && form || key.0 == "formData" && body > 0 {
                    report(
                        out,
                        p.site_file,
                        p.site.span,
                        "Operation cannot have both `in: body` and `in: formData` parameters",
                    );
                }
            }
        }
    };
    for (_, _, f, item) in path_items(ws, true) {
        check(&params(ws, f, item), out);
    }
    for op in operations(ws, true) {
        check(&params(ws, op.file, op.node), out);
    }
}

fn tag_defined(cx: &Cx<'_>, out: &mut Vec<Report>) {
    let ws = cx.ws;
    let defined: FxHashSet<&str> = ws
        .root()
        .get("tags")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|t| t.get("name").and_then(Node::as_str))
        .collect();
    for op in operations(ws, true) {
        for tag in op
            .node
            .get("tags")
            .and_then(Node::as_array)
            .unwrap_or_default()
        {
            if let Some(name) = tag.as_str()
                && !defined.contains(name)
            {
                report(
                    out,
                    op.file,
                    tag.span,
                    format!("Operation tag `{name}` is not defined in the global `tags`"),
                );
            }
        }
    }
}

fn tags_unique(t: &Target<'_>, out: &mut Vec<Report>) {
    let Some(items) = t.node.and_then(Node::as_array) else {
        return;
    };
    let mut seen = FxHashSet::default();
    for tag in items {
        if let Some(n) = tag.get("name")
            && let Some(name) = n.as_str()
            && !seen.insert(name)
        {
            report(
                out,
                t.file,
                n.span,
                format!("Tag `{name}` is defined more than once in the global `tags`"),
            );
        }
    }
}

fn op_responses(cx: &Cx<'_>, classes: &str, out: &mut Vec<Report>) {
    for op in operations(cx.ws, true) {
        let responses = op
            .node
            .get("responses")
            .map(|r| deref(Some(cx.ws), op.file, r));
        let ok = responses.and_then(|(_, r)| r.as_object()).is_some_and(|o| {
            o.entries.iter().any(|e| {
                let first = e.key.chars().next().unwrap_or(' ');
                classes.contains(first) && e.key.len() == 3
            })
        });
        if !ok {
            let (file, span) = match op.node.get("responses") {
                Some(r) => (op.file, r.span),
                None => (op.file, op.node.span),
            };
            let what = match classes {
                "23" => "a 2xx or 3xx".to_string(),
                c => c
                    .chars()
                    .map(|d| format!("{d}xx"))
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let what = if what.starts_with('a') {
                what
            } else {
                format!("a {what}")
            };
            report(
                out,
                file,
                span,
                format!("Operation must define at least {what} response"),
            );
        }
    }
}

/// The security schemes: name -> (definition, oauth2 scopes or None for other kinds).
fn security_schemes<'a>(ws: &'a Workspace) -> FxHashMap<&'a str, Option<FxHashSet<&'a str>>> {
    let root = ws.root();
    let defs = if ws.spec_family == SpecFamily::Swagger2 {
        root.get("securityDefinitions")
    } else {
        root.get("components")
            .and_then(|c| c.get("securitySchemes"))
    };
    let mut out = FxHashMap::default();
    let Some(defs) = defs.and_then(Node::as_object) else {
        return out;
    };
    for e in &defs.entries {
        let (_, scheme) = deref(Some(ws), 0, &e.value);
        let kind = scheme.get("type").and_then(Node::as_str);
        let scopes = if kind == Some("oauth2") {
            let mut set = FxHashSet::default();
            let mut add = |s: Option<&'a Node>| {
                for sc in s
                    .and_then(Node::as_object)
                    .map(|o| &o.entries[..])
                    .unwrap_or_default()
                {
                    set.insert(sc.key.as_str());
                }
            };
            add(scheme.get("scopes"));
            for flow in scheme
                .get("flows")
                .and_then(Node::as_object)
                .map(|o| &o.entries[..])
                .unwrap_or_default()
            {
                add(flow.value.get("scopes"));
            }
            Some(set)
        } else {
            None
        };
        out.insert(e.key.as_str(), scopes);
    }
    out
}

fn security_defined(cx: &Cx<'_>, out: &mut Vec<Report>) {
    let ws = cx.ws;
    let schemes = security_schemes(ws);
    let where_ = if ws.spec_family == SpecFamily::Swagger2 {
        "securityDefinitions"
    } else {
        "components.securitySchemes"
    };
    let check = |file: FileId, security: &Node, out: &mut Vec<Report>| {
        for req in security.as_array().unwrap_or_default() {
            for e in req.as_object().map(|o| &o.entries[..]).unwrap_or_default() {
                match schemes.get(e.key.as_str()) {
                    None => report(
                        out,
                        file,
                        e.key_span,
                        format!("Security scheme `{}` is not defined in `{where_}`", e.key),
                    ),
                    Some(Some(scopes)) => {
                        for s in e.value.as_array().unwrap_or_default() {
                            if let Some(name) = s.as_str()
                                && !scopes.contains(name)
                            {
                                report(
                                    out,
                                    file,
                                    s.span,
                                    format!(
                                        "Scope `{name}` is not defined by security scheme `{}`",
                                        e.key
                                    ),
                                );
                            }
                        }
                    }
                    Some(None) => {}
                }
            }
        }
    };
    if let Some(sec) = ws.root().get("security") {
        check(0, sec, out);
    }
    for op in operations(ws, true) {
        if let Some(sec) = op.node.get("security") {
            check(op.file, sec, out);
        }
    }
}

fn op_security(cx: &Cx<'_>, out: &mut Vec<Report>) {
    let ws = cx.ws;
    let global = ws
        .root()
        .get("security")
        .and_then(Node::as_array)
        .is_some_and(|a| !a.is_empty());
    if global {
        return;
    }
    for op in operations(ws, false) {
        if op.node.get("security").is_none() {
            report(
                out,
                op.file,
                op.node.span,
                format!(
                    "{} has no `security`, and the document sets none",
                    op_label(&op)
                ),
            );
        }
    }
}

fn server_variables<'a>(cx: &Cx<'a>, out: &mut Vec<Report>) {
    let ws = cx.ws;
    let collect = |file: FileId, holder: &'a Node| -> Vec<(FileId, &'a Node)> {
        holder
            .get("servers")
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .map(|s| deref(Some(ws), file, s))
            .collect()
    };
    let mut all = collect(0, ws.root());
    for (_, _, f, item) in path_items(ws, true) {
        all.extend(collect(f, item));
    }
    for op in operations(ws, true) {
        all.extend(collect(op.file, op.node));
    }
    let mut seen = FxHashSet::default();
    for (file, server) in all {
        if !seen.insert(server as *const Node) {
            continue;
        }
        let Some(url_node) = server.get("url") else {
            continue;
        };
        let Some(url) = url_node.as_str() else {
            continue;
        };
        let used = template_vars(url);
        let vars = server.get("variables").and_then(Node::as_object);
        for v in &used {
            if vars.and_then(|o| o.get(v)).is_none() {
                report(
                    out,
                    file,
                    url_node.span,
                    format!(
                        "Server variable `{{{v}}}` is used in the URL but not defined in `variables`"
                    ),
                );
            }
        }
        for e in vars.map(|o| &o.entries[..]).unwrap_or_default() {
            if !used.contains(&e.key.as_str()) {
                report(
                    out,
                    file,
                    e.key_span,
                    format!(
                        "Server variable `{}` is defined but not used in the URL `{url}`",
                        e.key
                    ),
                );
            }
            let enum_ = e.value.get("enum");
            if let Some(en) = enum_ {
                let values = en.as_array().unwrap_or_default();
                if values.is_empty() {
                    report(
                        out,
                        file,
                        en.span,
                        format!("Server variable `{}` has an empty `enum`", e.key),
                    );
                }
                if let Some(d) = e.value.get("default")
                    && !values.is_empty()
                    && !values.iter().any(|x| util::json_eq(x, d))
                {
                    report(
                        out,
                        file,
                        d.span,
                        format!(
                            "Server variable `{}`: default {} is not one of its `enum` values",
                            e.key,
                            util::show(d)
                        ),
                    );
                }
            }
        }
    }
}

/// Keys whose values are data, not OpenAPI structure.
fn is_data_keyword(key: &str) -> bool {
    matches!(
        key,
        "example" | "examples" | "default" | "enum" | "const" | "value" | "x-examples"
    ) || key.starts_with("x-")
}

fn ref_siblings(cx: &Cx<'_>, out: &mut Vec<Report>) {
    for f in cx.ws.files() {
        let Some(root) = f.tree() else { continue };
        // (node, whether its keys are names)
        let mut stack: Vec<(&Node, bool)> = vec![(root, false)];
        while let Some((node, names)) = stack.pop() {
            match &node.value {
                Value::Object(o) => {
                    if !names && o.len() > 1 && o.get("$ref").is_some_and(|r| r.as_str().is_some())
                    {
                        for e in &o.entries {
                            if e.key != "$ref" {
                                report(
                                    out,
                                    f.id,
                                    e.value.span,
                                    format!(
                                        "`$ref` must not be placed next to any other properties (`{}` is ignored)",
                                        e.key
                                    ),
                                );
                            }
                        }
                    }
                    for e in &o.entries {
                        if !matches!(e.value.value, Value::Object(_) | Value::Array(_)) {
                            continue;
                        }
                        if names {
                            stack.push((&e.value, false));
                        } else if !is_data_keyword(&e.key) {
                            stack.push((&e.value, crate::load::is_name_map(&e.key)));
                        } else if e.key == "examples" && e.value.as_object().is_some() {
                            // Example objects by name: their `value` is data.
                            stack.push((&e.value, true));
                        }
                    }
                }
                Value::Array(items) => stack.extend(
                    items
                        .iter()
                        .filter(|i| matches!(i.value, Value::Object(_) | Value::Array(_)))
                        .map(|i| (i, false)),
                ),
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Examples and defaults against their schemas.

/// Something holding a schema and examples: a media type, a parameter, a header (3.x), or
/// a 2.0 response.
#[derive(Clone, Copy)]
struct Holder<'a> {
    file: FileId,
    node: &'a Node,
    direction: Direction,
}

struct HolderWalk<'a> {
    ws: &'a Workspace,
    seen: FxHashSet<*const Node>,
    out: Vec<Holder<'a>>,
    /// Path items already walked (callbacks can loop).
    items: FxHashSet<*const Node>,
}

impl<'a> HolderWalk<'a> {
    fn push(&mut self, file: FileId, node: &'a Node, direction: Direction) {
        let (file, node) = deref(Some(self.ws), file, node);
        if node.as_object().is_some() && self.seen.insert(node as *const Node) {
            self.out.push(Holder {
                file,
                node,
                direction,
            });
        }
    }

    fn param(&mut self, file: FileId, node: &'a Node) {
        let (file, node) = deref(Some(self.ws), file, node);
        self.push(file, node, Direction::Request);
        self.content(file, node, Direction::Request);
    }

    fn content(&mut self, file: FileId, node: &'a Node, direction: Direction) {
        if let Some(c) = node.get("content").and_then(Node::as_object) {
            for e in &c.entries {
                self.push(file, &e.value, direction);
            }
        }
    }

    fn header(&mut self, file: FileId, node: &'a Node) {
        let (file, node) = deref(Some(self.ws), file, node);
        self.push(file, node, Direction::Response);
        self.content(file, node, Direction::Response);
    }

    fn response(&mut self, file: FileId, node: &'a Node) {
        let (file, node) = deref(Some(self.ws), file, node);
        if self.ws.spec_family == SpecFamily::Swagger2 {
            self.push(file, node, Direction::Response);
        } else {
            self.content(file, node, Direction::Response);
        }
        for h in node
            .get("headers")
            .and_then(Node::as_object)
            .map(|o| &o.entries[..])
            .unwrap_or_default()
        {
            self.header(file, &h.value);
        }
    }

    fn request_body(&mut self, file: FileId, node: &'a Node) {
        let (file, node) = deref(Some(self.ws), file, node);
        self.content(file, node, Direction::Request);
    }

    fn path_item(&mut self, file: FileId, node: &'a Node) {
        let (file, item) = deref(Some(self.ws), file, node);
        if !self.items.insert(item as *const Node) {
            return;
        }
        for p in item
            .get("parameters")
            .and_then(Node::as_array)
            .unwrap_or_default()
        {
            self.param(file, p);
        }
        let Some(obj) = item.as_object() else { return };
        for e in &obj.entries {
            if !METHODS.contains(&e.key.as_str()) {
                continue;
            }
            let (of, op) = deref(Some(self.ws), file, &e.value);
            for p in op
                .get("parameters")
                .and_then(Node::as_array)
                .unwrap_or_default()
            {
                self.param(of, p);
            }
            if let Some(rb) = op.get("requestBody") {
                self.request_body(of, rb);
            }
            for r in op
                .get("responses")
                .and_then(Node::as_object)
                .map(|o| &o.entries[..])
                .unwrap_or_default()
            {
                self.response(of, &r.value);
            }
            for cb in op
                .get("callbacks")
                .and_then(Node::as_object)
                .map(|o| &o.entries[..])
                .unwrap_or_default()
            {
                let (cf, cb) = deref(Some(self.ws), of, &cb.value);
                for pi in cb.as_object().map(|o| &o.entries[..]).unwrap_or_default() {
                    self.path_item(cf, &pi.value);
                }
            }
        }
    }
}

/// The members of a map (none when it is absent or not a map).
fn members(map: Option<&Node>) -> &[crate::tree::Entry] {
    map.and_then(Node::as_object)
        .map(|o| &o.entries[..])
        .unwrap_or_default()
}

fn holders(ws: &Workspace) -> Vec<Holder<'_>> {
    let mut w = HolderWalk {
        ws,
        seen: FxHashSet::default(),
        out: Vec::new(),
        items: FxHashSet::default(),
    };
    for (_, _, f, item) in path_items(ws, true) {
        w.path_item(f, item);
    }
    let root = ws.root();
    let (params, responses, headers, bodies, callbacks, items) =
        if ws.spec_family == SpecFamily::Swagger2 {
            (
                root.get("parameters"),
                root.get("responses"),
                None,
                None,
                None,
                None,
            )
        } else {
            let c = root.get("components");
            let g = |k: &str| c.and_then(|c| c.get(k));
            (
                g("parameters"),
                g("responses"),
                g("headers"),
                g("requestBodies"),
                g("callbacks"),
                g("pathItems"),
            )
        };
    for e in members(params) {
        w.param(0, &e.value);
    }
    for e in members(responses) {
        w.response(0, &e.value);
    }
    for e in members(headers) {
        w.header(0, &e.value);
    }
    for e in members(bodies) {
        w.request_body(0, &e.value);
    }
    for e in members(callbacks) {
        let (cf, cb) = deref(Some(ws), 0, &e.value);
        for pi in cb.as_object().map(|o| &o.entries[..]).unwrap_or_default() {
            w.path_item(cf, &pi.value);
        }
    }
    for e in items
        .and_then(Node::as_object)
        .map(|o| &o.entries[..])
        .unwrap_or_default()
    {
        w.path_item(0, &e.value);
    }
    w.out
}

const SUBSCHEMA_ONE: [&str; 10] = [
    "additionalProperties",
    "items",
    "additionalItems",
    "not",
    "if",
    "then",
    "else",
    "propertyNames",
    "contains",
    "unevaluatedProperties",
];
const SUBSCHEMA_LIST: [&str; 5] = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];
const SUBSCHEMA_MAP: [&str; 5] = [
    "properties",
    "patternProperties",
    "dependentSchemas",
    "$defs",
    "definitions",
];

/// A schema of the document and where it sits.
#[derive(Clone, Copy)]
struct SchemaSite<'a> {
    file: FileId,
    node: &'a Node,
    /// Reached as a member of `allOf` (its `required` may name a sibling's properties).
    in_all_of: bool,
}

/// Every schema of the document, once each: component schemas, the schemas of media
/// types, parameters and headers, and everything inside them, `$ref`s followed.
fn schemas(ws: &Workspace) -> Vec<SchemaSite<'_>> {
    let root = ws.root();
    let mut starts: Vec<(FileId, &Node, bool)> = Vec::new();
    let comp = if ws.spec_family == SpecFamily::Swagger2 {
        root.get("definitions")
    } else {
        root.get("components").and_then(|c| c.get("schemas"))
    };
    for e in comp
        .and_then(Node::as_object)
        .map(|o| &o.entries[..])
        .unwrap_or_default()
    {
        starts.push((0, &e.value, false));
    }
    for h in holders(ws) {
        for k in ["schema", "itemSchema"] {
            if let Some(s) = h.node.get(k) {
                starts.push((h.file, s, false));
            }
        }
        // A 2.0 non-body parameter or header is itself schema-like (`items` inside).
        if ws.spec_family == SpecFamily::Swagger2
            && h.node.get("schema").is_none()
            && h.node.get("type").is_some()
        {
            starts.push((h.file, h.node, false));
        }
    }
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    let mut stack: Vec<(FileId, &Node, bool)> = starts.into_iter().rev().collect();
    while let Some((file, node, in_all_of)) = stack.pop() {
        let (file, node) = deref(Some(ws), file, node);
        let Some(obj) = node.as_object() else {
            continue;
        };
        if !seen.insert(node as *const Node) {
            continue;
        }
        out.push(SchemaSite {
            file,
            node,
            in_all_of,
        });
        for e in obj.entries.iter().rev() {
            let k = e.key.as_str();
            if SUBSCHEMA_MAP.contains(&k) {
                for p in e
                    .value
                    .as_object()
                    .map(|o| &o.entries[..])
                    .unwrap_or_default()
                    .iter()
                    .rev()
                {
                    stack.push((file, &p.value, false));
                }
            } else if SUBSCHEMA_LIST.contains(&k) && e.value.as_array().is_some() {
                for i in e.value.as_array().unwrap().iter().rev() {
                    stack.push((file, i, k == "allOf"));
                }
            } else if SUBSCHEMA_ONE.contains(&k) && e.value.as_object().is_some() {
                stack.push((file, &e.value, false));
            }
        }
    }
    out
}

/// Validates examples and defaults: `kind` is `media` (media types, parameters, headers,
/// 2.0 responses) or `schema` (a schema's own `example`/`examples`/`default`).
fn examples(cx: &mut Cx<'_>, kind: &str, out: &mut Vec<Report>) {
    let ws = cx.ws;
    let family = ws.spec_family;
    let mut checks: Vec<(FileId, &Node, FileId, &Node, Direction, &'static str)> = Vec::new();
    if kind == "schema" {
        for s in schemas(ws) {
            let Some(obj) = s.node.as_object() else {
                continue;
            };
            // A 2.0 body parameter holding `schema` is not a schema; skip what is not one.
            for e in &obj.entries {
                match e.key.as_str() {
                    "example" => {
                        checks.push((s.file, s.node, s.file, &e.value, Direction::Any, "Example"))
                    }
                    "default" => {
                        checks.push((s.file, s.node, s.file, &e.value, Direction::Any, "Default"))
                    }
                    "examples" if family >= SpecFamily::OpenApi31 => {
                        for ex in e.value.as_array().unwrap_or_default() {
                            checks.push((s.file, s.node, s.file, ex, Direction::Any, "Example"));
                        }
                    }
                    _ => {}
                }
            }
        }
    } else {
        for h in holders(ws) {
            let schema = match h.node.get("schema") {
                Some(s) => Some((h.file, s)),
                // 2.0 parameters and headers are their own schema.
                None if family == SpecFamily::Swagger2 && h.node.get("type").is_some() => {
                    Some((h.file, h.node))
                }
                None => None,
            };
            let Some((sf, schema)) = schema else { continue };
            if family == SpecFamily::Swagger2 {
                // Response examples by media type.
                if h.node.get("schema").is_some() {
                    for e in h
                        .node
                        .get("examples")
                        .and_then(Node::as_object)
                        .map(|o| &o.entries[..])
                        .unwrap_or_default()
                    {
                        if e.key.contains("json") {
                            checks.push((sf, schema, h.file, &e.value, h.direction, "Example"));
                        }
                    }
                }
                if let Some(x) = h.node.get("x-example") {
                    checks.push((sf, schema, h.file, x, h.direction, "Example"));
                }
                continue;
            }
            if let Some(x) = h.node.get("example") {
                checks.push((sf, schema, h.file, x, h.direction, "Example"));
            }
            for e in h
                .node
                .get("examples")
                .and_then(Node::as_object)
                .map(|o| &o.entries[..])
                .unwrap_or_default()
            {
                let (ef, ex) = deref(Some(ws), h.file, &e.value);
                if let Some(v) = ex.get("value") {
                    checks.push((sf, schema, ef, v, h.direction, "Example"));
                }
            }
        }
    }
    let v = cx.doc_validator();
    for (sf, schema, ef, instance, direction, what) in checks {
        let id = v.compile(sf, schema);
        for e in v.validate(id, instance, direction) {
            let message = if e.path.is_empty() {
                format!("{what} {}", e.message)
            } else if e.key_span.is_some() {
                e.message.clone()
            } else {
                format!("`{}` property {}", e.path.join("."), e.message)
            };
            report(out, ef, e.span(), message);
        }
    }
}

// ---------------------------------------------------------------------------------------
// The official meta-schemas.

fn document_schema(cx: &mut Cx<'_>, out: &mut Vec<Report>) {
    let ws = cx.ws;
    let docs = super::meta::schema_docs(ws.spec_family);
    let mut v = super::jsonschema::Validator::new(
        super::jsonschema::TreeResolver { docs },
        super::jsonschema::Dialect {
            ref_overrides_siblings: matches!(
                ws.spec_family,
                SpecFamily::Swagger2 | SpecFamily::OpenApi30
            ),
            nullable: false,
            formats: false,
        },
    );
    v.follow_instance_refs(ws);
    let root_schema = v.resolver().docs[0].1;
    let id = v.compile(0, root_schema);
    let mut seen = HashSet::new();
    for e in v.validate(id, ws.root(), Direction::None) {
        let mut message = match (e.path.last(), e.key_span) {
            (_, Some(_)) => e.message.clone(),
            (Some(last), None) => format!("`{last}` property {}", e.message),
            (None, None) => {
                let mut m = e.message.clone();
                if let Some(c) = m.get_mut(0..1) {
                    c.make_ascii_uppercase();
                }
                m
            }
        };
        if ws.spec_family == SpecFamily::OpenApi30
            && e.keyword == "enum"
            && e.path.last().is_some_and(|l| l == "type")
            && e.node.as_str() == Some("null")
        {
            message.push_str(" (OpenAPI 3.0 has no `null` type: use `nullable: true`)");
        }
        let file = e.file.unwrap_or(0);
        if seen.insert((file, e.span(), message.clone())) {
            report(out, file, e.span(), message);
        }
    }
}

fn discriminator(t: &Target<'_>, out: &mut Vec<Report>) {
    let Some(schema) = t.node else { return };
    let Some(d) = schema.get("discriminator") else {
        return;
    };
    let Some(name) = d.as_str() else { return };
    // Placed where the fix goes, as Spectral places them: at `properties` and `required`
    // (at the schema when there is none).
    let properties = schema.get("properties");
    if properties.and_then(|p| p.get(name)).is_none() {
        report(
            out,
            t.file,
            properties.map_or(schema.span, |p| p.span),
            format!("The discriminator property `{name}` must be defined in `properties`"),
        );
    }
    let required = schema.get("required");
    let listed = required
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .any(|r| r.as_str() == Some(name));
    if !listed {
        report(
            out,
            t.file,
            required.map_or(schema.span, |r| r.span),
            format!("The discriminator property `{name}` must be listed in `required`"),
        );
    }
}

fn form_data_consumes(cx: &Cx<'_>, out: &mut Vec<Report>) {
    let ws = cx.ws;
    let global = ws.root().get("consumes");
    for op in operations(ws, false) {
        let mut all = params(ws, op.item_file, op.item);
        all.extend(params(ws, op.file, op.node));
        if !all.iter().any(|p| p.location() == Some("formData")) {
            continue;
        }
        let consumes = op.node.get("consumes").or(global);
        let ok = consumes
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .any(|c| {
                c.as_str().is_some_and(|s| {
                    s.starts_with("application/x-www-form-urlencoded")
                        || s.starts_with("multipart/form-data")
                })
            });
        if !ok {
            let span = op.node.get("consumes").map_or(op.node.span, |c| c.span);
            report(
                out,
                op.file,
                span,
                "Consumes for operations with `in: formData` parameters must include `application/x-www-form-urlencoded` or `multipart/form-data`",
            );
        }
    }
}

fn ambiguous_paths(cx: &Cx<'_>, out: &mut Vec<Report>) {
    let items = path_items(cx.ws, false);
    let split = |t: &str| -> Vec<String> {
        t.trim_end_matches('/')
            .split('/')
            .map(str::to_string)
            .collect()
    };
    // Only paths of as many segments can match the same URL; each is looked up among the
    // ones before it in a trie of their segments, not compared with each in turn (20,000
    // paths took 30 s pairwise).
    let mut by_len: FxHashMap<usize, PathTrie> = FxHashMap::default();
    for (i, (t, span, ..)) in items.iter().enumerate() {
        let segs = split(t);
        let trie = by_len.entry(segs.len()).or_default();
        let mut first = None;
        trie.first_ambiguous(&segs, false, &mut first);
        if let Some(j) = first {
            report(
                out,
                0,
                *span,
                format!(
                    "Paths should resolve unambiguously: `{t}` and `{}` can match the same URL",
                    items[j].0
                ),
            );
        }
        trie.insert(&segs, i);
    }
}

/// Path templates by segment, a `{variable}` segment standing for any value.
#[derive(Default)]
struct PathTrie {
    literal: FxHashMap<String, PathTrie>,
    variable: Option<Box<PathTrie>>,
    /// The first path (by index) that ends here.
    end: Option<usize>,
    /// The first path in this subtree: a search stops where it cannot find an earlier one.
    first: usize,
}

impl PathTrie {
    fn is_variable(segment: &str) -> bool {
        segment.starts_with('{') && segment.ends_with('}')
    }

    fn insert(&mut self, segs: &[String], index: usize) {
        let mut node = self;
        if node.end.is_none() && node.literal.is_empty() && node.variable.is_none() {
            node.first = index;
        }
        for seg in segs {
            node.first = node.first.min(index);
            node = if Self::is_variable(seg) {
                node.variable.get_or_insert_with(|| {
                    Box::new(PathTrie {
                        first: index,
                        ..Default::default()
                    })
                })
            } else {
                node.literal.entry(seg.clone()).or_insert_with(|| PathTrie {
                    first: index,
                    ..Default::default()
                })
            };
        }
        node.first = node.first.min(index);
        node.end = Some(node.end.map_or(index, |e| e.min(index)));
    }

    /// The first path that matches the same URLs as `segs` somewhere, where at least one
    /// segment is a variable in one and a literal in the other (`differs`): two templates
    /// that differ only in variable names are another rule's concern.
    fn first_ambiguous(&self, segs: &[String], differs: bool, best: &mut Option<usize>) {
        if best.is_some_and(|b| self.first >= b) {
            return;
        }
        let Some((seg, rest)) = segs.split_first() else {
            if differs && let Some(end) = self.end {
                *best = Some(best.map_or(end, |b| b.min(end)));
            }
            return;
        };
        if Self::is_variable(seg) {
            if let Some(v) = &self.variable {
                v.first_ambiguous(rest, differs, best);
            }
            for child in self.literal.values() {
                child.first_ambiguous(rest, true, best);
            }
        } else {
            if let Some(child) = self.literal.get(seg) {
                child.first_ambiguous(rest, differs, best);
            }
            if let Some(v) = &self.variable {
                v.first_ambiguous(rest, true, best);
            }
        }
    }
}

fn required_defined(cx: &Cx<'_>, out: &mut Vec<Report>) {
    let ws = cx.ws;
    for s in schemas(ws) {
        if s.in_all_of {
            continue;
        }
        let Some(required) = s.node.get("required").and_then(Node::as_array) else {
            continue;
        };
        let mut names: FxHashSet<&str> = FxHashSet::default();
        let mut open = false;
        collect_properties(ws, s.file, s.node, &mut names, &mut open, 0);
        if open || (names.is_empty() && s.node.get("properties").is_none()) {
            continue;
        }
        for r in required {
            if let Some(name) = r.as_str()
                && !names.contains(name)
            {
                report(
                    out,
                    s.file,
                    r.span,
                    format!(
                        "Required property `{name}` is not defined in the schema's `properties`"
                    ),
                );
            }
        }
    }
}

/// The property names a schema defines, through `allOf`/`anyOf`/`oneOf` and `$ref`s;
/// `open` when it cannot tell (an unresolved reference, a pattern or an
/// `additionalProperties` schema).
fn collect_properties<'a>(
    ws: &'a Workspace,
    file: FileId,
    node: &'a Node,
    names: &mut FxHashSet<&'a str>,
    open: &mut bool,
    depth: usize,
) {
    if depth > 32 {
        *open = true;
        return;
    }
    let (file, node) = deref(Some(ws), file, node);
    if node.get("$ref").is_some() {
        *open = true;
        return;
    }
    if let Some(p) = node.get("properties").and_then(Node::as_object) {
        names.extend(p.entries.iter().map(|e| e.key.as_str()));
    }
    if node.get("patternProperties").is_some()
        || node
            .get("additionalProperties")
            .is_some_and(|a| a.as_object().is_some())
    {
        *open = true;
    }
    for k in ["allOf", "anyOf", "oneOf"] {
        for sub in node.get(k).and_then(Node::as_array).unwrap_or_default() {
            collect_properties(ws, file, sub, names, open, depth + 1);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Unused components.

/// Every (file, pointer) something points at — `$ref`s and discriminator mappings — with
/// all their prefixes (a reference into a component uses the component).
pub(crate) fn referenced_pointers(ws: &Workspace) -> HashSet<(FileId, String)> {
    let mut out = HashSet::new();
    let add = |file: FileId, ptr: &str, out: &mut HashSet<(FileId, String)>| {
        let mut end = ptr.len();
        loop {
            if !out.insert((file, ptr[..end].to_string())) {
                break;
            }
            match ptr[..end].rfind('/') {
                Some(i) => end = i,
                None => break,
            }
        }
    };
    for site in &ws.ref_sites {
        let (doc, fragment) = site
            .reference
            .split_once('#')
            .unwrap_or((&site.reference, ""));
        let target_file = if doc.is_empty() {
            Some(site.file)
        } else {
            ws.resolve(site.file, &site.reference).ok().map(|(f, _)| f)
        };
        if let (Some(f), Ok(ptr)) = (target_file, pointer::from_fragment(fragment)) {
            add(f, &ptr, &mut out);
        }
    }
    // Discriminator mappings name schemas by reference or by bare name.
    for f in ws.files() {
        let Some(root) = f.tree() else { continue };
        if !f.text.contains("mapping") {
            continue;
        }
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            match &n.value {
                Value::Object(o) => {
                    if let Some(m) = o
                        .get("discriminator")
                        .and_then(|d| d.get("mapping"))
                        .and_then(Node::as_object)
                    {
                        for e in &m.entries {
                            let Some(target) = e.value.as_str() else {
                                continue;
                            };
                            if target.contains('#') || target.contains('/') {
                                let (doc, fragment) =
                                    target.split_once('#').unwrap_or((target, ""));
                                let tf = if doc.is_empty() {
                                    Some(f.id)
                                } else {
                                    ws.resolve(f.id, target).ok().map(|(x, _)| x)
                                };
                                if let (Some(tf), Ok(ptr)) = (tf, pointer::from_fragment(fragment))
                                {
                                    add(tf, &ptr, &mut out);
                                }
                            } else {
                                add(
                                    f.id,
                                    &format!("/components/schemas/{}", pointer::escape(target)),
                                    &mut out,
                                );
                            }
                        }
                    }
                    stack.extend(o.entries.iter().map(|e| &e.value));
                }
                Value::Array(items) => stack.extend(items.iter()),
                _ => {}
            }
        }
    }
    out
}

/// `unreferencedReusableObject`: members of the map at the target that nothing references.
pub(crate) fn unreferenced(
    cx: &mut Cx<'_>,
    t: &Target<'_>,
    location: Option<&str>,
    out: &mut Vec<Report>,
) {
    let Some(map) = t.node.and_then(Node::as_object) else {
        return;
    };
    let base = match location {
        Some(l) => l.trim_start_matches('#').to_string(),
        None => {
            let root = cx.ws.files()[t.file].tree();
            match root {
                Some(r) => pointer::pointer_at(r, t.node.unwrap().span),
                None => return,
            }
        }
    };
    let file = t.file;
    let referenced = cx.referenced();
    for e in &map.entries {
        if e.key.starts_with("x-") {
            continue;
        }
        let ptr = format!("{base}/{}", pointer::escape(&e.key));
        if !referenced.contains(&(file, ptr)) {
            // With a location, the core function as a ruleset calls it: Spectral's message.
            let message = match location {
                Some(_) => "Potential orphaned reusable object has been detected".to_string(),
                None => format!("Potentially unused component `{}` has been detected", e.key),
            };
            report(out, file, e.key_span, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PathTrie;

    /// The first earlier template each template can be confused with, as the rule reports.
    fn firsts(templates: &[&str]) -> Vec<Option<usize>> {
        let mut trie = PathTrie::default();
        templates
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let segs: Vec<String> = t.split('/').map(str::to_string).collect();
                let mut first = None;
                trie.first_ambiguous(&segs, false, &mut first);
                trie.insert(&segs, i);
                first
            })
            .collect()
    }

    #[test]
    fn ambiguous_templates_name_the_first_earlier_match() {
        assert_eq!(
            firsts(&[
                "/pets/{id}",
                "/pets/mine",
                "/pets/{name}",
                "/{kind}/mine",
                "/owners/{id}",
                "/owners/all",
            ]),
            // `/pets/{name}` differs from `/pets/{id}` only in the variable's name: not this
            // rule's concern, but it matches `/pets/mine`. `/{kind}/mine` and `/pets/{id}`
            // both match `/pets/mine`; `/owners/{id}` and `/{kind}/mine` `/owners/mine`.
            vec![None, Some(0), Some(1), Some(0), Some(3), Some(4)]
        );
    }
}
