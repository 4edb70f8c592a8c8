//! The canonical model: Swagger 2.0, OpenAPI 3.0, 3.1 and 3.2 normalised into one shape.
//!
//! Everything a diff or a lint rule needs is here, with the spelling differences between
//! versions removed: 2.0 `body`/`formData` parameters are request bodies, 2.0
//! host/basePath/schemes are servers, 3.0 `nullable` and 3.1 type arrays are one type set
//! (a 3.0 `nullable: true` beside a `$ref` included: documents mean "X or null" by it, though
//! 3.0 ignores `$ref` siblings by the letter; see `schema_build::is_plain_ref`), `oneOf: []`
//! and `anyOf: []` are no union (documents write them for "none listed"),
//! boolean and numeric `exclusiveMinimum` are one bound, path-level parameters are merged
//! into each operation, and `$ref`s are followed (components other than schemas are
//! inlined where used; schemas live in an arena so that cycles stay a graph).
//!
//! Each element keeps its [`Origin`]: the file and span it was read from. The JSON pointer
//! of an origin is derived on demand ([`crate::load::Workspace::position`]).

mod build;
mod canonical;
mod digest;
pub(crate) mod names;
mod reader;
mod schema;
mod schema_build;
mod swagger2;

pub use build::build;
pub use canonical::canonical_json;
pub use digest::ValueDigest;
pub use schema::{
    AdditionalProperties, Bound, Discriminator, Num, Schema, SchemaArena, SchemaId, TypeSet,
};
pub(crate) use schema_build::is_mapping_reference;

use crate::diagnostic::Location;
use crate::load::{FileId, SpecFamily};
use crate::tree::Span;
use compact_str::CompactString;
use serde::Serialize;
use serde_json::Value as Json;
use thin_vec::ThinVec;

/// Where an element was read from. Skipped when the model is serialised, so that the same
/// API written as JSON and as YAML serialises identically.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file it is in.
    pub file: FileId,
    /// Its byte range in that file.
    pub span: Span,
}

impl Origin {
    /// The file and span as a diagnostic location.
    pub fn location(self) -> Location {
        Location {
            file: self.file,
            span: self.span,
        }
    }
}

/// `x-` extensions, in document order, as JSON values.
pub(crate) type Extensions = Vec<(String, Json)>;

fn no_extensions(e: &[(String, Json)]) -> bool {
    e.is_empty()
}

/// A whole document in the canonical model: what [`build`] makes of a loaded
/// [`crate::load::Workspace`], the same shape for every OpenAPI and Swagger version.
#[derive(Clone, Debug, Serialize)]
pub struct Api {
    /// Which specification the document follows (Swagger 2.0 or OpenAPI 3.x).
    pub family: SpecFamily,
    /// `openapi` / `swagger` as written.
    pub spec_version: String,
    /// The `info` object.
    pub info: Info,
    /// The document's servers (2.0: one per scheme of `host` and `basePath`), in document
    /// order.
    pub servers: Vec<Server>,
    /// Path items in document order.
    pub paths: Vec<PathItem>,
    /// 3.1+ webhooks, keyed by name (in [`PathItem::key`]).
    pub webhooks: Vec<PathItem>,
    /// The document's default security; `None` when the document sets none.
    pub security: Option<Vec<SecurityRequirement>>,
    /// Where the document's `security` list is written (for `security: []`, which has no
    /// requirement to point at).
    #[serde(skip)]
    pub(crate) security_origin: Option<Origin>,
    /// The security schemes (3.x `components.securitySchemes`, 2.0 `securityDefinitions`),
    /// in document order.
    pub security_schemes: Vec<SecurityScheme>,
    /// The document's `tags`, in document order.
    pub tags: Vec<Tag>,
    /// Named schemas (3.x `components.schemas`, 2.0 `definitions`), in document order.
    pub component_schemas: Vec<(String, SchemaId)>,
    /// Schemas that live in another file than the root, named after the `$ref`s that reach
    /// them as `specver bundle` names them in `components` (see [`names`]), in the order
    /// they were met. For the API they are named schemas as components are:
    /// [`Api::named_schemas`] lists both.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub external_schemas: Vec<(String, SchemaId)>,
    /// Every schema name given (the root's, then those of [`Api::external_schemas`]), for
    /// `specver bundle`.
    #[serde(skip)]
    pub(crate) schema_names: names::SectionNames,
    /// `component_schemas` by name, made on the first lookup: the diff looks up every
    /// component of the other side, and a scan per lookup was quadratic in their number.
    #[serde(skip)]
    pub(crate) component_index: std::sync::OnceLock<rustc_hash::FxHashMap<String, SchemaId>>,
    /// Every schema the document has, components and inline ones, each once; [`SchemaId`]s
    /// index it.
    pub schemas: SchemaArena,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) external_docs: Option<ExternalDocs>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: Extensions,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

impl Api {
    /// Drops the paths, webhooks and schemas, the bulk of a model, once a comparison no
    /// longer needs them.
    pub(crate) fn release_operations_and_schemas(&mut self) {
        self.paths = Vec::new();
        self.webhooks = Vec::new();
        self.component_schemas = Vec::new();
        self.external_schemas = Vec::new();
        self.schema_names = Default::default();
        self.component_index = Default::default();
        self.schemas = SchemaArena::default();
    }

    /// Every operation with its path item, paths first, then webhooks.
    pub fn operations(&self) -> impl Iterator<Item = (&PathItem, &Operation)> {
        self.paths
            .iter()
            .chain(&self.webhooks)
            .flat_map(|p| p.operations.iter().map(move |o| (p, o)))
    }

    /// The schema an id names (panics on an id of another model).
    pub fn schema(&self, id: SchemaId) -> &Schema {
        self.schemas.get(id)
    }

    /// The named schemas: the components (3.x `components.schemas`, 2.0 `definitions`),
    /// then the schemas in other files ([`Api::external_schemas`]).
    pub fn named_schemas(&self) -> impl Iterator<Item = &(String, SchemaId)> {
        self.component_schemas.iter().chain(&self.external_schemas)
    }

    /// The schema a name names ([`Api::named_schemas`]), if any: the first of two equal
    /// names.
    pub fn component_schema(&self, name: &str) -> Option<SchemaId> {
        let index = self.component_index.get_or_init(|| {
            let mut index = rustc_hash::FxHashMap::default();
            for (n, id) in self.named_schemas() {
                // The first of two equal names, as a scan would find it.
                index.entry(n.clone()).or_insert(*id);
            }
            index
        });
        index.get(name).copied()
    }
}

/// The `info` object.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Info {
    /// `info.title`, as written.
    pub title: String,
    /// `info.version` exactly as written (`1.10` stays `1.10`).
    pub version: String,
    /// Its `summary`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) terms_of_service: Option<String>,
    /// `info.contact` as JSON (compared as a whole).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) license: Option<Json>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: Extensions,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
    /// Where `info.version` is written (for version-policy findings).
    #[serde(skip)]
    pub(crate) version_origin: Origin,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct ExternalDocs {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One server a document, path item or operation names.
#[derive(Clone, Debug, Serialize)]
pub struct Server {
    /// The URL as written; for 2.0, `scheme://host/basePath` for each scheme.
    pub url: String,
    /// 3.2 `name`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The URL template's variables, in document order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<ServerVariable>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: Extensions,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

/// One variable of a server URL template.
#[derive(Clone, Debug, Serialize)]
pub struct ServerVariable {
    /// The variable's name (`{name}` in the URL).
    pub name: String,
    /// Its `default`, the value a client uses when it chooses none.
    pub default: String,
    /// Its `enum`: the only values allowed, when not empty.
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<String>,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

/// One path (or webhook, or callback expression) and its operations.
#[derive(Clone, Debug, Serialize)]
pub struct PathItem {
    /// The identity of the route: the template with parameter names erased
    /// (`/pets/{}`), so `/pets/{id}` and `/pets/{petId}` are one route. For webhooks, the
    /// webhook's name.
    pub key: String,
    /// The template (or webhook name) as written.
    pub template: String,
    /// Its `summary`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its operations, in document order.
    pub operations: Vec<Operation>,
    /// Servers the path item sets for its operations (empty: inherited).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: Extensions,
    /// The `$ref` a path item was written as, if any (resolved into this item).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

/// One operation: a method of a path item, with everything it inherits merged in.
#[derive(Clone, Debug, Serialize)]
pub struct Operation {
    /// Lower case for the fixed fields (`get`, ..., `query`); as written for 3.2
    /// `additionalOperations` (`PURGE`).
    pub method: String,
    /// The path template as written (or the webhook name).
    pub path: String,
    /// Its `operationId`, as written (generated clients name methods after it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// Its `summary`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its tags, by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Whether it is marked `deprecated: true`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Path-level and operation-level parameters merged (the operation's win).
    pub parameters: Vec<Parameter>,
    /// Its request body (2.0: the `body` or `formData` parameters), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    /// Its responses, in document order.
    pub responses: Vec<Response>,
    /// Its callbacks, in document order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub callbacks: Vec<Callback>,
    /// The operation's own security; `None` inherits the document's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<SecurityRequirement>>,
    /// Where the operation's own `security` list is written.
    #[serde(skip)]
    pub(crate) security_origin: Option<Origin>,
    /// Servers the operation sets itself (empty: the path item's, else the document's).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) external_docs: Option<ExternalDocs>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: Extensions,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

/// Where a parameter goes in a request (`in:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParameterLocation {
    /// A variable of the path template; always required.
    Path,
    /// One query-string parameter.
    Query,
    /// 3.2 `in: querystring`: the whole query string as one value.
    Querystring,
    /// A request header (names compared case-insensitively).
    Header,
    /// A cookie.
    Cookie,
}

impl ParameterLocation {
    /// As written in `in:`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParameterLocation::Path => "path",
            ParameterLocation::Query => "query",
            ParameterLocation::Querystring => "querystring",
            ParameterLocation::Header => "header",
            ParameterLocation::Cookie => "cookie",
        }
    }
}

/// One parameter of an operation (path-level ones merged in).
#[derive(Clone, Debug, Serialize)]
pub struct Parameter {
    /// Its name, as written.
    pub name: String,
    /// Where it goes (`in:`).
    #[serde(rename = "in")]
    pub location: ParameterLocation,
    /// Whether a request must carry it (always true for a path parameter).
    pub required: bool,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it is marked `deprecated: true`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) allow_empty_value: bool,
    /// The serialisation style, defaulted as the version defines it (2.0 `collectionFormat`
    /// maps onto style and explode).
    pub style: String,
    pub(crate) explode: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) allow_reserved: bool,
    /// Its schema (3.x `schema`, 2.0 the parameter's own type keywords), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<SchemaId>,
    /// 3.x `content`: the parameter's media type and schema, instead of `schema`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<MediaType>,
    /// Its examples (`example` and the values of `examples`), as digests of their values.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<ValueDigest>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: Extensions,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

impl Parameter {
    /// The parameter's identity within an operation: location plus name, with header names
    /// compared case-insensitively (HTTP header names are).
    pub fn key(&self) -> (ParameterLocation, String) {
        let name = match self.location {
            ParameterLocation::Header => self.name.to_ascii_lowercase(),
            _ => self.name.clone(),
        };
        (self.location, name)
    }
}

/// A request body (2.0: made from the `body` or `formData` parameters).
#[derive(Clone, Debug, Serialize)]
pub struct RequestBody {
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether a request must carry a body.
    pub required: bool,
    /// The media types it accepts, in document order (2.0: from `consumes`).
    pub content: Vec<MediaType>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: Extensions,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

/// One media type of a body, parameter or header, with its schema.
#[derive(Clone, Debug, Serialize)]
pub struct MediaType {
    /// The media type as written (`application/json; charset=utf-8`).
    pub media_type: CompactString,
    /// The schema of the content, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<SchemaId>,
    /// 3.2 `itemSchema` for streamed sequences.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) item_schema: Option<SchemaId>,
    /// Its examples (`example` and the values of `examples`), as digests of their values.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub examples: ThinVec<ValueDigest>,
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub(crate) encoding: ThinVec<(String, Json)>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: ThinVec<(String, Json)>,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

/// One response of an operation.
#[derive(Clone, Debug, Serialize)]
pub struct Response {
    /// `200`, `2XX` (upper-cased), or `default`.
    pub status: String,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its headers, in document order.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub headers: ThinVec<Header>,
    /// The media types it returns, in document order (2.0: from `produces`, with the
    /// response's schema).
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub content: ThinVec<MediaType>,
    /// Its links (3.x), in document order.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub links: ThinVec<Link>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: ThinVec<(String, Json)>,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
    /// Where the list of media types is written when the response does not write its own:
    /// a Swagger 2.0 `produces` (the operation's, else the document's; the document itself
    /// when neither has one). One edit there changes every response that inherits it, and
    /// is reported once, there. `None` for 3.x, whose responses name their media types.
    #[serde(skip)]
    pub(crate) content_origin: Option<Origin>,
}

/// One header of a response.
#[derive(Clone, Debug, Serialize)]
pub struct Header {
    /// Its name, as written (compared case-insensitively).
    pub name: String,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the response always carries it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Whether it is marked `deprecated: true`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Its schema, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<SchemaId>,
    /// 3.x `content`: its media type and schema, instead of `schema`.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub content: ThinVec<MediaType>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: ThinVec<(String, Json)>,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

/// A 3.x link: how a value of a response feeds another operation.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// The link's name in the response's `links`.
    pub name: String,
    /// The `operationId` it targets, if it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) operation_ref: Option<String>,
    /// Parameter name to value or runtime expression, in document order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<(String, Json)>,
    /// The request body it passes (a value or runtime expression), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<Json>,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

/// A 3.x callback: requests the API makes to the client.
#[derive(Clone, Debug, Serialize)]
pub struct Callback {
    /// Its name in the operation's `callbacks`.
    pub name: String,
    /// The callback's path items, keyed by their runtime expression.
    pub paths: Vec<PathItem>,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

/// One alternative of a security requirement list: all of these schemes together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SecurityRequirement {
    /// (scheme name, required scopes)
    pub schemes: Vec<(String, Vec<String>)>,
    /// Where the requirement is written.
    #[serde(skip)]
    pub origin: Origin,
}

/// One security scheme, by name.
#[derive(Clone, Debug, Serialize)]
pub struct SecurityScheme {
    /// Its name in `components.securitySchemes` (2.0 `securityDefinitions`), which
    /// requirements use.
    pub name: String,
    /// `apiKey`, `http`, `oauth2`, `openIdConnect`, `mutualTLS` (2.0 `basic` is `http`
    /// with scheme `basic`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// apiKey: the header, query or cookie parameter name and where it goes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) parameter_name: Option<String>,
    /// apiKey: `header`, `query` or `cookie`.
    #[serde(rename = "in", skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// http: `basic`, `bearer`, ... (lower-cased).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) bearer_format: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) flows: Vec<OAuthFlow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) open_id_connect_url: Option<String>,
    /// Whether it is marked `deprecated: true`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: Extensions,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct OAuthFlow {
    /// `implicit`, `password`, `clientCredentials`, `authorizationCode`, `deviceAuthorization`
    /// (2.0 `application` is `clientCredentials`, `accessCode` is `authorizationCode`).
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) authorization_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) token_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) refresh_url: Option<String>,
    /// (scope, description)
    pub scopes: Vec<(String, String)>,
}

/// One entry of the document's `tags`.
#[derive(Clone, Debug, Serialize)]
pub struct Tag {
    /// The tag's name, which operations use.
    pub name: String,
    /// Its `summary`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Its `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 3.2 `parent`: the name of the tag it is nested under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// 3.2 `kind` (`nav`, `badge`, ...), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) external_docs: Option<ExternalDocs>,
    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: Extensions,
    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
}

/// Erases parameter names from a path template: `/pets/{petId}` -> `/pets/{}`. A trailing
/// slash is kept (servers treat `/a` and `/a/` as different routes).
pub fn path_key(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_param = false;
    for c in template.chars() {
        match c {
            '{' if !in_param => {
                in_param = true;
                out.push('{');
            }
            '}' if in_param => {
                in_param = false;
                out.push('}');
            }
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

/// The parameter names in a path template, in order.
pub fn path_parameter_names(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        names.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_keys_erase_parameter_names() {
        assert_eq!(path_key("/pets/{petId}/toys/{id}"), "/pets/{}/toys/{}");
        assert_eq!(path_key("/pets/{id}.json"), "/pets/{}.json");
        assert_eq!(path_parameter_names("/a/{x}/b/{y}"), ["x", "y"]);
    }
}
