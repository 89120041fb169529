//! The one owned application state. `update` changes it; views only read it.

use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use crate::content::Catalog;
use crate::content::render::{self, RenderOptions, Rendered};
use crate::drill::exercise::Exercise;
use crate::drill::pack::Pack;
use crate::i18n::Lang;
use crate::practice::clock::Clock;
use crate::practice::progress::Progress;
use crate::practice::reading::{Place, Reading};
use crate::practice::session::Session;

use super::drill::DrillState;
use super::drill_list::ListView;
use super::glossary::GlossaryState;
use super::packs::{Packs, Shelved};
use super::search::Search;
use super::session::Ended;

/// Below this size screens show a "too small" message instead of their content.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Lines of text wider than this are hard to read; wide terminals get margins instead.
pub const MAX_TEXT_WIDTH: u16 = 110;
/// Wheel steps scroll this many lines.
pub const WHEEL_LINES: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    Reader,
    Drill,
    /// The skill map, the meter, the streak and reviews due; timed sessions start here.
    Progress,
    /// The end of a timed session.
    Summary,
    /// The course's terms in both languages, searchable (`w` on the home screen or a lesson).
    Glossary,
}

/// The two lists of the home screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Lessons,
    Drills,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Text,
    Toc,
}

pub struct App {
    pub catalog: Catalog,
    pub lang: Lang,
    pub color: bool,
    pub screen: Screen,
    pub width: u16,
    pub height: u16,
    /// Selected row on the home screen (index into `catalog.lessons()`).
    pub selected: usize,
    pub reader: ReaderState,
    pub glossary: GlossaryState,
    pub help: bool,
    /// First visible line of the help overlay (it scrolls on a short terminal).
    pub help_top: usize,
    pub reading: Reading,
    /// A one-off message for the status line (e.g. a save that failed).
    pub notice: Option<String>,
    pub quit: bool,
    /// The drills offered: the built-in pack and the installed ones (or `--pack-dir`, or test
    /// fixtures).
    pub packs: Packs,
    pub tab: Tab,
    /// Selected drill of the drill list (an index into every pack's drills, see [`Packs`]).
    pub drill_selected: usize,
    /// The drill list's order and filters.
    pub list: ListView,
    /// The drill in progress, while `screen` is `Drill` (and kept while its lesson is open).
    pub drill: Option<DrillState>,
    /// Screens to return to with `Esc`: a lesson opened from a drill goes back to the drill.
    pub back: Vec<Screen>,
    /// Time since the session started, as of the event being handled. The event loop sets it;
    /// `update` only reads it (time on task), so update stays free of clocks and tests can set
    /// it by hand.
    pub clock: Duration,
    /// Wall-clock time when `clock` was zero, and the learner's UTC offset (for streak days).
    /// The CLI reads them once at start-up; tests fix them.
    pub started_at: time::OffsetDateTime,
    pub offset: time::UtcOffset,
    /// Every attempt so far: loaded at start-up, replaced after each recorded attempt.
    pub progress: Progress,
    /// The timed practice session running, if any.
    pub session: Option<Session>,
    /// The last session's summary, while its screen is open.
    pub ended: Option<Ended>,
    /// First visible line of the progress or summary screen (they scroll on a short terminal).
    pub page_top: usize,
    layouts: HashMap<LayoutKey, Rc<Laid>>,
}

pub struct ReaderState {
    pub lesson: usize,
    /// First visible line of the laid-out lesson.
    pub top: usize,
    /// Columns the code lines are scrolled to the left (code is laid out whole; prose fits).
    pub left: usize,
    pub toc_open: bool,
    pub focus: Focus,
    /// Selected heading in the table of contents.
    pub toc_selected: usize,
    pub search: Search,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct LayoutKey {
    lesson: usize,
    lang: Lang,
    width: u16,
}

/// A lesson laid out at one width, with each line's text for searching.
pub struct Laid {
    pub rendered: Rendered,
    pub text: Vec<String>,
}

impl App {
    pub fn new(catalog: Catalog, lang: Lang, color: bool, reading: Reading) -> App {
        let mut app = App {
            catalog,
            lang,
            color,
            screen: Screen::Home,
            width: 80,
            height: 24,
            selected: 0,
            reader: ReaderState {
                lesson: 0,
                top: 0,
                left: 0,
                toc_open: false,
                focus: Focus::Text,
                toc_selected: 0,
                search: Search::default(),
            },
            glossary: GlossaryState::default(),
            help: false,
            help_top: 0,
            reading,
            notice: None,
            quit: false,
            packs: Packs::default(),
            tab: Tab::Lessons,
            drill_selected: 0,
            list: ListView::default(),
            drill: None,
            back: Vec::new(),
            clock: Duration::ZERO,
            started_at: time::OffsetDateTime::UNIX_EPOCH,
            offset: time::UtcOffset::UTC,
            progress: Progress::default(),
            session: None,
            ended: None,
            page_top: 0,
            layouts: HashMap::new(),
        };
        app.resume();
        app
    }

    /// Adds `pack`'s drills to the list, after those already there (tests pass fixtures).
    pub fn with_pack(mut self, pack: Pack) -> App {
        self.packs.push(pack);
        self.select_first_drill();
        self
    }

    /// The packs of the drill list (the CLI loads them at start-up).
    pub fn with_packs(mut self, packs: Packs) -> App {
        self.packs = packs;
        self.select_first_drill();
        self
    }

    /// The drill list starts on the first drill it shows (its order is not the packs').
    fn select_first_drill(&mut self) {
        if let Some(first) = super::drill_list::shown(self).first() {
            self.drill_selected = first.index;
        }
    }

    /// The practice so far (the CLI loads it from the progress file).
    pub fn with_progress(mut self, progress: Progress) -> App {
        self.progress = progress;
        self
    }

    /// The wall-clock time at which `clock` is zero, and the learner's UTC offset.
    pub fn with_start(mut self, at: time::OffsetDateTime, offset: time::UtcOffset) -> App {
        self.started_at = at;
        self.offset = offset;
        self
    }

    /// Whether the screen changes with time alone: a session's timer while it runs. The event
    /// loop wakes every second only then, so an idle meshlab uses no CPU otherwise.
    pub fn ticking(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| !s.is_over(self.now()))
    }

    /// Whether the terminal is below the minimum size (the screen then only says so).
    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// The exercise of the drill in progress, as its variant asks it.
    pub fn exercise(&self) -> Option<&Exercise> {
        let d = self.drill.as_ref()?;
        match &d.resolved {
            Some(ex) => Some(ex),
            None => Some(self.packs.drill(d.exercise)?.1),
        }
    }

    /// Opens drill `index` on the drill screen. A drill with variants that was passed before
    /// asks the variant its review asks (the one `meshlab next` and `exercise start` show);
    /// otherwise it is asked as written.
    pub fn open_drill(&mut self, index: usize) {
        let seed = self.packs.drill(index).map_or(0, |(s, ex)| {
            crate::practice::review_variant::seed(
                &self.progress,
                &s.pack.manifest.id,
                ex,
                self.now(),
            )
        });
        self.drill_selected = index;
        self.drill = Some(DrillState::open(
            &self.packs,
            index,
            self.clock,
            self.lang,
            seed,
        ));
        self.screen = Screen::Drill;
    }

    /// The pack of the drill in progress (what it is graded against).
    pub fn drill_pack(&self) -> Option<&Shelved> {
        Some(self.packs.drill(self.drill.as_ref()?.exercise)?.0)
    }

    /// Opens the lesson and place saved by the previous session, if it still exists.
    fn resume(&mut self) {
        let Some(place) = self.reading.last.clone() else {
            return;
        };
        let Some(index) = self.lesson_index(&place.lesson) else {
            return;
        };
        self.selected = index;
        self.open_lesson(index);
        self.go_to_place(place.heading, place.fraction);
    }

    pub fn lesson_count(&self) -> usize {
        self.catalog.lessons().count()
    }

    pub fn lesson(&self, index: usize) -> Option<&crate::content::Lesson> {
        self.catalog.lessons().nth(index)
    }

    pub fn lesson_index(&self, slug: &str) -> Option<usize> {
        self.catalog.lessons().position(|l| l.slug == slug)
    }

    /// Lesson `slug`, looked for first in parts `parts` (a pack's own lessons, which may share
    /// a file stem with another pack's), then anywhere.
    pub fn lesson_index_in(&self, slug: &str, parts: &[u32]) -> Option<usize> {
        self.catalog
            .parts
            .iter()
            .flat_map(|p| p.lessons.iter().map(move |l| (p.number, l)))
            .position(|(part, l)| parts.contains(&part) && l.slug == slug)
            .or_else(|| self.lesson_index(slug))
    }

    pub fn open_lesson(&mut self, index: usize) {
        self.screen = Screen::Reader;
        self.reader.lesson = index;
        self.reader.top = 0;
        self.reader.left = 0;
        self.reader.toc_selected = 0;
        self.reader.focus = Focus::Text;
        self.reader.search = Search::default();
        self.refresh_layout();
    }

    /// Width of the lesson text column for the current terminal and pane layout.
    pub fn text_width(&self) -> u16 {
        let toc = if self.reader.toc_open {
            self.toc_width()
        } else {
            0
        };
        self.width
            .saturating_sub(toc)
            .saturating_sub(2)
            .clamp(1, MAX_TEXT_WIDTH)
    }

    pub fn toc_width(&self) -> u16 {
        (self.width / 3).clamp(16, 36)
    }

    /// Lines of lesson text visible at once (the screen less header and status line).
    pub fn page_height(&self) -> usize {
        usize::from(self.height.saturating_sub(2)).max(1)
    }

    fn key(&self) -> LayoutKey {
        LayoutKey {
            lesson: self.reader.lesson,
            lang: self.lang,
            width: self.text_width(),
        }
    }

    /// Lays out the open lesson for the current width and language, once per key.
    pub fn refresh_layout(&mut self) {
        let key = self.key();
        if self.layouts.contains_key(&key) {
            return;
        }
        let Some(lesson) = self.lesson(key.lesson) else {
            return;
        };
        // Code stays whole: the reader scrolls it sideways rather than cut a command short.
        let rendered = render::layout(
            &lesson.text(key.lang).doc,
            RenderOptions::new(key.width, self.color, key.lang).whole_code(),
        );
        let text = rendered.lines.iter().map(|l| l.to_string()).collect();
        self.layouts.insert(key, Rc::new(Laid { rendered, text }));
    }

    /// The open lesson, laid out for the current state (see [`App::refresh_layout`]).
    pub fn laid(&self) -> Option<Rc<Laid>> {
        self.layouts.get(&self.key()).cloned()
    }

    /// How far the code lines on screen can scroll sideways: the columns by which the widest
    /// of them overflows the text column (0 when all of them fit).
    pub fn max_left(&self) -> usize {
        let Some(laid) = self.laid() else {
            return 0;
        };
        let width = usize::from(self.text_width());
        let rendered = &laid.rendered;
        (self.reader.top..self.reader.top + self.page_height())
            .filter(|&i| rendered.is_code(i))
            .filter_map(|i| rendered.lines.get(i))
            .map(|line| line.width().saturating_sub(width))
            .max()
            .unwrap_or(0)
    }

    pub fn max_top(&self) -> usize {
        self.laid().map_or(0, |l| {
            l.rendered.lines.len().saturating_sub(self.page_height())
        })
    }

    /// The place of the first visible line: its heading and the fraction into that section.
    pub fn place(&self) -> (usize, f64) {
        let Some(laid) = self.laid() else {
            return (0, 0.0);
        };
        let starts = &laid.rendered.heading_lines;
        let top = self.reader.top;
        let Some(heading) = starts.iter().rposition(|&line| line <= top) else {
            return (0, 0.0);
        };
        let (start, end) = section_bounds(starts, heading, laid.rendered.lines.len());
        let fraction = (top - start) as f64 / (end - start).max(1) as f64;
        (heading, fraction)
    }

    /// Scrolls to `fraction` of the way through heading `heading`'s section.
    pub fn go_to_place(&mut self, heading: usize, fraction: f64) {
        let Some(laid) = self.laid() else {
            return;
        };
        let starts = &laid.rendered.heading_lines;
        if starts.is_empty() {
            return;
        }
        let heading = heading.min(starts.len() - 1);
        let (start, end) = section_bounds(starts, heading, laid.rendered.lines.len());
        let offset = (fraction.clamp(0.0, 1.0) * (end - start) as f64).round() as usize;
        self.reader.top = (start + offset).min(self.max_top());
        self.reader.toc_selected = heading;
    }

    /// Records the current place in the reading state (saved by an effect).
    pub fn remember_place(&mut self) {
        if self.screen != Screen::Reader {
            return;
        }
        let (heading, fraction) = self.place();
        if let Some(lesson) = self.lesson(self.reader.lesson) {
            self.reading.last = Some(Place {
                lesson: lesson.slug.clone(),
                heading,
                fraction,
            });
        }
    }

    /// Marks the open lesson read once its last line has been on screen.
    pub fn mark_read_if_at_end(&mut self) {
        if self.screen == Screen::Reader
            && self.reader.top >= self.max_top()
            && let Some(lesson) = self.lesson(self.reader.lesson)
        {
            let slug = lesson.slug.clone();
            self.reading.read.insert(slug);
        }
    }
}

/// Wall-clock time as of the event being handled: `started_at` plus `clock`, so it is as
/// deterministic as `clock` in tests.
impl Clock for App {
    fn now(&self) -> time::OffsetDateTime {
        let since = time::Duration::try_from(self.clock).unwrap_or(time::Duration::ZERO);
        self.started_at
            .checked_add(since)
            .unwrap_or(self.started_at)
    }
}

/// First and one-past-last line of heading `i`'s section.
fn section_bounds(starts: &[usize], i: usize, total: usize) -> (usize, usize) {
    let start = starts[i];
    let end = starts.get(i + 1).copied().unwrap_or(total).max(start);
    (start, end)
}
