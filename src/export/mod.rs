//! Exports beside the pages: each plan as CSV for Excel, all deadlines as iCalendar, the
//! client-side search index, and the feed and sitemap when the site has a `base_url`.

mod calendar;
pub mod search;

pub use search::search_files;

use crate::model::{Kind, Responsible};
use crate::site::Ctx;

/// `(path, bytes)` for every export.
pub fn all(ctx: &Ctx) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = ctx
        .model
        .docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind == Kind::Handleplan)
        .map(|(i, d)| (format!("handleplaner/{}.csv", d.id), plan_csv(ctx, i)))
        .collect();
    out.push(("frister.ics".into(), calendar::ics(ctx).into_bytes()));
    out.extend(search_files(ctx));
    if let Some(base) = &ctx.config.base_url {
        out.push(("feed.xml".into(), feed(ctx, base).into_bytes()));
    }
    out
}

/// A plan for Excel: UTF-8 with BOM (so Excel reads æøå), `;`-separated, CRLF rows.
pub fn plan_csv(ctx: &Ctx, i: usize) -> Vec<u8> {
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

fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The sitemap of every page in the built site (`paths` are all its files) but the 404 page,
/// when the site has a `base_url`.
pub fn sitemap<'a>(ctx: &Ctx, paths: impl Iterator<Item = &'a String>) -> Option<String> {
    let base = ctx.config.base_url.as_deref()?;
    let mut pages: Vec<&String> = paths.filter(|p| p.ends_with(".html") && *p != "404.html").collect();
    pages.sort();
    let body: String = pages
        .into_iter()
        .map(|u| format!("  <url><loc>{}/{}</loc></url>\n", xml_escape(base), xml_escape(u)))
        .collect();
    Some(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{body}</urlset>\n"))
}

/// Atom feed of dated documents, newest first.
fn feed(ctx: &Ctx, base: &str) -> String {
    let mut docs: Vec<_> =
        ctx.model.docs.iter().enumerate().filter_map(|(i, d)| d.updated.or(d.date).map(|x| (x, i, d))).collect();
    docs.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.id.cmp(&b.2.id)));
    let updated = docs.first().map_or(ctx.config.today, |d| d.0);
    let entries: String = docs
        .iter()
        .take(50)
        .map(|(date, i, d)| {
            let url = format!("{base}/{}", d.url());
            // The status a reader sees, as on the page (SPEC §2.8).
            let status = ctx.graph.shown(*i).map_or(String::new(), |s| {
                format!("\n    <category term=\"{}\" label=\"{}\"/>", s.key(), xml_escape(s.label(ctx.t)))
            });
            format!(
                "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{date}T00:00:00Z</updated>{status}\n    <summary>{}</summary>\n  </entry>\n",
                xml_escape(&d.title),
                xml_escape(&url),
                xml_escape(&url),
                xml_escape(d.summary.as_deref().unwrap_or(""))
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{}</title>\n  <link href=\"{}/\"/>\n  <id>{}/</id>\n  <updated>{updated}T00:00:00Z</updated>\n{entries}</feed>\n",
        xml_escape(&ctx.config.title),
        xml_escape(base),
        xml_escape(base)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
