//! Reading `info.version` as people write it: `1.2.3`, `v2`, `1.0`, `2.1.0-beta.1`,
//! `2024-10-01`.

/// What an `info.version` string is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Declared {
    /// A semantic version, completed (`v2` is 2.0.0, `1.0` is 1.0.0).
    Semver(semver::Version),
    /// A date (`2024-10-01`, `2024.10.01`): it orders, but no bump computes the next one.
    Calendar(String),
    /// Anything else.
    Unparsable(String),
}

pub(crate) fn parse_lenient(text: &str) -> Declared {
    let t = text.trim();
    if is_calendar(t) {
        return Declared::Calendar(t.to_string());
    }
    let t = t.strip_prefix(['v', 'V']).unwrap_or(t);
    if let Ok(v) = semver::Version::parse(t) {
        return Declared::Semver(v);
    }
    // Complete `2` and `1.0` (keeping any `-pre` or `+build` suffix).
    let split = t.find(['-', '+']).unwrap_or(t.len());
    let (core, rest) = t.split_at(split);
    let parts: Vec<&str> = core.split('.').collect();
    if !parts.is_empty()
        && parts.len() < 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let mut full: Vec<String> = parts
            .iter()
            .map(|p| p.trim_start_matches('0').to_string())
            .collect();
        for p in &mut full {
            if p.is_empty() {
                *p = "0".into();
            }
        }
        while full.len() < 3 {
            full.push("0".into());
        }
        if let Ok(v) = semver::Version::parse(&format!("{}{rest}", full.join("."))) {
            return Declared::Semver(v);
        }
    }
    Declared::Unparsable(text.to_string())
}

fn is_calendar(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4] == b'-' || b[4] == b'.')
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b[4]
        && b[8..10].iter().all(u8::is_ascii_digit)
        && t[..4].parse::<u32>().is_ok_and(|y| y >= 1990)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn semver(s: &str) -> Declared {
        Declared::Semver(semver::Version::parse(s).unwrap())
    }

    #[test]
    fn lenient_versions() {
        assert_eq!(parse_lenient("1.2.3"), semver("1.2.3"));
        assert_eq!(parse_lenient("v2"), semver("2.0.0"));
        assert_eq!(parse_lenient("V2.1"), semver("2.1.0"));
        assert_eq!(parse_lenient("1.0"), semver("1.0.0"));
        assert_eq!(parse_lenient("1.10"), semver("1.10.0"));
        assert_eq!(parse_lenient("2.1.0-beta.1"), semver("2.1.0-beta.1"));
        assert_eq!(parse_lenient("3-rc1"), semver("3.0.0-rc1"));
        assert_eq!(
            parse_lenient("2024-10-01"),
            Declared::Calendar("2024-10-01".into())
        );
        assert_eq!(
            parse_lenient("2024.10.01"),
            Declared::Calendar("2024.10.01".into())
        );
        assert_eq!(
            parse_lenient("latest"),
            Declared::Unparsable("latest".into())
        );
        assert_eq!(parse_lenient(""), Declared::Unparsable("".into()));
    }
}
