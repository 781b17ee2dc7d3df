//! Command-line parsing for the `iapi-emulator` binary (hand-rolled: four flags don't need clap).

use std::time::Duration;

use crate::config::{App, EmulatorConfig};

/// Usage text printed by `--help` and on bad arguments.
pub const USAGE: &str = "usage: iapi-emulator [--port PORT] --app KEY:SECRET [--app KEY:SECRET ...] [--token-ttl SECONDS]\n\
  --port PORT          TCP port on 127.0.0.1 (default 0: pick a free one)\n\
  --app KEY:SECRET     an app allowed to fetch tokens (repeatable)\n\
  --token-ttl SECONDS  default access-token lifetime (default 3600)\n\
  env IAPI_EMULATOR_QUIET=1 silences the per-request log on stderr";

/// What the command line asked for.
#[derive(Debug)]
pub enum CliArgs {
    /// Run with this configuration.
    Run(EmulatorConfig),
    /// Print usage and exit successfully.
    Help,
}

/// Parses the arguments after the program name. Accepts `--flag value` and `--flag=value`.
pub fn parse_args<I: IntoIterator<Item = String>>(args: I) -> Result<CliArgs, String> {
    let mut config = EmulatorConfig::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg, None),
        };
        if flag == "--help" || flag == "-h" {
            return Ok(CliArgs::Help);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--port" => {
                let v = value()?;
                config.port = v.parse().map_err(|_| format!("bad --port {v:?}"))?;
            }
            "--app" => config.apps.push(App::parse(&value()?)?),
            "--token-ttl" => {
                let v = value()?;
                let secs: u64 = v.parse().map_err(|_| format!("bad --token-ttl {v:?}"))?;
                config.token_ttl = Duration::from_secs(secs);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(CliArgs::Run(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<EmulatorConfig, String> {
        match parse_args(args.iter().map(|s| s.to_string()))? {
            CliArgs::Run(c) => Ok(c),
            CliArgs::Help => Err("help".into()),
        }
    }

    #[test]
    fn parses_flags() {
        let c = run(&[
            "--port",
            "0",
            "--app",
            "k:s",
            "--app=k2:s:2",
            "--token-ttl=5",
        ])
        .unwrap();
        assert_eq!(c.port, 0);
        assert_eq!(c.apps, vec![App::new("k", "s"), App::new("k2", "s:2")]);
        assert_eq!(c.token_ttl, Duration::from_secs(5));
        assert_eq!(run(&[]).unwrap().token_ttl, Duration::from_secs(3600));
    }

    #[test]
    fn rejects_bad_input() {
        assert!(run(&["--port"]).is_err());
        assert!(run(&["--port", "x"]).is_err());
        assert!(run(&["--app", "nocolon"]).is_err());
        assert!(run(&["--bogus"]).is_err());
        assert_eq!(run(&["--help"]), Err("help".into()));
    }
}
