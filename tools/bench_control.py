"""Time Control on the CPU: one captured UNet step and one evaluation of L_AC.

    python tools/bench_control.py            # the tiny pipeline at 64 px and the full-size random SD1.5 UNet at 256 px
    python tools/bench_control.py --tiny     # the tiny one only (seconds)
    python tools/bench_control.py --threads 1  # on a machine that something else keeps busy

A captured step is what Control's latent optimization does once per iteration: a UNet pass on the
conditional embedding alone (batch 1) with the attention store installed, the subjects' maps, L_AC, and
its gradient with respect to the latent. For scale, the same UNet pass without the store and without
gradient is timed too. A loss evaluation is `control_loss` on the subjects' maps (forward, and forward
plus backward to the maps). It prints median times and asserts nothing: the numbers depend on the machine.
"""
import argparse, os, statistics, time

os.environ.setdefault('HF_HUB_OFFLINE', '1')
import torch
from rcd.attention import AttentionStore, capturing_attention
from rcd.losses import ControlConfig, control_loss
from rcd.testing import clip_tokenizer, hide_progress_bars, sd15_random_pipeline, tiny_sd_pipeline

PROMPT, SUBJECTS = "a black kitten and a white dog", ('kitten</w>', 'dog</w>')

def ms_per_call(fn, repeats: int, warmup: int = 2) -> float:
    "Median wall time of `fn` over `repeats` calls after `warmup` ones, in ms (the median resists a busy machine)."
    for _ in range(warmup): fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000

def bench(name: str, pipe, image_size: int, repeats: int):
    tok = clip_tokenizer()
    ids = tok(PROMPT).input_ids
    positions = [ids.index(tok.convert_tokens_to_ids(word)) for word in SUBJECTS]
    latent_side = image_size // pipe.vae_scale_factor
    with torch.no_grad(): text = pipe.encode_prompt(PROMPT, 'cpu', 1, False)[0]
    latent = torch.randn(1, pipe.unet.config.in_channels, latent_side, latent_side, generator=torch.Generator().manual_seed(0))
    config = ControlConfig()
    store = AttentionStore.for_unet(pipe.unet, latent_side, keep='all')
    map_size = next(iter(store.layers.values()))

    def plain_step():
        with torch.no_grad(): pipe.unet(latent, 500, text)

    def captured_step():
        z = latent.clone().requires_grad_()
        with capturing_attention(pipe.unet, store): pipe.unet(z, 500, text)
        maps = config.subject_maps(store.attention()[0], positions)
        total, _ = control_loss(maps, 1, config.region_consistency(), config)
        torch.autograd.grad(total, z)

    with torch.no_grad(), capturing_attention(pipe.unet, store): pipe.unet(latent, 500, text)
    maps = config.subject_maps(store.attention()[0], positions)
    first = maps + 0.3 * (torch.rand(maps.shape, generator=torch.Generator().manual_seed(1)) > 0.5)  # some regions for RC

    def loss_forward():
        consistency = config.region_consistency(); consistency.first_maps = first
        control_loss(maps, 1, consistency, config)

    def loss_forward_backward():
        m = maps.clone().requires_grad_()
        consistency = config.region_consistency(); consistency.first_maps = first
        torch.autograd.grad(control_loss(m, 1, consistency, config)[0], m)

    print(f"{name}, {image_size} px (latent {latent_side}×{latent_side}, maps {map_size[0]}×{map_size[1]} "
          f"from {len(store.layers)} layers), {torch.get_num_threads()} CPU threads, float32:")
    print(f"  UNet pass, no store, no gradient:              {ms_per_call(plain_step, repeats):9.1f} ms")
    print(f"  captured step (store, maps, L_AC, grad to z):  {ms_per_call(captured_step, repeats):9.1f} ms")
    print(f"  L_AC evaluation, forward:                      {ms_per_call(loss_forward, 50 * repeats):9.3f} ms")
    print(f"  L_AC evaluation, forward + backward to maps:   {ms_per_call(loss_forward_backward, 50 * repeats):9.3f} ms")

if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--tiny', action='store_true', help='only the tiny pipeline')
    parser.add_argument('--threads', type=int, default=None, help="torch CPU threads (default: torch's); "
                        "fewer threads than free cores avoids the large slowdowns of an oversubscribed CPU")
    args = parser.parse_args()
    if args.threads: torch.set_num_threads(args.threads)
    hide_progress_bars()
    torch.manual_seed(0)
    bench('tiny pipeline', tiny_sd_pipeline(), 64, repeats=20)
    if not args.tiny: bench('full-size SD1.5 UNet, random weights', sd15_random_pipeline(), 256, repeats=5)
