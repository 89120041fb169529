//! Drills: the exercise format, packs, answers and grading (grading runs the simulator).

pub mod adoption;
pub mod audit;
pub mod exercise;
pub mod explain;
pub mod grade;
pub mod pack;
pub mod selection;
pub mod validate;
