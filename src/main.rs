use std::process::ExitCode;

use clap::{Parser, Subcommand};
use meshlab::cli::sim::SimCommand;

#[derive(Parser)]
#[command(
    name = "meshlab",
    version,
    about = "A terminal learning lab for service meshes"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// The mesh simulator.
    #[command(subcommand)]
    Sim(SimCommand),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Some(Command::Sim(cmd)) => meshlab::cli::sim::run(cmd),
        None => {
            println!("meshlab {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
    }
}
