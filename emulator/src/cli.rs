//! Command-line parsing for the `iapi-emulator` binary (hand-rolled: five flags don't need clap).

use std::time::Duration;

use crate::config::{App, EmulatorConfig};

/// Usage text printed by `--help` and on bad arguments.
pub const USAGE: &str = "usage: iapi-emulator [--port PORT] --app KEY:SECRET [--app KEY:SECRET ...] [--token-ttl SECONDS] [--clock-offset SECONDS]\n\
  --port PORT             TCP port on 127.0.0.1 (default 0: pick a free one)\n\
  --app KEY:SECRET        an app allowed to fetch tokens (repeatable)\n\
  --token-ttl SECONDS     default access-token lifetime (default 3600)\n\
  --clock-offset SECONDS  shift the emulator's clock (token iat/exp, expiry checks, Date header)\n\
                          from the system clock; negative: behind; fractions allowed (default 0)\n\
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
            "--clock-offset" => {
                let v = value()?;
                config.clock_offset_ms =
                    parse_offset_ms(&v).ok_or_else(|| format!("bad --clock-offset {v:?}"))?;
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(CliArgs::Run(config))
}

/// Largest accepted clock offset, seconds (100 years; more is surely a typo).
const MAX_CLOCK_OFFSET_SECS: f64 = 100.0 * 366.0 * 86_400.0;

/// Signed, possibly fractional seconds -> milliseconds (rounded to the nearest).
fn parse_offset_ms(text: &str) -> Option<i64> {
    let secs: f64 = text.trim().parse().ok()?;
    (secs.is_finite() && secs.abs() <= MAX_CLOCK_OFFSET_SECS)
        .then(|| (secs * 1000.0).round() as i64)
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
        assert_eq!(run(&[]).unwrap().clock_offset_ms, 0);
        assert_eq!(
            run(&["--clock-offset", "7200"]).unwrap().clock_offset_ms,
            7_200_000
        );
        assert_eq!(
            run(&["--clock-offset", "-7200"]).unwrap().clock_offset_ms,
            -7_200_000
        );
        assert_eq!(
            run(&["--clock-offset=-1.5"]).unwrap().clock_offset_ms,
            -1_500
        );
        assert_eq!(run(&["--clock-offset=0.0004"]).unwrap().clock_offset_ms, 0);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(run(&["--port"]).is_err());
        assert!(run(&["--port", "x"]).is_err());
        assert!(run(&["--app", "nocolon"]).is_err());
        assert!(run(&["--bogus"]).is_err());
        assert!(run(&["--clock-offset"]).is_err());
        assert!(run(&["--clock-offset", "soon"]).is_err());
        assert!(run(&["--clock-offset", "NaN"]).is_err());
        assert!(run(&["--clock-offset", "inf"]).is_err());
        assert!(run(&["--clock-offset", "1e12"]).is_err());
        assert_eq!(run(&["--help"]), Err("help".into()));
    }
}
