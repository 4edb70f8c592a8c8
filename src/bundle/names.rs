//! Which name a component moved into `components` gets, and what a reference points at.

use super::slot::Kind;
use crate::load::{FileId, Workspace};
use crate::tree::pointer;
use rustc_hash::{FxHashMap, FxHashSet};

/// What a `$ref` leads to: a node of one file, by its JSON pointer (decoded).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Target {
    pub file: FileId,
    pub pointer: String,
}

impl Target {
    /// `reference` found in `from`, which resolves into `file`.
    pub fn new(file: FileId, reference: &str) -> Target {
        let (_, fragment) = crate::load::split_reference(reference);
        Target {
            file,
            pointer: pointer::from_fragment(fragment).unwrap_or_default(),
        }
    }

    /// `file.yaml#/pointer`, for messages.
    pub fn describe(&self, ws: &Workspace) -> String {
        format!("{}#{}", ws.file(self.file).name, self.pointer)
    }
}

/// The names given so far, per components section.
#[derive(Default)]
pub struct Names {
    taken: FxHashMap<Kind, FxHashSet<String>>,
    assigned: FxHashMap<(Target, Kind), String>,
    /// What each taken name stands for.
    owners: FxHashMap<(Kind, String), Target>,
}

impl Names {
    /// Reserves a name the root document already uses for `target`.
    pub(crate) fn reserve(&mut self, kind: Kind, name: &str, target: Target) {
        self.taken.entry(kind).or_default().insert(name.to_string());
        self.owners.insert((kind, name.to_string()), target);
    }

    /// What `name` stands for, when it is taken.
    pub fn owner(&self, kind: Kind, name: &str) -> Option<&Target> {
        self.owners.get(&(kind, name.to_string()))
    }

    pub fn get(&self, target: &Target, kind: Kind) -> Option<&str> {
        self.assigned
            .get(&(target.clone(), kind))
            .map(String::as_str)
    }

    /// Gives `target` the name of the root component `name`, which is nothing but a `$ref`
    /// to it: the name stands for the target's content from now on.
    pub(crate) fn adopt(&mut self, target: Target, kind: Kind, name: &str) {
        self.owners.insert((kind, name.to_string()), target.clone());
        self.assigned.insert((target, kind), name.to_string());
    }

    /// Gives `target` the name `name`, already taken by a target with the same content.
    pub fn share(&mut self, target: Target, kind: Kind, name: &str) {
        self.owners
            .entry((kind, name.to_string()))
            .or_insert_with(|| target.clone());
        self.assigned.insert((target, kind), name.to_string());
    }

    /// A free name for `target`: its own, or with `-2`, `-3`, ... when that is taken (as
    /// Redocly names them).
    /// Returns the name and, when it had to change, the name it wanted.
    pub fn assign(
        &mut self,
        target: &Target,
        kind: Kind,
        wanted: String,
    ) -> (String, Option<String>) {
        let taken = self.taken.entry(kind).or_default();
        let name = if taken.contains(&wanted) {
            (2..)
                .map(|n| format!("{wanted}-{n}"))
                .find(|n| !taken.contains(n))
                .unwrap_or_default()
        } else {
            wanted.clone()
        };
        taken.insert(name.clone());
        self.owners.insert((kind, name.clone()), target.clone());
        self.assigned.insert((target.clone(), kind), name.clone());
        let collided = (name != wanted).then_some(wanted);
        (name, collided)
    }
}

/// The name a target asks for: the last token of its pointer (`/components/schemas/Pet` ->
/// `Pet`, `/pet` -> `pet`), the last two when the last is an index (`/allOf/0` ->
/// `allOf_0`), the file's name for a whole file (`pet.yaml` -> `Pet`); characters a
/// component name may not hold (`^[a-zA-Z0-9._-]+$`) become `_`.
pub(crate) fn wanted_name(ws: &Workspace, target: &Target, kind: Kind) -> String {
    let tokens = pointer::tokens(&target.pointer).unwrap_or_default();
    let raw = match tokens.as_slice() {
        [] => file_stem(&ws.file(target.file).name),
        [.., last] if !last.is_empty() && !last.bytes().all(|b| b.is_ascii_digit()) => last.clone(),
        [.., before, last] => format!("{before}_{last}"),
        [last] => format!("{}_{last}", file_stem(&ws.file(target.file).name)),
    };
    let name: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.trim_matches('_').is_empty() {
        let fallback = kind.components_key();
        capitalized(fallback.strip_suffix('s').unwrap_or(fallback))
    } else {
        name
    }
}

/// `dir/pet.yaml` -> `pet`; `HEAD:api/pet.yaml` -> `pet`.
fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\', ':']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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
    fn file_stems_and_fragments() {
        assert_eq!(file_stem("models/pet.yaml"), "pet");
        assert_eq!(file_stem("HEAD:api/pet.v2.yml"), "pet.v2");
        assert_eq!(fragment("/paths/~1a b/get"), "#/paths/~1a%20b/get");
    }

    #[test]
    fn a_taken_name_gets_the_next_free_suffix() {
        let mut names = Names::default();
        let t = |p: &str| Target {
            file: 1,
            pointer: p.into(),
        };
        names.reserve(Kind::Schema, "Pet", t("/a"));
        names.reserve(Kind::Schema, "Pet-2", t("/b"));
        let (name, wanted) = names.assign(&t("/Pet"), Kind::Schema, "Pet".into());
        assert_eq!((name.as_str(), wanted.as_deref()), ("Pet-3", Some("Pet")));
        let (name, wanted) = names.assign(&t("/Pet"), Kind::Parameter, "Pet".into());
        assert_eq!((name.as_str(), wanted), ("Pet", None));
        assert_eq!(names.get(&t("/Pet"), Kind::Schema), Some("Pet-3"));
    }
}
