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
        /// The types before (null excluded).
        from: TypeSet,
        /// The types after (null excluded).
        to: TypeSet,
    },
    /// `null` became an accepted value (3.0 `nullable: true`, or `null` in a 3.1 type
    /// list).
    BecameNullable,
    /// `null` is no longer an accepted value.
    BecameNotNullable,
    /// A format defined by the registry or JSON Schema added, removed or changed (`None`:
    /// no format).
    FormatChanged {
        /// The format before.
        from: Option<String>,
        /// The format after.
        to: Option<String>,
    },
    /// A format added, removed or changed where one side's format is none that the OpenAPI
    /// format registry or JSON Schema defines (`unixtime`): an annotation, so no value on
    /// the wire changes.
    FormatAnnotationChanged {
        /// The format before.
        from: Option<String>,
        /// The format after.
        to: Option<String>,
    },
    /// One numeric format replaced by another whose values include all of its own
    /// (`int32` -> `int64`, `uint32` -> `int64`, `float` -> `double`): nothing accepted
    /// before is refused, and values outside the old range may now appear.
    FormatWidened {
        /// The format before.
        from: String,
        /// The format after.
        to: String,
    },
    /// One numeric format replaced by another whose values all are of the old one
    /// (`int64` -> `int32`, `int64` -> `uint32`, `double` -> `float`).
    FormatNarrowed {
        /// The format before.
        from: String,
        /// The format after.
        to: String,
    },
    /// A format added, removed or changed where each side's format is none or one that
    /// constrains no string (`binary`, `password`, `commonmark`, `html`): a hint on how to
    /// read the value, so no value on the wire changes.
    FormatHintChanged {
        /// The format before.
        from: Option<String>,
        /// The format after.
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
    /// Values removed from one enum in one revision: one change listing them.
    EnumValuesRemoved(Vec<Json>),
    /// A `const` added: the schema now accepts that one value only.
    ConstAdded(Json),
    /// A `const` removed: any value of the type is accepted again.
    ConstRemoved(Json),
    /// The `const` value changed.
    ConstChanged {
        /// The value before.
        from: Json,
        /// The value after.
        to: Json,
    },
    /// A `default` added: what a server assumes when the value is left out.
    DefaultAdded(Json),
    /// A `default` removed.
    DefaultRemoved(Json),
    /// The `default` changed: clients that leave the value out get another behaviour.
    DefaultChanged {
        /// The default before.
        from: Json,
        /// The default after.
        to: Json,
    },
    /// A numeric, length, item-count or property-count limit changed. `keyword` is the
    /// rule-id spelling: `max`, `min`, `max-length`, `min-items`, ...
    Limit {
        /// Which limit, as spelled in rule ids.
        keyword: &'static str,
        /// The limit before (`None`: unset).
        from: Option<Num>,
        /// The limit after (`None`: unset).
        to: Option<Num>,
    },
    /// A `pattern` added (the regular expression).
    PatternAdded(String),
    /// A `pattern` removed (the regular expression it had).
    PatternRemoved(String),
    /// The `pattern` changed.
    PatternChanged {
        /// The regular expression before.
        from: String,
        /// The regular expression after.
        to: String,
    },
    /// `multipleOf` set, unset or changed.
    MultipleOfChanged {
        /// The divisor before (`None`: unset).
        from: Option<Num>,
        /// The divisor after (`None`: unset).
        to: Option<Num>,
    },
    /// `uniqueItems` turned on or off.
    UniqueItemsChanged {
        /// Whether items must be unique after the change.
        to: bool,
    },
    /// A property added to an object schema.
    PropertyAdded {
        /// The property's name.
        name: String,
        /// Whether the object requires it.
        required: bool,
        /// Whether the property's schema is readOnly (only in responses).
        read_only: bool,
        /// Whether the property's schema is writeOnly (only in requests).
        write_only: bool,
        /// Whether the property's schema has a `default` (a server can fill it in).
        has_default: bool,
    },
    /// A property removed from an object schema.
    PropertyRemoved {
        /// The property's name.
        name: String,
        /// Whether the object required it.
        required: bool,
        /// Whether the property's schema was readOnly.
        read_only: bool,
        /// Whether the property's schema was writeOnly.
        write_only: bool,
        /// A property of the same schema added to the same object: a rename candidate.
        renamed_to: Option<String>,
    },
    /// An existing property added to `required`.
    PropertyBecameRequired {
        /// The property's name.
        name: String,
        /// Whether its schema is readOnly (then only responses must carry it).
        read_only: bool,
        /// Whether its schema is writeOnly (then only requests must carry it).
        write_only: bool,
        /// Whether its schema has a `default`.
        has_default: bool,
    },
    /// A property removed from `required`: it may now be missing.
    PropertyBecameOptional {
        /// The property's name.
        name: String,
        /// Whether its schema is readOnly.
        read_only: bool,
        /// Whether its schema is writeOnly.
        write_only: bool,
    },
    /// A property's schema became (or stopped being) readOnly or writeOnly, told on the
    /// object that has the property, which knows whether it is required. (`flag`:
    /// `read-only` or `write-only`.)
    PropertyFlagChanged {
        /// The property's name.
        name: String,
        /// Whether the object requires it.
        required: bool,
        /// `read-only` or `write-only`.
        flag: &'static str,
        /// Whether the flag was set (`true`) or cleared (`false`).
        set: bool,
    },
    /// The schema became readOnly: clients may no longer send it.
    BecameReadOnly,
    /// The schema is no longer readOnly.
    BecameNotReadOnly,
    /// The schema became writeOnly: servers no longer return it.
    BecameWriteOnly,
    /// The schema is no longer writeOnly.
    BecameNotWriteOnly,
    /// The schema became `deprecated: true`.
    Deprecated,
    /// The schema is no longer deprecated.
    Reactivated,
    /// additionalProperties went from `from` to `to` (`None`: unrestricted).
    AdditionalPropertiesChanged {
        /// `Some(false)`: no additional properties; `Some(true)`: any; `None`: unrestricted
        /// (not given).
        from: Option<bool>,
        /// As `from`, after the change.
        to: Option<bool>,
    },
    /// A sub-schema keyword (`items`, `additionalProperties`, `not`, `contains`, ...) appeared
    /// or went away as a whole.
    SubschemaAdded(&'static str),
    /// A sub-schema keyword went away as a whole (the keyword).
    SubschemaRemoved(&'static str),
    /// The oneOf/anyOf branches of one union that match nothing on the other side, by label:
    /// one fact per union and revision, as enum values are.
    BranchesAdded {
        /// `oneOf` or `anyOf`.
        keyword: &'static str,
        /// The labels of the added branches (their `$ref` name or a description of their
        /// shape).
        labels: Vec<String>,
    },
    /// Branches of one union that match nothing on the other side were removed: one fact
    /// per union and revision.
    BranchesRemoved {
        /// `oneOf` or `anyOf`.
        keyword: &'static str,
        /// The labels of the removed branches.
        labels: Vec<String>,
    },
    /// A schema without properties of its own (free-form, or a plain type) became a
    /// oneOf/anyOf: its values are narrowed to the alternatives (`labels`).
    BecameUnion {
        /// `oneOf` or `anyOf`.
        keyword: &'static str,
        /// The labels of the alternatives.
        labels: Vec<String>,
    },
    /// An object with properties became a oneOf/anyOf of alternatives none of which is that
    /// object. `lost`: properties it required that some alternative does not.
    WrappedInUnion {
        /// `oneOf` or `anyOf`.
        keyword: &'static str,
        /// The labels of the alternatives.
        labels: Vec<String>,
        /// Properties the object required that some alternative does not.
        lost: Vec<String>,
        /// The discriminator property that tells the alternatives apart, when the object
        /// did not have it.
        tag: Option<String>,
    },
    /// A `discriminator` added to a union.
    DiscriminatorAdded,
    /// A union's `discriminator` removed.
    DiscriminatorRemoved,
    /// `discriminator.propertyName` changed: payloads must carry another tag property.
    DiscriminatorPropertyChanged {
        /// The property name before.
        from: String,
        /// The property name after.
        to: String,
    },
    /// A `discriminator.mapping` entry added (the tag value).
    DiscriminatorMappingAdded(String),
    /// A `discriminator.mapping` entry removed (the tag value).
    DiscriminatorMappingRemoved(String),
    /// The schema a `discriminator.mapping` entry names changed (the tag value).
    DiscriminatorMappingChanged(String),
    /// 3.2 `discriminator.defaultMapping`, the schema for values the mapping does not name,
    /// set, changed or removed (`None`: not given).
    DiscriminatorDefaultMappingChanged {
        /// The default mapping before.
        from: Option<String>,
        /// The default mapping after.
        to: Option<String>,
    },
    /// The `description` changed (documentation only).
    DescriptionChanged,
    /// The `title` changed (documentation only).
    TitleChanged,
    /// `example` or `examples` changed (documentation only).
    ExamplesChanged,
    /// A reference that resolved on one side and not on the other (or neither).
    Unresolved {
        /// The `$ref` as written.
        reference: String,
    },
    /// An `x-` extension of the schema added, removed or changed (its name).
    ExtensionChanged(String),
    /// 3.1 `contentMediaType` / `contentEncoding` of a string's content changed (`None`:
    /// not given).
    ContentMediaTypeChanged {
        /// The media type before.
        from: Option<String>,
        /// The media type after.
        to: Option<String>,
    },
    /// 3.1 `contentEncoding` (`base64`, ...) of a string's content changed (`None`: not
    /// given).
    ContentEncodingChanged {
        /// The encoding before.
        from: Option<String>,
        /// The encoding after.
        to: Option<String>,
    },
    /// `dependentRequired`: when property `name` is present, more or other properties are
    /// required.
    DependentRequiredAdded(String),
    /// A `dependentRequired` entry removed (the property it was keyed by).
    DependentRequiredRemoved(String),
    /// A `dependentRequired` entry changed (the property it is keyed by).
    DependentRequiredChanged(String),
    /// A value of `x-extensible-enum` (an enum clients must expect to grow) added or removed.
    ExtensibleEnumValueAdded(Json),
    /// A value of `x-extensible-enum` removed.
    ExtensibleEnumValueRemoved(Json),
    /// The place is typed by another component schema than before, while the old one is
    /// still in the document: a generated client's field or body changes model class.
    ComponentReplaced {
        /// The component before.
        from: String,
        /// The component after.
        to: String,
    },
}

/// A fact and where it is, in the base and the revision.
#[derive(Clone, Debug)]
pub struct Located<F> {
    /// The fact.
    pub fact: F,
    /// Where it is in the base, when the base has it.
    pub base: Option<Origin>,
    /// Where it is in the revision, when the revision has it.
    pub revision: Option<Origin>,
}
