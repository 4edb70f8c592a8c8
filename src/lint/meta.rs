//! The official OpenAPI document schemas, compiled in and parsed once.

use crate::load::SpecFamily;
use crate::tree::{self, Limits, Node};
use std::sync::OnceLock;

const OAS2: &str = include_str!("../../rules/lint/schemas/oas-2.0.json");
const OAS30: &str = include_str!("../../rules/lint/schemas/oas-3.0.yaml");
const OAS31: &str = include_str!("../../rules/lint/schemas/oas-3.1.yaml");
const OAS32: &str = include_str!("../../rules/lint/schemas/oas-3.2.yaml");
const DRAFT04: &str = include_str!("../../rules/lint/schemas/draft-04.json");

fn parse(text: &'static str) -> Node {
    tree::parse(text, tree::Format::detect(text), &Limits::default())
        .expect("the bundled meta-schemas parse")
        .root
}

macro_rules! cached {
    ($name:ident, $text:expr) => {
        fn $name() -> &'static Node {
            static CELL: OnceLock<Node> = OnceLock::new();
            CELL.get_or_init(|| parse($text))
        }
    };
}

cached!(oas2, OAS2);
cached!(oas30, OAS30);
cached!(oas31, OAS31);
cached!(oas32, OAS32);
cached!(draft04, DRAFT04);

/// The documents a family's meta-schema needs, the meta-schema first, each with the URL
/// other documents refer to it by.
pub(crate) fn schema_docs(family: SpecFamily) -> Vec<(&'static str, &'static Node)> {
    match family {
        SpecFamily::Swagger2 => vec![
            ("http://swagger.io/v2/schema.json", oas2()),
            ("http://json-schema.org/draft-04/schema", draft04()),
        ],
        SpecFamily::OpenApi30 => vec![(
            "https://spec.openapis.org/oas/3.0/schema/WORK-IN-PROGRESS",
            oas30(),
        )],
        SpecFamily::OpenApi31 => vec![(
            "https://spec.openapis.org/oas/3.1/schema/WORK-IN-PROGRESS",
            oas31(),
        )],
        SpecFamily::OpenApi32 => vec![(
            "https://spec.openapis.org/oas/3.2/schema/WORK-IN-PROGRESS",
            oas32(),
        )],
    }
}
