//! Command-line interface: clap commands, non-interactive output, exit codes.

pub mod sim;
