//! `iapi-emulator` binary: runs the emulator until SIGINT/SIGTERM.
//!
//! Contract with the test harnesses of other languages: the FIRST stdout line is
//! `listening on http://127.0.0.1:PORT`, flushed at once, so they can read the port.

use std::io::Write;
use std::process::ExitCode;

use iapi_emulator::{parse_args, CliArgs, Emulator, USAGE};

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(CliArgs::Run(config)) => config,
        Ok(CliArgs::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            eprintln!("iapi-emulator: {err}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if config.apps.is_empty() {
        eprintln!(
            "iapi-emulator: warning: no --app given, the token endpoint will refuse everyone"
        );
    }
    match run(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("iapi-emulator: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(config: iapi_emulator::EmulatorConfig) -> std::io::Result<()> {
    let emulator = Emulator::start(config)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        // Handlers go in BEFORE the listening line: a harness may signal as soon as it reads it.
        let stop = StopSignals::install()?;
        let mut stdout = std::io::stdout().lock();
        // A harness that closed our stdout still gets a working server; ignore write errors.
        let _ = writeln!(stdout, "listening on {}", emulator.base_url());
        let _ = stdout.flush();
        drop(stdout);
        stop.wait().await;
        Ok::<(), std::io::Error>(())
    })?;
    emulator.shutdown();
    Ok(())
}

/// SIGINT and SIGTERM, registered eagerly.
#[cfg(unix)]
struct StopSignals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl StopSignals {
    fn install() -> std::io::Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(StopSignals {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    async fn wait(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}

/// Ctrl-C only, where there are no Unix signals.
#[cfg(not(unix))]
struct StopSignals;

#[cfg(not(unix))]
impl StopSignals {
    fn install() -> std::io::Result<Self> {
        Ok(StopSignals)
    }

    async fn wait(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
