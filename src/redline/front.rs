//! The front matter of two versions compared field by field: title, version, dates, parties
//! added or removed, målgruppe, each party's duties and the principles stated. Lists show what
//! was removed ("before") and what was added ("after").

use crate::i18n::Strings;
use crate::model::{Agreement, Document, Model, Responsible};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct FieldChange {
    pub field: String,
    pub before: Vec<String>,
    pub after: Vec<String>,
}

fn scalar(out: &mut Vec<FieldChange>, field: &str, a: Option<String>, b: Option<String>) {
    if a != b {
        out.push(FieldChange { field: field.into(), before: a.into_iter().collect(), after: b.into_iter().collect() });
    }
}

/// What left the list and what joined it.
fn list(out: &mut Vec<FieldChange>, field: &str, a: &[String], b: &[String]) {
    let before: Vec<String> = a.iter().filter(|x| !b.contains(x)).cloned().collect();
    let after: Vec<String> = b.iter().filter(|x| !a.contains(x)).cloned().collect();
    if !before.is_empty() || !after.is_empty() {
        out.push(FieldChange { field: field.into(), before, after });
    }
}

fn party_name(model: &Model, doc: &Document, id: &str) -> String {
    let inline = doc.parties.iter().find(|p| p.id == id).and_then(|p| p.inline.as_ref()).map(|p| p.name.clone());
    inline
        .filter(|n| !n.is_empty())
        .or_else(|| model.get(id).map(|d| d.title.clone()))
        .unwrap_or_else(|| id.to_string())
}

pub(super) fn diff(model: &Model, a: &Document, b: &Document, t: &Strings) -> Vec<FieldChange> {
    let mut out = Vec::new();
    scalar(&mut out, t.title, Some(a.title.clone()), Some(b.title.clone()));
    let empty = Agreement::default();
    let (aa, ab) = (a.agreement().unwrap_or(&empty), b.agreement().unwrap_or(&empty));
    scalar(&mut out, t.version, aa.version.clone(), ab.version.clone());
    let date = |d: Option<crate::date::Date>| d.map(|d| crate::i18n::long_date(t.language, d));
    scalar(&mut out, t.effective, date(aa.effective), date(ab.effective));
    scalar(&mut out, t.expires, date(aa.expires), date(ab.expires));
    scalar(&mut out, t.review, date(aa.review), date(ab.review));
    let names = |d: &Document| d.parties.iter().map(|p| party_name(model, d, &p.id)).collect::<Vec<_>>();
    list(&mut out, t.parter, &names(a), &names(b));
    let (ma, mb) = (aa.target_group.clone().unwrap_or_default(), ab.target_group.clone().unwrap_or_default());
    scalar(&mut out, t.malgruppe, ma.description, mb.description);
    list(&mut out, t.criteria, &ma.criteria, &mb.criteria);
    let mut who: Vec<&Responsible> = aa.responsibilities.iter().chain(&ab.responsibilities).map(|r| &r.who).collect();
    who.dedup();
    let mut seen = Vec::new();
    for w in who {
        if seen.contains(&w) {
            continue;
        }
        seen.push(w);
        let duties = |g: &Agreement| g.responsibilities.iter().find(|r| &r.who == w).map(|r| r.duties.clone());
        let label = match w {
            Responsible::Faelles => t.faelles.to_string(),
            Responsible::Party(id) => party_name(model, if ab.responsibilities.is_empty() { a } else { b }, id),
        };
        let field = format!("{}: {label}", t.responsibilities);
        list(&mut out, &field, &duties(aa).unwrap_or_default(), &duties(ab).unwrap_or_default());
    }
    let principles = |d: &Document| {
        d.principles.iter().map(|p| model.get(&p.id).map_or(p.id.clone(), |x| x.title.clone())).collect::<Vec<_>>()
    };
    list(&mut out, t.principper, &principles(a), &principles(b));
    out
}
