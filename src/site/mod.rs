//! The site as the output stages see it: `Ctx`, everything a page or export may read, with the
//! helpers that turn model values into views; the view types; and the table of top-level pages.
//! `pages/` and `export/` both build on this module and never on each other.

mod fragments;
mod table;
mod views;

pub(crate) use fragments::Fragments;
pub(crate) use table::{list_of, TopPage, TopPageKind, TOP_PAGES};
pub(crate) use views::*;

use crate::config::Config;
use crate::graph::{Graph, ItemRef};
use crate::i18n::Strings;
use crate::model::{Document, ItemStatus, Kind, Model, Party, PartyKind, PlanItem, Responsible};
use crate::render::SiteHtml;

/// Everything a page builder may read.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub model: &'a Model,
    pub html: &'a SiteHtml,
    pub graph: &'a Graph,
    pub config: &'a Config,
    pub t: &'static Strings,
    pub glossary: &'a crate::terms::Glossary,
    /// Every document that supersedes another, compared with it (by new document's index).
    pub redlines: &'a [crate::redline::Redline],
    /// Fragments several pages share, rendered once (while pages are made).
    pub fragments: Option<&'a Fragments<'a>>,
}

pub(crate) fn href(root: &str, url: &str) -> String {
    format!("{root}{url}")
}

impl<'a> Ctx<'a> {
    pub(crate) fn kind_label(&self, k: Kind) -> &'static str {
        match k {
            Kind::Agreement => self.t.kind_aftale,
            Kind::Plan => self.t.kind_handleplan,
            Kind::Principle => self.t.kind_princip,
            Kind::Document => self.t.kind_dokument,
            Kind::Party => self.t.kind_part,
            Kind::Index => self.t.home,
        }
    }

    /// Document `i`'s status as every page shows it.
    pub(crate) fn doc_status(&self, i: usize) -> Option<DocStatus> {
        let l = self.graph.lifecycle.get(i).copied().flatten()?;
        Some(DocStatus {
            key: l.shown.key(),
            label: l.shown.label(self.t),
            note: l.effective.map(|d| format!("{} {}", self.t.comes_into_force, self.date(d))),
            review: l.review_due.map(|_| self.t.banner_review),
        })
    }

    pub(crate) fn item_status(&self, s: ItemStatus) -> StatusView {
        let label = match s {
            ItemStatus::Aaben => self.t.item_aaben,
            ItemStatus::IGang => self.t.item_i_gang,
            ItemStatus::Faerdig => self.t.item_faerdig,
        };
        StatusView { key: s.key(), label }
    }

    fn party_kind(&self, k: PartyKind) -> &'static str {
        match k {
            PartyKind::Kommune => self.t.party_kind_kommune,
            PartyKind::Region => self.t.party_kind_region,
            PartyKind::Psykiatri => self.t.party_kind_psykiatri,
            PartyKind::Forskning => self.t.party_kind_forskning,
            PartyKind::Stat => self.t.party_kind_stat,
            PartyKind::Virksomhed => self.t.party_kind_virksomhed,
            PartyKind::Andet => self.t.party_kind_andet,
        }
    }

    pub(crate) fn date(&self, d: crate::date::Date) -> String {
        crate::i18n::long_date(self.config.language, d)
    }

    pub(crate) fn card(&self, root: &str, i: usize) -> DocCard {
        let d = &self.model.docs[i];
        DocCard {
            id: d.id.clone(),
            title: d.title.clone(),
            href: href(root, &d.url()),
            kind: d.kind().as_str(),
            kind_label: self.kind_label(d.kind()),
            summary: d.summary.clone(),
            status: self.doc_status(i),
            lang: self.lang(d),
        }
    }

    /// A document's language code when it differs from the site's, for a `lang` attribute
    /// around its text, so screen readers and hyphenation use the right language.
    pub(crate) fn lang(&self, d: &Document) -> Option<&'static str> {
        d.language.filter(|l| *l != self.config.language).map(|l| match l {
            crate::config::Language::Da => "da",
            crate::config::Language::En => "en",
        })
    }

    pub(crate) fn cards(&self, root: &str, idx: &[usize]) -> Vec<DocCard> {
        idx.iter().map(|&i| self.card(root, i)).collect()
    }

    pub(crate) fn doc_link(&self, root: &str, d: &Document) -> Link {
        Link { title: d.title.clone(), href: href(root, &d.url()) }
    }

    /// A party as the site knows it (merged details), for cards and lists.
    pub(crate) fn party(&self, root: &str, id: &str) -> Option<PartyView> {
        let node = self.graph.party(id)?;
        Some(self.party_view(root, &node.details))
    }

    pub(crate) fn party_view(&self, root: &str, p: &Party) -> PartyView {
        PartyView {
            id: p.id.clone(),
            name: p.name.clone(),
            short: p.short.clone(),
            kind_label: p.kind.map(|k| self.party_kind(k)),
            address: p.address.clone(),
            cvr: p.cvr.clone(),
            phone: p.phone.clone(),
            email: p.email.clone(),
            url: p.url.clone(),
            href: href(root, &format!("parter/{}.html", p.id)),
            signatory: p.signatory.clone(),
        }
    }

    /// The parties a document names, in its order, each with the site's merged details
    /// (the document's own inline declaration wins for its signatory).
    pub(crate) fn doc_parties(&self, root: &str, d: &Document) -> Vec<PartyView> {
        d.parties
            .iter()
            .filter_map(|r| {
                let mut v = self.party(root, &r.id)?;
                if let Some(s) = r.inline.as_ref().and_then(|p| p.signatory.clone()) {
                    v.signatory = Some(s);
                }
                Some(v)
            })
            .collect()
    }

    pub(crate) fn responsible_link(&self, root: &str, r: &Responsible) -> Link {
        match r {
            Responsible::Faelles => Link { title: self.t.faelles.to_string(), href: String::new() },
            Responsible::Party(id) => match self.graph.party(id) {
                Some(p) => Link { title: p.details.name.clone(), href: href(root, &format!("parter/{id}.html")) },
                None => Link { title: id.clone(), href: String::new() },
            },
        }
    }

    pub(crate) fn is_overdue(&self, item: &PlanItem) -> bool {
        item.deadline.is_some_and(|d| d.0 < self.config.today) && item.status != ItemStatus::Faerdig
    }

    /// A plan item by reference, as shown on any page. `Detail::Summary` leaves out the
    /// guidance and answer, for pages that list many items from many plans.
    pub(crate) fn item(&self, root: &str, r: ItemRef, detail: Detail) -> ItemView {
        let plan_doc = &self.model.docs[r.plan];
        let plan = plan_doc.plan().expect("ItemRef points at a plan");
        let (section, item) = plan
            .sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s, i)))
            .nth(r.item)
            .expect("item index in range");
        let html = &self.html.docs[r.plan].items[r.item];
        let expanded: Vec<String> = item
            .responsible
            .iter()
            .flat_map(|w| match w {
                Responsible::Faelles => {
                    plan_doc.parties.iter().map(|p| p.id.clone()).chain(["faelles".to_string()]).collect()
                }
                Responsible::Party(id) => vec![id.clone()],
            })
            .collect();
        let plan_href = href(root, &plan_doc.url());
        ItemView {
            id: item.id.clone(),
            title: item.title.clone(),
            href: format!("{plan_href}#{}", item.id),
            plan: Link { title: plan_doc.title.clone(), href: plan_href },
            section: section.title.clone(),
            question: html.question.as_ref().map(|h| h.html.clone()),
            guidance: html.guidance.as_ref().filter(|_| detail == Detail::Full).map(|h| h.html.clone()),
            answer: html.answer.as_ref().filter(|_| detail == Detail::Full).map(|h| h.html.clone()),
            responsible: item.responsible.iter().map(|w| self.responsible_link(root, w)).collect(),
            responsible_keys: expanded.join(" "),
            owner: item.owner.clone(),
            deadline: item.deadline.map(|d| d.0.to_string()),
            deadline_long: item.deadline.map(|d| self.date(d.0)),
            overdue: self.is_overdue(item),
            status: self.item_status(item.status),
        }
    }

    /// Plan items as party and principle pages (one folder down) list them: a summary with
    /// its plan named, each rendered once for all of them.
    pub(crate) fn item_summaries(&self, items: &[ItemRef]) -> Vec<String> {
        match self.fragments {
            Some(f) => items.iter().map(|&r| f.item(r, || self.item("../", r, Detail::Summary))).collect(),
            None => Vec::new(),
        }
    }

    /// In force today: shown as `gældende` (not replaced, expired or yet to come, SPEC §2.8).
    pub(crate) fn in_force(&self, i: usize) -> bool {
        use crate::graph::Shown;
        use crate::model::Status;
        self.graph.lifecycle[i].is_some_and(|l| l.shown == Shown::Written(Status::Gaeldende))
    }

    /// "Underskrevet af alle parter <dato>" or "Mangler underskrift fra …"; `None` when no
    /// party of the agreement has a signatory.
    pub(crate) fn signature_status(&self, d: &Document) -> Option<SignatureStatus> {
        use crate::signatures::Signatures;
        match crate::signatures::of(self.model, d) {
            Signatures::NotTracked => None,
            Signatures::All(date) => {
                Some(SignatureStatus { complete: true, text: format!("{} {}", self.t.signed_all, self.date(date)) })
            }
            Signatures::Missing(ids) => {
                let name = |id: &String| self.graph.party(id).map_or(id.clone(), |p| p.details.name.clone());
                let names: Vec<String> = ids.iter().map(name).collect();
                let text = format!("{} {}", self.t.signed_missing, names.join(", "));
                Some(SignatureStatus { complete: false, text })
            }
        }
    }
}
