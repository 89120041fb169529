//! Timed practice sessions in the TUI (Kaufman): `practice::session` picks the drills — due
//! reviews first, then the weakest skills — and sums the session up; these steps open the picked
//! drill, take in recorded attempts and end the session. Called from `update` only.

use time::Duration;

use super::action::Effect;
use super::app::{App, Screen};
use super::attempts::{Graded, Recorded};
use crate::drill::exercise::Exercise;
use crate::i18n::Msg;
use crate::practice::clock::Clock;
use crate::practice::progress::{Skip, SkipKind};
use crate::practice::session::{DEFAULT_SESSION_MINUTES, Session, SessionSummary};
use crate::practice::standing;

/// A session's length.
pub const LENGTH: Duration = Duration::minutes(DEFAULT_SESSION_MINUTES);

/// A finished session, for the summary screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ended {
    pub summary: SessionSummary,
    /// Wall-clock time from start to end (the last drill may run past the timer).
    pub length: Duration,
}

/// Starts a session and opens its first drill. A session picks from the drills of every pack
/// listed: reviews fall due whichever pack a drill came from, and the skills are the same ten
/// in every pack, so the weakest skill is practised wherever a drill for it is.
pub fn start(app: &mut App) {
    if app.packs.drill_count() == 0 {
        app.notice = Some(Msg::NoDrills.text(app.lang).to_string());
        return;
    }
    let mut session = Session::start(app, LENGTH);
    let now = app.now();
    let offered = app.packs.drill_infos();
    session.reviews = standing::due(&app.progress, now)
        .iter()
        .filter(|(k, _)| {
            offered
                .iter()
                .any(|d| d.pack == k.pack.as_str() && d.id == k.drill.as_str())
        })
        .count();
    app.session = Some(session);
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
        .pick(&app.packs.drill_infos(), &app.progress, app.now())
        .and_then(|(d, why)| Some((app.packs.position(&d.pack, &d.id)?, why)));
    match picked {
        Some((index, why)) => {
            if let Some(s) = app.session.as_mut() {
                s.opened(why);
            }
            app.open_drill(index);
            app.back.clear();
        }
        None => end(app),
    }
}

/// Passes over the open drill (skipped: back in an hour; buried: back tomorrow, the
/// learner's tomorrow), records that, and opens the session's next drill.
pub fn pass_over(app: &mut App, ex: &Exercise, kind: SkipKind) -> Vec<Effect> {
    let now = app.now();
    let until = match kind {
        SkipKind::Skipped => now + Duration::hours(1),
        SkipKind::Buried => {
            let local = now.to_offset(app.offset);
            local
                .date()
                .next_day()
                .map_or(now + Duration::days(1), |d| {
                    d.with_time(time::Time::MIDNIGHT).assume_offset(app.offset)
                })
        }
    };
    let pack = app
        .drill_pack()
        .map(|s| s.pack.manifest.id.clone())
        .unwrap_or_default();
    let seconds = app.drill.as_ref().map_or(0, |d| d.seconds(app.clock));
    if let Some(s) = app.session.as_mut() {
        // Not offered again in this session, before the loop has even recorded it.
        s.pass_over(&pack, &ex.id);
    }
    let effect = Effect::RecordAttempt(Graded {
        pack,
        exercise: ex.id.clone(),
        skills: ex.skills.clone(),
        grade: 0,
        hints_used: 0,
        seconds,
        skip: Some(Skip { kind, until }),
        variant: None,
    });
    next(app);
    vec![effect]
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
