//! Content hashes: a [`Key`] names a result's inputs completely, and equal keys mean equal
//! inputs.

use xxhash_rust::xxh3::Xxh3;

/// A 128-bit content hash: equal keys mean equal inputs.
pub(crate) type Key = u128;

/// Feeds values into one [`Key`]: byte strings, keys, and serialisable values.
#[derive(Default, Clone)]
pub(crate) struct Hasher(Xxh3);

impl Hasher {
    pub(crate) fn new() -> Hasher {
        Hasher::default()
    }

    /// Adds a length-prefixed field, so that `("ab", "c")` and `("a", "bc")` differ.
    pub(crate) fn field(&mut self, bytes: &[u8]) -> &mut Hasher {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub(crate) fn key(&mut self, key: Key) -> &mut Hasher {
        self.0.update(&key.to_le_bytes());
        self
    }

    pub(crate) fn finish(&self) -> Key {
        self.0.digest128()
    }

    /// The key of what came before and `value`'s content ([`super::feed`]), or 0 if its
    /// `Serialize` fails.
    pub(crate) fn serialized<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Key {
        // Bytes go to the hasher a few kilobytes at a time: its per-call cost is paid once per
        // handful of fields, not per field.
        let mut feed = super::feed::Feed::hashing(std::mem::take(&mut self.0));
        let fed = value.serialize(&mut feed);
        self.0 = feed.into_hasher();
        match fed {
            Ok(()) => self.finish(),
            Err(_) => 0,
        }
    }
}

/// The key of a list of byte strings.
pub(crate) fn key_of<'a>(fields: impl IntoIterator<Item = &'a [u8]>) -> Key {
    let mut h = Hasher::new();
    fields.into_iter().for_each(|f| {
        h.field(f);
    });
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_delimited() {
        assert_ne!(key_of([b"ab".as_slice(), b"c"]), key_of([b"a".as_slice(), b"bc"]));
        assert_eq!(key_of([b"ab".as_slice(), b"c"]), key_of([b"ab".as_slice(), b"c"]));
    }
}
