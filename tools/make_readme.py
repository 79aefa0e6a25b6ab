"""Write README.md from nbs/index.ipynb, the way `nbdev-readme` would without Quarto.

nbdev renders the README with Quarto, which cannot be installed everywhere this project is built, so this
script does the same conversion for what index.ipynb holds: markdown cells as they are (links to images in
`nbs/images/` made relative to the repository root), code cells as Python blocks (directives dropped, `#| hide`
cells left out), text outputs as plain blocks.

    python tools/make_readme.py           # write README.md
    python tools/make_readme.py --check   # exit 1 if README.md is not what index.ipynb gives
"""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def directives(src: str) -> tuple[set[str], str]:
    "The `#| name` directives at the top of a cell, and the code after them."
    lines, names = src.splitlines(), set()
    while lines and lines[0].startswith('#|'):
        names.add(lines.pop(0)[2:].split(':')[0].strip())
    return names, '\n'.join(lines).strip()

def text_output(out: dict) -> str | None:
    if out.get('output_type') == 'stream': return ''.join(out['text']).rstrip()
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

def main(check: bool = False):
    text = readme(json.loads((ROOT/'nbs'/'index.ipynb').read_text(encoding='utf-8')))
    path = ROOT/'README.md'
    if check:
        if not path.exists() or path.read_text(encoding='utf-8') != text:
            sys.exit('README.md is out of date: run `python tools/make_readme.py` and commit it.')
        return print('README.md matches nbs/index.ipynb')
    path.write_text(text, encoding='utf-8')
    print(f'wrote {path}')

if __name__ == '__main__': main(check='--check' in sys.argv[1:])
