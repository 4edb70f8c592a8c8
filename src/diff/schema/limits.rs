//! Constraints that narrow or widen the values of a type without changing it: numeric
//! bounds, lengths, item/property/contains counts, `multipleOf` and `pattern`. Grouped
//! because each is one value that a revision raises, lowers, adds or drops, and the
//! classifier decides by the direction alone whether a client is affected.

use super::types::Types;
use super::{Compared, Facts};
use crate::diff::fact::SchemaFact;
use crate::model::{Num, Schema};

type Get = fn(&Schema) -> Option<Num>;

/// Each limit by its rule-id spelling, and how to read it from a schema.
const LIMITS: [(&str, Get); 12] = [
    ("max", |s| {
        s.limits().maximum.filter(|b| !b.exclusive).map(|b| b.value)
    }),
    ("exclusive-max", |s| {
        s.limits().maximum.filter(|b| b.exclusive).map(|b| b.value)
    }),
    ("min", |s| {
        s.limits().minimum.filter(|b| !b.exclusive).map(|b| b.value)
    }),
    ("exclusive-min", |s| {
        s.limits().minimum.filter(|b| b.exclusive).map(|b| b.value)
    }),
    ("max-length", |s| s.limits().max_length.map(Num::from_u64)),
    ("min-length", |s| s.limits().min_length.map(Num::from_u64)),
    ("max-items", |s| s.limits().max_items.map(Num::from_u64)),
    ("min-items", |s| s.limits().min_items.map(Num::from_u64)),
    ("max-properties", |s| {
        s.extra().max_properties.map(Num::from_u64)
    }),
    ("min-properties", |s| {
        s.extra().min_properties.map(Num::from_u64)
    }),
    ("max-contains", |s| {
        s.extra().max_contains.map(Num::from_u64)
    }),
    ("min-contains", |s| {
        s.extra().min_contains.map(Num::from_u64)
    }),
];

pub(super) fn compare_bounds(p: &Compared<'_>, types: &Types, out: &mut Facts) {
    // minContains/maxContains qualify `contains`: with `contains` added or removed they are
    // part of that change.
    let b_contains = p.base.first(|s| s.extra().contains.is_some()).is_some();
    let r_contains = p.revision.first(|s| s.extra().contains.is_some()).is_some();
    for (keyword, get) in LIMITS {
        // A side whose value for the keyword is invalid (`maxLength: -1`, reported when the
        // model was built) has no reading of it to compare: not "removed".
        let json_keyword = limit_keyword(keyword);
        let invalid = |s: &Schema| {
            s.extra()
                .other
                .iter()
                .any(|(k, _)| json_keyword.contains(&k.as_str()))
        };
        if p.base.first(invalid).is_some() || p.revision.first(invalid).is_some() {
            continue;
        }
        let from = p.base.first(|s| get(s).is_some()).and_then(get);
        let to = p.revision.first(|s| get(s).is_some()).and_then(get);
        let contains_limit = keyword.ends_with("-contains");
        if contains_limit && b_contains != r_contains {
            continue;
        }
        if (contains_limit || keyword.ends_with("-items"))
            && types.array_keyword_moot(from.is_some(), to.is_some())
        {
            continue;
        }
        if from != to
            && !same_within_format(p, keyword, from, to)
            && !told_by_format_change(p, keyword, from, to)
        {
            out.push(SchemaFact::Limit { keyword, from, to });
        }
    }
}

/// Whether an inclusive numeric bound written on one side only is the one that side's
/// integer format implies anyway: Discord 2023-07 -> 2024-01 dropped `minimum:
/// -2147483648, maximum: 2147483647` beside `format: int32` on 104 properties, which
/// allows exactly the values it did. Each side's bound is the tighter of the written one
/// and its format's.
fn same_within_format(p: &Compared<'_>, keyword: &str, from: Option<Num>, to: Option<Num>) -> bool {
    let (bi, ri) = (
        implied_bound(&p.base, keyword),
        implied_bound(&p.revision, keyword),
    );
    (bi.is_some() || ri.is_some())
        && effective_bound(keyword, from, bi) == effective_bound(keyword, to, ri)
}

/// Whether a bound change is the integer format's own change, told once as
/// `format-widened` or `-narrowed`: one side's bound only restates its format, and the
/// bound moves the way the format does. Discord 2023-07 -> 2024-01: `int32` with int32's
/// bounds became `Int53Type` (`int64`, +-2^53); its maximum increased and minimum decreased
/// with the format. A bound moving against the format (`int32` -> `UInt32Type`'s
/// minimum 0) is a change of its own.
fn told_by_format_change(
    p: &Compared<'_>,
    keyword: &str,
    from: Option<Num>,
    to: Option<Num>,
) -> bool {
    let (Some(bf), Some(rf)) = (p.base.format(), p.revision.format()) else {
        return false;
    };
    let (bi, ri) = (
        implied_bound(&p.base, keyword),
        implied_bound(&p.revision, keyword),
    );
    let (Some(f), Some(t)) = (
        effective_bound(keyword, from, bi),
        effective_bound(keyword, to, ri),
    ) else {
        return false;
    };
    let restated = (from.is_some() && from == bi) || (to.is_some() && to == ri);
    let widens = if keyword == "max" { t > f } else { t < f };
    let narrows = if keyword == "max" { t < f } else { t > f };
    let (widened, narrowed) = (
        super::types::numeric_format_within(bf, rf),
        super::types::numeric_format_within(rf, bf),
    );
    bf != rf && restated && ((widened && widens) || (narrowed && narrows))
}

/// The inclusive maximum (`keyword` "max") or minimum ("min") a side's integer format
/// implies.
fn implied_bound(side: &super::Operand<'_>, keyword: &str) -> Option<Num> {
    let (lo, hi) = super::types::integer_format_range(side.format()?)?;
    let bound = match keyword {
        "max" => hi,
        "min" => lo,
        _ => return None,
    };
    Num::parse(&bound.to_string())
}

/// The bound in force: the tighter of the written one and the format's.
fn effective_bound(keyword: &str, written: Option<Num>, implied: Option<Num>) -> Option<Num> {
    match (written, implied) {
        (Some(w), Some(i)) if keyword == "max" => Some(if w < i { w } else { i }),
        (Some(w), Some(i)) => Some(if w > i { w } else { i }),
        (w, i) => w.or(i),
    }
}

pub(super) fn compare_multiple_of(p: &Compared<'_>, out: &mut Facts) {
    let bm = p
        .base
        .first(|s| s.extra().multiple_of.is_some())
        .and_then(|s| s.extra().multiple_of);
    let rm = p
        .revision
        .first(|s| s.extra().multiple_of.is_some())
        .and_then(|s| s.extra().multiple_of);
    // As with the bounds, an invalid value is no reading to compare.
    let invalid = |s: &Schema| s.extra().other.iter().any(|(k, _)| k == "multipleOf");
    if bm != rm && p.base.first(invalid).is_none() && p.revision.first(invalid).is_none() {
        out.push(SchemaFact::MultipleOfChanged { from: bm, to: rm });
    }
}

pub(super) fn compare_pattern(p: &Compared<'_>, out: &mut Facts) {
    // An empty pattern matches every string: it is no pattern.
    let has_pattern = |s: &Schema| s.limits().pattern.as_deref().is_some_and(|p| !p.is_empty());
    let bp = p
        .base
        .first(has_pattern)
        .and_then(|s| s.limits().pattern.clone());
    let rp = p
        .revision
        .first(has_pattern)
        .and_then(|s| s.limits().pattern.clone());
    match (bp, rp) {
        (None, Some(p)) => out.push(SchemaFact::PatternAdded(p)),
        (Some(p), None) => out.push(SchemaFact::PatternRemoved(p)),
        (Some(a), Some(c)) if a != c => out.push(SchemaFact::PatternChanged { from: a, to: c }),
        _ => {}
    }
}

/// The JSON keywords a limit's rule-id spelling reads.
fn limit_keyword(keyword: &str) -> &'static [&'static str] {
    match keyword {
        "max" | "exclusive-max" => &["maximum", "exclusiveMaximum"],
        "min" | "exclusive-min" => &["minimum", "exclusiveMinimum"],
        "max-length" => &["maxLength"],
        "min-length" => &["minLength"],
        "max-items" => &["maxItems"],
        "min-items" => &["minItems"],
        "max-properties" => &["maxProperties"],
        "min-properties" => &["minProperties"],
        "max-contains" => &["maxContains"],
        "min-contains" => &["minContains"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::facts;
    use super::*;

    fn n(v: u64) -> Option<Num> {
        Some(Num::from_u64(v))
    }

    #[test]
    fn inclusive_and_exclusive_bounds_are_separate_limits() {
        assert_eq!(
            facts(
                "S: {type: number, maximum: 10}",
                "S: {type: number, exclusiveMaximum: 10}"
            ),
            [
                SchemaFact::Limit {
                    keyword: "max",
                    from: n(10),
                    to: None
                },
                SchemaFact::Limit {
                    keyword: "exclusive-max",
                    from: None,
                    to: n(10)
                },
            ]
        );
    }

    #[test]
    fn lengths_and_counts_report_both_values() {
        assert_eq!(
            facts(
                "S: {type: string, minLength: 1, maxLength: 5}",
                "S: {type: string, minLength: 2, maxLength: 5}"
            ),
            [SchemaFact::Limit {
                keyword: "min-length",
                from: n(1),
                to: n(2)
            }]
        );
        assert_eq!(
            facts("S: {type: object, maxProperties: 3}", "S: {type: object}"),
            [SchemaFact::Limit {
                keyword: "max-properties",
                from: n(3),
                to: None
            }]
        );
    }

    /// Discord 2023-07 -> 2024-01: `{minimum: -2147483648, maximum: 2147483647, format:
    /// int32}` -> `{format: int32}`, 104 times over.
    #[test]
    fn a_bound_its_integer_format_implies_is_no_change() {
        let written =
            "S: {type: integer, format: int32, minimum: -2147483648, maximum: 2147483647}";
        let implied = "S: {type: integer, format: int32}";
        assert!(facts(written, implied).is_empty());
        assert!(facts(implied, written).is_empty());
        // A bound tighter than the format's is one.
        assert_eq!(
            facts("S: {type: integer, format: int32, maximum: 100}", implied),
            [SchemaFact::Limit {
                keyword: "max",
                from: n(100),
                to: None
            }]
        );
        // Without a format the bound is all there is.
        assert_eq!(
            facts(
                "S: {type: integer, maximum: 2147483647}",
                "S: {type: integer}"
            ),
            [SchemaFact::Limit {
                keyword: "max",
                from: n(2147483647),
                to: None
            }]
        );
    }

    #[test]
    fn a_bound_that_moves_with_its_format_is_told_by_the_format() {
        let widened = || SchemaFact::FormatWidened {
            from: "int32".into(),
            to: "int64".into(),
        };
        // The bound restated int32's and is dropped with it: the format's change alone.
        assert_eq!(
            facts(
                "S: {type: integer, format: int32, maximum: 2147483647}",
                "S: {type: integer, format: int64}"
            ),
            [widened()]
        );
        // Discord's Int53Type: int32's bounds, then int64 within +-2^53.
        let int32 = "S: {type: integer, format: int32, minimum: -2147483648, maximum: 2147483647}";
        let int53 = "S: {type: integer, format: int64, minimum: -9007199254740991, maximum: 9007199254740991}";
        assert_eq!(facts(int32, int53), [widened()]);
        // UInt32Type: the minimum moves against the format, a change of its own.
        let uint32 = "S: {type: integer, format: int64, minimum: 0, maximum: 4294967295}";
        assert_eq!(
            facts(int32, uint32),
            [
                widened(),
                SchemaFact::Limit {
                    keyword: "min",
                    from: Num::parse("-2147483648"),
                    to: n(0)
                }
            ]
        );
        // Bounds of their own on both sides are told beside the format.
        assert_eq!(
            facts(
                "S: {type: integer, format: int32, maximum: 100}",
                "S: {type: integer, format: int64, maximum: 1000}"
            ),
            [
                widened(),
                SchemaFact::Limit {
                    keyword: "max",
                    from: n(100),
                    to: n(1000)
                }
            ]
        );
    }

    #[test]
    fn an_invalid_value_is_not_read_as_removed() {
        assert!(
            facts(
                "S: {type: string, maxLength: -1}",
                "S: {type: string, maxLength: 5}"
            )
            .is_empty()
        );
        assert!(
            facts(
                "S: {type: number, multipleOf: -2}",
                "S: {type: number, multipleOf: 2}"
            )
            .is_empty()
        );
    }

    #[test]
    fn item_and_contains_counts_follow_their_keyword() {
        // Items counts arriving with the type change to array are part of it.
        assert_eq!(
            facts("S: {type: object}", "S: {type: array, minItems: 1}"),
            [SchemaFact::TypeChanged {
                from: crate::model::TypeSet::OBJECT,
                to: crate::model::TypeSet::ARRAY
            }]
        );
        // maxContains arriving with `contains` is part of it.
        assert_eq!(
            facts(
                "S: {type: array}",
                "S: {type: array, contains: {type: string}, maxContains: 2}"
            ),
            [SchemaFact::SubschemaAdded("contains")]
        );
    }

    #[test]
    fn multiple_of_and_pattern() {
        assert_eq!(
            facts(
                "S: {type: number, multipleOf: 2}",
                "S: {type: number, multipleOf: 3}"
            ),
            [SchemaFact::MultipleOfChanged {
                from: n(2),
                to: n(3)
            }]
        );
        // An empty pattern matches every string: it is no pattern.
        assert_eq!(
            facts(
                "S: {type: string, pattern: ''}",
                "S: {type: string, pattern: '^a'}"
            ),
            [SchemaFact::PatternAdded("^a".into())]
        );
        assert_eq!(
            facts(
                "S: {type: string, pattern: '^a'}",
                "S: {type: string, pattern: '^b'}"
            ),
            [SchemaFact::PatternChanged {
                from: "^a".into(),
                to: "^b".into()
            }]
        );
        assert_eq!(
            facts("S: {type: string, pattern: '^a'}", "S: {type: string}"),
            [SchemaFact::PatternRemoved("^a".into())]
        );
    }
}
