//! Writes a synthetic site of N documents (agreements, plans, documents, 8 principles, 50
//! parties) for benchmarks: `cargo run --release --example generate_site -- DIR 10000`.

use std::fmt::Write as _;
use std::path::Path;

const PRINCIPLES: [&str; 8] = [
    "ingen-eksklusion",
    "ordinaert-arbejde",
    "integreret-behandling",
    "vejledning-ydelser",
    "hurtig-jobsoegning",
    "arbejdsgiverkontakt",
    "tidsubegraenset-stoette",
    "deltagerens-praeferencer",
];
const PARTIES: usize = 50;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = Path::new(args.get(1).map(String::as_str).unwrap_or("bench-site"));
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    generate(dir, n)?;
    println!("wrote {n} documents to {}", dir.display());
    Ok(())
}

fn write(dir: &Path, rel: &str, text: &str) -> std::io::Result<()> {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap())?;
    std::fs::write(p, text)
}

fn paragraph(i: usize) -> String {
    format!(
        "Kommunen og psykiatrien samarbejder om borgere med svære psykiske lidelser, der ønsker job eller uddannelse. \
         Aftalerne beskriver ansvar, møder og opfølgning i forløb nummer {i}, og IPS-konsulenterne mødes jævnligt med behandlerne.\n\n"
    )
}

pub fn generate(dir: &Path, n: usize) -> std::io::Result<()> {
    write(dir, "site.yaml", "title: Benchmark\nlanguage: da\n")?;
    write(dir, "content/_index.md", "---\ntitle: Benchmark\n---\nEt syntetisk site.\n")?;
    for (k, id) in PRINCIPLES.iter().enumerate() {
        write(
            dir,
            &format!("content/principper/{id}.md"),
            &format!("---\ntitle: Princip {id}\nnumber: {}\n---\n- Element.\n", k + 1),
        )?;
    }
    for p in 0..PARTIES {
        write(
            dir,
            &format!("content/parter/part-{p}.md"),
            &format!(
                "---\ntitle: Part {p}\nkind: kommune\naddress: Vej {p}, 1000 By\ncvr: \"{}\"\n---\n",
                29_000_000 + p
            ),
        )?;
    }
    let agreements = n * 3 / 10;
    let plans = n / 5;
    for i in 0..n {
        let (rel, text) = if i < agreements {
            (format!("content/aftaler/aftale-{i}.md"), agreement(i))
        } else if i < agreements + plans {
            (format!("content/handleplaner/plan-{i}.md"), plan(i, i % agreements.max(1)))
        } else {
            (format!("content/dokumenter/dokument-{i}.md"), document(i, agreements))
        };
        write(dir, &rel, &text)?;
    }
    Ok(())
}

fn agreement(i: usize) -> String {
    let (a, b) = (i % PARTIES, (i + 7) % PARTIES);
    let mut s = format!(
        "---\ntitle: Samarbejdsaftale {i}\nstatus: gældende\neffective: 2024-01-01\nparties: [part-{a}, part-{b}]\nprinciples:\n  - {{ id: {}, number: 1, wording: \"Alle kan deltage.\" }}\nmålgruppe:\n  criteria: [Aldersgruppe 18+, Motiverede for job]\nresponsibilities:\n  part-{a}: [Ansætte IPS-konsulenter.]\n  fælles: [Holde møder.]\ntags: [ips, gruppe-{}]\n---\n",
        PRINCIPLES[i % 8],
        i % 20
    );
    for h in 0..4 {
        let _ = write!(s, "## Afsnit {h}\n\n{}", paragraph(i));
    }
    s
}

fn plan(i: usize, agreement: usize) -> String {
    let mut s = format!(
        "---\ntitle: Handleplan {i}\nagreement: aftale-{agreement}\nparties: [part-{}]\nsections:\n",
        i % PARTIES
    );
    for sec in 0..4 {
        let _ = write!(s, "  - title: Afsnit {sec}\n    items:\n");
        for it in 0..5 {
            let _ = write!(
                s,
                "      - title: Punkt {sec}-{it}\n        question: Hvem gør hvad i punkt {it}?\n        responsible: [fælles]\n        deadline: 2025-{:02}-15\n        principles: [{}]\n",
                1 + (i + it) % 12,
                PRINCIPLES[it % 8]
            );
        }
    }
    s.push_str("---\nPlanen følger aftalen.\n");
    s
}

fn document(i: usize, agreements: usize) -> String {
    let link = i % agreements.max(1);
    format!("---\ntitle: Notat {i}\nsummary: Et notat.\n---\n## Indhold\n\n{}Se [[aftale-{link}]].\n", paragraph(i))
}
