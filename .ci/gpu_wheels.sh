#!/usr/bin/env bash
# Fetch, into .whl/, the wheels that tools/gpu_check.sh needs on a machine with torch, transformers and
# accelerate only and no network (Python 3.12, x86-64): diffusers, and nbdev with what it runs notebooks with.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .whl
for spec in diffusers==0.42.1 fastcore==2.2.41 nbdev==3.3.26 execnb==0.3.4 ghapi==2.1.4 fastgit==0.1.4 astunparse==1.6.3 \
            asttokens==3.0.1 watchdog==7.1.0 importlib_metadata==10.2.0 zipp==4.1.2 ipython==8.12.3 traitlets jedi parso \
            decorator matplotlib-inline prompt_toolkit wcwidth stack_data executing pure_eval pexpect ptyprocess pickleshare backcall \
            ipywidgets==8.1.8 widgetsnbextension jupyterlab_widgets==3.0.17 comm; do
  python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 -d .whl "$spec"
done
ls .whl
