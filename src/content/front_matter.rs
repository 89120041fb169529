//! The TOML front matter that opens every lesson file (see `lessons/README.md`).

use serde::Deserialize;

use crate::diag::SourceError;

const FENCE: &str = "+++";

#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub section: u32,
    pub title: String,
    #[serde(default)]
    pub skills: Vec<String>,
}

/// Splits a lesson file into its front matter and its Markdown body.
pub fn split<'a>(file: &str, text: &'a str) -> Result<(FrontMatter, &'a str), SourceError> {
    let rest = text
        .strip_prefix(FENCE)
        .and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
        .ok_or_else(|| {
            SourceError::at_offset(file, text, 0, "expected front matter opening with `+++`")
        })?;
    let close = find_closing_fence(rest).ok_or_else(|| {
        SourceError::at_offset(
            file,
            text,
            text.len(),
            "front matter is not closed: expected a line `+++`",
        )
    })?;
    let toml_text = &rest[..close];
    let body = rest[close..]
        .trim_start_matches(FENCE)
        .trim_start_matches('\r')
        .trim_start_matches('\n');
    let front: FrontMatter =
        toml::from_str(toml_text).map_err(|e| SourceError::from_toml(file, toml_text, 1, &e))?;
    Ok((front, body))
}

/// Byte offset in `rest` of the line that is exactly `+++`.
fn find_closing_fence(rest: &str) -> Option<usize> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']) == FENCE {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text =
            "+++\nsection = 5\ntitle = \"Linkerd\"\nskills = [\"identity\"]\n+++\n\n# 5. Linkerd\n";
        let (front, body) = split("f.md", text).unwrap();
        assert_eq!(front.section, 5);
        assert_eq!(front.title, "Linkerd");
        assert_eq!(front.skills, vec!["identity"]);
        assert_eq!(body, "# 5. Linkerd\n");
    }

    #[test]
    fn bad_toml_points_at_the_file_line() {
        let text = "+++\nsection = 5\ntitle = \n+++\nbody";
        let err = split("f.md", text).unwrap_err();
        assert_eq!(err.file, "f.md");
        assert_eq!(err.line, 3, "{err}");
    }

    #[test]
    fn unknown_keys_and_missing_fences_are_errors() {
        assert!(split("f.md", "+++\nsection = 1\ntitle = \"t\"\nextra = 1\n+++\n").is_err());
        assert!(split("f.md", "# no front matter").is_err());
        let err = split("f.md", "+++\nsection = 1\n").unwrap_err();
        assert!(err.message.contains("not closed"));
    }
}
