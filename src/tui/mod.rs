//! The full-screen reader: input → action → update → view, one owned `App`, no async runtime.

pub mod action;
pub mod adr_editor;
pub mod adr_files;
pub mod app;
pub mod attempts;
pub mod console;
pub mod console_files;
pub mod drill;
pub mod drill_list;
pub mod editor_syntax;
pub mod glossary;
pub mod next;
pub mod packs;
pub mod search;
pub mod session;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;

use std::collections::VecDeque;
use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event;

use crate::i18n::Msg;
use crate::practice::reading::Reading;
use crate::practice::store;
use action::{Action, Effect};
use app::App;
use attempts::Attempts;

/// How often the screen is redrawn while a session's timer runs (and only then).
const TICK: Duration = Duration::from_secs(1);

/// Runs the TUI until the learner quits. `data_dir` is where the reading state is saved;
/// graded drills go to `attempts`.
pub fn run(mut app: App, data_dir: Option<PathBuf>, attempts: &mut dyn Attempts) -> io::Result<()> {
    let started = Instant::now();
    let mut guard = terminal::TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    update::update(&mut app, action::Action::Resize(size.width, size.height));
    loop {
        {
            let _frame = terminal::DRAWING.lock();
            guard.terminal.draw(|f| view::view(&app, f))?;
        }
        // Block until something happens (zero CPU when idle), then drain what is pending so a
        // burst of keys or resizes costs one frame. While a session's timer runs, wake once a
        // second to redraw it; that wake-up changes nothing but `clock`.
        let mut events = Vec::new();
        if !app.ticking() || event::poll(TICK)? {
            events.push(event::read()?);
        }
        while event::poll(Duration::ZERO)? {
            events.push(event::read()?);
        }
        app.clock = started.elapsed();
        for ev in events {
            debug_panic_key(&ev);
            app.clock = started.elapsed();
            // Effects may hand an action back (an attempt recorded); it is handled before the
            // next event, so the screen never shows progress without its latest attempt.
            let mut actions: VecDeque<Action> = action::from_event(&app, &ev).into_iter().collect();
            while let Some(action) = actions.pop_front() {
                for effect in update::update(&mut app, action) {
                    let dirs = (data_dir.as_deref(), &mut guard);
                    actions.extend(run_effect(&mut app, effect, dirs, attempts));
                }
            }
            if app.quit {
                return Ok(());
            }
        }
    }
}

fn run_effect(
    app: &mut App,
    effect: Effect,
    (data_dir, guard): (Option<&std::path::Path>, &mut terminal::TerminalGuard),
    attempts: &mut dyn Attempts,
) -> Option<Action> {
    // A manifest drill's draft is YAML; an ADR's is Markdown.
    let ext = app
        .exercise()
        .map_or("md", |ex| crate::drill::class::answer_extension(ex.kind));
    let draft = |pack: &str, exercise: &str| adr_files::draft_path(data_dir, pack, exercise, ext);
    match effect {
        Effect::LoadAdr { pack, exercise } => Some(adr_files::load(
            draft(&pack, &exercise).as_deref(),
            app.lang,
        )),
        Effect::SaveAdr {
            pack,
            exercise,
            text,
        } => Some(adr_files::save(
            draft(&pack, &exercise).as_deref(),
            text,
            app.lang,
        )),
        Effect::ExternalEditor {
            pack,
            exercise,
            text,
        } => Some(adr_files::edit(
            guard,
            draft(&pack, &exercise).as_deref(),
            &text,
            ext,
            app.lang,
        )),
        Effect::RecordAttempt(graded) => match attempts.record(&graded) {
            Ok(recorded) => recorded.map(|r| Action::Recorded(Box::new(r))),
            Err(e) => {
                app.notice = Some(e);
                None
            }
        },
        Effect::LoadConsoleHistory { pack, exercise } => Some(console_files::load_history(
            console_files::path(data_dir, &pack, &exercise, ".history").as_deref(),
            app.lang,
        )),
        Effect::SaveConsoleHistory {
            pack,
            exercise,
            lines,
        } => {
            let path = console_files::path(data_dir, &pack, &exercise, ".history");
            if let Some(why) = console_files::save_history(path.as_deref(), &lines, app.lang) {
                app.notice = Some(why);
            }
            None
        }
        Effect::SaveTranscript {
            pack,
            exercise,
            text,
        } => {
            let t = time::OffsetDateTime::now_utc();
            let ext = format!(
                "-{:04}{:02}{:02}-{:02}{:02}{:02}.txt",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            );
            Some(console_files::save_transcript(
                console_files::path(data_dir, &pack, &exercise, &ext).as_deref(),
                &text,
                app.lang,
            ))
        }
        Effect::SaveReading => {
            let dir = data_dir?;
            if let Err(e) = store::save(&dir.join(Reading::FILE), &app.reading) {
                app.notice = Some(Msg::StateSaveFailed.fill(app.lang, &[&e.to_string()]));
            }
            None
        }
    }
}

/// Debug builds only: with `MESHLAB_DEBUG_PANIC` set, the `!` key panics, so tests can prove the
/// terminal is restored and the message printed after a panic. Release builds have no such key.
#[cfg(debug_assertions)]
fn debug_panic_key(ev: &event::Event) {
    if let event::Event::Key(k) = ev
        && k.code == event::KeyCode::Char('!')
        && std::env::var_os("MESHLAB_DEBUG_PANIC").is_some()
    {
        panic!("deliberate panic (MESHLAB_DEBUG_PANIC)");
    }
}

#[cfg(not(debug_assertions))]
fn debug_panic_key(_: &event::Event) {}
