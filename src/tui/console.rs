//! The investigation console of a diagnose drill: a prompt line with history and Tab
//! completion that runs `sim::inspect` commands against the drill's unfixed cluster, and the
//! transcript of what ran. Plain data and small pure steps; `update` decides when they happen.

use std::rc::Rc;

use crate::drill::exercise::Exercise;
use crate::drill::grade;
use crate::drill::pack::Pack;
use crate::sim::eval::probe::Probe;
use crate::sim::scenario::faulty::Faulty;
use crate::sim::tools;

/// Commands kept in the transcript; older ones scroll away for good, so a long investigation
/// cannot grow memory without bound.
pub const MAX_ENTRIES: usize = 400;
/// Lines typed are cut here: no command of `tools::COMMANDS` comes close.
pub const MAX_INPUT: usize = 200;

/// The cluster the commands look at: the drill's scenario with its faults, before any fix, and
/// the drill's probes as the traffic the observability tools report on.
#[derive(Debug)]
pub struct Investigation {
    pub sim: Faulty,
    pub traffic: Vec<Probe>,
}

/// One item of the transcript. Kept as data, not text, so the language toggle redraws the
/// messages in the other language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// The command line as typed.
    Command(String),
    /// What the command printed.
    Output(String),
    /// The command is not one meshlab knows.
    Unknown(String),
    /// The drill's cluster could not be loaded (a broken pack): why.
    Unavailable(String),
}

#[derive(Clone, Debug)]
pub struct Console {
    /// Shown instead of the answer list while open; closing keeps everything for later.
    pub open: bool,
    pub input: String,
    /// Commands run, oldest first, without repeats in a row.
    pub history: Vec<String>,
    /// The history entry shown while browsing with ↑/↓; `None` while editing a new line.
    browsing: Option<usize>,
    /// The line being typed before browsing began, restored by ↓ past the newest entry.
    draft: String,
    /// The commands the last Tab could complete to, when more than one.
    pub candidates: Vec<&'static str>,
    pub transcript: Vec<Entry>,
    /// Lines scrolled back from the end of the transcript (0 follows the newest output).
    pub back: usize,
    /// Shared by retries of the same drill: loading the cluster once is enough.
    cluster: Rc<Result<Investigation, String>>,
}

impl Console {
    /// The console of diagnose drill `ex`, its cluster loaded now. Loading reads only the pack
    /// in memory, so it is no I/O and may run inside `update`.
    pub fn for_drill(pack: &Pack, ex: &Exercise) -> Console {
        let cluster = grade::investigate(pack, ex)
            .map(|(sim, traffic)| Investigation { sim, traffic })
            .map_err(|e| e.to_string());
        Console {
            open: false,
            input: String::new(),
            history: Vec::new(),
            browsing: None,
            draft: String::new(),
            candidates: Vec::new(),
            transcript: Vec::new(),
            back: 0,
            cluster: Rc::new(cluster),
        }
    }

    pub fn type_char(&mut self, c: char) {
        if !c.is_control() && self.input.chars().count() < MAX_INPUT {
            self.input.push(c);
        }
        self.edited();
    }

    pub fn backspace(&mut self) {
        self.input.pop();
        self.edited();
    }

    fn edited(&mut self) {
        self.browsing = None;
        self.candidates.clear();
    }

    /// Tab: completes the line to the longest prefix shared by every command it starts; when
    /// several remain, they are listed.
    pub fn complete(&mut self) {
        let typed = self.input.trim_start();
        let matches: Vec<&'static str> = tools::COMMANDS
            .iter()
            .copied()
            .filter(|c| c.starts_with(typed))
            .collect();
        self.browsing = None;
        if let Some(prefix) = common_prefix(&matches)
            && prefix.len() > typed.len()
        {
            self.input = prefix.to_string();
        }
        self.candidates = if matches.len() > 1 { matches } else { vec![] };
    }

    /// ↑: the previous command of the history.
    pub fn history_prev(&mut self) {
        let at = match self.browsing {
            None if self.history.is_empty() => return,
            None => {
                self.draft = std::mem::take(&mut self.input);
                self.history.len() - 1
            }
            Some(i) => i.saturating_sub(1),
        };
        self.show_history(at);
    }

    /// ↓: the next command of the history, then the line typed before browsing.
    pub fn history_next(&mut self) {
        let Some(i) = self.browsing else {
            return;
        };
        if i + 1 < self.history.len() {
            self.show_history(i + 1);
        } else {
            self.browsing = None;
            self.input = std::mem::take(&mut self.draft);
        }
    }

    fn show_history(&mut self, at: usize) {
        self.browsing = Some(at);
        self.input = self.history.get(at).cloned().unwrap_or_default();
        self.candidates.clear();
    }

    /// Enter: runs the line against the drill's cluster and appends it and its output to the
    /// transcript, which then follows the newest output.
    pub fn run(&mut self) {
        let line = self.input.trim().to_string();
        self.input.clear();
        self.edited();
        if line.is_empty() {
            return;
        }
        if self.history.last() != Some(&line) {
            self.history.push(line.clone());
        }
        let result = match self.cluster.as_ref() {
            Ok(c) => match tools::command(&c.sim, &c.traffic, &line) {
                Some(out) => Entry::Output(out),
                None => Entry::Unknown(line.clone()),
            },
            Err(e) => Entry::Unavailable(e.clone()),
        };
        self.transcript.push(Entry::Command(line));
        self.transcript.push(result);
        let extra = self.transcript.len().saturating_sub(MAX_ENTRIES);
        self.transcript.drain(..extra);
        self.back = 0;
    }

    /// Scrolls the transcript by `lines` (positive goes back in time), given its `total` lines
    /// and the `visible` rows of its pane.
    pub fn scroll(&mut self, lines: isize, total: usize, visible: usize) {
        let max = total.saturating_sub(visible);
        self.back = self.back.min(max).saturating_add_signed(lines).min(max);
    }
}

/// The longest prefix every string shares (`None` for no strings), cut at a char boundary.
fn common_prefix<'a>(all: &[&'a str]) -> Option<&'a str> {
    let (first, rest) = all.split_first()?;
    let mut end = first.len();
    for s in rest {
        end = first
            .char_indices()
            .zip(s.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(s.len()), |((i, _), _)| i.min(end));
    }
    Some(&first[..end])
}

#[cfg(test)]
mod tests {
    use super::common_prefix;

    #[test]
    fn common_prefix_of_commands() {
        assert_eq!(
            common_prefix(&["linkerd viz stat deploy", "linkerd check"]),
            Some("linkerd ")
        );
        assert_eq!(common_prefix(&["istioctl"]), Some("istioctl"));
        assert_eq!(common_prefix(&["ab", "abc"]), Some("ab"));
        assert_eq!(common_prefix(&["é1", "é2"]), Some("é"));
        assert_eq!(common_prefix(&[]), None);
    }
}
