//! Entering and leaving the full-screen terminal, on every path out: quit, error, panic, and the
//! signals that end a terminal session (SIGTERM, SIGHUP, SIGINT).

use std::io::{self, stdout};
use std::sync::Mutex;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

/// Held while drawing, so a signal never restores the terminal in the middle of a frame (which
/// would paint the frame's tail over the learner's shell).
pub static DRAWING: Mutex<()> = Mutex::new(());

/// Owns the terminal while the TUI runs; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    pub fn enter() -> io::Result<TerminalGuard> {
        // `ratatui::init` enters raw mode and the alternate screen and installs a panic hook
        // that restores them before the panic message prints. Ours runs first and also turns
        // mouse capture off, so a panic never leaves the terminal reporting mouse movements.
        let terminal = ratatui::try_init()?;
        let ratatui_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
            ratatui_hook(info);
        }));
        // Bracketed paste: a pasted ADR arrives as one event, not as keys (no auto-indent, no
        // Enter taken for a command).
        execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        restore_on_signals()?;
        Ok(TerminalGuard { terminal })
    }

    /// Hands the terminal to another program (`$EDITOR`) for the length of `run`, then takes
    /// it back and repaints everything. Holding `DRAWING` keeps a signal's restore from racing.
    pub fn suspended<T>(&mut self, run: impl FnOnce() -> T) -> io::Result<T> {
        {
            let _frame = DRAWING.lock();
            restore();
        }
        let result = run();
        let _frame = DRAWING.lock();
        crossterm::terminal::enable_raw_mode()?;
        execute!(
            stdout(),
            crossterm::terminal::EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        )?;
        self.terminal.clear()?;
        Ok(result)
    }
}

fn restore() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        crossterm::cursor::Show
    );
    ratatui::restore();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// A terminal closing (SIGHUP) or `kill` (SIGTERM) would otherwise end the process with the
/// terminal still raw. A watcher thread restores it and exits with the conventional 128 + signal.
#[cfg(unix)]
fn restore_on_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _frame = DRAWING.lock();
            restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn restore_on_signals() -> io::Result<()> {
    Ok(())
}
