//! The investigation console of diagnose and audit drills: a prompt line with history and Tab
//! completion that runs the simulated tools (`sim::tools`) against the drill's unfixed
//! cluster, and the transcript of what ran. Plain data and small pure steps; `update` decides
//! when they happen, and the loop reads and writes the history file (`console_files`).

use std::rc::Rc;

use crate::drill::exercise::Exercise;
use crate::drill::grade;
use crate::drill::pack::Pack;
use crate::sim::tools::{self, Lab, Note, Reply};

/// Commands kept in the transcript; older ones scroll away for good, so a long investigation
/// cannot grow memory without bound.
pub const MAX_ENTRIES: usize = 400;
/// Lines typed are cut here: no real command comes close.
pub const MAX_INPUT: usize = 400;
/// Commands kept in the history (and its file).
pub const MAX_HISTORY: usize = 200;
/// Columns one ←/→ scrolls the transcript sideways.
pub const HSCROLL_STEP: usize = 8;

/// One item of the transcript. Kept as data, not text, so the language toggle redraws
/// meshlab's own messages in the other language (the tools' output stays English).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// The command line as typed.
    Command(String),
    /// What the tool printed, and what meshlab supports where it refused a flag.
    Output {
        stdout: String,
        stderr: String,
        supported: Vec<String>,
    },
    /// meshlab's own answer (help, not a tool, not modelled, read-only).
    Note(Note),
    /// The drill's cluster could not be loaded (a broken pack): why.
    Unavailable(String),
    /// The transcript was saved there.
    Saved(String),
    /// Saving (or reading the history) failed: the message, already in words.
    Failed(String),
    /// Debugging drills: `found N FACT` recorded the answer to question N (from 1).
    Found {
        question: usize,
        command: String,
        fact: String,
    },
    /// `found` could not record anything: no command has run yet (`None`), or the line was
    /// not `found N FACT` with N from 1 to this.
    FoundRefused(Option<usize>),
}

/// The console word that records a debugging drill's answer: `found N FACT`.
pub const FOUND: &str = "found";

/// One answer recorded with `found`: question number (from 1), the command, the fact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub question: usize,
    pub command: String,
    pub fact: String,
}

#[derive(Clone, Debug)]
pub struct Console {
    /// Shown instead of the answer list while open; closing keeps everything for later.
    pub open: bool,
    pub input: String,
    /// Commands run, oldest first, without repeats in a row.
    pub history: Vec<String>,
    /// The history file was asked for (once per drill opened).
    pub history_asked: bool,
    /// The history entry shown while browsing with ↑/↓; `None` while editing a new line.
    browsing: Option<usize>,
    /// The line being typed before browsing began, restored by ↓ past the newest entry.
    draft: String,
    /// The words the last Tab could complete to, when more than one.
    pub candidates: Vec<String>,
    pub transcript: Vec<Entry>,
    /// Lines scrolled back from the end of the transcript (0 follows the newest output).
    pub back: usize,
    /// Columns scrolled to the right (tables wider than the pane are read by scrolling).
    pub hscroll: usize,
    /// Shared by retries of the same drill: loading the cluster once is enough.
    lab: Rc<Result<Lab, String>>,
    /// Debugging drills: how many questions `found` answers (0: it is not a word here).
    questions: usize,
    /// The answers recorded with `found`, oldest first (the last one per question counts).
    pub found: Vec<Found>,
    /// The last line a tool ran without an error: what `found` binds its fact to.
    last_ran: Option<String>,
}

impl Console {
    /// The console of drill `ex`, its cluster loaded now. Loading reads only the pack in
    /// memory, so it is no I/O and may run inside `update`.
    pub fn for_drill(pack: &Pack, ex: &Exercise) -> Console {
        let lab = grade::investigate(pack, ex)
            .map(|(sim, traffic)| Lab::new(sim, traffic, ex.extras()))
            .map_err(|e| e.to_string());
        Console {
            questions: ex.questions.len(),
            ..Console::over(lab)
        }
    }

    /// A console over a lab (or why there is none).
    pub fn over(lab: Result<Lab, String>) -> Console {
        Console {
            open: false,
            input: String::new(),
            history: Vec::new(),
            history_asked: false,
            browsing: None,
            draft: String::new(),
            candidates: Vec::new(),
            transcript: Vec::new(),
            back: 0,
            hscroll: 0,
            lab: Rc::new(lab),
            questions: 0,
            found: Vec::new(),
            last_ran: None,
        }
    }

    pub fn lab(&self) -> Option<&Lab> {
        self.lab.as_ref().as_ref().ok()
    }

    pub fn type_char(&mut self, c: char) {
        if !c.is_control() && self.input.chars().count() < MAX_INPUT {
            self.input.push(c);
        }
        self.edited();
    }

    /// Pasted text: typed character by character, line breaks as spaces.
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            self.type_char(if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            });
        }
    }

    pub fn backspace(&mut self) {
        self.input.pop();
        self.edited();
    }

    fn edited(&mut self) {
        self.browsing = None;
        self.candidates.clear();
    }

    /// Tab: completes the word being typed (a tool, a subcommand, a flag, a namespace, a pod)
    /// to the longest prefix its candidates share, with a space when only one is left; when
    /// several remain, they are listed.
    pub fn complete(&mut self) {
        self.browsing = None;
        let Some(lab) = self.lab() else {
            return;
        };
        let done = tools::complete(lab, &self.input);
        let current = self.input.get(done.start..).unwrap_or_default().to_owned();
        let refs: Vec<&str> = done.candidates.iter().map(String::as_str).collect();
        if let Some(prefix) = common_prefix(&refs)
            && prefix.len() >= current.len()
            && !current.contains(['\'', '"', '\\'])
        {
            let mut completed = prefix.to_owned();
            if refs.len() == 1 {
                completed.push(' ');
            }
            self.input.truncate(done.start);
            self.input.push_str(&completed);
        }
        self.candidates = if done.candidates.len() > 1 {
            done.candidates
        } else {
            vec![]
        };
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

    /// The history read from the file goes before what was typed since.
    pub fn history_loaded(&mut self, earlier: Vec<String>) {
        let mut all = earlier;
        for line in std::mem::take(&mut self.history) {
            if all.last() != Some(&line) {
                all.push(line);
            }
        }
        let extra = all.len().saturating_sub(MAX_HISTORY);
        all.drain(..extra);
        self.history = all;
    }

    /// Enter: runs the line against the drill's cluster and appends it and its output to the
    /// transcript, which then follows the newest output. Whether a command ran (so the
    /// history changed).
    pub fn run(&mut self) -> bool {
        let line = self.input.trim().to_string();
        self.input.clear();
        self.edited();
        if line.is_empty() {
            return false;
        }
        if self.history.last() != Some(&line) {
            self.history.push(line.clone());
            let extra = self.history.len().saturating_sub(MAX_HISTORY);
            self.history.drain(..extra);
        }
        let result = match self.lab.as_ref() {
            _ if self.questions > 0 && line.split_whitespace().next() == Some(FOUND) => {
                self.record(&line)
            }
            Ok(lab) => match tools::run(lab, &line) {
                Reply::Ran(out) => {
                    // An error (a typo, an unknown pod) shows nothing to record.
                    if out.code == 0 {
                        self.last_ran = Some(line.clone());
                    }
                    Entry::Output {
                        stdout: out.stdout,
                        stderr: out.stderr,
                        supported: out.supported,
                    }
                }
                Reply::Meshlab(note) => Entry::Note(note),
            },
            Err(e) => Entry::Unavailable(e.clone()),
        };
        self.transcript.push(Entry::Command(line));
        self.transcript.push(result);
        let extra = self.transcript.len().saturating_sub(MAX_ENTRIES);
        self.transcript.drain(..extra);
        self.back = 0;
        self.hscroll = 0;
        true
    }

    /// `found N FACT`: the fact answers question N, shown by the last command that ran (the
    /// grader runs that command again to check).
    fn record(&mut self, line: &str) -> Entry {
        let rest = line.trim_start_matches(FOUND).trim_start();
        let (n, fact) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let fact = fact.trim();
        let question = n
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=self.questions).contains(n));
        let (Some(question), false) = (question, fact.is_empty()) else {
            return Entry::FoundRefused(Some(self.questions));
        };
        let Some(command) = self.last_ran.clone() else {
            return Entry::FoundRefused(None);
        };
        let found = Found {
            question,
            command,
            fact: fact.to_string(),
        };
        self.found.push(found.clone());
        Entry::Found {
            question: found.question,
            command: found.command,
            fact: found.fact,
        }
    }

    /// A line for the transcript: the save's outcome.
    pub fn note(&mut self, entry: Entry) {
        self.transcript.push(entry);
        self.back = 0;
    }

    /// The transcript as plain text (a terminal's view of the session, English tool output,
    /// meshlab's notes in `lang`), for saving.
    pub fn transcript_text(&self, lang: crate::i18n::Lang) -> String {
        let mut out = String::new();
        for e in &self.transcript {
            match e {
                Entry::Command(line) => out.push_str(&format!("$ {line}\n")),
                Entry::Output {
                    stdout,
                    stderr,
                    supported,
                } => {
                    out.push_str(stderr);
                    out.push_str(stdout);
                    if let Some(s) = crate::i18n::console::supported(lang, supported) {
                        out.push_str(&s);
                        out.push('\n');
                    }
                }
                Entry::Note(n) => {
                    out.push_str(&crate::i18n::console::note(lang, n));
                    out.push('\n');
                }
                Entry::Unavailable(why) | Entry::Failed(why) => {
                    out.push_str(why);
                    out.push('\n');
                }
                Entry::Saved(_) => {}
                Entry::Found { .. } | Entry::FoundRefused(_) => {
                    out.push_str(&found_words(e, lang));
                    out.push('\n');
                }
            }
        }
        out
    }

    /// Scrolls the transcript by `lines` (positive goes back in time), given its `total` lines
    /// and the `visible` rows of its pane.
    pub fn scroll(&mut self, lines: isize, total: usize, visible: usize) {
        let max = total.saturating_sub(visible);
        self.back = self.back.min(max).saturating_add_signed(lines).min(max);
    }

    /// ←/→: scrolls the transcript sideways, up to the widest line.
    pub fn scroll_sideways(&mut self, right: bool, widest: usize, visible: usize) {
        let max = widest.saturating_sub(visible);
        self.hscroll = if right {
            (self.hscroll + HSCROLL_STEP).min(max)
        } else {
            self.hscroll.saturating_sub(HSCROLL_STEP)
        };
    }
}

/// The longest prefix every string shares (`None` for no strings), cut at a char boundary.
/// What `found` answered, in words.
pub fn found_words(e: &Entry, lang: crate::i18n::Lang) -> String {
    use crate::i18n::Msg;
    match e {
        Entry::Found {
            question,
            command,
            fact,
        } => Msg::ConsoleFound.fill(lang, &[&question.to_string(), command, fact]),
        Entry::FoundRefused(None) => Msg::ConsoleFoundNoCommand.text(lang).to_string(),
        Entry::FoundRefused(Some(n)) => Msg::ConsoleFoundUsage.fill(lang, &[&n.to_string()]),
        _ => String::new(),
    }
}

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
    use super::*;

    fn typed(c: &mut Console, line: &str) -> Entry {
        c.input = line.to_string();
        c.run();
        c.transcript.last().cloned().unwrap()
    }

    #[test]
    fn found_binds_a_fact_to_the_last_command_that_ran() {
        let pack = Pack::builtin().unwrap();
        let ex = pack.exercise("debug-sidecar-questions").unwrap();
        let mut c = Console::for_drill(&pack, ex);
        assert_eq!(
            typed(&mut c, "found 1 frontend-0 1/1"),
            Entry::FoundRefused(None)
        );
        typed(&mut c, "kubectl get pods -n web");
        // A command that fails leaves the bound command as it was.
        typed(&mut c, "kubectl nonsense");
        assert_eq!(
            typed(&mut c, "found 1   frontend-0 1/1 "),
            Entry::Found {
                question: 1,
                command: "kubectl get pods -n web".into(),
                fact: "frontend-0 1/1".into()
            }
        );
        assert_eq!(typed(&mut c, "found 5 x"), Entry::FoundRefused(Some(4)));
        assert_eq!(typed(&mut c, "found 2"), Entry::FoundRefused(Some(4)));
        assert_eq!(c.found.len(), 1);
        // Outside a debugging drill `found` is no word of meshlab's: it goes to the tools.
        let diagnose = pack.exercise("dx-card-data-in-the-clear").unwrap();
        let mut c = Console::for_drill(&pack, diagnose);
        assert!(matches!(typed(&mut c, "found 1 x"), Entry::Note(_)));
    }

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
