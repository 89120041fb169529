//! A learner's submission: their answers and attempt log for one pack, stamped with the pack's
//! id, version and checksum so the instructor grades against exactly the pack they practised.
//!
//! Answers come from the progress file. Attempts made with `meshlab grade --answer` keep the
//! answer file's text; attempts made in the TUI record grades but no answer text, so they are
//! carried in the log but cannot be regraded (the class report says so).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::pack::Pack;
use super::refusal::Refusal;
use crate::i18n::Msg;
use crate::limits::MAX_SUBMISSION_BYTES;
use crate::practice::progress::{Attempt, Progress};

/// The submission format this meshlab writes and reads.
pub const FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub format: u32,
    pub learner: String,
    pub pack: Stamp,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    /// Per drill, the latest non-empty answer (the TOML `meshlab grade --answer` reads).
    pub answers: BTreeMap<String, String>,
    /// Every attempt at this pack's drills from the progress file, oldest first.
    pub attempts: Vec<Attempt>,
}

/// Which pack, exactly, a submission answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    pub id: String,
    pub version: String,
    pub checksum: String,
}

impl Stamp {
    pub fn of(pack: &Pack) -> Stamp {
        Stamp {
            id: pack.manifest.id.clone(),
            version: pack.manifest.version.clone(),
            checksum: pack.learners_checksum().to_string(),
        }
    }
}

impl Submission {
    pub fn new(pack: &Pack, progress: &Progress, learner: &str, now: OffsetDateTime) -> Submission {
        let attempts: Vec<Attempt> = progress
            .attempts()
            .iter()
            .filter(|a| a.pack.as_str() == pack.manifest.id)
            .cloned()
            .collect();
        let mut answers = BTreeMap::new();
        for a in attempts.iter().filter(|a| !a.answer.trim().is_empty()) {
            answers.insert(a.drill.to_string(), a.answer.clone());
        }
        Submission {
            format: FORMAT,
            learner: learner.to_string(),
            pack: Stamp::of(pack),
            created: now,
            answers,
            attempts,
        }
    }

    /// Reads a submission and checks it answers exactly `pack` (same id and checksum).
    pub fn load(path: &Path, pack: &Pack) -> Result<Submission, Refusal> {
        let file = path.display().to_string();
        let len = std::fs::metadata(path)
            .map_err(|e| Refusal::io(path, &e))?
            .len();
        if len > MAX_SUBMISSION_BYTES {
            return Err(Refusal::new(
                file,
                Msg::SubmissionTooLarge,
                &[&(MAX_SUBMISSION_BYTES >> 20)],
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| Refusal::io(path, &e))?;
        let text = crate::diag::SourceError::decode(&file, &bytes).map_err(|e| {
            Refusal::new(&file, Msg::SubmissionInvalid, &[&e.message]).at(e.line, e.column)
        })?;
        let sub: Submission = serde_json::from_str(text).map_err(|e| {
            Refusal::new(&file, Msg::SubmissionInvalid, &[&e])
                .at(e.line().max(1), e.column().max(1))
        })?;
        if sub.format != FORMAT {
            return Err(Refusal::new(
                file,
                Msg::SubmissionFormat,
                &[&sub.format, &FORMAT],
            ));
        }
        let stamp = Stamp::of(pack);
        if sub.pack.id != stamp.id {
            return Err(Refusal::new(
                file,
                Msg::SubmissionWrongPack,
                &[&sub.pack.id, &stamp.id],
            ));
        }
        // The learners' build is what learners install; a submission from the full pack (an
        // install of the folder or the instructor's archive) is the same pack too.
        if sub.pack.checksum != stamp.checksum && sub.pack.checksum != pack.checksum() {
            return Err(Refusal::new(
                file,
                Msg::SubmissionChecksum,
                &[&sub.pack.checksum, &stamp.checksum],
            ));
        }
        Ok(sub)
    }

    /// The name the class report uses: the learner's own, else the file's stem.
    pub fn name(&self, path: &Path) -> String {
        if self.learner.trim().is_empty() {
            path.file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
        } else {
            self.learner.clone()
        }
    }
}
