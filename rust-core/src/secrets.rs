//! Redaction in one place: every text the core lets out that may carry foreign or platform
//! text (log records, error messages built from answers and provider errors) goes through
//! [`scrub`] before it leaves. It removes the secrets the core knows (consumer keys and
//! secrets, their Basic form, the access tokens it held) wherever and in whatever shape they
//! appear (as they are, percent-encoded, JSON-escaped, base64 without padding or in its URL
//! alphabet), the credential after any `Basic` or `Bearer` scheme word (an echoed
//! `Authorization` header, even with a credential the core never saw), and any token-shaped
//! text (`jwt::redact`).

use crate::sync::lock;
use std::collections::VecDeque;
use std::sync::Mutex;

/// How many secret shapes are remembered (the newest win): keys, secrets and the last tokens,
/// a few shapes each.
const REMEMBERED: usize = 256;
/// Shorter values are not scrubbed (they would match ordinary words).
const SHORTEST: usize = 6;
/// A credential after a scheme word is this long at least (shorter: an ordinary word, e.g.
/// "Basic auth").
const SHORTEST_CREDENTIAL: usize = 8;
/// What a removed secret becomes.
pub(crate) const REDACTED: &str = "<redacted>";

static KNOWN: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());

/// Remembers `secret` so that [`scrub`] removes it, in each of its shapes, from every later
/// text.
pub(crate) fn remember(secret: &str) {
    if secret.len() < SHORTEST {
        return;
    }
    let mut known = lock(&KNOWN);
    for shape in shapes(secret) {
        if shape.len() < SHORTEST || known.iter().any(|k| *k == shape) {
            continue;
        }
        if known.len() == REMEMBERED {
            known.pop_front();
        }
        known.push_back(shape);
    }
}

/// The shapes one secret travels in: as it is, percent-encoded (a form or a URL), JSON-escaped
/// (`\/`), and for base64 text without its padding and in the URL alphabet.
fn shapes(secret: &str) -> Vec<String> {
    let mut shapes = vec![secret.to_string()];
    let percent: String = secret
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    shapes.push(percent.clone());
    shapes.push(percent.replace("%20", "+"));
    shapes.push(secret.replace('/', "\\/"));
    let unpadded = secret.trim_end_matches('=');
    shapes.push(unpadded.to_string());
    shapes.push(unpadded.replace('+', "-").replace('/', "_"));
    shapes.sort();
    shapes.dedup();
    shapes
}

/// `text` without any known secret, scheme credential or token-shaped text.
pub(crate) fn scrub(text: &str) -> String {
    let mut out = text.to_string();
    {
        let known = lock(&KNOWN);
        // Longest first: a short secret inside a longer one must not break the longer match.
        let mut known: Vec<&String> = known.iter().collect();
        known.sort_by_key(|k| std::cmp::Reverse(k.len()));
        for secret in known {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), REDACTED);
            }
        }
    }
    crate::jwt::redact(&scrub_scheme_credentials(&out))
}

/// Replaces the credential after each `Basic` or `Bearer` (any case, then spaces) with
/// [`REDACTED`].
fn scrub_scheme_credentials(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let is_credential = |b: u8| b.is_ascii_alphanumeric() || b"+/=._~-".contains(&b);
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let scheme = ["basic", "bearer"]
            .into_iter()
            .find(|s| lower[at..].starts_with(s))
            .filter(|_| at == 0 || !bytes[at - 1].is_ascii_alphanumeric());
        let Some(scheme) = scheme else {
            at += 1;
            continue;
        };
        let mut start = at + scheme.len();
        let spaces = bytes[start..].iter().take_while(|b| **b == b' ').count();
        start += spaces;
        let len = bytes[start..]
            .iter()
            .take_while(|b| is_credential(**b))
            .count();
        if spaces > 0 && len >= SHORTEST_CREDENTIAL && looks_random(&bytes[start..start + len]) {
            out.push_str(&text[copied..start]);
            out.push_str(REDACTED);
            copied = start + len;
            at = copied;
        } else {
            at += scheme.len();
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether a word after a scheme looks like a credential rather than prose ("Basic
/// Authentication"): a digit or a symbol, or an uppercase letter after its first character.
fn looks_random(word: &[u8]) -> bool {
    word.iter().any(|b| !b.is_ascii_alphabetic())
        || word[1..].iter().any(|b| b.is_ascii_uppercase())
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

    #[test]
    fn every_shape_of_a_secret_is_removed() {
        let secret = "s3cr3t/with+slash==";
        remember(secret);
        for shape in [
            secret,
            "s3cr3t%2Fwith%2Bslash%3D%3D",
            "s3cr3t\\/with+slash==",
            "s3cr3t/with+slash",
            "s3cr3t_with-slash",
        ] {
            let scrubbed = scrub(&format!("echo: \"{shape}\""));
            assert!(!scrubbed.contains("s3cr3t"), "{shape}: {scrubbed}");
        }
    }

    #[test]
    fn credentials_after_a_scheme_word_are_removed_even_unknown_ones() {
        assert_eq!(
            scrub(r#"{"authorization":"Basic dW5rbm93bjpjcmVkZW50aWFscw=="}"#),
            r#"{"authorization":"Basic <redacted>"}"#
        );
        assert_eq!(
            scrub("headers: AUTHORIZATION: bearer  abc.def-ghi_jkl, host: x"),
            "headers: AUTHORIZATION: bearer  <redacted>, host: x"
        );
        // Ordinary words stay.
        for text in [
            "Basic auth is not allowed",
            "a basic error",
            "Bearer",
            "basically",
            "Bearer authentication failed",
            "Basic Authentication required",
        ] {
            assert_eq!(scrub(text), text);
        }
    }
}
