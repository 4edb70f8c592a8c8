//! From facts to changes: each fact gets its catalogue id in every context that reaches it
//! (request or response; body, parameter or header; at the top or nested), and facts are
//! grouped by root cause, so a change in a shared schema is one change listing the
//! operations it affects.

use super::api::{ApiComparison, EndpointFact, GroupedFact, RootKind, SchemaRoot};
use super::fact::{Located, SchemaFact};
use super::schema::{Edge, Pair, PairId, part_of_type_change};
use super::{Affected, Change, Direction, OperationRef};
use crate::model::Origin;
use crate::model::{SchemaId, TypeSet};
use crate::rules::changes::{Level, render};
use crate::rules::{ChangeId, Context, Profile, SchemaChange, ids};
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value as Json;
use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

/// Classifies the facts with the levels of one profile.
pub fn classify(c: &ApiComparison<'_>, profile: Profile) -> Vec<Change> {
    let mut operations = Operations::default();
    let mut changes: Vec<Change> = c
        .facts
        .iter()
        .map(|f| endpoint_change(f, profile, &mut operations))
        .collect();
    changes.extend(
        c.grouped
            .iter()
            .map(|g| grouped_change(g, profile, &mut operations)),
    );
    changes.extend(schema_changes(c, profile, &mut operations));
    merge_repeats(changes)
}

/// One change written out many times (a header parameter declared inline in fifteen
/// operations and removed from all of them) is one root cause: it becomes one change with
/// every operation and every place it was written.
fn merge_repeats(changes: Vec<Change>) -> Vec<Change> {
    let mut merged: Vec<Change> = Vec::with_capacity(changes.len());
    let mut index: FxHashMap<(String, String), usize> = FxHashMap::default();
    // The operations each merged change lists, as a set: made on the first merge only, so
    // that merging stays linear when a change is written in thousands of places.
    let mut listed: FxHashMap<usize, FxHashSet<Affected>> = FxHashMap::default();
    for change in changes {
        let key = (change.id.clone(), change.merge_key.clone());
        match index.get(&key) {
            Some(&i) => {
                let into = &mut merged[i];
                let seen = listed
                    .entry(i)
                    .or_insert_with(|| into.operations.iter().cloned().collect());
                for op in change.operations {
                    if seen.insert(op.clone()) {
                        into.operations.push(op);
                    }
                }
                into.also.push((change.base, change.revision));
            }
            None => {
                index.insert(key, merged.len());
                merged.push(change);
            }
        }
    }
    merged
}

fn message(id: ChangeId, args: &[(&str, String)]) -> String {
    render(id.rule().message(), args)
}

fn endpoint_change(f: &EndpointFact, profile: Profile, operations: &mut Operations) -> Change {
    let level = f.id.level_in(profile);
    let direction = match f.id.rule().direction {
        "request" => Direction::Request,
        "response" => Direction::Response,
        _ => Direction::None,
    };
    // Messages never name the operation (the operations list does), so the same change in
    // several operations reads the same and merges.
    let message = message(f.id, &f.args);
    Change {
        id: f.id.to_string(),
        level,
        merge_key: message.clone(),
        also: Vec::new(),
        values: Vec::new(),
        message,
        base: f.base,
        revision: f.revision,
        operations: f
            .operation
            .iter()
            .map(|op| Affected {
                operation: operations.intern(op).1,
                direction,
                id: f.id,
                level,
            })
            .collect(),
    }
}

/// A change that reaches several operations from one place. One that reaches none (a
/// security scheme no operation uses, the servers of a document whose operations all
/// override them) breaks no client: it is `info` whatever its id.
fn grouped_change(g: &GroupedFact, profile: Profile, operations: &mut Operations) -> Change {
    let fact = EndpointFact {
        id: g.id,
        args: g.args.clone(),
        base: g.base,
        revision: g.revision,
        operation: None,
    };
    let mut change = endpoint_change(&fact, profile, operations);
    if g.operations.is_empty() {
        change.level = change.level.min(Level::Info);
    }
    let template = endpoint_change(
        &EndpointFact {
            operation: g.operations.first().cloned(),
            ..fact
        },
        profile,
        operations,
    );
    if let Some(affected) = template.operations.first() {
        change.operations = g
            .operations
            .iter()
            .map(|op| Affected {
                operation: operations.intern(op).1,
                ..affected.clone()
            })
            .collect();
    }
    change
}

/// One shared copy of each operation for all the changes' affected entries, numbered in
/// the order first met: the groups' sets of listed operations hold the number.
#[derive(Default)]
struct Operations {
    /// Each operation's number, keyed by the shared copy itself.
    numbers: FxHashMap<Arc<OperationRef>, u32>,
    shared: Vec<Arc<OperationRef>>,
}

impl Operations {
    fn intern(&mut self, op: &OperationRef) -> (u32, Arc<OperationRef>) {
        if let Some(&n) = self.numbers.get(op) {
            return (n, self.shared[n as usize].clone());
        }
        let n = self.shared.len() as u32;
        let shared = Arc::new(op.clone());
        self.numbers.insert(shared.clone(), n);
        self.shared.push(shared.clone());
        (n, shared)
    }
}

/// What tells two affected entries of one group apart: the operation's number, the
/// direction and the id (the level follows from the id). Eight bytes: a group's set holds
/// one per operation reaching it, and on Stripe's 2019 -> 2021 pair the sets held half a
/// million of them.
type ListedKey = (u32, Direction, ChangeId);

/// A schema fact on its way to becoming a change.
struct Group {
    pair: PairId,
    fact: usize,
    subject: String,
    /// The affected operations in the order met, made into [`Affected`] entries only
    /// when the change is made.
    affected: Vec<ListedKey>,
    /// `affected` as a set, and its most severe level: thousands of operations can reach
    /// one changed schema, and a scan per operation made classification quadratic.
    listed: FxHashSet<ListedKey>,
    worst: Option<Level>,
    /// The message arguments for the most severe context seen so far.
    args: Vec<(&'static str, String)>,
    /// Where groups of the same root cause merged into this one were told.
    also: Vec<(Option<Origin>, Option<Origin>)>,
}

fn schema_changes(
    c: &ApiComparison<'_>,
    profile: Profile,
    operations: &mut Operations,
) -> Vec<Change> {
    let pairs = &c.schemas.pairs;
    let parents = parents(c);
    let interesting = pairs_reaching_facts(c, &parents);
    let use_sites = use_sites(c, &parents);
    let inline_places = inline_places(c, &interesting);
    let mut grouping = Grouping {
        c,
        profile,
        interesting: &interesting,
        use_sites: &use_sites,
        inline_places: &inline_places,
        groups: Vec::new(),
        group_of: FxHashMap::default(),
        subjects: vec![None; pairs.len()],
        visited_in: vec![0; pairs.len()],
        walk: 0,
        stack: Vec::new(),
    };
    for root in &c.roots {
        if !interesting[root.pair] {
            continue;
        }
        let (number, _) = operations.intern(&root.operation);
        grouping.walk(root, number);
    }
    merge_same_cause(grouping.groups, pairs)
        .into_iter()
        .map(|g| group_change(g, pairs, &operations.shared, profile))
        .collect()
}

/// What a pair's facts are told of, and what the paths of its children start from: the
/// same text but below an inline schema replaced by a component ([`child_prefix`]).
#[derive(Clone)]
struct Subject {
    told: Rc<str>,
    below: Rc<str>,
}

/// A pair met on the walk from a root, and how it was reached.
struct Step {
    pair: PairId,
    /// Below a property, item or branch: told with the nested ids.
    nested: bool,
    /// The path from the nearest named pair above (empty for a pair already named).
    path: String,
    /// Reached as an object's property.
    as_property: bool,
    /// Reached as a branch beside one that admits any value of its type.
    open: bool,
}

/// Schema facts grouped by root cause, as the walks from every root meet them.
struct Grouping<'c, 'a> {
    c: &'c ApiComparison<'a>,
    profile: Profile,
    /// The pairs with a fact at or below them: the others are not walked.
    interesting: &'c [bool],
    /// How many places use each pair: see [`use_sites`].
    use_sites: &'c [u32],
    /// How many inline schemas each component replaced: see [`inline_places`].
    inline_places: &'c FxHashMap<SchemaId, u32>,
    groups: Vec<Group>,
    group_of: FxHashMap<(PairId, usize), usize>,
    /// What each pair's facts are told of, set by the first walk that meets the pair.
    /// Shared (`Rc`), since every later walk through the pair tells the same subject:
    /// Stripe's walks meet their pairs some 100,000 times.
    subjects: Vec<Option<Subject>>,
    /// The walk that last met each pair: a walk's visited set without a set to allocate,
    /// hash and clear for every root.
    visited_in: Vec<u32>,
    /// The current walk's number (from 1).
    walk: u32,
    /// The walk's stack, kept between walks for its room.
    stack: Vec<Step>,
}

impl Grouping<'_, '_> {
    /// Walks the pairs below one root, adding the operation to the group of every fact met.
    fn walk(&mut self, root: &SchemaRoot, operation: u32) {
        let c = self.c;
        self.walk += 1;
        let mut stack = std::mem::take(&mut self.stack);
        stack.push(Step {
            pair: root.pair,
            nested: false,
            path: String::new(),
            as_property: false,
            open: false,
        });
        while let Some(step) = stack.pop() {
            if self.visited_in[step.pair] == self.walk {
                continue;
            }
            self.visited_in[step.pair] = self.walk;
            let subject = self.subjects[step.pair]
                .get_or_insert_with(|| {
                    let revision = c.schemas.pairs[step.pair].revision;
                    let single_use = self.use_sites[step.pair] <= 1
                        && self.inline_places.get(&revision).is_none_or(|n| *n <= 1);
                    let told: Rc<str> =
                        subject_for(c, step.pair, &step.path, single_use, &root.label).into();
                    let below = match child_prefix(c, step.pair, &told) {
                        Cow::Borrowed(_) => told.clone(),
                        Cow::Owned(prefix) => prefix.into(),
                    };
                    Subject { told, below }
                })
                .clone();
            let context = context(root.direction, root.kind, step.nested);
            let facts = &c.schemas.pairs[step.pair].facts;
            let type_change = type_change_in(facts, context, root.direction, self.profile);
            for (i, located) in facts.iter().enumerate() {
                // A property's readOnly/writeOnly is told by its object, with whether the
                // property is required (`request-required-property-became-read-only`).
                if step.as_property
                    && matches!(
                        located.fact,
                        SchemaFact::BecameReadOnly
                            | SchemaFact::BecameNotReadOnly
                            | SchemaFact::BecameWriteOnly
                            | SchemaFact::BecameNotWriteOnly
                    )
                {
                    continue;
                }
                let (id, mut args) = fact_id_at(&located.fact, context, root.direction, step.open);
                // A keyword of a type that came or went is said by the type change, unless
                // the type change is the milder of the two here (a parameter property's type
                // is a warning, its enum appearing an error).
                if let Some((from, to, level)) = type_change
                    && part_of_type_change(&located.fact, from, to)
                    && id.level_in(self.profile) <= level
                {
                    continue;
                }
                args.push(("subject", subject.told.to_string()));
                let key = (operation, root.direction, id);
                self.add((step.pair, i), &subject.told, args, key);
            }
            self.push_children(&step, &subject.below, &mut stack);
        }
        self.stack = stack;
    }

    /// Adds an operation to the group of one fact, keeping the message arguments of its
    /// most severe context.
    fn add(
        &mut self,
        (pair, fact): (PairId, usize),
        subject: &str,
        args: Vec<(&'static str, String)>,
        key: ListedKey,
    ) {
        let groups = &mut self.groups;
        let g = *self.group_of.entry((pair, fact)).or_insert_with(|| {
            groups.push(Group {
                pair,
                fact,
                subject: subject.to_string(),
                affected: Vec::new(),
                listed: FxHashSet::default(),
                worst: None,
                args: args.clone(),
                also: Vec::new(),
            });
            groups.len() - 1
        });
        let group = &mut groups[g];
        let level = key.2.level_in(self.profile);
        if group.listed.insert(key) {
            if group.worst.is_none_or(|w| w < level) {
                group.args = args;
                group.worst = Some(level);
            }
            group.affected.push(key);
        }
    }

    /// Queues the children of a pair that lead to facts, in order (the stack pops them
    /// first to last), each with its path and how it is reached.
    fn push_children(&self, step: &Step, subject: &str, stack: &mut Vec<Step>) {
        let (c, pairs) = (self.c, &self.c.schemas.pairs);
        let parent = pairs[step.pair].revision;
        for (edge, child) in pairs[step.pair].children.iter().rev() {
            if !self.interesting[*child] || self.visited_in[*child] == self.walk {
                continue;
            }
            let path = if self.subjects[*child].is_some() {
                String::new()
            } else if let Edge::Property(name) = edge
                && let Some(owner) = declaring_component(c, parent, name)
            {
                // A property merged in from a named `allOf` part is that part's.
                format!("`{owner}`.{name}")
            } else {
                format!("{}{}", subject, edge.label())
            };
            stack.push(Step {
                pair: *child,
                nested: step.nested || edge.is_nested_value(),
                path,
                as_property: matches!(edge, Edge::Property(_)),
                open: matches!(edge, Edge::OneOf(_) | Edge::AnyOf(_))
                    && beside_open_branch(c, parent, pairs[*child].revision),
            });
        }
    }
}

/// The change of type among one pair's facts, with its level in `context`: the facts it
/// makes redundant are dropped beside it ([`part_of_type_change`]).
fn type_change_in(
    facts: &[Located<SchemaFact>],
    context: Context,
    direction: Direction,
    profile: Profile,
) -> Option<(TypeSet, TypeSet, Level)> {
    facts.iter().find_map(|located| match located.fact {
        SchemaFact::TypeChanged { from, to } => {
            let (id, _) = schema_fact_id(&located.fact, context, direction);
            Some((from, to, id.level_in(profile)))
        }
        _ => None,
    })
}

/// A fact's id and message arguments in a context. `anyOf: [{type: string}, {type: string,
/// enum: [...]}]` accepts any string (`open`): its enum lists known values, and changing
/// them changes no valid value.
fn fact_id_at(
    fact: &SchemaFact,
    context: Context,
    direction: Direction,
    open: bool,
) -> (ChangeId, Vec<(&'static str, String)>) {
    let (mut id, args) = schema_fact_id(fact, context, direction);
    if open {
        match fact {
            SchemaFact::EnumValuesAdded(_) => {
                id = SchemaChange::OpenEnumValueAdded.in_context(context)
            }
            SchemaFact::EnumValuesRemoved(_) => {
                id = SchemaChange::OpenEnumValueRemoved.in_context(context)
            }
            _ => {}
        }
    }
    (id, args)
}

/// A group of one root cause as a change: the id and message of its most severe context,
/// the values it lists, and every operation it reaches.
fn group_change(
    g: Group,
    pairs: &[Pair],
    operations: &[Arc<OperationRef>],
    profile: Profile,
) -> Change {
    let affected: Vec<Affected> = g
        .affected
        .iter()
        .map(|&(number, direction, id)| Affected {
            operation: operations[number as usize].clone(),
            direction,
            id,
            level: id.level_in(profile),
        })
        .collect();
    let worst = affected
        .iter()
        .max_by_key(|a| a.level)
        .expect("a group has at least one operation");
    let located = &pairs[g.pair].facts[g.fact];
    let message = message(worst.id, &g.args);
    let values = match &located.fact {
        SchemaFact::EnumValuesAdded(v) | SchemaFact::EnumValuesRemoved(v) => v.clone(),
        SchemaFact::BranchesAdded { labels, .. } | SchemaFact::BranchesRemoved { labels, .. } => {
            labels.iter().map(|l| Json::String(l.clone())).collect()
        }
        _ => Vec::new(),
    };
    Change {
        id: worst.id.to_string(),
        level: worst.level,
        merge_key: message.clone(),
        also: g.also,
        values,
        message,
        base: located.base,
        revision: located.revision,
        operations: affected,
    }
}

/// What makes two facts one root cause: the same fact at the same place. A removal is at
/// its base place and an addition at its revision place; the other side is only the object
/// that lost or gained it, which differs when two objects merge the same `allOf` part.
fn cause_places(located: &Located<SchemaFact>) -> (Option<Origin>, Option<Origin>) {
    match located.fact {
        SchemaFact::PropertyRemoved { .. } => (located.base, None),
        SchemaFact::PropertyAdded { .. } => (None, located.revision),
        _ => (located.base, located.revision),
    }
}

/// A hash of [`cause_places`] and the fact, written through its `Debug` form (a fact holds
/// JSON values, which do not hash) into the hasher, not into a string: Temporal's 2,700
/// changes held a megabyte of such strings.
fn cause_hash(located: &Located<SchemaFact>) -> u64 {
    use std::hash::{Hash, Hasher};
    struct Feed<'h>(&'h mut rustc_hash::FxHasher);
    impl std::fmt::Write for Feed<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut hasher = rustc_hash::FxHasher::default();
    let _ = std::fmt::write(&mut Feed(&mut hasher), format_args!("{:?}", located.fact));
    cause_places(located).hash(&mut hasher);
    hasher.finish()
}

/// Whether two facts are one root cause (see [`cause_places`]).
fn same_cause(a: &Located<SchemaFact>, b: &Located<SchemaFact>) -> bool {
    a.fact == b.fact && cause_places(a) == cause_places(b)
}

/// Groups of one root cause told on several pairs become one: a property of an `allOf`
/// part removed is a fact on every object that merges the part (docker's `Resources` in
/// `HostConfig` and in the update body), a schema reached both plainly and through a
/// wrapper is two pairs with the same facts (openai's `FunctionToolCallOutput`, discord's
/// `ThreadSearchTagSetting`). The merged change lists every operation, and takes its id
/// and message from the most severe one.
fn merge_same_cause(groups: Vec<Group>, pairs: &[super::schema::Pair]) -> Vec<Group> {
    let mut merged: Vec<Group> = Vec::with_capacity(groups.len());
    // The fact each merged group was first found as: `absorb` may give the group another
    // of the same cause as its own.
    let mut first: Vec<&Located<SchemaFact>> = Vec::with_capacity(groups.len());
    // Hash -> the merged groups with it (more than one only on a collision).
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for g in groups {
        let located = &pairs[g.pair].facts[g.fact];
        let candidates = index.entry(cause_hash(located)).or_default();
        match candidates.iter().find(|&&i| same_cause(first[i], located)) {
            Some(&i) => absorb(&mut merged[i], g, located, pairs),
            None => {
                candidates.push(merged.len());
                first.push(located);
                merged.push(g);
            }
        }
    }
    merged
}

/// Adds a group of the same root cause to `into`: its operations, and its place (kept in
/// `also` unless it becomes the change's own place).
fn absorb(
    into: &mut Group,
    g: Group,
    located: &Located<SchemaFact>,
    pairs: &[super::schema::Pair],
) {
    let first = &pairs[into.pair].facts[into.fact];
    let mut other = (located.base, located.revision);
    // `>=`: the change's id is its last operation of the worst level (see `schema_changes`),
    // so its message, and the place the message names, follow the last group with one.
    if g.worst >= into.worst {
        other = (first.base, first.revision);
        into.worst = g.worst;
        into.args = g.args;
        into.subject = g.subject;
        into.pair = g.pair;
        into.fact = g.fact;
    }
    for key in g.affected {
        if into.listed.insert(key) {
            into.affected.push(key);
        }
    }
    let own = &pairs[into.pair].facts[into.fact];
    if other != (own.base, own.revision) && !into.also.contains(&other) {
        into.also.push(other);
    }
    into.also.extend(g.also);
}

/// Which pairs have a fact at or below them. Walking stops everywhere else, so the cost of
/// classification follows the changes, not the size of the schemas.
fn pairs_reaching_facts(c: &ApiComparison<'_>, parents: &[Vec<PairId>]) -> Vec<bool> {
    let pairs = &c.schemas.pairs;
    let mut reach = vec![false; pairs.len()];
    let mut stack: Vec<PairId> = (0..pairs.len())
        .filter(|&p| !pairs[p].facts.is_empty())
        .collect();
    while let Some(p) = stack.pop() {
        if reach[p] {
            continue;
        }
        reach[p] = true;
        stack.extend(parents[p].iter().copied().filter(|&q| !reach[q]));
    }
    reach
}

/// The pairs above each pair, once per edge (a parent that refers to it twice, as two
/// properties, is there twice).
fn parents(c: &ApiComparison<'_>) -> Vec<Vec<PairId>> {
    let pairs = &c.schemas.pairs;
    let mut parents: Vec<Vec<PairId>> = vec![Vec::new(); pairs.len()];
    for (p, pair) in pairs.iter().enumerate() {
        for (_, child) in &pair.children {
            parents[*child].push(p);
        }
    }
    parents
}

/// How many places use each pair: the schemas above it that refer to it (once per
/// property, item or branch) and the bodies and parameters that are it.
fn use_sites(c: &ApiComparison<'_>, parents: &[Vec<PairId>]) -> Vec<u32> {
    let mut sites: Vec<u32> = parents.iter().map(|p| p.len() as u32).collect();
    for root in &c.roots {
        sites[root.pair] += 1;
    }
    sites
}

/// For each component of the revision that replaced inline schemas with changes below
/// them, how many it replaced: one is told where it was, several by the component's name
/// (Temporal's `v1WorkflowIdReusePolicy`, an inline enum in 15 places of the base, is one
/// change, not fifteen).
fn inline_places(c: &ApiComparison<'_>, interesting: &[bool]) -> FxHashMap<SchemaId, u32> {
    let mut places = FxHashMap::default();
    for (p, pair) in c.schemas.pairs.iter().enumerate() {
        let (b, r) = (
            c.schemas.base.schema(pair.base),
            c.schemas.revision.schema(pair.revision),
        );
        if interesting[p] && b.name.is_none() && r.name.is_some() {
            *places.entry(pair.revision).or_insert(0) += 1;
        }
    }
    places
}

/// How a subject names the component that replaced what was there: "`A` (now `B`)".
const NOW: &str = " (now `";

/// `before` with the note of the component that replaced it.
fn now_named(before: &str, component: &str) -> String {
    format!("{before}{NOW}{component}`)")
}

/// What the children of a pair are told under: its subject, but for an inline schema
/// replaced by a component, the component's name, so that notes do not pile up along a
/// path ("`Artifact`.transfers[] (now `TransferArtifact`).status" would be told as
/// "`TransferArtifact`.status").
fn child_prefix<'s>(c: &ApiComparison<'_>, pair: PairId, subject: &'s str) -> Cow<'s, str> {
    let p = &c.schemas.pairs[pair];
    let (b, r) = (
        c.schemas.base.schema(p.base),
        c.schemas.revision.schema(p.revision),
    );
    match (&b.name, &r.name) {
        (None, Some(y)) if subject.ends_with(&now_named("", y)) => Cow::Owned(format!("`{y}`")),
        _ => Cow::Borrowed(subject),
    }
}

/// What the facts of `pair` are told of. `path` is where the walk that met it first came
/// from; `single_use` says whether that is the only place that uses the pair.
fn subject_for(
    c: &ApiComparison<'_>,
    pair: PairId,
    path: &str,
    single_use: bool,
    root_label: &str,
) -> String {
    let p = &c.schemas.pairs[pair];
    let (b, r) = (
        c.schemas.base.schema(p.base),
        c.schemas.revision.schema(p.revision),
    );
    match (&b.name, &r.name) {
        // A component replaced by another: where it is used (the same words whichever side
        // is the base), or the names at the top of a body. Used in several places (Vapi's
        // `Campaign`, now `CampaignSummary`, as a list's items and as a response body), the
        // first place met would misname the others: then the names.
        (Some(_), Some(_)) if b.name != r.name && !path.is_empty() && single_use => {
            path.to_string()
        }
        (Some(x), Some(y)) if x != y => now_named(&format!("`{x}`"), y),
        // A union (a nullable wrapper too) replaced by a component, or what such a wrapper
        // wrapped: what changed is the place that uses it (it is no longer nullable, it
        // became a union, branches went), not the component.
        (None, Some(_))
            if !path.is_empty()
                && (p.above.annotations || !b.one_of.is_empty() || !b.any_of.is_empty()) =>
        {
            path.to_string()
        }
        // An inline schema replaced by a component: the place, with the component's name
        // (Vapi `Artifact`.transfers[] (now `TransferArtifact`): a string became an object),
        // once: below a place already named that way, or where the component replaced
        // several, the component's name alone. What lies below is told under the
        // component's name (`child_prefix`).
        (None, Some(y)) if !path.is_empty() && single_use && !path.contains(NOW) => {
            now_named(path, y)
        }
        (_, Some(y)) => format!("`{y}`"),
        // A component replaced by an inline schema (or wrapped in a nullable oneOf): the
        // change is the property's, not the component's.
        _ if !path.is_empty() => path.to_string(),
        // Inline in one operation: the operations list says which.
        _ => root_label.to_string(),
    }
}

/// Whether the union `parent` (of the revision) has, beside `branch`, a branch that admits
/// any value of `branch`'s types: a bare `{type: string}` beside a string enum.
fn beside_open_branch(
    c: &ApiComparison<'_>,
    parent: crate::model::SchemaId,
    branch: crate::model::SchemaId,
) -> bool {
    let api = c.schemas.revision;
    let union_of = |id: crate::model::SchemaId| -> &[crate::model::SchemaId] {
        let s = api.schema(s_target(api, id));
        if s.one_of.is_empty() {
            &s.any_of
        } else {
            &s.one_of
        }
    };
    // The list that holds the branch: the parent's, or that of a union among its branches
    // (the branch may hang under a nested union, see `branches::plan`).
    let top = union_of(parent);
    let list = if top.contains(&branch) {
        top
    } else {
        match top
            .iter()
            .map(|&b| union_of(b))
            .find(|inner| inner.contains(&branch))
        {
            Some(inner) => inner,
            None => return false,
        }
    };
    let Some(wanted) = api.schema(branch).types else {
        return false;
    };
    list.iter().any(|&b| {
        let s = api.schema(b);
        b != branch
            && s.types.is_some_and(|t| {
                let mut w = wanted;
                w.remove(TypeSet::NULL);
                !w.is_empty() && w.is_subset_of(t)
            })
            && s.enum_values.is_none()
            && s.format.is_none()
            && s.limits().pattern.is_none()
            && s.limits().min_length.is_none()
            && s.limits().max_length.is_none()
            && s.properties.is_empty()
            && s.all_of.is_empty()
            && s.one_of.is_empty()
            && s.any_of.is_empty()
            && s.reference.is_none()
            && s.extra().const_value.is_none()
    })
}

/// The target of a 3.1 `$ref` with sibling keywords, or the schema itself.
fn s_target(api: &crate::model::Api, id: crate::model::SchemaId) -> crate::model::SchemaId {
    let s = api.schema(id);
    match s.reference {
        Some(target) if s.one_of.is_empty() && s.any_of.is_empty() => target,
        _ => id,
    }
}

/// The named `allOf` part (or 3.1 `$ref` target) of `schema` that declares property `name`,
/// when it is not `schema` itself.
fn declaring_component<'a>(
    c: &'a ApiComparison<'_>,
    schema: crate::model::SchemaId,
    name: &str,
) -> Option<&'a str> {
    let api = c.schemas.revision;
    if api.schema(schema).property(name).is_some() {
        return None;
    }
    let mut seen = vec![schema];
    let mut stack: Vec<crate::model::SchemaId> = api.schema(schema).all_of.to_vec();
    stack.extend(api.schema(schema).reference);
    while let Some(part) = stack.pop() {
        if seen.contains(&part) {
            continue;
        }
        seen.push(part);
        let s = api.schema(part);
        if s.property(name).is_some() {
            return s.name.as_deref();
        }
        stack.extend(s.all_of.iter().copied());
        stack.extend(s.reference);
    }
    None
}

fn context(direction: Direction, kind: RootKind, nested: bool) -> Context {
    match (direction, kind, nested) {
        (Direction::Response, RootKind::Header, false) => Context::ResponseHeader,
        (Direction::Response, RootKind::Header, true) => Context::ResponseHeaderProperty,
        (Direction::Response, _, false) => Context::ResponseBody,
        (Direction::Response, _, true) => Context::ResponseProperty,
        (_, RootKind::Parameter | RootKind::Header, false) => Context::RequestParameter,
        (_, RootKind::Parameter | RootKind::Header, true) => Context::RequestParameterProperty,
        (_, RootKind::Body, false) => Context::RequestBody,
        (_, RootKind::Body, true) => Context::RequestProperty,
    }
}

/// The message arguments of branches added or removed: `what` (`oneOf branch`, `3 anyOf
/// branches`) and `value` (their labels).
fn branch_labels(keyword: &str, labels: &[String]) -> Vec<(&'static str, String)> {
    let keyword = if keyword == "one-of" {
        "oneOf"
    } else {
        "anyOf"
    };
    let what = match labels.len() {
        1 => format!("{keyword} branch"),
        n => format!("{n} {keyword} branches"),
    };
    let value = labels
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ");
    vec![("what", what), ("value", value)]
}

/// The alternatives of a union, for a message: the first few by name.
fn alternatives(labels: &[String]) -> String {
    const LISTED: usize = 6;
    let mut text = labels
        .iter()
        .take(LISTED)
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if labels.len() > LISTED {
        text.push_str(&format!(" and {} more", labels.len() - LISTED));
    }
    text
}

/// How many values a message lists: OpenAI's `AuditLogEventType` gained 93 in one release,
/// a message of 30 terminal lines. The change's `values` (JSON, YAML) keep every one.
const VALUES_SHOWN: usize = 10;

/// The message arguments of enum values added or removed: `what` (`enum value`, `3 enum
/// values`) and `value` (the values, as JSON, the first [`VALUES_SHOWN`] of them).
fn enum_values(values: &[Json]) -> Vec<(&'static str, String)> {
    let what = match values.len() {
        1 => "enum value".to_string(),
        n => format!("{n} enum values"),
    };
    let mut shown = values
        .iter()
        .take(VALUES_SHOWN)
        .map(show)
        .collect::<Vec<_>>()
        .join(", ");
    if values.len() > VALUES_SHOWN {
        shown.push_str(&format!(" and {} more", values.len() - VALUES_SHOWN));
    }
    vec![("what", what), ("value", shown)]
}

fn show(v: &Json) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn num(v: Option<crate::model::Num>) -> String {
    match v {
        None => "none".into(),
        Some(x) => x.to_string(),
    }
}

fn types(t: TypeSet) -> String {
    if t.is_empty() {
        "any".into()
    } else {
        t.names().join("|")
    }
}

/// The catalogue id of a schema fact in one context, with its message arguments.
fn schema_fact_id(
    fact: &SchemaFact,
    context: Context,
    direction: Direction,
) -> (ChangeId, Vec<(&'static str, String)>) {
    use SchemaChange as K;
    use SchemaFact as F;
    let request = direction == Direction::Request;
    let p = |change: SchemaChange| change.in_context(context);
    match fact {
        F::TypeChanged { from, to } => {
            let single = from.names().len() <= 1 && to.names().len() <= 1;
            let wider = !from.is_empty() && (to.is_empty() || from.is_subset_of(*to));
            let narrower = !to.is_empty() && (from.is_empty() || to.is_subset_of(*from));
            let change = match (wider, narrower, single) {
                (true, _, true) => K::TypeGeneralized,
                (true, _, false) => K::ListOfTypesWidened,
                (_, true, true) => K::TypeSpecialized,
                (_, true, false) => K::ListOfTypesNarrowed,
                _ => K::TypeChanged,
            };
            (p(change), vec![("from", types(*from)), ("to", types(*to))])
        }
        F::BecameNullable => (p(K::BecameNullable), vec![]),
        F::BecameNotNullable => (p(K::BecameNotNullable), vec![]),
        F::FormatChanged { from, to } => {
            let change = match (from, to) {
                (None, Some(_)) => K::FormatAdded,
                (Some(_), None) => K::FormatRemoved,
                _ => K::FormatChanged,
            };
            let s = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
            (p(change), vec![("from", s(from)), ("to", s(to))])
        }
        F::FormatAnnotationChanged { from, to } | F::FormatHintChanged { from, to } => {
            let change = match fact {
                F::FormatHintChanged { .. } => K::FormatHintChanged,
                _ => K::FormatAnnotationChanged,
            };
            let s = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
            (p(change), vec![("from", s(from)), ("to", s(to))])
        }
        F::FormatWidened { from, to } => (
            p(K::FormatWidened),
            vec![("from", from.clone()), ("to", to.clone())],
        ),
        F::FormatNarrowed { from, to } => (
            p(K::FormatNarrowed),
            vec![("from", from.clone()), ("to", to.clone())],
        ),
        F::FormatAddedWithinBounds(to) => (p(K::FormatAddedWithinBounds), vec![("to", to.clone())]),
        F::BecameEnum => (p(K::BecameEnum), vec![]),
        F::EnumRemoved => (p(K::EnumRemoved), vec![]),
        F::EnumValuesAdded(v) => (p(K::EnumValueAdded), enum_values(v)),
        F::EnumValuesRemoved(v) => (p(K::EnumValueRemoved), enum_values(v)),
        F::ConstAdded(v) => (p(K::ConstAdded), vec![("value", show(v))]),
        F::ConstRemoved(v) => (p(K::ConstRemoved), vec![("value", show(v))]),
        F::ConstChanged { from, to } => (
            p(K::ConstChanged),
            vec![("from", show(from)), ("to", show(to))],
        ),
        F::DefaultAdded(v) => (p(K::DefaultValueAdded), vec![("value", show(v))]),
        F::DefaultRemoved(v) => (p(K::DefaultValueRemoved), vec![("value", show(v))]),
        F::DefaultChanged { from, to } => (
            p(K::DefaultValueChanged),
            vec![("from", show(from)), ("to", show(to))],
        ),
        F::Limit { keyword, from, to } => {
            let [set, unset, increased, decreased] = limit_changes(keyword);
            let change = match (from, to) {
                (None, _) => set,
                (_, None) => unset,
                (Some(a), Some(b)) if b > a => increased,
                _ => decreased,
            };
            (p(change), vec![("from", num(*from)), ("to", num(*to))])
        }
        F::PatternAdded(x) => (p(K::PatternAdded), vec![("to", format!("`{x}`"))]),
        F::PatternRemoved(x) => (p(K::PatternRemoved), vec![("from", format!("`{x}`"))]),
        F::PatternChanged { from, to } => (
            p(K::PatternChanged),
            vec![("from", format!("`{from}`")), ("to", format!("`{to}`"))],
        ),
        F::MultipleOfChanged { from, to } => (
            p(K::MultipleOfChanged),
            vec![("from", num(*from)), ("to", num(*to))],
        ),
        F::UniqueItemsChanged { to } => (
            p(if *to {
                K::UniqueItemsAdded
            } else {
                K::UniqueItemsRemoved
            }),
            vec![],
        ),
        F::PropertyAdded {
            name,
            required,
            read_only,
            write_only,
            has_default,
        } => {
            let id = match (request, required, read_only, write_only) {
                (true, _, true, _) => ids::NEW_READ_ONLY_REQUEST_PROPERTY,
                (true, true, _, _) if *has_default => {
                    ids::NEW_REQUIRED_REQUEST_PROPERTY_WITH_DEFAULT
                }
                (true, true, _, _) => ids::NEW_REQUIRED_REQUEST_PROPERTY,
                (true, false, _, _) => ids::NEW_OPTIONAL_REQUEST_PROPERTY,
                (false, true, _, true) => ids::RESPONSE_REQUIRED_WRITE_ONLY_PROPERTY_ADDED,
                (false, false, _, true) => ids::RESPONSE_OPTIONAL_WRITE_ONLY_PROPERTY_ADDED,
                (false, true, _, _) => ids::RESPONSE_REQUIRED_PROPERTY_ADDED,
                (false, false, _, _) => ids::RESPONSE_OPTIONAL_PROPERTY_ADDED,
            };
            (id, vec![("name", name.clone())])
        }
        F::PropertyRemoved {
            name,
            required,
            read_only,
            write_only,
            renamed_to,
        } => {
            let id = match (request, required, read_only, write_only) {
                (true, _, true, _) => ids::REQUEST_READ_ONLY_PROPERTY_REMOVED,
                (true, _, _, _) => ids::REQUEST_PROPERTY_REMOVED,
                (false, true, _, true) => ids::RESPONSE_REQUIRED_WRITE_ONLY_PROPERTY_REMOVED,
                (false, false, _, true) => ids::RESPONSE_OPTIONAL_WRITE_ONLY_PROPERTY_REMOVED,
                (false, true, _, _) => ids::RESPONSE_REQUIRED_PROPERTY_REMOVED,
                (false, false, _, _) => ids::RESPONSE_OPTIONAL_PROPERTY_REMOVED,
            };
            let renamed = match renamed_to {
                Some(to) => format!(" (renamed to `{to}`?: `{to}` was added with the same schema)"),
                None => String::new(),
            };
            (id, vec![("name", name.clone()), ("renamed", renamed)])
        }
        F::PropertyBecameRequired {
            name,
            read_only,
            write_only,
            has_default,
        } => {
            let id = match (request, read_only, write_only) {
                (true, true, _) => ids::REQUEST_READ_ONLY_PROPERTY_BECAME_REQUIRED,
                (true, _, _) if *has_default => ids::REQUEST_PROPERTY_BECAME_REQUIRED_WITH_DEFAULT,
                (true, _, _) => ids::REQUEST_PROPERTY_BECAME_REQUIRED,
                (false, _, true) => ids::RESPONSE_WRITE_ONLY_PROPERTY_BECAME_REQUIRED,
                (false, _, _) => ids::RESPONSE_PROPERTY_BECAME_REQUIRED,
            };
            (id, vec![("name", name.clone())])
        }
        F::PropertyBecameOptional {
            name, write_only, ..
        } => {
            let id = match (request, write_only) {
                (true, _) => ids::REQUEST_PROPERTY_BECAME_OPTIONAL,
                (false, true) => ids::RESPONSE_WRITE_ONLY_PROPERTY_BECAME_OPTIONAL,
                (false, false) => ids::RESPONSE_PROPERTY_BECAME_OPTIONAL,
            };
            (id, vec![("name", name.clone())])
        }
        F::PropertyFlagChanged {
            name,
            required,
            flag,
            set,
        } => (
            property_flag_change(request, *required, flag, *set),
            vec![("name", name.clone())],
        ),
        F::BecameReadOnly => (p(K::BecameReadOnly), vec![]),
        F::BecameNotReadOnly => (p(K::BecameNotReadOnly), vec![]),
        F::BecameWriteOnly => (p(K::BecameWriteOnly), vec![]),
        F::BecameNotWriteOnly => (p(K::BecameNotWriteOnly), vec![]),
        F::Deprecated => (p(K::Deprecated), vec![]),
        F::Reactivated => (p(K::Reactivated), vec![]),
        F::AdditionalPropertiesChanged { to, .. } => (
            p(if *to == Some(false) {
                K::AdditionalPropertiesNarrowed
            } else {
                K::AdditionalPropertiesWidened
            }),
            vec![],
        ),
        F::SubschemaAdded(kw) => (p(subschema_changes(kw).0), vec![]),
        F::SubschemaRemoved(kw) => (p(subschema_changes(kw).1), vec![]),
        F::BranchesAdded { keyword, labels } => {
            (p(branch_changes(keyword).0), branch_labels(keyword, labels))
        }
        F::BranchesRemoved { keyword, labels } => {
            (p(branch_changes(keyword).1), branch_labels(keyword, labels))
        }
        F::BecameUnion { keyword, labels } => (
            p(union_changes(keyword).0),
            vec![("value", alternatives(labels))],
        ),
        F::WrappedInUnion {
            keyword,
            labels,
            lost,
            tag,
        } => {
            // A request that was valid must now match one alternative (and carry whatever
            // tells them apart); a response breaks readers only where a property it always
            // had may now be missing.
            if request || !lost.is_empty() {
                let mut value = alternatives(labels);
                if let Some(tag) = tag.as_ref().filter(|_| request) {
                    value.push_str(&format!(
                        ", told apart by `{tag}`, which requests did not send"
                    ));
                }
                if !request {
                    value.push_str(&format!(
                        "; not always present now: {}",
                        lost.iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                (p(union_changes(keyword).1), vec![("value", value)])
            } else {
                (
                    p(union_changes(keyword).0),
                    vec![("value", alternatives(labels))],
                )
            }
        }
        F::DiscriminatorAdded => (p(K::DiscriminatorAdded), vec![]),
        F::DiscriminatorRemoved => (p(K::DiscriminatorRemoved), vec![]),
        F::DiscriminatorPropertyChanged { from, to } => (
            p(K::DiscriminatorPropertyNameChanged),
            vec![("from", format!("`{from}`")), ("to", format!("`{to}`"))],
        ),
        F::DiscriminatorMappingAdded(k) => (
            p(K::DiscriminatorMappingAdded),
            vec![("value", format!("`{k}`"))],
        ),
        F::DiscriminatorMappingRemoved(k) => (
            p(K::DiscriminatorMappingDeleted),
            vec![("value", format!("`{k}`"))],
        ),
        F::DiscriminatorMappingChanged(k) => (
            p(K::DiscriminatorMappingChanged),
            vec![("value", format!("`{k}`"))],
        ),
        F::DiscriminatorDefaultMappingChanged { from, to } => {
            let s = |v: &Option<String>| v.as_deref().map_or("none".into(), |t| format!("`{t}`"));
            (
                p(K::DiscriminatorDefaultMappingChanged),
                vec![("from", s(from)), ("to", s(to))],
            )
        }
        F::DescriptionChanged => (p(K::DescriptionChanged), vec![]),
        F::TitleChanged => (p(K::TitleChanged), vec![]),
        F::ExamplesChanged => (p(K::ExamplesChanged), vec![]),
        F::Unresolved { reference } => (p(K::RefUnresolved), vec![("value", reference.clone())]),
        F::ExtensionChanged(name) => (p(K::ExtensionChanged), vec![("name", name.clone())]),
        F::ContentMediaTypeChanged { from, to } | F::ContentEncodingChanged { from, to } => {
            let s = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
            let change = if matches!(fact, F::ContentMediaTypeChanged { .. }) {
                K::ContentMediaTypeChanged
            } else {
                K::ContentEncodingChanged
            };
            (p(change), vec![("from", s(from)), ("to", s(to))])
        }
        F::DependentRequiredAdded(name) => {
            (p(K::DependentRequiredAdded), vec![("name", name.clone())])
        }
        F::DependentRequiredRemoved(name) => {
            (p(K::DependentRequiredRemoved), vec![("name", name.clone())])
        }
        F::DependentRequiredChanged(name) => {
            (p(K::DependentRequiredChanged), vec![("name", name.clone())])
        }
        F::ExtensibleEnumValueAdded(v) => {
            (p(K::XExtensibleEnumValueAdded), vec![("value", show(v))])
        }
        F::ExtensibleEnumValueRemoved(v) => {
            (p(K::XExtensibleEnumValueRemoved), vec![("value", show(v))])
        }
        F::ComponentReplaced { from, to } => (
            p(K::ComponentReplaced),
            vec![("from", format!("`{from}`")), ("to", format!("`{to}`"))],
        ),
    }
}

/// The changes of a limit keyword (as `SchemaFact::Limit` spells it): set, unset, increased,
/// decreased.
fn limit_changes(keyword: &str) -> [SchemaChange; 4] {
    use SchemaChange as K;
    match keyword {
        "max" => [K::MaxSet, K::MaxUnset, K::MaxIncreased, K::MaxDecreased],
        "min" => [K::MinSet, K::MinUnset, K::MinIncreased, K::MinDecreased],
        "exclusive-max" => [
            K::ExclusiveMaxSet,
            K::ExclusiveMaxUnset,
            K::ExclusiveMaxIncreased,
            K::ExclusiveMaxDecreased,
        ],
        "exclusive-min" => [
            K::ExclusiveMinSet,
            K::ExclusiveMinUnset,
            K::ExclusiveMinIncreased,
            K::ExclusiveMinDecreased,
        ],
        "max-length" => [
            K::MaxLengthSet,
            K::MaxLengthUnset,
            K::MaxLengthIncreased,
            K::MaxLengthDecreased,
        ],
        "min-length" => [
            K::MinLengthSet,
            K::MinLengthUnset,
            K::MinLengthIncreased,
            K::MinLengthDecreased,
        ],
        "max-items" => [
            K::MaxItemsSet,
            K::MaxItemsUnset,
            K::MaxItemsIncreased,
            K::MaxItemsDecreased,
        ],
        "min-items" => [
            K::MinItemsSet,
            K::MinItemsUnset,
            K::MinItemsIncreased,
            K::MinItemsDecreased,
        ],
        "max-properties" => [
            K::MaxPropertiesSet,
            K::MaxPropertiesUnset,
            K::MaxPropertiesIncreased,
            K::MaxPropertiesDecreased,
        ],
        "min-properties" => [
            K::MinPropertiesSet,
            K::MinPropertiesUnset,
            K::MinPropertiesIncreased,
            K::MinPropertiesDecreased,
        ],
        "max-contains" => [
            K::MaxContainsSet,
            K::MaxContainsUnset,
            K::MaxContainsIncreased,
            K::MaxContainsDecreased,
        ],
        "min-contains" => [
            K::MinContainsSet,
            K::MinContainsUnset,
            K::MinContainsIncreased,
            K::MinContainsDecreased,
        ],
        other => unreachable!("schema.rs reports limit keyword `{other}`, which has no template"),
    }
}

/// The changes of a sub-schema keyword (as `SchemaFact::SubschemaAdded` spells it): added,
/// removed.
fn subschema_changes(keyword: &str) -> (SchemaChange, SchemaChange) {
    use SchemaChange as K;
    match keyword {
        "items" => (K::ItemsAdded, K::ItemsRemoved),
        "prefix-items" => (K::PrefixItemsAdded, K::PrefixItemsRemoved),
        "contains" => (K::ContainsAdded, K::ContainsRemoved),
        "property-names" => (K::PropertyNamesAdded, K::PropertyNamesRemoved),
        "not" => (K::NotAdded, K::NotRemoved),
        "if" => (K::IfAdded, K::IfRemoved),
        "then" => (K::ThenAdded, K::ThenRemoved),
        "else" => (K::ElseAdded, K::ElseRemoved),
        "pattern-property" => (K::PatternPropertyAdded, K::PatternPropertyRemoved),
        "dependent-schema" => (K::DependentSchemaAdded, K::DependentSchemaRemoved),
        "additional-properties" => (K::AdditionalPropertiesAdded, K::AdditionalPropertiesRemoved),
        "content-schema" => (K::ContentSchemaAdded, K::ContentSchemaRemoved),
        "unevaluated-items" => (K::UnevaluatedItemsAdded, K::UnevaluatedItemsRemoved),
        "unevaluated-properties" => (
            K::UnevaluatedPropertiesAdded,
            K::UnevaluatedPropertiesRemoved,
        ),
        other => {
            unreachable!("schema.rs reports sub-schema keyword `{other}`, which has no template")
        }
    }
}

/// The changes of a union keyword's branches: added, removed.
/// What a schema that became a union is, by keyword: (became, wrapped in).
fn union_changes(keyword: &str) -> (SchemaChange, SchemaChange) {
    match keyword {
        "one-of" => (SchemaChange::BecameOneOf, SchemaChange::WrappedInOneOf),
        "any-of" => (SchemaChange::BecameAnyOf, SchemaChange::WrappedInAnyOf),
        other => {
            unreachable!("schema.rs reports a schema that became `{other}`, which has no template")
        }
    }
}

fn branch_changes(keyword: &str) -> (SchemaChange, SchemaChange) {
    match keyword {
        "one-of" => (SchemaChange::OneOfAdded, SchemaChange::OneOfRemoved),
        "any-of" => (SchemaChange::AnyOfAdded, SchemaChange::AnyOfRemoved),
        other => unreachable!("schema.rs reports branches of `{other}`, which has no template"),
    }
}

/// A property's readOnly/writeOnly set or cleared, told on its object.
fn property_flag_change(request: bool, required: bool, flag: &str, set: bool) -> ChangeId {
    let read_only = match flag {
        "read-only" => true,
        "write-only" => false,
        other => unreachable!("schema.rs reports property flag `{other}`"),
    };
    match (request, required, read_only, set) {
        (true, true, true, true) => ids::REQUEST_REQUIRED_PROPERTY_BECAME_READ_ONLY,
        (true, true, true, false) => ids::REQUEST_REQUIRED_PROPERTY_BECAME_NOT_READ_ONLY,
        (true, true, false, true) => ids::REQUEST_REQUIRED_PROPERTY_BECAME_WRITE_ONLY,
        (true, true, false, false) => ids::REQUEST_REQUIRED_PROPERTY_BECAME_NOT_WRITE_ONLY,
        (true, false, true, true) => ids::REQUEST_OPTIONAL_PROPERTY_BECAME_READ_ONLY,
        (true, false, true, false) => ids::REQUEST_OPTIONAL_PROPERTY_BECAME_NOT_READ_ONLY,
        (true, false, false, true) => ids::REQUEST_OPTIONAL_PROPERTY_BECAME_WRITE_ONLY,
        (true, false, false, false) => ids::REQUEST_OPTIONAL_PROPERTY_BECAME_NOT_WRITE_ONLY,
        (false, true, true, true) => ids::RESPONSE_REQUIRED_PROPERTY_BECAME_READ_ONLY,
        (false, true, true, false) => ids::RESPONSE_REQUIRED_PROPERTY_BECAME_NOT_READ_ONLY,
        (false, true, false, true) => ids::RESPONSE_REQUIRED_PROPERTY_BECAME_WRITE_ONLY,
        (false, true, false, false) => ids::RESPONSE_REQUIRED_PROPERTY_BECAME_NOT_WRITE_ONLY,
        (false, false, true, true) => ids::RESPONSE_OPTIONAL_PROPERTY_BECAME_READ_ONLY,
        (false, false, true, false) => ids::RESPONSE_OPTIONAL_PROPERTY_BECAME_NOT_READ_ONLY,
        (false, false, false, true) => ids::RESPONSE_OPTIONAL_PROPERTY_BECAME_WRITE_ONLY,
        (false, false, false, false) => ids::RESPONSE_OPTIONAL_PROPERTY_BECAME_NOT_WRITE_ONLY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long enum list is cut in the message, with how many were left out; one of ten or
    /// fewer is listed whole.
    #[test]
    fn a_message_lists_ten_enum_values_at_most() {
        let values: Vec<Json> = (0..93).map(|i| Json::from(format!("v{i}"))).collect();
        let args = enum_values(&values);
        assert_eq!(args[0], ("what", "93 enum values".to_string()));
        assert!(args[1].1.starts_with("\"v0\", \"v1\""), "{}", args[1].1);
        assert!(args[1].1.ends_with("\"v9\" and 83 more"), "{}", args[1].1);
        let ten = enum_values(&values[..10]);
        assert!(ten[1].1.ends_with("\"v9\""), "{}", ten[1].1);
        assert_eq!(enum_values(&values[..1])[0].1, "enum value");
    }

    /// Every fact schema.rs can report has a catalogue id in every context (the keyword
    /// spellings it uses all have a template).
    #[test]
    fn every_schema_fact_has_an_id_in_every_context() {
        let j = Json::from(1);
        let facts = vec![
            SchemaFact::TypeChanged {
                from: TypeSet::STRING,
                to: TypeSet::NUMBER,
            },
            SchemaFact::TypeChanged {
                from: TypeSet::INTEGER,
                to: TypeSet::NUMBER,
            },
            SchemaFact::TypeChanged {
                from: TypeSet::NUMBER,
                to: TypeSet::INTEGER,
            },
            SchemaFact::TypeChanged {
                from: TypeSet::STRING,
                to: TypeSet::STRING.union(TypeSet::NUMBER),
            },
            SchemaFact::TypeChanged {
                from: TypeSet::STRING.union(TypeSet::NUMBER),
                to: TypeSet::STRING,
            },
            SchemaFact::BecameNullable,
            SchemaFact::BecameNotNullable,
            SchemaFact::FormatChanged {
                from: None,
                to: Some("uuid".into()),
            },
            SchemaFact::FormatChanged {
                from: Some("uuid".into()),
                to: None,
            },
            SchemaFact::FormatChanged {
                from: Some("a".into()),
                to: Some("b".into()),
            },
            SchemaFact::FormatAddedWithinBounds("int32".into()),
            SchemaFact::FormatAnnotationChanged {
                from: Some("int64".into()),
                to: Some("unixtime".into()),
            },
            SchemaFact::FormatHintChanged {
                from: None,
                to: Some("binary".into()),
            },
            SchemaFact::FormatWidened {
                from: "int32".into(),
                to: "int64".into(),
            },
            SchemaFact::FormatNarrowed {
                from: "double".into(),
                to: "float".into(),
            },
            SchemaFact::BecameEnum,
            SchemaFact::EnumRemoved,
            SchemaFact::EnumValuesAdded(vec![j.clone()]),
            SchemaFact::EnumValuesRemoved(vec![j.clone(), j.clone()]),
            SchemaFact::ConstAdded(j.clone()),
            SchemaFact::ConstRemoved(j.clone()),
            SchemaFact::ConstChanged {
                from: j.clone(),
                to: j.clone(),
            },
            SchemaFact::DefaultAdded(j.clone()),
            SchemaFact::DefaultRemoved(j.clone()),
            SchemaFact::DefaultChanged {
                from: j.clone(),
                to: j.clone(),
            },
            SchemaFact::PatternAdded("a".into()),
            SchemaFact::PatternRemoved("a".into()),
            SchemaFact::PatternChanged {
                from: "a".into(),
                to: "b".into(),
            },
            SchemaFact::MultipleOfChanged {
                from: None,
                to: Some(crate::model::Num::from_u64(2)),
            },
            SchemaFact::UniqueItemsChanged { to: true },
            SchemaFact::UniqueItemsChanged { to: false },
            SchemaFact::BecameReadOnly,
            SchemaFact::BecameNotReadOnly,
            SchemaFact::BecameWriteOnly,
            SchemaFact::BecameNotWriteOnly,
            SchemaFact::Deprecated,
            SchemaFact::Reactivated,
            SchemaFact::AdditionalPropertiesChanged {
                from: None,
                to: Some(false),
            },
            SchemaFact::AdditionalPropertiesChanged {
                from: Some(false),
                to: None,
            },
            SchemaFact::DiscriminatorAdded,
            SchemaFact::DiscriminatorRemoved,
            SchemaFact::DiscriminatorPropertyChanged {
                from: "a".into(),
                to: "b".into(),
            },
            SchemaFact::DiscriminatorMappingAdded("a".into()),
            SchemaFact::DiscriminatorMappingRemoved("a".into()),
            SchemaFact::DiscriminatorMappingChanged("a".into()),
            SchemaFact::DiscriminatorDefaultMappingChanged {
                from: None,
                to: Some("#/components/schemas/A".into()),
            },
            SchemaFact::DescriptionChanged,
            SchemaFact::TitleChanged,
            SchemaFact::ExamplesChanged,
            SchemaFact::Unresolved {
                reference: "#/x".into(),
            },
            SchemaFact::ExtensionChanged("x-a".into()),
            SchemaFact::ContentMediaTypeChanged {
                from: None,
                to: Some("text/plain".into()),
            },
            SchemaFact::ContentEncodingChanged {
                from: Some("base64".into()),
                to: None,
            },
            SchemaFact::DependentRequiredAdded("a".into()),
            SchemaFact::DependentRequiredRemoved("a".into()),
            SchemaFact::DependentRequiredChanged("a".into()),
            SchemaFact::ExtensibleEnumValueAdded(j.clone()),
            SchemaFact::ExtensibleEnumValueRemoved(j.clone()),
            SchemaFact::ComponentReplaced {
                from: "A".into(),
                to: "B".into(),
            },
        ];
        let mut all = facts;
        for keyword in [
            "max",
            "exclusive-max",
            "min",
            "exclusive-min",
            "max-length",
            "min-length",
            "max-items",
            "min-items",
            "max-properties",
            "min-properties",
            "max-contains",
            "min-contains",
        ] {
            for (from, to) in [
                (None, Some(1.0)),
                (Some(1.0), None),
                (Some(1.0), Some(2.0)),
                (Some(2.0), Some(1.0)),
            ] {
                let num = |v: Option<f64>| v.map(|v| crate::model::Num::from_u64(v as u64));
                all.push(SchemaFact::Limit {
                    keyword,
                    from: num(from),
                    to: num(to),
                });
            }
        }
        for kw in [
            "items",
            "prefix-items",
            "contains",
            "property-names",
            "not",
            "if",
            "then",
            "else",
            "pattern-property",
            "dependent-schema",
            "additional-properties",
            "content-schema",
            "unevaluated-items",
            "unevaluated-properties",
        ] {
            all.push(SchemaFact::SubschemaAdded(kw));
            all.push(SchemaFact::SubschemaRemoved(kw));
        }
        for keyword in ["one-of", "any-of"] {
            all.push(SchemaFact::BecameUnion {
                keyword,
                labels: vec!["A".into()],
            });
            for lost in [vec![], vec!["p".to_string()]] {
                all.push(SchemaFact::WrappedInUnion {
                    keyword,
                    labels: vec!["A".into()],
                    lost,
                    tag: Some("kind".into()),
                });
            }
            all.push(SchemaFact::BranchesAdded {
                keyword,
                labels: vec!["A".into()],
            });
            all.push(SchemaFact::BranchesRemoved {
                keyword,
                labels: vec!["A".into(), "B".into()],
            });
        }
        for (required, flag, set) in [
            (false, "read-only", false),
            (false, "read-only", true),
            (false, "write-only", false),
            (false, "write-only", true),
            (true, "read-only", false),
            (true, "read-only", true),
            (true, "write-only", false),
            (true, "write-only", true),
        ] {
            all.push(SchemaFact::PropertyFlagChanged {
                name: "p".into(),
                required,
                flag,
                set,
            });
        }
        for flags in 0..16u8 {
            let (a, b, c, d) = (
                flags & 1 != 0,
                flags & 2 != 0,
                flags & 4 != 0,
                flags & 8 != 0,
            );
            all.push(SchemaFact::PropertyAdded {
                name: "p".into(),
                required: a,
                read_only: b,
                write_only: c,
                has_default: d,
            });
            all.push(SchemaFact::PropertyRemoved {
                name: "p".into(),
                required: a,
                read_only: b,
                write_only: c,
                renamed_to: d.then(|| "q".into()),
            });
            all.push(SchemaFact::PropertyBecameRequired {
                name: "p".into(),
                read_only: b,
                write_only: c,
                has_default: d,
            });
            all.push(SchemaFact::PropertyBecameOptional {
                name: "p".into(),
                read_only: b,
                write_only: c,
            });
        }
        for direction in [Direction::Request, Direction::Response] {
            for kind in [RootKind::Body, RootKind::Parameter, RootKind::Header] {
                for nested in [false, true] {
                    let context = context(direction, kind, nested);
                    for fact in &all {
                        let (id, _) = schema_fact_id(fact, context, direction);
                        assert_eq!(
                            id.rule().direction,
                            if direction == Direction::Request {
                                "request"
                            } else {
                                "response"
                            },
                            "{id}"
                        );
                    }
                }
            }
        }
    }
}
