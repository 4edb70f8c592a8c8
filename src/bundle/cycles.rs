//! Which reference targets lie on a cycle of references, for `--dereference`: those stay
//! `$ref`s (inlining them would never end); every other target can be written in full.

use super::names::Target;
use crate::load::Workspace;
use rustc_hash::{FxHashMap, FxHashSet};

/// Every target that can reach itself through the references inside it.
pub(crate) fn targets_on_cycles(ws: &Workspace) -> FxHashSet<Target> {
    // Targets and their spans, numbered in order of first reference.
    let mut ids: FxHashMap<Target, usize> = FxHashMap::default();
    let mut spans = Vec::new();
    let mut site_target: Vec<Option<usize>> = Vec::with_capacity(ws.ref_sites.len());
    for site in &ws.ref_sites {
        let id = ws
            .resolve(site.file, &site.reference)
            .ok()
            .map(|(file, node)| {
                let target = Target::new(file, &site.reference);
                let next = ids.len();
                *ids.entry(target.clone()).or_insert_with(|| {
                    spans.push((target, node.span));
                    next
                })
            });
        site_target.push(id);
    }
    // Per file, the sites ordered by where they start, to find those inside a target.
    let mut by_file: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (i, site) in ws.ref_sites.iter().enumerate() {
        by_file.entry(site.file).or_default().push(i);
    }
    for sites in by_file.values_mut() {
        sites.sort_by_key(|&i| ws.ref_sites[i].span.start);
    }
    let edges: Vec<Vec<usize>> = spans
        .iter()
        .map(|(target, span)| {
            let Some(sites) = by_file.get(&target.file) else {
                return Vec::new();
            };
            let from = sites.partition_point(|&i| ws.ref_sites[i].span.start < span.start);
            sites[from..]
                .iter()
                .take_while(|&&i| ws.ref_sites[i].span.start < span.end)
                .filter(|&&i| span.contains(ws.ref_sites[i].span))
                .filter_map(|&i| site_target[i])
                .collect()
        })
        .collect();
    let on_cycle = strongly_connected(&edges);
    spans
        .into_iter()
        .enumerate()
        .filter(|(i, _)| on_cycle[*i])
        .map(|(_, (target, _))| target)
        .collect()
}

/// For each vertex, whether it is on a cycle: in a strongly connected component of more
/// than one vertex, or with an edge to itself. Tarjan's algorithm, iterative.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<bool> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut result = vec![false; n];
    let mut next = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        // (vertex, next edge to look at)
        let mut work = vec![(start, 0)];
        index[start] = next;
        low[start] = next;
        next += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&(v, e)) = work.last() {
            if let Some(&w) = edges[v].get(e) {
                if let Some(top) = work.last_mut() {
                    top.1 += 1;
                }
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                let cyclic = members.len() > 1 || edges[v].contains(&v);
                for w in members {
                    result[w] = cyclic;
                }
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn only_vertices_on_cycles_are_marked() {
        // 0 -> 1 -> 2 -> 1, 3 -> 3, 4 -> 0
        let edges = vec![vec![1], vec![2], vec![1], vec![3], vec![0]];
        assert_eq!(strongly_connected(&edges), [false, true, true, true, false]);
    }
}
