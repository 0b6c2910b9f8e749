#!/usr/bin/env bash
# Run a command beside two processes that busy-loop, as on a loaded 2-core machine, and stop
# them when the command ends:  bash bench/busy.sh make test
set -u
for _ in 1 2; do python3 -c "while True: pass" & done
trap 'kill $(jobs -p) 2>/dev/null' EXIT
"$@"
