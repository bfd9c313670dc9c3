//! Scaffolding: `new` writes a document from a kind's starter text or from an existing
//! template (`--from`), and `init` writes a small working site, so editors start from
//! something that builds.

use crate::model::{Kind, Status};
use crate::slug::slugify;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// Creates `content/<kind dir>/<slug of title>.md` and returns its path relative to `root`.
pub fn new_document(root: &Path, kind: Kind, title: &str, from: Option<&str>) -> Result<PathBuf> {
    let id = slugify(title);
    if id.is_empty() {
        bail!("the title must contain letters or digits");
    }
    let rel = PathBuf::from("content").join(kind.dir()).join(format!("{id}.md"));
    let path = root.join(&rel);
    if path.exists() {
        bail!("{} already exists; choose another title", rel.display());
    }
    let text = match from {
        Some(source_id) => from_template(root, source_id, title)?,
        None => starter(kind, title),
    };
    std::fs::create_dir_all(path.parent().unwrap_or(root))
        .with_context(|| format!("cannot create the folder for {}", rel.display()))?;
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", rel.display()))?;
    Ok(rel)
}

fn yaml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn starter(kind: Kind, title: &str) -> String {
    let title = yaml_string(title);
    match kind {
        Kind::Agreement => format!(
            "---\ntitle: {title}\nstatus: udkast\neffective: \nparties:\n  - kommune\n  - psykiatrien\nmålgruppe:\n  description: \"\"\n  criteria: []\nresponsibilities:\n  fælles:\n    - \"\"\n---\n\n## Formål\n\n[Her beskrives formålet med aftalen.]\n"
        )
        .replace("effective: \n", ""),
        Kind::Plan => format!(
            "---\ntitle: {title}\nstatus: udkast\nparties: [kommune, psykiatrien]\nsections:\n  - title: Første afsnit\n    items:\n      - title: Første punkt\n        question: \"\"\n        responsible: [fælles]\n        status: åben\n        answer: \"\"\n---\n"
        ),
        Kind::Principle => format!("---\ntitle: {title}\nnumber: 1\nsummary: \"\"\n---\n\n- \n"),
        Kind::Document | Kind::Party | Kind::Index => format!("---\ntitle: {title}\nsummary: \"\"\n---\n\n"),
    }
}

/// A copy of template `id` with a new title, `status: udkast` and its own id.
fn from_template(root: &Path, id: &str, title: &str) -> Result<String> {
    let crate::Loaded { sources, model: site, .. } =
        crate::load_model(root, true, &mut crate::Memo::one_off(), &mut crate::Diagnostics::default());
    let Some(doc) = site.get(id) else {
        let templates: Vec<&str> =
            site.docs.iter().filter(|d| d.status == Some(Status::Skabelon)).map(|d| d.id.as_str()).collect();
        bail!(
            "no document with id `{id}`; templates in this site: {}",
            if templates.is_empty() { "none".into() } else { templates.join(", ") }
        );
    };
    if doc.status != Some(Status::Skabelon) {
        bail!("`{id}` is not a template (its status is not `skabelon`)");
    }
    let src = sources.iter().find(|s| s.rel == doc.source).context("template source vanished")?;
    let mut yaml = String::new();
    for line in src.yaml().lines() {
        let key = line.split(':').next().unwrap_or("").trim();
        match key {
            "title" if !line.starts_with(' ') => yaml.push_str(&format!("title: {}\n", yaml_string(title))),
            "status" if !line.starts_with(' ') => yaml.push_str("status: udkast\n"),
            "id" if !line.starts_with(' ') => {}
            _ => {
                yaml.push_str(line);
                yaml.push('\n');
            }
        }
    }
    Ok(format!("---\n{yaml}---\n{}", src.body()))
}

/// Writes a new site skeleton into `dir` (which must not hold a site already).
pub fn init_site(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.join("site.yaml").exists() || dir.join("content").exists() {
        bail!("{} already holds a site (site.yaml or content/)", dir.display());
    }
    let files: [(&str, &str); 6] = [
        ("site.yaml", "title: Aftalebog\norganisation: Min organisation\nlanguage: da\n"),
        ("content/_index.md", "---\ntitle: Aftalebog\n---\nVelkommen. Her finder du vores [[samarbejdsaftale]] og de principper, den bygger på.\n"),
        (
            "content/aftaler/samarbejdsaftale.md",
            "---\ntitle: Samarbejdsaftale\nstatus: udkast\nparties: [kommune, psykiatrien]\nprinciples: [ingen-eksklusion]\nresponsibilities:\n  kommune:\n    - Ansætte IPS-konsulenter.\n  psykiatrien:\n    - Give plads til IPS-konsulenterne.\n---\n\n## Formål\n\nAftalen gælder fra den \\_\\_\\_\\_\\_.\n",
        ),
        ("content/principper/ingen-eksklusion.md", "---\ntitle: Ingen eksklusion\nnumber: 1\nsummary: Alle, der ønsker at arbejde, kan deltage.\n---\n\n- IPS er en frivillig indsats.\n"),
        ("content/parter/kommune.md", "---\ntitle: Kommune\nkind: kommune\n---\n"),
        ("content/parter/psykiatrien.md", "---\ntitle: Psykiatrien\nkind: psykiatri\n---\n"),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))
            .with_context(|| format!("cannot create the folder for {rel}"))?;
        std::fs::write(&path, text).with_context(|| format!("cannot write {rel}"))?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}
