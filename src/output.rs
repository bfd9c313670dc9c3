//! Atomic write: the whole site goes into a fresh sibling folder, which replaces the output
//! folder only once every file is written. The output folder is the user's: a failed build
//! leaves the last site untouched; a folder aftalebog did not create (no marker file) is never
//! replaced unless it is empty or holds only the files `site.yaml` names in `keep:`, which are
//! carried over; a symbolic link is followed, and its target replaced; an existing folder's
//! mode and owner are kept; leftovers of a killed build are cleaned up by the next one.

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The file that marks a folder as aftalebog's output.
pub const MARKER: &str = ".aftalebog-output";

/// Refuses output folders that hold anything but an earlier build and the `keep` files.
pub fn ensure_replaceable(out: &Path, keep: &[String]) -> Result<()> {
    let out = &resolve_link(out)?;
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        bail!("output path {} exists and is not a folder", out.display());
    }
    let entries = std::fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
    let foreign: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| !keep.contains(n))
        .collect();
    if !foreign.is_empty() && !out.join(MARKER).is_file() {
        bail!(
            "{} is not empty and was not made by aftalebog; refusing to replace it (choose another --out, empty the folder, or name files to carry over under `keep:` in site.yaml)",
            out.display()
        );
    }
    Ok(())
}

/// Refuses an output folder inside `content/`: the next build would publish the last one.
pub fn ensure_outside_content(out: &Path, root: &Path) -> Result<()> {
    let content = std::fs::canonicalize(root.join("content")).unwrap_or_else(|_| root.join("content"));
    let mut out = absolute(out)?;
    // The nearest existing ancestor, resolved, tells where a folder yet to be made will be.
    let mut rest = Vec::new();
    while !out.exists() {
        let Some(name) = out.file_name() else { break };
        rest.push(name.to_os_string());
        out.pop();
    }
    let resolved = std::fs::canonicalize(&out).unwrap_or(out);
    if resolved.starts_with(&content) {
        bail!("the output folder must not be inside content/ (it would be published as content on the next build); choose another --out");
    }
    Ok(())
}

/// A symbolic link's final target, so the site replaces what the link points at and the
/// link itself stays (a web root linked to `public/`).
fn resolve_link(out: &Path) -> Result<PathBuf> {
    let out = absolute(out)?;
    match std::fs::symlink_metadata(&out) {
        Ok(m) if m.file_type().is_symlink() => {
            let target =
                std::fs::canonicalize(&out).with_context(|| format!("cannot follow the link {}", out.display()))?;
            Ok(target)
        }
        _ => Ok(out),
    }
}

pub fn write_site<'a>(
    files: impl IntoParallelIterator<Item = (&'a String, &'a Vec<u8>)>,
    out: &Path,
    keep: &[String],
) -> Result<()> {
    ensure_replaceable(out, keep)?;
    let out = resolve_link(out)?;
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    std::fs::create_dir_all(&parent).with_context(|| format!("cannot create {}", parent.display()))?;
    clean_leftovers(&parent, &name);
    let tmp = parent.join(format!(".{name}.new-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).with_context(|| format!("cannot clear {}", tmp.display()))?;
    }
    let result =
        fill(&tmp, files).and_then(|()| carry_over(&out, &tmp, keep)).and_then(|()| swap(&tmp, &out, &parent, &name));
    if result.is_err() && tmp.exists() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Removes `.{name}.new-PID` and `.{name}.old-PID` folders that a killed build left behind:
/// ours (marked or empty) and from a process that no longer runs. If the output itself is
/// missing, the last complete site among them is put back first.
fn clean_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    let out = parent.join(name);
    for entry in entries.filter_map(|e| e.ok()) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file.strip_prefix(&new).or_else(|| file.strip_prefix(&old)) else { continue };
        let ours = entry.path().join(MARKER).is_file();
        if !ours || pid.parse::<u32>().is_ok_and(process_runs) {
            continue;
        }
        // An old site whose replacement never arrived: the window between two renames.
        if file.starts_with(&old) && !out.exists() && std::fs::rename(entry.path(), &out).is_ok() {
            log::warn!("restored {} from an interrupted build", out.display());
            continue;
        }
        let _ = std::fs::remove_dir_all(entry.path());
    }
}

fn process_runs(pid: u32) -> bool {
    pid == std::process::id() || (cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists())
}

/// Copies the `keep` files from the old output into the new one, and the old folder's mode
/// and owner, so that what IT set up survives every build.
fn carry_over(out: &Path, tmp: &Path, keep: &[String]) -> Result<()> {
    let Ok(meta) = std::fs::metadata(out) else { return Ok(()) };
    for name in keep {
        let from = out.join(name);
        if from.is_file() && !name.contains(['/', '\\']) {
            std::fs::copy(&from, tmp.join(name)).with_context(|| format!("cannot carry over {}", from.display()))?;
        }
    }
    std::fs::set_permissions(tmp, meta.permissions())
        .with_context(|| format!("cannot set the mode of {}", tmp.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Changing the owner needs privileges; the group alone often works. Either is best effort.
        if std::os::unix::fs::chown(tmp, Some(meta.uid()), Some(meta.gid())).is_err() {
            let _ = std::os::unix::fs::chown(tmp, None, Some(meta.gid()));
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> Result<PathBuf> {
    if p.is_absolute() {
        return Ok(p.to_path_buf());
    }
    Ok(std::env::current_dir().context("cannot read the current folder")?.join(p))
}

fn fill<'a>(tmp: &Path, files: impl IntoParallelIterator<Item = (&'a String, &'a Vec<u8>)>) -> Result<()> {
    let files: Vec<(&String, &Vec<u8>)> = files.into_par_iter().collect();
    std::fs::create_dir_all(tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    std::fs::write(tmp.join(MARKER), b"This folder is generated by aftalebog and replaced on every build.\n")?;
    let dirs: BTreeSet<PathBuf> =
        files.iter().filter_map(|(p, _)| Path::new(p.as_str()).parent().map(Path::to_path_buf)).collect();
    for d in dirs {
        std::fs::create_dir_all(tmp.join(&d)).with_context(|| format!("cannot create {}", d.display()))?;
    }
    files.par_iter().try_for_each(|(path, bytes)| {
        let target = tmp.join(path.as_str());
        std::fs::write(&target, bytes).with_context(|| format!("cannot write {}", target.display()))
    })
}

/// Puts the new site in place: one atomic exchange on Linux; elsewhere two renames, whose
/// window the next build closes (`clean_leftovers`).
fn swap(tmp: &Path, out: &Path, parent: &Path, name: &str) -> Result<()> {
    if !out.exists() {
        return std::fs::rename(tmp, out).with_context(|| format!("cannot move the new site into {}", out.display()));
    }
    let old = if exchange(tmp, out) {
        tmp.to_path_buf()
    } else {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        std::fs::rename(out, &old).with_context(|| format!("cannot move the old site out of {}", out.display()))?;
        if let Err(e) = std::fs::rename(tmp, out) {
            let _ = std::fs::rename(&old, out);
            return Err(e).with_context(|| format!("cannot move the new site into {}", out.display()));
        }
        old
    };
    // The old folder is ours: it held the marker, or only the carried-over files.
    std::fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))
}

/// Swaps two folders in one step (`renameat2` with `RENAME_EXCHANGE`); false where the system
/// or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) =
        (std::ffi::CString::new(a.as_os_str().as_bytes()), std::ffi::CString::new(b.as_os_str().as_bytes()))
    else {
        return false;
    };
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        list.iter().map(|(p, c)| (p.to_string(), c.as_bytes().to_vec())).collect()
    }

    #[test]
    fn replaces_own_output_and_keeps_nothing_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = files(&[("a.html", "1"), ("x/b.html", "2")]);
        write_site(first.iter().map(|(a, b)| (a, b)).collect::<Vec<_>>(), &out, &[]).unwrap();
        let second = files(&[("a.html", "3")]);
        write_site(second.iter().map(|(a, b)| (a, b)).collect::<Vec<_>>(), &out, &[]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "3");
        assert!(!out.join("x/b.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn refuses_a_foreign_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("important.txt"), "keep").unwrap();
        let f = files(&[("a.html", "1")]);
        let err = write_site(f.iter().map(|(a, b)| (a, b)).collect::<Vec<_>>(), dir.path(), &[]).unwrap_err();
        assert!(err.to_string().contains("not made by aftalebog"));
        assert!(dir.path().join("important.txt").exists());
    }
}
