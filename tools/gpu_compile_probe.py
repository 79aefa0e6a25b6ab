"Does torch.compile pay for the guided passes? Plain SD (sd15-random, 512 px, fp16, 50 steps) eager vs compiled UNet, on CUDA."
import json, os, sys, time, torch
from rcd.loading import load_pipeline
pipe = load_pipeline('sd15-random', 'cuda', torch.float16); pipe.set_progress_bar_config(disable=True)
def timed(config='sd'):
    pipe("a black kitten and a white dog", config=config, num_inference_steps=2, output_type='np')
    torch.cuda.synchronize(); start = time.perf_counter()
    pipe("a black kitten and a white dog", config=config, num_inference_steps=50, output_type='np', generator=torch.Generator('cuda').manual_seed(0))
    torch.cuda.synchronize(); return time.perf_counter() - start
rows = dict(sd_eager=timed())
start = time.perf_counter(); pipe.unet = torch.compile(pipe.unet); rows['sd_compiled'] = timed(); rows['compile_and_first_runs_s'] = time.perf_counter() - start - rows['sd_compiled']
print(json.dumps(rows)); open(os.path.join(os.environ.get('OUT', '.'), 'compile.json'), 'w').write(json.dumps(rows))
