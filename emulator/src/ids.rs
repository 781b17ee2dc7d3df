//! Random identifiers: JWT ids, refresh tokens, participant ids, signing secrets.

/// Fills a fresh array from the OS random source.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // The OS source failing means the machine is broken; nothing sensible to fall back to.
    getrandom::fill(&mut buf).expect("OS random source unavailable");
    buf
}

/// 32 lowercase hex characters (128 random bits): opaque, unguessable, URL-safe.
pub(crate) fn random_hex() -> String {
    hex(&random_bytes::<16>())
}

/// A random RFC 4122 version-4 UUID in its usual 8-4-4-4-12 text form.
pub(crate) fn uuid_v4() -> String {
    let mut b = random_bytes::<16>();
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    let h = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_canonical_shape() {
        let id = uuid_v4();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert_ne!(id, uuid_v4());
    }
}
