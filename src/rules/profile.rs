//! Client profiles: what kind of client a change is judged for. Every change id has a level
//! per profile in the catalogue (`level: {wire: ..., sdk: ...}` in `rules/changes.yaml`);
//! an id that gives no `sdk` level has its `wire` level under `sdk` too.

use serde::{Deserialize, Serialize};

/// The kind of client a change is judged for: levels are per profile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// A tolerant HTTP client: it ignores what it does not know and names nothing the
    /// document names (fields, operations, schemas) in its own code.
    #[default]
    Wire,
    /// A strict generated client (OpenAPI Generator, Stainless, Speakeasy, Fern, Kiota):
    /// enums and unions are closed types, and operationIds, tags, parameters, component
    /// schemas and properties become names in the integrator's code.
    Sdk,
}

impl Profile {
    /// Every profile, `wire` first.
    pub const ALL: [Profile; 2] = [Profile::Wire, Profile::Sdk];

    /// The name users write (`wire`, `sdk`).
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Wire => "wire",
            Profile::Sdk => "sdk",
        }
    }

    /// The profile a user named; the error lists the valid ones.
    pub fn parse(text: &str) -> Result<Profile, String> {
        Profile::ALL
            .into_iter()
            .find(|p| p.as_str() == text)
            .ok_or_else(|| format!("unknown profile `{text}`; the profiles are `wire` and `sdk`"))
    }
}

impl std::fmt::Display for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_names_the_valid_profiles() {
        assert_eq!(Profile::parse("sdk"), Ok(Profile::Sdk));
        assert_eq!(Profile::parse("wire"), Ok(Profile::Wire));
        let err = Profile::parse("sdks").unwrap_err();
        assert!(err.contains("`wire`") && err.contains("`sdk`"), "{err}");
    }
}
