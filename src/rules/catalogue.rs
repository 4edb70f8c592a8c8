//! The change catalogue as typed data: build.rs expands the templates in `rules/changes.yaml`
//! and `rules/policy.yaml` into [`RULES`] (one per change id) and [`TEMPLATES`] (one per
//! entry), with a constant in [`ids`] for every id and a [`SchemaChange`] per schema fact
//! template. Code names ids through these, so an id that is not in the catalogue does not
//! compile; strings are only looked up where users write them (settings, `explain`).

use super::Profile;
use super::changes::Level;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A change id from the catalogue: an index into [`RULES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChangeId(pub(crate) u16);

// A change id is two bytes: every affected operation of every change carries one.
const _: () = assert!(RULES.len() <= u16::MAX as usize);

/// Where a schema fact is reported: the prefix of its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    /// The schema of a request body.
    RequestBody,
    /// A property (at any depth) of a request body's schema.
    RequestProperty,
    /// The schema of a parameter.
    RequestParameter,
    /// A property (at any depth) of a parameter's schema.
    RequestParameterProperty,
    /// The schema of a response body.
    ResponseBody,
    /// A property (at any depth) of a response body's schema.
    ResponseProperty,
    /// The schema of a response header.
    ResponseHeader,
    /// A property (at any depth) of a response header's schema.
    ResponseHeaderProperty,
}

impl Context {
    /// In the order build.rs numbers them.
    pub const ALL: [Context; 8] = [
        Context::RequestBody,
        Context::RequestProperty,
        Context::RequestParameter,
        Context::RequestParameterProperty,
        Context::ResponseBody,
        Context::ResponseProperty,
        Context::ResponseHeader,
        Context::ResponseHeaderProperty,
    ];

    /// The id prefix: `request-body`, `response-header-property`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Context::RequestBody => "request-body",
            Context::RequestProperty => "request-property",
            Context::RequestParameter => "request-parameter",
            Context::RequestParameterProperty => "request-parameter-property",
            Context::ResponseBody => "response-body",
            Context::ResponseProperty => "response-property",
            Context::ResponseHeader => "response-header",
            Context::ResponseHeaderProperty => "response-header-property",
        }
    }
}

/// One change id with its level under each profile.
#[derive(Debug)]
pub struct Rule {
    /// The id users write (`request-property-enum-value-removed`).
    pub id: &'static str,
    /// The level under the default profile, `wire`.
    pub level: Level,
    /// The level under `sdk` (strict generated clients).
    pub sdk_level: Level,
    /// `request`, `response` or `none`.
    pub direction: &'static str,
    /// `oasdiff` when the id is oasdiff's, `specver` when it is ours.
    pub origin: &'static str,
    /// Index into [`TEMPLATES`].
    pub template: usize,
    /// For an id expanded from a schema fact template, its context.
    pub context: Option<Context>,
}

impl Rule {
    /// The entry of `rules/*.yaml` this id was expanded from.
    pub fn template(&self) -> &'static Template {
        &TEMPLATES[self.template]
    }

    /// The message template, with `{placeholders}` for the change's arguments.
    pub fn message(&self) -> &'static str {
        self.template().message
    }

    /// Why the level differs from oasdiff's or from the template's default, when it does.
    pub fn why(&self) -> Option<&'static str> {
        self.template().why
    }

    /// The level under a profile.
    pub fn level_in(&self, profile: Profile) -> Level {
        match profile {
            Profile::Wire => self.level,
            Profile::Sdk => self.sdk_level,
        }
    }

    /// Why the `sdk` level differs from the `wire` level, when it does.
    pub(crate) fn sdk_why(&self) -> Option<&'static str> {
        (self.sdk_level != self.level)
            .then_some(self.template().sdk_why)
            .flatten()
    }

    /// Whether it is a change, a policy check or a lifecycle check.
    pub fn kind(&self) -> Kind {
        self.template().kind
    }

    /// What it needs from a release when it is at `info` level.
    pub fn bump(&self) -> BumpEffect {
        self.template().bump
    }
}

/// Whether a template expands over contexts (`fact:`) or is one id (`id:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A schema fact (`fact:`), one id per context: `{context}-{fact}`.
    Fact,
    /// One id (`id:`), for an endpoint, security, server or policy change.
    Id,
}

/// What an id reports: a difference, or a check run on the differences (`kind:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A difference between the documents.
    Change,
    /// A versioning check of `info.version` against the changes.
    Policy,
    /// A deprecation, sunset or stability check.
    Lifecycle,
}

impl Kind {
    /// As written in `kind:`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Change => "change",
            Kind::Policy => "policy",
            Kind::Lifecycle => "lifecycle",
        }
    }
}

/// What a change needs from a release when it is at `info` level (above that, its level
/// decides: error needs a major release, warning a minor one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BumpEffect {
    /// No release: the version number itself, the versioning checks.
    None,
    /// Documentation only: descriptions, summaries, titles, examples, extensions.
    Patch,
    /// A capability added.
    Minor,
    /// A change whose level decides (info: minor).
    MajorIfError,
}

impl BumpEffect {
    /// As written in `bump:`.
    pub fn as_str(self) -> &'static str {
        match self {
            BumpEffect::None => "none",
            BumpEffect::Patch => "patch",
            BumpEffect::Minor => "minor",
            BumpEffect::MajorIfError => "major-if-error",
        }
    }
}

/// A template's executable example: two documents (or two schemas, for a fact template),
/// as YAML.
#[derive(Debug)]
pub struct Example {
    /// The document (or schema) before.
    pub base: &'static str,
    /// The document (or schema) after.
    pub revision: &'static str,
    /// The day sunset dates are compared with.
    pub date: Option<&'static str>,
    /// A `.specver.yaml` to apply.
    pub config: Option<&'static str>,
}

/// One entry of `rules/*.yaml`.
#[derive(Debug)]
pub struct Template {
    /// The fact suffix (`enum-value-removed`) or the whole id.
    pub name: &'static str,
    /// Whether it expands over contexts.
    pub form: Form,
    /// The file it is in: `rules/changes.yaml` or `rules/policy.yaml`.
    pub source: &'static str,
    /// The message, with `{placeholders}` for the change's arguments.
    pub message: &'static str,
    /// What the change is, in words (the message, or `summary:` where the message is
    /// all placeholders).
    pub summary: &'static str,
    /// The levels as written: `error`, or `{request: error, response: info}`.
    pub levels: &'static str,
    /// Whether it is a change, a policy check or a lifecycle check.
    pub kind: Kind,
    /// What it needs from a release at `info` level.
    pub bump: BumpEffect,
    /// Why its level differs from oasdiff's or from the template's default, when it does.
    pub why: Option<&'static str>,
    /// Why an id's `sdk` level differs from its `wire` level.
    pub(crate) sdk_why: Option<&'static str>,
    /// The specification section it is about (a URL).
    pub reference: Option<&'static str>,
    /// The executable example `tests/catalogue.rs` runs in every context.
    pub example: Option<Example>,
    /// The ids it expands to, as a range of [`RULES`].
    pub rules: std::ops::Range<usize>,
}

impl Template {
    /// The ids it expands to (one for an `id:` template, one per context for a `fact:`).
    pub fn expanded(&self) -> &'static [Rule] {
        &RULES[self.rules.clone()]
    }
}

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

impl ChangeId {
    /// Its entry in [`RULES`]: levels, direction, template.
    pub fn rule(self) -> &'static Rule {
        &RULES[usize::from(self.0)]
    }

    /// The id users write.
    pub fn as_str(self) -> &'static str {
        RULES[usize::from(self.0)].id
    }

    /// The level under the default profile, `wire`.
    pub fn level(self) -> Level {
        RULES[usize::from(self.0)].level
    }

    /// The level under a client profile.
    pub fn level_in(self, profile: Profile) -> Level {
        RULES[usize::from(self.0)].level_in(profile)
    }

    /// The id users wrote, if the catalogue has it.
    pub fn parse(id: &str) -> Option<ChangeId> {
        static BY_ID: OnceLock<FxHashMap<&'static str, usize>> = OnceLock::new();
        BY_ID
            .get_or_init(|| RULES.iter().enumerate().map(|(i, r)| (r.id, i)).collect())
            .get(id)
            .map(|&i| ChangeId(i as u16))
    }

    /// Every id, in catalogue order.
    pub fn all() -> impl Iterator<Item = ChangeId> {
        (0..RULES.len()).map(|i| ChangeId(i as u16))
    }
}

impl std::fmt::Display for ChangeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ChangeId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<ChangeId> for str {
    fn eq(&self, other: &ChangeId) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<ChangeId> for String {
    fn eq(&self, other: &ChangeId) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<ChangeId> for &str {
    fn eq(&self, other: &ChangeId) -> bool {
        *self == other.as_str()
    }
}

/// The known name closest to `unknown` (edit distance), when one is close enough to be a
/// likely typo: for "did you mean" in errors about ids and rule names.
pub fn nearest<'a>(unknown: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let (d, best) = names
        .into_iter()
        .map(|n| (edit_distance(unknown, n), n))
        .min_by_key(|(d, _)| *d)?;
    (d <= unknown.len().max(4) / 2).then_some(best)
}

/// The known name closest to `unknown`, however far: for naming the nearest of a list
/// the user chose from (operations), where any hint helps.
pub(crate) fn closest<'a>(
    unknown: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    names.into_iter().min_by_key(|n| edit_distance(unknown, n))
}

/// The nearest change id to `unknown`.
pub(crate) fn nearest_id(unknown: &str) -> Option<&'static str> {
    nearest(unknown, RULES.iter().map(|r| r.id))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    crate::edit_distance::edit_distance(&a, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_name_their_ids() {
        // A constant's name is its id, upper-cased.
        for id in ChangeId::all() {
            let name = id.as_str().to_uppercase().replace('-', "_");
            assert!(
                name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{id}"
            );
        }
        assert!(
            ids::REQUEST_PROPERTY_ENUM_VALUE_REMOVED
                .as_str()
                .ends_with("-enum-value-removed")
        );
        assert_eq!(
            SchemaChange::EnumValueRemoved.in_context(Context::ResponseHeaderProperty),
            ids::RESPONSE_HEADER_PROPERTY_ENUM_VALUE_REMOVED
        );
        for change in SchemaChange::ALL {
            for context in Context::ALL {
                let rule = change.in_context(context).rule();
                assert_eq!(rule.context, Some(context), "{}", rule.id);
                assert!(rule.id.starts_with(context.as_str()), "{}", rule.id);
            }
        }
    }

    #[test]
    fn nearest_names_a_likely_typo_only() {
        let id = ids::REQUEST_PROPERTY_ENUM_VALUE_REMOVED.as_str();
        assert_eq!(nearest_id(&id[..id.len() - 1]), Some(id));
        assert_eq!(nearest_id("zzz"), None);
        assert_eq!(
            ChangeId::parse(ids::ENDPOINT_ADDED.as_str()),
            Some(ids::ENDPOINT_ADDED)
        );
        assert_eq!(ChangeId::parse("endpoint-add"), None);
    }
}
