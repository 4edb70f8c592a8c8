//! Levenshtein distance, the measure behind every "did you mean" (change ids, rule names,
//! option values, operations) and Spectral's `enum` suggestion.

/// The edit distance between two sequences: characters for our own hints, UTF-16 code units
/// where a peer counts those (Spectral's `leven`).
pub fn edit_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, x) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
