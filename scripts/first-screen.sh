#!/bin/bash
# Times the console from start to its first screen, as a user sees it: starts the
# release build in a detached tmux session and polls the pane until the home screen
# shows the case total. docs/performance.md reports its figures.
#
#   scripts/first-screen.sh LOG USER [RUNS]
#   e.g. xinfang generate --cases 129870 --log /tmp/big/cases.log --seed 20261127
#        scripts/first-screen.sh /tmp/big/cases.log clerk 7
set -eu
LOG=$1; AS=$2; RUNS=${3:-5}
BIN=${BIN:-.build/release/xinfang}
[ -x "$BIN" ] || { echo "build first: swift build -c release --product xinfang" >&2; exit 1; }
for _ in $(seq "$RUNS"); do
  tmux kill-session -t xf-first 2>/dev/null || true
  t0=$(date +%s.%N)
  tmux new-session -d -s xf-first -x 100 -y 30 "XINFANG_TRAINING=1 $BIN --log $LOG --as $AS"
  while true; do
    now=$(date +%s.%N)
    if tmux capture-pane -p -t xf-first 2>/dev/null | grep -Eq '案件总数 +[0-9]+|cases +[0-9]+'; then
      echo "$now - $t0" | bc; break
    fi
    if [ "$(echo "$now - $t0 > 30" | bc)" = 1 ]; then echo "timeout" >&2; break; fi
    sleep 0.02
  done
  tmux kill-session -t xf-first 2>/dev/null || true
done
