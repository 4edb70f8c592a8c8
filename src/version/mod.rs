//! Versioning: which semver bump a set of changes needs, the version that follows, and
//! whether the version the revision declares agrees.
//!
//! Levels decide: an error-level change needs a major release (a minor one under 0.x, as
//! Cargo does), a warning-level change a minor one unless `versioning.warnings: major`,
//! an added capability a minor one, a documentation-only change a patch.

mod parse;

pub use parse::Declared;
pub(crate) use parse::parse_lenient;

use crate::diff::Change;
use crate::rules::catalogue::{BumpEffect, Kind};
use crate::rules::changes::Level;
use crate::rules::{ChangeId, ids};
use serde::Serialize;

/// A semver release: what a set of changes needs, in increasing order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// No release: nothing changed, or only what needs none.
    None,
    /// A patch release: documentation only.
    Patch,
    /// A minor release: capabilities added, or warning-level changes.
    Minor,
    /// A major release: breaking changes.
    Major,
}

impl Bump {
    /// The lower-case name (`none`, `patch`, `minor`, `major`).
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// How warning-level changes count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WarningBump {
    /// A minor release (the default).
    #[default]
    Minor,
    /// A major release, as for errors.
    Major,
}

/// The versioning checks (`kind: policy` in the catalogue): reported as problems, not as
/// reasons for the bump.
pub(crate) fn is_policy(change: &Change) -> bool {
    ChangeId::parse(&change.id).is_some_and(|id| id.rule().kind() == Kind::Policy)
}

/// Changes that only touch documentation (descriptions, summaries, titles, examples,
/// extensions, tag definitions, the info object): `bump: patch` in the catalogue.
pub fn is_documentation(id: &str) -> bool {
    ChangeId::parse(id).is_some_and(|id| id.rule().bump() == BumpEffect::Patch)
}

/// The bump one change needs, by itself: its level decides, and at `info` the catalogue's
/// `bump` (none for the version number itself, patch for documentation, else minor).
pub(crate) fn bump_for(change: &Change, warnings: WarningBump) -> Bump {
    match change.level {
        Level::Error => Bump::Major,
        Level::Warning => match warnings {
            WarningBump::Minor => Bump::Minor,
            WarningBump::Major => Bump::Major,
        },
        Level::Info | Level::Hint => match ChangeId::parse(&change.id).map(|id| id.rule().bump()) {
            Some(BumpEffect::None) => Bump::None,
            Some(BumpEffect::Patch) => Bump::Patch,
            Some(BumpEffect::Minor | BumpEffect::MajorIfError) | None => Bump::Minor,
        },
    }
}

/// The bump a release with these changes needs, and the changes that decided it (the ones
/// needing that bump).
pub(crate) fn required_bump(changes: &[Change], warnings: WarningBump) -> (Bump, Vec<&Change>) {
    decide(changes.iter(), warnings)
}

fn decide<'c>(
    changes: impl Iterator<Item = &'c Change> + Clone,
    warnings: WarningBump,
) -> (Bump, Vec<&'c Change>) {
    let bump = changes
        .clone()
        .map(|c| bump_for(c, warnings))
        .max()
        .unwrap_or(Bump::None);
    let reasons = changes
        .filter(|c| bump != Bump::None && bump_for(c, warnings) == bump)
        .collect();
    (bump, reasons)
}

/// The release a set of changes needs from a base version.
#[derive(Debug)]
pub struct Release<'c> {
    /// As it applies to the base version (under 0.x a breaking change needs a minor release).
    pub bump: Bump,
    /// By semver's 1.x rules, before the 0.x shift.
    pub(crate) unshifted: Bump,
    /// The version that follows, when the base version is a semantic version.
    pub next: Option<semver::Version>,
    /// The changes that decided the bump (version-policy checks never do).
    pub reasons: Vec<&'c Change>,
}

/// The release `changes` need after `current` (the base's `info.version` as written).
pub fn release<'c>(changes: &'c [Change], current: &str, warnings: WarningBump) -> Release<'c> {
    let (bump, reasons) = decide(changes.iter().filter(|c| !is_policy(c)), warnings);
    let (next, shifted) = match parse_lenient(current) {
        Declared::Semver(v) => (next_version(&v, bump), effective_bump(Some(&v), bump)),
        _ => (None, bump),
    };
    Release {
        bump: shifted,
        unshifted: bump,
        next,
        reasons,
    }
}

/// The bump to apply to `current`: under 0.x a breaking change moves the minor number and
/// anything else the patch number (Cargo's convention).
pub(crate) fn effective_bump(current: Option<&semver::Version>, bump: Bump) -> Bump {
    match current {
        Some(v) if v.major == 0 => match bump {
            Bump::Major => Bump::Minor,
            Bump::Minor => Bump::Patch,
            other => other,
        },
        _ => bump,
    }
}

/// The next version after `current` for a bump (pre-release and build metadata dropped).
pub(crate) fn next_version(current: &semver::Version, bump: Bump) -> Option<semver::Version> {
    let mut v = semver::Version::new(current.major, current.minor, current.patch);
    // `checked_add`: a version already at u64::MAX has no next one (it once wrapped to 0).
    match effective_bump(Some(current), bump) {
        Bump::Major => {
            v.major = v.major.checked_add(1)?;
            v.minor = 0;
            v.patch = 0;
        }
        Bump::Minor => {
            v.minor = v.minor.checked_add(1)?;
            v.patch = 0;
        }
        Bump::Patch => v.patch = v.patch.checked_add(1)?,
        Bump::None => {
            // A pre-release with no changes still needs its final release to be "next".
            if !current.pre.is_empty() {
                return Some(v);
            }
        }
    }
    if bump == Bump::None {
        return Some(current.clone());
    }
    Some(v)
}

/// Which bump took `from` to `to` (`None` when equal or lower).
pub(crate) fn bump_between(from: &semver::Version, to: &semver::Version) -> Bump {
    if to <= from {
        Bump::None
    } else if to.major != from.major {
        Bump::Major
    } else if to.minor != from.minor {
        Bump::Minor
    } else {
        Bump::Patch
    }
}

/// A version-policy violation, with the id users can configure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct PolicyProblem {
    pub id: ChangeId,
    pub message: String,
}

/// Checks the revision's declared version against the base's and the bump the changes need.
pub(crate) fn check_policy(
    base: &str,
    revision: &str,
    needed: Bump,
    document_changed: bool,
) -> Vec<PolicyProblem> {
    let (from, to) = match (parse_lenient(base), parse_lenient(revision)) {
        (Declared::Semver(from), Declared::Semver(to)) => (from, to),
        // Dates order, other styles do not; any version left as it was while the document
        // changed is a version not bumped, whatever its style.
        (Declared::Calendar(from), Declared::Calendar(to)) if to < from => {
            return vec![PolicyProblem {
                id: ids::API_VERSION_DECREASED,
                message: format!("info.version went down from `{base}` to `{revision}`"),
            }];
        }
        _ if document_changed && base.trim() == revision.trim() => {
            return vec![PolicyProblem {
                id: ids::API_VERSION_NOT_BUMPED,
                message: format!(
                    "the document changed but info.version stayed `{revision}`; the changes need a new version"
                ),
            }];
        }
        _ => return Vec::new(),
    };
    let mut problems = Vec::new();
    if to < from {
        problems.push(PolicyProblem {
            id: ids::API_VERSION_DECREASED,
            message: format!("info.version went down from `{base}` to `{revision}`"),
        });
        return problems;
    }
    if to == from {
        if document_changed {
            problems.push(PolicyProblem {
                id: ids::API_VERSION_NOT_BUMPED,
                message: format!(
                    "the document changed but info.version stayed `{revision}`; the changes need a {} release",
                    effective_bump(Some(&from), needed.max(Bump::Patch)).as_str()
                ),
            });
        }
        return problems;
    }
    let declared = bump_between(&from, &to);
    let required = effective_bump(Some(&from), needed);
    if declared < required {
        let expected = next_version(&from, needed).map_or_else(
            || "a higher version".to_string(),
            |v| format!("`{v}` or later"),
        );
        problems.push(PolicyProblem {
            id: if required == Bump::Major {
                ids::API_MAJOR_VERSION_NOT_BUMPED
            } else {
                ids::API_VERSION_BUMP_TOO_SMALL
            },
            message: format!(
                "info.version `{revision}` is a {} release, but the changes need a {} release ({expected})",
                declared.as_str(),
                required.as_str()
            ),
        });
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> semver::Version {
        semver::Version::parse(s).unwrap()
    }

    #[test]
    fn zero_major_versions_shift_bumps_down() {
        let next = |s: &str, bump| next_version(&v(s), bump).unwrap();
        assert_eq!(next("1.4.2", Bump::Major), v("2.0.0"));
        assert_eq!(next("1.4.2", Bump::Minor), v("1.5.0"));
        assert_eq!(next("1.4.2", Bump::Patch), v("1.4.3"));
        assert_eq!(next("0.4.2", Bump::Major), v("0.5.0"));
        assert_eq!(next("0.4.2", Bump::Minor), v("0.4.3"));
        assert_eq!(next("1.4.2", Bump::None), v("1.4.2"));
        let max = u64::MAX;
        assert_eq!(next_version(&v(&format!("{max}.0.0")), Bump::Major), None);
        assert_eq!(next_version(&v(&format!("1.{max}.0")), Bump::Minor), None);
        assert_eq!(next_version(&v(&format!("1.0.{max}")), Bump::Patch), None);
    }

    #[test]
    fn policy_finds_decreases_missing_and_small_bumps() {
        assert_eq!(
            check_policy("1.2.0", "1.1.0", Bump::Patch, true)[0].id,
            ids::API_VERSION_DECREASED
        );
        assert_eq!(
            check_policy("1.2.0", "1.2.0", Bump::Patch, true)[0].id,
            ids::API_VERSION_NOT_BUMPED
        );
        assert!(check_policy("1.2.0", "1.2.0", Bump::None, false).is_empty());
        assert_eq!(
            check_policy("1.2.0", "1.3.0", Bump::Major, true)[0].id,
            ids::API_MAJOR_VERSION_NOT_BUMPED
        );
        assert_eq!(
            check_policy("1.2.0", "1.2.1", Bump::Minor, true)[0].id,
            ids::API_VERSION_BUMP_TOO_SMALL
        );
        assert!(check_policy("1.2.0", "2.0.0", Bump::Major, true).is_empty());
        assert!(
            check_policy("0.2.0", "0.3.0", Bump::Major, true).is_empty(),
            "0.x: minor is enough"
        );
        assert!(check_policy("v1", "v2", Bump::Major, true).is_empty());
        assert!(
            check_policy("2024-10-01", "2024-10-02", Bump::Major, true).is_empty(),
            "a later date is enough: calendar versions carry no bump size"
        );
        assert_eq!(
            check_policy("2024-10-01", "2024-10-01", Bump::Major, true)[0].id,
            ids::API_VERSION_NOT_BUMPED
        );
        assert_eq!(
            check_policy("2024-10-02", "2024-10-01", Bump::Patch, true)[0].id,
            ids::API_VERSION_DECREASED
        );
        assert_eq!(
            check_policy("beta", "beta", Bump::Patch, true)[0].id,
            ids::API_VERSION_NOT_BUMPED
        );
        assert!(check_policy("beta", "beta", Bump::None, false).is_empty());
        assert!(check_policy("beta", "gamma", Bump::Major, true).is_empty());
    }
}
