//! `minItems`, `maxItems`, `uniqueItems`, `items`/`prefixItems` (and draft-04's tuple
//! `items` with `additionalItems`), `contains` with `minContains`/`maxContains`.

use super::compile::Compiled;
use super::{Checking, Flow, Resolver, Tok, Validator};
use crate::tree::Node;
use rustc_hash::FxHashMap;

impl<'a, R: Resolver<'a>> Validator<'a, R> {
    pub(super) fn check_array<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        items: &'i [Node],
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        let n = items.len() as u64;
        if let Some(min) = c.min_items.filter(|m| n < *m) {
            cx.fail(inst, "minItems", || {
                format!("must NOT have fewer than {min} items")
            })?;
        }
        if let Some(max) = c.max_items.filter(|m| n > *m) {
            cx.fail(inst, "maxItems", || {
                format!("must NOT have more than {max} items")
            })?;
        }
        if c.unique
            && let Some((i, j)) = first_duplicate(items)
        {
            cx.fail_member(&items[j], None, j, "uniqueItems", || {
                format!("must NOT have duplicate items (items ## {j} and {i} are identical)")
            })?;
        }
        self.check_items(c, items, cx)?;
        self.check_contains(c, inst, items, cx)
    }

    /// Each item against its `prefixItems` schema, or `items` past them.
    fn check_items<'i>(
        &mut self,
        c: &Compiled<'a>,
        items: &'i [Node],
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        for (i, item) in items.iter().enumerate() {
            let s = match c.prefix_items.get(i) {
                Some(s) => Some(*s),
                None => c.items,
            };
            if let Some(s) = s {
                cx.path.push(Tok::Index(i));
                let valid = self.check(s, item, cx.path, cx.errs.as_deref_mut(), None);
                cx.path.pop();
                cx.sub(valid)?;
            }
        }
        Flow::Continue(())
    }

    /// `contains`: items are counted, not reported; the error is about the array.
    fn check_contains<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        items: &'i [Node],
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        let Some(cs) = c.contains else {
            return Flow::Continue(());
        };
        let mut count = 0u64;
        for item in items {
            if self.check(cs, item, cx.path, None, None) {
                count += 1;
            }
        }
        let min = c.min_contains.unwrap_or(1);
        if count < min {
            cx.fail(inst, "contains", || {
                format!("must contain at least {min} valid item(s)")
            })?;
        }
        if let Some(max) = c.max_contains.filter(|m| count > *m) {
            cx.fail(inst, "maxContains", || {
                format!("must contain at most {max} valid item(s)")
            })?;
        }
        Flow::Continue(())
    }
}

/// The first pair (earlier, later) of equal items.
fn first_duplicate(items: &[Node]) -> Option<(usize, usize)> {
    use std::hash::Hasher;
    let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (j, item) in items.iter().enumerate() {
        let mut h = rustc_hash::FxHasher::default();
        crate::lint::util::json_hash(item, &mut h);
        let bucket = seen.entry(h.finish()).or_default();
        if let Some(&i) = bucket
            .iter()
            .find(|&&i| crate::lint::util::json_eq(&items[i], item))
        {
            return Some((i, j));
        }
        bucket.push(j);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tests::plain;

    #[test]
    fn item_counts_and_duplicates() {
        assert_eq!(
            plain("{maxItems: 1, uniqueItems: true}", "[{a: 1}, 2, {a: 1.0}]"),
            [
                "/ maxItems: must NOT have more than 1 items",
                "/2 uniqueItems: must NOT have duplicate items (items ## 2 and 0 are identical)"
            ]
        );
        assert!(plain("{uniqueItems: true}", "[1, '1', [1]]").is_empty());
    }

    #[test]
    fn tuples_in_both_spellings() {
        assert_eq!(
            plain(
                "{prefixItems: [{type: string}], items: {type: integer}}",
                "[1, 2, x]"
            ),
            ["/0 type: must be string", "/2 type: must be integer"]
        );
        // Draft-04: a list of `items` with `additionalItems` for the rest.
        assert_eq!(
            plain(
                "{items: [{type: string}], additionalItems: {type: integer}}",
                "[a, b]"
            ),
            ["/1 type: must be integer"]
        );
        // Without a tuple, `additionalItems` means nothing.
        assert!(plain("{items: {}, additionalItems: false}", "[a, b]").is_empty());
    }

    #[test]
    fn contains_counts_matching_items() {
        let s = "{contains: {type: string}, minContains: 2, maxContains: 2}";
        assert!(plain(s, "[a, 1, b]").is_empty());
        assert_eq!(
            plain(s, "[a, 1]"),
            ["/ contains: must contain at least 2 valid item(s)"]
        );
        assert_eq!(
            plain(s, "[a, b, c]"),
            ["/ maxContains: must contain at most 2 valid item(s)"]
        );
    }
}
