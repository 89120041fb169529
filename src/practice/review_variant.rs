//! Which variant a review asks. A drill with variants that the learner passed before comes back
//! as a variant; which one follows from the drill and the number of graded attempts at it, so
//! every way into the review (`meshlab next`, `meshlab exercise start`, the TUI) asks the same
//! question until the learner answers it, and the review after that asks another seed.

use time::OffsetDateTime;

use super::progress::Progress;
use super::standing::standing;
use crate::drill::exercise::Exercise;
use crate::drill::variant;

/// The seed drill `ex` of pack `pack` is asked with now: 0 (as written) until it was passed.
pub fn seed(progress: &Progress, pack: &str, ex: &Exercise, now: OffsetDateTime) -> u64 {
    if !variant::varies(ex) || !standing(progress, pack, &ex.id, now).ever_passed {
        return 0;
    }
    let answered = progress
        .attempts()
        .iter()
        .filter(|a| a.pack.as_str() == pack && a.drill.as_str() == ex.id && a.graded())
        .count();
    variant::review_seed(pack, &ex.id, answered)
}
