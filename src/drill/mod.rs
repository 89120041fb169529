//! Drills: the exercise format, packs, answers and grading (grading runs the simulator).

pub mod adr;
pub mod exercise;
pub mod explain;
pub mod grade;
pub mod pack;
pub mod validate;
