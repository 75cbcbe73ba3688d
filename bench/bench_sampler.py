"""Sampler throughput vs plain `model.generate`, same model, prompts and settings.

    python bench/bench_sampler.py                      # embedded SmolLM2-135M-Instruct, 32 prompts, 48 new tokens
    python bench/bench_sampler.py --tiny               # a tiny random model: a 10-second smoke run
    python bench/bench_sampler.py --model PATH --max-new-tokens 256 --batch-size 16

Both sides draw one reply per prompt at temperature 0.7, top_p 0.9 (top-k off), up to
--max-new-tokens, and stop at the same end-of-turn tokens:
  plain    one `model.generate(do_sample=True)` per fixed batch of --batch-size prompts, in input
           order, left-padded;
  sampler  drift.sampler.sample with the same batch size (quality gate off, so it does the same
           work: one draw per prompt);
  compiled the same with --sampler-compile (a static KV cache and a compiled forward), after a
           warm-up pass over the same prompts that compiles it (for the first shapes, then for
           dynamic ones); that pass's time is printed apart (once per process).
tokens/s counts each reply's generated tokens up to and including its end-of-turn.

The prompts mimic real DSAT conversations, whose lengths vary a lot: each is a guided prompt for
a row of data/sample/filtered/dsat.jsonl with 0 to 12 earlier exchanges (other rows) as history,
shuffled with a fixed seed. Runs alternate plain / sampler --repeats times; the table gives the
median.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drift.prompts import build_prompt  # noqa: E402
from drift.sampler import SampleRequest, SamplingConfig, derive_seed, sample, stop_ids  # noqa: E402

_FALLBACK = [  # used when data/sample is missing
    {"prompt": [{"role": "user", "content": "What is the capital of Australia?"}],
     "rejected": [{"role": "assistant", "content": "The capital of Australia is Sydney."}],
     "user_preference": {"role": "user", "content": "That's wrong, it's Canberra."}},
    {"prompt": [{"role": "user", "content": "How do I reverse a list in Python?"}],
     "rejected": [{"role": "assistant", "content": "Use my_list.sort(reverse=True)."}],
     "user_preference": {"role": "user", "content": "No, that sorts it. I want the opposite order."}},
]


def bench_prompts(tokenizer, n: int, max_prompt_length: int, seed: int = 0) -> list[list[int]]:
    path = Path(__file__).resolve().parents[1] / "data/sample/filtered/dsat.jsonl"
    rows = [json.loads(line) for line in path.open()] if path.exists() else _FALLBACK
    rng = random.Random(seed)
    prompts = []
    for i in range(n):
        row = rows[i % len(rows)]
        history = []
        for j in rng.sample(range(len(rows)), k=min(len(rows), rng.choice([0, 0, 1, 2, 4, 8, 12]))):
            history += rows[j]["prompt"][-1:] + rows[j]["rejected"]  # an earlier exchange: user, assistant
        prompt = history + row["prompt"]
        p = build_prompt(tokenizer, prompt, row["rejected"][0]["content"], row["user_preference"]["content"],
                         max_prompt_length=max_prompt_length)
        prompts.append(p.ids)
    rng.shuffle(prompts)
    return prompts


def reply_length(row: list[int], eos: set[int]) -> int:
    return next((t + 1 for t, tok in enumerate(row) if tok in eos), len(row))


def run_plain(model, prompts, eos_ids, pad_id, batch_size, max_new_tokens) -> int:
    n_tokens = 0
    for start in range(0, len(prompts), batch_size):
        batch = prompts[start: start + batch_size]
        T = max(len(p) for p in batch)
        input_ids = torch.tensor([[pad_id] * (T - len(p)) + p for p in batch])  # (B, T) left-padded
        attention_mask = torch.tensor([[0] * (T - len(p)) + [1] * len(p) for p in batch])  # (B, T)
        with torch.no_grad():
            out = model.generate(input_ids=input_ids, attention_mask=attention_mask, do_sample=True,
                                 temperature=0.7, top_p=0.9, top_k=0, max_new_tokens=max_new_tokens,
                                 eos_token_id=eos_ids, pad_token_id=pad_id)  # (B, T + new)
        n_tokens += sum(reply_length(row, set(eos_ids)) for row in out[:, T:].tolist())
    return n_tokens


def run_sampler(model, tokenizer, prompts, batch_size, max_new_tokens, compile: bool = False) -> int:
    cfg = SamplingConfig(max_new_tokens=max_new_tokens, batch_size=batch_size, quality_gate=False, compile=compile)
    requests = [SampleRequest(p, derive_seed(cfg.seed, 0, i)) for i, p in enumerate(prompts)]
    samples, _ = sample(model, tokenizer, requests, cfg)
    return sum(s.n_tokens for s in samples)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=None, help="HF causal LM folder (default: the embedded SmolLM2-135M-Instruct)")
    ap.add_argument("--tiny", action="store_true", help="a tiny random model instead (smoke run)")
    ap.add_argument("--prompts", type=int, default=32)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-new-tokens", type=int, default=48)
    ap.add_argument("--max-prompt-length", type=int, default=1024)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0 = torch's default)")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    if args.tiny:
        from drift.tiny import make_model, make_tokenizer, teach_to_stop

        tokenizer = make_tokenizer("chatml")
        model, name = teach_to_stop(make_model(tokenizer, hidden_size=128, num_layers=4), tokenizer), "tiny qwen2"
    else:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        from drift.embedded import resolve_model

        path = resolve_model(args.model)
        tokenizer = AutoTokenizer.from_pretrained(path)
        dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
        model, name = AutoModelForCausalLM.from_pretrained(path, dtype=dtype), Path(path).name
    model = model.to(device).eval()

    prompts = bench_prompts(tokenizer, args.prompts, args.max_prompt_length)
    eos_ids = stop_ids(model, tokenizer)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else eos_ids[0]
    run_plain(model, prompts[:2], eos_ids, pad_id, 2, 2)  # warm-up
    t0 = time.perf_counter()
    run_sampler(model, tokenizer, prompts, args.batch_size, args.max_new_tokens, compile=True)  # compiles
    compile_s = time.perf_counter() - t0
    print(f"the compiled sampler's first pass (compiling): {compile_s:.1f} s", flush=True)

    rates = {"plain generate": [], "sampler": [], "sampler, compiled": []}
    tokens = {method: [] for method in rates}
    for _ in range(args.repeats):
        for method in rates:
            t0 = time.perf_counter()
            if method.startswith("sampler"):
                n = run_sampler(model, tokenizer, prompts, args.batch_size, args.max_new_tokens,
                                compile=method.endswith("compiled"))
            else:
                n = run_plain(model, prompts, eos_ids, pad_id, args.batch_size, args.max_new_tokens)
            if device.type == "cuda":
                torch.cuda.synchronize()
            dt = time.perf_counter() - t0
            rates[method].append(n / dt)
            tokens[method].append(n)
            print(f"{method:15s} {n:6d} tokens {dt:7.1f} s {n / dt:8.1f} tok/s", flush=True)

    lengths = sorted(len(p) for p in prompts)
    where = torch.cuda.get_device_name() if device.type == "cuda" else f"cpu, {torch.get_num_threads()} threads"
    plain, ours = statistics.median(rates["plain generate"]), statistics.median(rates["sampler"])
    compiled = statistics.median(rates["sampler, compiled"])
    print()
    print(f"model {name}; {len(prompts)} prompts of {lengths[0]}-{lengths[-1]} tokens (median {lengths[len(lengths) // 2]});"
          f" batch {args.batch_size}; max_new_tokens {args.max_new_tokens}; temperature 0.7, top_p 0.9")
    print("| method | output tokens/s | ratio |")
    print("|---|---|---|")
    print(f"| plain generate, fixed batches | {plain:.1f} | 1.00 |")
    print(f"| drift.sampler | {ours:.1f} | {ours / plain:.2f} |")
    print(f"| drift.sampler, --sampler-compile (first pass {compile_s:.0f} s) | {compiled:.1f} | {compiled / plain:.2f} |")
    print(f"device: {where}; torch {torch.__version__}; date {datetime.date.today()}; "
          f"median of {args.repeats}; command: python {' '.join([os.path.relpath(sys.argv[0])] + sys.argv[1:])}")


if __name__ == "__main__":
    main()
