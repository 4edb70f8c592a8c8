//! Parameters: paired by location and name (path parameters by position in the template),
//! their order among the required ones, and each pair's flags, serialization, documentation
//! and schema. Grouped because a parameter's identity decides everything else about it: an
//! unpaired one is added or removed, a paired one is compared keyword by keyword.

use super::{ApiComparison, Place, RootKind, op_ref, pair_up};
use crate::diff::{Direction, OperationRef};
use crate::model::{
    Api, Operation, Parameter, ParameterLocation, Schema, SchemaId, TypeSet, path_parameter_names,
};
use crate::rules::ids;

impl ApiComparison<'_> {
    pub(super) fn parameters(&mut self, b: &Operation, r: &Operation) {
        let op = op_ref(r);
        let bkeys: Vec<String> = b.parameters.iter().map(|p| param_identity(b, p)).collect();
        let rkeys: Vec<String> = r.parameters.iter().map(|p| param_identity(r, p)).collect();
        // A parameter declared twice pairs with the other side's declarations in order.
        let pairs = pair_up(&bkeys, &rkeys, |k| k, |_, _| true);
        for (ri, rp) in r.parameters.iter().enumerate() {
            let args = param_args(rp);
            match pairs.revision[ri] {
                None => {
                    let id = if rp.location == ParameterLocation::Path {
                        if in_template(r, &rp.name) {
                            ids::REQUEST_PATH_PARAMETER_DECLARED
                        } else {
                            ids::NEW_REQUEST_PATH_PARAMETER
                        }
                    } else if rp.required {
                        ids::NEW_REQUIRED_REQUEST_PARAMETER
                    } else {
                        ids::NEW_OPTIONAL_REQUEST_PARAMETER
                    };
                    self.push(id, args, Some(b.origin), Some(rp.origin), Some(op.clone()));
                }
                Some(i) => self.parameter(&b.parameters[i], rp, &op),
            }
        }
        self.required_parameter_order(b, r, &pairs.revision, &op);
        for (bi, bp) in b.parameters.iter().enumerate() {
            if pairs.base[bi].is_none() {
                let id = if bp.location == ParameterLocation::Path && !on_wire_after(b, r, bp) {
                    ids::REQUEST_PATH_PARAMETER_UNDECLARED
                } else if bp.deprecated {
                    ids::REQUEST_PARAMETER_REMOVED_WITH_DEPRECATION
                } else {
                    ids::REQUEST_PARAMETER_REMOVED
                };
                self.push(
                    id,
                    param_args(bp),
                    Some(bp.origin),
                    Some(r.origin),
                    Some(op.clone()),
                );
            }
        }
    }

    /// Required parameters that both sides have, in another relative order: generated
    /// clients take them as leading positional arguments, in declaration order.
    fn required_parameter_order(
        &mut self,
        b: &Operation,
        r: &Operation,
        paired: &[Option<usize>],
        op: &OperationRef,
    ) {
        let kept: Vec<(usize, usize)> = paired
            .iter()
            .enumerate()
            .filter_map(|(ri, bi)| bi.map(|bi| (bi, ri)))
            .filter(|&(bi, ri)| b.parameters[bi].required && r.parameters[ri].required)
            .collect();
        if kept.windows(2).all(|w| w[0].0 < w[1].0) {
            return;
        }
        let names = |mut order: Vec<&str>| {
            order.dedup();
            order
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut by_base = kept.clone();
        by_base.sort();
        let from = names(
            by_base
                .iter()
                .map(|&(bi, _)| &*b.parameters[bi].name)
                .collect(),
        );
        let to = names(
            kept.iter()
                .map(|&(_, ri)| &*r.parameters[ri].name)
                .collect(),
        );
        let (first_b, first_r) = (by_base[0].0, kept[0].1);
        self.push(
            ids::REQUEST_REQUIRED_PARAMETER_POSITION_CHANGED,
            vec![("from", from), ("to", to)],
            Some(b.parameters[first_b].origin),
            Some(r.parameters[first_r].origin),
            Some(op.clone()),
        );
    }

    fn parameter(&mut self, b: &Parameter, r: &Parameter, op: &OperationRef) {
        if b.location == ParameterLocation::Path && b.name != r.name {
            self.push(
                ids::REQUEST_PATH_PARAMETER_RENAMED,
                vec![("from", b.name.clone()), ("to", r.name.clone())],
                Some(b.origin),
                Some(r.origin),
                Some(op.clone()),
            );
        }
        let label = format!("{} parameter `{}`", r.location.as_str(), r.name);
        self.extensions(
            ids::REQUEST_PARAMETER_EXTENSION_CHANGED,
            &label,
            &b.extensions,
            &r.extensions,
            (b.origin, r.origin),
            Some(op.clone()),
        );
        self.parameter_required_and_deprecated(b, r, op);
        self.parameter_style(b, r, op);
        self.parameter_docs(b, r, op);
        self.parameter_value_flags(b, r, op);
        let place = Place {
            op,
            direction: Direction::Request,
            kind: RootKind::Parameter,
            label: &label,
        };
        let (b_schema, r_schema) = match self.one_value_or_an_array_of_it(b, r, op) {
            Some((bs, rs)) => (Some(bs), Some(rs)),
            None => (b.schema, r.schema),
        };
        self.schema_or_content(
            (b_schema, &b.content, b.origin),
            (r_schema, &r.content, r.origin),
            place,
        );
    }

    /// A primitive parameter that became an array of such values, or the reverse
    /// (Docker's `platform=...`: a string, then `string[]` with `collectionFormat:
    /// multi`). Every style writes a one-item array as its item alone, so a request that
    /// carries one value is the same on the wire: the parameter's type widened (a client
    /// built for the array may now send several values) or narrowed, and the value
    /// compares with the items. A string is written alike only where several items repeat
    /// the name (`form` or `matrix`, exploded): a comma-separated style would split a
    /// string that holds a comma. Reports the type change and hands back the pair of
    /// schemas to compare in its place.
    fn one_value_or_an_array_of_it(
        &mut self,
        b: &Parameter,
        r: &Parameter,
        op: &OperationRef,
    ) -> Option<(SchemaId, SchemaId)> {
        let (bs, rs) = (b.schema?, r.schema?);
        let (base, revision) = (self.schemas.base, self.schemas.revision);
        let (id, from, to, pair) = match (primitive(base, bs), primitive(revision, rs)) {
            (Some(t), None) => {
                let items = items_written_alone(revision, rs, r, t)?;
                let id = ids::REQUEST_PARAMETER_TYPE_GENERALIZED;
                (id, t.names().join("|"), "array".to_string(), (bs, items))
            }
            (None, Some(t)) => {
                let items = items_written_alone(base, bs, b, t)?;
                let id = ids::REQUEST_PARAMETER_TYPE_SPECIALIZED;
                (id, "array".to_string(), t.names().join("|"), (items, rs))
            }
            _ => return None,
        };
        let mut args = param_args(r);
        args.push(("from", from));
        args.push(("to", to));
        let (bo, ro) = (base.schema(bs).origin, revision.schema(rs).origin);
        self.push(id, args, Some(bo), Some(ro), Some(op.clone()));
        Some(pair)
    }

    fn parameter_required_and_deprecated(
        &mut self,
        b: &Parameter,
        r: &Parameter,
        op: &OperationRef,
    ) {
        let (bo, ro, o) = (Some(b.origin), Some(r.origin), Some(op.clone()));
        let args = param_args(r);
        match (b.required, r.required) {
            (false, true) => self.push(
                ids::REQUEST_PARAMETER_BECAME_REQUIRED,
                args.clone(),
                bo,
                ro,
                o.clone(),
            ),
            (true, false) => self.push(
                ids::REQUEST_PARAMETER_BECAME_OPTIONAL,
                args.clone(),
                bo,
                ro,
                o.clone(),
            ),
            _ => {}
        }
        match (b.deprecated, r.deprecated) {
            (false, true) => self.push(ids::REQUEST_PARAMETER_DEPRECATED, args, bo, ro, o),
            (true, false) => self.push(ids::REQUEST_PARAMETER_REACTIVATED, args, bo, ro, o),
            _ => {}
        }
    }

    /// How the value is serialized (style, explode): a client built for one writes values
    /// the other does not read. Both shape arrays and objects; a primitive value is the
    /// same exploded or not (2.0's `collectionFormat` gives a string form, exploded, and an
    /// array csv: how a primitive compares with an array is its type's change to tell),
    /// and in the query or a cookie every style writes it as `name=value` (Stripe's
    /// `subscription_trial_end`, an integer, form then deepObject). In the path, label and
    /// matrix write a prefix even before a primitive.
    fn parameter_style(&mut self, b: &Parameter, r: &Parameter, op: &OperationRef) {
        let writes_primitives =
            |api: &Api, p: &Parameter| p.schema.is_some_and(|s| primitive_values_only(api, s, 0));
        let (bp, rp) = (
            writes_primitives(self.schemas.base, b),
            writes_primitives(self.schemas.revision, r),
        );
        let explode_matters = !bp && !rp;
        let style_matters = !(bp
            && rp
            && matches!(
                r.location,
                ParameterLocation::Query | ParameterLocation::Cookie
            ));
        if (b.style == r.style || !style_matters) && (b.explode == r.explode || !explode_matters) {
            return;
        }
        let mut a = param_args(r);
        let style =
            |p: &Parameter| format!("{}{}", p.style, if p.explode { " (explode)" } else { "" });
        a.push(("from", style(b)));
        a.push(("to", style(r)));
        let (bo, ro) = (Some(b.origin), Some(r.origin));
        self.push(
            ids::REQUEST_PARAMETER_STYLE_CHANGED,
            a,
            bo,
            ro,
            Some(op.clone()),
        );
    }

    fn parameter_docs(&mut self, b: &Parameter, r: &Parameter, op: &OperationRef) {
        let (bo, ro, o) = (Some(b.origin), Some(r.origin), Some(op.clone()));
        if b.description != r.description {
            let id = ids::REQUEST_PARAMETER_DESCRIPTION_CHANGED;
            self.push(id, param_args(r), bo, ro, o.clone());
        }
        if b.examples != r.examples {
            let id = ids::REQUEST_PARAMETER_EXAMPLES_CHANGED;
            self.push(id, param_args(r), bo, ro, o);
        }
    }

    /// allowReserved and allowEmptyValue, which change what values may be sent as they
    /// are: reported with the style.
    fn parameter_value_flags(&mut self, b: &Parameter, r: &Parameter, op: &OperationRef) {
        if b.allow_reserved == r.allow_reserved && b.allow_empty_value == r.allow_empty_value {
            return;
        }
        let mut a = param_args(r);
        let flags = |p: &Parameter| {
            format!(
                "allowReserved: {}, allowEmptyValue: {}",
                p.allow_reserved, p.allow_empty_value
            )
        };
        a.push(("from", flags(b)));
        a.push(("to", flags(r)));
        let (bo, ro) = (Some(b.origin), Some(r.origin));
        self.push(
            ids::REQUEST_PARAMETER_STYLE_CHANGED,
            a,
            bo,
            ro,
            Some(op.clone()),
        );
    }
}

/// The type of a schema that allows one primitive type (boolean, integer, number or
/// string; null aside) and nothing else: no union, no reference beside it.
fn primitive(api: &Api, id: SchemaId) -> Option<TypeSet> {
    let s = api.schema(id);
    let mut t = s.types?;
    t.remove(TypeSet::NULL);
    let one_primitive = [
        TypeSet::BOOLEAN,
        TypeSet::INTEGER,
        TypeSet::NUMBER,
        TypeSet::STRING,
    ]
    .contains(&t);
    (one_primitive && plain(s)).then_some(t)
}

/// Whether every value a schema allows is a primitive (boolean, number, integer, string or
/// null): its types say so, or, with no type, each branch of its oneOf/anyOf does. A union
/// deeper than a few levels is taken as allowing anything.
fn primitive_values_only(api: &Api, id: SchemaId, depth: u8) -> bool {
    let s = api.schema(id);
    if let Some(mut t) = s.types {
        t.remove(TypeSet::NULL);
        return !t.is_empty() && !t.contains(TypeSet::ARRAY) && !t.contains(TypeSet::OBJECT);
    }
    let branches: Vec<SchemaId> = s.one_of.iter().chain(&s.any_of).copied().collect();
    !branches.is_empty()
        && depth < 4
        && branches
            .iter()
            .all(|&b| primitive_values_only(api, b, depth + 1))
}

/// The items of an array parameter schema whose one item is written as a value of type
/// `t` alone would be: items that may have that type, at most one item required, and a
/// style that repeats the name when `t` is a string.
fn items_written_alone(api: &Api, id: SchemaId, p: &Parameter, t: TypeSet) -> Option<SchemaId> {
    let s = api.schema(id);
    let mut types = s.types?;
    types.remove(TypeSet::NULL);
    if types != TypeSet::ARRAY || !plain(s) || s.limits().min_items.is_some_and(|n| n > 1) {
        return None;
    }
    let items = s.items?;
    let item_types = api.schema(items).types;
    if item_types.is_some_and(|it| !it.overlaps(t)) {
        return None;
    }
    let repeats_the_name = p.explode && (p.style == "form" || p.style == "matrix");
    (t != TypeSet::STRING || repeats_the_name).then_some(items)
}

/// Whether a schema stands alone: no `$ref` beside its keywords and no composition, whose
/// branches could allow other kinds of value.
fn plain(s: &Schema) -> bool {
    s.reference.is_none() && s.all_of.is_empty() && s.one_of.is_empty() && s.any_of.is_empty()
}

/// Parameters match by location and name; path parameters by their position in the
/// template, so renaming `{id}` to `{petId}` is no change.
fn param_identity(op: &Operation, p: &Parameter) -> String {
    if p.location == ParameterLocation::Path
        && let Some(i) = path_parameter_names(&op.path)
            .iter()
            .position(|n| *n == p.name)
    {
        return format!("path#{i}");
    }
    let (loc, name) = p.key();
    format!("{}:{name}", loc.as_str())
}

/// Whether `{name}` is a variable of the operation's path template. Paired path items
/// have templates with the same variables in the same places (their keys erase only the
/// names), so a variable of one side's template is in the other side's URL too: declaring
/// it is documentation, the URL clients build is unchanged.
fn in_template(op: &Operation, name: &str) -> bool {
    path_parameter_names(&op.path).contains(&name)
}

/// Whether a base path parameter whose declaration is gone still meant something on the
/// wire that the revision changed: not when its variable is still in the template (the
/// URL is the same, only the declaration was dropped), and not when it never was in the
/// base template (a misnamed declaration no client could send).
fn on_wire_after(b: &Operation, r: &Operation, p: &Parameter) -> bool {
    let Some(i) = path_parameter_names(&b.path)
        .iter()
        .position(|n| *n == p.name)
    else {
        return false;
    };
    path_parameter_names(&r.path).len() <= i
}

fn param_args(p: &Parameter) -> Vec<(&'static str, String)> {
    vec![
        ("in", p.location.as_str().to_string()),
        ("name", p.name.clone()),
        (
            "subject",
            format!("{} parameter `{}`", p.location.as_str(), p.name),
        ),
    ]
}
