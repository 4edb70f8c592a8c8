//! OpenAPI 3.0, 3.1 and 3.2 documents into the canonical model (Swagger 2.0 is in
//! `swagger2.rs`, which shares the pieces here that mean the same in both).

use super::reader::{At, Reader};
use super::schema_build::SchemaBuilder;
use super::*;
use crate::diagnostic::Diagnostic;
use crate::load::Workspace;
use crate::tree::Node;

/// The fixed operation fields of a path item, in the order the specification lists them.
pub(super) const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// Normalises the workspace's root document into the canonical model, with the problems met
/// on the way (structure the model could not read; unresolved refs are the loader's).
pub fn build(ws: &Workspace) -> (Api, Vec<Diagnostic>) {
    let r = Reader::new(ws);
    let mut sb = SchemaBuilder::new();
    let section = match ws.spec_family {
        SpecFamily::Swagger2 => ["definitions", ""],
        _ => ["components", "schemas"],
    };
    sb.names = super::names::SectionNames::of_root_section(ws, section).0;
    let api = if ws.spec_family == SpecFamily::Swagger2 {
        super::swagger2::document(&r, &mut sb)
    } else {
        document(&r, &mut sb)
    };
    (api, r.into_problems())
}

fn document<'w>(r: &Reader<'w>, sb: &mut SchemaBuilder<'w>) -> Api {
    let root = r.root();
    let component_schemas = component_schemas(
        r,
        sb,
        r.get(root, "components").and_then(|c| r.get(c, "schemas")),
    );
    let paths = r
        .entries(root, "paths")
        .into_iter()
        .filter(|(k, _)| !k.starts_with("x-"))
        .filter_map(|(template, at)| path_item(r, sb, template, path_key(template), at))
        .collect();
    let webhooks = r
        .entries(root, "webhooks")
        .into_iter()
        .filter_map(|(name, at)| path_item(r, sb, name, name.to_string(), at))
        .collect();
    let components = r.get(root, "components");
    let others = ["responses", "parameters", "requestBodies", "headers"]
        .into_iter()
        .flat_map(|key| components.map(|c| r.entries(c, key)).unwrap_or_default());
    name_schemas_of(r, sb, others.collect());
    let api = Api {
        family: r.family,
        spec_version: r.ws.spec_version.clone(),
        info: info(r, root.raw("info")),
        servers: servers(r, root),
        paths,
        webhooks,
        security: security(root),
        security_origin: root.raw("security").map(|a| a.origin()),
        security_schemes: r
            .get(root, "components")
            .map(|c| r.entries(c, "securitySchemes"))
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(name, at)| security_scheme(r, name, r.deref(at)?))
            .collect(),
        tags: tags(r, root),
        component_schemas,
        external_schemas: Vec::new(),
        schema_names: Default::default(),
        component_index: Default::default(),
        schemas: Default::default(),
        external_docs: external_docs(root.raw("externalDocs")),
        extensions: r.extensions(root),
        origin: root.origin(),
    };
    finish(r, sb, api)
}

/// Fills every schema reached while building and moves the arena into the model.
pub(super) fn finish<'w>(r: &Reader<'w>, sb: &mut SchemaBuilder<'w>, mut api: Api) -> Api {
    sb.finish(r);
    api.schemas = std::mem::take(&mut sb.arena);
    api.external_schemas = std::mem::take(&mut sb.external);
    api.schema_names = std::mem::take(&mut sb.names);
    // The arena grew by doubling; a model lives as long as the comparison, so give the
    // slack back (a quarter of the arena on average).
    api.schemas.shrink_to_fit();
    api
}

/// Names the schemas that the root's other components (`others`: responses, parameters,
/// request bodies, headers) reach, used or not. `specver bundle` writes every root component
/// and names every schema in another file they reach; for a spec and its bundle to have the
/// same named schemas the model names them too. Only in a spec of many files (a single
/// file's schemas have no name to give), and quietly: an unused component was never read for
/// problems, and a used one has told its own where it is used.
pub(super) fn name_schemas_of<'w>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    others: Vec<(&'w str, At<'w>)>,
) {
    if !r.ws.refers_to_other_files() {
        return;
    }
    r.quietly(|| {
        for (_, written) in others {
            let Some(at) = r.deref(written) else {
                continue;
            };
            schemas_of(r, sb, at);
            for (_, header) in r.entries(at, "headers") {
                if let Some(header) = r.deref(header) {
                    schemas_of(r, sb, header);
                }
            }
        }
    });
}

/// Interns the schemas of a parameter, header, response or request body: its `schema` and
/// those of its media types.
fn schemas_of<'w>(r: &Reader<'w>, sb: &mut SchemaBuilder<'w>, at: At<'w>) {
    let media = r.entries(at, "content").into_iter().map(|(_, m)| m);
    for at in std::iter::once(at).chain(media) {
        for key in ["schema", "itemSchema"] {
            if let Some(schema) = at.raw(key) {
                sb.schema(r, schema);
            }
        }
    }
}

pub(super) fn component_schemas<'w>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    schemas: Option<At<'w>>,
) -> Vec<(String, SchemaId)> {
    let Some(schemas) = schemas else {
        return Vec::new();
    };
    let Some(obj) = schemas.node.as_object() else {
        r.problem(schemas, "expected a map of schemas");
        return Vec::new();
    };
    obj.iter()
        .map(|(name, node)| {
            let id = sb.schema(
                r,
                At {
                    file: schemas.file,
                    node,
                },
            );
            sb.set_name(id, name);
            (name.to_string(), id)
        })
        .collect()
}

pub(super) fn info<'w>(r: &Reader<'w>, at: Option<At<'w>>) -> Info {
    let Some(at) = at else {
        return Info::default();
    };
    let version = at.raw("version");
    Info {
        title: at.str("title").unwrap_or_default(),
        version: at.str("version").unwrap_or_default(),
        summary: at.str("summary"),
        description: at.str("description"),
        terms_of_service: at.str("termsOfService"),
        contact: at.node.get("contact").map(Node::to_json),
        license: at.node.get("license").map(Node::to_json),
        extensions: r.extensions(at),
        origin: at.origin(),
        version_origin: version.map(At::origin).unwrap_or(at.origin()),
    }
}

pub(super) fn external_docs(at: Option<At<'_>>) -> Option<ExternalDocs> {
    let at = at?;
    Some(ExternalDocs {
        url: at.str("url").unwrap_or_default(),
        description: at.str("description"),
    })
}

fn servers<'w>(r: &Reader<'w>, at: At<'w>) -> Vec<Server> {
    r.items(at, "servers")
        .into_iter()
        .map(|s| Server {
            url: s.str("url").unwrap_or_default(),
            name: s.str("name"),
            description: s.str("description"),
            variables: r
                .entries(s, "variables")
                .into_iter()
                .map(|(name, v)| ServerVariable {
                    name: name.to_string(),
                    default: v.str("default").unwrap_or_default(),
                    enum_values: r
                        .items(v, "enum")
                        .iter()
                        .filter_map(|e| e.node.scalar_text().map(|t| t.into_owned()))
                        .collect(),
                    description: v.str("description"),
                    origin: v.origin(),
                })
                .collect(),
            extensions: r.extensions(s),
            origin: s.origin(),
        })
        .collect()
}

pub(super) fn tags<'w>(r: &Reader<'w>, root: At<'w>) -> Vec<Tag> {
    r.items(root, "tags")
        .into_iter()
        .map(|t| Tag {
            name: t.str("name").unwrap_or_default(),
            summary: t.str("summary"),
            description: r.text(t, "description"),
            parent: t.str("parent"),
            kind: t.str("kind"),
            external_docs: external_docs(t.raw("externalDocs")),
            extensions: r.extensions(t),
            origin: t.origin(),
        })
        .collect()
}

/// A security requirement list: each object is one alternative; `{}` allows anonymous.
pub(super) fn security(at: At<'_>) -> Option<Vec<SecurityRequirement>> {
    let list = at.raw("security")?;
    Some(
        list.node
            .as_array()
            .unwrap_or_default()
            .iter()
            .map(|req| SecurityRequirement {
                schemes: req
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .map(|(name, scopes)| {
                                let scopes = scopes
                                    .as_array()
                                    .unwrap_or_default()
                                    .iter()
                                    .filter_map(|s| s.as_str().map(str::to_string))
                                    .collect();
                                (name.to_string(), scopes)
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                origin: super::Origin {
                    file: list.file,
                    span: req.span,
                },
            })
            .collect(),
    )
}

fn security_scheme<'w>(r: &Reader<'w>, name: &str, at: At<'w>) -> Option<SecurityScheme> {
    let flows = r
        .entries(at, "flows")
        .into_iter()
        .map(|(kind, f)| OAuthFlow {
            kind: kind.to_string(),
            authorization_url: f.str("authorizationUrl"),
            token_url: f.str("tokenUrl"),
            refresh_url: f.str("refreshUrl"),
            scopes: r
                .entries(f, "scopes")
                .into_iter()
                .map(|(s, d)| {
                    (
                        s.to_string(),
                        d.node.scalar_text().unwrap_or_default().into_owned(),
                    )
                })
                .collect(),
        })
        .collect();
    Some(SecurityScheme {
        name: name.to_string(),
        kind: at.str("type").unwrap_or_default(),
        description: at.str("description"),
        parameter_name: at.str("name"),
        location: at.str("in"),
        scheme: at.str("scheme").map(|s| s.to_ascii_lowercase()),
        bearer_format: at.str("bearerFormat"),
        flows,
        open_id_connect_url: at.str("openIdConnectUrl"),
        deprecated: at.bool("deprecated").unwrap_or(false),
        extensions: r.extensions(at),
        origin: at.origin(),
    })
}

fn path_item<'w>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    template: &str,
    key: String,
    written: At<'w>,
) -> Option<PathItem> {
    let reference = written.str("$ref");
    let at = r.deref(written)?;
    if at.node.as_object().is_none() {
        r.problem(
            at,
            format!("expected a path item (an object), found {}", at.node.kind()),
        );
        return None;
    }
    let shared_parameters: Vec<Parameter> = r
        .items(at, "parameters")
        .into_iter()
        .filter_map(|p| parameter(r, sb, p))
        .collect();
    let mut operations = Vec::new();
    for method in METHODS {
        if let Some(op) = r.get(at, method) {
            let origin = at.member_origin(method, op);
            operations.push(operation(
                r,
                sb,
                method.to_string(),
                template,
                op,
                &shared_parameters,
            ));
            if let Some(last) = operations.last_mut() {
                last.origin = origin;
            }
        }
    }
    for (method, op) in r.entries(at, "additionalOperations") {
        let Some(op) = r.deref(op) else { continue };
        operations.push(operation(
            r,
            sb,
            method.to_string(),
            template,
            op,
            &shared_parameters,
        ));
    }
    Some(PathItem {
        key,
        template: template.to_string(),
        summary: at.str("summary"),
        description: at.str("description"),
        operations: operations.exact(),
        servers: servers(r, at),
        extensions: r.extensions(at),
        reference,
        origin: written.origin(),
    })
}

/// A collection built by pushing or by a filter, without its spare room: `Vec` starts at
/// four elements, and a model of 20,000 operations of one response each held three empty
/// slots of 480 and 184 bytes in each (100 of 216 MB).
pub(super) trait Exact {
    /// The same collection without its spare room.
    fn exact(self) -> Self;
}

impl<T> Exact for Vec<T> {
    fn exact(mut self) -> Self {
        self.shrink_to_fit();
        self
    }
}

/// Path-level parameters apply to every operation unless the operation declares one with
/// the same identity; the merged list keeps the path-level ones first.
/// Sized exactly: a parameter is some 200 bytes and gRPC gateways (Temporal) give each
/// operation dozens, so a list grown by doubling held 2 MB of room in a diff's two models.
pub(super) fn merge_parameters(shared: &[Parameter], own: Vec<Parameter>) -> Vec<Parameter> {
    let inherited = || {
        shared
            .iter()
            .filter(|p| !own.iter().any(|o| o.key() == p.key()))
    };
    let mut merged: Vec<Parameter> = Vec::with_capacity(inherited().count() + own.len());
    merged.extend(inherited().cloned());
    merged.extend(own);
    merged
}

fn operation<'w>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    method: String,
    template: &str,
    at: At<'w>,
    shared_parameters: &[Parameter],
) -> Operation {
    let own: Vec<Parameter> = r
        .items(at, "parameters")
        .into_iter()
        .filter_map(|p| parameter(r, sb, p))
        .collect();
    Operation {
        method,
        path: template.to_string(),
        operation_id: at.str("operationId"),
        summary: at.str("summary"),
        description: at.str("description"),
        tags: string_list(r, at, "tags"),
        deprecated: at.bool("deprecated").unwrap_or(false),
        parameters: merge_parameters(shared_parameters, own),
        request_body: r
            .get(at, "requestBody")
            .and_then(|b| r.deref(b))
            .map(|b| request_body(r, sb, b)),
        responses: r
            .entries(at, "responses")
            .into_iter()
            .filter(|(k, _)| !k.starts_with("x-"))
            .filter_map(|(status, resp)| response(r, sb, status, resp))
            .collect::<Vec<_>>()
            .exact(),
        callbacks: r
            .entries(at, "callbacks")
            .into_iter()
            .filter_map(|(name, cb)| {
                let cb_at = r.deref(cb)?;
                let paths = cb_at
                    .node
                    .as_object()?
                    .iter()
                    .filter(|(k, _)| !k.starts_with("x-"))
                    .filter_map(|(expr, node)| {
                        path_item(
                            r,
                            sb,
                            expr,
                            expr.to_string(),
                            At {
                                file: cb_at.file,
                                node,
                            },
                        )
                    })
                    .collect();
                Some(Callback {
                    name: name.to_string(),
                    paths,
                    origin: cb.origin(),
                })
            })
            .collect(),
        security: security(at),
        security_origin: at.raw("security").map(|a| a.origin()),
        servers: servers(r, at),
        external_docs: external_docs(at.raw("externalDocs")),
        extensions: r.extensions(at),
        origin: at.origin(),
    }
}

pub(super) fn string_list<'w>(r: &Reader<'w>, at: At<'w>, key: &str) -> Vec<String> {
    r.items(at, key)
        .iter()
        .filter_map(|t| t.node.scalar_text().map(|s| s.into_owned()))
        .collect()
}

pub(super) fn parse_location(name: &str) -> Option<ParameterLocation> {
    Some(match name {
        "path" => ParameterLocation::Path,
        "query" => ParameterLocation::Query,
        "querystring" => ParameterLocation::Querystring,
        "header" => ParameterLocation::Header,
        "cookie" => ParameterLocation::Cookie,
        _ => return None,
    })
}

fn parameter<'w>(r: &Reader<'w>, sb: &mut SchemaBuilder<'w>, written: At<'w>) -> Option<Parameter> {
    let at = r.deref(written)?;
    let location_text = at.str("in").unwrap_or_default();
    let Some(location) = parse_location(&location_text) else {
        r.problem(
            at,
            format!("parameter has an unknown location `in: {location_text}`"),
        );
        return None;
    };
    let style = at.str("style").unwrap_or_else(|| {
        match location {
            ParameterLocation::Query | ParameterLocation::Cookie => "form",
            _ => "simple",
        }
        .to_string()
    });
    let explode = at.bool("explode").unwrap_or(style == "form");
    Some(Parameter {
        name: at.str("name").unwrap_or_default(),
        location,
        // Path parameters are always required, whatever the document says.
        required: location == ParameterLocation::Path || at.bool("required").unwrap_or(false),
        description: at.str("description"),
        deprecated: at.bool("deprecated").unwrap_or(false),
        allow_empty_value: at.bool("allowEmptyValue").unwrap_or(false),
        style,
        explode,
        allow_reserved: at.bool("allowReserved").unwrap_or(false),
        schema: at.raw("schema").map(|s| sb.schema(r, s)),
        content: content(r, sb, at),
        examples: examples(r, at),
        extensions: r.extensions(at),
        origin: at.origin(),
    })
}

/// `example` and the values of `examples` (Example Objects, followed through `$ref`).
fn examples<'w, List>(r: &Reader<'w>, at: At<'w>) -> List
where
    List: FromIterator<ValueDigest>,
{
    let listed = r.entries(at, "examples").into_iter().filter_map(|(_, ex)| {
        let ex = r.deref(ex)?;
        Some(
            ex.raw("value")
                .or_else(|| ex.raw("dataValue"))
                .map(|v| data(r, v))
                .unwrap_or_else(|| ValueDigest::of(ex.node)),
        )
    });
    at.raw("example")
        .map(|e| data(r, e))
        .into_iter()
        .chain(listed)
        .collect()
}

/// An example value's digest; a value that is nothing but a `$ref` is the value it names
/// (bundlers resolve those; see `load::refs`).
fn data<'w>(r: &Reader<'w>, at: At<'w>) -> ValueDigest {
    if crate::load::is_lone_ref(at.node)
        && let Some(target) = r.deref(at)
    {
        return ValueDigest::of(target.node);
    }
    ValueDigest::of(at.node)
}

fn content<'w>(r: &Reader<'w>, sb: &mut SchemaBuilder<'w>, at: At<'w>) -> Vec<MediaType> {
    r.entries(at, "content")
        .into_iter()
        .map(|(media_type, m)| MediaType {
            media_type: media_type.into(),
            schema: m.raw("schema").map(|s| sb.schema(r, s)),
            item_schema: m.raw("itemSchema").map(|s| sb.schema(r, s)),
            examples: examples(r, m),
            encoding: r
                .entries(m, "encoding")
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.node.to_json()))
                .collect(),
            extensions: r.extensions(m),
            origin: m.origin(),
        })
        .collect()
}

fn request_body<'w>(r: &Reader<'w>, sb: &mut SchemaBuilder<'w>, at: At<'w>) -> RequestBody {
    RequestBody {
        description: at.str("description"),
        required: at.bool("required").unwrap_or(false),
        content: content(r, sb, at),
        extensions: r.extensions(at),
        origin: at.origin(),
    }
}

/// Status keys: ranges are upper-cased (`2xx` -> `2XX`); YAML integer keys are already text.
pub(super) fn status_key(status: &str) -> String {
    if status.len() == 3 && status.is_char_boundary(1) && status[1..].eq_ignore_ascii_case("xx") {
        status.to_ascii_uppercase()
    } else {
        status.to_string()
    }
}

fn response<'w>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    status: &str,
    written: At<'w>,
) -> Option<Response> {
    let at = r.deref(written)?;
    Some(Response {
        status: status_key(status),
        description: at.str("description"),
        headers: r
            .entries(at, "headers")
            .into_iter()
            .filter_map(|(name, h)| {
                let h = r.deref(h)?;
                Some(Header {
                    name: name.to_string(),
                    description: h.str("description"),
                    required: h.bool("required").unwrap_or(false),
                    deprecated: h.bool("deprecated").unwrap_or(false),
                    schema: h.raw("schema").map(|s| sb.schema(r, s)),
                    content: content(r, sb, h).into(),
                    extensions: r.extensions(h),
                    origin: h.origin(),
                })
            })
            .collect::<Vec<_>>()
            .into(),
        content: content(r, sb, at).into(),
        links: r
            .entries(at, "links")
            .into_iter()
            .filter_map(|(name, l)| {
                let l = r.deref(l)?;
                Some(Link {
                    name: name.to_string(),
                    operation_id: l.str("operationId"),
                    operation_ref: l.str("operationRef"),
                    parameters: r
                        .entries(l, "parameters")
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v.node.to_json()))
                        .collect(),
                    request_body: l.node.get("requestBody").map(Node::to_json),
                    description: l.str("description"),
                    origin: l.origin(),
                })
            })
            .collect(),
        extensions: r.extensions(at),
        origin: at.origin(),
        content_origin: None,
    })
}
