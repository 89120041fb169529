//! Errors that point into a file: `file:line:column: message`, the form editors jump to.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    pub file: String,
    /// 1-based; 0 when the error is about the whole file (it is missing, unreadable).
    pub line: usize,
    /// 1-based, in characters; 0 with `line`.
    pub column: usize,
    pub message: String,
}

impl SourceError {
    /// An error about the file as a whole, not a place in it: printed `file: message`, since
    /// a line and column would point at text that is not there.
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        SourceError {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    /// An error at byte `offset` of `text` (clamped to the text, snapped to a char boundary).
    pub fn at_offset(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(text, offset);
        SourceError {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A TOML error, shifted by `line_offset` lines when the TOML sits inside a larger file.
    pub fn from_toml(file: &str, text: &str, line_offset: usize, err: &toml::de::Error) -> Self {
        let offset = err.span().map_or(0, |span| span.start);
        let mut e = SourceError::at_offset(file, text, offset, toml_problem(err));
        e.line += line_offset;
        e
    }

    /// Bytes that are not UTF-8 are an input error, located at the first bad byte.
    pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, SourceError> {
        std::str::from_utf8(bytes).map_err(|err| {
            let valid = &bytes[..err.valid_up_to()];
            // The valid prefix is UTF-8 by definition, so this cannot fail.
            let text = std::str::from_utf8(valid).unwrap_or_default();
            SourceError::at_offset(file, text, text.len(), "invalid UTF-8")
        })
    }
}

/// meshlab's sentence around the TOML parser's own words, which stay as the parser wrote them
/// (`i18n::messages` shows the sentence in Indonesian).
pub fn toml_problem(err: &toml::de::Error) -> String {
    format!(
        "cannot read the TOML (TOML parser: {})",
        err.message().trim()
    )
}

/// 1-based line and column (in characters) of byte `offset`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: {}", self.file, self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for SourceError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_chars() {
        let text = "ab\nçd\nef";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // 'ç' is two bytes: offset 5 is after it, column 2.
        assert_eq!(line_col(text, 5), (2, 2));
        assert_eq!(line_col(text, 999), (3, 3));
    }

    #[test]
    fn a_whole_file_error_has_no_place() {
        let e = SourceError::whole_file("nope.toml", "No such file or directory");
        assert_eq!(e.to_string(), "nope.toml: No such file or directory");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = SourceError::decode("f.md", b"ok\nab\xffcd").unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
        assert_eq!(err.to_string(), "f.md:2:3: invalid UTF-8");
    }
}
