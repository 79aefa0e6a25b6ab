#!/usr/bin/env bash
# The GPU check of rcd, prepared for one run on a borrowed machine (the `device` tool) or any CUDA machine:
#   1. `rcd bench speed` on the full-size SD1.5 architecture (random weights), 512 px, fp16, 50 steps:
#      seconds, ratios and peak memory of sd, ae and rcd (and the variants in $METHODS);
#   2. the `cuda`-flagged cells of the notebooks (nbdev's test runner with --flags cuda).
# Everything it prints also goes to $OUT (default ./gpu-check). Where the machine lacks diffusers, nbdev and
# their pure-Python needs, put their wheels in .whl/ (tools/gpu_wheels.sh fetches them) and carry that folder.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-gpu-check}; mkdir -p "$OUT"
METHODS=${METHODS:-sd,ae,rcd,rcd[truncate=false]}
MODEL=${MODEL:-sd15-random} SIZE=${SIZE:-512} DEVICE=${DEVICE:-cuda} DTYPE=${DTYPE:-float16}  # DEVICE=cpu MODEL=tiny SIZE=64: a smoke test
BUDGET=${BUDGET:-540}   # seconds for the whole check; the notebooks get what the benchmark leaves
started=$SECONDS
if [ -d .whl ] && ! python3 -c "import diffusers, nbdev" 2>/dev/null; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" HF_HUB_OFFLINE=1 TRANSFORMERS_VERBOSITY=error PYTHONUNBUFFERED=1
python3 - <<'PY' 2>&1 | tee "$OUT/machine.txt"
import torch, diffusers, transformers
print(f"torch {torch.__version__}, diffusers {diffusers.__version__}, transformers {transformers.__version__}, "
      f"{torch.cuda.get_device_name() if torch.cuda.is_available() else 'no CUDA device'}")
PY
rcd() { python3 -c 'import sys; from rcd.cli import main; sys.exit(main(sys.argv[1:]))' "$@"; }

echo "== rcd bench speed: $MODEL, $SIZE px, $DTYPE, 50 steps, on $DEVICE"
timeout $((BUDGET * 2 / 3)) bash -c "$(declare -f rcd); rcd bench speed --model $MODEL --size $SIZE --device $DEVICE --dtype $DTYPE \
  --methods '$METHODS' --flops none --json '$OUT/speed.json'" 2>&1 | tee "$OUT/speed.txt"
[ "$DEVICE" = cuda ] || { echo "== no CUDA: the notebooks' cuda cells are skipped"; exit 0; }

echo "== the cuda-flagged notebook cells"
left=$((BUDGET - (SECONDS - started)))
OMP_NUM_THREADS=4 timeout "$left" python3 -c "from nbdev.test import nbdev_test; nbdev_test(flags='cuda', file_re='^(00_testing|06_pipeline)', n_workers=2)" \
  2>&1 | tee "$OUT/notebooks.txt"
echo "== done in $((SECONDS - started)) s"
