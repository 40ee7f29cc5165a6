#!/usr/bin/env bash
# Drives the console in tmux through the clerk's, the handler's and the supervisor's
# walk-throughs and saves each screen as text in $OUT (default /tmp/xinfang-captures), for
# the guides in docs/guide-clerk.md, docs/guide-handler.md and docs/guide-supervisor.md. Needs a built .build/debug/xinfang.
# The log is the one `make demo DEMO_CASES=300 DEMO_UNTIL=2025-05-12` makes (generate is
# deterministic), so a reader sees the same screens with the command in the guides.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/xinfang-captures}
rm -rf "$OUT" && mkdir -p "$OUT"
export XINFANG_DATA=$PWD/data
BIN=$PWD/.build/debug/xinfang
$BIN generate --cases 300 --until 2025-05-12 --log "$OUT/g.log" >/dev/null
S=xf-guide-$$
cap() { sleep 0.5; tmux capture-pane -p -t $S | sed 's/[[:space:]]*$//' > "$OUT/$1.txt"; }
T() { tmux send-keys -t $S "$@"; }
console() {
  tmux kill-session -t $S 2>/dev/null || true
  tmux new-session -d -s $S -x 80 -y 24 \
    "env XINFANG_DATA=$PWD/data LANG=C.UTF-8 XINFANG_TRAINING=1 $BIN --log $OUT/g.log $*; sleep 60"
  sleep 1.5
}
trap 'tmux kill-session -t $S 2>/dev/null || true' EXIT

console --as clerk --now 2025-05-12T10:00
cap 01-home
T r; cap 02-register-empty
T Tab Tab Tab; T -l 张伟; T Tab; T -l 11010519491231002X; T Tab; T -l 13800138000; T Tab
T -l 临江区滨江路1号; T Tab Tab Enter; T -l 安置; cap 03-picker
T Enter Tab; T -l 要求落实安置补偿; T Tab; T -l 2024年房屋被征收，安置房至今未交付; T Tab
T -l 依据征收补偿协议; T Tab; T -l 12; T Tab; T -l 李娜; T Tab; T -l 110102198001011239; T Tab
cap 04-register-filled
T F2; cap 05-registered
T a; cap 06-actions
T Enter Enter; T -l 临江区住房; cap 07-transfer-picker
T Enter; cap 08-transfer-form
T F2; cap 09-transferred
T Escape r Tab Tab Tab Tab; T -l 11010519491231002X; cap 10-repeat
T Escape y s; T -l 李娜; cap 11-search

console --as handler --now 2025-05-13T09:00
cap h01-home
T w Tab Tab; cap h02-organ-queue
T s; T -l 李娜; sleep 0.3; T Enter; cap h03-case
T a; cap h04-actions
T Enter F2; sleep 0.5; T a Enter; T -l 依照《信访工作条例》第32条办理，60日内书面答复; cap h05-accept
T F2; cap h06-accepted
T '?'; cap h07-help
# Moves the action list's selection down to the line starting with its argument.
pick() { for _ in $(seq 40); do tmux capture-pane -p -t $S | grep -q "▶$1" && return; T j; sleep 0.15; done; }

console --as supervisor --now 2025-05-13T10:00
cap s01-desk
# Waits until a line of the pane matches the pattern, pressing the key between looks.
until_line() { for _ in $(seq 60); do tmux capture-pane -p -t $S | grep -qE "$1" && return; T "$2"; sleep 0.15; done; }
# To 区住建局's line (↓ a line at a time), then its overdue count (→ →).
until_line '^  区住建局 +▶' j; T Right Right; sleep 0.2
T Enter; cap s02-drill
T Enter; cap s03-case
# 督办: the organ the case is with is filled in; → picks the suggestion, which names its addressee.
T a; sleep 0.5; pick '督办 '; T Enter; sleep 0.3; T Tab Right Tab
T -l 逾期未受理，请于期限内书面反馈; cap s04-order
T F2; cap s05-ordered
T a; sleep 0.5; pick 记录督办反馈; T Enter; sleep 0.3; T Right Tab Right Right Tab; T -l 已部分采纳：本周内完成受理，人员调整另行研究
cap s06-feedback
T F2; cap s07-answered
# Back to the desk: an interview of 区住建局's leader over the same overdue cases.
T m; sleep 0.5; T Left Left Left Left g; sleep 0.3
until_line '^  区住建局 +▶' j; T Right Right; sleep 0.2
T a; sleep 0.3; T Tab Right Tab; T -l "张三 副局长"; T Tab; T -l 30; T Tab Tab; T -l 所涉案件逾期未办结，限期整改
cap s08-organ-act
T F2; cap s09-organ-act-recorded
# Across to the right-hand list: the city government's breach is beyond a district bureau's reach.
T Right Right; sleep 0.2
until_line '市政府 第45条第1项 复核逾期 +▶' j; T a; cap s10-out-of-reach
# Up to the acts of organs, Enter: the list; a lifts the interview with its reason.
until_line '督办措施 +▶' k; T Enter; cap s11-acts
T a; sleep 0.3; T -l 区住建局已书面报告整改，所涉案件均已办结; cap s12-lift
T F2; cap s13-lifted
# Every organ of the jurisdiction: the list scrolls a page at a time.
T Escape; sleep 0.3; T Left; sleep 0.2; T PageDown; cap s14-scrolled
# Statistics (c): this year, Tab to the organs' table; d types a period (a year), End its last lines.
T c; sleep 0.5; T Tab; cap s15-stats
T d; T -l 2024; cap s16-stats-period
T Enter; sleep 0.5; T End; cap s17-stats-end
echo "captures in $OUT"
