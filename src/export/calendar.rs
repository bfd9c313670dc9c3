//! `frister.ics`: every dated plan item as an all-day iCalendar event (RFC 5545), so staff can
//! subscribe to the deadlines in Outlook or any calendar.

use crate::model::{ItemStatus, Kind};
use crate::site::Ctx;

pub fn ics(ctx: &Ctx) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//aftalebog//aftalebog//DA".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", escape(&format!("{} – {}", ctx.config.title, ctx.t.frister))),
    ];
    let stamp = format!("{}T000000Z", ctx.config.today.compact());
    for d in ctx.model.docs.iter().filter(|d| d.kind == Kind::Handleplan) {
        for item in d.plan().into_iter().flat_map(|p| p.items()) {
            let Some(deadline) = item.deadline else { continue };
            let mut summary = format!("{}: {}", ctx.t.deadline, item.title);
            if item.status == ItemStatus::Faerdig {
                summary.push_str(&format!(" ({})", ctx.t.item_faerdig));
            }
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!("UID:{}.{}@aftalebog", d.id, item.id));
            lines.push(format!("DTSTAMP:{stamp}"));
            lines.push(format!("DTSTART;VALUE=DATE:{}", deadline.0.compact()));
            lines.push(format!("DTEND;VALUE=DATE:{}", deadline.0.next_day().compact()));
            lines.push(format!("SUMMARY:{}", escape(&summary)));
            let mut desc = format!("{}: {}", ctx.t.plan, d.title);
            if let Some(q) = &item.question {
                desc.push_str(&format!("\n{}", q.trim()));
            }
            lines.push(format!("DESCRIPTION:{}", escape(&desc)));
            if let Some(base) = &ctx.config.base_url {
                lines.push(format!("URL:{base}/{}#{}", d.url(), item.id));
            }
            lines.push("END:VEVENT".into());
        }
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("")
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// Lines longer than 75 octets continue on the next line after a space, never inside a
/// UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        let long = format!("SUMMARY:{}", "æ".repeat(60));
        let folded = fold(&long);
        for l in folded.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\nd"), "a\\;b\\,c\\nd");
    }
}
