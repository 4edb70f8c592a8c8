//! The walk that writes the bundled document: every node copied, every `$ref` rewritten to
//! point inside the one document, or replaced by what it names where no components section
//! fits.

use super::emit::Out;
use super::names::{self, Names, Target};
use super::slot::{Kind, Place, Slot};
use super::{BundleError, Options};
use crate::load::{FileId, SpecFamily, Workspace, is_lone_ref};
use crate::model::names::SectionNames;
use crate::tree::{Node, Object, Value, pointer};
use rustc_hash::FxHashSet;
use std::collections::VecDeque;

pub(super) struct Bundler<'a> {
    ws: &'a Workspace,
    family: SpecFamily,
    options: Options,
    /// With `--dereference`: the targets that stay references.
    on_cycle: FxHashSet<Target>,
    names: Names,
    /// Components named and not yet written, in the order they were first referred to.
    queue: VecDeque<(Target, Kind, String)>,
    /// The names in the root or queued: each is written once.
    queued: FxHashSet<(Kind, String)>,
    /// Components written, in the same order.
    pub written: Vec<(Kind, String, Out)>,
    /// Root components that are nothing but a `$ref` to another file: the referenced
    /// content is written there, under the root's name. Keyed by the `$ref` holder's address.
    adopted: FxHashSet<*const Node>,
    /// Targets being written in full right now (a target met again is a cycle).
    inlining: Vec<Target>,
    pub notes: Vec<String>,
    /// With `--dereference`: the targets kept as references because they are on a cycle.
    pub(crate) kept_on_cycles: std::collections::BTreeSet<String>,
    pub unresolved: usize,
    pub error: Option<BundleError>,
    /// How deep the walk is in the document being written.
    depth: usize,
    /// How many values the bundle holds so far.
    values: usize,
}

/// The deepest nesting the bundle may have: twice what a file may have (`tree::Limits`),
/// as references written in full add their targets' depth to their own.
pub(super) const MAX_DEPTH: usize = 2_000;

impl<'a> Bundler<'a> {
    pub fn new(ws: &'a Workspace, options: Options) -> Bundler<'a> {
        let on_cycle = if options.dereference {
            super::cycles::targets_on_cycles(ws)
        } else {
            FxHashSet::default()
        };
        let mut bundler = Bundler {
            ws,
            family: ws.spec_family,
            options,
            on_cycle,
            names: Names::default(),
            queue: VecDeque::new(),
            queued: FxHashSet::default(),
            written: Vec::new(),
            adopted: FxHashSet::default(),
            inlining: Vec::new(),
            notes: Vec::new(),
            kept_on_cycles: Default::default(),
            unresolved: 0,
            error: None,
            depth: 0,
            values: 0,
        };
        bundler.reserve_root_names();
        bundler
    }

    /// The root's own component names are kept; a root component that only refers to
    /// another file takes that file's content under its name. Schemas are named as the
    /// model names them (one rule, [`crate::model::names`]), so that a spec and its bundle
    /// have the same named schemas.
    fn reserve_root_names(&mut self) {
        for kind in Kind::ALL {
            let Some(section) = kind.section(self.family) else {
                continue;
            };
            let (names, adopted) = SectionNames::of_root_section(self.ws, section);
            self.adopted
                .extend(adopted.into_iter().map(|n| n as *const Node));
            // The root's names are written where they are.
            self.queued
                .extend(names.taken().map(|name| (kind, name.to_string())));
            let names = if kind == Kind::Schema {
                crate::model::build(self.ws).0.schema_names
            } else {
                names
            };
            self.names.set_section(kind, names);
        }
    }

    /// Writes the root document, then every component it came to need.
    pub fn run(&mut self) -> Out {
        let root = self.ws.root();
        let mut out = self.node(0, root, Slot::One(Place::Document));
        while let Some((target, kind, name)) = self.queue.pop_front() {
            let Some(node) = self.lookup(&target) else {
                continue;
            };
            let file = target.file;
            self.inlining.push(target);
            let body = self.node(file, node, Slot::One(Place::Object(kind)));
            self.inlining.pop();
            self.written.push((kind, name, body));
        }
        for (kind, name, body) in std::mem::take(&mut self.written) {
            let Some(section) = kind.section(self.family) else {
                continue;
            };
            let mut map = out.member_or_insert(section[0]);
            if !section[1].is_empty() {
                map = map.and_then(|m| m.member_or_insert(section[1]));
            }
            if let Some(Out::Object(entries)) = map {
                entries.push((name, body));
            }
        }
        out
    }

    fn lookup(&self, target: &Target) -> Option<&'a Node> {
        let root = self.ws.file(target.file).tree()?;
        pointer::lookup(root, &target.pointer).ok()
    }

    fn node(&mut self, file: FileId, node: &'a Node, slot: Slot) -> Out {
        if self.depth >= MAX_DEPTH {
            if self.error.is_none() {
                self.error = Some(BundleError::at(
                    self.ws,
                    file,
                    node.span,
                    format!("the bundle would nest deeper than {MAX_DEPTH} levels here"),
                ));
            }
            return Out::Null;
        }
        if !self.count(1) {
            return Out::Null;
        }
        self.depth += 1;
        let out = self.node_at_depth(file, node, slot);
        self.depth -= 1;
        out
    }

    /// The node as it is, counted.
    fn copy(&mut self, node: &Node) -> Out {
        if self.count(size(node)) {
            copy(node)
        } else {
            Out::Null
        }
    }

    /// Counts `values` more values written, stopping the walk past [`Options::max_values`].
    fn count(&mut self, values: usize) -> bool {
        self.values += values;
        if self.values <= self.options.max_values {
            return true;
        }
        if self.error.is_none() {
            self.error = Some(BundleError(format!(
                "the bundle would hold more than {} values{}",
                self.options.max_values,
                if self.options.dereference {
                    " (references written in full repeat their targets: bundle without --dereference)"
                } else {
                    ""
                }
            )));
        }
        false
    }

    fn node_at_depth(&mut self, file: FileId, node: &'a Node, slot: Slot) -> Out {
        match &node.value {
            Value::Object(obj) => match slot {
                Slot::Verbatim => self.copy(node),
                Slot::Data if is_lone_ref(node) => self.data_reference(file, node),
                Slot::Data => self.copy(node),
                _ => match obj.get("$ref").and_then(Node::as_str) {
                    Some(reference) => self.reference(file, node, obj, reference, slot),
                    None => Out::Object(
                        obj.entries
                            .iter()
                            .map(|e| {
                                let slot = slot.member(&e.key, e.value.as_array().is_some());
                                (e.key.to_string(), self.node(file, &e.value, slot))
                            })
                            .collect(),
                    ),
                },
            },
            Value::Array(items) => {
                let slot = slot.item();
                Out::Array(items.iter().map(|i| self.node(file, i, slot)).collect())
            }
            Value::String(s) if slot == Slot::One(Place::Mapping) => {
                Out::String(self.mapping_value(file, s))
            }
            _ => self.copy(node),
        }
    }

    /// A `$ref` at `slot`: kept pointing into the root, pointed at a component, or replaced
    /// by what it names.
    fn reference(
        &mut self,
        file: FileId,
        holder: &'a Node,
        obj: &'a Object,
        reference: &str,
        slot: Slot,
    ) -> Out {
        let Ok((target_file, target_node)) = self.ws.resolve(file, reference) else {
            self.unresolved += 1;
            return self.copy(holder);
        };
        let target = Target::new(target_file, reference);
        let kind = slot.component_kind(self.family).or_else(|| match slot {
            Slot::One(Place::Other) => {
                let tokens = pointer::tokens(&target.pointer).unwrap_or_default();
                Kind::of_component_pointer(&tokens, self.family)
            }
            _ => None,
        });
        if self.adopted.contains(&(holder as *const Node)) {
            return self.inline(file, obj, &target, target_node, slot);
        }
        let keep = !self.options.dereference || self.on_cycle.contains(&target);
        if target_file == 0 && keep {
            let local = file == 0 && crate::load::split_reference(reference).0.is_empty();
            let rewritten = if local {
                reference.to_string()
            } else {
                names::fragment(&target.pointer)
            };
            self.note_kept(&target);
            return self.with_reference(file, obj, rewritten, slot);
        }
        if let Some(kind) = kind
            && (keep || self.inlining.contains(&target))
        {
            let rewritten = self.component_reference(&target, kind);
            self.note_kept(&target);
            return self.with_reference(file, obj, rewritten, slot);
        }
        self.inline(file, obj, &target, target_node, slot)
    }

    fn note_kept(&mut self, target: &Target) {
        if self.options.dereference {
            self.kept_on_cycles.insert(target.describe(self.ws));
        }
    }

    /// `target` written in place of the reference; members beside the `$ref` are kept and
    /// win over the target's.
    fn inline(
        &mut self,
        file: FileId,
        obj: &'a Object,
        target: &Target,
        target_node: &'a Node,
        slot: Slot,
    ) -> Out {
        if self.inlining.contains(target) {
            if self.error.is_none() {
                let site = obj.get("$ref").map(|r| r.span).unwrap_or_default();
                self.error = Some(BundleError::at(
                    self.ws,
                    file,
                    site,
                    format!(
                        "`$ref` to `{}` is on a reference cycle through a place that has no components section, so it cannot be bundled",
                        target.describe(self.ws)
                    ),
                ));
            }
            return Out::Null;
        }
        self.inlining.push(target.clone());
        let body = self.node(target.file, target_node, slot);
        self.inlining.pop();
        let has_siblings = obj.entries.iter().any(|e| e.key != "$ref");
        match body {
            Out::Object(target_entries) if has_siblings => {
                let mut entries = Vec::new();
                for e in &obj.entries {
                    if e.key == "$ref" {
                        for (k, v) in &target_entries {
                            if obj.get(k).is_none() {
                                entries.push((k.clone(), v.clone()));
                            }
                        }
                    } else {
                        let member = slot.member(&e.key, e.value.as_array().is_some());
                        entries.push((e.key.to_string(), self.node(file, &e.value, member)));
                    }
                }
                Out::Object(entries)
            }
            body => body,
        }
    }

    /// The holder with its `$ref` replaced by `rewritten` and its other members walked.
    fn with_reference(
        &mut self,
        file: FileId,
        obj: &'a Object,
        rewritten: String,
        slot: Slot,
    ) -> Out {
        let mut rewritten = Some(rewritten);
        Out::Object(
            obj.entries
                .iter()
                .map(|e| {
                    let value = if e.key == "$ref" {
                        Out::String(rewritten.take().unwrap_or_default())
                    } else {
                        let member = slot.member(&e.key, e.value.as_array().is_some());
                        self.node(file, &e.value, member)
                    };
                    (e.key.to_string(), value)
                })
                .collect(),
        )
    }

    /// `#/components/{kind}/{name}` for `target`, naming it (and queueing it to be written)
    /// the first time.
    fn component_reference(&mut self, target: &Target, kind: Kind) -> String {
        let section = self.names.section(kind);
        let name = section
            .name(self.ws, target, kind.components_key())
            .name()
            .to_string();
        let renamed_from = section.renamed_from(&name).map(str::to_string);
        if self.queued.insert((kind, name.clone())) {
            if let Some(wanted) = renamed_from {
                self.notes.push(format!(
                    "`{}` is bundled as `{name}`: `{wanted}` names another {}",
                    target.describe(self.ws),
                    kind.components_key().trim_end_matches('s'),
                ));
            }
            self.queue.push_back((target.clone(), kind, name.clone()));
        }
        self.section_fragment(kind, &name)
    }

    /// `#/components/{kind}/{name}` (`#/definitions/{name}` and so on in 2.0).
    fn section_fragment(&self, kind: Kind, name: &str) -> String {
        let section = kind
            .section(self.family)
            .unwrap_or(["components", "schemas"]);
        let mut pointer = String::new();
        for token in section.iter().filter(|t| !t.is_empty()) {
            pointer::push(&mut pointer, token);
        }
        pointer::push(&mut pointer, name);
        names::fragment(&pointer)
    }

    /// `example: {$ref: ...}` (as bundlers write it): the data it names, in full.
    fn data_reference(&mut self, file: FileId, holder: &'a Node) -> Out {
        let reference = holder
            .get("$ref")
            .and_then(Node::as_str)
            .unwrap_or_default();
        match self.ws.resolve(file, reference) {
            Ok((target_file, _)) if target_file == 0 && file == 0 => self.copy(holder),
            Ok((_, node)) => self.copy(node),
            Err(_) => {
                self.unresolved += 1;
                self.copy(holder)
            }
        }
    }

    /// A `discriminator.mapping` value: a reference is pointed into the bundle (always at a
    /// component, so that it has a name to map to); a schema name stays.
    fn mapping_value(&mut self, file: FileId, value: &str) -> String {
        if !crate::model::is_mapping_reference(value) {
            return value.to_string();
        }
        match self.ws.resolve(file, value) {
            Ok((0, _)) if file == 0 => value.to_string(),
            Ok((0, _)) => names::fragment(&Target::new(0, value).pointer),
            Ok((target_file, _)) => {
                self.component_reference(&Target::new(target_file, value), Kind::Schema)
            }
            Err(_) => value.to_string(),
        }
    }
}

/// The node as it is.
fn copy(node: &Node) -> Out {
    match &node.value {
        Value::Null => Out::Null,
        Value::Bool(b) => Out::Bool(*b),
        Value::Number(n) => Out::Number(n.clone()),
        Value::String(s) => Out::String(s.to_string()),
        Value::Array(items) => Out::Array(items.iter().map(copy).collect()),
        Value::Object(obj) => Out::Object(
            obj.entries
                .iter()
                .map(|e| (e.key.to_string(), copy(&e.value)))
                .collect(),
        ),
    }
}

/// How many values `node` holds, itself included.
fn size(node: &Node) -> usize {
    match &node.value {
        Value::Array(items) => 1 + items.iter().map(size).sum::<usize>(),
        Value::Object(obj) => 1 + obj.entries.iter().map(|e| size(&e.value)).sum::<usize>(),
        _ => 1,
    }
}
