//! Empty: only the manifest's license matters to the self-test.
