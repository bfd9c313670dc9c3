//! Raw front matter as written: serde structs with `deny_unknown_fields` and ASCII aliases
//! for the Danish keys. Only shapes are checked here; meaning is given in `resolve`.

use super::types::{ItemStatus, Kind, PartyKind, Status};
use crate::date::Date;
use indexmap::IndexMap;
use serde::de::{self, value::MapAccessDeserializer, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// Every field any document may have; which kind may use which is checked in `resolve`,
/// so that a misplaced field gets a message naming the kind it belongs to.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDoc {
    pub title: Option<String>,
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub doc_type: Option<Kind>,
    pub summary: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub status: Option<Status>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub related: Vec<String>,
    pub supersedes: Option<String>,
    pub owner: Option<String>,
    /// The language the document is written in, when not the site's (`da` or `en`).
    pub language: Option<crate::config::Language>,
    #[serde(default)]
    pub principles: Vec<RawPrincipleRef>,
    #[serde(default)]
    pub parties: Vec<RawPartyRef>,
    /// Defined terms: term → definition (2.9).
    pub terms: Option<IndexMap<String, String>>,
    /// Number the headings as clauses (2.9).
    pub numbered: Option<bool>,
    // aftale
    pub effective: Option<Date>,
    pub expires: Option<Date>,
    pub review: Option<Date>,
    pub version: Option<VerbatimText>,
    #[serde(rename = "målgruppe", alias = "malgruppe")]
    pub target_group: Option<RawTargetGroup>,
    pub responsibilities: Option<IndexMap<String, Vec<String>>>,
    #[serde(default)]
    pub history: Vec<RawHistory>,
    // handleplan
    pub agreement: Option<String>,
    #[serde(default)]
    pub sections: Vec<RawSection>,
    // princip
    pub number: Option<u32>,
    // part (profile): the inline party fields
    pub name: Option<String>,
    pub short: Option<String>,
    pub kind: Option<PartyKind>,
    pub address: Option<String>,
    pub cvr: Option<VerbatimText>,
    pub phone: Option<VerbatimText>,
    pub email: Option<String>,
    #[serde(default, deserialize_with = "crate::safe_url::optional_link")]
    pub url: Option<String>,
    pub signatory: Option<RawSignatory>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTargetGroup {
    pub description: Option<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHistory {
    pub version: Option<VerbatimText>,
    pub date: Option<Date>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub title: String,
    pub intro: Option<String>,
    #[serde(default)]
    pub items: Vec<RawItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawItem {
    pub title: String,
    pub id: Option<String>,
    pub question: Option<String>,
    pub guidance: Option<String>,
    #[serde(default)]
    pub responsible: Vec<String>,
    pub owner: Option<String>,
    pub deadline: Option<Date>,
    pub status: Option<ItemStatus>,
    pub answer: Option<String>,
    #[serde(default)]
    pub principles: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSignatory {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub title: String,
    /// The name written over the signature line, where it differs from the party's name.
    #[serde(rename = "for")]
    pub for_party: Option<String>,
    /// The day this party signed.
    pub signed: Option<Date>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawParty {
    pub id: String,
    pub name: Option<String>,
    pub short: Option<String>,
    pub kind: Option<PartyKind>,
    pub address: Option<String>,
    pub cvr: Option<VerbatimText>,
    pub phone: Option<VerbatimText>,
    pub email: Option<String>,
    #[serde(default, deserialize_with = "crate::safe_url::optional_link")]
    pub url: Option<String>,
    pub signatory: Option<RawSignatory>,
}

/// A party written inline (fields) or as a bare id referring to `parter/<id>.md`.
#[derive(Debug)]
pub(crate) enum RawPartyRef {
    Id(String),
    Inline(Box<RawParty>),
}

/// A principle named by id, or with the document's own number and wording.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPrincipleFull {
    pub id: String,
    pub number: Option<u32>,
    pub wording: Option<String>,
}

#[derive(Debug)]
pub(crate) enum RawPrincipleRef {
    Id(String),
    Full(RawPrincipleFull),
}

/// Text kept exactly as written, though editors write it unquoted and YAML would read it as
/// a number: versions (`1.10`), CVR and phone numbers (`+45 12 34 56 78`). `yaml::parse`
/// quotes such values in block style before parsing; a number that still arrives (flow
/// style, `{version: 1.10}`) has lost its text, so it is refused with a request for quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct VerbatimText(pub String);

/// Deserializes "a string, or a map into T", keeping serde_yaml's positions for errors
/// inside the map (an untagged enum would lose them).
macro_rules! string_or_map {
    ($ty:ident, $map_ty:ty, $what:literal) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: de::Error>(self, s: &str) -> Result<$ty, E> {
                        Ok($ty::Id(s.to_string()))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        <$map_ty>::deserialize(MapAccessDeserializer::new(map)).map(Into::into)
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

impl From<RawParty> for RawPartyRef {
    fn from(p: RawParty) -> Self {
        RawPartyRef::Inline(Box::new(p))
    }
}

impl From<RawPrincipleFull> for RawPrincipleRef {
    fn from(p: RawPrincipleFull) -> Self {
        RawPrincipleRef::Full(p)
    }
}

string_or_map!(RawPartyRef, RawParty, "a party id, or a party with `id:` and `name:`");
string_or_map!(RawPrincipleRef, RawPrincipleFull, "a principle id, or `{ id, number, wording }`");

impl<'de> Deserialize<'de> for VerbatimText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = VerbatimText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<VerbatimText, E> {
                Ok(VerbatimText(s.to_string()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<VerbatimText, E> {
                Err(E::custom(format!("write this number in quotes (\"{n}\") so that it keeps its text as written")))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<VerbatimText, E> {
                Err(E::custom(format!("write this number in quotes (\"{n}\") so that it keeps its text as written")))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<VerbatimText, E> {
                Err(E::custom(format!("write this number in quotes (\"{n}\") so that it keeps its text as written")))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn versions_keep_their_text_or_ask_for_quotes() {
        let doc: RawDoc = crate::yaml::parse(Path::new("a"), "version: 1.10\ncvr: 29189366\n", 2).unwrap();
        assert_eq!(doc.version, Some(VerbatimText("1.10".into())));
        assert_eq!(doc.cvr, Some(VerbatimText("29189366".into())));
        let e = crate::yaml::parse::<RawDoc>(Path::new("a"), "history: [{version: 1.10}]\n", 2).unwrap_err();
        assert!(e.message.contains("in quotes"), "{e:?}");
    }
}
