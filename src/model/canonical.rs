//! A comparable JSON form of the model: origins dropped, schema ids replaced by
//! `{"$ref": name}` for component schemas and by the schema itself otherwise. Two models of
//! the same API serialise to equal values however they were written (JSON or YAML, and, up
//! to what the versions can express, Swagger 2.0 or OpenAPI 3.0).

use super::{Api, SchemaId};
use serde_json::{Map, Value};

/// The keys of a serialised [`super::Schema`] that hold one schema id, a list of ids, a list
/// of (name, id) pairs, or either a boolean or an id.
const ONE: [&str; 8] = [
    "$ref",
    "items",
    "contains",
    "property_names",
    "not",
    "if",
    "then",
    "else",
];
const LIST: [&str; 4] = ["prefix_items", "all_of", "one_of", "any_of"];
const NAMED: [&str; 3] = ["properties", "pattern_properties", "dependent_schemas"];
const BOOL_OR_ONE: [&str; 3] = [
    "additional_properties",
    "unevaluated_properties",
    "unevaluated_items",
];

/// Subtrees of the serialised model that hold user data, never schema ids.
const DATA: [&str; 6] = [
    "extensions",
    "examples",
    "links",
    "encoding",
    "info",
    "other",
];

/// The model as a comparable JSON value: origins dropped, component schemas by name, other
/// schema ids replaced by the schemas they name. Equal for two documents that describe the
/// same API however they are written (`tests/` compare JSON, YAML and 2.0 renditions with
/// it).
pub fn canonical_json(api: &Api) -> Value {
    let mut value = serde_json::to_value(api).unwrap_or(Value::Null);
    let Value::Object(top) = &mut value else {
        return value;
    };
    top.remove("schemas");
    let mut components = Map::new();
    for (name, id) in &api.component_schemas {
        components.insert(name.clone(), expand(api, *id, &mut Vec::new()));
    }
    top.insert("component_schemas".into(), Value::Object(components));
    for key in ["paths", "webhooks"] {
        if let Some(v) = top.get_mut(key) {
            replace_schema_ids(api, v);
        }
    }
    value
}

/// Replaces the ids under `schema` and `item_schema` keys with the schemas they name.
fn replace_schema_ids(api: &Api, value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if DATA.contains(&key.as_str()) {
                    continue;
                }
                if (key == "schema" || key == "item_schema")
                    && let Some(id) = as_id(v)
                {
                    *v = reference(api, id, &mut Vec::new());
                } else {
                    replace_schema_ids(api, v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_schema_ids(api, v)),
        _ => {}
    }
}

fn as_id(v: &Value) -> Option<SchemaId> {
    v.as_u64().map(|n| SchemaId(n as u32))
}

/// How a schema appears where it is used: by name when it is a component.
fn reference(api: &Api, id: SchemaId, visiting: &mut Vec<SchemaId>) -> Value {
    match &api.schema(id).name {
        Some(name) => serde_json::json!({ "$ref": name }),
        None => expand(api, id, visiting),
    }
}

/// The schema itself, with the schemas it holds as references.
fn expand(api: &Api, id: SchemaId, visiting: &mut Vec<SchemaId>) -> Value {
    if visiting.contains(&id) {
        return serde_json::json!({ "$cycle": true });
    }
    visiting.push(id);
    let mut value = serde_json::to_value(api.schema(id)).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.remove("name");
        for key in ONE {
            if let Some(v) = map.get_mut(key)
                && let Some(child) = as_id(v)
            {
                *v = reference(api, child, visiting);
            }
        }
        for key in LIST {
            if let Some(Value::Array(items)) = map.get_mut(key) {
                for v in items.iter_mut() {
                    if let Some(child) = as_id(v) {
                        *v = reference(api, child, visiting);
                    }
                }
            }
        }
        for key in NAMED {
            if let Some(Value::Array(pairs)) = map.get_mut(key) {
                let mut named = Map::new();
                for pair in pairs.iter() {
                    if let Some([Value::String(name), v]) = pair.as_array().map(Vec::as_slice)
                        && let Some(child) = as_id(v)
                    {
                        named.insert(name.clone(), reference(api, child, visiting));
                    }
                }
                map.insert(key.to_string(), Value::Object(named));
            }
        }
        for key in BOOL_OR_ONE {
            if let Some(v) = map.get_mut(key)
                && let Some(child) = as_id(v)
            {
                *v = reference(api, child, visiting);
            }
        }
    }
    visiting.pop();
    value
}
