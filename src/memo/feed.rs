//! A serde serializer that writes a value's content as tagged, length-prefixed bytes for a
//! content hash: a page's key is its whole context, and writing it as JSON first (escaping
//! every string, formatting every number) was most of the cost of keying a page.
//!
//! The encoding is unambiguous: every value starts with a tag, strings and names carry their
//! length, and every list, map and struct has an end mark. Struct fields are written with
//! their names, so two fields that may each be left out (`skip_serializing_if`) cannot stand
//! for each other.

use serde::ser::{self, Serialize};
use std::fmt;
use xxhash_rust::xxh3::Xxh3;

/// The bytes of the values serialised into it: all of them, or with a hasher, what has not
/// yet been handed to it. A page's context is tens of kilobytes; handed over a few kilobytes
/// at a time, it never needs a buffer grown to its size (the hash is the same, however the
/// bytes are split).
#[derive(Default)]
pub(super) struct Feed {
    pub bytes: Vec<u8>,
    hasher: Option<Xxh3>,
}

/// Bytes held before they go to the hasher.
const HAND_OVER: usize = 8 * 1024;

/// What a `Serialize` implementation may report; the feed itself never fails.
#[derive(Debug)]
pub(super) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl Feed {
    /// A feed that hands its bytes to `hasher` as it goes; [`Feed::into_hasher`] gives it back.
    pub(super) fn hashing(hasher: Xxh3) -> Feed {
        Feed { bytes: Vec::with_capacity(HAND_OVER + 64), hasher: Some(hasher) }
    }

    /// The hasher, with every byte fed handed to it.
    pub(super) fn into_hasher(mut self) -> Xxh3 {
        let mut hasher = self.hasher.take().unwrap_or_default();
        hasher.update(&self.bytes);
        hasher
    }

    fn hand_over(&mut self) {
        if let Some(hasher) = self.hasher.as_mut().filter(|_| self.bytes.len() >= HAND_OVER) {
            hasher.update(&self.bytes);
            self.bytes.clear();
        }
    }

    fn tag(&mut self, tag: u8) {
        self.bytes.push(tag);
        self.hand_over();
    }

    fn text(&mut self, tag: u8, bytes: &[u8]) {
        self.bytes.push(tag);
        self.bytes.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.bytes.extend_from_slice(bytes);
        self.hand_over();
    }

    /// Opens a list (`[`) or a map or struct (`{`), of an enum's `variant` if given.
    fn open(&mut self, variant: Option<&str>, mark: u8) -> &mut Feed {
        if let Some(v) = variant {
            self.text(b'V', v.as_bytes());
        }
        self.tag(mark);
        self
    }

    fn number(&mut self, tag: u8, le: &[u8]) {
        self.bytes.push(tag);
        self.bytes.extend_from_slice(le);
        self.hand_over();
    }
}

type Done = Result<(), Error>;

/// Serializer methods that hand their number on, widened, to `$wide`.
macro_rules! widened {
    ($($method:ident($narrow:ty)),* => $wide:ident) => {$(
        fn $method(self, v: $narrow) -> Done {
            self.$wide(v.into())
        }
    )*};
}

impl ser::Serializer for &mut Feed {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    // Narrow numbers as their widest kind: a field's type does not change between builds.
    widened!(serialize_i8(i8), serialize_i16(i16), serialize_i32(i32) => serialize_i64);
    widened!(serialize_u8(u8), serialize_u16(u16), serialize_u32(u32) => serialize_u64);
    widened!(serialize_f32(f32) => serialize_f64);

    fn serialize_bool(self, v: bool) -> Done {
        self.number(b'b', &[u8::from(v)]);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.number(b'i', &v.to_le_bytes());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Done {
        self.number(b'I', &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.number(b'u', &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Done {
        self.number(b'U', &v.to_le_bytes());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.number(b'f', &v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.number(b'c', &u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.text(b's', v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.text(b'y', v);
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.tag(b'n');
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        self.tag(b'S');
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.tag(b'0');
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Done {
        self.text(b'v', variant.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.text(b'V', variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        Ok(self.open(None, b'['))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, Error> {
        Ok(self.open(None, b'['))
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        Ok(self.open(None, b'['))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, v: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self.open(Some(v), b'['))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Error> {
        Ok(self.open(None, b'{'))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        Ok(self.open(None, b'{'))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, v: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self.open(Some(v), b'{'))
    }
}

/// A list's elements: each after a mark, so that the end mark cannot be taken for one.
macro_rules! elements {
    ($($trait:ident($method:ident)),*) => {$(
        impl ser::$trait for &mut Feed {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                self.tag(b',');
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.tag(b']');
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeSeq(serialize_element),
    SerializeTuple(serialize_element),
    SerializeTupleStruct(serialize_field),
    SerializeTupleVariant(serialize_field)
);

impl ser::SerializeMap for &mut Feed {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        self.tag(b'k');
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)
    }
    fn end(self) -> Done {
        self.tag(b'}');
        Ok(())
    }
}

/// A struct's fields, each with its name (a field left out must not be mistaken for the next).
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for &mut Feed {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
                self.text(b':', key.as_bytes());
                value.serialize(&mut **self)
            }
            fn end(self) -> Done {
                self.tag(b'}');
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;

    fn fed<T: Serialize>(value: &T) -> Vec<u8> {
        let mut feed = Feed::default();
        value.serialize(&mut feed).unwrap();
        feed.bytes
    }

    #[derive(serde::Serialize)]
    struct Ids {
        #[serde(skip_serializing_if = "Option::is_none")]
        parties: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        text: Option<&'static str>,
    }

    #[test]
    fn a_field_left_out_is_not_mistaken_for_the_next() {
        let a = Ids { parties: Some("x"), text: None };
        let b = Ids { parties: None, text: Some("x") };
        assert_ne!(fed(&a), fed(&b));
        assert_eq!(fed(&a), fed(&Ids { parties: Some("x"), text: None }));
    }

    #[test]
    fn bytes_handed_to_the_hasher_a_few_at_a_time_hash_as_all_at_once() {
        let page: Vec<(String, u32)> = (0..5_000).map(|i| (format!("række {i} æøå"), i)).collect();
        let mut feed = Feed::hashing(Xxh3::new());
        page.serialize(&mut feed).unwrap();
        assert!(feed.bytes.len() < HAND_OVER + 64, "handed over as it goes");
        let mut whole = Xxh3::new();
        whole.update(&fed(&page));
        assert_eq!(feed.into_hasher().digest128(), whole.digest128());
    }

    #[test]
    fn lists_and_texts_are_delimited() {
        assert_ne!(fed(&vec!["ab", "c"]), fed(&vec!["a", "bc"]));
        assert_ne!(fed(&(vec![vec!["a"]], vec!["b"])), fed(&(vec![vec!["a"], vec!["b"]], Vec::<&str>::new())));
        assert_ne!(fed(&Some("")), fed(&None::<&str>));
        assert_ne!(fed(&[1u32, 2]), fed(&[12u32]));
    }
}
