//! Security, compared per operation.
//!
//! What a client must send is the operation's effective security: its own `security` when it
//! has one, else the document's; `security: []` (or a `{}` alternative) lets anonymous
//! requests in. That is an OR of alternatives, each an AND of (scheme, scopes). A client
//! authenticates with one alternative, and breaks when that alternative is no longer
//! enough: anonymous access withdrawn, an alternative dropped, a scheme ANDed in, a scope
//! added. Accepting more (an alternative added, a requirement or scope dropped) breaks
//! nobody.
//!
//! Each change is reported once, where it is written: a change of the document's security
//! lists every operation that inherits it on both sides; an operation's own override is the
//! operation's change. A security scheme whose wire format changed (`type`, `in`, `name`,
//! `scheme`, `bearerFormat`) or whose OAuth URLs moved lists every operation that uses it.
//! Scheme names are resolved: a scheme renamed with the same definition (or a new name
//! for a scheme defined exactly like one of the base's) is the same scheme, since clients
//! send the same thing; a requirement naming a scheme the document does not define tells
//! clients nothing and is left out. A requirement that lists every scope its scheme defines
//! is read as "any scope of the scheme" (generators write it so), and stays that when the
//! scheme gains a scope. A change that reaches no operation breaks no client (the
//! classifier rates it `info`). Webhooks are left out: they are requests the API sends.

use super::OperationRef;
use super::api::{ApiComparison, GroupedFact, PairedOperation, paired_operations};
use crate::model::{Api, Operation, Origin, SecurityRequirement, SecurityScheme};
use crate::rules::{ChangeId, ids};
use std::collections::{BTreeMap, BTreeSet};

/// One alternative: every scheme it names, with the scopes it needs of each.
type AndSet = BTreeMap<String, BTreeSet<String>>;

/// One document's view of its schemes: names resolved (a revision scheme renamed with the
/// same definition is the base's), and the scopes each scheme defines.
struct Side {
    renames: BTreeMap<String, String>,
    /// Every scope the scheme's flows define, by resolved name; a scheme not in here is
    /// not defined by the document.
    defined: BTreeMap<String, BTreeSet<String>>,
}

impl Side {
    fn base(api: &Api) -> Side {
        Side::with(api, BTreeMap::new())
    }

    /// The revision's side: a scheme the base does not define, defined exactly as a base
    /// scheme is, is that scheme (renamed, or a second name for the same credentials).
    fn revision(base: &Api, api: &Api) -> Side {
        let mut renames = BTreeMap::new();
        for new in api
            .security_schemes
            .iter()
            .filter(|r| !base.security_schemes.iter().any(|b| b.name == r.name))
        {
            let same: Vec<&SecurityScheme> = base
                .security_schemes
                .iter()
                .filter(|old| definition(old) == definition(new))
                .collect();
            if let [old] = same.as_slice() {
                renames.insert(new.name.clone(), old.name.clone());
            } else if let Some(old) = renamed_from(base, api, new) {
                renames.insert(new.name.clone(), old.name.clone());
            }
        }
        Side::with(api, renames)
    }

    fn with(api: &Api, renames: BTreeMap<String, String>) -> Side {
        let mut side = Side {
            renames,
            defined: BTreeMap::new(),
        };
        for s in &api.security_schemes {
            let scopes = s
                .flows
                .iter()
                .flat_map(|f| f.scopes.iter().map(|(scope, _)| scope.clone()))
                .collect();
            side.defined.insert(side.resolve(&s.name), scopes);
        }
        side
    }

    fn resolve(&self, name: &str) -> String {
        self.renames
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    /// The requirement lists every scope its scheme defines (two or more): generators
    /// write "any scope of this scheme" so, and no client holds a token with all of them.
    fn lists_all(&self, scheme: &str, scopes: &BTreeSet<String>) -> bool {
        self.defined
            .get(scheme)
            .is_some_and(|all| all.len() >= 2 && all == scopes)
    }
}

/// An operation's effective security, scheme names resolved to the base's.
#[derive(Clone, Debug, PartialEq)]
struct Effective {
    /// The alternatives that need credentials, with where each is written.
    alternatives: Vec<(AndSet, Origin)>,
    /// Anonymous requests are accepted (no security, `security: []`, or a `{}` alternative).
    anonymous: bool,
    /// Every alternative names a scheme the document does not define: what a client must
    /// send is unknown, and nothing is compared.
    unknown: bool,
    /// Where the list is written (the operation, when there is none).
    origin: Origin,
}

impl Effective {
    fn new(reqs: Option<&[SecurityRequirement]>, origin: Origin, side: &Side) -> Self {
        let reqs = reqs.unwrap_or_default();
        let mut alternatives: Vec<(AndSet, Origin)> = Vec::new();
        let mut undefined = 0;
        for req in reqs.iter().filter(|r| !r.schemes.is_empty()) {
            let set: AndSet = req
                .schemes
                .iter()
                .map(|(name, scopes)| (side.resolve(name), scopes.iter().cloned().collect()))
                .collect();
            if set.keys().any(|k| !side.defined.contains_key(k)) {
                undefined += 1;
            } else if !alternatives.iter().any(|(s, _)| *s == set) {
                alternatives.push((set, req.origin));
            }
        }
        let anonymous = reqs.is_empty() || reqs.iter().any(|r| r.schemes.is_empty());
        Effective {
            unknown: !anonymous && alternatives.is_empty() && undefined > 0,
            anonymous,
            alternatives,
            origin,
        }
    }

    fn uses(&self, scheme: &str) -> bool {
        self.alternatives
            .iter()
            .any(|(s, _)| s.contains_key(scheme))
    }

    fn requires_scope(&self, scheme: &str, scope: &str) -> bool {
        self.alternatives
            .iter()
            .any(|(s, _)| s.get(scheme).is_some_and(|scopes| scopes.contains(scope)))
    }
}

/// One change for a server-side detail the scheme fixes, at the scheme in both documents.
fn fact(
    id: ChangeId,
    args: Vec<(&'static str, String)>,
    base: Origin,
    revision: Origin,
    operations: Vec<OperationRef>,
) -> GroupedFact {
    GroupedFact {
        id,
        args,
        base: Some(base),
        revision: Some(revision),
        operations,
    }
}

/// The OAuth flows a scheme keeps: their URLs, and the scopes they offer (a scope removed
/// that operations still require strands them).
fn oauth_flows(
    c: &mut ApiComparison<'_>,
    bs: &SecurityScheme,
    rs: &SecurityScheme,
    users: &[OperationRef],
    revision_side: &Side,
    operations: &OperationsWhere<'_>,
) {
    let (bo, ro) = (bs.origin, rs.origin);
    for rf in &rs.flows {
        let Some(bf) = bs.flows.iter().find(|f| f.kind == rf.kind) else {
            continue;
        };
        let urls = [
            (
                ids::API_SECURITY_COMPONENT_OAUTH_TOKEN_URL_CHANGED,
                &bf.token_url,
                &rf.token_url,
            ),
            (
                ids::API_SECURITY_COMPONENT_OAUTH_URL_CHANGED,
                &bf.authorization_url,
                &rf.authorization_url,
            ),
            (
                ids::API_SECURITY_COMPONENT_OAUTH_REFRESH_URL_CHANGED,
                &bf.refresh_url,
                &rf.refresh_url,
            ),
        ];
        for (id, from, to) in urls {
            if from != to {
                let show = |u: &Option<String>| u.clone().unwrap_or_else(|| "none".into());
                c.grouped.push(fact(
                    id,
                    vec![
                        ("name", rs.name.clone()),
                        ("flow", rf.kind.clone()),
                        ("from", show(from)),
                        ("to", show(to)),
                    ],
                    bo,
                    ro,
                    users.to_vec(),
                ));
            }
        }
        for (scope, _) in rf
            .scopes
            .iter()
            .filter(|(s, _)| !bf.scopes.iter().any(|(t, _)| t == s))
        {
            c.grouped.push(fact(
                ids::API_SECURITY_COMPONENT_OAUTH_SCOPE_ADDED,
                vec![("name", rs.name.clone()), ("value", scope.clone())],
                bo,
                ro,
                vec![],
            ));
        }
        for (scope, _) in bf
            .scopes
            .iter()
            .filter(|(s, _)| !rf.scopes.iter().any(|(t, _)| t == s))
        {
            // Operations that still require the scope ask for a token nobody can get.
            let scheme = revision_side.resolve(&rs.name);
            let stranded = operations(&|_, r| r.requires_scope(&scheme, scope));
            c.grouped.push(fact(
                ids::API_SECURITY_COMPONENT_OAUTH_SCOPE_REMOVED,
                vec![("name", rs.name.clone()), ("value", scope.clone())],
                bo,
                ro,
                stranded,
            ));
        }
    }
}

/// The one base scheme, gone from the revision, that a new revision scheme renames: the
/// same wire parameters (type, `in` and `name`, `scheme`, and for OAuth 2 each flow's kind
/// and URLs), so a client's credentials still work; its scopes are then compared.
fn renamed_from<'b>(
    base: &'b Api,
    revision: &Api,
    new: &SecurityScheme,
) -> Option<&'b SecurityScheme> {
    let gone: Vec<&SecurityScheme> = base
        .security_schemes
        .iter()
        .filter(|b| !revision.security_schemes.iter().any(|r| r.name == b.name))
        .filter(|b| wire_identity(b) == wire_identity(new))
        .collect();
    match gone.as_slice() {
        [old] => Some(old),
        _ => None,
    }
}

/// What identifies a scheme on the wire, scopes and prose left out: how it is sent, and
/// each OAuth flow's kind and URLs, as one string.
fn wire_identity(s: &SecurityScheme) -> String {
    let flows: Vec<String> = s
        .flows
        .iter()
        .map(|f| format!("{} {:?} {:?}", f.kind, f.authorization_url, f.token_url))
        .collect();
    format!(
        "{} {:?} [{}]",
        wire(s),
        s.open_id_connect_url,
        flows.join(", ")
    )
}

/// What a scheme asks of a client, without its name and prose.
fn definition(s: &SecurityScheme) -> serde_json::Value {
    let mut v = serde_json::to_value(s).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.remove("name");
        o.remove("description");
        o.remove("deprecated");
        o.remove("extensions");
    }
    v
}

/// One difference between two effective securities, as a rule id suffix and its arguments.
struct Event {
    /// Appended to `api-security` or `api-global-security`.
    suffix: &'static str,
    args: Vec<(&'static str, String)>,
    base: Origin,
    revision: Origin,
}

/// `` `oauth` [read, write] + `key` ``
fn describe(set: &AndSet) -> String {
    set.iter()
        .map(|(name, scopes)| {
            if scopes.is_empty() {
                format!("`{name}`")
            } else if scopes.len() > 5 {
                format!("`{name}` [{} scopes]", scopes.len())
            } else {
                let s: Vec<&str> = scopes.iter().map(String::as_str).collect();
                format!("`{name}` [{}]", s.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

fn describe_all(e: &Effective) -> String {
    e.alternatives
        .iter()
        .map(|(s, _)| describe(s))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The two sides an alternative is compared between.
struct Sides<'s> {
    base: &'s Side,
    revision: &'s Side,
}

impl Sides<'_> {
    /// The revision's scopes of `scheme` are no more than the base's: a token that had the
    /// base's still works. Two lists of every scope the scheme defines are the same.
    fn scopes_covered(&self, scheme: &str, b: &BTreeSet<String>, r: &BTreeSet<String>) -> bool {
        r.is_subset(b) || self.both_all(scheme, b, r)
    }

    fn both_all(&self, scheme: &str, b: &BTreeSet<String>, r: &BTreeSet<String>) -> bool {
        self.base.lists_all(scheme, b) && self.revision.lists_all(scheme, r)
    }

    /// `r` lets in a client that authenticates as `b`: it asks for no scheme `b` does
    /// not give, and for no scope beyond `b`'s.
    fn satisfies(&self, r: &AndSet, b: &AndSet) -> bool {
        r.iter().all(|(name, scopes)| {
            b.get(name)
                .is_some_and(|given| self.scopes_covered(name, given, scopes))
        })
    }

    fn same(&self, r: &AndSet, b: &AndSet) -> bool {
        same_schemes(r, b)
            && r.iter().all(|(name, scopes)| {
                let given = &b[name];
                given == scopes || self.both_all(name, given, scopes)
            })
    }
}

fn same_schemes(x: &AndSet, y: &AndSet) -> bool {
    x.len() == y.len() && x.keys().all(|k| y.contains_key(k))
}

/// The differences between what an operation accepted and what it accepts.
fn events(b: &Effective, r: &Effective, sides: &Sides<'_>) -> Vec<Event> {
    let mut out = Vec::new();
    if b.unknown || r.unknown {
        return out;
    }
    if b.anonymous && !r.anonymous {
        out.push(Event {
            suffix: "added",
            args: vec![("name", describe_all(r))],
            base: b.origin,
            revision: r.origin,
        });
        return out;
    }
    if !b.anonymous && r.anonymous {
        out.push(Event {
            suffix: "removed",
            args: vec![("name", describe_all(b))],
            base: b.origin,
            revision: r.origin,
        });
        return out;
    }
    // Both anonymous: the alternatives are optional and nobody needs them.
    if b.anonymous {
        return out;
    }
    let mut explained = vec![false; r.alternatives.len()];
    for (bs, bo) in &b.alternatives {
        // Still accepted as it is: nothing changed for this alternative's clients.
        if let Some(i) = r.alternatives.iter().position(|(rs, _)| sides.same(rs, bs)) {
            explained[i] = true;
            continue;
        }
        let satisfied = r
            .alternatives
            .iter()
            .position(|(rs, _)| sides.satisfies(rs, bs));
        // The same schemes with other scopes, else schemes added to or dropped from it.
        let same = r
            .alternatives
            .iter()
            .position(|(rs, _)| same_schemes(rs, bs));
        let wider = r
            .alternatives
            .iter()
            .position(|(rs, _)| bs.keys().all(|k| rs.contains_key(k)) && rs.len() > bs.len());
        let paired = satisfied.or(same).or(wider);
        let Some(i) = paired else {
            out.push(Event {
                suffix: "alternative-removed",
                args: vec![("name", describe(bs))],
                base: *bo,
                revision: r.origin,
            });
            continue;
        };
        explained[i] = true;
        let (rs, ro) = &r.alternatives[i];
        for (name, scopes) in rs {
            let Some(old) = bs.get(name) else { continue };
            if old == scopes || sides.both_all(name, old, scopes) {
                continue;
            }
            // All the scopes one requirement gained (or lost) of one scheme: one change.
            let added = scopes.difference(old).collect::<Vec<_>>();
            let removed = old.difference(scopes).collect::<Vec<_>>();
            let (suffix, value) = match (added.is_empty(), removed.is_empty()) {
                (true, true) => continue,
                (false, true) => ("scope-added", quoted(&added)),
                (true, false) => ("scope-removed", quoted(&removed)),
                // A scope replaced by another: the one change says both, since a reader
                // of "scope added" alone would think the old scope is still needed.
                (false, false) => (
                    "scope-added",
                    format!("{}; scopes removed: {}", quoted(&added), quoted(&removed)),
                ),
            };
            out.push(Event {
                suffix,
                args: vec![("name", name.clone()), ("value", value)],
                base: *bo,
                revision: *ro,
            });
        }
        let added: Vec<&String> = rs.keys().filter(|k| !bs.contains_key(*k)).collect();
        let dropped: Vec<&String> = bs.keys().filter(|k| !rs.contains_key(*k)).collect();
        for (suffix, names) in [
            ("requirement-scheme-added", added),
            ("requirement-scheme-removed", dropped),
        ] {
            if !names.is_empty() {
                out.push(Event {
                    suffix,
                    args: vec![("name", describe(bs)), ("value", quoted(&names))],
                    base: *bo,
                    revision: *ro,
                });
            }
        }
    }
    for (i, (rs, ro)) in r.alternatives.iter().enumerate() {
        let known = b.alternatives.iter().any(|(bs, _)| same_schemes(bs, rs));
        if !explained[i] && !known {
            out.push(Event {
                suffix: "alternative-added",
                args: vec![("name", describe(rs))],
                base: b.origin,
                revision: *ro,
            });
        }
    }
    out
}

/// `` `a`, `b` ``
fn quoted(names: &[&String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The catalogue id of an event, for the document's security or an operation's.
fn id(global: bool, suffix: &str) -> ChangeId {
    const IDS: &[(&str, ChangeId, ChangeId)] = &[
        (
            "added",
            ids::API_GLOBAL_SECURITY_ADDED,
            ids::API_SECURITY_ADDED,
        ),
        (
            "removed",
            ids::API_GLOBAL_SECURITY_REMOVED,
            ids::API_SECURITY_REMOVED,
        ),
        (
            "alternative-added",
            ids::API_GLOBAL_SECURITY_ALTERNATIVE_ADDED,
            ids::API_SECURITY_ALTERNATIVE_ADDED,
        ),
        (
            "alternative-removed",
            ids::API_GLOBAL_SECURITY_ALTERNATIVE_REMOVED,
            ids::API_SECURITY_ALTERNATIVE_REMOVED,
        ),
        (
            "scope-added",
            ids::API_GLOBAL_SECURITY_SCOPE_ADDED,
            ids::API_SECURITY_SCOPE_ADDED,
        ),
        (
            "scope-removed",
            ids::API_GLOBAL_SECURITY_SCOPE_REMOVED,
            ids::API_SECURITY_SCOPE_REMOVED,
        ),
        (
            "requirement-scheme-added",
            ids::API_GLOBAL_SECURITY_REQUIREMENT_SCHEME_ADDED,
            ids::API_SECURITY_REQUIREMENT_SCHEME_ADDED,
        ),
        (
            "requirement-scheme-removed",
            ids::API_GLOBAL_SECURITY_REQUIREMENT_SCHEME_REMOVED,
            ids::API_SECURITY_REQUIREMENT_SCHEME_REMOVED,
        ),
    ];
    let (_, g, o) = IDS
        .iter()
        .find(|(s, _, _)| *s == suffix)
        .expect("every event suffix has ids");
    if global { *g } else { *o }
}

/// Compares the security of two documents: requirements per operation, then the schemes.
pub fn compare(c: &mut ApiComparison<'_>, base: &Api, revision: &Api) {
    let sides = Sides {
        base: &Side::base(base),
        revision: &Side::revision(base, revision),
    };
    // A webhook is a request the API sends: what it requires is not asked of clients.
    let pairs: Vec<PairedOperation<'_>> = paired_operations(base, revision)
        .into_iter()
        .filter(|p| !p.webhook)
        .collect();
    let effective = |op: &Operation, api: &Api, side: &Side| {
        let (reqs, origin) = match &op.security {
            Some(own) => (
                Some(own.as_slice()),
                op.security_origin.unwrap_or(op.origin),
            ),
            None => (
                api.security.as_deref(),
                api.security_origin.unwrap_or(op.origin),
            ),
        };
        Effective::new(reqs, origin, side)
    };
    // What each paired operation asked for and asks for.
    let per_operation: Vec<(Effective, Effective)> = pairs
        .iter()
        .map(|p| {
            (
                effective(p.base, base, sides.base),
                effective(p.revision, revision, sides.revision),
            )
        })
        .collect();

    // The document's security: one change listing the operations that inherit it.
    let inheriting: Vec<OperationRef> = pairs
        .iter()
        .filter(|p| p.base.security.is_none() && p.revision.security.is_none())
        .map(PairedOperation::name)
        .collect();
    let global = |api: &Api, side: &Side| {
        Effective::new(
            api.security.as_deref(),
            api.security_origin.unwrap_or(api.origin),
            side,
        )
    };
    let (gb, gr) = (global(base, sides.base), global(revision, sides.revision));
    for e in events(&gb, &gr, &sides) {
        push(c, id(true, e.suffix), e, inheriting.clone());
    }

    // An operation's own security, or its override added or removed.
    for (p, (b, r)) in pairs.iter().zip(&per_operation) {
        if p.base.security.is_none() && p.revision.security.is_none() {
            continue;
        }
        for e in events(b, r, &sides) {
            push(c, id(false, e.suffix), e, vec![p.name()]);
        }
    }

    let users = |f: &dyn Fn(&Effective, &Effective) -> bool| -> Vec<OperationRef> {
        pairs
            .iter()
            .zip(&per_operation)
            .filter(|(_, (b, r))| f(b, r))
            .map(|(p, _)| p.name())
            .collect()
    };
    schemes(c, base, revision, sides.revision, &users);
}

fn push(c: &mut ApiComparison<'_>, id: ChangeId, e: Event, operations: Vec<OperationRef>) {
    c.grouped.push(GroupedFact {
        id,
        args: e.args,
        base: Some(e.base),
        revision: Some(e.revision),
        operations,
    });
}

/// How a scheme is sent on the wire: `apiKey in header X-Key`, `http bearer (JWT)`.
fn wire(s: &SecurityScheme) -> String {
    let mut out = s.kind.clone();
    if let Some(scheme) = &s.scheme {
        out.push(' ');
        out.push_str(scheme);
    }
    if let Some(location) = &s.location {
        out.push_str(" in ");
        out.push_str(location);
    }
    if let Some(name) = &s.parameter_name {
        out.push_str(&format!(" `{name}`"));
    }
    if let Some(format) = &s.bearer_format {
        out.push_str(&format!(" ({format})"));
    }
    out
}

/// The paired operations whose (base, revision) security meets a condition.
type OperationsWhere<'f> =
    dyn Fn(&dyn Fn(&Effective, &Effective) -> bool) -> Vec<OperationRef> + 'f;

/// The security schemes: added, removed, and changed in what they ask of clients.
fn schemes(
    c: &mut ApiComparison<'_>,
    base: &Api,
    revision: &Api,
    revision_side: &Side,
    operations: &OperationsWhere<'_>,
) {
    for rs in &revision.security_schemes {
        let name = vec![("name", rs.name.clone())];
        let Some(bs) = base
            .security_schemes
            .iter()
            .find(|x| x.name == rs.name)
            .or_else(|| renamed_from(base, revision, rs))
        else {
            c.grouped.push(fact(
                ids::API_SECURITY_COMPONENT_ADDED,
                name,
                base.origin,
                rs.origin,
                vec![],
            ));
            continue;
        };
        let (bo, ro) = (bs.origin, rs.origin);
        // The operations whose clients use this scheme.
        let users = operations(&|b, _| b.uses(&bs.name));
        if wire(bs) != wire(rs) {
            c.grouped.push(fact(
                ids::API_SECURITY_COMPONENT_TYPE_CHANGED,
                vec![
                    ("name", rs.name.clone()),
                    ("from", wire(bs)),
                    ("to", wire(rs)),
                ],
                bo,
                ro,
                users.clone(),
            ));
        }
        if bs.description != rs.description || bs.open_id_connect_url != rs.open_id_connect_url {
            c.grouped.push(fact(
                ids::API_SECURITY_COMPONENT_DESCRIPTION_CHANGED,
                name.clone(),
                bo,
                ro,
                vec![],
            ));
        }
        oauth_flows(c, bs, rs, &users, revision_side, operations);
    }
    for bs in &base.security_schemes {
        // A scheme renamed was compared with its new name above.
        let renamed = revision
            .security_schemes
            .iter()
            .any(|rs| renamed_from(base, revision, rs).is_some_and(|old| old.name == bs.name));
        if !renamed && !revision.security_schemes.iter().any(|x| x.name == bs.name) {
            c.grouped.push(fact(
                ids::API_SECURITY_COMPONENT_REMOVED,
                vec![("name", bs.name.clone())],
                bs.origin,
                revision.origin,
                vec![],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[(&str, &[&str])]) -> AndSet {
        items
            .iter()
            .map(|(n, s)| (n.to_string(), s.iter().map(|x| x.to_string()).collect()))
            .collect()
    }

    fn eff(alts: &[&AndSet], anonymous: bool) -> Effective {
        Effective {
            alternatives: alts
                .iter()
                .map(|a| ((*a).clone(), Origin::default()))
                .collect(),
            anonymous,
            unknown: false,
            origin: Origin::default(),
        }
    }

    fn side(defined: &[(&str, &[&str])]) -> Side {
        Side {
            renames: BTreeMap::new(),
            defined: set(defined),
        }
    }

    fn suffixes(b: &Effective, r: &Effective) -> Vec<&'static str> {
        let schemes: &[(&str, &[&str])] = &[("key", &[]), ("oauth", &["read", "write"])];
        let (bs, rs) = (side(schemes), side(schemes));
        let sides = Sides {
            base: &bs,
            revision: &rs,
        };
        events(b, r, &sides).iter().map(|e| e.suffix).collect()
    }

    #[test]
    fn what_a_client_must_send_decides_the_event() {
        let key = set(&[("key", &[])]);
        let oauth_r = set(&[("oauth", &["read"])]);
        let oauth_rw = set(&[("oauth", &["read", "write"])]);
        let both = set(&[("key", &[]), ("oauth", &["read"])]);
        let none = eff(&[], true);
        assert_eq!(suffixes(&none, &eff(&[&key], false)), ["added"]);
        assert_eq!(suffixes(&eff(&[&key], false), &none), ["removed"]);
        // `[{}, key]` is optional authentication: nothing a client must send changed.
        assert!(suffixes(&none, &eff(&[&key], true)).is_empty());
        assert_eq!(
            suffixes(&eff(&[&key, &oauth_r], false), &eff(&[&key], false)),
            ["alternative-removed"]
        );
        assert_eq!(
            suffixes(&eff(&[&key], false), &eff(&[&key, &oauth_r], false)),
            ["alternative-added"]
        );
        assert_eq!(
            suffixes(&eff(&[&oauth_r], false), &eff(&[&oauth_rw], false)),
            ["scope-added"]
        );
        assert_eq!(
            suffixes(&eff(&[&oauth_rw], false), &eff(&[&oauth_r], false)),
            ["scope-removed"]
        );
        assert_eq!(
            suffixes(&eff(&[&key], false), &eff(&[&both], false)),
            ["requirement-scheme-added"]
        );
        assert_eq!(
            suffixes(&eff(&[&both], false), &eff(&[&key], false)),
            ["requirement-scheme-removed"]
        );
        assert_eq!(
            suffixes(&eff(&[&key], false), &eff(&[&oauth_r], false)),
            ["alternative-removed", "alternative-added"]
        );
        assert!(suffixes(&eff(&[&key], false), &eff(&[&key], false)).is_empty());
    }

    #[test]
    fn a_requirement_of_every_scope_stays_one_when_the_scheme_gains_a_scope() {
        // Generators write "any scope" as the list of all of them (Discord does).
        let (bs, rs) = (
            side(&[("oauth", &["a", "b"])]),
            side(&[("oauth", &["a", "b", "c"])]),
        );
        let sides = Sides {
            base: &bs,
            revision: &rs,
        };
        let b = eff(&[&set(&[("oauth", &["a", "b"])])], false);
        let all = eff(&[&set(&[("oauth", &["a", "b", "c"])])], false);
        assert!(events(&b, &all, &sides).is_empty());
        // Not every scope before: the new one is required on top.
        let one = eff(&[&set(&[("oauth", &["a"])])], false);
        let two = eff(&[&set(&[("oauth", &["a", "c"])])], false);
        let e = events(&one, &two, &sides);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].suffix, "scope-added");
    }

    #[test]
    fn requirements_naming_undefined_schemes_are_not_compared() {
        let side = side(&[("key", &[])]);
        let reqs = |names: &[&str]| -> Vec<SecurityRequirement> {
            names
                .iter()
                .map(|n| SecurityRequirement {
                    schemes: vec![(n.to_string(), vec![])],
                    origin: Origin::default(),
                })
                .collect()
        };
        let ghost = Effective::new(Some(&reqs(&["ghost"])), Origin::default(), &side);
        assert!(ghost.unknown && !ghost.anonymous);
        let mixed = Effective::new(Some(&reqs(&["ghost", "key"])), Origin::default(), &side);
        assert!(!mixed.unknown);
        assert_eq!(mixed.alternatives.len(), 1);
        let sides = Sides {
            base: &side,
            revision: &side,
        };
        let key = Effective::new(Some(&reqs(&["key"])), Origin::default(), &side);
        assert!(events(&ghost, &key, &sides).is_empty());
    }
}
