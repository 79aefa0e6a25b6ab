"""Write README.md from nbs/index.ipynb, the way `nbdev-readme` would without Quarto.

nbdev renders the README with Quarto, which cannot be installed everywhere this project is built, so this
script does the same conversion for what index.ipynb holds: markdown cells as they are (links to images in
`nbs/images/` made relative to the repository root), code cells as Python blocks (directives dropped, `#| hide`
cells left out), text outputs as plain blocks.

    python tools/make_readme.py             # write README.md
    python tools/make_readme.py --execute   # first run index.ipynb's code again and keep its new outputs
    python tools/make_readme.py --check     # exit 1 if README.md is not what index.ipynb gives, if it names a
                                            # repository path that does not exist, or if running the notebook's
                                            # code again gives other outputs than those it shows
"""
import json, os, re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_FLAGS = set(re.search(r'^tst_flags\s*=\s*"([^"]*)"', (ROOT/'pyproject.toml').read_text(), re.M).group(1).split())

def directives(src: str) -> tuple[set[str], str]:
    "The `#| name` directives at the top of a cell, and the code after them."
    lines, names = src.splitlines(), set()
    while lines and lines[0].startswith('#|'):
        names.add(lines.pop(0)[2:].split(':')[0].strip())
    return names, '\n'.join(lines).strip()

def text_output(out: dict) -> str | None:
    "What the README shows of one output: printed text and results; never stderr (a library's notice is not the example's)."
    if out.get('output_type') == 'stream': return ''.join(out['text']).rstrip() if out.get('name') == 'stdout' else None
    if out.get('output_type') == 'execute_result': return ''.join(out['data'].get('text/plain', '')).rstrip() or None
    return None

def readme(nb: dict) -> str:
    parts = []
    for cell in nb['cells']:
        src = ''.join(cell['source'])
        if cell['cell_type'] == 'markdown':
            parts.append(src.strip().replace('](images/', '](nbs/images/'))
            continue
        names, code = directives(src)
        if 'hide' in names or not code: continue
        parts.append(f'```python\n{code}\n```')
        outs = [t for t in map(text_output, cell.get('outputs', [])) if t]
        parts += [f'```\n{t}\n```' for t in outs]
    note = '<!-- generated from nbs/index.ipynb by tools/make_readme.py: edit the notebook, not this file -->'
    return note + '\n\n' + '\n\n'.join(parts) + '\n'

# Files and folders the README names that its commands write (not in a clone): the docs build's folders, and the
# outputs of the commands it shows. Any other relative path it names must be in the repository.
GENERATED = ('_docs/', '_proc/')
OUTPUTS = {'chart.png', 'scores.csv', 'table.md', 'rcd_settings.json'}
FILE_EXTENSIONS = ('md', 'ipynb', 'py', 'sh', 'toml', 'json', 'png', 'jpg', 'csv', 'yml', 'yaml', 'txt', 'cfg', 'safetensors')

def named_paths(text: str) -> list[str]:
    "The relative paths `text` (Markdown) names: link and image targets, and backticked words that look like a path."
    links = [u.split('#')[0] for u in re.findall(r'\]\(([^)\s]+)', text) if not re.match(r'[a-z][\w+.-]*:|#', u)]
    ticked = [w for w in re.findall(r'`([^`\s]+)`', text)
              if re.fullmatch(r'\.?[\w-]+(/[\w.-]*)+', w) or re.fullmatch(r'[\w.-]+\.(' + '|'.join(FILE_EXTENSIONS) + ')', w)]
    return list(dict.fromkeys(p for p in links + ticked if p))

def missing_paths(text: str, root: Path = ROOT) -> list[str]:
    "The relative paths `text` names that `root` does not hold (beyond what the README's commands write)."
    return [p for p in named_paths(text) if not p.startswith(GENERATED) and p not in OUTPUTS and not (root/p).exists()]

def shown_outputs(nb) -> list[list[str]]:
    "The text outputs the README shows, cell by cell."
    return [[t for t in map(text_output, cell.get('outputs', [])) if t] for cell in nb['cells']
            if cell['cell_type'] == 'code' and 'hide' not in directives(''.join(cell['source']))[0]]

def executed(path: Path):
    "The notebook at `path` with every code cell run again, in its folder (what its outputs would be today)."
    from execnb.shell import CaptureShell
    from nbdev.process import read_nb  # nbdev 3 reads and writes notebooks; execnb runs them
    nb, here = read_nb(path), os.getcwd()
    os.chdir(path.parent)
    def skipped(cell):  # as nbdev-test skips them: `#| eval: false` and flagged cells
        names = {line[2:].strip().replace(' ', '') for line in cell.source.splitlines() if line.startswith('#|')}
        return cell.cell_type != 'code' or 'eval:false' in names or bool(directives(cell.source)[0] & SKIP_FLAGS)
    try: CaptureShell().run_all(nb, exc_stop=True, preproc=skipped)
    finally: os.chdir(here)
    return nb

def main(check: bool = False, execute: bool = False):
    index = ROOT/'nbs'/'index.ipynb'
    if execute:
        from nbdev.process import write_nb
        write_nb(executed(index), index)
        subprocess.run(['nbdev-clean', '--fname', str(index)], check=True)
    nb = json.loads(index.read_text(encoding='utf-8'))
    text, path = readme(nb), ROOT/'README.md'
    if check:
        if not path.exists() or path.read_text(encoding='utf-8') != text:
            sys.exit('README.md is out of date: run `python tools/make_readme.py` and commit it.')
        if missing := missing_paths(text):
            sys.exit(f"README.md names {', '.join(missing)}, which the repository does not hold: fix nbs/index.ipynb "
                     "(or, for a file a command writes, add it to OUTPUTS in tools/make_readme.py).")
        if shown_outputs(json.loads(json.dumps(executed(index)))) != shown_outputs(nb):
            sys.exit("index.ipynb's outputs are stale (its code gives others today): run `python tools/make_readme.py --execute` and commit.")
        return print('README.md matches nbs/index.ipynb, and its outputs are what its code gives')
    path.write_text(text, encoding='utf-8')
    print(f'wrote {path}')

if __name__ == '__main__': main(check='--check' in sys.argv[1:], execute='--execute' in sys.argv[1:])
