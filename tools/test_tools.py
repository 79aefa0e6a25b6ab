"""The README names only paths the repository holds, the docs tools say in one line what they lack, and `keep_outputs` keeps what the site shows. A few seconds:

    python -m pytest -q tools/test_tools.py
"""
import os, subprocess, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import keep_outputs, make_readme

ROOT = Path(__file__).resolve().parents[1]


def test_readme_names_only_repository_paths():
    text = (ROOT/'README.md').read_text(encoding='utf-8')
    named = make_readme.named_paths(text)
    assert {'nbs/images/demo.png', 'tools/gpu_check.sh', '.ci/run'} <= set(named)  # links, images and backticked paths
    assert make_readme.missing_paths(text) == []


def test_missing_paths_are_found():
    text = ("See the project's `rcd-method.md`, `nbs/99_nope.ipynb` and ![a figure](nbs/images/nope.png); "
            "[the site](https://rcd-team.github.io/rcd/) and [a section](#install) are not paths, nor is `rcd.bench`; "
            "`_docs/index.html` is built, `table.md` written by a command, [the demo](nbs/images/demo.png) is there.")
    assert make_readme.missing_paths(text) == ['nbs/images/nope.png', 'rcd-method.md', 'nbs/99_nope.ipynb']


def test_keep_outputs_keeps_what_the_site_shows():
    table = dict(output_type='stream', name='stdout', text='| a | b |\n')
    progress = dict(output_type='stream', name='stderr', text='100%|####|\n')
    figure = dict(output_type='display_data', data={'image/png': ''})
    assert keep_outputs.shown_outputs('print(table)', [table, progress, figure]) == [table, figure]
    assert keep_outputs.shown_outputs('#| hide\n%env HF_HUB_OFFLINE=1', [table]) == []
    assert keep_outputs.shown_outputs('x = 1  # not #| hide', [table]) == [table]


def run_tool(script: str, *args: str, hide: str = '', env: dict | None = None) -> subprocess.CompletedProcess:
    "Run tools/`script` in a fresh Python where the module `hide` cannot be imported."
    code = (f"import sys, runpy\nif {hide!r}: sys.modules[{hide!r}] = None\n"
            f"sys.argv = [{script!r}, *{list(args)!r}]\nrunpy.run_path({str(ROOT/'tools'/script)!r}, run_name='__main__')")
    return subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def one_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert 'Traceback' not in done.stderr and done.stdout == '', done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_build_docs_without_the_docs_extra():
    said = one_line(run_tool('build_docs.py', hide='sphinx'))
    assert 'no module named sphinx' in said and 'pip install -e ".[docs]"' in said, said


def test_check_docs_without_chromium(tmp_path):
    said = one_line(run_tool('check_docs.py', '--site', str(tmp_path), env={**os.environ, 'PATH': str(tmp_path)}))
    assert 'no chromium on PATH' in said and 'apt-get install chromium' in said, said
    said = one_line(run_tool('check_docs.py', '--chromium', str(tmp_path/'chromium')))
    assert f'no Chromium at {tmp_path/"chromium"}' in said, said


def test_check_docs_without_playwright(tmp_path):
    said = one_line(run_tool('check_docs.py', '--site', str(tmp_path), hide='playwright'))
    assert 'no module named playwright' in said and 'pip install -e ".[docs]"' in said, said
