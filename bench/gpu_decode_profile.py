"""Where a decode step of the sampler goes, on one GPU, after the cuDNN fix (bench/README.md, "GPU: one
H200, after the fixes"): the 7B's shapes in bf16, 128 rows of 512-token prompts, as gpu_check.py's
decode part. generate_batch for NEW_TOKENS steps, once with the sampler's settings (temperature
0.7, top-p 0.9) and once greedy (RowSampler's cheapest path): run once at these shapes (kernels,
allocator), timed, then run under the profiler; the prefill alone the same way, to take it out.

    python bench/gpu_decode_profile.py                          # one GPU, about 2 minutes
    python bench/gpu_decode_profile.py --device cpu --out /tmp/p  # the same code on tiny shapes

Writes OUT/gpu_decode_profile.json (per setting: wall seconds unprofiled, the GPU's busy time
(the union of its kernels' intervals), the host's time in ops and its time waiting for the GPU
under the profiler, a decode step's share of each with the prefill's taken out) and
OUT/gpu_decode_profile_{sampled,greedy}.txt (the profiler's tables, by GPU time and by CPU time).
A decode step whose wall time is far above its kernels' time is paid for by launching them.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

NEW_TOKENS = 32
WAITS = {"cudaStreamSynchronize", "cudaDeviceSynchronize", "cudaEventSynchronize", "Command Buffer Full"}  # the host waiting


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default=None, help="cuda (default when there is one) or cpu")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "results"),
                        help="folder for the results (default bench/results)")
    args = parser.parse_args()
    import torch
    from torch.profiler import ProfilerActivity, profile

    from bench.gpu_check import QWEN7B, TINY, build, prefill_alone, sync
    from drift.sampler import SamplingConfig, generate_batch

    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    cuda = device.type == "cuda"
    shape, rows, prompt = (QWEN7B, 128, 512) if cuda else (TINY, 8, 32)
    model = build(shape, device, torch.bfloat16 if cuda else torch.float32)
    model.config.use_cache = True
    g = torch.Generator().manual_seed(0)
    prompts = [torch.randint(3, 500, (prompt,), generator=g).tolist() for _ in range(rows)]
    activities = [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if cuda else [])
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    results = {"device": torch.cuda.get_device_name(device) if cuda else "cpu", "rows": rows, "prompt_tokens": prompt,
               "new_tokens": NEW_TOKENS, "torch": torch.__version__}

    def measure(fn, repeats: int = 1):
        """Wall seconds of fn unprofiled (after a first call at the same shapes; the fastest of
        `repeats`, as a pause on a loaded host only ever adds), then under the
        profiler: the GPU's busy seconds (the union of its kernels' intervals), the host's seconds in
        ops (their self times, summed) and its seconds waiting for the GPU (WAITS), apart."""
        from torch.autograd import DeviceType

        fn()
        sync(device)
        wall = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            fn()
            sync(device)
            wall = min(wall, time.perf_counter() - t0)
        with profile(activities=activities) as prof:
            fn()
            sync(device)
        spans = sorted((e.time_range.start, e.time_range.end) for e in prof.events() if e.device_type == DeviceType.CUDA)
        busy, end = 0.0, float("-inf")
        for a, b in spans:  # the union of the kernels' intervals, in microseconds
            busy += max(0.0, b - max(a, end))
            end = max(end, b)
        events = prof.key_averages()
        wait = sum(e.self_cpu_time_total for e in events if e.key in WAITS) / 1e6
        cpu = sum(e.self_cpu_time_total for e in events if e.key not in WAITS) / 1e6
        return wall, busy / 1e6, cpu, wait, events

    with torch.no_grad():
        chunk = 4096

        p_wall, p_gpu, p_cpu, p_wait, _ = measure(lambda: prefill_alone(model, prompts, NEW_TOKENS, chunk, device), repeats=3)
        for name, temperature in (("sampled", 0.7), ("greedy", 0.0)):
            cfg = SamplingConfig(temperature=temperature, top_p=0.9, max_new_tokens=NEW_TOKENS, batch_size=rows,
                                 prefill_tokens=chunk)
            wall, gpu, cpu, wait, events = measure(lambda: generate_batch(model, prompts, list(range(rows)), cfg, [], 0))
            steps = NEW_TOKENS
            results[name] = {
                "wall_s": round(wall, 3), "prefill_wall_s": round(p_wall, 3),
                "decode_step_wall_ms": round(1000 * (wall - p_wall) / steps, 2),
                "decode_step_gpu_busy_ms": round(1000 * (gpu - p_gpu) / steps, 2),
                "decode_step_cpu_ops_ms": round(1000 * (cpu - p_cpu) / steps, 2),
                "decode_step_host_wait_ms": round(1000 * (wait - p_wait) / steps, 2),
            }
            key = "self_device_time_total" if cuda else "self_cpu_time_total"
            (out_dir / f"gpu_decode_profile_{name}.txt").write_text(
                f"wall {wall:.3f} s, {steps} new tokens, {rows} rows of {prompt}\n"
                + events.table(sort_by=key, row_limit=25) + "\n" + events.table(sort_by="self_cpu_time_total", row_limit=25))
            print(name, json.dumps(results[name]), flush=True)
            (out_dir / "gpu_decode_profile.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
