//! The drill list's order and filters, and the drills it shows: each pack's drills (packs in
//! list order), sorted by lesson, difficulty, kind or standing, and filtered by standing, by a
//! lesson, or by words (of the title, kind, skills and lesson). Pure over the app; the list
//! keeps selecting drills by their index in [`Packs`](super::packs::Packs).

use std::collections::HashMap;

use crate::drill::exercise::{Exercise, Kind};
use crate::drill::explain::kind_label;
use crate::i18n::{Lang, Msg};
use crate::practice::clock::Clock;
use crate::practice::progress::DrillKey;
use crate::practice::standing::{Mark, NEW, Standing, all};

use super::app::App;

/// How the drills of each pack are sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// By the section of the lesson a drill practises, then difficulty: the course's order.
    #[default]
    Lesson,
    Difficulty,
    Kind,
    /// Due first, then failed, new, passed.
    Standing,
    /// As the pack lists them.
    Pack,
}

impl Order {
    const CYCLE: [Order; 5] = [
        Order::Lesson,
        Order::Difficulty,
        Order::Kind,
        Order::Standing,
        Order::Pack,
    ];

    pub fn next(self) -> Order {
        let i = Self::CYCLE.iter().position(|o| *o == self).unwrap_or(0);
        Self::CYCLE[(i + 1) % Self::CYCLE.len()]
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Order::Lesson => Msg::OrderLesson,
            Order::Difficulty => Msg::OrderDifficulty,
            Order::Kind => Msg::OrderKind,
            Order::Standing => Msg::OrderStanding,
            Order::Pack => Msg::OrderPack,
        }
        .text(lang)
    }
}

/// What the list shows: its order and its filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListView {
    pub order: Order,
    /// Only drills of this standing.
    pub standing: Option<Mark>,
    /// Only the drills of this lesson (its file stem): "practise this section".
    pub lesson: Option<String>,
    /// Only drills whose words contain every one of these (case-insensitive).
    pub words: String,
    /// The words being typed after `/`, until Enter or Esc.
    pub editing: Option<String>,
}

impl ListView {
    pub fn filtered(&self) -> bool {
        self.standing.is_some() || self.lesson.is_some() || !self.words.trim().is_empty()
    }

    /// The next standing filter: all, due, failed, new, passed, all …
    pub fn cycle_standing(&mut self) {
        self.standing = match self.standing {
            None => Some(Mark::ALL[0]),
            Some(m) => Mark::ALL
                .iter()
                .position(|x| *x == m)
                .and_then(|i| Mark::ALL.get(i + 1))
                .copied(),
        };
    }
}

/// The word for a standing, as the list's legend and filters say it.
pub fn mark_label(mark: Mark, lang: Lang) -> &'static str {
    match mark {
        Mark::Due => Msg::MarkDue,
        Mark::Failed => Msg::MarkFailed,
        Mark::New => Msg::MarkNew,
        Mark::Passed => Msg::MarkPassed,
    }
    .text(lang)
}

/// One drill as the list shows it.
pub struct Shown {
    /// Its index in every pack's drills.
    pub index: usize,
    pub standing: Standing,
    /// The section of its lesson (0 when the lesson is not in the content).
    pub section: u32,
}

/// Each drill of every loaded pack as the list knows it, in pack order.
pub fn standings(app: &App) -> Vec<Shown> {
    let now = app.now();
    let known = all(&app.progress, now);
    let mut sections: HashMap<&str, u32> = HashMap::new();
    app.packs
        .drills()
        .enumerate()
        .map(|(index, (s, ex))| {
            let section = *sections.entry(ex.lesson.as_str()).or_insert_with(|| {
                app.lesson_index_in(&ex.lesson, &s.lesson_parts)
                    .and_then(|i| app.lesson(i))
                    .map_or(0, |l| l.section)
            });
            Shown {
                index,
                standing: DrillKey::new(&s.pack.manifest.id, &ex.id)
                    .and_then(|k| known.get(&k).copied())
                    .unwrap_or(NEW),
                section,
            }
        })
        .collect()
}

/// The drills the list shows, in its order: every pack's (in list order), each pack's sorted
/// and filtered as `app.list` says.
pub fn shown(app: &App) -> Vec<Shown> {
    let view = &app.list;
    let words: Vec<String> = view
        .words
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut all: Vec<(usize, Shown)> = Vec::new();
    let mut pack_of = Vec::new();
    for (p, s) in app.packs.ready().enumerate() {
        pack_of.extend(std::iter::repeat_n(p, s.pack.exercises.len()));
    }
    for shown in standings(app) {
        let Some((_, ex)) = app.packs.drill(shown.index) else {
            continue;
        };
        let keep = view.standing.is_none_or(|m| m == shown.standing.mark)
            && view.lesson.as_deref().is_none_or(|l| l == ex.lesson)
            && matches_words(app, ex, shown.section, &words);
        if keep {
            all.push((pack_of.get(shown.index).copied().unwrap_or(0), shown));
        }
    }
    all.sort_by_key(|(pack, s)| {
        let ex = app.packs.drill(s.index).map(|(_, ex)| ex);
        let difficulty = ex.map_or(0, |e| e.difficulty);
        let kind = ex.map_or(0, |e| kind_rank(e.kind));
        let key = match view.order {
            Order::Lesson => (s.section, u32::from(difficulty), 0),
            Order::Difficulty => (u32::from(difficulty), s.section, 0),
            Order::Kind => (kind, s.section, u32::from(difficulty)),
            Order::Standing => (s.standing.mark as u32, s.section, u32::from(difficulty)),
            Order::Pack => (0, 0, 0),
        };
        (*pack, key, s.index)
    });
    all.into_iter().map(|(_, s)| s).collect()
}

fn kind_rank(kind: Kind) -> u32 {
    match kind {
        Kind::EnforcementPoint => 0,
        Kind::Diagnose => 1,
        Kind::Audit => 2,
        Kind::RetryBudget => 3,
        Kind::MeshSelection => 4,
        Kind::AdoptionOrder => 5,
        Kind::Adr => 6,
        Kind::Manifest => 7,
        Kind::Cost => 8,
        Kind::Debugging => 9,
    }
}

/// Whether every word is in the drill's title, kind, skills, lesson (number, file stem,
/// title) or difficulty (`★3`, `3★`), in the current language.
fn matches_words(app: &App, ex: &Exercise, section: u32, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let lang = app.lang;
    let mut hay = format!(
        "{} {} {} ★{} {}★ {}",
        ex.title.get(lang),
        kind_label(ex.kind, lang),
        ex.lesson,
        ex.difficulty,
        ex.difficulty,
        section
    );
    for skill in &ex.skills {
        hay.push(' ');
        hay.push_str(skill.name(lang));
        hay.push(' ');
        hay.push_str(skill.id());
    }
    if let Some(l) = app.lesson_index(&ex.lesson).and_then(|i| app.lesson(i)) {
        hay.push(' ');
        hay.push_str(&l.text(lang).title);
    }
    let hay = hay.to_lowercase();
    words.iter().all(|w| hay.contains(w.as_str()))
}

/// "12 of 47 passed · 6 due": over every drill, whatever the filters.
pub fn counts(app: &App) -> (usize, usize, usize) {
    let all = standings(app);
    let passed = all.iter().filter(|s| s.standing.ever_passed).count();
    let due = all.iter().filter(|s| s.standing.mark == Mark::Due).count();
    (passed, all.len(), due)
}

/// Why a drill is offered after another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Along {
    SameLesson,
    SameSkill(crate::practice::skills::Skill),
}

/// The drill to offer after drill `index` (its result's "next"): the next one of the same
/// lesson not passed yet, in the course's order, else one that trains a skill it trains.
pub fn after(app: &App, index: usize) -> Option<(usize, Along)> {
    let (_, this) = app.packs.drill(index)?;
    let mut all = standings(app);
    all.sort_by_key(|s| {
        let difficulty = app.packs.drill(s.index).map_or(0, |(_, e)| e.difficulty);
        (s.section, difficulty, s.index)
    });
    // From just after this drill, round to the start: "next" moves on.
    let at = all.iter().position(|s| s.index == index).unwrap_or(0);
    let open: Vec<&Shown> = all[at + 1..]
        .iter()
        .chain(&all[..at])
        .filter(|s| s.standing.mark != Mark::Passed && s.index != index)
        .collect();
    let ex = |s: &Shown| app.packs.drill(s.index).map(|(_, e)| e);
    if let Some(s) = open
        .iter()
        .find(|s| ex(s).is_some_and(|e| e.lesson == this.lesson))
    {
        return Some((s.index, Along::SameLesson));
    }
    open.iter().find_map(|s| {
        let shared = ex(s)?.skills.iter().find(|k| this.skills.contains(k))?;
        Some((s.index, Along::SameSkill(*shared)))
    })
}
