"""What was run on one H200 to read gpu_check.py's first table (bench/results/gpu_check.md):

    OUT=bench/results python bench/gpu_probe.py        # one GPU, about 5 minutes
    PROBE_CPU=1 OUT=/tmp/probe python bench/gpu_probe.py   # the same code on tiny shapes, CPU

1. train.py's first DPO step against ln 2, in bf16 and fp32 (loss/dpo, rewards/margins)
2. the 7B's decode step alone (128 rows, 512-token prompts, the sampler's prefill and cache), one
   key longer at each step; RowSampler's cost a step; an 8-token generate profiled, the
   sampler's and plain generate's, each after a call at the same shapes
3. the compiled sampler against eager, greedy and sampled: where each row first differs, and a
   second compiled pass's time

Writes OUT/probe.json and OUT/prof_{ours,plain}.txt (committed as bench/results/gpu_probe.json
and gpu_probe_profile_{sampler,generate}.txt). What they showed is in bench/README.md.
"""
import json, math, os, subprocess, sys, tempfile, time
import argparse

argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import torch
from bench.gpu_check import QWEN7B, TINY, build, REPO
CPU = bool(os.environ.get("PROBE_CPU"))
if not CPU and not torch.cuda.is_available():
    sys.exit("gpu_probe.py needs a CUDA device (PROBE_CPU=1 runs it on CPU at tiny shapes)")
if CPU: QWEN7B = TINY
from drift.generation import generate_batch, prefill, RowSampler, _decode_attention
from drift.sampler import SamplingConfig
OUT = Path(os.environ.get("OUT", "/tmp/probe")); OUT.mkdir(exist_ok=True, parents=True)
R = {}
T0 = time.perf_counter()
def save(k, v):
    R[k] = v; print(f"[{k}] {json.dumps(v)}", flush=True); (OUT / "probe.json").write_text(json.dumps(R, indent=1))
def sync():
    if not CPU: torch.cuda.synchronize()
dev = torch.device("cpu" if CPU else "cuda")

# 1. train.py first step loss on the GPU, bf16: the value, and per stage
def e2e(extra):
    from drift.tiny import make_model, make_tokenizer, teach_to_stop
    with tempfile.TemporaryDirectory() as tmp:
        tok = make_tokenizer("chatml"); model = teach_to_stop(make_model(tok), tok)
        model.save_pretrained(Path(tmp) / "tiny"); tok.save_pretrained(Path(tmp) / "tiny")
        s = REPO / "data" / "sample" / "filtered"; out = Path(tmp) / "out"
        cmd = [sys.executable, str(REPO / "train.py"), "--model", str(Path(tmp) / "tiny"), "--out", str(out),
               "--warm-epochs", "1", "--iterations", "1", "--batch-size", "4", "--micro-batch-size", "2",
               "--max-new-tokens", "16", "--lr", "1e-4", "--warmup-ratio", "0",
               "--dsat-data", str(s / "dsat.jsonl"), "--seed-data", str(s / "seed.jsonl")] + extra
        env = dict(os.environ, TQDM_DISABLE="1", PYTHONPATH=str(REPO))
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if p.returncode: return {"exit": p.returncode, "err": p.stderr[-800:]}
        rows = [json.loads(l) for l in (out / "metrics.jsonl").read_text().splitlines()]
        first = {}
        for r in rows:
            if r["type"] == "step" and r["stage"] not in first:
                first[r["stage"]] = {k: v for k, v in r.items() if k.startswith(("loss", "rewards", "logps"))}
        return {"first": first, "ln2": math.log(2)}
try: save("e2e", e2e([]))
except Exception as e: save("e2e", repr(e))
try: save("e2e_fp32", e2e(["--dtype", "fp32"]))
except Exception as e: save("e2e_fp32", repr(e))

# 2. decode costs on the 7B bf16, batch 128, prompts 512
model = build(QWEN7B, dev, torch.float32 if CPU else torch.bfloat16); model.config.use_cache = True
B, P = (8, 32) if CPU else (128, 512)
g = torch.Generator().manual_seed(0)
prompts = [torch.randint(3, 500, (P,), generator=g).tolist() for _ in range(B)]
with torch.no_grad():
    sync(); t = time.perf_counter()
    cache = prefill(model, prompts, 0, 64, 4096, True); sync()
    pre = time.perf_counter() - t
    ids = torch.tensor([p[-1] for p in prompts], device=dev)[:, None]
    mask = torch.ones(B, P, dtype=torch.long, device=dev)
    times = []
    with _decode_attention():
        for k in range(12):
            sync(); t = time.perf_counter()
            out = model(input_ids=ids, attention_mask=mask, position_ids=torch.full((B, 1), P - 1 + k, device=dev),
                        past_key_values=cache, use_cache=True, logits_to_keep=1)
            sync(); times.append(time.perf_counter() - t)
            ids = out.logits[:, -1].argmax(-1, keepdim=True)
            mask = torch.cat([mask, torch.ones(B, 1, dtype=torch.long, device=dev)], 1)
    save("forward", {"prefill_s": round(pre, 3), "decode_step_ms": [round(1000 * x, 1) for x in times]})
    scores = torch.randn(B, QWEN7B["vocab_size"], device=dev) * 4
    inp = torch.randint(3, 500, (B, P + 1), device=dev)
    res = {}
    for name, kw in {"k20_p0.9_rp1.05": dict(top_k=20, top_p=0.9, repetition_penalty=1.05),
                     "k0_p0.9": dict(top_k=0, top_p=0.9), "greedy": dict(top_k=0, top_p=1.0)}.items():
        temp = 0.0 if name == "greedy" else 0.7
        rs = RowSampler(list(range(B)), temp, kw["top_k"], kw["top_p"], dev, kw.get("repetition_penalty", 1.0),
                        [P] * B, 64, P)
        ts = []
        for k in range(6):
            sync(); t = time.perf_counter(); rs(inp[:, : P + k], scores.clone()); sync(); ts.append(time.perf_counter() - t)
        res[name] = [round(1000 * x, 2) for x in ts]
    save("rowsampler_ms", res)
    # 3. profile 8 steps of generate_batch and of plain generate
    from torch.profiler import profile, ProfilerActivity
    cfg = SamplingConfig(temperature=0.7, top_p=0.9, max_new_tokens=8, batch_size=B, prefill_tokens=4096)
    for name, fn in {"ours": lambda: generate_batch(model, prompts, list(range(B)), cfg, [], 0),
                     "plain": lambda: model.generate(input_ids=torch.tensor(prompts, device=dev), attention_mask=torch.ones(B, P, dtype=torch.long, device=dev),
                                                     do_sample=True, temperature=0.7, top_p=0.9, top_k=0, max_new_tokens=8, min_new_tokens=8, pad_token_id=0, eos_token_id=None)}.items():
        fn(); sync()
        with profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA]) as prof:
            t = time.perf_counter(); fn(); sync(); wall = time.perf_counter() - t
        (OUT / f"prof_{name}.txt").write_text(f"wall {wall:.3f}s\n" + prof.key_averages().table(sort_by="cuda_time_total", row_limit=30)
                                             + "\n" + prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=30))
        save(f"wall8_{name}", round(wall, 3))
    del cache
# 4. compiled vs eager, greedy and sampled, 16 rows, 64 tokens; second compiled pass timed
if time.perf_counter() - T0 < 200:
    prompts16 = [torch.randint(3, QWEN7B["vocab_size"], (int(n),), generator=g).tolist() for n in torch.randint(16, 64 if CPU else 128, (16,), generator=g)]
    res = {}
    model.generation_config.eos_token_id = None
    for temp in (0.0, 0.7):
        runs = {}
        for comp in (False, True, True):
            c = SamplingConfig(temperature=temp, max_new_tokens=64, batch_size=16, quality_gate=False, compile=comp, top_k=20, repetition_penalty=1.05)
            sync(); t = time.perf_counter()
            with torch.no_grad(): rows = generate_batch(model, prompts16, list(range(16)), c, [], 0)
            sync(); runs.setdefault(comp, []).append((rows, round(time.perf_counter() - t, 2)))
        e, c1, c2 = runs[False][0][0], runs[True][0][0], runs[True][1][0]
        prefix = [next((i for i, (a, b) in enumerate(zip(x, y)) if a != b), len(x)) for x, y in zip(e, c1)]
        res[f"T{temp}"] = {"same_rows": sum(a == b for a, b in zip(e, c1)), "prefix": prefix, "c1_equals_c2": c1 == c2,
                           "eager_s": runs[False][0][1], "compiled_s": [r[1] for r in runs[True]]}
        save("compiled", res)
save("total_s", round(time.perf_counter() - T0, 1))
