//! What a string holds (3.1 `contentMediaType`, `contentEncoding`, `contentSchema`).
//! Grouped apart from `types` and `limits` because these describe an encoded document
//! inside the string, not the string itself.

use super::{Compared, Facts};
use crate::diff::fact::SchemaFact;
use crate::model::Schema;

pub(super) fn compare(p: &Compared<'_>, out: &mut Facts) {
    let bcm = p
        .base
        .first(|s| s.extra().content_media_type.is_some())
        .and_then(|s| s.extra().content_media_type.clone());
    let rcm = p
        .revision
        .first(|s| s.extra().content_media_type.is_some())
        .and_then(|s| s.extra().content_media_type.clone());
    if bcm != rcm {
        out.push(SchemaFact::ContentMediaTypeChanged { from: bcm, to: rcm });
    }
    let bce = p
        .base
        .first(|s| s.extra().content_encoding.is_some())
        .and_then(|s| s.extra().content_encoding.clone());
    let rce = p
        .revision
        .first(|s| s.extra().content_encoding.is_some())
        .and_then(|s| s.extra().content_encoding.clone());
    if bce != rce {
        out.push(SchemaFact::ContentEncodingChanged { from: bce, to: rce });
    }
    // contentSchema is kept as written among the keywords the model does not name: only
    // whether there is one is compared.
    let content_schema = |s: &Schema| s.extra().other.iter().any(|(k, _)| k == "contentSchema");
    match (
        p.base.first(content_schema).is_some(),
        p.revision.first(content_schema).is_some(),
    ) {
        (false, true) => out.push(SchemaFact::SubschemaAdded("content-schema")),
        (true, false) => out.push(SchemaFact::SubschemaRemoved("content-schema")),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::facts;
    use super::*;

    #[test]
    fn media_type_encoding_and_schema_of_a_string() {
        assert_eq!(
            facts(
                "S: {type: string, contentMediaType: image/png}",
                "S: {type: string, contentMediaType: image/jpeg, contentEncoding: base64, contentSchema: {type: object}}"
            ),
            [
                SchemaFact::ContentMediaTypeChanged {
                    from: Some("image/png".into()),
                    to: Some("image/jpeg".into())
                },
                SchemaFact::ContentEncodingChanged {
                    from: None,
                    to: Some("base64".into())
                },
                SchemaFact::SubschemaAdded("content-schema"),
            ]
        );
        assert_eq!(
            facts(
                "S: {type: string, contentSchema: {type: object}}",
                "S: {type: string}"
            ),
            [SchemaFact::SubschemaRemoved("content-schema")]
        );
    }
}
