//! Drills: the exercise format, packs, answers and grading (grading runs the simulator).

pub mod adoption;
pub mod adr;
pub mod archive;
pub mod audit;
pub mod class;
pub mod cost;
pub mod debugging;
pub mod edition;
pub mod exercise;
pub mod expectation;
pub mod explain;
pub mod grade;
pub mod install;
pub mod lint;
pub mod manifest;
pub mod pack;
pub mod refusal;
pub mod selection;
pub mod strip;
pub mod submission;
pub mod validate;
pub mod variant;
