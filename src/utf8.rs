//! UTF-8 checks of text read in bulk (sources, `build`'s cache), with SIMD: the standard
//! library's check leaves its ASCII fast path at every æ, ø and å, and was a fifth of the
//! time spent reading a 10,000-document site's cache back.

/// `bytes` as a string, or the error the standard library gives (it says where).
pub(crate) fn string(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        // Checked again only to say where: a rare file, not worth a faster path.
        return String::from_utf8(bytes);
    }
    // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// For `#[serde(with = "crate::utf8::serde")]` on a string field that can be long: written
/// as any string, read back as bytes checked by [`string`]'s SIMD check. Formats that write
/// strings and bytes alike (postcard) read what was written before as it was.
pub(crate) mod serde {
    use serde::de::{Error, Visitor};
    use serde::{Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(text)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        d.deserialize_bytes(Text)
    }

    struct Text;

    impl Visitor<'_> for Text {
        type Value = String;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_bytes<E: Error>(self, bytes: &[u8]) -> Result<String, E> {
            simdutf8::basic::from_utf8(bytes).map(str::to_owned).map_err(|_| E::custom("a string is not valid UTF-8"))
        }

        fn visit_byte_buf<E: Error>(self, bytes: Vec<u8>) -> Result<String, E> {
            super::string(bytes).map_err(|_| E::custom("a string is not valid UTF-8"))
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<String, E> {
            Ok(text.to_owned())
        }

        fn visit_string<E: Error>(self, text: String) -> Result<String, E> {
            Ok(text)
        }
    }
}

/// [`serde`](mod@serde) for an optional string.
pub(crate) mod serde_opt {
    use serde::de::Visitor;
    use serde::{Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(text: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        text.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_option(Maybe)
    }

    struct Maybe;

    impl<'de> Visitor<'de> for Maybe {
        type Value = Option<String>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string or nothing")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<String>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
            super::serde::deserialize(d).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(::serde::Serialize, ::serde::Deserialize, PartialEq, Debug)]
    struct Fragment {
        #[serde(with = "crate::utf8::serde")]
        html: String,
        other: String,
    }

    #[derive(::serde::Serialize, ::serde::Deserialize, PartialEq, Debug)]
    struct Item {
        #[serde(with = "crate::utf8::serde_opt")]
        answer: Option<String>,
        #[serde(with = "crate::utf8::serde_opt")]
        guidance: Option<String>,
    }

    #[test]
    fn text_reads_back_as_written_and_bad_bytes_say_where() {
        assert_eq!(string("Mål og Ærø".as_bytes().to_vec()).unwrap(), "Mål og Ærø");
        let bad = string(b"ok\xe6c".to_vec()).unwrap_err();
        assert_eq!(bad.utf8_error().valid_up_to(), 2);
        let fragment = Fragment { html: "<p>Målgruppe: børn</p>".into(), other: "ø".into() };
        let bytes = postcard::to_allocvec(&fragment).unwrap();
        assert_eq!(postcard::from_bytes::<Fragment>(&bytes).unwrap(), fragment);
        // The same bytes as a plain string field writes them: a cache written before reads back.
        let plain = postcard::to_allocvec(&("<p>Målgruppe: børn</p>", "ø")).unwrap();
        assert_eq!(plain, bytes);
        let json = serde_json::to_string(&fragment).unwrap();
        assert_eq!(serde_json::from_str::<Fragment>(&json).unwrap(), fragment);
    }

    #[test]
    fn an_optional_text_reads_back_as_written_as_a_plain_one_writes_it() {
        let item = Item { answer: Some("Ja, på Ærø".into()), guidance: None };
        let bytes = postcard::to_allocvec(&item).unwrap();
        assert_eq!(postcard::from_bytes::<Item>(&bytes).unwrap(), item);
        assert_eq!(bytes, postcard::to_allocvec(&(Some("Ja, på Ærø"), None::<String>)).unwrap());
        let json = serde_json::to_string(&item).unwrap();
        assert_eq!(json, r#"{"answer":"Ja, på Ærø","guidance":null}"#);
        assert_eq!(serde_json::from_str::<Item>(&json).unwrap(), item);
        let mut bad = bytes.clone();
        bad[2] = 0xff;
        assert!(postcard::from_bytes::<Item>(&bad).is_err(), "not valid UTF-8");
    }

    #[test]
    fn a_damaged_cached_string_is_an_error_not_text() {
        let mut bytes = postcard::to_allocvec(&Fragment { html: "æ".into(), other: String::new() }).unwrap();
        bytes[1] = 0xff;
        assert!(postcard::from_bytes::<Fragment>(&bytes).is_err());
    }
}
