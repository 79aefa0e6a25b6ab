"""Check what the README's main job left in FOLDER: the image, the subjects, and a quiet standard error.

    rcd generate "a red circle and a blue square" --model shapes --out shapes.png >out.json 2>err.txt
    python tools/check_main_job.py FOLDER
"""
import json, re, sys
from pathlib import Path

from rcd.prompts import NO_SPACY_MODEL

folder = Path(sys.argv[1])
written = json.loads((folder/'out.json').read_text())
problems = []
if not (folder/'shapes.png').exists(): problems.append('no shapes.png')
if written.get('subjects') != ['red circle', 'blue square']: problems.append(f"subjects {written.get('subjects')}")
# stderr may hold the denoising progress bar and nothing else: no library notice, no loading bar; but where spaCy's
# English model is not installed (a user's default install), the one line that says how to install it
lines = [l.split('\r')[-1] for l in (folder/'err.txt').read_text().splitlines() if l.strip()]
spacy_line = f'rcd: warning: {NO_SPACY_MODEL}'
noise = [l for i, l in enumerate(lines) if not re.match(r'\s*\d+%\|', l) and not (l == spacy_line and lines.index(l) == i)]
problems += [f'stderr: {l}' for l in noise]
if not lines or not lines[-1].startswith('100%|'): problems.append('no finished progress bar on stderr')
if problems: sys.exit('the main job from the wheel:\n' + '\n'.join(problems))
said = ' and the line saying how to install spaCy\'s English model' if spacy_line in lines else ''
print(f"the main job from the wheel: {written['image']}, subjects {written['subjects']}, stderr: the progress bar{said} only")
