"""Regenerate `rcd/clip_tokenizer/` (the CLIP tokenizer of SD1.x) from OpenAI's BPE merges file.

CLIP's vocabulary is a function of its ordered BPE merges (see `nbs/00_testing.ipynb`). OpenAI published
them as `bpe_simple_vocab_16e6.txt.gz` (MIT); the `open-clip-torch` wheel carries a copy. Usage:

    pip download --no-deps open-clip-torch -d /tmp/oc
    python tools/make_clip_tokenizer.py /tmp/oc/open_clip_torch-*.whl     # a wheel, or the .txt.gz itself

It writes vocab.json, merges.txt and the tokenizer settings into rcd/clip_tokenizer/.
"""
import sys, tempfile, zipfile
from pathlib import Path

from rcd.testing import read_clip_merges, save_clip_tokenizer

BPE_NAME = 'bpe_simple_vocab_16e6.txt.gz'

def main(src: str, out_dir: str = str(Path(__file__).resolve().parents[1]/'rcd'/'clip_tokenizer')):
    src = Path(src)
    with tempfile.TemporaryDirectory() as tmp:
        if src.suffix == '.whl':
            with zipfile.ZipFile(src) as whl:
                member = next(n for n in whl.namelist() if n.endswith(BPE_NAME))
                src = Path(whl.extract(member, tmp))
        merges = read_clip_merges(src)
    out = save_clip_tokenizer(merges, out_dir)
    print(f'{len(merges)} merges → {out}')

if __name__ == '__main__':
    if len(sys.argv) < 2: sys.exit(__doc__)
    main(*sys.argv[1:])
