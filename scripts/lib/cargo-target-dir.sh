# Sourced by scripts that use cargo's build outputs: prints cargo's target directory (absolute),
# which honours CARGO_TARGET_DIR and build.target-dir, instead of assuming ./target.
#   target_dir=$(cargo_target_dir)
cargo_target_dir() {
  cargo metadata --format-version 1 --no-deps \
    | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p'
}
