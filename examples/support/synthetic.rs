//! A synthetic site of any size for the search benchmark: agreements, action plans and
//! documents whose text is drawn from the bundled site's own Danish words (so word
//! frequencies look real) plus a long tail of made-up compounds (so the vocabulary keeps
//! growing with the site, as real text does). Deterministic: the same size gives the same site.

use std::fmt::Write as _;
use std::path::Path;

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Zipf-like: small indices are much more likely.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "sam", "ar", "bejds", "af", "ta", "le", "ind", "sats", "be", "hand", "lings", "for", "løb", "kom", "mu", "ne",
    "re", "gi", "on", "ud", "dan", "nel", "ses", "virk", "som", "heds", "bor", "ger", "råd", "giv", "ning", "styr",
    "el", "sen", "op", "føl", "gning", "mø", "de", "plan",
];

struct Words {
    real: Vec<String>,
    made: Vec<String>,
}

impl Words {
    fn new(repo: &Path, rng: &mut Rng) -> Words {
        let mut real = Vec::new();
        for path in content_files(repo) {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let body = text.splitn(3, "---").nth(2).unwrap_or("");
            real.extend(
                body.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 1).map(str::to_lowercase),
            );
        }
        let made = (0..60_000)
            .map(|_| (0..2 + rng.below(4)).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect::<String>())
            .collect();
        Words { real, made }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        if rng.below(12) == 0 {
            &self.made[rng.skewed(self.made.len())]
        } else {
            &self.real[rng.below(self.real.len())]
        }
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        let n = 7 + rng.below(14);
        let mut s: String = (0..n).map(|_| self.word(rng)).collect::<Vec<_>>().join(" ");
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        s + "."
    }

    fn paragraph(&self, rng: &mut Rng, sentences: usize) -> String {
        (0..sentences).map(|_| self.sentence(rng)).collect::<Vec<_>>().join(" ")
    }
}

/// The `.md` files under `repo/content`, in name order: the words come out in the same order
/// on every file system, so the same size gives the same site.
pub fn content_files(repo: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(repo.join("content"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect()
}

const KOMMUNER: usize = 98;
const REGIONER: usize = 5;

/// Writes `site.yaml` and `docs` documents under `root`: 60 % agreements, 25 % action plans
/// (12 items each), 15 % documents, plus the parties they name.
pub fn write_site(root: &Path, repo: &Path, docs: usize) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let words = Words::new(repo, &mut rng);
    let write = |rel: String, text: String| {
        let p = root.join("content").join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(root.join("site.yaml"), "title: Syntetisk aftalebog\norganisation: Benchmark\nlanguage: da\n")
        .unwrap();
    for k in 0..KOMMUNER {
        write(
            format!("parter/kommune-{k:03}.md"),
            format!("---\ntitle: Kommune {k:03}\nkind: kommune\n---\n{}\n", words.paragraph(&mut rng, 2)),
        );
    }
    for r in 0..REGIONER {
        write(
            format!("parter/region-{r}.md"),
            format!("---\ntitle: Region {r} Psykiatri\nkind: psykiatri\n---\n{}\n", words.paragraph(&mut rng, 2)),
        );
    }
    let (agreements, plans) = (docs * 60 / 100, docs * 25 / 100);
    for n in 0..docs {
        let (dir, text) = if n < agreements {
            ("aftaler", agreement(&words, &mut rng, n))
        } else if n < agreements + plans {
            ("handleplaner", plan(&words, &mut rng, n, n - agreements))
        } else {
            ("dokumenter", document(&words, &mut rng, n))
        };
        write(format!("{dir}/doc-{n:05}.md"), text);
    }
}

fn parties(rng: &mut Rng) -> (String, String) {
    (format!("kommune-{:03}", rng.below(KOMMUNER)), format!("region-{}", rng.below(REGIONER)))
}

fn title(words: &Words, rng: &mut Rng, n: usize) -> String {
    let w: Vec<&str> = (0..3 + rng.below(4)).map(|_| words.word(rng)).collect();
    format!("{} {n}", w.join(" "))
}

/// Between `fewest` and `fewest + 3` sections of headed paragraphs.
fn body(words: &Words, rng: &mut Rng, fewest: usize) -> String {
    let mut out = String::new();
    for _ in 0..fewest + rng.below(4) {
        let heading: Vec<&str> = (0..2 + rng.below(3)).map(|_| words.word(rng)).collect();
        let _ = writeln!(out, "## {}\n", heading.join(" "));
        for _ in 0..1 + rng.below(3) {
            let sentences = 2 + rng.below(4);
            let _ = writeln!(out, "{}\n", words.paragraph(rng, sentences));
        }
    }
    out
}

fn agreement(words: &Words, rng: &mut Rng, n: usize) -> String {
    let (k, r) = parties(rng);
    let duty = |rng: &mut Rng| words.sentence(rng).replace('"', "");
    format!(
        "---\ntitle: \"{}\"\nsummary: \"{}\"\nstatus: gældende\neffective: 2024-01-01\nparties: [{k}, {r}]\nresponsibilities:\n  {k}:\n    - \"{}\"\n    - \"{}\"\n  {r}:\n    - \"{}\"\n---\n{}",
        title(words, rng, n),
        words.sentence(rng),
        duty(rng),
        duty(rng),
        duty(rng),
        body(words, rng, 4)
    )
}

fn plan(words: &Words, rng: &mut Rng, n: usize, p: usize) -> String {
    let (k, r) = parties(rng);
    let mut yaml = format!(
        "---\ntitle: \"{}\"\nsummary: \"{}\"\nstatus: gældende\nparties: [{k}, {r}]\n",
        title(words, rng, n),
        words.sentence(rng)
    );
    // There are more agreements than plans, so each plan carries out one.
    let _ = writeln!(yaml, "agreement: doc-{p:05}");
    yaml.push_str("sections:\n");
    for s in 0..3 {
        let _ = writeln!(yaml, "  - title: \"Afsnit {s} {}\"\n    items:", words.word(rng));
        for i in 0..4 {
            let who = [&k, &r, "fælles"][rng.below(3)];
            let status = ["åben", "i gang", "færdig"][rng.below(3)];
            let _ = writeln!(
                yaml,
                "      - title: \"{}\"\n        question: \"{}\"\n        guidance: \"{}\"\n        responsible: [{who}]\n        deadline: 2026-{:02}-{:02}\n        status: {status}\n        answer: \"{}\"",
                title(words, rng, s * 10 + i),
                words.sentence(rng),
                words.sentence(rng),
                1 + rng.below(12),
                1 + rng.below(28),
                if status == "åben" { String::new() } else { words.sentence(rng) }
            );
        }
    }
    yaml + "---\n" + &words.paragraph(rng, 3) + "\n"
}

fn document(words: &Words, rng: &mut Rng, n: usize) -> String {
    format!(
        "---\ntitle: \"{}\"\nsummary: \"{}\"\n---\n{}",
        title(words, rng, n),
        words.sentence(rng),
        body(words, rng, 3)
    )
}
