//! Lists of numbers in the search index's saved state ([`super::saved`]), each written as one
//! run of little-endian bytes: number by number (a varint each, through serde) was most of
//! the time spent writing the state and reading it back, a third of a one-edit rebuild.

use serde::de::{Error, Visitor};

/// Numbers as they are written.
pub(super) struct Packed(Vec<u8>);

impl Packed {
    pub(super) fn of(numbers: &[u32]) -> Packed {
        // Into bytes made beforehand, four at a time: the compiler copies them in bulk.
        let mut bytes = vec![0; 4 * numbers.len()];
        bytes.chunks_exact_mut(4).zip(numbers).for_each(|(b, n)| b.copy_from_slice(&n.to_le_bytes()));
        Packed(bytes)
    }
}

impl serde::Serialize for Packed {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

/// Numbers as they are read back.
pub(super) struct Unpacked(pub Vec<u32>);

impl<'de> serde::Deserialize<'de> for Unpacked {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unpacked, D::Error> {
        d.deserialize_bytes(Numbers)
    }
}

struct Numbers;

impl Visitor<'_> for Numbers {
    type Value = Unpacked;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("numbers of four bytes each")
    }

    fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<Unpacked, E> {
        let numbers = bytes.chunks_exact(4);
        if !numbers.remainder().is_empty() {
            return Err(E::custom("a list of numbers ends part way through one"));
        }
        Ok(Unpacked(numbers.map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_as_written_and_a_cut_list_is_refused() {
        let numbers = [0, 7, 300, u32::MAX];
        let bytes = postcard::to_allocvec(&("hus", Packed::of(&numbers))).unwrap();
        let (word, back): (String, Unpacked) = postcard::from_bytes(&bytes).unwrap();
        assert_eq!((word.as_str(), back.0), ("hus", numbers.to_vec()));
        let cut = postcard::to_allocvec(&serde_bytes_of(&[1, 0, 0])).unwrap();
        assert!(postcard::from_bytes::<Unpacked>(&cut).is_err());
    }

    fn serde_bytes_of(bytes: &[u8]) -> Packed {
        Packed(bytes.to_vec())
    }
}
