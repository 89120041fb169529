//! The packs the drill list offers: the built-in one and each installed pack, in list order.
//!
//! Loaded once at start-up (by the CLI, or by a test); the TUI only reads them. A pack that no
//! longer loads stays listed with its problem count, so the learner sees it is there and how
//! to check it, and the other packs still work.
//!
//! The drills of every loaded pack form one list; a drill's place in it (its *index*) is what
//! the drill list selects and what a [`DrillState`](super::drill::DrillState) names.

use std::path::Path;

use crate::content::Catalog;
use crate::drill::exercise::Exercise;
use crate::drill::install;
use crate::drill::pack::Pack;
use crate::i18n::Lang;
use crate::practice::session::DrillInfo;

/// One pack of the list.
pub enum Listed {
    /// Boxed: a pack holds its files, a broken one only a name.
    Ready(Box<Shelved>),
    /// An installed pack that did not load: its folder name and how many problems it has.
    Broken { id: String, problems: usize },
}

/// A loaded pack and the part numbers of its own lessons (merged into the app's catalog), so
/// a drill's lesson link finds its pack's lesson first.
pub struct Shelved {
    pub pack: Pack,
    pub lesson_parts: Vec<u32>,
}

#[derive(Default)]
pub struct Packs {
    list: Vec<Listed>,
}

impl Packs {
    /// Loaded packs, in list order.
    pub fn new(packs: impl IntoIterator<Item = Pack>) -> Packs {
        let mut p = Packs::default();
        for pack in packs {
            p.push(pack);
        }
        p
    }

    /// `builtin`, then every pack installed in `data_dir`, by id. An installed pack that does
    /// not load (or needs a newer meshlab) is listed as broken; it never keeps the TUI from
    /// starting. Reads the disk: called at start-up, never from `update`.
    pub fn installed(builtin: Pack, data_dir: Option<&Path>) -> Packs {
        let mut packs = Packs::new([builtin]);
        for found in data_dir.map_or_else(Vec::new, install::list) {
            match found.pack {
                Ok(p) if p.needs_newer_meshlab().is_none() => packs.push(p),
                Ok(_) => packs.push_broken(found.id, 1),
                // Counted in the words of either language: one line per problem.
                Err(e) => packs.push_broken(found.id, e.lines(Lang::En).len()),
            }
        }
        packs
    }

    pub fn push(&mut self, pack: Pack) {
        let lesson_parts = match pack.lessons() {
            Some(Ok(c)) => c.parts.iter().map(|p| p.number).collect(),
            _ => Vec::new(),
        };
        self.list
            .push(Listed::Ready(Box::new(Shelved { pack, lesson_parts })));
    }

    pub fn push_broken(&mut self, id: String, problems: usize) {
        self.list.push(Listed::Broken { id, problems });
    }

    /// `catalog` with every loaded pack's own lessons added.
    pub fn with_lessons(&self, catalog: Catalog) -> Catalog {
        self.ready().fold(catalog, |c, s| s.pack.add_lessons_to(c))
    }

    pub fn listed(&self) -> &[Listed] {
        &self.list
    }

    pub fn ready(&self) -> impl Iterator<Item = &Shelved> {
        self.list.iter().filter_map(|l| match l {
            Listed::Ready(s) => Some(&**s),
            Listed::Broken { .. } => None,
        })
    }

    /// Every drill of every loaded pack, in list order, with its pack.
    pub fn drills(&self) -> impl Iterator<Item = (&Shelved, &Exercise)> {
        self.ready()
            .flat_map(|s| s.pack.exercises.iter().map(move |ex| (s, ex)))
    }

    pub fn drill_count(&self) -> usize {
        self.ready().map(|s| s.pack.exercises.len()).sum()
    }

    /// The drill at `index` of the list, with its pack.
    pub fn drill(&self, index: usize) -> Option<(&Shelved, &Exercise)> {
        self.drills().nth(index)
    }

    /// The list index of drill `id` of pack `pack`.
    pub fn position(&self, pack: &str, id: &str) -> Option<usize> {
        self.drills()
            .position(|(s, ex)| s.pack.manifest.id == pack && ex.id == id)
    }

    /// The place in the list of the pack that drill `index` belongs to.
    pub fn pack_of(&self, index: usize) -> usize {
        let mut start = 0;
        for (p, s) in self.ready().enumerate() {
            start += s.pack.exercises.len();
            if index < start {
                return p;
            }
        }
        usize::MAX
    }

    /// Where `[` and `]` go from drill `from`: forward, the next pack's first drill; back,
    /// the first drill of this pack, or of the previous one when already there. Packs without
    /// drills are passed over; at either end the selection stays.
    pub fn jump(&self, from: usize, forward: bool) -> usize {
        let mut starts = Vec::new();
        let mut at = 0;
        for s in self.ready() {
            if !s.pack.exercises.is_empty() {
                starts.push(at);
            }
            at += s.pack.exercises.len();
        }
        let to = if forward {
            starts.into_iter().find(|&s| s > from)
        } else {
            starts.into_iter().rev().find(|&s| s < from)
        };
        to.unwrap_or(from)
    }

    /// Every drill as the session picker sees it.
    pub fn drill_infos(&self) -> Vec<DrillInfo> {
        self.drills()
            .map(|(s, e)| DrillInfo {
                pack: s.pack.manifest.id.clone(),
                id: e.id.clone(),
                skills: e.skills.clone(),
                difficulty: e.difficulty,
            })
            .collect()
    }
}
