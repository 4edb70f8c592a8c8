//! Swagger 2.0 documents into the canonical model, normalised to what the OpenAPI 3.0
//! document of the same API gives (the conversion swagger2openapi performs):
//!
//! - `schemes` x `host` x `basePath` are servers;
//! - `definitions` are the component schemas;
//! - an `in: body` parameter is the request body, with one media type per entry of
//!   `consumes`; `in: formData` parameters are the properties of one object schema sent as
//!   `application/x-www-form-urlencoded` or `multipart/form-data`;
//! - the schema keywords of the other parameters (and of response headers) are their schema,
//!   and `collectionFormat` is a style and explode;
//! - a response `schema` has one media type per entry of `produces`, and the response's
//!   `examples` (keyed by media type) are those media types' examples; an example for a
//!   media type the operation does not produce, or of a response without a schema, makes
//!   no media type (2.0 examples document a payload, they do not declare one);
//! - `securityDefinitions` are the security schemes (`basic` is `http`/`basic`, an `oauth2`
//!   `flow` is one flow under its 3.0 name).
//!
//! The vendor extension `x-nullable: true`, the common 2.0 spelling of nullability, becomes
//! the schema's null type as 3.0 `nullable` would (schema_build.rs); `x-example` stays an
//! extension of its parameter.

use super::build::Exact;
use super::build::{
    METHODS, component_schemas, external_docs, finish, info, merge_parameters, name_schemas_of,
    parse_location, security, status_key, string_list, tags,
};
use super::reader::{At, Reader};
use super::schema_build::SchemaBuilder;
use super::*;

/// The media type a 2.0 body or response schema is sent as when neither the operation nor
/// the document says (`consumes`/`produces` absent or empty).
const DEFAULT_MEDIA_TYPE: &str = "application/json";
const FORM_URLENCODED: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

/// What the whole document sets for every operation.
struct Defaults {
    consumes: Vec<String>,
    produces: Vec<String>,
    /// `schemes` as written (empty when absent).
    schemes: Vec<String>,
    host: Option<String>,
    base_path: Option<String>,
    origin: Origin,
    /// Where `produces` is written, else the document (whose default it then is).
    produces_origin: Origin,
}

/// A change to a schema that can only be made once the schema builder has filled it in.
enum Fixup {
    /// A `formData` parameter's schema as a property of the form: the parameter's
    /// description belongs to the property (3.0 has nowhere else to put it), and `type: file`
    /// is a binary string.
    FormProperty {
        id: SchemaId,
        description: Option<String>,
    },
    /// A response schema of `type: file`: a binary string.
    File(SchemaId),
}

pub(super) fn document<'w>(r: &Reader<'w>, sb: &mut SchemaBuilder<'w>) -> Api {
    let root = r.root();
    let component_schemas = component_schemas(r, sb, r.get(root, "definitions"));
    let defaults = Defaults {
        consumes: string_list(r, root, "consumes"),
        produces: string_list(r, root, "produces"),
        produces_origin: root.raw("produces").unwrap_or(root).origin(),
        schemes: string_list(r, root, "schemes"),
        host: root.str("host").filter(|h| !h.is_empty()),
        base_path: root.str("basePath"),
        // The servers point at `basePath` when there is one: a URL that moved moved there
        // (a host change alone is as well found at `basePath` as at `host`, and is rarer).
        origin: root
            .raw("basePath")
            .or_else(|| root.raw("host"))
            .unwrap_or(root)
            .origin(),
    };
    let mut fixups = Vec::new();
    let paths = r
        .entries(root, "paths")
        .into_iter()
        .filter(|(k, _)| !k.starts_with("x-"))
        .filter_map(|(template, at)| path_item(r, sb, &defaults, &mut fixups, template, at))
        .collect();
    let others = ["parameters", "responses"]
        .into_iter()
        .flat_map(|key| r.entries(root, key));
    name_schemas_of(r, sb, others.collect());
    let api = Api {
        family: r.family,
        spec_version: r.ws.spec_version.clone(),
        info: info(r, root.raw("info")),
        servers: servers(&defaults, &defaults.schemes),
        paths,
        webhooks: Vec::new(),
        security: security(root),
        security_origin: root.raw("security").map(|a| a.origin()),
        security_schemes: r
            .entries(root, "securityDefinitions")
            .into_iter()
            .filter_map(|(name, at)| Some(security_scheme(r, name, r.deref(at)?)))
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
    let mut api = finish(r, sb, api);
    for fixup in fixups {
        apply(&mut api.schemas, fixup);
    }
    api
}

fn apply(schemas: &mut SchemaArena, fixup: Fixup) {
    let (id, description) = match fixup {
        Fixup::FormProperty { id, description } => (id, description),
        Fixup::File(id) => (id, None),
    };
    let s = schemas.get_mut(id);
    if description.is_some() {
        s.description = description.map(Into::into);
    }
    if let Some(i) = s
        .extra()
        .other
        .iter()
        .position(|(k, v)| k == "type" && v.as_str() == Some("file"))
    {
        s.extra_mut().other.remove(i);
        s.types = Some(TypeSet::STRING);
        s.format = Some("binary".into());
    }
}

/// One server per scheme. With a `host`: `scheme://host/basePath` (the scheme defaults to
/// `https`: 2.0 says "the scheme the document was fetched with", which a document read from
/// a file does not have, and swagger2openapi's scheme-relative `//host` is no absolute URL).
/// Without one, the URL is relative: `basePath` alone, as swagger2openapi writes it. A
/// trailing slash on `basePath` is dropped (the paths all start with one).
fn servers(d: &Defaults, schemes: &[String]) -> Vec<Server> {
    let base = d.base_path.as_deref().unwrap_or_default();
    let server = |url: String| Server {
        url,
        name: None,
        description: None,
        variables: Vec::new(),
        extensions: Vec::new(),
        origin: d.origin,
    };
    match &d.host {
        Some(host) => {
            let base = base.trim_end_matches('/');
            let https = ["https".to_string()];
            let schemes = if schemes.is_empty() {
                &https[..]
            } else {
                schemes
            };
            schemes
                .iter()
                .map(|s| server(format!("{s}://{host}{base}")))
                .collect()
        }
        None if base.is_empty() => Vec::new(),
        None => {
            let trimmed = base.trim_end_matches('/');
            vec![server(
                if trimmed.is_empty() { "/" } else { trimmed }.to_string(),
            )]
        }
    }
}

fn security_scheme<'w>(r: &Reader<'w>, name: &str, at: At<'w>) -> SecurityScheme {
    let written = at.str("type").unwrap_or_default();
    let (kind, scheme) = match written.as_str() {
        "basic" => ("http".to_string(), Some("basic".to_string())),
        _ => (written.clone(), None),
    };
    let flows = if written == "oauth2" {
        let flow = at.str("flow").unwrap_or_default();
        vec![OAuthFlow {
            kind: match flow.as_str() {
                "application" => "clientCredentials".to_string(),
                "accessCode" => "authorizationCode".to_string(),
                _ => flow,
            },
            authorization_url: at.str("authorizationUrl"),
            token_url: at.str("tokenUrl"),
            refresh_url: None,
            scopes: r
                .entries(at, "scopes")
                .into_iter()
                .map(|(s, d)| {
                    (
                        s.to_string(),
                        d.node.scalar_text().unwrap_or_default().into_owned(),
                    )
                })
                .collect(),
        }]
    } else {
        Vec::new()
    };
    let api_key = written == "apiKey";
    SecurityScheme {
        name: name.to_string(),
        kind,
        description: at.str("description"),
        parameter_name: at.str("name").filter(|_| api_key),
        location: at.str("in").filter(|_| api_key),
        scheme,
        bearer_format: None,
        flows,
        open_id_connect_url: None,
        deprecated: false,
        extensions: r.extensions(at),
        origin: at.origin(),
    }
}

/// A parameter followed through `$ref`, with where it goes.
#[derive(Clone)]
struct RawParameter<'w> {
    at: At<'w>,
    location: String,
    name: String,
}

impl RawParameter<'_> {
    /// The identity path-level and operation-level parameters are merged by (header names
    /// compared case-insensitively; there is one body, whatever its name).
    fn key(&self) -> (String, String) {
        match self.location.as_str() {
            "body" => ("body".to_string(), String::new()),
            "header" => (self.location.clone(), self.name.to_ascii_lowercase()),
            _ => (self.location.clone(), self.name.clone()),
        }
    }
}

fn raw_parameters<'w>(r: &Reader<'w>, at: At<'w>) -> Vec<RawParameter<'w>> {
    r.items(at, "parameters")
        .into_iter()
        .filter_map(|p| {
            let at = r.deref(p)?;
            Some(RawParameter {
                at,
                location: at.str("in").unwrap_or_default(),
                name: at.str("name").unwrap_or_default(),
            })
        })
        .collect()
}

fn path_item<'w>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    d: &Defaults,
    fixups: &mut Vec<Fixup>,
    template: &str,
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
    let shared_raw = raw_parameters(r, at);
    let shared: Vec<Parameter> = shared_raw
        .iter()
        .filter_map(|p| parameter(r, sb, p))
        .collect();
    let mut operations = Vec::new();
    // 2.0 has neither `trace` nor `query`.
    for method in METHODS.iter().filter(|m| !matches!(**m, "trace" | "query")) {
        if let Some(op) = r.get(at, method) {
            let origin = at.member_origin(method, op);
            operations.push(operation(
                r,
                sb,
                d,
                fixups,
                method,
                template,
                op,
                (&shared_raw, &shared),
            ));
            if let Some(last) = operations.last_mut() {
                last.origin = origin;
            }
        }
    }
    Some(PathItem {
        key: path_key(template),
        template: template.to_string(),
        summary: None,
        description: None,
        operations: operations.exact(),
        servers: Vec::new(),
        extensions: r.extensions(at),
        reference,
        origin: written.origin(),
    })
}

/// A media type list an operation may override (`consumes`, `produces`): the operation's
/// when it writes one (an empty list clears the document's), else the document's, and
/// `application/json` when that leaves none.
fn media_types<'w>(r: &Reader<'w>, op: At<'w>, key: &str, document: &[String]) -> Vec<String> {
    let list = match op.raw(key) {
        Some(_) => string_list(r, op, key),
        None => document.to_vec(),
    };
    if list.is_empty() {
        vec![DEFAULT_MEDIA_TYPE.to_string()]
    } else {
        list
    }
}

#[allow(clippy::too_many_arguments)]
fn operation<'w>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    d: &Defaults,
    fixups: &mut Vec<Fixup>,
    method: &str,
    template: &str,
    at: At<'w>,
    (shared_raw, shared): (&[RawParameter<'w>], &[Parameter]),
) -> Operation {
    let own_raw = raw_parameters(r, at);
    let own: Vec<Parameter> = own_raw.iter().filter_map(|p| parameter(r, sb, p)).collect();
    // Body and form parameters merge as the others do: the operation's win.
    let merged_raw: Vec<RawParameter<'w>> = shared_raw
        .iter()
        .filter(|p| !own_raw.iter().any(|o| o.key() == p.key()))
        .chain(&own_raw)
        .cloned()
        .collect();
    let consumes = media_types(r, at, "consumes", &d.consumes);
    let produces = media_types(r, at, "produces", &d.produces);
    let produces_origin = at.raw("produces").map_or(d.produces_origin, |p| p.origin());
    let request_body = match merged_raw.iter().find(|p| p.location == "body") {
        Some(body) => Some(body_request(r, sb, body.at, &consumes)),
        None => form_request(
            r,
            sb,
            fixups,
            merged_raw.iter().filter(|p| p.location == "formData"),
            &consumes,
        ),
    };
    // An operation's `schemes` overrides the document's.
    let servers = match at.raw("schemes") {
        Some(_) => {
            let schemes = string_list(r, at, "schemes");
            if schemes == d.schemes || d.host.is_none() {
                Vec::new()
            } else {
                servers(d, &schemes)
            }
        }
        None => Vec::new(),
    };
    Operation {
        method: method.to_string(),
        path: template.to_string(),
        operation_id: at.str("operationId"),
        summary: at.str("summary"),
        description: at.str("description"),
        tags: string_list(r, at, "tags"),
        deprecated: at.bool("deprecated").unwrap_or(false),
        parameters: merge_parameters(shared, own),
        request_body,
        responses: r
            .entries(at, "responses")
            .into_iter()
            .filter(|(k, _)| !k.starts_with("x-"))
            .filter_map(|(status, resp)| {
                response(r, sb, fixups, status, resp, (&produces, produces_origin))
            })
            .collect::<Vec<_>>()
            .exact(),
        callbacks: Vec::new(),
        security: security(at),
        security_origin: at.raw("security").map(|a| a.origin()),
        servers,
        external_docs: external_docs(at.raw("externalDocs")),
        extensions: r.extensions(at),
        origin: at.origin(),
    }
}

/// A query, header or path parameter (`None` for body and form parameters, which are the
/// request body, and for an unknown location, reported).
fn parameter<'w>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    p: &RawParameter<'w>,
) -> Option<Parameter> {
    if matches!(p.location.as_str(), "body" | "formData") {
        return None;
    }
    let at = p.at;
    let Some(location) = parse_location(&p.location).filter(|l| {
        matches!(
            l,
            ParameterLocation::Query | ParameterLocation::Header | ParameterLocation::Path
        )
    }) else {
        r.problem(
            at,
            format!("parameter has an unknown location `in: {}`", p.location),
        );
        return None;
    };
    let (style, explode) = style_and_explode(at, location);
    Some(Parameter {
        name: p.name.clone(),
        location,
        // Path parameters are always required, whatever the document says.
        required: location == ParameterLocation::Path || at.bool("required").unwrap_or(false),
        description: at.str("description"),
        deprecated: false,
        allow_empty_value: at.bool("allowEmptyValue").unwrap_or(false),
        style: style.to_string(),
        explode,
        allow_reserved: false,
        schema: Some(sb.swagger2_parameter_schema(r, at)),
        content: Vec::new(),
        examples: Vec::new(),
        extensions: r.extensions(at),
        origin: at.origin(),
    })
}

/// `collectionFormat` (default `csv`) of an array parameter as 3.0 style and explode, as
/// swagger2openapi maps it. `tsv` has no 3.0 style and keeps its name. A parameter that is
/// not an array has the 3.0 defaults (`form`, exploded, in the query; `simple` elsewhere).
fn style_and_explode(at: At<'_>, location: ParameterLocation) -> (String, bool) {
    let query = location == ParameterLocation::Query;
    let default_style = if query { "form" } else { "simple" };
    if at.str("type").as_deref() != Some("array") {
        return (default_style.to_string(), query);
    }
    let format = at.str("collectionFormat").unwrap_or_else(|| "csv".into());
    match format.as_str() {
        "csv" => (default_style.to_string(), false),
        "ssv" => ("spaceDelimited".to_string(), false),
        "pipes" => ("pipeDelimited".to_string(), false),
        "multi" => (default_style.to_string(), true),
        other => (other.to_string(), false),
    }
}

fn body_request<'w>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    body: At<'w>,
    consumes: &[String],
) -> RequestBody {
    let schema = body.raw("schema").map(|s| sb.schema(r, s));
    RequestBody {
        description: body.str("description"),
        required: body.bool("required").unwrap_or(false),
        content: consumes
            .iter()
            .map(|media_type| MediaType {
                media_type: media_type.into(),
                schema,
                item_schema: None,
                examples: ThinVec::new(),
                encoding: ThinVec::new(),
                extensions: ThinVec::new(),
                origin: body.origin(),
            })
            .collect(),
        extensions: r.extensions(body),
        origin: body.origin(),
    }
}

/// The `formData` parameters as one object schema, each parameter a property.
fn form_request<'a, 'w: 'a>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    fixups: &mut Vec<Fixup>,
    params: impl Iterator<Item = &'a RawParameter<'w>>,
    consumes: &[String],
) -> Option<RequestBody> {
    let params: Vec<&RawParameter<'w>> = params.collect();
    let first = params.first()?;
    let mut form = Schema {
        types: Some(TypeSet::OBJECT),
        origin: first.at.origin(),
        ..Schema::default()
    };
    let mut has_file = false;
    for p in &params {
        let id = sb.swagger2_parameter_schema(r, p.at);
        fixups.push(Fixup::FormProperty {
            id,
            description: p.at.str("description"),
        });
        has_file |= p.at.str("type").as_deref() == Some("file");
        form.properties.push((p.name.clone(), id));
        form.property_origins.push(p.at.origin());
        if p.at.bool("required").unwrap_or(false) {
            form.required.push(p.name.clone());
        }
    }
    form.required.sort();
    form.required.dedup();
    let required = !form.required.is_empty();
    let media_type = if has_file || consumes.iter().any(|c| c == MULTIPART) {
        MULTIPART
    } else {
        FORM_URLENCODED
    };
    let origin = first.at.origin();
    // A schema of no node: the builder's arena takes it as it is.
    let schema = sb.arena.push(form);
    Some(RequestBody {
        description: None,
        required,
        content: vec![MediaType {
            media_type: media_type.into(),
            schema: Some(schema),
            item_schema: None,
            examples: ThinVec::new(),
            encoding: ThinVec::new(),
            extensions: ThinVec::new(),
            origin,
        }],
        extensions: Vec::new(),
        origin,
    })
}

fn response<'w>(
    r: &Reader<'w>,
    sb: &mut SchemaBuilder<'w>,
    fixups: &mut Vec<Fixup>,
    status: &str,
    written: At<'w>,
    (produces, produces_origin): (&[String], Origin),
) -> Option<Response> {
    let at = r.deref(written)?;
    let examples = r.entries(at, "examples");
    let example_for = |media_type: &str| -> Vec<super::ValueDigest> {
        examples
            .iter()
            .filter(|(m, _)| *m == media_type)
            .map(|(_, v)| super::ValueDigest::of(v.node))
            .collect()
    };
    let mut content: Vec<MediaType> = Vec::new();
    if let Some(schema_at) = at.raw("schema") {
        let schema = sb.schema(r, schema_at);
        if r.deref(schema_at)
            .is_some_and(|s| s.str("type").as_deref() == Some("file"))
        {
            fixups.push(Fixup::File(schema));
        }
        content.extend(produces.iter().map(|media_type| MediaType {
            media_type: media_type.into(),
            schema: Some(schema),
            item_schema: None,
            examples: example_for(media_type).into(),
            encoding: ThinVec::new(),
            extensions: ThinVec::new(),
            origin: schema_at.origin(),
        }));
    }
    // Only a response with a schema has media types, and only then from `produces`.
    let content_origin = Some(produces_origin).filter(|_| !content.is_empty());
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
                    required: false,
                    deprecated: false,
                    schema: Some(sb.swagger2_parameter_schema(r, h)),
                    content: ThinVec::new(),
                    extensions: r.extensions(h),
                    origin: h.origin(),
                })
            })
            .collect::<Vec<_>>()
            .into(),
        content: content.into(),
        links: ThinVec::new(),
        extensions: r.extensions(at),
        origin: at.origin(),
        content_origin,
    })
}
