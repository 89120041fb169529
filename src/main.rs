fn main() -> std::process::ExitCode {
    meshlab::cli::main()
}
