//! Moments on a scenario's timeline: seconds since the scenario started, written as Go-style
//! durations (`2h30m`, `45s`, `1h`, `0`) in files and on the command line.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Seconds since the scenario started (time 0: the cluster as its manifests describe it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub i64);

pub const HOUR: i64 = 3600;

impl Time {
    pub fn hours(h: i64) -> Time {
        Time(h * HOUR)
    }

    /// `30h`, `2h30m`, `90s`, `1h0m5s`: hours, minutes and seconds, each optional, in that
    /// order (a bare `0` is the start).
    pub fn parse(text: &str) -> Result<Time, String> {
        let s = text.trim();
        if s == "0" {
            return Ok(Time(0));
        }
        let bad = || format!("`{text}` is not a duration (write it like `2h30m`, `45m` or `90s`)");
        let mut total = 0i64;
        let mut number = String::new();
        let mut last_unit = 0;
        for c in s.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let (rank, scale) = match c {
                'h' => (1, HOUR),
                'm' => (2, 60),
                's' => (3, 1),
                _ => return Err(bad()),
            };
            let n: i64 = number.parse().map_err(|_| bad())?;
            if rank <= last_unit {
                return Err(bad());
            }
            last_unit = rank;
            total = n
                .checked_mul(scale)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(bad)?;
            number.clear();
        }
        if !number.is_empty() || last_unit == 0 {
            return Err(bad());
        }
        Ok(Time(total))
    }
}

impl fmt::Display for Time {
    /// The shortest form that parses back: `26h`, `2h30m`, `45s`, `0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        if s == 0 {
            return f.write_str("0");
        }
        let sign = if s < 0 { "-" } else { "" };
        let s = s.abs();
        let (h, m, sec) = (s / HOUR, s % HOUR / 60, s % 60);
        let mut out = String::from(sign);
        if h > 0 {
            out.push_str(&format!("{h}h"));
        }
        if m > 0 {
            out.push_str(&format!("{m}m"));
        }
        if sec > 0 {
            out.push_str(&format!("{sec}s"));
        }
        f.write_str(&out)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        let s = String::deserialize(d)?;
        Time::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl JsonSchema for Time {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Time".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A moment since the scenario started, as a duration: `2h30m`, `45m`, `90s`, `0`.",
            "pattern": "^(0|([0-9]+h)?([0-9]+m)?([0-9]+s)?)$"
        })
    }
}

/// From one moment to another, both included (`during = ["0h", "24h"]`).
pub type Window = [Time; 2];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_go_durations() {
        assert_eq!(Time::parse("2h30m"), Ok(Time(9000)));
        assert_eq!(Time::parse("26h"), Ok(Time::hours(26)));
        assert_eq!(Time::parse("90s"), Ok(Time(90)));
        assert_eq!(Time::parse("0"), Ok(Time(0)));
        assert_eq!(Time::parse("1h0m5s"), Ok(Time(3605)));
        for bad in ["", "h", "5", "3m2h", "1d", "2hh", "-1h"] {
            assert!(Time::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn prints_what_it_parses() {
        for t in [0, 45, 3600, 9000, 93_600, 3605] {
            assert_eq!(Time::parse(&Time(t).to_string()), Ok(Time(t)));
        }
        assert_eq!(Time(9000).to_string(), "2h30m");
    }
}
