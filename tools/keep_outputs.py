"""Run notebooks again and keep their outputs, so that the docs site shows each table and figure.

The site shows what a notebook stores; the docs build does not run cells. A cell whose point is a table or a
figure therefore keeps its output in the notebook. This script runs every code cell that `nbdev-test` runs
(cells flagged `slow`, `gpu` or `eval: false` are skipped: theirs are the long runs whose results the notebooks
read from `nbs/data/`), in the notebook's folder, and writes the notebook back with its new outputs. What went
to stderr (progress bars, warnings) and what hidden cells print are dropped; results, printed tables and figures stay. Then `nbdev-clean` strips the metadata.

    python tools/keep_outputs.py nbs/08k_shapes3_study.ipynb [more notebooks ...]

Run it with `OMP_NUM_THREADS=1 HF_HUB_OFFLINE=1`, as the tests run. A cell that fails stops the notebook,
which is then left as it was.
"""
import subprocess, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_readme import executed  # the same runner and skip rules as the README's check

def shown_outputs(source: str, outputs: list) -> list:
    "What a code cell keeps for the site: nothing from a hidden cell (the site shows none of it), else all but stderr."
    if any(line.replace(' ', '') == '#|hide' for line in source.splitlines()): return []
    return [o for o in outputs if not (o.get('output_type') == 'stream' and o.get('name') == 'stderr')]

def keep_outputs(path: Path):
    from nbdev.process import write_nb
    nb = executed(path)
    for cell in nb.cells:
        if cell.cell_type == 'code': cell.outputs = shown_outputs(cell.source, cell.get('outputs', []))
    write_nb(nb, path)
    subprocess.run(['nbdev-clean', '--fname', str(path)], check=True)

if __name__ == '__main__':
    if len(sys.argv) < 2: sys.exit(__doc__)
    for name in sys.argv[1:]:
        path = Path(name).resolve()
        if not path.exists(): sys.exit(f'no notebook at {name}')
        keep_outputs(path)
        print(f'kept the outputs of {name}')
