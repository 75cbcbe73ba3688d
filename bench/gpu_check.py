"""One command for a GPU node: the project's GPU path on one GPU, correctness first, in at most 8 minutes.

    python bench/gpu_check.py                        # one H100 / H200
    python bench/gpu_check.py --device cpu --quick   # the same code on tiny shapes, under a minute (the suite runs it)
    python bench/gpu_check.py --only decode          # one part again (names below), e.g. after a fix

No downloads: models are built from configs with Qwen2.5-7B-Instruct's shapes (random weights,
the head scaled so that logits have a trained model's spread, std LOGIT_STD, where bf16's rounding
is what it is in real use). The parts, in order; each has a cap, the results are written after
every part, and a part that would pass its cap or the budget is skipped and says so:

correctness
  train.py       train.py end to end on a tiny model on this device: exit 0, ln 2 at each stage's
                 first step (to LN2_TOLERANCE), the compute dtype the run recorded
  packing        packed against padded log-probs in bf16 at 2048-token rows, for each attention
                 kernel (sdpa, eager, flex_attention; flash_attention_2 where installed), 2 layers of
                 the 7B's shapes: the largest difference per token, and the start-up packing check
  compiled       the sampler with --sampler-compile against eager, same prompts and seeds, greedy
                 and sampled: rows whose tokens are the same, where each row first differs, times
  bf16           bf16 against fp32 sequence log-probs at 2048-token rows (the head accumulated in fp32)
memory
  phases         drift.memory's prediction against max_memory_allocated for each phase (training
                 step without and with checkpointing, reference pass, sampling, export): 4 layers
                 of the 7B's shapes, FSDP2 on one rank, micro-batches of 2 pairs of 2048 tokens
  sampler        sampling through the FSDP2 path with the automatic batch and 2048-token prompts,
                 two passes with a reshard between: the batch chosen, the peak against the device
  accumulation   a step of 4 micro-batches, gradients reduce-scattered after each (train_step)
                 against the sync held to the last micro-batch: peak memory above the step's start
speed
  mfu            the 7B's DPO step (4 pairs x 2 rows x 2048 tokens, checkpointing) on one GPU:
                 tokens/s and MFU = tokens/s x (6 N + 12 L h s) / peak bf16 FLOP/s
  decode         the sampler on the 7B (bf16) at its automatic batch against plain generate and
                 the decode roofline (batch x bandwidth / bytes read a step), with its prefill timed
                 alone to read the decode steps apart
  decode-compiled  the --sampler-compile sampler at decode's batch and shapes: its first pass
                 (compiling) and its second against the eager sampler's

Writes OUT/gpu_check.json and OUT/gpu_check.md (--out, default bench/results); with --only,
OUT/gpu_check_<parts>.json and .md beside them. Runs on torch >= 2.11
and transformers >= 5.17 as they are.
"""

from __future__ import annotations

import argparse
import gc
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

QWEN7B = json.loads((REPO / "presets" / "configs" / "Qwen2.5-7B-Instruct.json").read_text())
TINY = dict(QWEN7B, hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
            num_key_value_heads=2, vocab_size=512, bos_token_id=None, eos_token_id=None)
PEAK_BF16 = {"H100": 989e12, "H200": 989e12, "H800": 989e12, "A100": 312e12}  # dense, SXM
LOGIT_STD = 4.0
PARTS = ("train.py", "packing", "compiled", "bf16", "phases", "sampler", "accumulation", "mfu", "decode",
         "decode-compiled")
# |first step's DPO loss - ln 2|: 0 in fp32 on CPU; on an H200 7.6e-7 (bf16) and 1.5e-6 (fp32),
# a margin of 1e-6 to 3e-6 nats between policy and reference over responses of ~440 nats
LN2_TOLERANCE = 1e-5


class Check:
    """The budget, the results, and writing them after every part."""

    def __init__(self, out: Path, budget: float, header: str, only: set[str] | None = None):
        self.t0, self.budget, self.out, self.header, self.only = time.perf_counter(), budget, out, header, only
        # a run of some parts writes beside the full run's table, not over it
        self.name = "gpu_check" if only is None else "gpu_check_" + "_".join(p for p in PARTS if p in only)
        self.results: dict = {}

    def wants(self, key: str) -> bool:
        return self.only is None or key in self.only

    def left(self) -> float:
        return self.budget - (time.perf_counter() - self.t0)

    def part(self, key: str, name: str, cap: float, fn, *args):
        """results[name] = fn(*args), or {"failed": why} / {"skipped": why}; never raises. A part
        whose cap exceeds the time left is skipped; one not named by --only is not run at all."""
        import torch

        if not self.wants(key):
            return
        if self.left() < cap:
            self.results[name] = {"skipped": f"needs up to {cap:.0f} s, {self.left():.0f} s left"}
        else:
            t0 = time.perf_counter()
            try:
                self.results[name] = fn(*args)
            except Exception as e:  # an OOM or a bug in one part must not cost the others
                self.results[name] = {"failed": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}",
                                      "trace": traceback.format_exc(limit=6)}
            self.results[name]["seconds"] = round(time.perf_counter() - t0, 1)
        gc.collect()  # FSDP's hooks keep a model alive until its reference cycles are collected
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
        print(f"[{name}] {json.dumps({k: v for k, v in self.results[name].items() if k != 'trace'})}", flush=True)
        self.write()

    def write(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        (self.out / f"{self.name}.json").write_text(json.dumps(self.results, indent=2) + "\n")
        (self.out / f"{self.name}.md").write_text(markdown(self.results, self.header) + "\n")


def sync(device):
    import torch

    if device.type == "cuda":
        torch.cuda.synchronize(device)


def build(shape: dict, device, dtype, layers: int | None = None, attn: str | None = None):
    """A Qwen2 causal LM from the shape (optionally fewer layers), on `device`, its head scaled so
    that logits have std LOGIT_STD on random inputs."""
    import torch
    from transformers import AutoModelForCausalLM, Qwen2Config

    values = {k: v for k, v in shape.items() if k not in ("architectures", "model_type", "torch_dtype")}
    if layers:
        values["num_hidden_layers"] = layers
    with torch.device(device):
        model = AutoModelForCausalLM.from_config(Qwen2Config(**values), dtype=dtype,
                                                 **({"attn_implementation": attn} if attn else {}))
    with torch.no_grad():
        ids = torch.randint(0, values["vocab_size"], (1, 64), device=device)
        std = model(input_ids=ids).logits.float().std().item()
        model.get_output_embeddings().weight.mul_(LOGIT_STD / max(std, 1e-6))
    model.config.use_cache = False
    return model.eval()


def random_pairs(vocab: int, n: int, prompt: int, response: int, seed: int = 0):
    import torch

    from drift.data import EncodedPair

    g = torch.Generator().manual_seed(seed)
    return [EncodedPair(*(torch.randint(3, vocab, (k,), generator=g).tolist() for k in (prompt, response, response)))
            for _ in range(n)]


# ----------------------------------------------------------------------------- correctness


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
               "--max-new-tokens", "16", "--lr", "1e-4", "--warmup-ratio", "0",
               "--dsat-data", str(sample / "dsat.jsonl"), "--seed-data", str(sample / "seed.jsonl")]
        env = dict(os.environ, TQDM_DISABLE="1", PYTHONPATH=str(REPO))
        for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"):
            env.pop(key, None)
        if device_type == "cpu":
            env["CUDA_VISIBLE_DEVICES"] = ""
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            return {"failed": f"exit {proc.returncode}: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''}"}
        rows = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
        firsts = {}
        for r in rows:
            if r["type"] == "step":
                firsts.setdefault(r["stage"], r["loss/dpo"])
        record = json.loads((out / "run.json").read_text())
        off = max(abs(v - math.log(2)) for v in firsts.values())
        return {"exit": 0, "wall_s": round(time.perf_counter() - t0, 1),
                # the reference pass and the policy's first forward round alike but, on a GPU, not
                # bit for bit (different batch shapes pick different kernels): ln 2 to LN2_TOLERANCE
                "first_step_is_ln2": off < LN2_TOLERANCE, "first_step_off_ln2": float(f"{off:.2e}"),
                "compute_dtype": record["compute_dtype"], "sampler": record.get("decided", {}).get("sampler"),
                "stages": [r["stage"] for r in rows if r["type"] == "stage"]}


def packed_vs_padded(shape: dict, device, seq: int, layers: int, quick: bool):
    """Per attention kernel: the largest |packed - padded| log-prob per token over 4 pairs of
    uneven lengths up to `seq` tokens a row, bf16 compute (fp32 on CPU), and the packing check."""
    import importlib.util

    import torch

    from drift.data import collate, collate_packed
    from drift.logprobs import concatenated_logps
    from drift.model import packing_problem
    from drift.tiny import make_tokenizer

    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    kernels = ["sdpa", "eager"] + ([] if quick else ["flex_attention"])
    if importlib.util.find_spec("flash_attn") is not None and device.type == "cuda":
        kernels.append("flash_attention_2")
    tok = make_tokenizer("chatml")
    pairs = [random_pairs(shape["vocab_size"], 1, p, r, seed=i)[0]
             for i, (p, r) in enumerate([(seq // 4, seq // 2), (seq // 8, seq // 4), (seq // 2, seq // 2), (16, seq // 8)])]
    out = {}
    for kernel in kernels:
        try:
            model = build(shape, device, dtype, layers=layers, attn=kernel)
            results = []
            with torch.no_grad():
                for batch in (collate(pairs, 0), collate_packed(pairs, 0, 2 * seq)):
                    batch = {k: v.to(device) for k, v in batch.items()}
                    chosen, rejected = concatenated_logps(model, batch, 1024, n_pairs=len(pairs))
                    results.append((torch.cat([chosen.logps, rejected.logps]), torch.cat([chosen.n_tokens, rejected.n_tokens])))
            (padded, n), (packed, _) = results
            per_token = ((packed - padded).abs() / n.clamp(min=1)).max().item()
            problem = packing_problem(model, tok, dtype)
            out[kernel] = {"max_diff_per_token": round(per_token, 5), "packing_check": problem or "passed"}
            del model
        except Exception as e:  # a kernel this torch or device does not have
            out[kernel] = {"failed": f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"}
        gc.collect()
    return out


def compiled_vs_eager(shape: dict, device, layers: int, batch: int, new_tokens: int):
    """The same rows decoded eager and compiled, greedy and sampled, compared as token ids (the
    model's whole vocabulary: a text comparison through a small tokenizer would merge distinct
    ids): rows alike, where each row first differs, whether a second compiled pass repeats the
    first, and each pass's time (the first compiled one includes compiling)."""
    import torch

    from drift.generation import generate_batch
    from drift.sampler import SamplingConfig

    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    model = build(shape, device, dtype, layers=layers)
    model.generation_config.eos_token_id = None
    g = torch.Generator().manual_seed(0)
    prompts = [torch.randint(3, shape["vocab_size"], (int(n),), generator=g).tolist()
               for n in torch.randint(16, 128, (batch,), generator=g)]
    out = {"rows": batch}
    for temperature in (0.0, 0.7):  # greedy, then sampled
        runs = {}
        for name, compiled in (("eager", False), ("compiled", True), ("compiled again", True)):
            cfg = SamplingConfig(temperature=temperature, max_new_tokens=new_tokens, batch_size=batch,
                                 quality_gate=False, compile=compiled, top_k=20, repetition_penalty=1.05)
            sync(device)
            t0 = time.perf_counter()
            with torch.no_grad():
                runs[name] = generate_batch(model, prompts, list(range(batch)), cfg, eos_ids=[], pad_id=0)
            sync(device)
            out[f"{'greedy' if temperature == 0 else 'sampled'} {name} s"] = round(time.perf_counter() - t0, 2)
        eager, compiled = runs["eager"], runs["compiled"]
        kind = "greedy" if temperature == 0 else "sampled"
        out[f"{kind} same_rows"] = sum(a == b for a, b in zip(eager, compiled))
        # where each row's compiled tokens first leave the eager ones (new_tokens: never)
        out[f"{kind} first_difference"] = sorted(next((i for i, (a, b) in enumerate(zip(x, y)) if a != b), len(x))
                                                 for x, y in zip(eager, compiled))
        out[f"{kind} compiled_repeats"] = runs["compiled again"] == compiled
    return out


def bf16_vs_fp32(shape: dict, device, seq: int, layers: int):
    import copy

    import torch

    from drift.logprobs import sequence_logps

    model = build(shape, device, torch.float32, layers=layers)
    low = copy.deepcopy(model).to(torch.bfloat16)
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(3, shape["vocab_size"], (4, seq), generator=g).to(device)
    mask, response = torch.ones_like(ids), torch.zeros_like(ids)
    response[:, seq // 2:] = 1
    with torch.no_grad():
        full = sequence_logps(model, ids, mask, response).logps
        half = sequence_logps(low, ids, mask, response).logps
    diff = (full - half).abs()
    return {"response_tokens": seq // 2, "logit_std": LOGIT_STD, "max_abs_diff": round(diff.max().item(), 4),
            "max_diff_per_token": round(diff.max().item() / (seq // 2), 5)}


# ----------------------------------------------------------------------------- memory


def phases(shape: dict, device, seq: int, layers: int):
    """bench_memory's measurement (train_step, reference pass, sampler, export, FSDP2 on one rank)
    at these shapes on this device: predicted / measured for each phase."""
    from bench.bench_memory import measure

    result = measure(dict(shape, num_hidden_layers=layers), seq, 2,
                     "bfloat16" if device.type == "cuda" else "float32", device.type)
    return {phase: {"measured_gib": round(v["measured"] / 2**30, 2), "predicted_gib": round(v["predicted"] / 2**30, 2),
                    "ratio": round(v["predicted"] / v["measured"], 3)} for phase, v in result.items()}


def automatic_sampler(shape: dict, device, layers: int, prompt: int, new_tokens: int, n: int):
    """Two sampling passes through the FSDP2 path (weights gathered, then resharded between them)
    with the batch decided as train.py decides it: the batch, the device's peak, and the budget."""
    import torch

    from drift import dist as D
    from drift.sampler import SampleRequest, SamplingConfig, decide_batch, sample
    from drift.tiny import make_tokenizer

    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    model = D.shard(build(shape, device, torch.float32, layers=layers), dtype, None)
    model.generation_config.eos_token_id = None
    tok = make_tokenizer("chatml")
    g = torch.Generator().manual_seed(1)
    requests = [SampleRequest(torch.randint(3, 500, (prompt,), generator=g).tolist(), i) for i in range(n)]
    cfg = SamplingConfig(max_new_tokens=new_tokens, quality_gate=False,
                         memory_gb=0 if device.type == "cuda" else 0.05)
    batch, chunk = decide_batch(model, cfg, prompt)
    cfg = SamplingConfig(max_new_tokens=new_tokens, quality_gate=False, batch_size=batch, prefill_tokens=chunk)
    out = {"batch": batch, "prefill_tokens": chunk, "prompts": n, "prompt_tokens": prompt}
    for k in (1, 2):
        if device.type == "cuda":
            torch.cuda.reset_peak_memory_stats(device)
        t0 = time.perf_counter()
        samples, _ = sample(model, tok, requests, cfg)
        sync(device)
        tokens = sum(s.n_tokens for s in samples)
        out[f"pass{k}_tok_s"] = round(tokens / (time.perf_counter() - t0), 1)
        if device.type == "cuda":
            out[f"pass{k}_peak_gib"] = round(torch.cuda.max_memory_allocated(device) / 2**30, 2)
        D.reshard(model)
    if device.type == "cuda":
        out["device_gib"] = round(torch.cuda.get_device_properties(device).total_memory / 2**30, 1)
    return out


def accumulation(shape: dict, device, seq: int, layers: int):
    """Peak memory above a step's start, 4 micro-batches of 2 pairs: reduce-scattered after each
    (train_step) against the sync held until the last (FSDP2's set_requires_gradient_sync, as
    bench/bench_accumulation.py holds it)."""
    import torch

    from drift import dist as D
    from drift.trainer import linear_schedule, reference_logps, train_step

    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    dist = D.Dist(0, 1, 0, device)
    cfg = SimpleNamespace(beta=0.1, loss_type="sigmoid", label_smoothing=0.0, rpo_alpha=0.001, logps_chunk_size=1024,
                          signal_tau=0.25, max_grad_norm=1.0, max_length=seq, packing=False)
    pairs = random_pairs(shape["vocab_size"], 16, seq // 2, seq // 2)
    plan = [[[2 * j, 2 * j + 1] for j in range(4)], [[2 * j, 2 * j + 1] for j in range(4, 8)]]
    out, backward = {}, torch.Tensor.backward
    for mode in ("each micro-batch", "last micro-batch"):
        model = D.shard(build(shape, device, torch.float32, layers=layers), dtype, None)
        ref = reference_logps(model, pairs, plan, dist, 0, 1024)
        optimizer = torch.optim.RMSprop(model.parameters(), lr=5e-7)
        scheduler = linear_schedule(optimizer, 2, 0.0)
        model.train()
        train_step(model, optimizer, scheduler, pairs, ref, plan[0], cfg, dist, 0)  # RMSprop's state
        if mode == "last micro-batch":
            count = {"j": 0}

            def synced_last(self, *a, **k):
                model.set_requires_gradient_sync(count["j"] % 4 == 3)
                count["j"] += 1
                return backward(self, *a, **k)

            torch.Tensor.backward = synced_last
        sync(device)
        if device.type == "cuda":
            torch.cuda.reset_peak_memory_stats(device)
            before = torch.cuda.memory_allocated(device)
        try:
            train_step(model, optimizer, scheduler, pairs, ref, plan[1], cfg, dist, 0)
        finally:
            torch.Tensor.backward = backward
        sync(device)
        if device.type == "cuda":
            out[mode + " (GiB)"] = round((torch.cuda.max_memory_allocated(device) - before) / 2**30, 2)
        model = optimizer = None
        gc.collect()
    if device.type != "cuda":
        out["note"] = "device memory is measured on CUDA only (on CPU: python bench/bench_accumulation.py)"
    return out


# ----------------------------------------------------------------------------- speed


def mfu(shape: dict, device, seq: int, steps: int, peak: float | None):
    import torch

    from drift import dist as D
    from drift.trainer import batch_plan, linear_schedule, reference_logps, train_step

    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    dist = D.Dist(0, 1, 0, device)
    model = build(shape, device, torch.float32)
    L, h = model.config.num_hidden_layers, model.config.hidden_size
    N = sum(p.numel() for p in model.parameters()) - model.get_input_embeddings().weight.numel() * (
        0 if model.config.tie_word_embeddings else 1)
    model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    D.shard(model, dtype, None)
    pairs = random_pairs(shape["vocab_size"], 4 * (steps + 1), seq // 2, seq // 2)
    plan = batch_plan(len(pairs), 1, 4, 4, 1, seed=0)
    cfg = SimpleNamespace(beta=0.1, loss_type="sigmoid", label_smoothing=0.0, rpo_alpha=0.001, logps_chunk_size=1024,
                          signal_tau=0.25, max_grad_norm=1.0, max_length=seq, packing=True)
    ref = reference_logps(model, pairs, plan, dist, 0, 1024, pack_to=2 * seq)
    # one GPU holds the whole fp32 state (weights, gradients, RMSprop's average: 91 GB at 7B); the
    # multi-tensor step would add a temporary of that size, where 8 ranks each hold an eighth
    optimizer = torch.optim.RMSprop(model.parameters(), lr=5e-7, foreach=device.type != "cuda")
    scheduler = linear_schedule(optimizer, len(plan), 0.0)
    model.train()
    train_step(model, optimizer, scheduler, pairs, ref, plan[0], cfg, dist, 0, 2 * seq)
    sync(device)
    t0 = time.perf_counter()
    for step in plan[1:]:
        metrics = train_step(model, optimizer, scheduler, pairs, ref, step, cfg, dist, 0, 2 * seq)
    sync(device)
    seconds = (time.perf_counter() - t0) / (len(plan) - 1)
    tokens = 4 * 2 * seq
    flops = tokens / seconds * (6 * N + 12 * L * h * seq)
    out = {"params": N, "tokens_per_step": tokens, "step_s": round(seconds, 3), "tokens_per_s": round(tokens / seconds),
           "tflops": round(flops / 1e12, 1), "loss_finite": math.isfinite(metrics["loss"])}
    if peak:
        out["mfu"] = round(flops / peak, 3)
    if device.type == "cuda":
        out["peak_gib"] = round(torch.cuda.max_memory_allocated(device) / 2**30, 1)
    return out


def copy_bandwidth(device, gib: float) -> float:
    """Bytes per second a device-to-device copy moves (read + write)."""
    import torch

    x = torch.empty(int(gib * 2**30) // 2, dtype=torch.bfloat16, device=device)
    y = torch.empty_like(x)
    y.copy_(x)
    sync(device)
    t0 = time.perf_counter()
    for _ in range(5):
        y.copy_(x)
    sync(device)
    return 5 * 2 * x.numel() * 2 / (time.perf_counter() - t0)


def decode_setup(shape: dict, device, prompt: int, new_tokens: int, most: int):
    """The 7B in bf16 (fp32 on CPU), the sampler's automatic batch (at most `most` rows) of random
    prompts, and its settings: temperature 0.7, top-p 0.9, no stop token (every row runs to the end)."""
    import torch

    from drift.sampler import SamplingConfig, plan_batch

    model = build(shape, device, torch.bfloat16 if device.type == "cuda" else torch.float32)
    model.config.use_cache = True
    batch, chunk = plan_batch(model, SamplingConfig(max_new_tokens=new_tokens), prompt,
                              budget=None if device.type == "cuda" else 2**27)
    batch = min(batch, most)
    g = torch.Generator().manual_seed(0)
    prompts = [torch.randint(3, 500, (prompt,), generator=g).tolist() for _ in range(batch)]
    cfg = SamplingConfig(temperature=0.7, top_p=0.9, max_new_tokens=new_tokens, batch_size=batch, prefill_tokens=chunk)
    return model, prompts, cfg


def timed_sampling(model, prompts, cfg, device) -> tuple[float, int]:
    """generate_batch's seconds and tokens."""
    from drift.sampler import generate_batch

    sync(device)
    t0 = time.perf_counter()
    rows = generate_batch(model, prompts, list(range(len(prompts))), cfg, [], 0)
    sync(device)
    return time.perf_counter() - t0, sum(map(len, rows))


def prefill_alone(model, prompts, new_tokens: int, chunk: int, device) -> None:
    """The sampler's prefill of these prompts as generate_batch runs it on `device` (padded rows on a
    GPU, each row alone on CPU; without cuDNN's attention on CUDA), the cache dropped."""
    from drift.generation import _attention_kernels, prefill

    with _attention_kernels(device, compiled=False):
        prefill(model, prompts, 0, new_tokens, chunk, padded=device.type == "cuda")


def decode(shape: dict, device, prompt: int, new_tokens: int, bandwidth: float, most: int):
    """The sampler's tokens a second at its automatic batch (prefill included), its second pass at
    these shapes; its prefill alone, so its decode steps alone; plain generate's; against the roofline
    of a decode step."""
    import torch

    model, prompts, cfg = decode_setup(shape, device, prompt, new_tokens, most)
    batch = len(prompts)
    with torch.no_grad():
        timed_sampling(model, prompts, cfg, device)  # a first pass at these shapes: kernels, allocator
        seconds, tokens = timed_sampling(model, prompts, cfg, device)
        # the sampler's prefill alone, as generate_batch runs it (warm, as the pass above), so that the decode
        # steps can be read apart
        prefill_s = float("inf")
        for _ in range(3):  # the fastest of three: a pause on a loaded host only ever adds
            t0 = time.perf_counter()
            prefill_alone(model, prompts, new_tokens, cfg.prefill_tokens, device)
            sync(device)
            prefill_s = min(prefill_s, time.perf_counter() - t0)
        ids = torch.tensor(prompts, device=device)
        t0 = time.perf_counter()
        out = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), do_sample=True, temperature=0.7,
                             top_p=0.9, top_k=0, max_new_tokens=new_tokens, min_new_tokens=new_tokens,
                             pad_token_id=0, eos_token_id=None)
        sync(device)
        plain = batch * (out.shape[1] - prompt) / (time.perf_counter() - t0)
    c = model.config
    weight_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    kv_bytes = 2 * c.num_hidden_layers * c.num_key_value_heads * (c.hidden_size // c.num_attention_heads) * 2 \
        * (prompt + new_tokens / 2) * batch
    roofline = batch * bandwidth / (weight_bytes + kv_bytes)
    if seconds <= prefill_s:
        raise RuntimeError(f"the prefill alone ({prefill_s:.2f} s) took as long as the whole pass ({seconds:.2f} s)")
    ours, decode_tok_s = tokens / seconds, tokens / (seconds - prefill_s)
    return {"batch": batch, "prompt_tokens": prompt, "new_tokens": new_tokens, "sampler_tok_s": round(ours, 1),
            "generate_tok_s": round(plain, 1), "roofline_tok_s": round(roofline, 1),
            "vs_generate": round(ours / plain, 2), "of_roofline": round(ours / roofline, 3),
            "prefill_s": round(prefill_s, 2), "decode_s": round(seconds - prefill_s, 2),
            "decode_tok_s": round(decode_tok_s, 1), "decode_of_roofline": round(decode_tok_s / roofline, 3)}


def decode_compiled(shape: dict, device, prompt: int, new_tokens: int, most: int):
    """decode's batch with --sampler-compile: the first pass (compiling), the second timed, and the
    eager sampler's pass at the same shapes for the ratio."""
    import dataclasses

    import torch

    model, prompts, cfg = decode_setup(shape, device, prompt, new_tokens, most)
    with torch.no_grad():
        timed_sampling(model, prompts, cfg, device)  # a first pass at these shapes: kernels, allocator
        eager_s, eager_tokens = timed_sampling(model, prompts, cfg, device)
        cfg = dataclasses.replace(cfg, compile=True)
        first_s, _ = timed_sampling(model, prompts, cfg, device)
        seconds, tokens = timed_sampling(model, prompts, cfg, device)
    return {"batch": len(prompts), "first_pass_s": round(first_s, 1), "compiled_tok_s": round(tokens / seconds, 1),
            "eager_tok_s": round(eager_tokens / eager_s, 1), "vs_eager": round(tokens / seconds / (eager_tokens / eager_s), 2)}


# ----------------------------------------------------------------------------- report


def markdown(results: dict, header: str) -> str:
    lines = [header, ""]
    settings = results.get("settings", {})
    if settings:
        lines += [f"settings: {json.dumps(settings)}", ""]
    for name, r in results.items():
        if not isinstance(r, dict) or name == "settings":
            continue
        if "failed" in r or "skipped" in r:
            lines.append(f"- **{name}**: {r.get('failed') or r.get('skipped')}")
            continue
        rows = [[k, json.dumps(v) if isinstance(v, (dict, list)) else v] for k, v in r.items() if k != "trace"]
        lines += [f"**{name}**", "", table(["measure", "value"], rows), ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default=None, help="cuda (default when there is one) or cpu")
    parser.add_argument("--quick", action="store_true", help="tiny shapes and few tokens: under a minute on CPU")
    parser.add_argument("--out", default=str(REPO / "bench" / "results"), help="folder for gpu_check.json and .md")
    parser.add_argument("--budget", type=float, default=None, help="seconds (default 450, quick 90)")
    parser.add_argument("--only", default=None, metavar="PART[,PART]",
                        help=f"run only these parts: {', '.join(PARTS)} (default all)")
    args = parser.parse_args()
    only = None if args.only is None else {p.strip() for p in args.only.split(",")}
    if only is not None and (not only or only - set(PARTS)):
        parser.error(f"--only: parts are {', '.join(PARTS)}; got {args.only!r}")

    import torch

    from drift import dist as D

    if args.device == "cpu":
        os.environ["CUDA_VISIBLE_DEVICES"] = ""  # D.setup picks CUDA whenever it sees one
    dist = D.setup()
    device = dist.device
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    peak = next((v for k, v in PEAK_BF16.items() if k in name), None)
    shape = TINY if args.quick else QWEN7B
    seq, new_tokens = (128, 16) if args.quick else (2048, 128)
    check = Check(Path(args.out), args.budget or (90 if args.quick else 450), f"`{command_line()}` on {machine()}", only)
    check.results["device"], check.results["peak_bf16_flops"] = name, peak
    check.results["versions"] = {"torch": torch.__version__, "transformers": __import__("transformers").__version__}
    check.results["settings"] = {"shape": "tiny" if args.quick else "Qwen2.5-7B", "seq": seq, "new_tokens": new_tokens,
                                 "logit_std": LOGIT_STD}
    q = args.quick
    # correctness first
    check.part("train.py", "train.py end to end", 90 if not q else 30, train_py_end_to_end, device.type)
    check.part("packing", "packed vs padded log-probs", 100 if not q else 10, packed_vs_padded, shape, device, seq, 2, q)
    check.part("compiled", "compiled vs eager tokens", 120 if not q else 40, compiled_vs_eager, shape, device, 2,
               8 if q else 16, new_tokens)
    check.part("bf16", "bf16 vs fp32 log-probs", 30 if not q else 5, bf16_vs_fp32, shape, device, seq, 2)
    # memory
    check.part("phases", "memory model vs measured", 60 if not q else 15, phases, shape, device, seq, 4)
    check.part("sampler", "automatic sampler batch", 60 if not q else 10, automatic_sampler, shape, device, 4, seq,
               new_tokens, 8 if q else 64)
    check.part("accumulation", "accumulation memory", 45 if not q else 10, accumulation, shape, device, seq, 4)
    # speed
    check.part("mfu", "7B DPO step MFU", 70 if not q else 10, mfu, shape, device, seq, 2 if q else 3, peak)
    if check.wants("decode"):
        bandwidth = copy_bandwidth(device, 0.0625 if q else 4)
        check.results["copy_bandwidth_gb_s"] = round(bandwidth / 1e9, 1)
        check.part("decode", "sampler vs roofline", 60 if not q else 10, decode, shape, device, seq // 4, new_tokens,
                   bandwidth, 8 if q else 128)
    # the longest part last: compiling the 7B; on CPU the tiny model's compiling is most of a minute
    check.part("decode-compiled", "compiled sampler vs eager", 200 if not q else 15, decode_compiled, shape, device,
               seq // 4, new_tokens, 8 if q else 128)
    check.write()
    print("\n" + markdown(check.results, check.header))
    failed = [k for k, v in check.results.items() if isinstance(v, dict) and "failed" in v]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    D.teardown()
    return 1 if failed else 0


if __name__ == "__main__":
    from drift.io import leave

    leave(main())
