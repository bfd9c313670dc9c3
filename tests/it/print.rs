//! A contract printed whole: the Hillerød agreement printed to PDF by headless Chromium keeps
//! every column header of every table on paper, on A4, with its title and "side X af Y" on
//! every page. Needs Chromium and poppler-utils (`pdftotext`).

use crate::harness::{default_site, visible_text};
use std::process::Command;

/// The header cells of every table in a page, as text.
fn column_headers(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for thead in html.split("<thead>").skip(1) {
        let thead = &thead[..thead.find("</thead>").unwrap_or(thead.len())];
        for th in thead.split("<th").skip(1) {
            let cell = &th[th.find('>').map_or(0, |i| i + 1)..th.find("</th>").unwrap_or(th.len())];
            let text = visible_text(cell);
            if !text.is_empty() {
                out.push(text);
            }
        }
    }
    out
}

/// Letters and digits only: wrapped and hyphenated header cells still match.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[test]
#[ignore = "needs Chromium: run the README's test command"]
fn hilleroed_agreement_prints_every_column_on_numbered_a4_pages() {
    let site = default_site();
    site.build("2026-11-23");
    let page = site.path("public/aftaler/forskningssamarbejdsaftale-hillerod.html");
    let pdf = site.path("hillerod.pdf");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let out = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(pdf.is_file(), "no PDF: {}", String::from_utf8_lossy(&out.stderr));
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo (poppler-utils)");
    assert!(String::from_utf8_lossy(&info.stdout).contains("(A4)"), "A4 paper");
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    let n = pages.len();
    assert!(n > 3, "{n} pages");
    for (i, p) in pages.iter().enumerate() {
        assert!(p.contains("Forskningssamarbejdsaftale om IPS i Hillerød"), "page {}: title", i + 1);
        assert!(p.contains(&format!("side {} af {n}", i + 1)), "page {}: number: {p}", i + 1);
    }
    assert!(pages[n - 1].contains("Underskrifter"), "the signature page is numbered too");
    let paper = squeeze(&text);
    let html = site.page("aftaler/forskningssamarbejdsaftale-hillerod.html");
    let headers = column_headers(&html);
    assert!(headers.len() > 30, "{headers:?}");
    let lost: Vec<&String> = headers.iter().filter(|h| !paper.contains(&squeeze(h))).collect();
    assert!(lost.is_empty(), "column headers not on paper: {lost:?}");
}
