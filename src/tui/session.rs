//! Timed practice sessions in the TUI (Kaufman): `practice::session` picks the drills — due
//! reviews first, then the weakest skills — and sums the session up; these steps open the picked
//! drill, take in recorded attempts and end the session. Called from `update` only.

use time::Duration;

use super::app::{App, Screen};
use super::attempts::Recorded;
use super::drill::DrillState;
use crate::drill::pack::Pack;
use crate::i18n::Msg;
use crate::practice::clock::Clock;
use crate::practice::session::{DEFAULT_SESSION_MINUTES, DrillInfo, Session, SessionSummary};

/// A session's length.
pub const LENGTH: Duration = Duration::minutes(DEFAULT_SESSION_MINUTES);

/// A finished session, for the summary screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ended {
    pub summary: SessionSummary,
    /// Wall-clock time from start to end (the last drill may run past the timer).
    pub length: Duration,
}

/// The pack's drills as the picker sees them.
fn drills(pack: &Pack) -> Vec<DrillInfo> {
    pack.exercises
        .iter()
        .map(|e| DrillInfo {
            id: e.id.clone(),
            skills: e.skills.clone(),
            difficulty: e.difficulty,
        })
        .collect()
}

/// Starts a session and opens its first drill.
pub fn start(app: &mut App) {
    if app.pack.exercises.is_empty() {
        app.notice = Some(Msg::NoDrills.text(app.lang).to_string());
        return;
    }
    app.session = Some(Session::start(app, LENGTH));
    app.ended = None;
    next(app);
}

/// Opens the next drill of the running session; once time is up or every drill was done, the
/// session ends with its summary.
pub fn next(app: &mut App) {
    let Some(session) = app.session.as_ref() else {
        return;
    };
    let picked = session
        .next(&drills(&app.pack), &app.progress, app.now())
        .and_then(|d| app.pack.exercises.iter().position(|e| e.id == d.id));
    match picked {
        Some(index) => {
            app.drill = Some(DrillState::open(&app.pack, index, app.clock, app.lang));
            app.drill_selected = index;
            app.back.clear();
            app.screen = Screen::Drill;
        }
        None => end(app),
    }
}

/// Ends the running session and shows its summary.
pub fn end(app: &mut App) {
    let Some(session) = app.session.take() else {
        return;
    };
    let now = app.now();
    app.ended = Some(Ended {
        summary: session.summary(&app.progress, now),
        length: now - session.started,
    });
    app.drill = None;
    app.page_top = 0;
    app.screen = Screen::Summary;
}

/// An attempt the loop kept: the progress now includes it, and so does the session.
pub fn recorded(app: &mut App, recorded: Recorded) {
    if let Some(session) = app.session.as_mut() {
        session.add(&recorded.attempt);
    }
    app.progress = recorded.progress;
}

/// `m:ss` (or `h:mm:ss` from an hour), never negative.
pub fn clock_text(d: Duration) -> String {
    let s = d.whole_seconds().max(0);
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_text_reads_like_a_timer() {
        assert_eq!(clock_text(Duration::minutes(25)), "25:00");
        assert_eq!(clock_text(Duration::seconds(61)), "1:01");
        assert_eq!(clock_text(Duration::seconds(-5)), "0:00");
        assert_eq!(clock_text(Duration::seconds(3723)), "1:02:03");
    }
}
