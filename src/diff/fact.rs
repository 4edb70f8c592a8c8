//! What changed, as plain facts, before anyone decides whether it breaks a client. A fact
//! knows where it happened (both origins) and what it is; the classifier adds the context
//! (request or response, body or property or parameter) that turns it into a rule id.

use crate::model::{Num, Origin, TypeSet};
use serde_json::Value as Json;

/// A change of one schema keyword or of the schema's structure.
#[derive(Clone, Debug, PartialEq)]
pub enum SchemaFact {
    /// The set of types changed (null excluded: that is nullability).
    TypeChanged {
        from: TypeSet,
        to: TypeSet,
    },
    BecameNullable,
    BecameNotNullable,
    FormatChanged {
        from: Option<String>,
        to: Option<String>,
    },
    /// A format added, removed or changed where one side's format is none that the OpenAPI
    /// format registry or JSON Schema defines (`unixtime`): an annotation, so no value on
    /// the wire changes.
    FormatAnnotationChanged {
        from: Option<String>,
        to: Option<String>,
    },
    /// An integer format (`int32`, `int64`) added to an integer whose minimum and maximum
    /// already fit it: no value is lost.
    FormatAddedWithinBounds(String),
    /// The schema gained an enum (it accepted any value of its type before).
    BecameEnum,
    /// The schema lost its enum.
    EnumRemoved,
    /// Values added to (removed from) one enum in one revision: one change listing them.
    EnumValuesAdded(Vec<Json>),
    EnumValuesRemoved(Vec<Json>),
    ConstAdded(Json),
    ConstRemoved(Json),
    ConstChanged {
        from: Json,
        to: Json,
    },
    DefaultAdded(Json),
    DefaultRemoved(Json),
    DefaultChanged {
        from: Json,
        to: Json,
    },
    /// A numeric, length, item-count or property-count limit changed. `keyword` is the
    /// rule-id spelling: `max`, `min`, `max-length`, `min-items`, ...
    Limit {
        keyword: &'static str,
        from: Option<Num>,
        to: Option<Num>,
    },
    PatternAdded(String),
    PatternRemoved(String),
    PatternChanged {
        from: String,
        to: String,
    },
    MultipleOfChanged {
        from: Option<Num>,
        to: Option<Num>,
    },
    UniqueItemsChanged {
        to: bool,
    },
    PropertyAdded {
        name: String,
        required: bool,
        read_only: bool,
        write_only: bool,
        has_default: bool,
    },
    PropertyRemoved {
        name: String,
        required: bool,
        read_only: bool,
        write_only: bool,
        /// A property of the same schema added to the same object: a rename candidate.
        renamed_to: Option<String>,
    },
    PropertyBecameRequired {
        name: String,
        read_only: bool,
        write_only: bool,
        has_default: bool,
    },
    PropertyBecameOptional {
        name: String,
        read_only: bool,
        write_only: bool,
    },
    /// A property's schema became (or stopped being) readOnly or writeOnly, told on the
    /// object that has the property, which knows whether it is required. (`flag`:
    /// `read-only` or `write-only`.)
    PropertyFlagChanged {
        name: String,
        required: bool,
        flag: &'static str,
        set: bool,
    },
    BecameReadOnly,
    BecameNotReadOnly,
    BecameWriteOnly,
    BecameNotWriteOnly,
    Deprecated,
    Reactivated,
    /// additionalProperties went from `from` to `to` (`None`: unrestricted).
    AdditionalPropertiesChanged {
        from: Option<bool>,
        to: Option<bool>,
    },
    /// A sub-schema keyword (`items`, `additionalProperties`, `not`, `contains`, ...) appeared
    /// or went away as a whole.
    SubschemaAdded(&'static str),
    SubschemaRemoved(&'static str),
    /// The oneOf/anyOf branches of one union that match nothing on the other side, by label:
    /// one fact per union and revision, as enum values are.
    BranchesAdded {
        keyword: &'static str,
        labels: Vec<String>,
    },
    BranchesRemoved {
        keyword: &'static str,
        labels: Vec<String>,
    },
    /// A schema without properties of its own (free-form, or a plain type) became a
    /// oneOf/anyOf: its values are narrowed to the alternatives (`labels`).
    BecameUnion {
        keyword: &'static str,
        labels: Vec<String>,
    },
    /// An object with properties became a oneOf/anyOf of alternatives none of which is that
    /// object. `lost`: properties it required that some alternative does not.
    WrappedInUnion {
        keyword: &'static str,
        labels: Vec<String>,
        lost: Vec<String>,
        /// The discriminator property that tells the alternatives apart, when the object
        /// did not have it.
        tag: Option<String>,
    },
    DiscriminatorAdded,
    DiscriminatorRemoved,
    DiscriminatorPropertyChanged {
        from: String,
        to: String,
    },
    DiscriminatorMappingAdded(String),
    DiscriminatorMappingRemoved(String),
    DiscriminatorMappingChanged(String),
    /// 3.2 `discriminator.defaultMapping`, the schema for values the mapping does not name,
    /// set, changed or removed (`None`: not given).
    DiscriminatorDefaultMappingChanged {
        from: Option<String>,
        to: Option<String>,
    },
    DescriptionChanged,
    TitleChanged,
    ExamplesChanged,
    /// A reference that resolved on one side and not on the other (or neither).
    Unresolved {
        reference: String,
    },
    ExtensionChanged(String),
    /// 3.1 `contentMediaType` / `contentEncoding` of a string's content changed (`None`:
    /// not given).
    ContentMediaTypeChanged {
        from: Option<String>,
        to: Option<String>,
    },
    ContentEncodingChanged {
        from: Option<String>,
        to: Option<String>,
    },
    /// `dependentRequired`: when property `name` is present, more or other properties are
    /// required.
    DependentRequiredAdded(String),
    DependentRequiredRemoved(String),
    DependentRequiredChanged(String),
    /// A value of `x-extensible-enum` (an enum clients must expect to grow) added or removed.
    ExtensibleEnumValueAdded(Json),
    ExtensibleEnumValueRemoved(Json),
}

/// A fact and where it is, in the base and the revision.
#[derive(Clone, Debug)]
pub struct Located<F> {
    pub fact: F,
    pub base: Option<Origin>,
    pub revision: Option<Origin>,
}
