//! Lessons: the embedded catalog, Markdown parsing and width-aware layout.

pub mod render;
