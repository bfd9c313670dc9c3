//! Raw front matter → typed document: defaults applied, ids made, fields checked against the
//! document's kind. Every problem becomes a positioned diagnostic; nothing later re-checks.

use super::raw::{RawDoc, RawItem, RawParty, RawPartyRef, RawPrincipleRef, RawSection, RawSignatory};
use super::types::*;
use crate::anchors::fixed;
use crate::diagnostics::{Diagnostic, Pos};
use crate::slug::{is_slug, slugify, UniqueSlugs};
use crate::yaml::Locator;
use std::collections::HashSet;
use std::path::Path;

/// Collects the diagnostics of one file while it is resolved.
pub(super) struct Resolver<'a> {
    pub file: &'a Path,
    pub loc: &'a Locator,
    pub diags: Vec<Diagnostic>,
    /// The line of the plan item being resolved: its fields are looked up from there, so a
    /// plan of n items costs n short searches, not n searches of the whole front matter.
    pub from: usize,
}

impl Resolver<'_> {
    fn error(&mut self, pos: Pos, message: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.file, pos, message).with_hint(hint));
    }

    fn id_field(&mut self, key: &str, id: &str) -> String {
        if slugify(id).is_empty() {
            return String::new(); // reported by `no_id`, with a hint that fits
        }
        if !is_slug(id) {
            let pos = self.loc.find(key, id);
            let slug = slugify(id);
            self.error(pos, format!("`{id}` is not a valid id"), format!("ids use a–z, 0–9 and `-`: write `{slug}`"));
            return slug;
        }
        id.to_string()
    }

    fn refs(&mut self, key: &str, ids: &[String]) -> Vec<Ref> {
        ids.iter().map(|id| Ref { id: id.clone(), pos: self.loc.find_from(key, id, self.from) }).collect()
    }
}

/// Resolves one parsed file. `None` if it cannot become a document at all.
pub(super) fn resolve(r: &mut Resolver, kind: Kind, raw: RawDoc, body: Body) -> Option<Document> {
    let Some(title) = raw.title.clone().filter(|t| !t.trim().is_empty()) else {
        r.error(r.loc.start(), "missing field `title`", "add a line `title: …` to the front matter");
        return None;
    };
    check_fields_fit_kind(r, kind, &raw);
    let id = match (&raw.id, kind) {
        (_, Kind::Index) => "_index".to_string(),
        (Some(id), _) => r.id_field("id", id),
        (None, _) => default_id(r.file),
    };
    if id.is_empty() {
        no_id(r, raw.id.as_deref());
        return None;
    }
    let status = raw.status.or(matches!(kind, Kind::Agreement | Kind::Plan).then_some(Status::Udkast));
    let related = r.refs("related", &raw.related);
    let supersedes = raw.supersedes.as_ref().map(|s| Ref { id: s.clone(), pos: r.loc.find("supersedes", s) });
    let principles = raw.principles.iter().map(|p| principle_ref(r, p)).collect();
    let parties: Vec<PartyRef> = raw.parties.iter().map(|p| party_ref(r, p)).collect();
    let terms = terms(r, &raw);
    let data = kind_data(r, kind, &raw, &title, &parties);
    Some(Document {
        id,
        source: r.file.to_path_buf(),
        title,
        summary: raw.summary,
        date: raw.date,
        updated: raw.updated,
        tags: raw.tags,
        status,
        related,
        supersedes,
        owner: raw.owner.filter(|o| !o.trim().is_empty()),
        language: raw.language,
        principles,
        parties,
        terms,
        numbered: raw.numbered.unwrap_or(false),
        body,
        locator: r.loc.clone(),
        data,
    })
}

/// An id that slugs to nothing would make a page named `.html`: an error at the `id:` line, or
/// at the file when the id comes from its name.
fn no_id(r: &mut Resolver, explicit: Option<&str>) {
    let hint = "ids use a–z, 0–9 and `-`; æ, ø and å are spelled ae, oe and aa";
    match explicit {
        Some(id) => {
            let pos = r.loc.find("id", id);
            r.error(pos, format!("the id `{id}` has no letter or digit an address can be made from"), hint);
        }
        None => {
            let name = r.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let message = format!("the file name `{name}` has no letter or digit an address can be made from");
            r.error(r.loc.start(), message, format!("rename the file or add a line `id: …`; {hint}"));
        }
    }
}

/// The file name as an id: `Samarbejde Hillerød.md` → `samarbejde-hillerod`.
pub(crate) fn default_id(file: &Path) -> String {
    slugify(&file.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default())
}

fn check_fields_fit_kind(r: &mut Resolver, kind: Kind, raw: &RawDoc) {
    use Kind::*;
    let fields: [(&str, bool, &[Kind]); 21] = [
        ("numbered", raw.numbered.is_some(), &[Agreement, Document]),
        ("effective", raw.effective.is_some(), &[Agreement]),
        ("expires", raw.expires.is_some(), &[Agreement]),
        ("review", raw.review.is_some(), &[Agreement]),
        ("version", raw.version.is_some(), &[Agreement, Plan, Document]),
        ("målgruppe", raw.target_group.is_some(), &[Agreement]),
        ("responsibilities", raw.responsibilities.is_some(), &[Agreement]),
        ("history", !raw.history.is_empty(), &[Agreement, Plan, Document]),
        ("agreement", raw.agreement.is_some(), &[Plan]),
        ("sections", !raw.sections.is_empty(), &[Plan]),
        ("number", raw.number.is_some(), &[Principle]),
        ("name", raw.name.is_some(), &[Party]),
        ("short", raw.short.is_some(), &[Party]),
        ("kind", raw.kind.is_some(), &[Party]),
        ("address", raw.address.is_some(), &[Party]),
        ("cvr", raw.cvr.is_some(), &[Party]),
        ("phone", raw.phone.is_some(), &[Party]),
        ("email", raw.email.is_some(), &[Party]),
        ("url", raw.url.is_some(), &[Party]),
        ("signatory", raw.signatory.is_some(), &[Party]),
        ("parties", !raw.parties.is_empty(), &[Agreement, Plan, Document, Principle]),
    ];
    for (name, present, allowed) in fields {
        if present && !allowed.contains(&kind) {
            let pos = r.loc.key(name).or_else(|| r.loc.key("malgruppe")).unwrap_or(r.loc.start());
            let kinds: Vec<&str> = allowed.iter().map(|k| k.as_str()).collect();
            r.error(
                pos,
                format!("field `{name}` does not belong in a {}", kind.as_str()),
                format!("`{name}` is for: {} (remove it, or move the file to the right folder)", kinds.join(", ")),
            );
        }
    }
}

fn principle_ref(r: &mut Resolver, p: &RawPrincipleRef) -> PrincipleRef {
    match p {
        RawPrincipleRef::Id(id) => {
            PrincipleRef { id: id.clone(), number: None, wording: None, pos: r.loc.find("principles", id) }
        }
        RawPrincipleRef::Full(f) => PrincipleRef {
            id: f.id.clone(),
            number: f.number,
            wording: f.wording.clone().filter(|w| !w.trim().is_empty()),
            pos: r.loc.find("principles", &f.id),
        },
    }
}

fn party_ref(r: &mut Resolver, p: &RawPartyRef) -> PartyRef {
    match p {
        RawPartyRef::Id(id) => {
            let pos = r.loc.find("parties", id);
            PartyRef { id: r.id_field("parties", id), pos, inline: None }
        }
        RawPartyRef::Inline(raw) => {
            let pos = r.loc.find("parties", &raw.id);
            let id = r.id_field("parties", &raw.id);
            PartyRef { id: id.clone(), pos, inline: Some(party(id, raw)) }
        }
    }
}

fn party(id: String, raw: &RawParty) -> Party {
    Party {
        id,
        name: raw.name.clone().unwrap_or_default(),
        short: raw.short.clone(),
        kind: raw.kind,
        address: raw.address.clone(),
        cvr: raw.cvr.clone().map(|v| v.0),
        phone: raw.phone.clone().map(|v| v.0),
        email: raw.email.clone(),
        url: raw.url.clone(),
        signatory: raw.signatory.clone().map(signatory),
    }
}

fn signatory(s: RawSignatory) -> Signatory {
    Signatory { name: s.name, title: s.title, for_party: s.for_party, signed: s.signed }
}

/// Defined terms, each with the line it is written on; an empty term or definition is an error.
fn terms(r: &mut Resolver, raw: &RawDoc) -> Vec<TermDef> {
    let mut out = Vec::new();
    for (name, definition) in raw.terms.iter().flatten() {
        let pos = r.loc.value(name.trim(), Some("terms")).unwrap_or(r.loc.find("terms", name));
        if name.trim().is_empty() || definition.trim().is_empty() {
            r.error(pos, "a term needs a name and a definition", "write `Term: Definition.` under `terms:`");
            continue;
        }
        out.push(TermDef { name: name.trim().to_string(), definition: definition.trim().to_string(), pos });
    }
    out
}

fn kind_data(r: &mut Resolver, kind: Kind, raw: &RawDoc, title: &str, parties: &[PartyRef]) -> KindData {
    match kind {
        Kind::Agreement => KindData::Agreement(agreement(r, raw)),
        Kind::Plan => KindData::Plan(plan(r, raw, parties)),
        Kind::Principle => KindData::Principle { number: raw.number },
        Kind::Document => KindData::Document,
        Kind::Index => KindData::Index,
        Kind::Party => {
            let as_party = RawParty {
                id: String::new(),
                name: raw.name.clone().or_else(|| Some(title.to_string())),
                short: raw.short.clone(),
                kind: raw.kind,
                address: raw.address.clone(),
                cvr: raw.cvr.clone(),
                phone: raw.phone.clone(),
                email: raw.email.clone(),
                url: raw.url.clone(),
                signatory: raw.signatory.clone(),
            };
            let id = raw.id.clone().map(|i| slugify(&i)).unwrap_or_else(|| default_id(r.file));
            KindData::Party(party(id, &as_party))
        }
    }
}

fn agreement(r: &mut Resolver, raw: &RawDoc) -> Agreement {
    let responsibilities = raw
        .responsibilities
        .iter()
        .flatten()
        .map(|(key, duties)| {
            let pos = r.loc.key(key).unwrap_or(r.loc.start());
            Responsibility { who: Responsible::parse(key), pos, duties: duties.clone() }
        })
        .collect();
    Agreement {
        effective: raw.effective,
        expires: raw.expires,
        review: raw.review,
        version: raw.version.clone().map(|v| v.0),
        target_group: raw
            .target_group
            .as_ref()
            .map(|m| TargetGroup { description: m.description.clone(), criteria: m.criteria.clone() }),
        responsibilities,
        history: raw
            .history
            .iter()
            .map(|h| HistoryEntry { version: h.version.clone().map(|v| v.0), date: h.date, note: h.note.clone() })
            .collect(),
    }
}

/// The ids a plan's items may not take, and those handed out so far.
struct ItemIds {
    /// The page's own ids: the fixed ids, the sections' anchors and the party cards (see
    /// [`crate::anchors::reserved`]).
    page: HashSet<String>,
    /// For items without `id:`; starts with the page's ids and every written `id:` taken.
    slugs: UniqueSlugs,
    /// Written `id:`s met so far.
    written: HashSet<String>,
}

/// A plan's items get ids clear of every other id on its page, so each id there is unique.
fn plan(r: &mut Resolver, raw: &RawDoc, parties: &[PartyRef]) -> Plan {
    let section_ids = (1..=raw.sections.len()).map(fixed::plan_section);
    let page: HashSet<String> = fixed::all()
        .chain(section_ids.flat_map(|a| [format!("{a}-title"), a]))
        .chain(parties.iter().map(|p| format!("party-{}", p.id)))
        .collect();
    let written = raw.sections.iter().flat_map(|s| &s.items).filter_map(|i| i.id.as_ref()).map(|id| slugify(id));
    let slugs = UniqueSlugs::reserving(page.iter().cloned().chain(written));
    let mut ids = ItemIds { page, slugs, written: HashSet::new() };
    let sections = raw.sections.iter().map(|s| section(r, s, &mut ids)).collect();
    r.from = 0;
    let agreement = raw.agreement.as_ref().map(|a| Ref { id: a.clone(), pos: r.loc.find("agreement", a) });
    Plan { agreement, sections }
}

fn section(r: &mut Resolver, s: &RawSection, ids: &mut ItemIds) -> PlanSection {
    let items = s.items.iter().map(|i| item(r, i, ids)).collect();
    PlanSection { title: s.title.clone(), intro: s.intro.clone(), items }
}

fn item(r: &mut Resolver, i: &RawItem, ids: &mut ItemIds) -> PlanItem {
    let pos = r.loc.value_from(&i.title, r.from).or_else(|| r.loc.value(&i.title, None)).unwrap_or(r.loc.start());
    r.from = pos.line;
    let id = match &i.id {
        Some(id) => {
            let id = r.id_field("id", id);
            if ids.page.contains(&id) {
                r.error(
                    r.loc.find("id", &id),
                    format!("item id `{id}` is an id the page uses itself"),
                    format!("choose another `id:`, e.g. `{id}-punkt`"),
                );
            } else if !ids.written.insert(id.clone()) {
                r.error(
                    r.loc.find("id", &id),
                    format!("item id `{id}` is used twice in this plan"),
                    "give each item its own `id:`",
                );
            }
            id
        }
        None => ids.slugs.next(&slugify(&i.title)),
    };
    let non_empty = |s: &Option<String>| s.clone().filter(|t| !t.trim().is_empty());
    PlanItem {
        id,
        title: i.title.clone(),
        question: non_empty(&i.question),
        guidance: non_empty(&i.guidance),
        responsible: i.responsible.iter().map(|s| Responsible::parse(s)).collect(),
        owner: non_empty(&i.owner),
        deadline: i.deadline.map(Deadline),
        status: i.status.unwrap_or_default(),
        answer: non_empty(&i.answer),
        principles: r.refs("principles", &i.principles),
        pos,
    }
}
