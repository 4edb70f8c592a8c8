//! `minLength`, `maxLength`, `pattern` and the string `format`s.

use super::compile::Compiled;
use super::{Checking, Flow, Resolver, Validator};
use crate::tree::Node;
use regex::Regex;

impl<'a, R: Resolver<'a>> Validator<'a, R> {
    pub(super) fn check_string<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        s: &str,
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        if c.min_len.is_some() || c.max_len.is_some() {
            // JSON Schema counts characters, not bytes.
            let n = s.chars().count() as u64;
            if let Some(min) = c.min_len.filter(|m| n < *m) {
                cx.fail(inst, "minLength", || {
                    format!("must NOT have fewer than {min} characters")
                })?;
            }
            if let Some(max) = c.max_len.filter(|m| n > *m) {
                cx.fail(inst, "maxLength", || {
                    format!("must NOT have more than {max} characters")
                })?;
            }
        }
        if let Some((re, p)) = &c.pattern
            && !re.is_match(s)
        {
            cx.fail(inst, "pattern", || format!("must match pattern \"{p}\""))?;
        }
        if self.dialect.formats
            && let Some(f) = c.format
            && !format_ok(f, s)
        {
            cx.fail(inst, "format", || format!("must match format \"{f}\""))?;
        }
        Flow::Continue(())
    }
}

/// Whether `s` is in `format`; formats this validator does not know pass. RFC 3339's digits
/// are ASCII, hence `[0-9]`: Unicode's `\d` also took 20 times the memory.
fn format_ok(format: &str, s: &str) -> bool {
    use std::sync::OnceLock;
    static DATE: OnceLock<Regex> = OnceLock::new();
    static DATE_TIME: OnceLock<Regex> = OnceLock::new();
    static UUID: OnceLock<Regex> = OnceLock::new();
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    let re = |cell: &'static OnceLock<Regex>, p: &str| cell.get_or_init(|| Regex::new(p).unwrap());
    match format {
        "date" => re(&DATE, r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$").is_match(s),
        "date-time" => re(
            &DATE_TIME,
            r"(?i)^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])t([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$",
        )
        .is_match(s),
        "uuid" => re(&UUID, r"(?i)^(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$").is_match(s),
        "email" => re(&EMAIL, r"^[^\s@]+@[^\s@]+\.[^\s@]+$").is_match(s),
        "ipv4" => s.parse::<std::net::Ipv4Addr>().is_ok(),
        "ipv6" => s.parse::<std::net::Ipv6Addr>().is_ok(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{errors, plain};
    use super::super::{Dialect, Direction};

    #[test]
    fn lengths_count_characters() {
        assert!(plain("{maxLength: 2}", "éé").is_empty());
        assert_eq!(
            plain("{minLength: 3, maxLength: 1}", "ab"),
            [
                "/ minLength: must NOT have fewer than 3 characters",
                "/ maxLength: must NOT have more than 1 characters"
            ]
        );
    }

    #[test]
    fn pattern_is_searched_not_anchored() {
        assert!(plain("{pattern: 'b+'}", "abba").is_empty());
        assert_eq!(
            plain("{pattern: '^a+$'}", "ab"),
            ["/ pattern: must match pattern \"^a+$\""]
        );
    }

    #[test]
    fn formats_only_when_asked() {
        let formats = Dialect {
            formats: true,
            ..Dialect::default()
        };
        assert!(plain("{format: email}", "nope").is_empty());
        assert_eq!(
            errors("{format: email}", "nope", formats, Direction::None),
            ["/ format: must match format \"email\""]
        );
        assert!(errors("{format: ipv6}", "::1", formats, Direction::None).is_empty());
        assert!(errors("{format: unknown}", "x", formats, Direction::None).is_empty());
        let ok = |f: &str, v: &str| errors(f, v, formats, Direction::None).is_empty();
        assert!(ok("{format: date-time}", "2024-02-29T23:59:60.5+01:00"));
        assert!(ok("{format: date}", "2024-02-29"));
        // RFC 3339 digits are ASCII: Arabic-Indic digits are no date.
        assert!(!ok("{format: date}", "\u{0662}024-02-29"));
        assert!(!ok("{format: date-time}", "2024-02-29T23:59:\u{0666}0Z"));
    }
}
