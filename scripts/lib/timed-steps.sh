# Sourced by scripts that print their steps with the time each took:
#   STEP_MARK='==>' (default) or another marker; `step "name"` starts a step and closes the
#   previous one with its duration; a bare `step` closes the last one.
step_started=$SECONDS
step_name=''
step() {
  [ -z "$step_name" ] || printf '    (%s: %ss)\n' "$step_name" "$((SECONDS - step_started))"
  step_name="$*"
  step_started=$SECONDS
  [ -z "$step_name" ] || printf '\n%s %s\n' "${STEP_MARK:-==>}" "$step_name"
}
