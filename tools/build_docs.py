"""Render the documentation site into `_docs/` from nbdev's processed notebooks, without Quarto.

nbdev's own path (`nbdev-docs`) renders `_proc/` with Quarto, which these machines cannot install. This script first
processes the notebooks into `_proc/` as `nbdev-proc-nbs` does, through nbdev's Python API but without its Quarto
check (`nbdev-proc-nbs` installs Quarto, with sudo, where it is missing) and without ever running a cell flagged with
one of `tst_flags` (browser, cuda, weights, slow: nbdev's processing runs every cell that contains an import). Then it
renders the `_proc/` notebooks with Sphinx and MyST-NB (from PyPI, the `docs` extra): one page per notebook, named as
nbdev names it (`output-file`), in notebook order, with the `show_doc` entries, math (MathJax, served from the site
itself so that it works offline), figures, a sidebar and search. Links nbdev writes to the published site
(https://rcd-team.github.io/rcd/...) become links inside this one.

    python tools/build_docs.py [--out _docs] [--no-proc]

Without the docs extra it says in one line which of its modules are missing and how to install them, and exits 1.
"""
import argparse, ast, importlib.util, json, multiprocessing, os, re, shutil, subprocess, sys, tempfile, warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = 'https://rcd-team.github.io/rcd/'
DIRECTIVE = re.compile(r'^#\|\s*([\w-]+)\s*:?\s*(.*)$')
QUARTO_ATTRS = re.compile(r'(\]\([^)\s]*\))\{[^}]*\}')  # [text](url){target="_blank" ...} -> [text](url)

CONF = '''
project = 'rcd'
author = 'rcd developers'
extensions = ['myst_nb', 'sphinx-mathjax-offline']
myst_enable_extensions = ['dollarmath', 'amsmath', 'colon_fence', 'html_image']
myst_heading_anchors = 3
nb_execution_mode = 'off'
nb_render_markdown_format = 'myst'  # a cell's Markdown output (a table, say) parsed as the page's own Markdown
nb_ipywidgets_js = {}  # widget state is dropped: its scripts would come from a CDN
html_theme = 'furo'
html_title = 'rcd'
html_static_path = ['_static']
html_css_files = ['rcd.css']
html_favicon = '_static/favicon.png'
suppress_warnings = ['myst.header', 'myst.xref_missing', 'misc.highlighting_failure', 'mystnb.unknown_mime_type']
exclude_patterns = ['_build']
'''

CSS = '''
.cell_output img { max-width: 100%; height: auto; }
h3 code, h3 { word-break: break-word; }
'''


DOCS_MODULES = ('nbdev', 'sphinx', 'myst_nb', 'furo', 'sphinx-mathjax-offline')  # what the build imports of the docs extra (the last is its name)


def missing_extra() -> str | None:
    "One line naming the docs extra's modules this Python lacks and how to install them; None when none is missing."
    missing = [m for m in DOCS_MODULES if importlib.util.find_spec(m) is None]
    if not missing: return None
    return f"no module named {', '.join(missing)}: install the docs extra (pip install -e \".[docs]\")"


def page_name(nb: dict, path: Path) -> str:
    "The page nbdev gives a notebook: its `output-file` without '.html', else the file name without its number."
    raw = next((''.join(c['source']) for c in nb['cells'] if c['cell_type'] == 'raw'), '')
    m = re.search(r'^output-file:\s*(\S+)\.html\s*$', raw, flags=re.M)
    return m.group(1) if m else re.sub(r'^\d+[a-z]?_', '', path.stem)


def front_matter(nb: dict) -> tuple[str, str]:
    "Title and description from the raw YAML cell nbdev puts first."
    raw = next((''.join(c['source']) for c in nb['cells'] if c['cell_type'] == 'raw'), '')
    title = re.search(r'^title:\s*(.+)$', raw, flags=re.M)
    # the description may wrap over several indented lines
    desc = re.search(r"^description:\s*(.+?)(?=^\S|\Z)", raw, flags=re.M | re.S)
    clean = lambda s: re.sub(r"\s+", ' ', s).strip().strip("'\"").replace("''", "'")
    return (clean(title.group(1)) if title else ''), (clean(desc.group(1)) if desc else '')


LOCAL = 'https://rcd-site.invalid/'  # a placeholder MyST keeps as it is; made relative after the build


def section_id(anchor: str) -> str:
    "The id docutils gives the heading nbdev's anchor names: lower case, runs of other characters as one hyphen."
    return re.sub(r'[^a-z0-9]+', '-', anchor.lower()).strip('-')


def local_links(text: str, pages: set[str]) -> str:
    "Links to the published site become links to this build's pages and their sections."
    def fix(m):
        page, anchor = m.group(1), m.group(2)
        return f'{LOCAL}{page}.html' + (f'#{section_id(anchor)}' if anchor else '') if page in pages else m.group(0)
    text = re.sub(re.escape(SITE_URL) + r'([\w-]+)\.html(?:#([\w.-]+))?', fix, text)
    text = re.sub(r'(?<=\]\()([\w-]+)\.html(?:#([\w.-]+))?(?=\))', fix, text)  # relative links as Quarto reads them
    return text.replace(SITE_URL, LOCAL + 'index.html')


def display_math_paragraphs(text: str) -> str:
    "A blank line before and after each $$ block: Quarto reads one inside a paragraph, MyST only on its own."
    out, inside = [], False
    for line in text.split('\n'):
        s = line.strip()
        opens = not inside and s.startswith('$$')
        if opens and out and out[-1].strip(): out.append('')
        out.append(line)
        if opens: inside = not (len(s) > 2 and s.endswith('$$'))
        elif inside and s.endswith('$$'): inside = False
        if (opens or s.endswith('$$')) and not inside: out.append('')
    return '\n'.join(out)


def clean_notebook(nb: dict, pages: set[str]) -> dict:
    "The notebook as MyST-NB should see it: a title cell, no Quarto syntax, no directive comments, hidden sources tagged."
    title, description = front_matter(nb)
    cells = [{'cell_type': 'markdown', 'metadata': {}, 'source': f'# {title}\n\n' + (f'> {description}\n' if description else '')}]
    for cell in nb['cells']:
        if cell['cell_type'] == 'raw': continue
        src = ''.join(cell['source'])
        if cell['cell_type'] == 'markdown':
            if 'THIS FILE WAS AUTOGENERATED' in src: continue
            src = display_math_paragraphs(local_links(QUARTO_ATTRS.sub(r'\1', src), pages))
            cells.append({'cell_type': 'markdown', 'metadata': {}, 'source': src})
            continue
        directives = {}
        body = []
        for line in src.splitlines():
            m = DIRECTIVE.match(line)
            if m and not body: directives[m.group(1)] = m.group(2)
            else: body.append(line)
        tags = ['remove-input'] if directives.get('echo') == 'false' else []
        outputs = []
        for out in cell.get('outputs', []):
            data = out.get('data')
            if data is not None:
                data = {k: v for k, v in data.items() if 'widget' not in k}  # widgets need a live kernel
                if 'text/markdown' in data:  # show_doc's entries open with a rule, which MyST cannot place inside an output
                    text = re.sub(r'^\s*---\s*\n', '', ''.join(data['text/markdown']))
                    data['text/markdown'] = local_links(QUARTO_ATTRS.sub(r'\1', text), pages)
                if not data: continue
                out = {**out, 'data': data}
            outputs.append(out)
        cells.append({'cell_type': 'code', 'execution_count': cell.get('execution_count'), 'source': '\n'.join(body),
                      'outputs': outputs, 'metadata': {'tags': tags}})
    for k, cell in enumerate(cells): cell['id'] = f'cell-{k}'
    return {**nb, 'cells': cells, 'metadata': {k: v for k, v in nb.get('metadata', {}).items() if k != 'widgets'}}


def favicon(path: Path):
    "A small icon (the browser asks for one): two colored discs, as in a two-subject prompt."
    from PIL import Image, ImageDraw
    icon = Image.new('RGBA', (32, 32), (0, 0, 0, 0))
    draw = ImageDraw.Draw(icon)
    draw.ellipse((1, 7, 19, 25), fill=(220, 40, 40, 255)); draw.ellipse((13, 7, 31, 25), fill=(40, 90, 220, 230))
    icon.save(path)


# Processing: nbdev's doc processors, as `nbdev-proc-nbs` runs them, with one more before `exec_show_docs`.
MIXED = 'Found cells containing imports and other code'  # nbdev's warning, with the whole cell's source


def doc_filter():
    "nbdev's `FilterDefaults` with `ExecRules` just before `exec_show_docs`, the processor that runs cells."
    from nbdev.process import Processor
    from nbdev.processors import FilterDefaults, exec_show_docs
    from nbdev.config import get_config

    class ExecRules(Processor):
        """`exec_show_docs` runs every cell with an import anywhere in it (a browser test that imports Playwright
        inside a function, say). Cells flagged with one of `tst_flags` get `eval: false`, so it never runs them; the
        hidden import cells (imports at the top, often a setup line or two) get `exec_doc`, so it runs them whole,
        as it would anyway, without printing their source as a warning."""
        def begin(self): self.flags = set(str(get_config().tst_flags).split())
        def __call__(self, cell):
            if cell.cell_type != 'code': return
            d = cell.directives_
            if self.flags & d.keys(): d['eval'] = 'false'
            elif 'hide' in d and any(isinstance(t, (ast.Import, ast.ImportFrom)) for t in cell.parsed_() or []):
                d['exec_doc'] = ''

    class DocFilter(FilterDefaults):
        def base_procs(self):
            procs = list(super().base_procs())
            i = procs.index(exec_show_docs)
            return procs[:i] + [ExecRules] + procs[i:]
    return DocFilter()


def process_notebook(paths: tuple[Path, Path]) -> list[str]:
    "Process one notebook as nbdev's worker (`nbdev.serve_drv`) does; nbdev's mixed-imports warnings, one line each."
    src, dst = paths
    from fastcore.nbio import read_nb, write_nb
    os.environ['IN_TEST'] = '1'  # as nbdev's worker
    os.environ.setdefault('HF_HUB_OFFLINE', '1')  # the docs never download weights
    with warnings.catch_warnings(record=True) as caught:
        warnings.filterwarnings('always', message=MIXED)
        nb = read_nb(src)
        doc_filter()(nb)
    write_nb(nb, dst)
    notes = []
    for w in caught:
        text = str(w.message)
        if text.startswith(MIXED):
            first = next((l for l in text.split('---')[1].splitlines() if re.match(r'\s*(import|from)\s', l)), '')
            notes.append(f'{src.name}: a cell mixes imports with other code, so the docs build runs all of it '
                         f'(move `{first.strip()}` to the import cell)')
        else: warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return notes


def proc_nbs(n_workers: int | None = None) -> Path:
    """`_proc/` as `nbdev-proc-nbs` makes it (nbdev's `proc_nbs`, the files under `nbs/` and a notebook processed
    again only when it changed), with `doc_filter`'s processors and without `nbdev-proc-nbs`'s Quarto install."""
    from nbdev.config import get_config
    from nbdev.doclinks import nbglob
    from nbdev.quarto import refresh_quarto_yml
    import nbdev.processors
    os.chdir(ROOT)  # as nbdev's: cells run from the project root
    cfg = get_config()
    refresh_quarto_yml()  # nbs/_quarto.yml and nbs/nbdev.yml from pyproject.toml, as nbdev-proc-nbs writes them
    nbs, cache = cfg.nbs_path, ROOT/'_proc'
    files = list(nbglob(nbs, func=Path, file_glob='', file_re=''))
    files += [nbs/f for f in ('_quarto.yml', '_brand.yml') if (nbs/f).exists()]
    changed = max(Path(f).stat().st_mtime for f in (cfg.config_file, __file__, nbdev.processors.__file__))
    if cache.exists() and cache.stat().st_mtime < changed: shutil.rmtree(cache)  # new settings or processors: all again
    cache.mkdir(exist_ok=True)
    for stale in cache.rglob('*.ipynb'):  # a deleted notebook must not stay a page
        if not (nbs/stale.relative_to(cache)).exists(): stale.unlink()
    todo = []
    for src in files:
        dst = cache/src.relative_to(nbs)
        if dst.exists() and src.stat().st_mtime <= dst.stat().st_mtime: continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.suffix == '.ipynb': todo.append((src, dst))
        else: shutil.copy2(src, dst)
    if todo:
        if str(Path(__file__).parent) not in sys.path: sys.path.insert(0, str(Path(__file__).parent))
        from build_docs import process_notebook  # by its module's name: IPython, which runs the cells, replaces __main__
        workers = min(len(todo), n_workers or os.cpu_count() or 1)
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context('spawn')) as pool:  # as nbdev: no fork under torch
            for notes in pool.map(process_notebook, todo):
                for note in notes: print(note, file=sys.stderr)
    cache.touch()
    return cache


def notebooks(proc: Path) -> list[Path]:
    "`_proc` notebooks in the site's order: the index, then by file name (the numbers give the order)."
    found = sorted(p for p in proc.glob('*.ipynb') if not p.name.startswith('_'))
    return sorted(found, key=lambda p: (p.stem != 'index', p.name))


def build(out: Path, run_proc: bool = True) -> Path:
    proc = proc_nbs() if run_proc else ROOT/'_proc'
    if not (proc/'index.ipynb').exists(): sys.exit("no _proc/index.ipynb: run without --no-proc (or nbdev-proc-nbs) first")
    paths = notebooks(proc)
    loaded = [(p, json.loads(p.read_text())) for p in paths]
    names = [page_name(nb, p) for p, nb in loaded]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)/'src'
        src.mkdir()
        (src/'conf.py').write_text(CONF)
        (src/'_static').mkdir()
        (src/'_static'/'rcd.css').write_text(CSS)
        favicon(src/'_static'/'favicon.png')
        for folder in ('images',):
            if (proc/folder).exists(): shutil.copytree(proc/folder, src/folder)
        for (path, nb), name in zip(loaded, names):
            cleaned = clean_notebook(nb, set(names))
            if name == 'index':
                toc = '\n'.join(n for n in names if n != 'index')
                cleaned['cells'].append({'cell_type': 'markdown', 'metadata': {}, 'id': 'toctree',
                                         'source': f':::{{toctree}}\n:hidden:\n:maxdepth: 1\n\n{toc}\n:::\n'})
            (src/f'{name}.ipynb').write_text(json.dumps(cleaned))
        html = Path(tmp)/'html'  # MyST-NB writes its image files beside the output folder: build in here, then move
        subprocess.run([sys.executable, '-m', 'sphinx', '-q', '-b', 'html', str(src), str(html)], check=True)
        if out.exists(): shutil.rmtree(out)
        shutil.move(str(html), str(out))
    for page in out.glob('*.html'):  # the placeholder links become relative ones, opened in place
        text = page.read_text(encoding='utf-8')
        if LOCAL in text: page.write_text(text.replace(LOCAL, ''), encoding='utf-8')
    (out/'.nojekyll').touch()
    return out


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--out', default=str(ROOT/'_docs'))
    parser.add_argument('--no-proc', action='store_true', help='use _proc/ as it is (skip the processing)')
    args = parser.parse_args()
    if missing := missing_extra(): sys.exit(f'build_docs: {missing}')
    print(build(Path(args.out), run_proc=not args.no_proc))
