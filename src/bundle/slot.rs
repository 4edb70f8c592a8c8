//! What kind of OpenAPI object sits at each place of a document, so that a `$ref` found
//! there can be moved into the right `components` section (or inlined where none fits).
//!
//! The walk mirrors the loader's scan for references (`load::collect_ref_sites`): data
//! keywords are data, name maps have names for keys, a `$ref` anywhere else is a reference.

use crate::load::{SpecFamily, is_data_keyword, is_name_map};

/// The reusable objects a document can hold in its components.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Schema,
    Response,
    Parameter,
    Example,
    RequestBody,
    Header,
    SecurityScheme,
    Link,
    Callback,
    PathItem,
}

impl Kind {
    /// In the order the specification lists the fields of the Components Object.
    pub const ALL: [Kind; 10] = [
        Kind::Schema,
        Kind::Response,
        Kind::Parameter,
        Kind::Example,
        Kind::RequestBody,
        Kind::Header,
        Kind::SecurityScheme,
        Kind::Link,
        Kind::Callback,
        Kind::PathItem,
    ];

    /// The member of `components` (3.x) that holds this kind.
    pub(crate) fn components_key(self) -> &'static str {
        match self {
            Kind::Schema => "schemas",
            Kind::Response => "responses",
            Kind::Parameter => "parameters",
            Kind::Example => "examples",
            Kind::RequestBody => "requestBodies",
            Kind::Header => "headers",
            Kind::SecurityScheme => "securitySchemes",
            Kind::Link => "links",
            Kind::Callback => "callbacks",
            Kind::PathItem => "pathItems",
        }
    }

    fn from_components_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.components_key() == key)
    }

    /// The pointer tokens of the map that holds components of this kind, when the version
    /// has one: 2.0 has `definitions`, `parameters` and `responses` only; path items in
    /// components came with 3.1.
    pub fn section(self, family: SpecFamily) -> Option<[&'static str; 2]> {
        match family {
            SpecFamily::Swagger2 => match self {
                Kind::Schema => Some(["definitions", ""]),
                Kind::Parameter => Some(["parameters", ""]),
                Kind::Response => Some(["responses", ""]),
                _ => None,
            },
            SpecFamily::OpenApi30 if self == Kind::PathItem => None,
            _ => Some(["components", self.components_key()]),
        }
    }

    /// The kind whose components map `pointer`'s parent is (`/components/schemas/Pet`,
    /// `/definitions/Pet`), if it is one.
    pub(crate) fn of_component_pointer(tokens: &[String], family: SpecFamily) -> Option<Kind> {
        match (family, tokens) {
            (SpecFamily::Swagger2, [section, _]) => match section.as_str() {
                "definitions" => Some(Kind::Schema),
                "parameters" => Some(Kind::Parameter),
                "responses" => Some(Kind::Response),
                _ => None,
            },
            (SpecFamily::Swagger2, _) => None,
            (_, [c, section, _]) if c == "components" => {
                Kind::from_components_key(section).filter(|k| k.section(family).is_some())
            }
            _ => None,
        }
    }
}

/// The object expected at one place of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Document,
    Components,
    /// A path item under `paths`: always written in place, as tools expect `paths` to be.
    PathsEntry,
    Operation,
    MediaType,
    Encoding,
    Discriminator,
    /// A value of `discriminator.mapping`: a schema name or a reference in a string.
    Mapping,
    Object(Kind),
    Other,
}

/// What a node is: one object, a map or list of them, or data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    One(Place),
    MapOf(Place),
    ListOf(Place),
    /// The value of a data keyword (`example`, `default`, ...): data, but a value that is
    /// nothing but a `$ref` is a reference, as bundlers write them.
    Data,
    /// Inside data: copied as it is.
    Verbatim,
}

const METHODS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

impl Slot {
    /// The slot of an array item.
    pub fn item(self) -> Slot {
        match self {
            Slot::ListOf(p) => Slot::One(p),
            Slot::Data | Slot::Verbatim => Slot::Verbatim,
            _ => Slot::One(Place::Other),
        }
    }

    /// The slot of member `key` (whose value is an array when `is_array`).
    pub fn member(self, key: &str, is_array: bool) -> Slot {
        let place = match self {
            Slot::Data | Slot::Verbatim => return Slot::Verbatim,
            Slot::ListOf(_) => return Slot::One(Place::Other),
            Slot::MapOf(
                Place::PathsEntry | Place::Object(Kind::PathItem) | Place::Object(Kind::Response),
            ) if key.starts_with("x-") => {
                return Slot::One(Place::Other);
            }
            // A callback maps expressions to path items.
            Slot::One(Place::Object(Kind::Callback)) => {
                return Slot::One(Place::Object(Kind::PathItem));
            }
            Slot::MapOf(p) => return Slot::One(p),
            Slot::One(p) => p,
        };
        if is_data_keyword(key) {
            return Slot::Data;
        }
        if key == "examples" && is_array {
            return Slot::Verbatim;
        }
        if key.starts_with("x-") {
            return Slot::One(Place::Other);
        }
        use Kind as K;
        use Place as P;
        let one = |p| Slot::One(p);
        let map = |p| Slot::MapOf(p);
        match place {
            P::Document => match key {
                "paths" => map(P::PathsEntry),
                "webhooks" => map(P::Object(K::PathItem)),
                "components" => one(P::Components),
                "definitions" => map(P::Object(K::Schema)),
                "parameters" => map(P::Object(K::Parameter)),
                "responses" => map(P::Object(K::Response)),
                "securityDefinitions" => map(P::Object(K::SecurityScheme)),
                _ => Slot::other(key),
            },
            P::Components => match (Kind::from_components_key(key), key) {
                (Some(kind), _) => map(P::Object(kind)),
                (None, "mediaTypes") => map(P::MediaType),
                _ => Slot::other(key),
            },
            P::PathsEntry | P::Object(K::PathItem) => match key {
                "parameters" => Slot::ListOf(P::Object(K::Parameter)),
                "additionalOperations" => map(P::Operation),
                k if METHODS.contains(&k) => one(P::Operation),
                _ => Slot::other(key),
            },
            P::Operation => match key {
                "parameters" => Slot::ListOf(P::Object(K::Parameter)),
                "requestBody" => one(P::Object(K::RequestBody)),
                // Status codes are names: `default` is not the data keyword here.
                "responses" => map(P::Object(K::Response)),
                "callbacks" => map(P::Object(K::Callback)),
                _ => Slot::other(key),
            },
            P::Object(K::Response) => match key {
                "headers" => map(P::Object(K::Header)),
                "content" => map(P::MediaType),
                "links" => map(P::Object(K::Link)),
                "schema" => one(P::Object(K::Schema)),
                _ => Slot::other(key),
            },
            P::Object(K::Parameter | K::Header) => match key {
                "schema" => one(P::Object(K::Schema)),
                "content" => map(P::MediaType),
                "examples" => map(P::Object(K::Example)),
                _ => Slot::other(key),
            },
            P::Object(K::RequestBody) => match key {
                "content" => map(P::MediaType),
                _ => Slot::other(key),
            },
            P::MediaType => match key {
                "schema" | "itemSchema" => one(P::Object(K::Schema)),
                "examples" => map(P::Object(K::Example)),
                "encoding" => map(P::Encoding),
                _ => Slot::other(key),
            },
            P::Encoding => match key {
                "headers" => map(P::Object(K::Header)),
                _ => Slot::other(key),
            },
            P::Object(K::Schema) => match key {
                "properties" | "patternProperties" | "definitions" | "$defs"
                | "dependentSchemas" => map(P::Object(K::Schema)),
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => Slot::ListOf(P::Object(K::Schema)),
                "items" if is_array => Slot::ListOf(P::Object(K::Schema)),
                "items"
                | "additionalProperties"
                | "not"
                | "if"
                | "then"
                | "else"
                | "contains"
                | "propertyNames"
                | "additionalItems"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "contentSchema" => one(P::Object(K::Schema)),
                "discriminator" => one(P::Discriminator),
                _ => Slot::other(key),
            },
            P::Discriminator => match key {
                "mapping" => map(P::Mapping),
                _ => Slot::other(key),
            },
            _ => Slot::other(key),
        }
    }

    /// A member of no known object: walked as the loader walks it.
    fn other(key: &str) -> Slot {
        if is_name_map(key) {
            Slot::MapOf(Place::Other)
        } else {
            Slot::One(Place::Other)
        }
    }

    /// The components kind a `$ref` at this slot becomes, if the version has a section for it.
    pub(crate) fn component_kind(self, family: SpecFamily) -> Option<Kind> {
        match self {
            Slot::One(Place::Object(kind)) => kind.section(family).map(|_| kind),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_schemas_and_parameters_are_found_where_the_spec_puts_them() {
        let op = Slot::One(Place::Operation);
        let response = op.member("responses", false).member("200", false);
        assert_eq!(response, Slot::One(Place::Object(Kind::Response)));
        assert_eq!(
            op.member("responses", false).member("default", false),
            response
        );
        let schema = response
            .member("content", false)
            .member("application/json", false)
            .member("schema", false);
        assert_eq!(schema, Slot::One(Place::Object(Kind::Schema)));
        assert_eq!(schema.member("example", false), Slot::Data);
        assert_eq!(
            schema.member("properties", false).member("example", false),
            Slot::One(Place::Object(Kind::Schema))
        );
        assert_eq!(
            op.member("parameters", true).item(),
            Slot::One(Place::Object(Kind::Parameter))
        );
        assert_eq!(
            Slot::One(Place::Object(Kind::PathItem)).component_kind(SpecFamily::OpenApi30),
            None
        );
        assert_eq!(
            Slot::One(Place::Object(Kind::Header)).component_kind(SpecFamily::Swagger2),
            None
        );
    }
}
