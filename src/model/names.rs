//! The names of reusable objects that live in another file than the root.
//!
//! A schema reached through a `$ref` to another file is, for the API, a named reusable
//! schema just as a component of the root is: `specver bundle` writes it into
//! `components/schemas`, and the model lists it among the named schemas. Both name it here,
//! with one rule, so that a spec and its bundle have the same named schemas:
//!
//! - the root's own component names are kept; a root component that is nothing but a `$ref`
//!   to another file gives the target its name ([`SectionNames::of_root_section`]);
//! - any other target asks for the last token of its pointer (`common.yaml#/components/schemas/Pet`
//!   -> `Pet`, `models.yaml#/pet` -> `pet`), the last two when the last is an array index
//!   (`#/allOf/0` -> `allOf_0`), or the file's name without its extension for a whole file
//!   (`pet.yaml` -> `pet`), as Redocly names them ([`wanted_name`]);
//! - a name taken by the same content (equal as written, and in the same directory or
//!   holding no reference) is shared; a name taken by other content gets the first free
//!   `-2`, `-3`, ... suffix, in the order targets are named ([`SectionNames::name`]).
//!
//! The order is the model's: the root's component schemas, then what the paths, webhooks
//! and their operations reach, as [`crate::model::build`] meets them, then what the root's
//! other components (responses, parameters, request bodies, headers) reach, used or not.
//! The bundler takes the model's schema names and names what the model does not reach the
//! same way, in the order its walk meets them.

use crate::load::{FileId, Workspace};
use crate::tree::{Node, pointer};
use rustc_hash::{FxHashMap, FxHashSet};

/// What a `$ref` leads to: a node of one file, by its JSON pointer (decoded).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Target {
    /// The file the node is in.
    pub file: FileId,
    /// Its JSON pointer in that file, decoded (`""` for the whole file).
    pub pointer: String,
}

impl Target {
    /// What `reference`, which resolves into `file`, points at.
    pub fn new(file: FileId, reference: &str) -> Target {
        let (_, fragment) = crate::load::split_reference(reference);
        Target {
            file,
            pointer: pointer::from_fragment(fragment)
                .map(std::borrow::Cow::into_owned)
                .unwrap_or_default(),
        }
    }

    /// `file.yaml#/pointer`, for messages.
    pub fn describe(&self, ws: &Workspace) -> String {
        format!("{}#{}", ws.file(self.file).name, self.pointer)
    }

    fn lookup<'w>(&self, ws: &'w Workspace) -> Option<&'w Node> {
        let root = ws.file(self.file).tree()?;
        pointer::lookup(root, &self.pointer).ok()
    }
}

/// The names given so far in one components section (`schemas`, `parameters`, ...).
#[derive(Clone, Debug, Default)]
pub(crate) struct SectionNames {
    taken: FxHashSet<String>,
    assigned: FxHashMap<Target, String>,
    /// What each taken name stands for.
    owners: FxHashMap<String, Target>,
    /// The names given instead of the one asked for, which other content had: the name
    /// asked for.
    renamed: FxHashMap<String, String>,
}

/// What [`SectionNames::name`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Naming {
    /// The target had its name already.
    Known(String),
    /// The target shares the name of the same content elsewhere.
    Shared(String),
    /// The target got a name of its own; `wanted` is the name it asked for when that was
    /// taken by other content.
    New {
        /// The name given.
        name: String,
        /// The name asked for, when it had to change.
        wanted: Option<String>,
    },
}

impl Naming {
    /// The name, whatever happened.
    pub fn name(&self) -> &str {
        match self {
            Naming::Known(name) | Naming::Shared(name) | Naming::New { name, .. } => name,
        }
    }
}

impl SectionNames {
    /// The names the root document gives in the section at `section` (`["components",
    /// "schemas"]`, `["definitions", ""]`), with the root components that are nothing but a
    /// `$ref` to another file: their targets take the root's names, and those `$ref` holders
    /// are returned (the bundler writes the target's content there).
    pub fn of_root_section<'w>(
        ws: &'w Workspace,
        section: [&str; 2],
    ) -> (SectionNames, Vec<&'w Node>) {
        let mut names = SectionNames::default();
        let mut adopted = Vec::new();
        let root = ws.root();
        let map = match section {
            [top, ""] => root.get(top),
            [top, key] => root.get(top).and_then(|c| c.get(key)),
        };
        let Some(map) = map.and_then(Node::as_object) else {
            return (names, adopted);
        };
        let mut at = String::new();
        for token in section.iter().filter(|t| !t.is_empty()) {
            pointer::push(&mut at, token);
        }
        for (name, _) in map.iter() {
            let mut pointer = at.clone();
            pointer::push(&mut pointer, name);
            names.taken.insert(name.to_string());
            names
                .owners
                .insert(name.to_string(), Target { file: 0, pointer });
        }
        for (name, node) in map.iter() {
            let Some(reference) = node.get("$ref").and_then(Node::as_str) else {
                continue;
            };
            if let Ok((file, _)) = ws.resolve(0, reference)
                && file != 0
            {
                let target = Target::new(file, reference);
                if names.get(&target).is_none() {
                    names.owners.insert(name.to_string(), target.clone());
                    names.assigned.insert(target, name.to_string());
                    adopted.push(node);
                }
            }
        }
        (names, adopted)
    }

    /// The name `target` has, if it has one.
    pub fn get(&self, target: &Target) -> Option<&str> {
        self.assigned.get(target).map(String::as_str)
    }

    /// The name asked for by the target(s) that got `name`, when other content had it.
    pub fn renamed_from(&self, name: &str) -> Option<&str> {
        self.renamed.get(name).map(String::as_str)
    }

    /// Every name the root document gives or that was given so far.
    pub fn taken(&self) -> impl Iterator<Item = &str> {
        self.taken.iter().map(String::as_str)
    }

    /// Names `target` (in the section whose key is `section`, for the fallback name): the
    /// one rule both the model and the bundler follow.
    pub fn name(&mut self, ws: &Workspace, target: &Target, section: &str) -> Naming {
        if let Some(name) = self.get(target) {
            return Naming::Known(name.to_string());
        }
        let wanted = wanted_name(ws, target, section);
        // A name (or a renaming of it) given to the same content is shared.
        let mut candidate = wanted.clone();
        for n in 2.. {
            let Some(owner) = self.owners.get(&candidate) else {
                break;
            };
            if same_content(ws, owner, target) {
                self.assigned.insert(target.clone(), candidate.clone());
                return Naming::Shared(candidate);
            }
            candidate = format!("{wanted}-{n}");
        }
        let name = if self.taken.contains(&wanted) {
            (2..)
                .map(|n| format!("{wanted}-{n}"))
                .find(|n| !self.taken.contains(n))
                .unwrap_or_default()
        } else {
            wanted.clone()
        };
        self.taken.insert(name.clone());
        self.owners.insert(name.clone(), target.clone());
        self.assigned.insert(target.clone(), name.clone());
        let wanted = (name != wanted).then_some(wanted);
        if let Some(wanted) = &wanted {
            self.renamed.insert(name.clone(), wanted.clone());
        }
        Naming::New { name, wanted }
    }
}

/// Whether two targets would be written the same: equal as written, and either in the same
/// directory or holding no reference (relative references could lead elsewhere). The same
/// name then serves both, as Redocly does.
fn same_content(ws: &Workspace, a: &Target, b: &Target) -> bool {
    let (Some(x), Some(y)) = (a.lookup(ws), b.lookup(ws)) else {
        return false;
    };
    let (x, y) = (x.to_json(), y.to_json());
    if x != y {
        return false;
    }
    let dir = |t: &Target| {
        let name = &ws.file(t.file).name;
        name.rsplit_once('/')
            .map(|(d, _)| d.to_string())
            .unwrap_or_default()
    };
    dir(a) == dir(b) || !x.to_string().contains("\"$ref\"")
}

/// The name a target asks for: the last token of its pointer (`/components/schemas/Pet` ->
/// `Pet`, `/pet` -> `pet`), the last two when the last is an index (`/allOf/0` ->
/// `allOf_0`), the file's name for a whole file (`pet.yaml` -> `pet`); characters a
/// component name may not hold (`^[a-zA-Z0-9._-]+$`) become `_`. With nothing usable left,
/// the section's singular (`schemas` -> `Schema`).
pub(crate) fn wanted_name(ws: &Workspace, target: &Target, section: &str) -> String {
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
        capitalized(section.strip_suffix('s').unwrap_or(section))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems() {
        assert_eq!(file_stem("models/pet.yaml"), "pet");
        assert_eq!(file_stem("HEAD:api/pet.v2.yml"), "pet.v2");
    }

    #[test]
    fn a_taken_name_gets_the_next_free_suffix_and_the_same_content_shares_it() {
        let ws = Workspace::load_bytes(
            crate::load::FileLocation::Path("openapi.yaml".into()),
            b"openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet: {type: string}\n    Pet-2: {type: integer}\nx-a:\n  Pet: {type: boolean}\nx-b:\n  Pet: {type: boolean}\nx-c:\n  Pet: {type: string}\n".to_vec(),
            &Default::default(),
        )
        .unwrap();
        let (mut names, adopted) = SectionNames::of_root_section(&ws, ["components", "schemas"]);
        assert!(adopted.is_empty());
        let t = |p: &str| Target {
            file: 0,
            pointer: p.into(),
        };
        assert_eq!(
            names.name(&ws, &t("/x-a/Pet"), "schemas"),
            Naming::New {
                name: "Pet-3".into(),
                wanted: Some("Pet".into())
            }
        );
        assert_eq!(
            names.name(&ws, &t("/x-b/Pet"), "schemas"),
            Naming::Shared("Pet-3".into())
        );
        assert_eq!(
            names.name(&ws, &t("/x-c/Pet"), "schemas"),
            Naming::Shared("Pet".into())
        );
        assert_eq!(
            names.name(&ws, &t("/x-a/Pet"), "schemas"),
            Naming::Known("Pet-3".into())
        );
    }
}
