//! Independent pieces of work on a few threads, with results in the order of the work, so
//! that output never depends on scheduling. Used to read the files of a multi-file spec and
//! to run lint rules; no thread pool crate is needed for two such loops.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads to use when the caller does not say: one per core, up to `cap`.
pub(crate) fn default_threads(cap: usize) -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(cap))
}

/// Runs `work(state, i)` for every `i` in `0..count` on up to `threads` threads (the caller's
/// among them), each taking the next `i` not yet taken, with `state` made once per thread by
/// `init` (a cache the thread's pieces share). Returns the results in order of `i`.
///
/// `stack` is the stack size of the extra threads: work that recurses with the depth of a
/// document needs as much as the caller has. A thread that cannot be started leaves its
/// share to the others; a panic in a piece is raised again in the caller.
pub(crate) fn map_in_order<S, R: Send>(
    count: usize,
    threads: usize,
    stack: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut state = init();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                break;
            }
            done.push((i, work(&mut state, i)));
        }
        done
    };
    let threads = threads.clamp(1, count.max(1));
    let mut all = if threads == 1 {
        worker()
    } else {
        std::thread::scope(|s| {
            let helpers: Vec<_> = (1..threads)
                .filter_map(|n| {
                    std::thread::Builder::new()
                        .name(format!("specver-{n}"))
                        .stack_size(stack)
                        .spawn_scoped(s, worker)
                        .ok()
                })
                .collect();
            let mut all = worker();
            for h in helpers {
                match h.join() {
                    Ok(done) => all.extend(done),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            all
        })
    };
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_threads() {
        for threads in [1, 2, 3, 16] {
            let out = map_in_order(
                100,
                threads,
                1 << 20,
                || 0usize,
                |seen, i| {
                    *seen += 1;
                    i * i
                },
            );
            assert_eq!(out, (0..100).map(|i| i * i).collect::<Vec<_>>());
        }
        assert!(map_in_order(0, 4, 1 << 20, || (), |_, i| i).is_empty());
    }
}
