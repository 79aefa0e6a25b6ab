"""The docs build's processing (tools/build_docs.py) never runs a cell flagged with one of `tst_flags`, runs the hidden
import cells without nbdev's code-dump warning, and still reports a visible cell that mixes imports with other code.
A few seconds:

    python -m pytest -q tools/test_build_docs.py
"""
import json, sys, warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import build_docs


def notebook(cells: list[str]) -> dict:
    return {'cells': [{'cell_type': 'code', 'execution_count': None, 'id': f'c{i}', 'metadata': {}, 'outputs': [],
                       'source': src} for i, src in enumerate(cells)],
            'metadata': {'kernelspec': {'display_name': 'python3', 'language': 'python', 'name': 'python3'}},
            'nbformat': 4, 'nbformat_minor': 5}


def test_flagged_cells_never_run(tmp_path, monkeypatch):
    monkeypatch.chdir(build_docs.ROOT)  # nbdev reads tst_flags from the project's pyproject.toml
    from nbdev.config import get_config
    flags = str(get_config().tst_flags).split()
    assert {'browser', 'cuda', 'weights', 'slow'} <= set(flags)
    ran = tmp_path/'ran'
    cells = ['#| hide\nimport os\nSETUP = 1',  # an import cell with a setup line: run, quietly
             '#| export\ndef double(x):\n    "Twice `x`."\n    return 2 * x',  # gives the notebook docs, so cells run
             'import json\nx = json.dumps(1)']  # visible, imports and code: run, and reported
    # flagged cells that nbdev's processing would run (an import inside a function): each records that it ran
    cells += [f'#| {flag}\ndef uses_json():\n    import json\nopen({str(ran)!r} + "-{flag}", "w").close()' for flag in flags]
    src, dst = tmp_path/'nb.ipynb', tmp_path/'out.ipynb'
    src.write_text(json.dumps(notebook(cells)))

    with warnings.catch_warnings(record=True):
        notes = build_docs.process_notebook((src, dst))
    assert not list(tmp_path.glob('ran-*')), 'the docs build ran a flagged cell'
    assert len(notes) == 1 and 'nb.ipynb' in notes[0] and '`import json`' in notes[0], notes
    assert 'Twice `x`.' in json.dumps([c.get('outputs') for c in json.loads(dst.read_text())['cells']])  # show_doc ran

    # the same notebook through nbdev's own processors runs them: what the extra processor is for
    from fastcore.nbio import read_nb
    from nbdev.processors import FilterDefaults
    with warnings.catch_warnings(record=True):
        FilterDefaults()(read_nb(src))
    assert sorted(p.name for p in tmp_path.glob('ran-*')) == sorted(f'ran-{f}' for f in flags)
