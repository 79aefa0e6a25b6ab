#!/usr/bin/env bash
# The GPU check of rcd, prepared for one run on a borrowed machine (the `device` tool) or any CUDA machine:
#   1. `rcd bench speed` on the full-size SD1.5 architecture (random weights), 512 px, float16, 50 steps: sd, ae, rcd, rcd-fast,
#      each eager and under torch.compile (compile=true: inductor, CUDA graphs; the compiling is in each warm-up run);
#   2. the same on the full-size SDXL architecture, 1024 px, float16: sd, rcd;
#   3. the same on the full-size SD3.5 Medium architecture, 1024 px, bfloat16: sd, rcd;
#   4. the same on the full-size FLUX.1-dev architecture, 1024 px, bfloat16, its default 28 steps: sd, rcd;
#   5. the `cuda`-flagged cells of the notebooks (nbdev's test runner with --flags cuda).
# Each benchmark writes its JSON rows to $SPEED_DIR (default nbs/data/speed), named by model, size, dtype and device; each
# row names the device and the dtype the UNet really ran in: commit them. Everything printed also goes to $OUT.
# Where the machine lacks diffusers, nbdev and their pure-Python needs, put their wheels in .whl/ (.ci/gpu_wheels.sh
# fetches them) and carry that folder. A smoke test on a CPU (06a_cost runs it):
#   DEVICE=cpu MODEL=tiny SIZE=64 XL_MODEL=tiny-sdxl XL_SIZE=128 SD3_MODEL=tiny-sd3 SD3_SIZE=128 FLUX_MODEL=tiny-flux FLUX_SIZE=128 \
#     STEPS=2 FLUX_STEPS=2 SPEED_DIR=/tmp/x bash tools/gpu_check.sh
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-gpu-check}; mkdir -p "$OUT"
SPEED_DIR=${SPEED_DIR:-nbs/data/speed}; mkdir -p "$SPEED_DIR"
METHODS=${METHODS:-sd,rcd,sd[compile=true],rcd[compile=true],rcd-fast,rcd-fast[compile=true],ae,ae[compile=true]}  # the most wanted first: a timeout keeps the rows done
XL_METHODS=${XL_METHODS:-sd,rcd} SD3_METHODS=${SD3_METHODS:-sd,rcd} FLUX_METHODS=${FLUX_METHODS:-sd,rcd}
MODEL=${MODEL:-sd15-random} SIZE=${SIZE:-512} XL_MODEL=${XL_MODEL:-sdxl-random} XL_SIZE=${XL_SIZE:-1024}
SD3_MODEL=${SD3_MODEL:-sd3-random} SD3_SIZE=${SD3_SIZE:-1024} FLUX_MODEL=${FLUX_MODEL:-flux-random} FLUX_SIZE=${FLUX_SIZE:-1024}
DEVICE=${DEVICE:-cuda} DTYPE=${DTYPE:-float16} SD3_DTYPE=${SD3_DTYPE:-bfloat16} FLUX_DTYPE=${FLUX_DTYPE:-bfloat16}
STEPS=${STEPS:-50} FLUX_STEPS=${FLUX_STEPS:-28}
BUDGET=${BUDGET:-570}   # seconds for the whole check; each benchmark has its share (below), the notebooks what is left
started=$SECONDS
if [ -d .whl ] && ! python3 -c "import diffusers, nbdev" 2>/dev/null; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" HF_HUB_OFFLINE=1 TRANSFORMERS_VERBOSITY=error PYTHONUNBUFFERED=1
TAG=$(DEVICE=$DEVICE python3 - <<'PY' 2>&1 | tee "$OUT/machine.txt" | tail -1
import os, re, torch, diffusers, transformers
gpu = torch.cuda.get_device_name() if os.environ['DEVICE'].startswith('cuda') and torch.cuda.is_available() else None
print(f"torch {torch.__version__}, diffusers {diffusers.__version__}, transformers {transformers.__version__}, {gpu or 'no CUDA device used'}")
print(re.sub(r'[^a-z0-9]+', '-', gpu.lower().removeprefix('nvidia ')).strip('-') if gpu else 'cpu')  # the file names' device tag
PY
)
rcd() { python3 -c 'import sys; from rcd.cli import main; sys.exit(main(sys.argv[1:]))' "$@"; }
status=0
bench() {  # model size methods dtype seconds [steps]: one benchmark, its JSON in $SPEED_DIR (rows written as they come)
  local json="$SPEED_DIR/${1//-/_}_${2}_${4}_${TAG}.json" steps=${6:-$STEPS}
  echo "== rcd bench speed: $1, $2 px, $4, $steps steps, on $DEVICE ($TAG), at most $5 s -> $json"
  timeout "$5" bash -c "$(declare -f rcd); rcd bench speed --model $1 --size $2 --device $DEVICE --dtype $4 \
    --steps $steps --methods '$3' --flops none --json '$json'" 2>&1 | tee -a "$OUT/speed.txt"
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "FAIL: the $1 benchmark (what it measured is in $json)"; status=1; }
}
bench "$MODEL" "$SIZE" "$METHODS" "$DTYPE" $((BUDGET * 40 / 100))
bench "$XL_MODEL" "$XL_SIZE" "$XL_METHODS" "$DTYPE" $((BUDGET * 15 / 100))
bench "$SD3_MODEL" "$SD3_SIZE" "$SD3_METHODS" "$SD3_DTYPE" $((BUDGET * 15 / 100))
bench "$FLUX_MODEL" "$FLUX_SIZE" "$FLUX_METHODS" "$FLUX_DTYPE" $((BUDGET * 15 / 100)) "$FLUX_STEPS"
if [ "$DEVICE" != cuda ]; then echo "== no CUDA: the notebooks' cuda cells are skipped"; exit $status; fi

echo "== the cuda-flagged notebook cells"
left=$((BUDGET - (SECONDS - started)))
OMP_NUM_THREADS=4 timeout "$left" python3 -c "from nbdev.test import nbdev_test; nbdev_test(flags='cuda', file_re='^(00_testing|06_pipeline)', n_workers=2)" \
  2>&1 | tee "$OUT/notebooks.txt"
echo "== done in $((SECONDS - started)) s"
exit $status
