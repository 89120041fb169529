//! "What next" in the TUI: the home screen's line (start here, continue, reviews due, the
//! weakest skill) and `n`, which opens it. The choice itself is `practice::next`.

use super::app::{App, Focus, Screen};
use super::session;
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, Msg};
use crate::practice::clock::Clock;
use crate::practice::next::{Next, SectionInfo, next};
use crate::practice::standing::{Span, span};

/// The next thing to do, as of the event being handled.
pub fn what(app: &App) -> Next {
    let sections: Vec<SectionInfo> = app
        .catalog
        .lessons()
        .map(|l| SectionInfo {
            slug: l.slug.clone(),
            read: app.reading.read.contains(&l.slug),
        })
        .collect();
    let resume = app.reading.last.as_ref().map(|p| p.lesson.as_str());
    next(
        &app.progress,
        &sections,
        resume,
        &app.packs.drill_infos(),
        app.now(),
    )
}

/// The home screen's line for it.
pub fn line(app: &App) -> String {
    let lang = app.lang;
    match what(app) {
        Next::Reviews { count, since, .. } => Msg::NextReviews.fill(
            lang,
            &[&count.to_string(), &span_text(span(app.now(), since), lang)],
        ),
        Next::Read { section, fresh } => {
            let title = app
                .lesson(section)
                .map(|l| format!("{}. {}", l.section, l.text(lang).title))
                .unwrap_or_default();
            let msg = if fresh {
                Msg::NextStart
            } else {
                Msg::NextContinue
            };
            msg.fill(lang, &[&title])
        }
        Next::Practise { drill, skill } => {
            let title = app
                .packs
                .position(&drill.pack, &drill.id)
                .and_then(|i| app.packs.drill(i))
                .map_or(drill.id.clone(), |(_, ex)| ex.title.get(lang).to_string());
            let skill = skill.map_or("", |s| s.name(lang));
            Msg::NextPractise.fill(lang, &[skill, &title])
        }
        Next::Done => Msg::NextDone.text(lang).to_string(),
    }
}

/// Said when meshlab reopens the section the learner stopped in while reviews are due, so
/// the relaunch does not hide them.
pub fn resume_notice(app: &App) -> Option<String> {
    if app.screen != Screen::Reader {
        return None;
    }
    match what(app) {
        Next::Reviews { count, .. } => Some(Msg::ResumeDue.fill(app.lang, &[&count.to_string()])),
        _ => None,
    }
}

/// "2 days", "3 hours", "5 minutes" in `lang`.
pub fn span_text(span: Span, lang: Lang) -> String {
    let (msg, n) = match span {
        Span::Days(n) => (Msg::SpanDays, n),
        Span::Hours(n) => (Msg::SpanHours, n),
        Span::Minutes(n) => (Msg::SpanMinutes, n),
    };
    msg.fill(lang, &[&n.to_string()])
}

/// `n` on the home screen: due reviews start a practice session (it takes them first), a
/// section opens where the learner stopped in it, a drill opens.
pub fn go(app: &mut App) {
    match what(app) {
        Next::Reviews { .. } => session::start(app),
        Next::Read { section, .. } => {
            let resume = app
                .reading
                .last
                .clone()
                .filter(|p| app.lesson(section).is_some_and(|l| l.slug == p.lesson));
            app.selected = section;
            app.open_lesson(section);
            if let Some(place) = resume {
                app.go_to_place(place.heading, place.fraction);
            }
        }
        Next::Practise { drill, .. } => {
            if let Some(index) = app.packs.position(&drill.pack, &drill.id) {
                app.open_drill(index);
            }
        }
        Next::Done => {}
    }
}

/// The offer at the end of a section, once its last line is on screen, in `width` columns:
/// when the section has drills, "practise this section: N drills" (`d`), then the next
/// section (`]`), its title cut to fit.
pub fn end_offer(app: &App, width: usize) -> Option<String> {
    let reading = app.screen == Screen::Reader && app.reader.focus == Focus::Text;
    if !reading || app.reader.top < app.max_top() {
        return None;
    }
    let lang = app.lang;
    let lesson = app.lesson(app.reader.lesson)?;
    let drills = app
        .packs
        .drills()
        .filter(|(_, ex)| ex.lesson == lesson.slug)
        .count();
    let practise = match drills {
        0 => String::new(),
        n => format!(
            "{} · ",
            Msg::LessonEndPractise.fill(lang, &[&n.to_string()])
        ),
    };
    let Some(next) = app.lesson(app.reader.lesson + 1) else {
        return Some(format!("{practise}{}", Msg::LessonEndLast.text(lang)));
    };
    let lead = Msg::LessonEndNext.fill(lang, &[""]);
    let room = width.saturating_sub(practise.width() + lead.width() + 2);
    let title = crate::tui::view::cut(
        &format!("{}. {}", next.section, next.text(lang).title),
        room,
    );
    Some(format!("{practise}{lead}{title}"))
}
