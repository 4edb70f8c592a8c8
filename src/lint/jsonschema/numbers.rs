//! `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf` and the
//! integer `format`s (`int32`, `int64`).

use super::compile::Compiled;
use super::{Checking, Flow, Resolver, Validator};
use crate::tree::Node;

impl<'a, R: Resolver<'a>> Validator<'a, R> {
    pub(super) fn check_number<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        x: f64,
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        if let Some(m) = c.minimum.filter(|m| x < *m) {
            cx.fail(inst, "minimum", || format!("must be >= {m}"))?;
        }
        if let Some(m) = c.maximum.filter(|m| x > *m) {
            cx.fail(inst, "maximum", || format!("must be <= {m}"))?;
        }
        if let Some(m) = c.excl_min.filter(|m| x <= *m) {
            cx.fail(inst, "exclusiveMinimum", || format!("must be > {m}"))?;
        }
        if let Some(m) = c.excl_max.filter(|m| x >= *m) {
            cx.fail(inst, "exclusiveMaximum", || format!("must be < {m}"))?;
        }
        if let Some(m) = c.multiple_of {
            let q = x / m;
            // Relative tolerance: 0.3 is a multiple of 0.1 although 0.3 / 0.1 is not 3.
            if (q - q.round()).abs() > 1e-9 * q.abs().max(1.0) {
                cx.fail(inst, "multipleOf", || format!("must be multiple of {m}"))?;
            }
        }
        if self.dialect.formats
            && let Some(f) = c.format
        {
            let range = match f {
                "int32" => Some((i32::MIN as f64, i32::MAX as f64)),
                "int64" => Some((i64::MIN as f64, i64::MAX as f64)),
                _ => None,
            };
            if let Some((lo, hi)) = range
                && (x < lo || x > hi)
            {
                cx.fail(inst, "format", || format!("must match format \"{f}\""))?;
            }
        }
        Flow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{errors, plain};
    use super::super::{Dialect, Direction};

    #[test]
    fn bounds_inclusive_and_exclusive() {
        assert!(plain("{minimum: 1, maximum: 1}", "1").is_empty());
        assert_eq!(
            plain("{minimum: 2, exclusiveMaximum: 0.5}", "1"),
            [
                "/ minimum: must be >= 2",
                "/ exclusiveMaximum: must be < 0.5"
            ]
        );
        // Draft-04's boolean form makes `maximum` itself exclusive.
        assert_eq!(
            plain("{maximum: 3, exclusiveMaximum: true}", "3"),
            ["/ exclusiveMaximum: must be < 3"]
        );
        assert!(plain("{maximum: 3, exclusiveMaximum: false}", "3").is_empty());
    }

    #[test]
    fn multiple_of_tolerates_binary_fractions() {
        assert!(plain("{multipleOf: 0.1}", "0.3").is_empty());
        assert_eq!(
            plain("{multipleOf: 0.1}", "0.35"),
            ["/ multipleOf: must be multiple of 0.1"]
        );
        // Not a positive number: ignored.
        assert!(plain("{multipleOf: 0}", "0.35").is_empty());
    }

    #[test]
    fn integer_formats_bound_the_value() {
        let formats = Dialect {
            formats: true,
            ..Dialect::default()
        };
        assert!(errors("{format: int32}", "2147483647", formats, Direction::None).is_empty());
        assert_eq!(
            errors("{format: int32}", "-2147483649", formats, Direction::None),
            ["/ format: must match format \"int32\""]
        );
        assert!(plain("{format: int32}", "3000000000").is_empty());
    }
}
