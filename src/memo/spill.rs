//! The file format of the stages `build` keeps on disk ([`super::disk`]): length-prefixed,
//! hashed records, the program's fingerprint first, each a key and its result in postcard.

use super::key::Key;
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::{de::DeserializeOwned, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where one stage's results of this build go: `<name>.new` in the cache folder, which
/// `disk::save` puts in place of `<name>` once the build's output is; or, while the file in
/// place holds few results no build uses any more, appended to it.
#[derive(Clone)]
pub(crate) struct Spill {
    dir: PathBuf,
    name: &'static str,
    fingerprint: String,
    /// The keys of the results in the file in place, and how many records it has, when it
    /// is whole and of this program.
    on_file: Option<(Arc<FxHashSet<Key>>, usize)>,
    /// Its writes still running ([`Spill::write_later`]).
    running: Arc<Running>,
}

/// Writes on threads of their own, waited for before the cache is put in place, and when the
/// stage that spills goes: a build that fails leaves whole files too.
#[derive(Default)]
struct Running(std::sync::Mutex<Vec<std::thread::JoinHandle<()>>>);

impl Running {
    fn wait(&self) {
        let handles = std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()));
        for handle in handles {
            let _ = handle.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.wait();
    }
}

impl Spill {
    pub(super) fn new(dir: PathBuf, name: &'static str, fingerprint: String) -> Spill {
        Spill { dir, name, fingerprint, on_file: None, running: Arc::default() }
    }

    /// This spill, its file in place holding the records `read` back whole, in order.
    pub(super) fn holding<V>(self, read: &[(Key, V)]) -> Spill {
        Spill { on_file: Some((Arc::new(read.iter().map(|(k, _)| *k).collect()), read.len())), ..self }
    }

    /// Makes the next [`Spill::write`] write the file anew, whatever it holds.
    pub(crate) fn anew(&mut self) {
        self.on_file = None;
    }

    /// Writes `entries`: appended to the file in place, those it lacks and those `made`
    /// afresh (a later record replaces an earlier one of its key), while it then holds at
    /// most a quarter more records than this build's (a save changes a few of ten thousand:
    /// writing them all again was most of a one-edit rebuild's writing, and the next build
    /// reads what no build uses any more); else all of them anew.
    pub(crate) fn write<'a, V: Serialize + 'a>(
        &self,
        entries: impl Iterator<Item = (Key, &'a V)>,
        made: &FxHashSet<Key>,
    ) {
        let start = std::time::Instant::now();
        let entries: Vec<(Key, &V)> = entries.collect();
        let fresh: Option<Vec<(Key, &V)>> = self.on_file.as_ref().and_then(|(on_file, records)| {
            let new = |k: &Key| !on_file.contains(k) || made.contains(k);
            let fresh: Vec<(Key, &V)> = entries.iter().filter(|(k, _)| new(k)).copied().collect();
            (records + fresh.len() <= entries.len() + entries.len() / 4).then_some(fresh)
        });
        if let Some(fresh) = fresh {
            // A `.new` left by a build that failed would otherwise go in place of the file.
            let _ = std::fs::remove_file(self.dir.join(format!("{}.new", self.name)));
            match self.append(&fresh) {
                Ok(()) => {
                    let ms = start.elapsed().as_millis();
                    return log::debug!("build cache: {} results appended to {} in {ms} ms", fresh.len(), self.name);
                }
                Err(e) => log::debug!("cannot append to the build cache's {}: {e}", self.name),
            }
        }
        let path = self.dir.join(format!("{}.new", self.name));
        let written = std::fs::create_dir_all(&self.dir).and_then(|()| {
            let mut file = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
            record(&mut file, &encode(&self.fingerprint)?)?;
            records_of(&mut file, &entries)?;
            // Not synced: a file torn by a crash fails its records' hashes and is not used.
            file.into_inner().map_err(|e| e.into_error()).map(drop)
        });
        match written {
            Ok(()) => log::debug!("build cache: {} written in {} ms", self.name, start.elapsed().as_millis()),
            Err(e) => {
                log::warn!("cannot write the build cache's {}: {e}", self.name);
                let _ = std::fs::remove_file(&path);
            }
        }
    }

    /// [`Spill::write`] on a thread of its own, so the stages after it do not wait for the
    /// file to be encoded and written; [`Spill::wait`] does, before the cache is put in place.
    pub(crate) fn write_later<V: Serialize + Send + Sync + 'static>(
        &self,
        entries: Vec<(Key, Arc<V>)>,
        made: FxHashSet<Key>,
    ) {
        // One write at a time to a file.
        self.wait();
        // Not the list it is on: the thread would wait for itself when the list goes.
        let this = Spill { running: Arc::default(), ..self.clone() };
        let job = move || this.write(entries.iter().map(|(k, v)| (*k, &**v)), &made);
        match std::thread::Builder::new().name("aftalebog-cache".into()).spawn(job) {
            Ok(handle) => self.running.0.lock().unwrap_or_else(|p| p.into_inner()).push(handle),
            // Left out, like a cache that cannot be written: the next build makes it all.
            Err(e) => log::warn!("cannot write the build cache's {}: {e}", self.name),
        }
    }

    /// Waits for this spill's writes still running.
    pub(crate) fn wait(&self) {
        self.running.wait();
    }

    fn append<V: Serialize>(&self, entries: &[(Key, &V)]) -> std::io::Result<()> {
        let file = std::fs::File::options().append(true).open(self.dir.join(self.name))?;
        let mut file = std::io::BufWriter::with_capacity(1 << 20, file);
        records_of(&mut file, entries)?;
        file.into_inner().map_err(|e| e.into_error()).map(drop)
    }
}

/// `entries` as records, one at a time: written on a thread of its own beside the build
/// ([`Spill::write_later`]), so one record is held encoded at a time.
fn records_of<V: Serialize>(file: &mut impl std::io::Write, entries: &[(Key, &V)]) -> std::io::Result<()> {
    for entry in entries {
        record(file, &encode(entry)?)?;
    }
    Ok(())
}

impl Spill {
    /// Writes one value: the fingerprint and it in postcard, then the hash of those bytes.
    /// Streamed to the file, so it is never held encoded in memory. Failing, leaves none.
    pub(crate) fn write_one<T: Serialize + ?Sized>(&self, value: &T) -> bool {
        let start = std::time::Instant::now();
        let path = self.dir.join(format!("{}.new", self.name));
        let written = std::fs::create_dir_all(&self.dir).and_then(|()| {
            // Hashed as the buffer empties: postcard writes a value in many small pieces.
            let hashed = Hashed { file: std::fs::File::create(&path)?, hash: xxhash_rust::xxh3::Xxh3::new() };
            let mut buffered = std::io::BufWriter::with_capacity(1 << 20, hashed);
            postcard::to_io(&(&self.fingerprint, value), &mut buffered).map_err(std::io::Error::other)?;
            let Hashed { mut file, hash } = buffered.into_inner().map_err(|e| e.into_error())?;
            std::io::Write::write_all(&mut file, &hash.digest().to_le_bytes())
        });
        match written {
            Ok(()) => log::debug!("build cache: {} written in {} ms", self.name, start.elapsed().as_millis()),
            Err(e) => {
                log::warn!("cannot write the build cache's {}: {e}", self.name);
                let _ = std::fs::remove_file(&path);
            }
        }
        path.exists()
    }

    /// The value the last build wrote with [`Spill::write_one`] (the file this build's will
    /// replace), if it is there, whole and of this program and options.
    pub(crate) fn read_one<T: DeserializeOwned>(&self) -> Option<T> {
        let bytes = std::fs::read(self.dir.join(self.name)).ok()?;
        let (value, hash) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
        if xxhash_rust::xxh3::xxh3_64(value).to_le_bytes() != hash {
            return None;
        }
        let (found, value): (String, T) = postcard::from_bytes(value).ok()?;
        (found == self.fingerprint).then_some(value)
    }
}

/// A writer that hashes what goes through it.
struct Hashed<W> {
    file: W,
    hash: xxhash_rust::xxh3::Xxh3,
}

impl<W: std::io::Write> std::io::Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

pub(super) fn encode<T: Serialize + ?Sized>(value: &T) -> std::io::Result<Vec<u8>> {
    postcard::to_stdvec(value).map_err(std::io::Error::other)
}

/// One record: its length, the hash of its bytes, its bytes.
pub(super) fn record(file: &mut impl std::io::Write, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(&(bytes.len() as u32).to_le_bytes())?;
    file.write_all(&xxhash_rust::xxh3::xxh3_64(bytes).to_le_bytes())?;
    file.write_all(bytes)
}

/// The records of a spill file, `None` if it is cut short or a record's bytes fail its hash.
pub(super) fn records(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let mut records = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let hash = u64::from_le_bytes(rest.get(4..12)?.try_into().ok()?);
        records.push((hash, rest.get(12..12 + len)?));
        rest = &rest[12 + len..];
    }
    let whole = records.par_iter().all(|(hash, r)| xxhash_rust::xxh3::xxh3_64(r) == *hash);
    whole.then(|| records.into_iter().map(|(_, r)| r).collect())
}

/// A stage's entries as the last build spilled them, if the file is there, whole and of
/// this program and options; decoded in parallel.
pub(super) fn read_entries<V: DeserializeOwned + Send + Sync>(
    path: &Path,
    fingerprint: &str,
) -> Option<Vec<(Key, Arc<V>)>> {
    read_entries_by(path, fingerprint, 4 << 20)
}

/// [`read_entries`], reading about `batch` bytes at a time into one buffer: the file read
/// whole was a second copy of its 100 MB (at 10,000 documents) at the peak of a rebuild,
/// in fresh memory the kernel had to clear.
fn read_entries_by<V: DeserializeOwned + Send + Sync>(
    path: &Path,
    fingerprint: &str,
    batch: usize,
) -> Option<Vec<(Key, Arc<V>)>> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path).ok()?;
    let (mut buf, mut want, mut out, mut ours) = (Vec::with_capacity(batch), batch, Vec::new(), false);
    loop {
        let asked = want.saturating_sub(buf.len());
        let got = (&mut file).take(asked as u64).read_to_end(&mut buf).ok()?;
        let (whole, next) = whole_records(&buf);
        let mut records = records(&buf[..whole])?;
        if !ours && !records.is_empty() {
            ours = postcard::from_bytes::<String>(records.remove(0)).ok()? == fingerprint;
            if !ours {
                return None;
            }
        }
        let decoded =
            records.par_iter().map(|r| postcard::from_bytes::<(Key, V)>(r).ok().map(|(k, v)| (k, Arc::new(v))));
        out.extend(decoded.collect::<Option<Vec<_>>>()?);
        buf.drain(..whole);
        if got < asked {
            // The end of the file: a record left over is one cut short.
            return (ours && buf.is_empty()).then_some(out);
        }
        want = batch.max(next);
    }
}

/// How many bytes at the start of `buf` are whole records, and how many the next needs.
fn whole_records(buf: &[u8]) -> (usize, usize) {
    let mut at = 0;
    while let Some(head) = buf.get(at..at + 12) {
        let len = 12 + u32::from_le_bytes([head[0], head[1], head[2], head[3]]) as usize;
        if buf.len() - at < len {
            return (at, len);
        }
        at += len;
    }
    (at, 12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spilled_entries_are_read_back_only_whole_and_of_this_program() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::new(dir.path().to_path_buf(), "words", "one".into());
        let words = ["en".to_string(), "to".to_string()];
        spill.write([(1, &words[0]), (2, &words[1])].into_iter(), &FxHashSet::default());
        let path = dir.path().join("words.new");
        let back: Vec<(Key, Arc<String>)> = read_entries(&path, "one").unwrap();
        assert_eq!(back, vec![(1, Arc::new("en".to_string())), (2, Arc::new("to".to_string()))]);
        assert!(read_entries::<String>(&path, "two").is_none(), "another program's");
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert!(read_entries::<String>(&path, "one").is_none(), "cut short");
        let mut torn = bytes.clone();
        let last = torn.len() - 1;
        torn[last] = 0;
        std::fs::write(&path, &torn).unwrap();
        assert!(read_entries::<String>(&path, "one").is_none(), "a record's bytes changed");
    }

    #[test]
    fn a_write_beside_the_build_is_whole_once_waited_for_and_when_the_spill_goes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.new");
        let words: Vec<(Key, Arc<String>)> = (0..2000).map(|n| (n as Key, Arc::new("æ".repeat(n % 50)))).collect();
        let spill = Spill::new(dir.path().to_path_buf(), "words", "one".into());
        spill.write_later(words.clone(), FxHashSet::default());
        spill.wait();
        assert_eq!(read_entries::<String>(&path, "one").unwrap(), words);
        std::fs::remove_file(&path).unwrap();
        // A build that fails drops its spills without waiting: the file is whole all the same.
        let spill = Spill::new(dir.path().to_path_buf(), "words", "one".into());
        spill.write_later(words.clone(), FxHashSet::default());
        drop(spill);
        assert_eq!(read_entries::<String>(&path, "one").unwrap(), words);
    }

    #[test]
    fn entries_read_a_few_at_a_time_come_back_whole_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::new(dir.path().to_path_buf(), "words", "one".into());
        let words: Vec<String> = (0..500).map(|n| "ø".repeat(n % 40)).collect();
        spill.write(words.iter().enumerate().map(|(k, w)| (k as Key, w)), &FxHashSet::default());
        let path = dir.path().join("words.new");
        let whole: Vec<(Key, Arc<String>)> = read_entries(&path, "one").unwrap();
        assert_eq!(whole.len(), 500);
        for batch in [1, 13, 100, 1 << 20] {
            assert_eq!(read_entries_by::<String>(&path, "one", batch).unwrap(), whole, "{batch} bytes at a time");
        }
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 3]).unwrap();
        assert!(read_entries_by::<String>(&path, "one", 13).is_none(), "cut short");
        std::fs::write(&path, []).unwrap();
        assert!(read_entries::<String>(&path, "one").is_none(), "empty");
    }

    #[test]
    fn new_results_are_appended_while_few_on_file_are_unused() {
        let dir = tempfile::tempdir().unwrap();
        let (path, new) = (dir.path().join("words"), dir.path().join("words.new"));
        let words: Vec<String> = (0..8).map(|i| format!("ord {i}")).collect();
        let spill = Spill::new(dir.path().to_path_buf(), "words", "one".into());
        let none = FxHashSet::default();
        spill.write((0..8).map(|i| (i as Key, &words[i])), &none);
        std::fs::rename(&new, &path).unwrap();
        let read = |path: &Path| -> Vec<(Key, Arc<String>)> { read_entries(path, "one").unwrap() };
        // One result for a new key, one made anew under a key on file: appended.
        let again = "ord 0 igen".to_string();
        let entries = [(0, &again)].into_iter().chain((1..7).map(|i| (i as Key, &words[i]))).chain([(9, &words[7])]);
        spill.clone().holding(&read(&path)).write(entries, &[0].into_iter().collect());
        assert!(!new.exists(), "nothing to put in place");
        let back = read(&path);
        assert_eq!(back.len(), 10, "the last build's eight, and two");
        assert_eq!(back[8..], [(0, Arc::new(again)), (9, Arc::new("ord 7".to_string()))]);
        // Half of what is on file unused: written anew, without it.
        spill.holding(&back).write((0..4).map(|i| (i as Key, &words[i])).chain([(10, &words[4])]), &none);
        assert_eq!(read(&new).iter().map(|(k, _)| *k).collect::<Vec<_>>(), [0, 1, 2, 3, 10]);
    }

    #[test]
    fn a_value_written_whole_is_read_back_once_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let spill = Spill::new(dir.path().to_path_buf(), "state", "one".into());
        assert!(spill.write_one(&vec![1u32, 2, 3]));
        assert_eq!(spill.read_one::<Vec<u32>>(), None, "not in place until the build's output is");
        std::fs::rename(dir.path().join("state.new"), dir.path().join("state")).unwrap();
        assert_eq!(spill.read_one::<Vec<u32>>(), Some(vec![1, 2, 3]));
        let other = Spill { fingerprint: "two".into(), ..spill.clone() };
        assert_eq!(other.read_one::<Vec<u32>>(), None, "another program's");
        let mut bytes = std::fs::read(dir.path().join("state")).unwrap();
        bytes[4] ^= 1;
        std::fs::write(dir.path().join("state"), &bytes).unwrap();
        assert_eq!(spill.read_one::<Vec<u32>>(), None, "a byte changed");
    }
}
