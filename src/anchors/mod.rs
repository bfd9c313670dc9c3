//! Fixed ids on pages: the sections a document's page renders (`#parter`, `#historik`, …) and
//! the other ids the templates write. Templates take section ids from here (through the page's
//! `sections`), the anchor check accepts a section only when its page renders it, and body
//! headings never take one of these ids, so every id on a page is unique.

pub(crate) mod fixed;

pub(crate) use fixed::{plan_section, Section, MAIN};

use crate::model::{Document, KindData};
use serde::Serialize;

/// The sections `doc`'s page renders, in page order. `toc` is whether the body has headings
/// enough for a table of contents.
pub(crate) fn sections(doc: &Document, toc: bool) -> Vec<Section> {
    let mut out = Vec::new();
    let mut push = |s: Section, when: bool| {
        if when {
            out.push(s)
        }
    };
    let parties = !doc.parties.is_empty();
    let principles = !doc.principles.is_empty();
    match &doc.data {
        KindData::Agreement(a) => {
            push(Section::Parties, parties);
            push(Section::TargetGroup, a.target_group.is_some());
            push(Section::Responsibilities, !a.responsibilities.is_empty());
            push(Section::Principles, principles);
            push(Section::Toc, toc);
            push(Section::Text, true);
            push(Section::History, !a.history.is_empty());
            push(Section::Signatures, parties);
        }
        KindData::Document | KindData::Index => {
            push(Section::Principles, principles);
            push(Section::Toc, toc);
            push(Section::Text, true);
        }
        KindData::Plan(_) => push(Section::Items, true),
        KindData::Principle { .. } => {
            push(Section::StatedIn, true);
            push(Section::Items, true);
        }
        KindData::Party(_) => {}
    }
    out
}

/// Whether the page has enough headings for a table of contents (the templates' rule).
pub(crate) fn has_toc(headings: impl Iterator<Item = u8>) -> bool {
    headings.filter(|&level| level <= 3).count() > 1
}

/// The ids a body heading on `doc`'s page must not take: every fixed id of any page (so a
/// heading's id does not depend on which sections happen to be shown), and the page's own
/// generated ids (party cards, plan sections and items).
pub(crate) fn reserved(doc: &Document) -> Vec<String> {
    let mut ids: Vec<String> = fixed::all().collect();
    ids.extend(doc.parties.iter().map(|p| format!("party-{}", p.id)));
    ids.extend(generated(doc));
    ids
}

/// Ids a page makes from the document's data: a plan's sections and items.
pub(crate) fn generated(doc: &Document) -> Vec<String> {
    let Some(plan) = doc.plan() else { return Vec::new() };
    let sections = (1..=plan.sections.len()).flat_map(|n| [plan_section(n), format!("{}-title", plan_section(n))]);
    sections.chain(plan.items().map(|i| i.id.clone())).collect()
}

/// The sections a page renders, as templates see them: `sections.target_group` is
/// `"maalgruppe"` when the page shows the target group, and absent otherwise.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct SectionIds {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parties: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_group: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsibilities: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principles: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatures: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_in: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toc: Option<&'static str>,
}

impl SectionIds {
    pub(crate) fn of(sections: &[Section]) -> SectionIds {
        let mut ids = SectionIds::default();
        for &s in sections {
            let slot = match s {
                Section::Parties => &mut ids.parties,
                Section::TargetGroup => &mut ids.target_group,
                Section::Responsibilities => &mut ids.responsibilities,
                Section::Principles => &mut ids.principles,
                Section::Text => &mut ids.text,
                Section::History => &mut ids.history,
                Section::Signatures => &mut ids.signatures,
                Section::StatedIn => &mut ids.stated_in,
                Section::Items => &mut ids.items,
                Section::Toc => &mut ids.toc,
            };
            *slot = Some(s.id());
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every literal id in the built-in templates is a section's (or its `-title`) or listed.
    #[test]
    fn templates_write_no_id_this_module_does_not_know() {
        let known: Vec<String> = fixed::all().collect();
        for (name, text) in crate::theme::TEMPLATES {
            for (i, m) in text.match_indices(" id=\"") {
                let id = text[i + m.len()..].split('"').next().unwrap_or_default();
                if id.contains("{{") {
                    continue;
                }
                assert!(known.iter().any(|k| k == id), "{name}: id `{id}` is neither a section nor in OTHER_IDS");
            }
        }
    }

    /// Section ids in templates come from `sections`, never written out.
    #[test]
    fn templates_take_section_ids_from_the_page() {
        for (name, text) in crate::theme::TEMPLATES {
            for s in Section::ALL {
                assert!(!text.contains(&format!("id=\"{}\"", s.id())), "{name} writes `{}` itself", s.id());
            }
        }
    }
}
