//! Deprecation and stability policy, applied after the diff: removing what was deprecated
//! and is past its `x-sunset` is fine, removing it earlier is not; changes to `draft` and
//! `alpha` operations (`x-stability-level`) break nobody who was promised anything; lowering
//! an operation's stability does. Ids are oasdiff's.

use crate::diff::{Affected, Change, Direction, OperationRef};
use crate::model::{Api, Operation, Origin, path_key};
use crate::rules::changes::Level;
use crate::rules::{ChangeId, Profile, ids};

/// Policy settings: today's date and the minimum days between deprecation and sunset, per
/// stability level (`beta`, `stable`).
#[derive(Clone, Debug)]
pub struct Policy {
    /// The day sunset dates are compared with.
    pub today: Date,
    /// Stability level (`beta`, `stable`) to the minimum days between a deprecation and its
    /// `x-sunset`.
    pub min_deprecation_days: Vec<(String, u32)>,
}

/// A calendar date, compared as (year, month, day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub(crate) year: i32,
    pub(crate) month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
}

impl Date {
    /// `2025-03-01`, or the date part of an RFC 3339 timestamp.
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        let d = t.get(..10)?;
        let mut parts = d.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month)
            && (1..=31).contains(&day)
            && (t.len() == 10 || t.as_bytes()[10] == b'T'))
            .then_some(Date { year, month, day })
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_days((secs / 86_400) as i64)
    }

    /// Days since 1970-01-01 to a date (Howard Hinnant's civil-from-days).
    fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub(crate) fn plus_days(self, days: u32) -> Date {
        Date::from_days(self.to_days() + i64::from(days))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const STABILITY: [&str; 4] = ["draft", "alpha", "beta", "stable"];

fn stability(op: &Operation) -> Option<&str> {
    op.extensions
        .iter()
        .find(|(k, _)| k == "x-stability-level")
        .and_then(|(_, v)| v.as_str())
}

fn sunset(op: &Operation) -> Option<String> {
    sunset_in(&op.extensions)
}

fn sunset_in(extensions: &[(String, serde_json::Value)]) -> Option<String> {
    extensions
        .iter()
        .find(|(k, _)| k == "x-sunset")
        .map(|(_, v)| {
            v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string())
        })
}

/// The operations of one document by (path key, method): looked up once per affected
/// operation of every change, which a scan of all paths made quadratic (20,000 operations
/// reaching one changed schema).
struct Operations<'a> {
    by_key: rustc_hash::FxHashMap<(&'a str, &'a str), &'a Operation>,
}

impl<'a> Operations<'a> {
    fn new(api: &'a Api) -> Operations<'a> {
        let mut by_key = rustc_hash::FxHashMap::default();
        for p in api.paths.iter().chain(&api.webhooks) {
            for o in &p.operations {
                // The first of two equal keys, as a scan in document order finds it.
                by_key
                    .entry((p.key.as_str(), o.method.as_str()))
                    .or_insert(o);
            }
        }
        Operations { by_key }
    }

    fn find(&self, method: &str, path: &str) -> Option<&'a Operation> {
        let key = path_key(path);
        self.by_key
            .get(&(key.as_str(), method))
            .or_else(|| self.by_key.get(&(path, method)))
            .copied()
    }
}

fn make(
    profile: Profile,
    id: ChangeId,
    message: String,
    base: Option<Origin>,
    revision: Option<Origin>,
    op: &OperationRef,
) -> Change {
    let level = id.level_in(profile);
    Change {
        id: id.to_string(),
        level,
        merge_key: format!("{message} {op}"),
        values: Vec::new(),
        message,
        base,
        revision,
        operations: vec![Affected {
            operation: std::sync::Arc::new(op.clone()),
            direction: Direction::None,
            id,
            level,
        }],
        also: Vec::new(),
    }
}

/// The changes that remove an object's property (by how it was flagged, in a request or a
/// response), as reported or as the policy renamed them.
const PROPERTY_REMOVALS: [ChangeId; 10] = [
    ids::REQUEST_PROPERTY_REMOVED,
    ids::REQUEST_READ_ONLY_PROPERTY_REMOVED,
    ids::RESPONSE_REQUIRED_PROPERTY_REMOVED,
    ids::RESPONSE_OPTIONAL_PROPERTY_REMOVED,
    ids::RESPONSE_REQUIRED_WRITE_ONLY_PROPERTY_REMOVED,
    ids::RESPONSE_OPTIONAL_WRITE_ONLY_PROPERTY_REMOVED,
    ids::REQUEST_PROPERTY_REMOVED_BEFORE_SUNSET,
    ids::RESPONSE_PROPERTY_REMOVED_BEFORE_SUNSET,
    ids::REQUEST_PROPERTY_REMOVED_WITH_DEPRECATION,
    ids::RESPONSE_PROPERTY_REMOVED_WITH_DEPRECATION,
];

/// For a removed parameter or property: whether it was deprecated, its `x-sunset`, and
/// which kind it is. Found in the base model by the place the change points at.
fn removed_element(base: &Api, change: &Change) -> Option<(bool, Option<String>, &'static str)> {
    let at = change.base?;
    let is = |list: &[ChangeId]| list.iter().any(|id| change.id == *id);
    if is(&[
        ids::REQUEST_PARAMETER_REMOVED,
        ids::REQUEST_PARAMETER_REMOVED_WITH_DEPRECATION,
        ids::REQUEST_PARAMETER_REMOVED_BEFORE_SUNSET,
    ]) {
        let p = base
            .operations()
            .flat_map(|(_, op)| &op.parameters)
            .find(|p| p.origin == at)?;
        return Some((p.deprecated, sunset_in(&p.extensions), "parameter"));
    }
    if is(&PROPERTY_REMOVALS) {
        for (_, s) in base.schemas.iter() {
            if let Some(i) = s.property_origins.iter().position(|o| *o == at) {
                let prop = base.schema(s.properties[i].1);
                return Some((prop.deprecated, sunset_in(&prop.extensions), "property"));
            }
        }
    }
    None
}

/// Applies the lifecycle policy to the diff's changes, under `profile`'s levels: a removal
/// of what was deprecated and is past its `x-sunset` is allowed, an earlier one is not;
/// changes to `draft` and `alpha` operations break nobody; a deprecation that gives less
/// notice than `policy` asks for, or a lowered stability level, is reported.
pub fn apply(
    mut changes: Vec<Change>,
    base: &Api,
    revision: &Api,
    policy: &Policy,
    profile: Profile,
) -> Vec<Change> {
    let mut added: Vec<Change> = Vec::new();
    let (base_ops, revision_ops) = (Operations::new(base), Operations::new(revision));
    let min_days = |level: Option<&str>| {
        policy
            .min_deprecation_days
            .iter()
            .find(|(k, _)| Some(k.as_str()) == level.or(Some("stable")))
            .map(|(_, d)| *d)
    };

    for change in &mut changes {
        let removal = [
            ids::API_REMOVED_WITHOUT_DEPRECATION,
            ids::API_REMOVED_WITH_DEPRECATION,
            ids::API_PATH_REMOVED_WITHOUT_DEPRECATION,
            ids::API_PATH_REMOVED_WITH_DEPRECATION,
        ]
        .iter()
        .any(|id| change.id == *id);
        // Removals: deprecated and past the sunset is fine, before it is not.
        if removal {
            for a in &mut change.operations {
                let Some(op) = base_ops.find(&a.operation.method, &a.operation.path) else {
                    continue;
                };
                if !op.deprecated {
                    continue;
                }
                if let Some(date) = sunset(op).as_deref().and_then(Date::parse)
                    && policy.today < date
                {
                    a.id = ids::API_REMOVED_BEFORE_SUNSET;
                    a.level = Level::Error;
                }
            }
        }
        // Removed parameters and properties: deprecated first is fine once the sunset (if
        // any) has passed; before it, it breaks the promise the deprecation made.
        if let Some((deprecated, sunset_text, kind)) = removed_element(base, change)
            && deprecated
        {
            let before = sunset_text
                .as_deref()
                .and_then(Date::parse)
                .filter(|date| policy.today < *date);
            for a in &mut change.operations {
                let response = a.direction == Direction::Response;
                let id = match (kind, before.is_some(), response) {
                    ("parameter", true, _) => ids::REQUEST_PARAMETER_REMOVED_BEFORE_SUNSET,
                    ("parameter", false, _) => ids::REQUEST_PARAMETER_REMOVED_WITH_DEPRECATION,
                    (_, true, false) => ids::REQUEST_PROPERTY_REMOVED_BEFORE_SUNSET,
                    (_, true, true) => ids::RESPONSE_PROPERTY_REMOVED_BEFORE_SUNSET,
                    (_, false, false) => ids::REQUEST_PROPERTY_REMOVED_WITH_DEPRECATION,
                    (_, false, true) => ids::RESPONSE_PROPERTY_REMOVED_WITH_DEPRECATION,
                };
                a.level = id.level_in(profile);
                a.id = id;
            }
            change.message = match before {
                Some(date) => format!("{} before its sunset date {date}", change.message),
                None => format!("{} after its deprecation", change.message),
            };
            if let Some(worst) = change.operations.iter().max_by_key(|a| a.level) {
                change.id = worst.id.to_string();
                change.level = worst.level;
            }
        }
        // Draft and alpha operations promise nothing.
        let all_unstable = !change.operations.is_empty()
            && change.operations.iter().all(|a| {
                let op = base_ops
                    .find(&a.operation.method, &a.operation.path)
                    .or_else(|| revision_ops.find(&a.operation.method, &a.operation.path));
                op.and_then(stability)
                    .is_some_and(|s| s == "draft" || s == "alpha")
            });
        if all_unstable {
            for a in &mut change.operations {
                a.level = Level::Info;
            }
        }
        if let Some(worst) = change.operations.iter().max_by_key(|a| a.level) {
            if change.id != worst.id && worst.level >= change.level {
                change.id = worst.id.to_string();
                if change.id == ids::API_REMOVED_BEFORE_SUNSET {
                    change.message = "endpoint removed before its sunset date".into();
                }
            }
            change.level = worst.level;
        }
    }

    // Stability levels and new deprecations of operations present on both sides.
    for (_, rop) in revision.operations() {
        let Some(bop) = base_ops.find(&rop.method, &rop.path) else {
            continue;
        };
        let opref = OperationRef {
            method: rop.method.clone(),
            path: rop.path.clone(),
        };
        let (bs, rs) = (stability(bop), stability(rop));
        if let Some(s) = rs
            && !STABILITY.contains(&s)
        {
            added.push(make(
                profile,
                ids::API_INVALID_STABILITY_LEVEL,
                format!("x-stability-level `{s}` is not one of draft, alpha, beta, stable"),
                Some(bop.origin),
                Some(rop.origin),
                &opref,
            ));
        } else if let (Some(b), Some(r)) = (bs, rs) {
            let rank = |s: &str| STABILITY.iter().position(|x| *x == s);
            match (rank(b), rank(r)) {
                (Some(x), Some(y)) if y < x => added.push(make(
                    profile,
                    ids::API_STABILITY_DECREASED,
                    format!("stability lowered from `{b}` to `{r}`"),
                    Some(bop.origin),
                    Some(rop.origin),
                    &opref,
                )),
                (Some(x), Some(y)) if y > x => added.push(make(
                    profile,
                    ids::API_STABILITY_INCREASED,
                    format!("stability raised from `{b}` to `{r}`"),
                    Some(bop.origin),
                    Some(rop.origin),
                    &opref,
                )),
                _ => {}
            }
        }
        if !bop.deprecated
            && rop.deprecated
            && let Some(days) = min_days(rs)
        {
            match sunset(rop) {
                None => added.push(make(profile,
                    ids::API_DEPRECATED_SUNSET_MISSING,
                    format!("deprecated without an `x-sunset` date (the policy asks for {days} days' notice)"),
                    Some(bop.origin),
                    Some(rop.origin),
                    &opref,
                )),
                Some(text) => match Date::parse(&text) {
                    None => added.push(make(profile,
                        ids::API_DEPRECATED_SUNSET_PARSE,
                        format!("`x-sunset: {text}` is not a date (YYYY-MM-DD)"),
                        Some(bop.origin),
                        Some(rop.origin),
                        &opref,
                    )),
                    Some(date) if date < policy.today.plus_days(days) => added.push(make(profile,
                        ids::API_SUNSET_DATE_TOO_SMALL,
                        format!(
                            "`x-sunset: {date}` gives less than the {days} days' notice the policy asks for (earliest {})",
                            policy.today.plus_days(days)
                        ),
                        Some(bop.origin),
                        Some(rop.origin),
                        &opref,
                    )),
                    Some(_) => {}
                },
            }
        }
    }
    changes.extend(added);
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_count_days() {
        let d = Date::parse("2024-02-28").unwrap();
        assert_eq!(d.plus_days(1).to_string(), "2024-02-29");
        assert_eq!(d.plus_days(2).to_string(), "2024-03-01");
        assert_eq!(
            Date::parse("2025-12-31T10:00:00Z")
                .unwrap()
                .plus_days(1)
                .to_string(),
            "2026-01-01"
        );
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("soon").is_none());
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
    }
}
