//! Redaction in one place: every text the core lets out that may carry foreign or platform
//! text (log records, error messages built from answers and provider errors) goes through
//! [`scrub`] before it leaves. It removes the secrets the core knows (consumer keys and
//! secrets, their Basic form, the access tokens it held) wherever they appear, and any
//! token-shaped text (`jwt::redact`).

use crate::sync::lock;
use std::collections::VecDeque;
use std::sync::Mutex;

/// How many secrets are remembered (the newest win): keys, secrets and the last tokens.
const REMEMBERED: usize = 64;
/// Shorter values are not scrubbed (they would match ordinary words).
const SHORTEST: usize = 8;
/// What a removed secret becomes.
pub(crate) const REDACTED: &str = "<redacted>";

static KNOWN: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());

/// Remembers `secret` so that [`scrub`] removes it from every later text.
pub(crate) fn remember(secret: &str) {
    if secret.len() < SHORTEST {
        return;
    }
    let mut known = lock(&KNOWN);
    if known.iter().any(|k| k == secret) {
        return;
    }
    if known.len() == REMEMBERED {
        known.pop_front();
    }
    known.push_back(secret.to_string());
}

/// `text` without any known secret or token-shaped text.
pub(crate) fn scrub(text: &str) -> String {
    let mut out = text.to_string();
    {
        let known = lock(&KNOWN);
        for secret in known.iter() {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), REDACTED);
            }
        }
    }
    crate::jwt::redact(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_secrets_are_removed_wherever_they_appear() {
        remember("consumer-key-123");
        remember("short");
        let text = "Authorization failed for consumer-key-123 (short)";
        assert_eq!(scrub(text), "Authorization failed for <redacted> (short)");
    }
}
