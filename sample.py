"""Sample from a saved checkpoint (any Hugging Face causal LM folder) for a file of prompts.

  --pairs drift            DSAT rows {prompt, rejected, user_preference} (JSONL) -> DRIFT pairs
                           {prompt, chosen = a fresh sample, rejected = the DSAT reply, provenance} (JSONL)
  --export alpaca_eval     AlpacaEval 2's 805 instructions (JSON list of {instruction, dataset, ...})
                           -> its model_outputs JSON: [{instruction, output, generator, dataset}]
  --export wildbench       WildBench v2 tasks (JSON or JSONL of {session_id, conversation_input, ...})
                           -> its output JSON: [{session_id, chat_history, model_input, output: [str],
                              generator, configs, ...}]

One process (CPU or one GPU); --model defaults to the embedded SmolLM2-135M-Instruct:
    python sample.py --input data/sample/filtered/dsat.jsonl --out out/pairs.jsonl --pairs drift --iteration 1
    python sample.py --model out/iter2 --input alpaca_eval.json --out out/alpaca_eval.json --export alpaca_eval
    python sample.py --model out/iter2 --input wildbench.jsonl --out out/wildbench.json --export wildbench \\
        --max-new-tokens 4096 --max-prompt-length 4096
Eight GPUs (each rank loads the model and samples its share; rank 0 writes the file):
    torchrun --nproc_per_node 8 sample.py --model out/iter2 --input ... --out ... --export alpaca_eval

Prompts, seeds and the quality gate are drift/sampler.py's (its docstring says how they work).
Evaluation exports use the unguided prompt (the conversation) and keep every sample: redrawing
the replies that fail a check would flatter the model. A row's seed is derive_seed(--seed,
--iteration, row index), so the output does not depend on --batch-size, on the number of ranks,
or on where an interrupted run stopped.

Resuming. Inputs are sampled in chunks, longest prompts first. After each chunk rank 0 appends
one line {"indices", "rows", "counts"} to OUT.partial.jsonl and fsyncs it; a run killed mid-write
leaves at most a torn last line, which the next run drops. Re-running the same command skips
the indices already done and finally writes OUT atomically and deletes the partial file. The
partial file's first line records the settings; a re-run with other settings refuses to mix them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import torch
import torch.distributed as dist
from tqdm.auto import tqdm
from transformers import AutoModelForCausalLM, AutoTokenizer

from drift import dist as D
from drift.data import SkipPair, check_messages, load_dsat
from drift.embedded import resolve_model
from drift.io import DataError, read_jsonl, write_json, write_jsonl
from drift.pairs import build_pairs, dsat_row
from drift.sampler import SampleRequest, SamplingConfig, build_prompt, derive_seed, sample


# ----------------------------------------------------------------------------- inputs and outputs


def read_rows(path: str) -> list[dict]:
    """A JSON list, or JSON lines."""
    text = Path(path).read_text(encoding="utf-8") if Path(path).exists() else None
    if text is None:
        raise DataError(path, None, None, "file not found")
    if text.lstrip().startswith("["):
        rows = json.loads(text)
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                raise DataError(path, None, f"[{i}]", "expected a JSON object")
        return rows
    return [row for _, row in read_jsonl(path)]


def conversation(row: dict, mode: str, path: str, index: int) -> list[dict]:
    """The messages a row's prompt is made of (for size ordering and the export prompts)."""
    if mode == "alpaca_eval":
        if not isinstance(row.get("instruction"), str):
            raise DataError(path, None, f"[{index}].instruction", "expected a string")
        return [{"role": "user", "content": row["instruction"]}]
    if mode == "wildbench":
        msgs = check_messages(row.get("conversation_input"), path, index, "conversation_input")
        if msgs[-1]["role"] != "user" or "session_id" not in row:
            raise DataError(path, index, "conversation_input", "a task needs a session_id and ends with a user turn")
        return msgs
    return row.get("prompt") or []


def export_row(mode: str, row: dict, prompt_text: str, output: str, generator: str, cfg: SamplingConfig) -> dict:
    if mode == "alpaca_eval":
        out = {"instruction": row["instruction"], "output": output, "generator": generator}
        return out | ({"dataset": row["dataset"]} if "dataset" in row else {})
    configs = {"engine": "hf", "repetition_penalty": 1.0, "temperature": cfg.temperature, "top_p": cfg.top_p,
               "top_k": cfg.top_k, "max_tokens": cfg.max_new_tokens, "seed": cfg.seed}
    out = {
        "session_id": row["session_id"],
        "chat_history": [m["content"] for m in row["conversation_input"]],
        "model_input": prompt_text,
        "output": [output],
        "generator": generator,
        "configs": configs,
    }
    return out | {k: row[k] for k in ("primary_tag",) if k in row}


def sample_chunk(model, tokenizer, rows: list[dict], indices: list[int], mode: str, cfg: SamplingConfig, args,
                 rank: int, world_size: int) -> tuple[list[list], Counter, int]:
    """Sample rows[i] for i in indices; returns [[index, output row or None], ...], the counts, and
    the number of tokens in the samples kept (for the tokens/s shown)."""
    chunk = [rows[i] for i in indices]
    desc = f"chunk of {len(indices)}"
    if mode == "drift":  # the same pairs, seeds and provenance as train.py's iteration --iteration
        pairs, counts = build_pairs(
            model, tokenizer, [dsat_row(r) for r in chunk], "drift", cfg.prompt_style != "unguided", cfg,
            iteration=args.iteration, paper_prompt=cfg.prompt_style == "paper", rank=rank, world_size=world_size,
            provenance={"model": args.generator}, indices=indices, desc=desc,
        )
        by_index = {p["index"]: p for p in pairs}
        return [[i, by_index.get(i)] for i in indices], counts, sum(p["chosen_sample"]["n_tokens"] for p in pairs)
    counts, prompts = Counter(), {}
    for i, row in zip(indices, chunk):
        try:
            prompts[i] = build_prompt(tokenizer, conversation(row, mode, args.input, i), None, None, "unguided",
                                      cfg.max_prompt_length)
        except SkipPair as e:  # an evaluation row is never left out: it gets an empty output
            counts[e.reason] += 1
    requests = [SampleRequest(p.ids, derive_seed(cfg.seed, args.iteration, i), None, p.style) for i, p in prompts.items()]
    samples, sample_counts = sample(model, tokenizer, requests, cfg, rank=rank, world_size=world_size, desc=desc)
    counts.update(sample_counts)
    texts = {i: s.text for i, s in zip(prompts, samples)}
    results = [[i, export_row(mode, row, prompts[i].text if i in prompts else "", texts.get(i, ""), args.generator, cfg)]
               for i, row in zip(indices, chunk)]
    return results, counts, sum(s.n_tokens for s in samples)


# ----------------------------------------------------------------------------- resumable output


def read_partial(path: Path, header: dict) -> tuple[dict[int, dict | None], Counter]:
    """Finished chunks of an interrupted run: {index: row or None} and their counts. The file is
    rewritten without a torn last line so that appending can go on."""
    if not path.exists():
        return {}, Counter()
    lines = path.read_text(encoding="utf-8").splitlines()
    good, done, counts = [], {}, Counter()
    for n, line in enumerate(lines):
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            if n == len(lines) - 1:
                break  # torn by the interruption: that chunk is sampled again
            raise DataError(path, n + 1, None, "corrupt line in the partial file; delete it to start over") from None
        if n == 0:
            if entry.get("header") != header:
                raise SystemExit(f"{path} was written with other settings:\n  {entry.get('header')}\n"
                                 f"now:\n  {header}\ndelete it to start over")
        else:
            done.update((i, row) for i, row in entry["rows"])
            counts.update(entry["counts"])
        good.append(line)
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in good))
    return done, counts


def append_line(path: Path, entry: dict) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())


# ----------------------------------------------------------------------------- main


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default=None, help="HF causal LM folder or hub id (default: the embedded SmolLM2-135M-Instruct)")
    p.add_argument("--input", required=True, help="JSONL / JSON list of input rows")
    p.add_argument("--out", required=True, help="output file (JSONL for pairs, JSON for exports)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--pairs", choices=["drift"], help="write DRIFT pairs (default)")
    what.add_argument("--export", choices=["alpaca_eval", "wildbench"], help="write an evaluation output file")
    p.add_argument("--iteration", type=int, default=0, help="DRIFT iteration k: recorded, and part of every seed")
    p.add_argument("--generator", default=None, help="name recorded as generator/model (default: the model folder's name)")
    d = SamplingConfig()
    p.add_argument("--temperature", type=float, default=d.temperature, help="0 = greedy")
    p.add_argument("--top-p", type=float, default=d.top_p)
    p.add_argument("--top-k", type=int, default=d.top_k, help="0 = off")
    p.add_argument("--max-new-tokens", type=int, default=d.max_new_tokens)
    p.add_argument("--batch-size", type=int, default=d.batch_size, help="prompts per generate call, per rank")
    p.add_argument("--max-retries", type=int, default=d.max_retries, help="re-draws of a sample failing the quality gate")
    p.add_argument("--no-quality-gate", action="store_true", help="keep every DRIFT sample, as the authors did")
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--prompt-style", choices=["guided", "unguided", "paper"], default=d.prompt_style,
                   help="DRIFT pairs only; exports always use the unguided (conversation) prompt")
    p.add_argument("--max-prompt-length", type=int, default=d.max_prompt_length)
    p.add_argument("--chunk-size", type=int, default=0, help="prompts between two partial-file writes (default 8 batches per rank)")
    p.add_argument("--limit", type=int, default=0, help="only the first N input rows (0 = all)")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    d = D.setup()
    try:
        run(args, d)
    finally:
        D.teardown()
    return 0


def run(args, d: D.Dist) -> None:
    mode = args.export or "drift"
    model_path = resolve_model(args.model)
    args.generator = args.generator or Path(model_path.rstrip("/")).name
    cfg = SamplingConfig(
        temperature=args.temperature, top_p=args.top_p, top_k=args.top_k, max_new_tokens=args.max_new_tokens,
        batch_size=args.batch_size, max_retries=args.max_retries, seed=args.seed,
        quality_gate=mode == "drift" and not args.no_quality_gate,
        prompt_style=args.prompt_style if mode == "drift" else "unguided", max_prompt_length=args.max_prompt_length,
    )
    rows = (load_dsat(args.input) if mode == "drift" else read_rows(args.input))[: args.limit or None]
    out, partial = Path(args.out), Path(args.out + ".partial.jsonl")
    header = {"mode": mode, "model": model_path, "input": os.path.abspath(args.input), "rows": len(rows),
              "iteration": args.iteration, "generator": args.generator, "sampling": cfg.settings(), "seed": cfg.seed}

    done, counts = read_partial(partial, header) if d.is_main else ({}, Counter())
    if d.world_size > 1:  # every rank needs the same to-do list
        box = [sorted(done)]
        dist.broadcast_object_list(box, src=0)
        done = done or dict.fromkeys(box[0])
    if d.is_main and not partial.exists():
        partial.parent.mkdir(parents=True, exist_ok=True)
        append_line(partial, {"header": header})

    tokenizer = AutoTokenizer.from_pretrained(model_path)
    dtype = torch.bfloat16 if d.device.type == "cuda" else torch.float32  # bf16 matmuls are ~100x slower on CPU
    model = AutoModelForCausalLM.from_pretrained(model_path, dtype=dtype).to(d.device).eval()

    # longest conversations first (characters as a cheap proxy), so each chunk's batches are of similar length
    size = lambda i: sum(len(m.get("content", "")) for m in conversation(rows[i], mode, args.input, i))  # noqa: E731
    todo = sorted((i for i in range(len(rows)) if i not in done), key=lambda i: -size(i))
    chunk_size = args.chunk_size or 8 * cfg.batch_size * d.world_size
    bar = tqdm(total=len(rows), initial=len(done), desc=f"{mode} -> {out.name}", unit="prompt", disable=not d.is_main)
    n_tokens, t0 = 0, time.perf_counter()
    for start in range(0, len(todo), chunk_size):
        indices = todo[start: start + chunk_size]
        results, chunk_counts, chunk_tokens = sample_chunk(model, tokenizer, rows, indices, mode, cfg, args, d.rank,
                                                           d.world_size)
        if d.is_main:
            append_line(partial, {"rows": results, "counts": chunk_counts})
            done.update((i, row) for i, row in results)
        counts.update(chunk_counts)
        n_tokens += chunk_tokens
        bar.update(len(indices))
        bar.set_postfix(tok_s=f"{n_tokens / (time.perf_counter() - t0):.1f}")
    bar.close()

    if d.is_main:
        ordered = [done[i] for i in range(len(rows)) if done.get(i) is not None]
        if mode == "drift":
            write_jsonl(out, ordered)
        else:
            write_json(out, ordered)
        partial.unlink()
        print(f"wrote {len(ordered)} rows to {out}; " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
        if mode != "drift" and counts["prompt_too_long"]:
            print(f"warning: {counts['prompt_too_long']} prompts did not fit --max-prompt-length and got an empty output")


if __name__ == "__main__":
    sys.exit(main())
