//! The names of the components the bundle adds (the rule is the model's:
//! [`crate::model::names`]), and references written as fragments.

use super::slot::Kind;
use crate::model::names::SectionNames;
pub(crate) use crate::model::names::Target;
use rustc_hash::FxHashMap;

/// The names given so far, per components section.
#[derive(Default)]
pub struct Names {
    sections: FxHashMap<Kind, SectionNames>,
}

impl Names {
    /// The names of one section.
    pub(crate) fn section(&mut self, kind: Kind) -> &mut SectionNames {
        self.sections.entry(kind).or_default()
    }

    /// Sets the names of one section.
    pub(crate) fn set_section(&mut self, kind: Kind, names: SectionNames) {
        self.sections.insert(kind, names);
    }
}

/// A JSON pointer as a URI fragment (`#/a/b%20c`): what a fragment may not hold is
/// percent-encoded.
pub(crate) fn fragment(pointer: &str) -> String {
    let mut out = String::from("#");
    for b in pointer.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments() {
        assert_eq!(fragment("/paths/~1a b/get"), "#/paths/~1a%20b/get");
    }
}
