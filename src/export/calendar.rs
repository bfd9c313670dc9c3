//! `frister.ics`: every dated plan item and every agreement's expiry and review date as an
//! all-day iCalendar event (RFC 5545), so staff can subscribe to them in Outlook or any calendar.

use crate::date::Date;
use crate::graph::lifecycle::DateKind;
use crate::model::{ItemStatus, Kind};
use crate::site::Ctx;

pub(super) fn ics(ctx: &Ctx) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//aftalebog//aftalebog//DA".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", escape(&format!("{} – {}", ctx.config.title, ctx.t.frister))),
    ];
    let stamp = format!("{}T000000Z", ctx.config.today.compact());
    let url = |path: String| ctx.config.base_url.as_ref().map(|base| format!("{base}/{path}"));
    for d in ctx.model.docs.iter().filter(|d| d.kind() == Kind::Plan) {
        for item in d.plan().into_iter().flat_map(|p| p.items()) {
            let Some(deadline) = item.deadline else { continue };
            let mut summary = format!("{}: {}", ctx.t.deadline, item.title);
            if item.status == ItemStatus::Faerdig {
                summary.push_str(&format!(" ({})", ctx.t.item_faerdig));
            }
            let mut desc = format!("{}: {}", ctx.t.plan, d.title);
            if let Some(q) = &item.question {
                desc.push_str(&format!("\n{}", q.trim()));
            }
            let uid = format!("{}.{}", d.id, item.id);
            let link = url(format!("{}#{}", d.url(), item.id));
            event(&mut lines, Event { uid, stamp: &stamp, date: deadline.0, summary, desc, url: link });
        }
    }
    for a in crate::graph::lifecycle::agreement_dates(ctx.model, &ctx.graph.lifecycle) {
        let d = &ctx.model.docs[a.doc];
        let (what, key) = match a.kind {
            DateKind::Expires => (ctx.t.deadline_expires, "udloeber"),
            DateKind::Review => (ctx.t.deadline_review, "genbesoeges"),
        };
        let summary = format!("{what}: {}", d.title);
        let desc = format!("{}: {}", ctx.t.agreement, d.title);
        let uid = format!("{}.{key}", d.id);
        event(&mut lines, Event { uid, stamp: &stamp, date: a.date, summary, desc, url: url(d.url()) });
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 3).sum());
    lines.iter().for_each(|l| fold_into(&mut out, l));
    out
}

/// One all-day event.
struct Event<'a> {
    uid: String,
    stamp: &'a str,
    date: Date,
    summary: String,
    desc: String,
    url: Option<String>,
}

fn event(lines: &mut Vec<String>, e: Event) {
    lines.push("BEGIN:VEVENT".into());
    lines.push(format!("UID:{}@aftalebog", e.uid));
    lines.push(format!("DTSTAMP:{}", e.stamp));
    lines.push(format!("DTSTART;VALUE=DATE:{}", e.date.compact()));
    lines.push(format!("DTEND;VALUE=DATE:{}", e.date.next_day().compact()));
    lines.push(format!("SUMMARY:{}", escape(&e.summary)));
    lines.push(format!("DESCRIPTION:{}", escape(&e.desc)));
    if let Some(u) = e.url {
        lines.push(format!("URL:{u}"));
    }
    lines.push("END:VEVENT".into());
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    // Runs of plain text go out as they stand; only these bytes start something else (0xC2
    // also starts the C1 controls, U+0080 to U+009F).
    while let Some(at) = rest.bytes().position(|b| matches!(b, b'\\' | b';' | b',' | 0..=0x1f | 0x7f | 0xc2)) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(c) = rest.chars().next() else { break };
        let mut after = &rest[c.len_utf8()..];
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            // A bare CR would end the content line early; a CR and the LF after it (controls
            // between them dropped) are one line end.
            '\r' => {
                out.push_str("\\n");
                if let Some((i, '\n')) = after.char_indices().find(|&(_, c)| !dropped(c)) {
                    after = &after[i + 1..];
                }
            }
            // Controls have no place in a calendar.
            c if dropped(c) => {}
            c => out.push(c),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn dropped(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\r'
}

/// Appends `line` and its line end; lines longer than 75 octets continue on the next line
/// after a space, never inside a UTF-8 character.
fn fold_into(out: &mut String, line: &str) {
    if line.len() <= 75 {
        out.push_str(line);
        out.push_str("\r\n");
        return;
    }
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The escape as it was written first, a character at a time.
    fn escape_by_chars(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars().filter(|&c| c == '\n' || c == '\r' || !c.is_control()).peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push_str("\\n");
                }
                c => out.push(c),
            }
        }
        out
    }

    proptest! {
        #[test]
        fn escaping_runs_of_text_is_escaping_each_character(s in "[a-zæøå·§\\\\;,\r\n\t\u{0}\u{1}\u{7f}\u{80}\u{85}\u{9f}\u{a0}]{0,24}") {
            prop_assert_eq!(escape(&s), escape_by_chars(&s));
        }
    }

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        let long = format!("SUMMARY:{}", "æ".repeat(60));
        let mut folded = String::new();
        fold_into(&mut folded, &long);
        for l in folded.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
        let mut short = String::new();
        fold_into(&mut short, &"a".repeat(75));
        assert_eq!(short, format!("{}\r\n", "a".repeat(75)), "75 octets fit on one line");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\nd"), "a\\;b\\,c\\nd");
        assert_eq!(escape("a\rBEGIN:VEVENT\x07"), "a\\nBEGIN:VEVENT");
        assert_eq!(
            escape("a\\b\r\nc\r\x07\nd\n\re"),
            "a\\\\b\\nc\\nd\\n\\ne",
            "CRLF is one line end, also around a control"
        );
    }
}
