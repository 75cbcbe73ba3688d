"""One command for a GPU node: what the project's GPU path does on one GPU, in at most 8 minutes.

    python bench/gpu_check.py                        # one H100 / H200: the measurements below
    python bench/gpu_check.py --device cpu --quick   # seconds: the same code on tiny shapes (the suite runs it)

No downloads: models are built from configs with the exact shapes of Qwen2.5-0.5B, -1.5B and -7B
(random weights: speed does not depend on the values). It measures

  (a) DPO training steps at sequence 2048 (prompt 1024 + response 1024, 2 pairs a forward), bf16
      compute with fp32 master weights, FSDP2 on one GPU, the project's train_step: tokens/s and
      MFU = tokens/s x (6 N + 12 L h s) / peak, N the parameters but the input embedding, L layers,
      h hidden size, s = 2048, peak the GPU's dense bf16 FLOP/s (989 T for H100/H200 SXM). The 7B
      runs with activation checkpointing (its recompute is not counted: MFU convention).
  (b) the sampler's output tokens/s at batch 16 and 64, 512 new tokens, prompts of 128-512 tokens,
      with packed and with padded prefill, against one plain `generate` call on the same batch and
      against the decode roofline: batch x bandwidth / bytes read per step (bf16 weights plus the
      KV cache at the mean context), the bandwidth measured here by a device-to-device copy.
      The same batches through the compiled path (--sampler-compile: a static KV cache and a
      compiled forward, compiled once before the timing).
  (c) bf16 against fp32 sequence log-probs (drift.logprobs) on the 0.5B shapes.
  (d) train.py end to end on a tiny model on this device (NCCL on CUDA, one rank): exit 0, ln 2 at
      the first step, the compute dtype the run recorded.
  (e) attention implementations on packed micro-batches (the 0.5B shapes, sequence 2048): the
      training step's tokens/s with sdpa, eager and flex_attention (and flash_attention_2 where
      installed), and whether each passes the start-up packing check.
  (f) gradient accumulation: peak device memory of a training step of 1 and of 4 micro-batches
      (the 1.5B shapes), with the reduce-scatter after every micro-batch that train_step does.

It writes OUT/gpu_check.json and OUT/gpu_check.md (--out, default bench/results) and prints the
table. A part that fails (out of memory, say) is reported as failed and the others still run; a
part that would run past the time budget is skipped and says so. Runs on torch >= 2.11 and
transformers >= 5.17 as they are: no flash-attn, no vLLM.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import REPO, command_line, machine, table  # noqa: E402

QWEN = dict(rope_parameters={"rope_type": "default", "rope_theta": 1_000_000.0}, rms_norm_eps=1e-6,
            max_position_embeddings=32768, hidden_act="silu")
SHAPES = {  # the hub configs of Qwen/Qwen2.5-{0.5B,1.5B,7B}-Instruct
    "Qwen2.5-0.5B": dict(hidden_size=896, intermediate_size=4864, num_hidden_layers=24, num_attention_heads=14,
                         num_key_value_heads=2, vocab_size=151936, tie_word_embeddings=True, **QWEN),
    "Qwen2.5-1.5B": dict(hidden_size=1536, intermediate_size=8960, num_hidden_layers=28, num_attention_heads=12,
                         num_key_value_heads=2, vocab_size=151936, tie_word_embeddings=True, **QWEN),
    "Qwen2.5-7B": dict(hidden_size=3584, intermediate_size=18944, num_hidden_layers=28, num_attention_heads=28,
                       num_key_value_heads=4, vocab_size=152064, tie_word_embeddings=False, **QWEN),
}
TINY = {"tiny": dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                     num_key_value_heads=2, vocab_size=512, tie_word_embeddings=True, **QWEN)}
PEAK_BF16 = {"H100": 989e12, "H200": 989e12, "H800": 989e12, "A100": 312e12}  # dense, SXM


class Budget:
    def __init__(self, seconds: float):
        self.t0, self.seconds = time.perf_counter(), seconds

    def left(self) -> float:
        return self.seconds - (time.perf_counter() - self.t0)


def run_part(results: dict, name: str, budget: Budget, need_s: float, fn, *args):
    """results[name] = fn(*args), or {"failed": why} / {"skipped": why}; never raises."""
    import torch

    if budget.left() < need_s:
        results[name] = {"skipped": f"would pass the time budget ({budget.left():.0f} s left, needs ~{need_s:.0f} s)"}
        print(f"[{name}] skipped", flush=True)
        return
    t0 = time.perf_counter()
    try:
        results[name] = fn(*args)
    except Exception as e:  # an OOM or a bug in one part must not cost the others
        results[name] = {"failed": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}",
                         "trace": traceback.format_exc(limit=4)}
    finally:
        import gc

        gc.collect()  # FSDP's hooks keep a model alive until its cycles are collected
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
    results[name]["seconds"] = round(time.perf_counter() - t0, 1)
    print(f"[{name}] {json.dumps({k: v for k, v in results[name].items() if k != 'trace'})}", flush=True)


def sync(device):
    import torch

    if device.type == "cuda":
        torch.cuda.synchronize(device)


def build(shape: dict, device, dtype):
    """A Qwen2 causal LM from the config, initialised on `device` (HF's own initialisation)."""
    import torch
    from transformers import AutoModelForCausalLM, Qwen2Config

    config = Qwen2Config(**shape)
    with torch.device(device):
        model = AutoModelForCausalLM.from_config(config, dtype=dtype)
    return model.eval()


def n_flop_params(model) -> int:
    return sum(p.numel() for p in model.parameters()) - model.get_input_embeddings().weight.numel() * (
        0 if model.config.tie_word_embeddings else 1)


# ----------------------------------------------------------------------------- (a) training


def training_step(shape: dict, dist, seq: int, steps: int, checkpointing: bool, peak: float | None):
    import torch

    from drift import dist as D
    from drift.data import EncodedPair
    from drift.trainer import batch_plan, linear_schedule, reference_logps, train_step

    torch.cuda.reset_peak_memory_stats() if dist.device.type == "cuda" else None
    model = build(shape, dist.device, torch.float32)
    L, h = model.config.num_hidden_layers, model.config.hidden_size
    flop_params = n_flop_params(model)
    if checkpointing:
        enable = getattr(model, "activation_checkpointing_enable", None)
        enable() if enable else model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    D.shard(model, torch.bfloat16 if dist.device.type == "cuda" else torch.float32, None)
    g = torch.Generator().manual_seed(0)
    V = model.config.vocab_size
    pairs = [EncodedPair(*(torch.randint(3, V, (n,), generator=g).tolist() for n in (seq // 2, seq // 2, seq // 2)))
             for _ in range(2 * (steps + 1))]
    plan = batch_plan(len(pairs), 1, 2, 2, 1, seed=0)
    cfg = SimpleNamespace(beta=0.1, loss_type="sigmoid", label_smoothing=0.0, rpo_alpha=0.001, logps_chunk_size=1024,
                          signal_tau=0.25, max_grad_norm=1.0, max_length=seq, packing=True)
    ref = reference_logps(model, pairs, plan, dist, 0, 1024, pack_to=2 * seq)
    # one GPU holds the whole 7B state (fp32 weights, gradients, RMSprop's average: 92 GB); the
    # multi-tensor step would add a full-size temporary, where 8 ranks each hold an eighth
    optimizer = torch.optim.RMSprop(model.parameters(), lr=5e-7, foreach=not checkpointing)
    scheduler = linear_schedule(optimizer, len(plan), 0.0)
    model.train()
    train_step(model, optimizer, scheduler, pairs, ref, plan[0], cfg, dist, 0)  # warm-up: optimizer state, kernels
    sync(dist.device)
    t0 = time.perf_counter()
    for step in plan[1:]:
        metrics = train_step(model, optimizer, scheduler, pairs, ref, step, cfg, dist, 0)
    sync(dist.device)
    seconds = (time.perf_counter() - t0) / (len(plan) - 1)
    tokens = 2 * 2 * seq  # 2 pairs, chosen and rejected rows
    tokens_per_s = tokens / seconds
    flops_per_token = 6 * flop_params + 12 * L * h * seq
    out = {"params": sum(p.numel() for p in model.parameters()), "tokens_per_step": tokens, "step_s": round(seconds, 3),
           "tokens_per_s": round(tokens_per_s), "tflops": round(tokens_per_s * flops_per_token / 1e12, 1),
           "loss_finite": math.isfinite(metrics["loss"]), "activation_checkpointing": checkpointing}
    if peak:
        out["mfu"] = round(tokens_per_s * flops_per_token / peak, 3)
    if dist.device.type == "cuda":
        out["peak_mem_gib"] = round(torch.cuda.max_memory_allocated(dist.device) / 2**30, 1)
    del model, optimizer
    return out


# ----------------------------------------------------------------------------- (b) sampling


def copy_bandwidth(device, gib: float) -> float:
    """Bytes per second a device-to-device copy moves (read + write)."""
    import torch

    n = int(gib * 2**30) // 2
    x = torch.empty(n, dtype=torch.bfloat16, device=device)
    y = torch.empty_like(x)
    y.copy_(x)
    sync(device)
    t0 = time.perf_counter()
    for _ in range(5):
        y.copy_(x)
    sync(device)
    return 5 * 2 * x.numel() * 2 / (time.perf_counter() - t0)


def sampling(shape: dict, device, batches: list[int], new_tokens: int, prompt_range: tuple[int, int], bandwidth: float,
             compiled_too: bool = True):
    import torch

    from drift.sampler import SamplingConfig, generate_batch

    model = build(shape, device, torch.bfloat16 if device.type == "cuda" else torch.float32)
    cfg0 = model.config
    head_dim = cfg0.hidden_size // cfg0.num_attention_heads
    weight_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    out = {"weights_gib": round(weight_bytes / 2**30, 2)}
    g = torch.Generator().manual_seed(0)
    for B in batches:
        lengths = torch.randint(prompt_range[0], prompt_range[1] + 1, (B,), generator=g).tolist()
        prompts = [torch.randint(3, cfg0.vocab_size, (n,), generator=g).tolist() for n in lengths]
        row = {}
        for prefill, compiled in (("packed", False), ("padded", False)) + ((("padded", True),) if compiled_too else ()):
            cfg = SamplingConfig(temperature=0.7, top_p=0.9, max_new_tokens=new_tokens, batch_size=B, prefill=prefill,
                                 compile=compiled)
            with torch.no_grad():
                t0 = time.perf_counter()
                # kernels; compiled: the first shapes compile, the next ones once more with dynamic sizes
                for n, length, new in ((2, 16, 4), (3, 24, 8)):
                    generate_batch(model, [p[:length] for p in prompts[:n]], list(range(n)),
                                   SamplingConfig(max_new_tokens=new, compile=compiled), [], 0)
                sync(device)
                if compiled:
                    row.setdefault("compile_s", round(time.perf_counter() - t0, 1))
                t0 = time.perf_counter()
                rows = generate_batch(model, prompts, list(range(B)), cfg, [], 0)  # no stop token: all run to the end
                sync(device)
            key = "sampler_compiled_tok_s" if compiled else f"sampler_{prefill}_tok_s"
            row[key] = round(sum(len(r) for r in rows) / (time.perf_counter() - t0), 1)
        T = max(lengths)
        ids = torch.zeros((B, T), dtype=torch.long)
        mask = torch.zeros((B, T), dtype=torch.long)
        for r, p in enumerate(prompts):
            ids[r, T - len(p):], mask[r, T - len(p):] = torch.tensor(p), 1
        with torch.no_grad():
            sync(device)
            t0 = time.perf_counter()
            out_ids = model.generate(input_ids=ids.to(device), attention_mask=mask.to(device), do_sample=True,
                                     temperature=0.7, top_p=0.9, top_k=0, max_new_tokens=new_tokens,
                                     min_new_tokens=new_tokens, pad_token_id=0, eos_token_id=None)
            sync(device)
        row["generate_tok_s"] = round(B * (out_ids.shape[1] - T) / (time.perf_counter() - t0), 1)
        context = sum(lengths) / B + new_tokens / 2
        kv_bytes = 2 * cfg0.num_hidden_layers * cfg0.num_key_value_heads * head_dim * 2 * context * B
        row["roofline_tok_s"] = round(B * bandwidth / (weight_bytes + kv_bytes), 1)
        eager = max(row["sampler_packed_tok_s"], row["sampler_padded_tok_s"])
        row["best_prefill"] = "packed" if eager == row["sampler_packed_tok_s"] else "padded"
        if compiled_too:
            row["compiled_vs_eager"] = round(row["sampler_compiled_tok_s"] / eager, 2)
        best = max(eager, row.get("sampler_compiled_tok_s", 0))
        row["vs_generate"] = round(best / row["generate_tok_s"], 2)
        row["of_roofline"] = round(best / row["roofline_tok_s"], 3)
        out[f"batch{B}"] = row
    del model
    return out


# ----------------------------------------------------------------------------- (c) log-probs


def logps_bf16_vs_fp32(shape: dict, dist, seq: int):
    import copy

    import torch

    from drift import dist as D
    from drift.logprobs import sequence_logps

    model = build(shape, dist.device, torch.float32)
    low = D.shard(copy.deepcopy(model), torch.bfloat16, None)
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(3, model.config.vocab_size, (4, seq), generator=g).to(dist.device)
    mask = torch.ones_like(ids)
    response = torch.zeros_like(ids)
    response[:, seq // 2:] = 1
    with torch.no_grad():
        full = sequence_logps(model, ids, mask, response).logps
        half = sequence_logps(low, ids, mask, response).logps
    diff = (full - half).abs()
    return {"tokens_per_row": seq // 2, "max_abs_diff": round(diff.max().item(), 4),
            "max_rel_diff": round((diff / full.abs()).max().item(), 6), "fp32_logps": [round(x, 2) for x in full.tolist()]}


# ----------------------------------------------------------------------------- (d) train.py


def train_py_end_to_end(device_type: str):
    from drift.tiny import make_model, make_tokenizer, teach_to_stop

    with tempfile.TemporaryDirectory() as tmp:
        tok = make_tokenizer("chatml")
        model = teach_to_stop(make_model(tok), tok)
        model.save_pretrained(Path(tmp) / "tiny")
        tok.save_pretrained(Path(tmp) / "tiny")
        sample = REPO / "data" / "sample" / "filtered"
        out = Path(tmp) / "out"
        cmd = [sys.executable, str(REPO / "train.py"), "--model", str(Path(tmp) / "tiny"), "--out", str(out),
               "--warm-epochs", "1", "--iterations", "1", "--batch-size", "4", "--micro-batch-size", "2",
               "--max-new-tokens", "16", "--sample-batch-size", "8", "--lr", "1e-4",
               "--dsat-data", str(sample / "dsat.jsonl"), "--seed-data", str(sample / "seed.jsonl")]
        env = dict(os.environ, TQDM_DISABLE="1")
        for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"):
            env.pop(key, None)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            return {"failed": f"exit {proc.returncode}: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''}"}
        rows = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
        first = next(r for r in rows if r["type"] == "step")
        record = json.loads((out / "run.json").read_text())
        return {"exit": 0, "wall_s": round(time.perf_counter() - t0, 1), "device": device_type,
                "step0_loss_dpo": round(first["loss/dpo"], 6), "step0_is_ln2": abs(first["loss/dpo"] - math.log(2)) < 1e-6,
                "compute_dtype": record["compute_dtype"], "stages": [r["stage"] for r in rows if r["type"] == "stage"]}


# ----------------------------------------------------------------------------- (e) attention on packed batches


def attention_on_packed_batches(shape: dict, dist, seq: int, steps: int, quick: bool = False):
    """tokens/s of packed training steps per attention implementation, and the packing check."""
    import importlib.util

    import torch

    from drift import dist as D
    from drift.data import EncodedPair
    from drift.model import packing_problem
    from drift.tiny import make_tokenizer
    from drift.trainer import batch_plan, linear_schedule, reference_logps, train_step
    from transformers import AutoModelForCausalLM, Qwen2Config

    compute = torch.bfloat16 if dist.device.type == "cuda" else torch.float32
    implementations = ["sdpa", "eager"] + ([] if quick else ["flex_attention"])  # flex compiles: not in --quick
    if importlib.util.find_spec("flash_attn") is not None and dist.device.type == "cuda":
        implementations.append("flash_attention_2")
    tok = make_tokenizer("chatml", vocab_size=shape["vocab_size"] if shape["vocab_size"] <= 512 else 512)
    g = torch.Generator().manual_seed(0)
    V = shape["vocab_size"]
    # packed micro-batches of a WildChat-like mix: 4 pairs of uneven lengths per forward
    lengths = [(seq // 8, seq // 4), (seq // 4, seq // 2), (seq // 16, seq // 8), (seq // 8, seq // 8)]
    pairs = [EncodedPair(*(torch.randint(3, V, (n,), generator=g).tolist() for n in (p, r, r)))
             for _ in range(steps + 1) for p, r in lengths]
    plan = batch_plan(len(pairs), 1, 4, 4, 1, seed=0)
    cfg = SimpleNamespace(beta=0.1, loss_type="sigmoid", label_smoothing=0.0, rpo_alpha=0.001, logps_chunk_size=1024,
                          signal_tau=0.25, max_grad_norm=1.0, max_length=seq, packing=True)
    out = {}
    for impl in implementations:
        try:
            with torch.device(dist.device):
                model = AutoModelForCausalLM.from_config(Qwen2Config(**shape), dtype=torch.float32,
                                                         attn_implementation=impl)
            D.shard(model, compute, None)
            problem = packing_problem(model, tok, compute)
            D.reshard(model)
            ref = reference_logps(model, pairs, plan, dist, 0, 1024, pack_to=2 * seq)
            optimizer = torch.optim.RMSprop(model.parameters(), lr=5e-7)
            scheduler = linear_schedule(optimizer, len(plan), 0.0)
            model.train()
            train_step(model, optimizer, scheduler, pairs, ref, plan[0], cfg, dist, 0)
            sync(dist.device)
            t0, tokens = time.perf_counter(), 0
            for step in plan[1:]:
                metrics = train_step(model, optimizer, scheduler, pairs, ref, step, cfg, dist, 0)
                tokens += sum(len(pairs[i].prompt_ids) * 2 + len(pairs[i].chosen_ids) + len(pairs[i].rejected_ids)
                              for slot in step for i in slot)
            sync(dist.device)
            out[impl] = {"tokens_per_s": round(tokens / (time.perf_counter() - t0)), "packing_check": problem or "passed",
                         "loss_finite": math.isfinite(metrics["loss"])}
            del model, optimizer
        except Exception as e:  # an implementation this torch or model does not support
            out[impl] = {"failed": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"}
    return out


# ----------------------------------------------------------------------------- (f) accumulation memory


def accumulation_memory(shape: dict, dist, seq: int):
    """Peak memory of one training step of 1 and of 4 micro-batches (2 pairs each): with gradients
    reduce-scattered after every micro-batch, the 4 cost the activations of one and a gradient
    shard, not an unsharded gradient of the whole model."""
    import torch

    from drift import dist as D
    from drift.data import EncodedPair
    from drift.trainer import linear_schedule, reference_logps, train_step

    compute = torch.bfloat16 if dist.device.type == "cuda" else torch.float32
    out = {}
    for micro in (1, 4):
        model = D.shard(build(shape, dist.device, torch.float32), compute, None)
        g = torch.Generator().manual_seed(0)
        V = model.config.vocab_size
        pairs = [EncodedPair(*(torch.randint(3, V, (seq // 2,), generator=g).tolist() for _ in range(3)))
                 for _ in range(2 * micro * 2)]
        plan = [[[2 * j, 2 * j + 1] for j in range(micro)], [[2 * j, 2 * j + 1] for j in range(micro, 2 * micro)]]
        cfg = SimpleNamespace(beta=0.1, loss_type="sigmoid", label_smoothing=0.0, rpo_alpha=0.001,
                              logps_chunk_size=1024, signal_tau=0.25, max_grad_norm=1.0, max_length=seq, packing=False)
        ref = reference_logps(model, pairs, plan, dist, 0, 1024)
        optimizer = torch.optim.RMSprop(model.parameters(), lr=5e-7)
        scheduler = linear_schedule(optimizer, 2, 0.0)
        model.train()
        train_step(model, optimizer, scheduler, pairs, ref, plan[0], cfg, dist, 0)  # the optimizer's state
        sync(dist.device)
        if dist.device.type == "cuda":
            torch.cuda.reset_peak_memory_stats(dist.device)
            before = torch.cuda.memory_allocated(dist.device)
        train_step(model, optimizer, scheduler, pairs, ref, plan[1], cfg, dist, 0)
        sync(dist.device)
        if dist.device.type == "cuda":
            out[f"micro{micro}_peak_above_gib"] = round((torch.cuda.max_memory_allocated(dist.device) - before) / 2**30, 2)
        else:
            out[f"micro{micro}_peak_above_gib"] = None  # the CPU's figure is bench/bench_accumulation.py's
        del model, optimizer
        gc_collect(dist.device)
    if out["micro1_peak_above_gib"]:
        out["ratio_4_to_1"] = round(out["micro4_peak_above_gib"] / out["micro1_peak_above_gib"], 2)
    return out


def gc_collect(device):
    import gc

    import torch

    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()


# ----------------------------------------------------------------------------- report


def markdown(results: dict, header: str) -> str:
    lines = [header, ""]
    s = results["settings"]
    train = [[name[6:], r.get("tokens_per_s", "-"), r.get("tflops", "-"), r.get("mfu", "-"), r.get("peak_mem_gib", "-"),
              "yes" if r.get("activation_checkpointing") else "no"] if "failed" not in r and "skipped" not in r
             else [name[6:], r.get("failed") or r.get("skipped"), "", "", "", ""]
             for name, r in results.items() if name.startswith("train ")]
    if train:
        lines += [f"**(a) DPO training step**, sequence {s['seq']}, 2 pairs per forward, {s['compute']} compute, fp32 "
                  f"master weights, FSDP2, one device", "",
                  table(["model", "tokens/s", "TFLOP/s", "MFU", "peak GiB", "act. ckpt"], train), ""]
    sample_rows = []
    for name, r in results.items():
        if not name.startswith("sample "):
            continue
        if "failed" in r or "skipped" in r:
            sample_rows.append([name, r.get("failed") or r.get("skipped"), "", "", "", "", ""])
            continue
        for key, b in r.items():
            if key.startswith("batch"):
                sample_rows.append([f"{name[7:]} {key}", b["sampler_packed_tok_s"], b["sampler_padded_tok_s"],
                                    b.get("sampler_compiled_tok_s", "not in --quick"), b.get("compile_s", ""), b["generate_tok_s"],
                                    b["roofline_tok_s"], b["vs_generate"], b["of_roofline"]])
    if sample_rows:
        lines += [f"**(b) sampling**, {s['new_tokens']} new tokens, prompts of {s['prompts'][0]}-{s['prompts'][1]} "
                  f"tokens, output tokens/s; roofline at {results['copy_bandwidth_gb_s']} GB/s (measured copy)", "",
                  table(["model, batch", "sampler, packed prefill", "sampler, padded prefill", "sampler, compiled",
                         "compile s", "plain generate", "roofline", "best / generate", "best / roofline"], sample_rows), ""]
    c = results.get("logps bf16 vs fp32")
    if c:
        lines += [f"**(c) bf16 vs fp32 sequence log-probs** ({c.get('tokens_per_row', '?')} response tokens a row): "
                  + (c.get("failed") or c.get("skipped") or f"max |diff| {c['max_abs_diff']}, max relative {c['max_rel_diff']}"), ""]
    e = results.get("attention on packed batches")
    if e:
        rows = [[impl, r.get("tokens_per_s", r.get("failed", "")), r.get("packing_check", "")]
                for impl, r in e.items() if isinstance(r, dict)]
        lines += ["**(e) attention implementations on packed micro-batches** (training step, "
                  f"{s['compute']})", "", table(["attn_implementation", "tokens/s", "packing check"], rows), ""]
    f = results.get("accumulation memory")
    if f:
        measured = f.get("micro1_peak_above_gib") is not None
        lines += ["**(f) gradient accumulation**, peak memory of a step above the memory before it: " + (
            f.get("failed") or f.get("skipped") or (f"1 micro-batch {f['micro1_peak_above_gib']} GiB, 4 micro-batches "
                                                    f"{f['micro4_peak_above_gib']} GiB ({f.get('ratio_4_to_1', '-')}x)"
                                                    if measured else "ran; device memory is measured on CUDA only "
                                                    "(on CPU: python bench/bench_accumulation.py)")), ""]
    d = results.get("train.py end to end")
    if d:
        lines += ["**(d) train.py end to end** (tiny model, one rank): " + (d.get("failed") or d.get("skipped") or
                  f"exit 0 in {d['wall_s']} s, step-0 DPO loss {d['step0_loss_dpo']} (ln 2: {d['step0_is_ln2']}), "
                  f"compute dtype {d['compute_dtype']}, stages {', '.join(d['stages'])}"), ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default=None, help="cuda (default when there is one) or cpu")
    parser.add_argument("--quick", action="store_true", help="tiny shapes and few tokens: seconds")
    parser.add_argument("--out", default=str(REPO / "bench" / "results"), help="folder for gpu_check.json and .md")
    parser.add_argument("--budget", type=float, default=None, help="seconds (default 470, quick 120)")
    args = parser.parse_args()

    import torch

    from drift import dist as D

    if args.device == "cpu":
        os.environ["CUDA_VISIBLE_DEVICES"] = ""  # D.setup picks CUDA whenever it sees one
    dist = D.setup()
    device = dist.device
    budget = Budget(args.budget or (120 if args.quick else 470))
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    peak = next((v for k, v in PEAK_BF16.items() if k in name), None)
    shapes = TINY if args.quick else SHAPES
    seq, steps, new_tokens, batches, prompts = (128, 2, 16, [4, 8], (8, 32)) if args.quick else (2048, 3, 512, [16, 64], (128, 512))
    results = {"device": name, "peak_bf16_flops": peak, "torch": torch.__version__,
               "settings": {"seq": seq, "new_tokens": new_tokens, "prompts": list(prompts), "batches": batches,
                            "compute": "bf16" if device.type == "cuda" else "fp32"}}
    import transformers

    results["transformers"] = transformers.__version__
    bandwidth = copy_bandwidth(device, 0.0625 if args.quick else 4)
    results["copy_bandwidth_gb_s"] = round(bandwidth / 1e9, 1)
    for model_name, shape in shapes.items():
        run_part(results, f"train {model_name}", budget, 10 if args.quick else 45, training_step, shape, dist, seq, steps,
                 model_name == "Qwen2.5-7B", peak)
    sample_shapes = shapes if args.quick else {k: SHAPES[k] for k in ("Qwen2.5-0.5B", "Qwen2.5-7B")}
    for model_name, shape in sample_shapes.items():
        run_part(results, f"sample {model_name}", budget, 10 if args.quick else 120, sampling, shape, device, batches,
                 new_tokens, prompts, bandwidth, not args.quick)  # the suite tests the compiled path on its own
    first = next(iter(shapes.values()))
    run_part(results, "logps bf16 vs fp32", budget, 5 if args.quick else 20, logps_bf16_vs_fp32, first, dist,
             64 if args.quick else 1024)
    run_part(results, "attention on packed batches", budget, 5 if args.quick else 60, attention_on_packed_batches, first,
             dist, seq, steps, args.quick)
    run_part(results, "accumulation memory", budget, 5 if args.quick else 45, accumulation_memory,
             first if args.quick else SHAPES["Qwen2.5-1.5B"], dist, seq)
    run_part(results, "train.py end to end", budget, 20, train_py_end_to_end, device.type)
    D.teardown()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    header = f"`{command_line()}` on {machine()}"
    (out / "gpu_check.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "gpu_check.md").write_text(markdown(results, header) + "\n")
    print("\n" + markdown(results, header))
    failed = [k for k, v in results.items() if isinstance(v, dict) and "failed" in v]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    from drift.io import leave

    leave(main())
