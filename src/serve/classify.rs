//! The pure step between file events and rebuilds: what a file-system event means for the
//! build, decided from its kind and paths alone (no file system access, so the tests build
//! events by hand). Editors' swap and backup files, the output folder, `target/`, `.git/`
//! and the build's own reads change nothing.

use crate::source::is_editor_artifact;
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind};
use std::path::{Component, Path};

/// The folders under the root whose contents feed the build.
pub const WATCHED_DIRS: [&str; 3] = ["content", "themes", "templates"];
/// What an event asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// Not an input of the build (swap files, `public/`, `target/`, `.git/`, reads).
    Ignore,
    /// An input changed.
    Rebuild,
    /// A watched folder itself appeared or went away: watch again, then rebuild.
    Rewatch,
}

/// Decides what a file-system event means, from its kind and paths alone (no file system
/// access, so tests call it directly). `root` is the absolute site root the watches were set on.
pub fn classify(root: &Path, event: &Event) -> Action {
    if event.need_rescan() {
        return Action::Rebuild;
    }
    if !changes_contents(&event.kind) {
        return Action::Ignore;
    }
    event.paths.iter().map(|p| classify_path(root, p)).max().unwrap_or(Action::Ignore)
}

/// Reads, opens and access-time updates change nothing (and the build's own reads cause
/// them: counting them would loop).
fn changes_contents(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// What a change at `path` means for the build.
pub(super) fn classify_path(root: &Path, path: &Path) -> Action {
    let Ok(rel) = path.strip_prefix(root) else {
        return Action::Ignore;
    };
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(name) => parts.push(name.to_string_lossy()),
            _ => return Action::Ignore,
        }
    }
    if parts.iter().any(|p| is_editor_artifact(p)) {
        return Action::Ignore;
    }
    match parts.as_slice() {
        [file] if file == crate::config::CONFIG_FILE => Action::Rebuild,
        [dir] if WATCHED_DIRS.contains(&dir.as_ref()) => Action::Rewatch,
        [dir, ..] if WATCHED_DIRS.contains(&dir.as_ref()) => Action::Rebuild,
        // public/, target/ and everything else at the root.
        _ => Action::Ignore,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, Flag, RemoveKind, RenameMode};
    use std::path::PathBuf;

    fn ev(kind: EventKind, paths: &[&str]) -> Event {
        paths.iter().fold(Event::new(kind), |e, p| e.add_path(PathBuf::from("/site").join(p)))
    }

    fn write(path: &str) -> Event {
        ev(EventKind::Modify(ModifyKind::Data(DataChange::Any)), &[path])
    }

    fn root() -> &'static Path {
        Path::new("/site")
    }

    #[test]
    fn content_theme_templates_and_config_rebuild() {
        for p in [
            "content/aftaler/x.md",
            "content/_index.md",
            "themes/default/static/style.css",
            "templates/base.html",
            "site.yaml",
        ] {
            assert_eq!(classify(root(), &write(p)), Action::Rebuild, "{p}");
        }
    }

    #[test]
    fn editor_swap_and_backup_files_are_ignored() {
        for p in [
            "content/aftaler/.x.md.swp",
            "content/aftaler/.x.md.swx",
            "content/aftaler/4913",
            "content/aftaler/x.md~",
            "content/aftaler/.#x.md",
            "content/aftaler/#x.md#",
            "content/.git/index",
            ".site.yaml.swp",
            "site.yaml~",
        ] {
            assert_eq!(classify(root(), &write(p)), Action::Ignore, "{p}");
            assert_eq!(classify(root(), &ev(EventKind::Create(CreateKind::File), &[p])), Action::Ignore, "{p}");
        }
    }

    #[test]
    fn output_target_git_and_other_files_are_ignored() {
        for p in
            ["public/index.html", "public", "target/debug/x", ".git/index", "README.md", "notes.txt", "/elsewhere/x.md"]
        {
            assert_eq!(classify(root(), &write(p)), Action::Ignore, "{p}");
        }
        assert_eq!(classify(root(), &write("../site/content/x.md")), Action::Ignore);
    }

    #[test]
    fn reads_and_access_times_are_ignored_but_closing_a_written_file_is_not() {
        let p = "content/aftaler/x.md";
        assert_eq!(classify(root(), &ev(EventKind::Access(AccessKind::Open(AccessMode::Any)), &[p])), Action::Ignore);
        assert_eq!(classify(root(), &ev(EventKind::Access(AccessKind::Close(AccessMode::Read)), &[p])), Action::Ignore);
        assert_eq!(
            classify(root(), &ev(EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)), &[p])),
            Action::Ignore
        );
        assert_eq!(
            classify(root(), &ev(EventKind::Access(AccessKind::Close(AccessMode::Write)), &[p])),
            Action::Rebuild
        );
    }

    #[test]
    fn atomic_save_rename_and_delete() {
        // write temp + rename: the temp name is ignored, the rename onto the real name counts.
        assert_eq!(classify(root(), &write("content/aftaler/.x.md.tmp")), Action::Ignore);
        let rename = ev(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &["content/aftaler/.x.md.tmp", "content/aftaler/x.md"],
        );
        assert_eq!(classify(root(), &rename), Action::Rebuild);
        assert_eq!(
            classify(root(), &ev(EventKind::Remove(RemoveKind::File), &["content/aftaler/x.md"])),
            Action::Rebuild
        );
        let moved_out = ev(EventKind::Modify(ModifyKind::Name(RenameMode::From)), &["content/aftaler/x.md"]);
        assert_eq!(classify(root(), &moved_out), Action::Rebuild);
    }

    #[test]
    fn a_watched_folder_appearing_asks_for_a_rewatch() {
        assert_eq!(classify(root(), &ev(EventKind::Create(CreateKind::Folder), &["themes"])), Action::Rewatch);
        assert_eq!(classify(root(), &ev(EventKind::Create(CreateKind::Folder), &["public"])), Action::Ignore);
    }

    #[test]
    fn rescan_means_rebuild() {
        let e = Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert_eq!(classify(root(), &e), Action::Rebuild);
    }
}
