//! Calendar dates (`YYYY-MM-DD`) for front matter, and "today", which decides what is
//! overdue and expired. Today is fixed per build so the same input gives the same output.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(jiff::civil::Date);

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let ok_shape = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
        if !ok_shape {
            return None;
        }
        s.parse::<jiff::civil::Date>().ok().map(Date)
    }

    pub fn from_ymd(y: i16, m: i8, d: i8) -> Option<Date> {
        jiff::civil::Date::new(y, m, d).ok().map(Date)
    }

    /// The UTC calendar date of a Unix timestamp in seconds.
    pub fn from_unix(secs: i64) -> Option<Date> {
        let ts = jiff::Timestamp::from_second(secs).ok()?;
        Some(Date(ts.to_zoned(jiff::tz::TimeZone::UTC).date()))
    }

    /// The local calendar date now.
    pub fn now() -> Date {
        Date(jiff::Zoned::now().date())
    }

    pub fn year(self) -> i16 {
        self.0.year()
    }

    /// `YYYYMMDD`, for iCalendar.
    pub fn compact(self) -> String {
        self.0.strftime("%Y%m%d").to_string()
    }

    pub fn next_day(self) -> Date {
        Date(self.0.tomorrow().unwrap_or(self.0))
    }

    /// Year, month (1–12) and day, for writing the date out in words.
    pub fn parts(self) -> (i16, usize, i8) {
        (self.0.year(), self.0.month() as usize, self.0.day())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, e.g. 2024-03-01")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Date, E> {
                Date::parse(s).ok_or_else(|| {
                    E::custom(format!("invalid date `{s}`: write a real date as YYYY-MM-DD, e.g. 2024-03-01"))
                })
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(Date::parse("2021-03-01").unwrap().to_string(), "2021-03-01");
        assert!(Date::parse("2021-02-30").is_none());
        assert!(Date::parse("1.3.2021").is_none());
        assert!(Date::parse("2021-3-1").is_none());
    }

    #[test]
    fn unix_epoch_day() {
        assert_eq!(Date::from_unix(86_400 * 365).unwrap().to_string(), "1971-01-01");
    }
}
