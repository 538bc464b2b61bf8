#!/usr/bin/env bash
# Fuzzes the parsers that see untrusted input (cargo-fuzz / libFuzzer, coverage-guided):
#   credentials  — every paste format, ISO dates, form fragment, endpoint override, region
#   response     — DescribeNotebookExecution / ListNotebookExecutions output and what the views derive
#                  (list merging, counts, every sort, search, the timeline layout)
#   error        — error classification from status, header and body, and the explanations
#   route        — the URL fragment (print ∘ parse is stable) and the list filters as typed
#   locate       — the Notebook execution ID field: IDs, execution ARNs, links to this console
#   notebook     — output notebooks (nbformat model, first error, ANSI) and S3's XML error bodies
#   diff         — two notebooks aligned cell by cell and two texts line by line (fuzzed pairs)
#   html         — HTML outputs made inert before they are shown (no element that loads by itself)
# Usage: scripts/fuzz.sh [RUNS]   (default 1000000 per target; scripts/test runs a short smoke)
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 unlocks them on this stable toolchain, and
# -s none skips AddressSanitizer (the fuzzed code has no unsafe).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT/fuzz"
runs="${1:-1000000}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
export RUSTC_BOOTSTRAP=1
for target in credentials response error route locate notebook html diff; do
  mkdir -p "corpus/$target"
  cp -n seeds/"$target"/* "corpus/$target/" 2>/dev/null || true
  echo "fuzz: $target, $runs runs"
  log="$ROOT/target/fuzz-$target.log"
  mkdir -p "$ROOT/target"
  if ! cargo fuzz run -s none "$target" "corpus/$target" -- -runs="$runs" -max_len=4096 -print_final_stats=1 >"$log" 2>&1; then
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" >&2 || tail -20 "$log" >&2
    echo "fuzz: $target found a crash (input saved under fuzz/artifacts/$target)" >&2
    exit 1
  fi
  grep -E '^(Done|stat::number_of_executed_units)' "$log"
done
