//! Exports beside the pages: each plan as CSV for Excel, all deadlines as iCalendar, the
//! client-side search index; and (in `feeds.rs`) the feed and sitemap when the site has a
//! `base_url`.

mod calendar;
mod feeds;
pub mod search;

pub(crate) use feeds::{feed, sitemap};

use crate::model::{Kind, Responsible};
use crate::site::Ctx;
use rayon::prelude::*;

/// `(path, bytes)` for the exports made from front matter alone: each plan's CSV and the
/// calendar, made as they are taken (at 10,000 documents they are 40 MB). (The search index
/// also reads the bodies.)
pub(crate) fn front_matter<'a>(ctx: &'a Ctx) -> impl ParallelIterator<Item = (String, Vec<u8>)> + 'a {
    let plans = ctx.model.docs.par_iter().enumerate().filter(|(_, d)| d.kind() == Kind::Plan);
    let csv = plans.map(move |(i, d)| (format!("handleplaner/{}.csv", d.id), plan_csv(ctx, i)));
    csv.chain(rayon::iter::once(()).map(move |()| ("frister.ics".to_string(), calendar::ics(ctx).into_bytes())))
}

/// A plan for Excel: UTF-8 with BOM (so Excel reads æøå), `;`-separated, CRLF rows.
pub(crate) fn plan_csv(ctx: &Ctx, i: usize) -> Vec<u8> {
    let t = ctx.t;
    let doc = &ctx.model.docs[i];
    let mut out = String::from("\u{feff}");
    let header =
        [t.section, t.title, t.question, t.recommendation, t.responsible, t.owner, t.deadline, t.status, t.answer];
    push_row(&mut out, header.iter().map(|s| s.to_string()));
    for s in doc.plan().into_iter().flat_map(|p| p.sections.iter()) {
        for item in &s.items {
            let who: Vec<String> = item
                .responsible
                .iter()
                .map(|w| match w {
                    Responsible::Faelles => t.faelles.to_string(),
                    Responsible::Party(id) => ctx.graph.party(id).map_or(id.clone(), |p| p.details.name.clone()),
                })
                .collect();
            let row = [
                s.title.clone(),
                item.title.clone(),
                item.question.clone().unwrap_or_default(),
                item.guidance.clone().unwrap_or_default(),
                who.join(", "),
                item.owner.clone().unwrap_or_default(),
                item.deadline.map(|d| d.0.to_string()).unwrap_or_default(),
                ctx.item_status(item.status).label.to_string(),
                item.answer.clone().unwrap_or_default(),
            ];
            push_row(&mut out, row.into_iter());
        }
    }
    out.into_bytes()
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    let cells: Vec<String> = fields.map(|f| csv_field(f.trim())).collect();
    out.push_str(&cells.join(";"));
    out.push_str("\r\n");
}

/// A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab or CR first)
/// gets a `'` in front, as OWASP advises against CSV injection: `=HYPERLINK(…)` in a plan
/// must stay text in Excel. Documented in docs/security.md.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_never_start_a_formula() {
        assert_eq!(csv_field("=HYPERLINK(\"https://x\";\"y\")"), "\"'=HYPERLINK(\"\"https://x\"\";\"\"y\"\")\"");
        for s in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_field(s).trim_start_matches('"').starts_with('\''), "{s}");
        }
        assert_eq!(csv_field("Kommune"), "Kommune");
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
