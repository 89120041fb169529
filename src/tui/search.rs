//! Searching the laid-out lesson: case-insensitive, by character column so highlighting lines up.

#[derive(Clone, Debug, Default)]
pub struct Search {
    /// The query being typed after `/`; `None` when not typing.
    pub editing: Option<String>,
    /// The last submitted query.
    pub query: String,
    pub matches: Vec<Match>,
    /// Index into `matches` of the current match.
    pub current: usize,
}

/// One match: line index and character columns `[start, end)` in that line's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// Lower-cases one character to one character, so columns stay aligned with the original.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Every non-overlapping match of `query` in `lines`, in reading order.
pub fn find(lines: &[String], query: &str) -> Vec<Match> {
    let needle: Vec<char> = query.chars().map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (line, text) in lines.iter().enumerate() {
        let hay: Vec<char> = text.chars().map(fold).collect();
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if hay[i..i + needle.len()] == needle[..] {
                out.push(Match {
                    line,
                    start: i,
                    end: i + needle.len(),
                });
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
    out
}

impl Search {
    /// Runs the query over `lines` and selects the first match at or below line `from`.
    pub fn run(&mut self, lines: &[String], from: usize) {
        self.matches = find(lines, &self.query);
        self.current = self
            .matches
            .iter()
            .position(|m| m.line >= from)
            .unwrap_or(0);
    }

    pub fn current_match(&self) -> Option<Match> {
        self.matches.get(self.current).copied()
    }

    pub fn step(&mut self, forward: bool) {
        let n = self.matches.len();
        if n > 0 {
            self.current = if forward {
                (self.current + 1) % n
            } else {
                (self.current + n - 1) % n
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_case_insensitive_matches_by_char_column() {
        let l = lines(&["Ölçüm mTLS", "no", "mtls MTLS"]);
        let m = find(&l, "MTLS");
        assert_eq!(
            m,
            vec![
                Match {
                    line: 0,
                    start: 6,
                    end: 10
                },
                Match {
                    line: 2,
                    start: 0,
                    end: 4
                },
                Match {
                    line: 2,
                    start: 5,
                    end: 9
                },
            ]
        );
        assert!(find(&l, "").is_empty());
    }

    #[test]
    fn run_starts_at_the_visible_line_and_step_wraps() {
        let l = lines(&["a", "x a", "a"]);
        let mut s = Search {
            query: "a".into(),
            ..Search::default()
        };
        s.run(&l, 1);
        assert_eq!(s.current_match().unwrap().line, 1);
        s.step(true);
        s.step(true);
        assert_eq!(s.current_match().unwrap().line, 0);
        s.step(false);
        assert_eq!(s.current_match().unwrap().line, 2);
    }
}
