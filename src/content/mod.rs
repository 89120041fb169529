//! Lessons: the embedded catalog, Markdown parsing and width-aware layout.

pub mod catalog;
pub mod front_matter;
pub mod render;

pub use catalog::{Catalog, Lesson, LessonText, Part};
