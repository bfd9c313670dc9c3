//! The synthetic sites' randomness and words: a small reproducible generator, and text drawn
//! from the bundled site's own Danish words plus a long tail of made-up compounds.

use std::path::Path;

/// xorshift64*: small, fast, reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Between `lo` and `hi`, both included.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Zipf-like: small indices are much more likely.
    pub fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "sam", "ar", "bejds", "af", "ta", "le", "ind", "sats", "be", "hand", "lings", "for", "løb", "kom", "mu", "ne",
    "re", "gi", "on", "ud", "dan", "nel", "ses", "virk", "som", "heds", "bor", "ger", "råd", "giv", "ning", "styr",
    "el", "sen", "op", "føl", "gning", "mø", "de", "plan",
];

pub const TAGS: &[&str] = &[
    "beskæftigelse",
    "psykiatri",
    "uddannelse",
    "misbrug",
    "unge",
    "ældre",
    "sundhed",
    "botilbud",
    "jobcenter",
    "rehabilitering",
    "forebyggelse",
    "handicap",
    "børn og unge",
    "ydelser",
    "visitation",
    "udskrivning",
    "koordinering",
    "data",
    "kvalitet",
    "økonomi",
    "frivillighed",
    "pårørende",
    "hjemløshed",
    "integration",
    "netværk",
    "mentorstøtte",
    "arbejdsgivere",
    "evaluering",
    "kompetencer",
    "digitalisering",
];

pub struct Words {
    real: Vec<String>,
    made: Vec<String>,
}

impl Words {
    /// The bundled site's words, read in a sorted walk so the site does not depend on the
    /// file system's order.
    pub fn new(repo: &Path, rng: &mut Rng) -> Words {
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

    pub fn word(&self, rng: &mut Rng) -> &str {
        if rng.below(12) == 0 {
            &self.made[rng.skewed(self.made.len())]
        } else {
            &self.real[rng.below(self.real.len())]
        }
    }

    pub fn words(&self, rng: &mut Rng, n: usize) -> String {
        (0..n).map(|_| self.word(rng)).collect::<Vec<_>>().join(" ")
    }

    /// Between `lo` and `hi` words.
    pub fn some(&self, rng: &mut Rng, lo: usize, hi: usize) -> String {
        let n = rng.range(lo, hi);
        self.words(rng, n)
    }

    pub fn sentence(&self, rng: &mut Rng) -> String {
        let n = 7 + rng.below(14);
        let s = self.words(rng, n);
        let mut c = s.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str() + ".").unwrap_or_default()
    }

    pub fn paragraph(&self, rng: &mut Rng, sentences: usize) -> String {
        (0..sentences).map(|_| self.sentence(rng)).collect::<Vec<_>>().join(" ")
    }
}

/// The bundled site's Markdown files, in name order.
pub fn content_files(repo: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(repo.join("content"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect()
}
