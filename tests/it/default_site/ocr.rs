//! The action plan's source is an OCR scan: no misreading of it reaches a page, and the plan's
//! items say what the repaired scan says, in its order.

use super::{all_text, built, norm};
use crate::harness::fixtures_dir;

#[test]
fn no_ocr_damage_survives() {
    let site = built();
    let damage = [
        "ngdvendigvis",
        "udtemmende",
        "Feelles",
        "Fzlles",
        "Faelles",
        "Feaelles",
        "Felles",
        "Malgruppe",
        "maltal",
        " bgr ",
        " bar ikke",
        "Igbende",
        "Lobende",
        "labende",
        "naglepersoner",
        "nagleperson",
        "nggleperson",
        "handieplan",
        "spgrgsmalet",
        "opfalgning",
        "m@des",
        "@vrige",
        "gvrige",
        "tilstedevaerelse",
        "veere",
        "vaere",
        "treeffetider",
        "Jeevnligt",
        "kleedes",
        "tveers",
        "ansaettes",
        "Anseaettelsesforhold",
        "maneden",
        "beskeeftigelses",
        "ledelsesmeessige",
        "ledelsesmaessigt",
        "hvornar",
        "farste",
        " pa ",
        "indga ",
        "gare status",
        "drafte",
        "personalemader",
        "forega ",
        "| forskningsprojektet",
    ];
    for (page, text) in all_text(&site) {
        for d in damage {
            assert!(!text.contains(d), "{page}: OCR damage {d:?} survives");
        }
    }
}

/// OCR damage in `aftale-og-handleplan-ips.ocr.txt` and its repair: distinctive misspellings,
/// replaced wherever they occur.
const OCR_FIXES: [(&str, &str); 41] = [
    ("| forskningsprojektet", "I forskningsprojektet"),
    ("malgrupper", "målgrupper"),
    ("vaere", "være"),
    ("veere", "være"),
    ("Igbende", "løbende"),
    ("labende", "løbende"),
    ("indgas", "indgås"),
    ("beskeeftigelsesrettede", "beskæftigelsesrettede"),
    ("haender", "hænder"),
    ("ansaettes", "ansættes"),
    ("ledelsesmeaessige", "ledelsesmæssige"),
    ("ledelsesmeessige", "ledelsesmæssige"),
    ("ledelsesmaessigt", "ledelsesmæssigt"),
    ("nagleperson", "nøgleperson"),
    ("nagglepersonen", "nøglepersonen"),
    ("nggleperson", "nøgleperson"),
    ("naglepersoner", "nøglepersoner"),
    ("nagler", "nøgler"),
    ("beere", "bære"),
    ("feelles", "fælles"),
    ("ledermader", "ledermøder"),
    ("opstartsmade", "opstartsmøde"),
    ("personalemader", "personalemøder"),
    ("personalemgader", "personalemøder"),
    ("Hvornar", "Hvornår"),
    ("hvornar", "hvornår"),
    ("@vrige", "øvrige"),
    ("gvrige", "øvrige"),
    ("myndighedsradgiver", "myndighedsrådgiver"),
    ("kleedes", "klædes"),
    ("tveers", "tværs"),
    ("tilstedevaerelse", "tilstedeværelse"),
    ("maneden", "måneden"),
    ("treeffetider", "træffetider"),
    ("farste", "første"),
    ("m@des", "mødes"),
    ("mades", "mødes"),
    ("Jeevnligt", "jævnligt"),
    ("drafte", "drøfte"),
    ("gare status", "gøre status"),
    ("ngdvendigvis", "nødvendigvis"),
];

/// Short OCR misreadings that are also (other) words: repaired only as whole words.
const OCR_WORD_FIXES: [(&str, &str); 9] = [
    ("pa", "på"),
    ("indga", "indgå"),
    ("bar", "bør"),
    ("bgr", "bør"),
    ("aret", "året"),
    ("nar", "når"),
    ("bade", "både"),
    ("forega", "foregå"),
    ("ogsa", "også"),
];

/// The OCR source as running text with its damage repaired: lines joined (a line ending in
/// `-` joins the next without a space, `IPS-` + `indsatsen`), misreadings fixed.
fn repaired_ocr_plan() -> String {
    let raw = std::fs::read_to_string(fixtures_dir().join("seeds/aftale-og-handleplan-ips.ocr.txt")).unwrap();
    let mut joined = String::new();
    for line in raw.lines().map(str::trim) {
        joined.push_str(line);
        if !line.ends_with('-') {
            joined.push(' ');
        }
    }
    for (wrong, right) in OCR_FIXES {
        joined = joined.replace(wrong, right);
    }
    let words: Vec<String> = joined
        .split_whitespace()
        .map(|w| {
            let core = w.trim_end_matches(['.', ',', '?', ':']);
            match OCR_WORD_FIXES.iter().find(|(wrong, _)| *wrong == core) {
                Some((_, right)) => format!("{right}{}", &w[core.len()..]),
                None => w.to_string(),
            }
        })
        .collect();
    norm(&words.join(" "))
}

#[test]
fn ocr_plan_item_by_item_against_the_repaired_source() {
    let site = built();
    let source = repaired_ocr_plan();
    let html = scraper::Html::parse_document(&site.page("handleplaner/aftale-og-handleplan-ips.html"));
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let text = |e: scraper::ElementRef| norm(&e.text().collect::<String>());
    let items: Vec<scraper::ElementRef> = html.select(&select("article.item")).collect();
    assert_eq!(items.len(), 22, "the plan's 22 items");
    let mut last = 0;
    for item in items {
        let id = item.value().attr("id").unwrap_or("?");
        let question = item.select(&select(".question p")).map(text).collect::<Vec<_>>().join(" ");
        assert!(!question.is_empty(), "{id}: no question");
        let at = source.find(&question).unwrap_or_else(|| panic!("{id}: question not in the source: {question:?}"));
        assert!(at > last, "{id}: the items keep the source's order");
        last = at;
        for recommendation in item.select(&select(".recommendation p")).map(text) {
            assert!(source.contains(&recommendation), "{id}: recommendation not in the source: {recommendation:?}");
        }
    }
}
