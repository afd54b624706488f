#!/bin/sh
# connectorkit FakeExecutables dispatcher: written once per FakeExecutables, never modified.
# Every fake program is a symbolic link to it; what a program does is read from data files
# (see FakeExecutables' Javadoc for the layout). @ROOT@ is replaced by the quoted root directory.
ck_root=@ROOT@

# ck_stat PID: sets ck_pgrp, ck_sid and ck_start (in clock ticks since boot) from /proc/PID/stat.
# The fields are counted after the last ") ", so a program name with spaces or ")" cannot shift them.
ck_stat() {
  read -r ck_line < "/proc/$1/stat" || return 1
  ck_line=${ck_line##*) }
  set -- $ck_line
  ck_pgrp=$3 ck_sid=$4 ck_start=${20}
}

# Each run leads a session of its own, so that FakeExecutables.close() ends it, and everything it
# started, by session. A run that leads none and no process group is executed again through
# setsid(1), which then keeps the pid (it forks only for a group leader); this comes first, before
# anything of the caller's environment is changed.
if ck_stat $$ && [ "$ck_sid" != $$ ] && [ "$ck_pgrp" != $$ ]; then
  for ck_setsid in /usr/bin/setsid /bin/setsid; do
    if [ -x "$ck_setsid" ]; then exec "$ck_setsid" -- "$0" "$@"; fi
  done
fi

ck_name=${0##*/}
ck_path_set=${PATH+set} ck_path=${PATH-}
PATH=/usr/bin:/bin
ck_data="$ck_root/programs/$ck_name"
if ! read -r ck_version < "$ck_data/current"; then
  printf 'fake program %s is not defined\n' "$ck_name" >&2
  exit 127
fi
ck_dir="$ck_data/$ck_version"
if [ -f "$ck_dir/ignore_term" ]; then trap '' TERM; fi

ck_claim() {
  set -- "$ck_root"/journal/*
  if [ -e "$1" ]; then ck_seq=$#; else ck_seq=1; fi
  while ! mkdir "$ck_root/journal/$ck_seq" 2>/dev/null; do ck_seq=$((ck_seq + 1)); done
}
ck_claim
ck_run="$ck_root/journal/$ck_seq"
# The run's session (or group) comes first: close() ends a run by it, and what it started, even
# before the rest of its entry is written. Its leader's start time tells a reused id apart.
if ck_stat $$; then
  if [ "$ck_sid" = $$ ]; then printf 'session %s %s\n' $$ "$ck_start" > "$ck_run/group"
  elif [ "$ck_pgrp" = $$ ]; then printf 'group %s %s\n' $$ "$ck_start" > "$ck_run/group"; fi
fi
printf '%s\n' "$$" > "$ck_run/pid"
printf '%s' "$ck_name" > "$ck_run/program"

# Exits with $1 and journals it: a run that is gone without this file was killed.
ck_exit() {
  if [ -n "${ck_sleep-}" ]; then kill "$ck_sleep" 2>/dev/null; fi
  printf '%s\n' "$1" > "$ck_run/exit"
  exit "$1"
}
# ck_signal NAME NUMBER: journals a trapped signal, then exits as the signal's default would,
# unless it is SIGTERM and the program ignores SIGTERM.
ck_signal() {
  printf '%s\n' "$1" >> "$ck_run/signals"
  if [ "$1" = TERM ] && [ -f "$ck_dir/ignore_term" ]; then return 0; fi
  ck_exit $((128 + $2))
}
if [ -f "$ck_dir/journal_signals" ]; then
  : > "$ck_run/signals"
  trap 'ck_signal HUP 1' HUP
  trap 'ck_signal INT 2' INT
  trap 'ck_signal QUIT 3' QUIT
  trap 'ck_signal USR1 10' USR1
  trap 'ck_signal USR2 12' USR2
  trap 'ck_signal TERM 15' TERM
fi
# ck_wait SECONDS: sleeps in the background and waits for it, so that a trapped signal is
# journaled at once rather than when the sleep ends; what it starts ignores SIGTERM as it does.
ck_wait() {
  if [ -f "$ck_dir/journal_signals" ]; then
    if [ -f "$ck_dir/ignore_term" ]; then (trap '' TERM; exec sleep "$1") & else sleep "$1" & fi
    ck_sleep=$!
    while ! wait "$ck_sleep"; do
      if ! kill -0 "$ck_sleep" 2>/dev/null; then break; fi
    done
    ck_sleep=
  else
    sleep "$1"
  fi
}

if [ $# -gt 0 ]; then printf '%s\000' "$@" > "$ck_run/argv"; else : > "$ck_run/argv"; fi
pwd -P > "$ck_run/cwd"
if [ -f "$ck_dir/env_names" ]; then
  : > "$ck_run/env"
  while read -r ck_var; do
    if [ "$ck_var" = PATH ]; then ck_isset=$ck_path_set ck_value=$ck_path
    else eval "ck_isset=\${$ck_var+set} ck_value=\${$ck_var-}"; fi
    if [ "$ck_isset" = set ]; then printf '%s=%s\000' "$ck_var" "$ck_value" >> "$ck_run/env"; fi
  done < "$ck_dir/env_names"
fi
if [ -f "$ck_dir/grandchild" ]; then
  read -r ck_hold < "$ck_dir/grandchild"
  sleep "$ck_hold" &
  printf '%s\n' "$!" > "$ck_run/grandchild"
fi
if [ -f "$ck_dir/read_stdin" ]; then cat > "$ck_run/stdin"; fi
: > "$ck_run/done"

ck_out="$ck_dir"
ck_n=0
if [ -d "$ck_dir/runs" ]; then
  ck_n=1
  while ! mkdir "$ck_dir/runs/$ck_n" 2>/dev/null; do
    if [ ! -d "$ck_dir/runs/$ck_n" ]; then break; fi
    ck_n=$((ck_n + 1))
  done
  if [ -d "$ck_dir/responses/$ck_n" ]; then ck_out="$ck_dir/responses/$ck_n"; fi
fi
# The run before the one that is to fail to launch breaks the program's entry in bin, unless the
# program was defined again meanwhile: the next exec fails in the kernel, as a real one would.
if [ -f "$ck_dir/launch_failure" ]; then
  read -r ck_fail_call ck_fail_kind < "$ck_dir/launch_failure"
  read -r ck_now < "$ck_data/current"
  if [ "$ck_n" -eq $((ck_fail_call - 1)) ] && [ "$ck_now" = "$ck_version" ]; then
    ck_tmp="$ck_root/.swap-$$"
    if [ "$ck_fail_kind" = not_found ]; then ln -s ../missing-interpreter "$ck_tmp"
    else cp "$ck_root/dispatcher" "$ck_tmp" && chmod 644 "$ck_tmp"; fi
    mv -f "$ck_tmp" "$ck_root/bin/$ck_name"
  fi
fi

if [ -f "$ck_dir/delay" ]; then read -r ck_delay < "$ck_dir/delay"; ck_wait "$ck_delay"; fi
# ck_after OPTION ARGS...: prints the argument that follows OPTION, or what follows OPTION in an
# argument that starts with it when OPTION ends with "=".
ck_after() {
  ck_option=$1
  shift
  while [ $# -gt 0 ]; do
    case $ck_option in
      *=) case $1 in "$ck_option"*) printf '%s' "${1#"$ck_option"}"; return 0;; esac;;
      *) if [ "$1" = "$ck_option" ] && [ $# -gt 1 ]; then printf '%s' "$2"; return 0; fi;;
    esac
    shift
  done
  return 1
}
if [ -d "$ck_dir/writes" ]; then
  for ck_write in "$ck_dir"/writes/*; do
    if [ -f "$ck_write/path" ]; then ck_target=$(cat "$ck_write/path")
    else ck_target=$(ck_after "$(cat "$ck_write/option")" "$@") || continue; fi
    if ! cat "$ck_write/content" > "$ck_target"; then
      printf 'fake program %s cannot write %s\n' "$ck_name" "$ck_target" >&2
      ck_exit 2
    fi
  done
fi
if [ -f "$ck_dir/bytes" ]; then read -r ck_bytes < "$ck_dir/bytes"; head -c "$ck_bytes" /dev/zero | tr '\000' x; fi
if [ -f "$ck_dir/binary_stdout" ]; then cat "$ck_dir/binary_stdout"; fi
if [ -s "$ck_out/stdout" ]; then cat "$ck_out/stdout"; fi
if [ -s "$ck_out/stderr" ]; then cat "$ck_out/stderr" >&2; fi
read -r ck_code < "$ck_out/exit"
ck_exit "$ck_code"
