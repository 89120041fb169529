//! A command line split into words the way a POSIX shell does before it runs a program:
//! whitespace separates words, `'…'` keeps everything literally, `"…"` keeps everything but a
//! backslash before `"`, `\` or `$`, and a backslash outside quotes escapes the next character
//! (a backslash at the end of a line continues it, as in the lesson's multi-line `kubectl`
//! command). Nothing is expanded: no variables, globs or command substitution.

/// Why a line could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclosed {
    Single,
    Double,
}

/// The words of `line`, or which quote was left open.
pub fn split(line: &str) -> Result<Vec<String>, Unclosed> {
    Ok(spans(line)?.into_iter().map(|w| w.text).collect())
}

/// A word and where it started in the line (a byte offset), for completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub start: usize,
}

/// The word being built, started at `at` if there is none yet.
fn word(current: &mut Option<Word>, at: usize) -> &mut Word {
    current.get_or_insert_with(|| Word {
        text: String::new(),
        start: at,
    })
}

/// The words of `line` with their start offsets.
pub fn spans(line: &str) -> Result<Vec<Word>, Unclosed> {
    let mut words = Vec::new();
    let mut current: Option<Word> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if let Some(w) = current.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = word(&mut current, at);
                loop {
                    match chars.next() {
                        Some((_, '\'')) => break,
                        Some((_, c)) => w.text.push(c),
                        None => return Err(Unclosed::Single),
                    }
                }
            }
            '"' => {
                let w = word(&mut current, at);
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, '\\')) => match chars.peek() {
                            Some(&(_, n @ ('"' | '\\' | '$' | '`'))) => {
                                w.text.push(n);
                                chars.next();
                            }
                            Some(&(_, '\n')) => {
                                chars.next();
                            }
                            _ => w.text.push('\\'),
                        },
                        Some((_, c)) => w.text.push(c),
                        None => return Err(Unclosed::Double),
                    }
                }
            }
            '\\' => match chars.next() {
                // A line continuation joins the next line to this one.
                Some((_, '\n')) => {}
                Some((_, n)) => word(&mut current, at).text.push(n),
                None => {}
            },
            c => word(&mut current, at).text.push(c),
        }
    }
    words.extend(current);
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(line: &str) -> Vec<String> {
        split(line).expect("closed")
    }

    #[test]
    fn whitespace_and_quotes() {
        assert_eq!(s("  kubectl  get pods "), ["kubectl", "get", "pods"]);
        assert_eq!(s("a 'b c' \"d e\""), ["a", "b c", "d e"]);
        assert_eq!(s("x='{.items[*]}'y"), ["x={.items[*]}y"]);
        assert_eq!(
            s(r#"a "q\"uote\\" 'no\escape'"#),
            ["a", "q\"uote\\", "no\\escape"]
        );
        assert_eq!(s(r"a\ b c"), ["a b", "c"]);
        assert_eq!(s("a \\\nb"), ["a", "b"]);
        assert_eq!(s("''"), [""]);
        assert!(s("").is_empty());
    }

    #[test]
    fn unclosed_quotes_are_reported() {
        assert_eq!(split("a 'b"), Err(Unclosed::Single));
        assert_eq!(split("a \"b"), Err(Unclosed::Double));
    }

    #[test]
    fn spans_know_where_words_start() {
        let w = spans("kubectl  get 'po").err();
        assert_eq!(w, Some(Unclosed::Single));
        let w = spans("kubectl  get po").expect("closed");
        assert_eq!(w[2].start, 13);
        assert_eq!(w[1].start, 9);
    }
}
