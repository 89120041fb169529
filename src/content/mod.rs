//! Lessons: the embedded catalog, Markdown parsing and width-aware layout, and the glossary.

pub mod catalog;
pub mod cost_figures;
pub mod front_matter;
pub mod glossary;
pub mod render;

pub use catalog::{Catalog, Lesson, LessonText, Part};
