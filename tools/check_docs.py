"""Open every page of the built site (`_docs/`) in headless Chromium and check it as a reader would see it.

Each page must load with no console error, no failed request and no script error; every image must load; every
formula must be typeset by MathJax (no $$ left as text); every link inside the site must reach an existing page and anchor; the search
page must find a known word; the pages in `PAGE_SHOWS` must show their tables and figures (stored outputs). Writes `_docs/index-screenshot.png`. Exit status 1 lists every problem.

    python tools/check_docs.py [--site _docs] [--chromium /usr/bin/chromium]

Without Playwright's Python driver (the docs extra) or without Chromium, it says in one line what is missing and how
to install it, and exits 1.
"""
import argparse, functools, html.parser, http.server, importlib.util, re, shutil, sys, threading
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

ROOT = Path(__file__).resolve().parents[1]
# Chromium on a closed network: no background traffic, no sandbox (CI runs as root), a throwaway profile
# What a page must show of its stored outputs: a table holding each of these words, and at least this many images (the
# site shows what the notebooks store; `tools/keep_outputs.py` runs a notebook again and keeps its outputs)
PAGE_SHOWS = {'shapes_study.html': dict(tables=['rcd-no-distill', 'Attend-and-Excite'], images=4),
              'shapes3_validity.html': dict(tables=['all held-out', 'scorer agreement'], images=1),
              'shapes3_study.html': dict(tables=['rcd-no-distill', 'McNemar'], images=2)}
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']


class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.ids = set()
    def handle_starttag(self, tag, attrs):
        self.ids.update(v for k, v in attrs if k in ('id', 'name') and v)


def page_ids(path: Path) -> set[str]:
    parser = _Ids(); parser.feed(path.read_text(encoding='utf-8', errors='replace'))
    return parser.ids


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass


def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def missing_tools(chromium: str | None) -> str | None:
    "One line naming what this check lacks (Playwright's driver, Chromium) and how to install it; None when nothing."
    if importlib.util.find_spec('playwright') is None:
        return 'no module named playwright: install the docs extra (pip install -e ".[docs]")'
    if not chromium or not Path(chromium).is_file():
        return (f"no Chromium at {chromium}" if chromium else "no chromium on PATH") + \
               ": install Debian's chromium (sudo apt-get install chromium), or pass --chromium PATH"
    return None


def check_site(site: Path, chromium: str, search_word: str = 'attention') -> list[str]:
    from playwright.sync_api import sync_playwright
    pages = sorted(p for p in site.glob('*.html'))
    if not pages: return [f'no pages in {site}']
    ids = {p.name: page_ids(p) for p in pages}
    problems = []
    server = serve(site)
    base = f'http://127.0.0.1:{server.server_port}/'
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={'width': 1280, 'height': 900})
            for path in pages:
                page = context.new_page()
                errors = []
                page.on('console', lambda m, errors=errors: errors.append(f'console {m.type}: {m.text}') if m.type == 'error' else None)
                page.on('pageerror', lambda e, errors=errors: errors.append(f'script error: {e}'))
                page.on('requestfailed', lambda r, errors=errors: errors.append(f'request failed: {r.url}'))
                page.on('response', lambda r, errors=errors: errors.append(f'HTTP {r.status}: {r.url}') if r.status >= 400 else None)
                page.goto(base + path.name, wait_until='load')
                math = page.locator('.math').count()
                if math:
                    page.wait_for_function('window.MathJax && MathJax.startup && MathJax.startup.promise', timeout=20000)
                    page.evaluate('MathJax.startup.promise')
                    typeset = page.locator('mjx-container').count()
                    if typeset < math: errors.append(f'{math - typeset} of {math} formulas not typeset')
                    if page.locator('mjx-merror').count(): errors.append(f"{page.locator('mjx-merror').count()} formulas with TeX errors")
                prose = page.evaluate('(() => { const b = document.body.cloneNode(true); b.querySelectorAll("pre, code, script").forEach(e => e.remove()); return b.innerText; })()')
                if '$$' in prose: errors.append('display math left as text ($$)')
                broken = page.evaluate('[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)')
                errors += [f'image does not load: {src}' for src in broken]
                for href in page.evaluate('[...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href"))'):
                    url = urljoin(base + path.name, href)
                    if not url.startswith(base): continue  # outside the site
                    target, anchor = urldefrag(url)
                    name = unquote(urlparse(target).path.removeprefix('/')) or 'index.html'
                    if name not in ids and not (site/name).exists(): errors.append(f'link to a missing page: {href}')
                    elif anchor and name in ids and anchor not in ids[name]: errors.append(f'link to a missing anchor: {href}')
                if shows := PAGE_SHOWS.get(path.name):
                    tables = page.evaluate('[...document.querySelectorAll("table")].map(t => t.innerText)')
                    errors += [f'no table with {word!r} (a stored output missing?)' for word in shows['tables'] if not any(word in t for t in tables)]
                    if (n := page.evaluate('document.images.length')) < shows['images']: errors.append(f"{n} images, expected at least {shows['images']} (stored outputs missing?)")
                problems += [f'{path.name}: {e}' for e in dict.fromkeys(errors)]
                if path.name == 'index.html': page.screenshot(path=str(site/'index-screenshot.png'), full_page=False)
                page.close()
            page = context.new_page()
            page.goto(f'{base}search.html?q={search_word}', wait_until='load')
            try: page.wait_for_selector('ul.search li', timeout=15000)
            except Exception: problems.append(f'search.html: no result for {search_word!r}')
            browser.close()
    finally:
        server.shutdown(); server.server_close()
    return problems


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--site', default=str(ROOT/'_docs'))
    parser.add_argument('--chromium', default=shutil.which('chromium'))
    args = parser.parse_args()
    if missing := missing_tools(args.chromium): sys.exit(f'check_docs: {missing}')
    site = Path(args.site)
    problems = check_site(site, args.chromium)
    n = len(list(site.glob('*.html')))
    if problems:
        print('\n'.join(problems), file=sys.stderr)
        sys.exit(f'{len(problems)} problems on {n} pages')
    print(f'{n} pages checked in Chromium: no console error, every image loads, every formula typeset, every internal link '
          f'resolves, search works; screenshot {site/"index-screenshot.png"}')
