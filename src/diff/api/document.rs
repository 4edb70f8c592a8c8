//! What the document says as a whole: tag definitions, info, the version, and component
//! schemas added, removed or renamed. Grouped because none of it belongs to one operation:
//! these facts carry no operation, or list those that reach them.

use super::ApiComparison;
use crate::model::{Api, SchemaId};
use crate::rules::ids;

impl ApiComparison<'_> {
    pub(super) fn tags(&mut self, b: &Api, r: &Api) {
        for t in &r.tags {
            if let Some(bt) = b.tags.iter().find(|x| x.name == t.name) {
                if bt.description != t.description
                    || bt.summary != t.summary
                    || bt.parent != t.parent
                {
                    self.push(
                        ids::API_TAG_DEFINITION_CHANGED,
                        vec![("value", t.name.clone())],
                        Some(bt.origin),
                        Some(t.origin),
                        None,
                    );
                }
            } else {
                self.push(
                    ids::API_TAG_DEFINITION_ADDED,
                    vec![("value", t.name.clone())],
                    Some(b.origin),
                    Some(t.origin),
                    None,
                );
            }
        }
        for t in &b.tags {
            if !r.tags.iter().any(|x| x.name == t.name) {
                self.push(
                    ids::API_TAG_DEFINITION_REMOVED,
                    vec![("value", t.name.clone())],
                    Some(t.origin),
                    Some(r.origin),
                    None,
                );
            }
        }
    }

    /// The document's own description: title, summary, description, terms, contact, licence.
    pub(super) fn info(&mut self, b: &Api, r: &Api) {
        let (bi, ri) = (&b.info, &r.info);
        let fields: [(&str, bool); 6] = [
            ("title", bi.title != ri.title),
            ("summary", bi.summary != ri.summary),
            ("description", bi.description != ri.description),
            ("termsOfService", bi.terms_of_service != ri.terms_of_service),
            ("contact", bi.contact != ri.contact),
            ("license", bi.license != ri.license),
        ];
        for (name, changed) in fields {
            if changed {
                self.push(
                    ids::API_INFO_CHANGED,
                    vec![("name", name.to_string())],
                    Some(bi.origin),
                    Some(ri.origin),
                    None,
                );
            }
        }
    }

    pub(super) fn components(&mut self, b: &Api, r: &Api) {
        // A schema removed and one of the same shape added is one schema renamed.
        let renamed = crate::diff::renames::component_renames(b, r);
        let revision_ids: Vec<SchemaId> = renamed
            .iter()
            .map(|(_, to)| {
                r.component_schema(to)
                    .expect("a renamed schema is in the revision")
            })
            .collect();
        let reaching = crate::diff::renames::operations_reaching(r, &revision_ids);
        for (((from, to), r_id), operations) in renamed.iter().zip(revision_ids).zip(reaching) {
            let b_id = b
                .component_schema(from)
                .expect("a renamed schema is in the base");
            let args = vec![("from", from.clone()), ("to", to.clone())];
            let (base, revision) = (Some(b.schema(b_id).origin), Some(r.schema(r_id).origin));
            self.push_reaching(ids::API_SCHEMA_RENAMED, args, base, revision, operations);
        }
        let was_renamed = |name: &str| renamed.iter().any(|(f, t)| f == name || t == name);
        for (name, id) in r.named_schemas() {
            if b.component_schema(name).is_none() && !was_renamed(name) {
                self.push(
                    ids::API_SCHEMA_ADDED,
                    vec![("name", name.clone())],
                    Some(b.origin),
                    Some(r.schema(*id).origin),
                    None,
                );
            }
        }
        let removed: Vec<(&String, SchemaId)> = b
            .named_schemas()
            .filter(|(name, _)| r.component_schema(name).is_none() && !was_renamed(name))
            .map(|(name, id)| (name, *id))
            .collect();
        // The operations that used each: an integrator's generated code met the model
        // class there (`--operations` keeps the change for them).
        let ids_removed: Vec<SchemaId> = removed.iter().map(|(_, id)| *id).collect();
        let reaching = crate::diff::renames::operations_reaching(b, &ids_removed);
        for ((name, id), operations) in removed.into_iter().zip(reaching) {
            self.push_reaching(
                ids::API_SCHEMA_REMOVED,
                vec![("name", name.clone())],
                Some(b.schema(id).origin),
                Some(r.origin),
                operations,
            );
        }
        if b.info.version != r.info.version {
            self.push(
                ids::API_VERSION_CHANGED,
                vec![
                    ("from", b.info.version.clone()),
                    ("to", r.info.version.clone()),
                ],
                Some(b.info.version_origin),
                Some(r.info.version_origin),
                None,
            );
        }
    }
}
