//! Servers, compared as every operation sees them.
//!
//! An operation's URL is one of its effective servers (its own `servers`, else its path
//! item's, else the document's; Swagger 2.0 `schemes`/`host`/`basePath` are servers in the
//! model) followed by its path. When none of the base's server URLs survives in the
//! revision and no path part of them does either (`/v1` -> `/v2`, a Swagger 2.0 `basePath`
//! changed), every URL of the operation moved: an error listing the operations. A server
//! added, or one moved to another host with the same path, stays as it was (info, warning).
//!
//! Each change is reported where it is written: servers of the document, of a path item,
//! or of an operation, listing the operations that inherit them on both sides. An
//! operation whose override appears or goes away is compared by what it sees, so an
//! override identical to what it inherited is no change.

use super::OperationRef;
use super::api::{ApiComparison, GroupedFact, PairedOperation, paired_operations};
use crate::load::SpecFamily;
use crate::model::{Api, Origin, Server};
use crate::rules::ids;

/// Where an operation's servers are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WrittenAt {
    Document,
    PathItem,
    Operation,
}

/// An operation's effective servers on one side, and where they are written.
fn effective<'a>(
    api: &'a Api,
    item: &'a crate::model::PathItem,
    op: &'a crate::model::Operation,
) -> (WrittenAt, &'a [Server], Origin) {
    if !op.servers.is_empty() {
        (WrittenAt::Operation, &op.servers, op.origin)
    } else if !item.servers.is_empty() {
        (WrittenAt::PathItem, &item.servers, item.origin)
    } else {
        (WrittenAt::Document, &api.servers, api.origin)
    }
}

/// Operations that see the same pair of server lists for the same reason.
struct Group<'a> {
    base: (&'a [Server], Origin),
    revision: (&'a [Server], Origin),
    operations: Vec<OperationRef>,
}

pub fn compare(c: &mut ApiComparison<'_>, base: &Api, revision: &Api) {
    let mut groups: Vec<(String, Group<'_>)> = Vec::new();
    for p in paired_operations(base, revision)
        .iter()
        .filter(|p| !p.webhook)
    {
        let (bl, bs, bo) = effective(base, p.base_item, p.base);
        let (rl, rs, ro) = effective(revision, p.revision_item, p.revision);
        // The same level on both sides is that level's change; else the operation's.
        let key = match (bl, rl) {
            (WrittenAt::Document, WrittenAt::Document) => "document".to_string(),
            (WrittenAt::PathItem, WrittenAt::PathItem) => format!("path {}", p.revision_item.key),
            _ => format!("operation {}", p.name()),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.operations.push(name(p)),
            None => groups.push((
                key,
                Group {
                    base: (bs, bo),
                    revision: (rs, ro),
                    operations: vec![name(p)],
                },
            )),
        }
    }
    // The document's servers when every operation overrides them: reaching nobody.
    if !groups.iter().any(|(k, _)| k == "document") {
        groups.push((
            "document".to_string(),
            Group {
                base: (&base.servers, base.origin),
                revision: (&revision.servers, revision.origin),
                operations: Vec::new(),
            },
        ));
    }
    let roots = (served_at_root(base), served_at_root(revision));
    for (_, g) in groups {
        lists(c, &g, &roots);
    }
}

/// A Swagger 2.0 document with neither `host` nor `basePath` (no servers in the model) is
/// served at the root of the host it is fetched from, as 2.0 says: adding a `basePath`
/// then moves every URL. (A 3.x document without `servers` is left alone: adding its
/// first server usually documents where it was already served.)
fn served_at_root(api: &Api) -> Option<Server> {
    (api.family == SpecFamily::Swagger2 && api.servers.is_empty()).then(|| Server {
        url: "/".to_string(),
        name: None,
        description: None,
        variables: Vec::new(),
        extensions: Vec::new(),
        origin: api.origin,
    })
}

fn name(p: &PairedOperation<'_>) -> OperationRef {
    p.name()
}

/// The path part of a server URL, without a trailing slash: `https://h/v1/` -> `/v1`.
fn path_part(url: &str) -> &str {
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            after.find('/').map_or("", |j| &after[j..])
        }
        None => url,
    };
    let trimmed = rest.trim_end_matches('/');
    if trimmed.is_empty() { "/" } else { trimmed }
}

fn same_url(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// Every URL moved: no server of the base is in the revision, and no path part of one.
fn moved(b: &[Server], r: &[Server]) -> bool {
    !b.is_empty()
        && !r.is_empty()
        && !b.iter().any(|x| r.iter().any(|y| same_url(&x.url, &y.url)))
        && !b
            .iter()
            .any(|x| r.iter().any(|y| path_part(&x.url) == path_part(&y.url)))
}

fn urls(list: &[Server]) -> String {
    list.iter()
        .map(|s| format!("`{}`", s.url))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One pair of server lists, for the operations that see it.
fn lists(c: &mut ApiComparison<'_>, g: &Group<'_>, roots: &(Option<Server>, Option<Server>)) {
    let ((b, b_origin), (r, r_origin)) = (g.base, g.revision);
    // An empty list stands for the root a 2.0 document is served at, for the move only:
    // the implicit server is never reported as added or removed itself.
    let (b_root, r_root) = (roots.0.as_slice(), roots.1.as_slice());
    let b_moved = if b.is_empty() { b_root } else { b };
    let r_moved = if r.is_empty() { r_root } else { r };
    let mut push = |id, args, base: Origin, revision: Origin| {
        c.grouped.push(GroupedFact {
            id,
            args,
            base: Some(base),
            revision: Some(revision),
            operations: g.operations.clone(),
        })
    };
    if moved(b_moved, r_moved) {
        push(
            ids::API_SERVER_BASE_PATH_CHANGED,
            vec![("from", urls(b_moved)), ("to", urls(r_moved))],
            b_moved[0].origin,
            r_moved[0].origin,
        );
        return;
    }
    for rs in r {
        let Some(bs) = b.iter().find(|x| same_url(&x.url, &rs.url)) else {
            push(
                ids::API_SERVER_ADDED,
                vec![("value", rs.url.clone())],
                b_origin,
                rs.origin,
            );
            continue;
        };
        // The same URL template: its variables decide where requests go.
        let vars = |s: &Server| {
            s.variables
                .iter()
                .map(|v| (v.name.clone(), v.default.clone(), v.enum_values.clone()))
                .collect::<Vec<_>>()
        };
        if vars(bs) != vars(rs) {
            push(
                ids::API_SERVER_VARIABLES_CHANGED,
                vec![("value", rs.url.clone())],
                bs.origin,
                rs.origin,
            );
        }
        if bs.description != rs.description {
            push(
                ids::API_SERVER_DESCRIPTION_CHANGED,
                vec![("value", rs.url.clone())],
                bs.origin,
                rs.origin,
            );
        }
    }
    for bs in b {
        if !r.iter().any(|x| same_url(&x.url, &bs.url)) {
            push(
                ids::API_SERVER_REMOVED,
                vec![("value", bs.url.clone())],
                bs.origin,
                r_origin,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn servers(urls: &[&str]) -> Vec<Server> {
        urls.iter()
            .map(|u| Server {
                url: u.to_string(),
                name: None,
                description: None,
                variables: vec![],
                extensions: vec![],
                origin: Origin::default(),
            })
            .collect()
    }

    #[test]
    fn a_url_moved_when_no_server_and_no_path_part_survives() {
        assert_eq!(path_part("https://api.example.com/v1/"), "/v1");
        assert_eq!(path_part("https://api.example.com"), "/");
        assert_eq!(path_part("/v1.25"), "/v1.25");
        let m = |b: &[&str], r: &[&str]| moved(&servers(b), &servers(r));
        assert!(m(&["https://a.com/v1"], &["https://a.com/v2"]));
        assert!(m(&["/v1.25"], &["/v1.40"]));
        // Another host, the same path: the host changed, the paths did not.
        assert!(!m(&["https://a.com/v1"], &["https://b.com/v1"]));
        // One server of the base survives.
        assert!(!m(
            &["https://a.com/v1", "https://a.com/v2"],
            &["https://a.com/v2/"]
        ));
        // A server added is no move; no servers at all says nothing.
        assert!(!m(
            &["https://a.com/v1"],
            &["https://a.com/v1", "https://b.com/x"]
        ));
        assert!(!m(&["https://a.com/v1"], &[]));
    }
}
