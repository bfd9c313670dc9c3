//! One stage's kept results and the content hashes that key them. A key names a result's
//! inputs completely; a result is reused only for an equal key.

pub(crate) use super::key::{key_of, Hasher, Key};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// One stage's results from the last build that ran it. After a run it holds exactly that
/// run's results, so entries of deleted or changed inputs do not pile up.
pub(crate) struct Stage<V> {
    kept: HashMap<Key, Arc<V>>,
    /// How many results the last run made afresh (the rest were reused).
    pub made: usize,
    /// Keeps nothing: for a build whose results no later build reuses (`check`, a one-off
    /// build in memory), where keeping would only double the memory and copy every result.
    forgets: bool,
    /// Where this run's results go instead of memory: `build`'s cache on disk, from which
    /// the next build's stage is filled ([`super::disk`]).
    spill: Option<super::spill::Spill>,
    /// The keys of the results the last run made afresh, when they go to `spill`: a result
    /// checked against more than its key ([`Stage::map_checked`]) may be made anew under a
    /// key the spill's file holds already.
    fresh: rustc_hash::FxHashSet<Key>,
}

impl<V> Default for Stage<V> {
    fn default() -> Self {
        Stage { kept: HashMap::new(), made: 0, forgets: false, spill: None, fresh: Default::default() }
    }
}

/// The results of the last run, looked up while the next one runs (in parallel).
pub(crate) struct Kept<V>(HashMap<Key, Arc<V>>);

impl<V> Kept<V> {
    pub(crate) fn get(&self, key: Key) -> Option<Arc<V>> {
        self.0.get(&key).cloned()
    }
}

impl<V> Stage<V> {
    pub(crate) fn with(entries: impl IntoIterator<Item = (Key, Arc<V>)>) -> Stage<V> {
        Stage { kept: entries.into_iter().collect(), ..Stage::default() }
    }

    /// A stage that keeps nothing (see `forgets`).
    pub(crate) fn forgetful() -> Stage<V> {
        Stage { forgets: true, ..Stage::default() }
    }

    /// A stage that looks up `entries` (the last build's, read from disk) and sends this
    /// run's results to `spill` rather than keeping them in memory.
    pub(crate) fn spilling(entries: Vec<(Key, Arc<V>)>, spill: super::spill::Spill) -> Stage<V> {
        Stage { kept: entries.into_iter().collect(), forgets: true, spill: Some(spill), ..Stage::default() }
    }

    pub(crate) fn forgets(&self) -> bool {
        self.forgets
    }

    /// Whether a run needs its inputs' keys: to look results up, keep or spill them.
    pub(crate) fn wants_keys(&self) -> bool {
        !self.forgets || self.spill.is_some() || !self.kept.is_empty()
    }

    pub(crate) fn len(&self) -> usize {
        self.kept.len()
    }

    pub(crate) fn entries(&self) -> impl Iterator<Item = (&Key, &Arc<V>)> {
        self.kept.iter()
    }
}

impl<V: Clone + Send + Sync> Stage<V> {
    /// Takes the last run's results out for lookups; [`Stage::keep`] stores this run's.
    pub(crate) fn take(&mut self) -> Kept<V> {
        Kept(std::mem::take(&mut self.kept))
    }

    pub(crate) fn keep(&mut self, results: impl Iterator<Item = (Key, Arc<V>, bool)>) {
        self.made = 0;
        self.fresh.clear();
        for (key, value, made) in results {
            self.made += usize::from(made);
            if made && self.spill.is_some() {
                self.fresh.insert(key);
            }
            if !self.forgets {
                self.kept.insert(key, value);
            }
        }
    }

    /// After a run that redid only part of the work: the last run's results (taken out with
    /// [`Stage::take`]) without those under `replaced`, and this run's.
    pub(crate) fn restore(
        &mut self,
        kept: Kept<V>,
        replaced: impl IntoIterator<Item = Key>,
        results: impl Iterator<Item = (Key, Arc<V>, bool)>,
    ) {
        self.kept = kept.0;
        for key in replaced {
            self.kept.remove(&key);
        }
        self.keep(results);
    }

    /// `make` for every input whose key is new, the kept result for the others; in parallel.
    pub(crate) fn map<I: Sync>(
        &mut self,
        inputs: &[I],
        key: impl Fn(usize, &I) -> Key + Sync,
        make: impl Fn(usize, &I) -> V + Sync,
    ) -> Vec<Arc<V>> {
        self.map_checked(inputs, key, |_, _| true, make)
    }

    /// [`Stage::map`], where a kept result is reused only if `holds` for it too: for results
    /// that read more than their key says, and can tell whether it is still the same.
    pub(crate) fn map_checked<I: Sync>(
        &mut self,
        inputs: &[I],
        key: impl Fn(usize, &I) -> Key + Sync,
        holds: impl Fn(usize, &V) -> bool + Sync,
        make: impl Fn(usize, &I) -> V + Sync,
    ) -> Vec<Arc<V>> {
        if !self.wants_keys() {
            self.made = inputs.len();
            return inputs.par_iter().enumerate().map(|(i, x)| Arc::new(make(i, x))).collect();
        }
        let kept = self.take();
        let results: Vec<(Key, Arc<V>, bool)> = inputs
            .par_iter()
            .enumerate()
            .map(|(i, x)| {
                let k = key(i, x);
                match kept.get(k).filter(|v| holds(i, v)) {
                    Some(v) => (k, v, false),
                    None => (k, Arc::new(make(i, x)), true),
                }
            })
            .collect();
        let out = results.iter().map(|(_, v, _)| v.clone()).collect();
        self.keep(results.into_iter());
        out
    }
}

impl<V> Stage<V> {
    /// Makes the next [`Stage::spill`] write every result anew, not append to the file: for
    /// results trusted by what the file's all are known to have been checked against.
    pub(crate) fn spill_anew(&mut self) {
        if let Some(spill) = &mut self.spill {
            spill.anew();
        }
    }
}

impl<V: serde::Serialize + Send + Sync + 'static> Stage<V> {
    /// Sends a run's results (`keys[i]` the key of `values[i]`) to the stage's spill, if it
    /// has one, written while the build goes on ([`Stage::wait_for_spill`]); a cache that
    /// cannot be written is left out, never an error.
    pub(crate) fn spill(&self, keys: &[Key], values: &[Arc<V>]) {
        if let Some(spill) = &self.spill {
            spill.write_later(keys.iter().copied().zip(values.iter().cloned()).collect(), self.fresh.clone());
        }
    }
}

impl<V> Stage<V> {
    /// Waits until what [`Stage::spill`] sent is written.
    pub(crate) fn wait_for_spill(&self) {
        if let Some(spill) = &self.spill {
            spill.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_reuses_equal_keys_and_forgets_unused_ones() {
        let mut stage: Stage<String> = Stage::default();
        let run = |stage: &mut Stage<String>, inputs: &[&str]| {
            stage
                .map(inputs, |_, s| key_of([s.as_bytes()]), |_, s| s.to_uppercase())
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(run(&mut stage, &["a", "b"]), ["A", "B"]);
        assert_eq!(stage.made, 2);
        assert_eq!(run(&mut stage, &["a", "c"]), ["A", "C"]);
        assert_eq!(stage.made, 1);
        run(&mut stage, &["b"]);
        assert_eq!(stage.made, 1, "b was dropped when the run before did not use it");
    }

    #[test]
    fn a_forgetful_stage_makes_everything_and_keeps_nothing() {
        let mut stage: Stage<String> = Stage::forgetful();
        let run = |stage: &mut Stage<String>| {
            stage
                .map(&["a", "b"], |_, s| key_of([s.as_bytes()]), |_, s| s.to_uppercase())
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(run(&mut stage), ["A", "B"]);
        assert_eq!(run(&mut stage), ["A", "B"]);
        assert_eq!(stage.made, 2, "nothing was kept to reuse");
        assert_eq!(stage.entries().count(), 0);
    }
}
