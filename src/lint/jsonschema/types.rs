//! `type`, `enum` and `const`: the keywords that hold for an instance of any kind.

use super::compile::{ARRAY, BOOLEAN, Compiled, INTEGER, NULL, NUMBER, OBJECT, STRING, TYPE_NAMES};
use super::{Checking, Flow, Resolver, Validator};
use crate::lint::util::{json_eq, show};
use crate::tree::{Node, Value};

/// Enough of a long `enum` to recognise it in a message.
const ENUM_SHOWN: usize = 20;

impl<'a, R: Resolver<'a>> Validator<'a, R> {
    pub(super) fn check_type_enum_const<'i>(
        &mut self,
        c: &Compiled<'a>,
        inst: &'i Node,
        cx: &mut Checking<'_, 'i>,
    ) -> Flow
    where
        'a: 'i,
    {
        if c.types != 0 && !type_matches(c.types, inst) {
            let nullable = self.dialect.nullable && c.nullable;
            cx.fail(inst, "type", || {
                let names: Vec<&str> = TYPE_NAMES
                    .iter()
                    .filter(|(_, b)| c.types & b != 0)
                    .map(|(n, _)| *n)
                    .collect();
                let mut names = names.join(",");
                if nullable {
                    names.push_str(",null");
                }
                format!("must be {names}")
            })?;
        }
        if let Some(values) = c.enum_values
            && !values.iter().any(|v| json_eq(v, inst))
        {
            cx.fail(inst, "enum", || {
                let shown: Vec<String> = values.iter().take(ENUM_SHOWN).map(show).collect();
                let more = if values.len() > ENUM_SHOWN {
                    ", ..."
                } else {
                    ""
                };
                format!(
                    "must be equal to one of the allowed values: {}{more}",
                    shown.join(", ")
                )
            })?;
        }
        if let Some(v) = c.const_value
            && !json_eq(v, inst)
        {
            cx.fail(inst, "const", || {
                format!("must be equal to constant {}", show(v))
            })?;
        }
        Flow::Continue(())
    }
}

/// Whether `inst` is one of the types in the bit set (an integral number is also an
/// `integer`).
fn type_matches(types: u8, inst: &Node) -> bool {
    let t = match &inst.value {
        Value::Null => NULL,
        Value::Bool(_) => BOOLEAN,
        Value::Object(_) => OBJECT,
        Value::Array(_) => ARRAY,
        Value::String(_) => STRING,
        Value::Number(n) => {
            if types & NUMBER != 0 {
                return true;
            }
            if crate::lint::util::is_integer(n) {
                INTEGER
            } else {
                NUMBER
            }
        }
    };
    types & t != 0
}

#[cfg(test)]
mod tests {
    use super::super::tests::plain;

    #[test]
    fn type_lists_every_allowed_name() {
        // In JSON Schema's order of types, not the schema's.
        assert_eq!(
            plain("{type: [string, integer]}", "true"),
            ["/ type: must be integer,string"]
        );
        assert!(plain("{type: ['null', boolean]}", "null").is_empty());
    }

    #[test]
    fn enum_shows_at_most_twenty_values() {
        let values: Vec<String> = (1..=21).map(|i| i.to_string()).collect();
        let schema = format!("{{enum: [{}]}}", values.join(", "));
        let shown = values[..20].join(", ");
        assert_eq!(
            plain(&schema, "0"),
            [format!(
                "/ enum: must be equal to one of the allowed values: {shown}, ..."
            )]
        );
    }

    #[test]
    fn const_compares_json_values() {
        assert!(plain("{const: {a: [1, 2]}}", "{a: [1.0, 2]}").is_empty());
        assert_eq!(
            plain("{const: {a: 1}}", "{a: 2}"),
            ["/ const: must be equal to constant object"]
        );
        assert_eq!(
            plain("{const: ab}", "abc"),
            ["/ const: must be equal to constant \"ab\""]
        );
    }
}
