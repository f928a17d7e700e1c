#!/usr/bin/env bash
# Regenerates the README screenshots: the real binary in tmux at 120x36 on the bundled data,
# captured with its colours and drawn cell for cell into PNGs.
# Needs tmux, Python 3 and Pillow (installed with pip if missing), and DejaVu Sans Mono.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import PIL" 2>/dev/null || pip install -q pillow
swift build --product vrboard >/dev/null
bin="$(swift build --show-bin-path)/vrboard"
work="$(mktemp -d)"
sock="vrboard-shots-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
export HOME="$work" XDG_DATA_HOME="$work/xdg"

wait_for() {  # wait_for SESSION TEXT: poll the pane until TEXT shows
  for _ in $(seq 1 100); do
    tmux -L "$sock" capture-pane -p -t "$1" | grep -qF -- "$2" && return 0
    sleep 0.05
  done
  echo "timed out waiting for '$2'" >&2; tmux -L "$sock" capture-pane -p -t "$1" >&2; return 1
}

shot() {  # shot DATASET NAME EXPECT KEYS...   (the board)
  run_shot "$1" "$2" "$3" "1 Overview" "--user portfolio.officer" "${@:4}"
}

present_shot() {  # present_shot DATASET NAME EXPECT KEYS...   (the walkthrough of a board on 2021-11-02)
  run_shot "$1" "$2" "$3" "Slide 1 of" "present --meeting 2021-11-02 --new --user board.clerk" "${@:4}"
}

run_shot() {
  local dataset=$1 name=$2 expect=$3 ready=$4 args=$5; shift 5
  local store="$work/$dataset"
  [ -d "$store" ] || "$bin" init "$store" --dataset "$dataset" >/dev/null
  tmux -L "$sock" new-session -d -s "$name" -x 120 -y 36 "TERM=xterm-256color $bin $args --store $store --no-mouse"
  wait_for "$name" "$ready"
  for k in "$@"; do tmux -L "$sock" send-keys -t "$name" "$k"; done
  wait_for "$name" "$expect"
  tmux -L "$sock" capture-pane -e -p -t "$name" > "$work/$name.ans"
  python3 screenshots/ansi2png.py "$work/$name.ans" "screenshots/$name.png" 120 36
  tmux -L "$sock" send-keys -t "$name" Escape Escape q
  for _ in $(seq 1 100); do tmux -L "$sock" has-session -t "$name" 2>/dev/null || break; sleep 0.05; done
  echo "screenshots/$name.png"
}

shot nnvru-2021-22 overview "Latest rating changes"
shot nnvru-2021-22 workstreams "Rating history" 2 Enter
shot nnvru-2021-22 funding "Grant conditions" 3
shot nnvru-2021-22 risks "Mitigating actions" 4
shot wmvru-2021-22 wmvru-workstreams "Rating history" 2 j j j j Enter
shot nnvru-2021-22 rating-picker "Comment (required" 2 Enter j j r Down Down
shot nnvru-2021-22 risk-form "Residual impact" 4 e
present_shot nnvru-2021-22 walkthrough-title "Attendance not recorded"
present_shot nnvru-2021-22 walkthrough-highlight "Changed in the last quarter" 3
present_shot nnvru-2021-22 walkthrough-risks "Heat map of open risks" g 1 3 Enter
shot wmvru-2021-22 interventions "Reach by return" 6
shot wmvru-2021-22 interventions-levels "The register against the funding split" 6 t t
shot wmvru-2021-22 funding-monitoring "Forecast underspend of the grant" 3 t
shot wmvru-2021-22 funding-years "Beyond this year" 3 t t
shot nnvru-2021-22 outcomes "Source: 001" 7 j j j
shot nnvru-2021-22 attention "Needs attention ·" A
shot wmvru-2021-22 quarter-close "Quarter close ·" Q
shot nnvru-2021-22 find "matches" F probation
shot nnvru-2021-22 viewer "Rating history (" 2 Enter j j v

# Two officers edit WS-1.1 at once, both changing its title: the second save asks about the title alone.
merge_shot() {
  local store="$work/merge" name=merge
  "$bin" init "$store" --dataset nnvru-2021-22 >/dev/null
  for who in one two; do
    tmux -L "$sock" new-session -d -s "$who" -x 120 -y 36 "TERM=xterm-256color $bin --store $store --no-mouse --user officer.$who"
    wait_for "$who" "1 Overview"
    for k in 2 Enter e; do tmux -L "$sock" send-keys -t "$who" "$k"; done
    wait_for "$who" "Edit WS-1.1"
    tmux -L "$sock" send-keys -t "$who" End " (officer $who)"
  done
  tmux -L "$sock" send-keys -t two Enter
  wait_for two "Saved: Edited workstream WS-1.1"
  tmux -L "$sock" send-keys -t one Up "Mainstreamed into the city's core budget" Enter
  wait_for one "Changed by someone else"
  tmux -L "$sock" capture-pane -e -p -t one > "$work/$name.ans"
  python3 screenshots/ansi2png.py "$work/$name.ans" "screenshots/$name.png" 120 36
  for who in one two; do tmux -L "$sock" send-keys -t "$who" Escape Escape Escape q y; done
  for who in one two; do
    for _ in $(seq 1 100); do tmux -L "$sock" has-session -t "$who" 2>/dev/null || break; sleep 0.05; done
  done
  echo "screenshots/$name.png"
}
merge_shot

# A member following the presenter from their own terminal: the presenter on slide 5, the follower with it.
follow_shot() {
  local store="$work/follow" name=walkthrough-follower
  "$bin" init "$store" --dataset nnvru-2021-22 >/dev/null
  "$bin" meetings schedule 2021-11-02 --store "$store" >/dev/null
  tmux -L "$sock" new-session -d -s presenter -x 120 -y 36 \
    "TERM=xterm-256color $bin present --meeting 2021-11-02 --user board.clerk --store $store --no-mouse"
  wait_for presenter "Slide 1 of"
  tmux -L "$sock" new-session -d -s "$name" -x 120 -y 36 \
    "TERM=xterm-256color $bin present --follow --meeting 2021-11-02 --store $store --no-mouse"
  wait_for "$name" "following"
  tmux -L "$sock" send-keys -t presenter 5
  wait_for "$name" "Slide 5 of"
  tmux -L "$sock" capture-pane -e -p -t "$name" > "$work/$name.ans"
  python3 screenshots/ansi2png.py "$work/$name.ans" "screenshots/$name.png" 120 36
  for s in "$name" presenter; do tmux -L "$sock" send-keys -t "$s" q; done
  for s in "$name" presenter; do
    for _ in $(seq 1 100); do tmux -L "$sock" has-session -t "$s" 2>/dev/null || break; sleep 0.05; done
  done
  echo "screenshots/$name.png"
}
follow_shot

# The national view: the shipped dataset, with the two bundled boards in full, sorted by share.
tmux -L "$sock" new-session -d -s national -x 120 -y 36 "TERM=xterm-256color $bin national --sort share"
wait_for national "National count by target-group level"
tmux -L "$sock" capture-pane -e -p -t national > "$work/national.ans"
python3 screenshots/ansi2png.py "$work/national.ans" "screenshots/national.png" 120 36
tmux -L "$sock" send-keys -t national q
echo "screenshots/national.png"

# The board paper: the meeting of 2 Nov 2021 (001's date) with its paper form filled in from the keys
# (001's own sections 1 and 3, NA where 001 says NA), captured, saved, then printed to A4 by
# `vrboard export --format pdf` and its first page drawn with pdftoppm.
paper_shot() {
  local store="$work/paper" name=paper-form
  "$bin" init "$store" --dataset nnvru-2021-22 >/dev/null
  tmux -L "$sock" new-session -d -s "$name" -x 120 -y 36 \
    "TERM=xterm-256color $bin present --meeting 2021-11-02 --new --user board.clerk --store $store --no-mouse"
  wait_for "$name" "Slide 1 of"
  tmux -L "$sock" send-keys -t "$name" m "That the Strategic Violence Reduction Board notes the contents of the report." Enter
  wait_for "$name" "Saved: Board of"
  tmux -L "$sock" send-keys -t "$name" W Tab Tab Tab Tab
  for _ in $(seq 1 10); do tmux -L "$sock" send-keys -t "$name" Right; done   # the author: Interim Head of VRU
  tmux -L "$sock" send-keys -t "$name" Tab
  for _ in $(seq 1 13); do tmux -L "$sock" send-keys -t "$name" Right; done   # a contact: VRU Portfolio Officer
  tmux -L "$sock" send-keys -t "$name" Tab Tab Tab \
    "To provide an overview of key successes and challenges for the Nottingham City and Nottinghamshire Violence Reduction Unit (NNVRU)." \
    Tab "To ensure that the board continues to be informed of progress." Tab NA Tab NA Tab
  wait_for "$name" "section 11 (or type None)"
  tmux -L "$sock" capture-pane -e -p -t "$name" > "$work/$name.ans"
  python3 screenshots/ansi2png.py "$work/$name.ans" "screenshots/$name.png" 120 36
  echo "screenshots/$name.png"
  tmux -L "$sock" send-keys -t "$name" NA Enter
  wait_for "$name" "paper saved"
  tmux -L "$sock" send-keys -t "$name" q
  "$bin" export --store "$store" --format pdf --meeting 2021-11-02 --marking OFFICIAL --out "$work/paper.pdf" 2>/dev/null
  pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$work/paper.pdf" screenshots/paper
  echo "screenshots/paper.png"
}
paper_shot
