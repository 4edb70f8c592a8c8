//! Schemas in an arena. Each schema node of the document becomes one [`Schema`] with a
//! [`SchemaId`]; a `$ref` in a schema position is the id of its target, so a schema reached
//! from a thousand paths is still one entry and cycles are just ids that loop.

use super::{Origin, no_extensions};
use serde::Serialize;
use serde_json::Value as Json;
use thin_vec::ThinVec;

/// A schema of one [`Api`](super::Api): an index into its [`SchemaArena`]. Ids of two
/// models are unrelated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SchemaId(pub u32);

/// Every schema of a model, once each: inline schemas and components alike, with `$ref`s
/// resolved to the id of their target (so cycles are ids, not recursion).
///
/// Kept in chunks of [`SchemaArena::CHUNK`] schemas, not one vector: a schema is several
/// hundred bytes and a large spec has tens of thousands, so a doubling vector held up to
/// twice the room it needed and, while growing, the old and the new copy at once (a quarter
/// of the peak memory of `inspect` on Discord's 1 MB description).
#[derive(Clone, Debug, Default)]
pub struct SchemaArena {
    chunks: Vec<Vec<Schema>>,
    len: usize,
}

impl SchemaArena {
    /// Schemas per chunk: a chunk is about 170 KB.
    const CHUNK: usize = 256;

    /// The schema an id names; panics on an id from another arena.
    pub fn get(&self, id: SchemaId) -> &Schema {
        let i = id.0 as usize;
        &self.chunks[i / Self::CHUNK][i % Self::CHUNK]
    }

    pub(crate) fn get_mut(&mut self, id: SchemaId) -> &mut Schema {
        let i = id.0 as usize;
        &mut self.chunks[i / Self::CHUNK][i % Self::CHUNK]
    }

    /// Adds a schema and returns its id.
    pub fn push(&mut self, schema: Schema) -> SchemaId {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < Self::CHUNK => chunk.push(schema),
            _ => {
                let mut chunk = Vec::with_capacity(Self::CHUNK);
                chunk.push(schema);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
        SchemaId(self.len as u32 - 1)
    }

    /// How many schemas there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Returns the unused room of the last chunk.
    pub(crate) fn shrink_to_fit(&mut self) {
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.shrink_to_fit();
        }
        self.chunks.shrink_to_fit();
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every schema with its id, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (SchemaId, &Schema)> {
        self.chunks
            .iter()
            .flatten()
            .enumerate()
            .map(|(i, s)| (SchemaId(i as u32), s))
    }
}

/// A list of the schemas, as a vector of them would be.
impl Serialize for SchemaArena {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.chunks.iter().flatten())
    }
}

/// The JSON Schema types a schema allows, as a set. `None` on a schema means any type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TypeSet(u8);

impl TypeSet {
    /// `null` alone (3.0 `nullable: true`, 3.1 `"null"`).
    pub const NULL: TypeSet = TypeSet(1);
    pub(crate) const BOOLEAN: TypeSet = TypeSet(2);
    pub(crate) const OBJECT: TypeSet = TypeSet(4);
    pub(crate) const ARRAY: TypeSet = TypeSet(8);
    pub(crate) const NUMBER: TypeSet = TypeSet(16);
    pub(crate) const INTEGER: TypeSet = TypeSet(32);
    pub(crate) const STRING: TypeSet = TypeSet(64);
    /// In the order JSON Schema lists them; the order names are written in.
    const NAMES: [(&'static str, TypeSet); 7] = [
        ("null", TypeSet::NULL),
        ("boolean", TypeSet::BOOLEAN),
        ("object", TypeSet::OBJECT),
        ("array", TypeSet::ARRAY),
        ("number", TypeSet::NUMBER),
        ("integer", TypeSet::INTEGER),
        ("string", TypeSet::STRING),
    ];

    /// No type at all.
    pub fn empty() -> TypeSet {
        TypeSet(0)
    }

    pub(crate) fn bits(self) -> u8 {
        self.0
    }

    pub(crate) fn from_bits(bits: u8) -> TypeSet {
        TypeSet(bits & 0x7f)
    }

    pub(crate) fn from_name(name: &str) -> Option<TypeSet> {
        TypeSet::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
    }

    /// Whether every type of `other` is in this set.
    pub fn contains(self, other: TypeSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// Adds the types of `other`.
    pub fn insert(&mut self, other: TypeSet) {
        self.0 |= other.0;
    }

    /// Removes the types of `other`.
    pub fn remove(&mut self, other: TypeSet) {
        self.0 &= !other.0;
    }

    /// Whether a value can have a type of both sets (an integer is a number).
    pub fn overlaps(self, other: TypeSet) -> bool {
        let widen = |t: TypeSet| {
            if t.contains(TypeSet::NUMBER) {
                t.union(TypeSet::INTEGER)
            } else {
                t
            }
        };
        widen(self).0 & widen(other).0 != 0
    }

    /// The types of either set.
    pub const fn union(self, other: TypeSet) -> TypeSet {
        TypeSet(self.0 | other.0)
    }

    /// Whether the set has no type.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every value this set allows is allowed by `wider` (an integer is a number).
    pub(crate) fn is_subset_of(self, wider: TypeSet) -> bool {
        let mut widened = wider;
        if wider.contains(TypeSet::NUMBER) {
            widened.insert(TypeSet::INTEGER);
        }
        self.0 & !widened.0 == 0
    }

    /// The type names, in the order JSON Schema lists them (`["string", "null"]`).
    pub fn names(self) -> Vec<&'static str> {
        TypeSet::NAMES
            .iter()
            .filter(|(_, t)| self.contains(*t))
            .map(|(n, _)| *n)
            .collect()
    }
}

impl Serialize for TypeSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.names().serialize(s)
    }
}

/// A number from a schema keyword, exact for integers: `maximum: 9223372036854775807`
/// stays that integer (as an `f64` it would print as ...808 and equal ...806), and
/// 9007199254740993 differs from 9007199254740992. Decimals compare as `f64`.
#[derive(Clone, Copy, Debug)]
pub struct Num {
    /// The integer, as the two halves of an `i128`: an `i128` field would align the
    /// number, and every schema holding two bounds, to 16 bytes (a schema was 672 bytes).
    int: Option<[u64; 2]>,
    float: f64,
}

impl Num {
    /// The number a JSON or YAML number text writes, if it is one.
    pub fn parse(text: &str) -> Option<Num> {
        let float: f64 = text.parse().ok()?;
        let int = text.parse::<i128>().ok().map(Num::halves);
        float.is_finite().then_some(Num { int, float })
    }

    pub(crate) fn from_u64(v: u64) -> Num {
        Num {
            int: Some(Num::halves(v as i128)),
            float: v as f64,
        }
    }

    fn halves(v: i128) -> [u64; 2] {
        [((v as u128) >> 64) as u64, v as u64]
    }

    /// The value as `f64` (integers beyond 2^53 lose precision).
    pub fn as_f64(self) -> f64 {
        self.float
    }

    pub(crate) fn as_int(self) -> Option<i128> {
        self.int
            .map(|[high, low]| (((high as u128) << 64) | low as u128) as i128)
    }
}

impl PartialEq for Num {
    fn eq(&self, other: &Num) -> bool {
        self.partial_cmp(other) == Some(std::cmp::Ordering::Equal)
    }
}

impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Num) -> Option<std::cmp::Ordering> {
        match (self.as_int(), other.as_int()) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ => self.float.partial_cmp(&other.float),
        }
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.as_int() {
            Some(i) => write!(f, "{i}"),
            None if self.float.fract() == 0.0 && self.float.abs() < 1e15 => {
                write!(f, "{}", self.float as i64)
            }
            None => write!(f, "{}", self.float),
        }
    }
}

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_int() {
            Some(i) if i64::try_from(i).is_ok() => s.serialize_i64(i as i64),
            Some(i) if u64::try_from(i).is_ok() => s.serialize_u64(i as u64),
            _ => s.serialize_f64(self.float),
        }
    }
}

/// A numeric bound; `exclusive` folds 2.0/3.0 boolean `exclusiveMinimum` and 3.1 numeric
/// `exclusiveMinimum` into one form.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Bound {
    /// The bound.
    pub value: Num,
    pub(crate) exclusive: bool,
}

/// `additionalProperties`: a flag or a schema for the properties not listed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AdditionalProperties {
    /// `true`: any other property; `false`: none.
    Allowed(bool),
    /// Other properties must match this schema.
    Schema(SchemaId),
}

/// A `discriminator`: the property whose value says which branch of a union a payload is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Discriminator {
    /// `propertyName`: the tag property.
    pub property_name: String,
    /// (value, target `$ref` as written)
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mapping: Vec<(String, String)>,
    /// 3.2 `defaultMapping`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) default_mapping: Option<String>,
    /// The schema each `mapping` value names, in the same order (`None`: it names nothing).
    #[serde(skip)]
    pub(crate) targets: Vec<Option<SchemaId>>,
    /// The schema `defaultMapping` names.
    #[serde(skip)]
    pub(crate) default_target: Option<SchemaId>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One schema, with every keyword of every version in one normalised form. Keywords the
/// model does not name are kept in `other`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Schema {
    /// The component name, for `components.schemas.X` (or 2.0 `definitions.X`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Box<str>>,
    /// 3.1+: a `$ref` with sibling keywords; the siblings are in this schema, the target
    /// applies as well (as in `allOf`). A plain `$ref` never makes a schema of its own.
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<SchemaId>,
    /// 3.1 boolean schema `false` (nothing validates); `true` is an empty schema.
    #[serde(skip_serializing_if = "is_false")]
    pub never: bool,

    /// `None`: any type. 3.0 `nullable: true` and 3.1 `type: [.., "null"]` both put null in.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub types: Option<TypeSet>,
    /// 3.0 `nullable: true` on a schema without `type` (Stripe's `anyOf` wrappers): by the
    /// letter of 3.0.3 it has no effect, by intent it allows null, and a diff must see it go.
    #[serde(skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// `format`, as written (`int64`, `date-time`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Box<str>>,
    /// `title`, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Box<str>>,
    /// `description` (CommonMark), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Box<str>>,
    /// `enum`: the only values allowed, in document order (`None`: no enum).
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enum_values: Option<ThinVec<Json>>,
    /// 3.0 `example` and 3.1 `examples` together, as digests of their values.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub examples: ThinVec<super::ValueDigest>,
    /// Whether it is marked `deprecated: true`.
    #[serde(skip_serializing_if = "is_false")]
    pub deprecated: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub(crate) read_only: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub(crate) write_only: bool,
    /// The bounds on numbers, strings and arrays, boxed: most schemas have none, and
    /// inline they were a quarter of a schema's size. Read through [`Schema::limits`].
    #[serde(flatten)]
    pub limits: Option<Box<Limits>>,

    /// `items`: the schema of every item of an array (3.1: after `prefixItems`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<SchemaId>,
    /// (name, schema) in document order.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub properties: ThinVec<(String, SchemaId)>,
    /// Where each property's name is written, parallel to `properties`.
    #[serde(skip)]
    pub(crate) property_origins: ThinVec<Origin>,
    /// Required property names, sorted and without duplicates (order carries no meaning).
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub required: ThinVec<String>,
    /// `additionalProperties`, when given (`None`: unrestricted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<AdditionalProperties>,

    /// `allOf`: the schemas a value must match all of.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub all_of: ThinVec<SchemaId>,
    /// `oneOf`: the branches a value must match exactly one of.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub one_of: ThinVec<SchemaId>,
    /// `anyOf`: the branches a value must match at least one of.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub any_of: ThinVec<SchemaId>,
    /// `discriminator`, for a union.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<Box<Discriminator>>,

    /// Its `x-` extensions, in document order, as JSON values.
    #[serde(skip_serializing_if = "no_extensions")]
    pub extensions: ThinVec<(String, Json)>,

    /// Where it is written, for positions in reports (not serialised).
    #[serde(skip)]
    pub origin: Origin,
    /// The keywords few schemas use, boxed so that the common schema stays small (a large
    /// spec holds tens of thousands of schemas in each of two models).
    #[serde(flatten)]
    pub extra: Option<Box<SchemaExtra>>,
}

/// The keywords that bound a value of one type: numbers, strings and arrays.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Limits {
    /// `minimum` (with 2.0/3.0 boolean or 3.1 numeric `exclusiveMinimum` folded in).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Bound>,
    /// `maximum` (with `exclusiveMaximum` folded in).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Bound>,

    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) min_length: Option<u64>,
    /// `maxLength`, in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// `pattern`: a regular expression (ECMA 262) string values must match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) min_items: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) max_items: Option<u64>,
    #[serde(skip_serializing_if = "is_false")]
    pub(crate) unique_items: bool,
}

impl Limits {
    /// No bound at all: the limits of a schema that has none.
    pub const NONE: Limits = Limits {
        minimum: None,
        maximum: None,
        min_length: None,
        max_length: None,
        pattern: None,
        min_items: None,
        max_items: None,
        unique_items: false,
    };
}

/// Keywords of [`Schema`] that few schemas use.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SchemaExtra {
    /// A `$ref` that did not resolve, as written. The schema stands for "unknown".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unresolved_ref: Option<Box<str>>,
    /// `default`: what a server assumes when the value is left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Json>,
    /// `contains`: a schema some item must match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contains: Option<SchemaId>,
    /// `not`: a schema a value must not match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not: Option<SchemaId>,
    #[serde(rename = "const", skip_serializing_if = "Option::is_none")]
    pub(crate) const_value: Option<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) multiple_of: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) content_media_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) content_encoding: Option<String>,
    /// 3.1 `prefixItems` (and 3.0-era array-form `items`).
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub(crate) prefix_items: ThinVec<SchemaId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) min_contains: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) max_contains: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) unevaluated_items: Option<AdditionalProperties>,
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub(crate) pattern_properties: ThinVec<(String, SchemaId)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) property_names: Option<SchemaId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) unevaluated_properties: Option<AdditionalProperties>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) min_properties: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) max_properties: Option<u64>,
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub(crate) dependent_required: ThinVec<(String, Vec<String>)>,
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub(crate) dependent_schemas: ThinVec<(String, SchemaId)>,
    #[serde(rename = "if", skip_serializing_if = "Option::is_none")]
    pub(crate) if_schema: Option<SchemaId>,
    #[serde(rename = "then", skip_serializing_if = "Option::is_none")]
    pub(crate) then_schema: Option<SchemaId>,
    #[serde(rename = "else", skip_serializing_if = "Option::is_none")]
    pub(crate) else_schema: Option<SchemaId>,
    /// Keywords not named above (`xml`, `externalDocs`, `$id`, `$schema`, `$anchor`, vendor
    /// typos), as written.
    #[serde(skip_serializing_if = "ThinVec::is_empty")]
    pub other: ThinVec<(String, Json)>,
}

impl SchemaExtra {
    const EMPTY: SchemaExtra = SchemaExtra {
        unresolved_ref: None,
        default: None,
        contains: None,
        not: None,
        const_value: None,
        multiple_of: None,
        content_media_type: None,
        content_encoding: None,
        prefix_items: ThinVec::new(),
        min_contains: None,
        max_contains: None,
        unevaluated_items: None,
        pattern_properties: ThinVec::new(),
        property_names: None,
        unevaluated_properties: None,
        min_properties: None,
        max_properties: None,
        dependent_required: ThinVec::new(),
        dependent_schemas: ThinVec::new(),
        if_schema: None,
        then_schema: None,
        else_schema: None,
        other: ThinVec::new(),
    };
}

impl Schema {
    /// Its bounds on numbers, strings and arrays ([`Limits::NONE`] when it has none).
    pub fn limits(&self) -> &Limits {
        self.limits.as_deref().unwrap_or(&Limits::NONE)
    }

    /// Its bounds, to set one.
    pub(crate) fn limits_mut(&mut self) -> &mut Limits {
        self.limits.get_or_insert_with(Default::default)
    }

    /// The rarely used keywords (empty when the schema has none).
    pub fn extra(&self) -> &SchemaExtra {
        static EMPTY: SchemaExtra = SchemaExtra::EMPTY;
        self.extra.as_deref().unwrap_or(&EMPTY)
    }

    /// The rarely used keywords, for writing.
    pub(crate) fn extra_mut(&mut self) -> &mut SchemaExtra {
        self.extra.get_or_insert_with(Default::default)
    }

    /// The schema of a property, by name.
    pub fn property(&self, name: &str) -> Option<SchemaId> {
        self.properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
    }

    /// Whether `name` is in `required`.
    pub fn is_required(&self, name: &str) -> bool {
        self.required
            .binary_search_by(|r| r.as_str().cmp(name))
            .is_ok()
    }

    /// Whether the schema allows null (3.0 `nullable`, 3.1 `"null"` in the type array).
    pub fn allows_null(&self) -> bool {
        self.nullable || self.types.is_none_or(|t| t.contains(TypeSet::NULL))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Integers of any sign up to 128 bits come back exactly, compare exactly and print as
    /// written, through the two halves they are kept in.
    #[test]
    fn integers_survive_their_halves() {
        for text in [
            "0",
            "-1",
            "9007199254740993",
            "9223372036854775807",
            "-9223372036854775808",
            "18446744073709551615",
            "-170141183460469231731687303715884105728",
        ] {
            let n = Num::parse(text).unwrap();
            assert_eq!(n.as_int(), Some(text.parse::<i128>().unwrap()), "{text}");
            assert_eq!(n.to_string(), text);
        }
        let a = Num::parse("9007199254740993").unwrap();
        let b = Num::parse("9007199254740992").unwrap();
        assert!(a > b && a != b);
        assert_eq!(Num::parse("1.5").unwrap().as_int(), None);
    }

    /// The size a large spec multiplies (tens of thousands of schemas in each of two
    /// models): 672 bytes while a bound's integer was an `i128`, 456 with `Vec`s and
    /// `String`s and `default`, `not`, `contains` and an unresolved `$ref` inline.
    #[test]
    fn a_schema_stays_small() {
        let size = std::mem::size_of::<Schema>();
        assert!(size <= 208, "{size}");
        assert_eq!(std::mem::align_of::<Schema>(), 8);
    }
}
