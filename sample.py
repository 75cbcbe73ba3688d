"""Sample from any checkpoint (a Hugging Face causal LM folder) for a file of prompts.

  --pairs drift (default)  DSAT rows {"prompt", "rejected", "user_preference"} -> the DRIFT pairs train.py samples in --iteration
  --samples                rows with a "prompt" -> {"index", "prompt", "samples": [{"text", "seed", ...}], "generator", "sampling"}
  --export alpaca_eval     AlpacaEval 2's [{"instruction"}] -> [{instruction, output, generator}]
  --export wildbench       WildBench v2's [{"session_id", "conversation_input"}] -> [{session_id, chat_history, output, ...}]
  --judge                  several --model folders on held-out DSAT rows, as train.py's --eval-data: OUT/eval/, metrics.jsonl, best.json

    python sample.py --model out/demo/iter2 --input data/sample/filtered/test/dsat.jsonl --out out/iter2.samples.jsonl --samples --n-samples 16
    torchrun --nproc_per_node 8 sample.py --model out/iter2 --input alpaca_eval.json --out out/alpaca_eval.json --export alpaca_eval
    python sample.py --model Qwen/Qwen2.5-7B-Instruct --input x.jsonl --out y.jsonl --plan   # the batch and memory, nothing run

The sampling flags are train.py's. Sample j of row i has seed derive_seed(--seed, --iteration, i[, j]),
so the output depends neither on batching nor on ranks. Exports and --samples reply to the
conversation alone and keep every sample (a quality gate would flatter the model). A killed run,
re-run with the same command, continues from OUT.partial.jsonl (one fsynced line per chunk).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import time
from collections import Counter
from pathlib import Path

import torch
import torch.distributed as dist
from tqdm.auto import tqdm

from drift import dist as D
from drift.data import SkipPair, check_messages, check_prompt, load_dsat, reply_text
from drift.config import MAX_STAGES, add_flags, add_plan_flags, check_evaluation, settle
from drift.evaluate import Scorers, best_stage, eval_config, generate, measures
from drift.report import best_line, stage_table
from drift.reward import check_scorer
from drift.io import (ArgumentParser, DataError, UsageError, check_text, cli, leave, number, out_folder_problem,
                      read_jsonl, read_text, write_json, write_jsonl)
from drift.pairs import build_pairs
from drift.run import model_identity
from drift.prompts import INSTRUCTION, build_prompt
from drift.plan import model_config, reply_length_problem, sample_plan, this_job
from drift.sampler import SampleRequest, SamplingConfig, decide_batch, derive_seed, sample
from drift.model import load_model, open_model


# ----------------------------------------------------------------------------- inputs and outputs


def read_rows(path: str) -> tuple[list[dict], list[tuple]]:
    """A JSON list, or JSON lines: the rows and where each is, (line, None) in a JSONL file or
    (None, element) in a JSON list, for errors that name the file and the line or element."""
    text = read_text(path)
    if not text.lstrip().startswith("["):
        found = list(read_jsonl(path))
        return [row for _, row in found], [(line, None) for line, _ in found]
    try:
        rows = json.loads(text)
    except json.JSONDecodeError as e:
        raise DataError(path, e.lineno, None, f"not valid JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise DataError(path, None, None, "nested too deeply to read") from None
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise DataError(path, None, f"[{i}]", "expected a JSON object")
    return rows, [(None, i) for i in range(len(rows))]


def conversation(row: dict, mode: str, path: str, place: tuple = (None, None)) -> list[dict]:
    """The messages a row's prompt is made of (checked: DataError names the file, the row's line
    or element, and the field)."""
    if mode == "drift":  # a Row: load_dsat checked it
        return row.x
    line, element = place
    at = lambda field: f"[{element}].{field}" if element is not None else field  # noqa: E731
    if mode == "alpaca_eval":
        if not isinstance(row.get("instruction"), str):
            raise DataError(path, line, at("instruction"), "expected a string")
        return [{"role": "user", "content": row["instruction"]}]
    if mode == "wildbench":
        msgs = check_messages(row.get("conversation_input"), path, line, at("conversation_input"))
        if msgs[-1]["role"] != "user" or "session_id" not in row:
            raise DataError(path, line, at("conversation_input"), "a task needs a session_id and ends with a user turn")
        return msgs
    if "prompt" not in row:
        raise DataError(path, line, at("prompt"), "missing")
    return check_prompt(row["prompt"], path, line, at("prompt"))


def generator_name(model_path: str) -> str:
    """A name that tells checkpoints apart: RUN-STAGE-RUNID for a stage folder of a train.py run
    (its parent holds run.json), else the folder's name and a fingerprint of its files."""
    folder = Path(model_path.rstrip("/"))
    if folder.is_dir() and (run_id := drift_run_id(folder.parent / "run.json")):
        return f"{folder.parent.name}-{folder.name}-{run_id}"
    if folder.is_dir():
        return f"{folder.name}-{model_identity(str(folder))['fingerprint'][:8]}"
    return model_path  # a hub id names itself


def drift_run_id(record: Path) -> str | None:
    """The run_id of a train.py run record; None for anything else (none, or another tool's run.json)."""
    try:
        value = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    run_id = value.get("run_id") if isinstance(value, dict) else None
    return run_id if isinstance(run_id, str) and len(run_id) == 12 and run_id.isalnum() else None


def export_row(mode: str, row: dict, index: int, prompt_text: str, samples: list, generator: str,
               cfg: SamplingConfig, args) -> dict:
    """The output row of one input row, from its samples (None where the prompt did not fit)."""
    texts = [s.text if s else "" for s in samples]
    if mode == "alpaca_eval":
        out = {"instruction": row["instruction"], "output": texts[0], "generator": generator}
        return out | ({"dataset": row["dataset"]} if "dataset" in row else {})
    if mode == "samples":
        return {"index": index, "prompt": row["prompt"], "prompt_text": prompt_text, "generator": generator,
                "samples": [{"text": s.text, "seed": s.seed, "n_tokens": s.n_tokens, "cut": s.cut} for s in samples if s],
                "sampling": sampling_record(cfg, args)}
    configs = {"engine": "hf", "repetition_penalty": cfg.repetition_penalty, "temperature": cfg.temperature,
               "top_p": cfg.top_p, "top_k": cfg.top_k, "max_tokens": cfg.max_new_tokens, "seed": cfg.seed}
    out = {
        "session_id": row["session_id"],
        "chat_history": [m["content"] for m in row["conversation_input"]],
        "model_input": prompt_text,
        "output": texts,
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
            model, tokenizer, chunk, "drift", args.guidance == "guided", cfg, iteration=args.iteration,
            layout=args.prompt_style, rank=rank, world_size=world_size, provenance={"model": args.generator},
            indices=indices, desc=desc,
        )
        by_index = {p["index"]: p for p in pairs}
        return [[i, by_index.get(i)] for i in indices], counts, sum(p["chosen_sample"]["n_tokens"] for p in pairs)
    counts, prompts = Counter(), {}
    for i, row in zip(indices, chunk):
        try:
            # a guided prompt needs the DSAT reply and the complaint; a row without them gets the conversation
            complaint = (row.get("user_preference") or {}).get("content") if args.guidance == "guided" else None
            rejected = reply_text(row["rejected"], args.input, None, "rejected") if complaint and "rejected" in row else None
            prompts[i] = build_prompt(tokenizer, conversation(row, mode, args.input), rejected, complaint,
                                      args.prompt_style, cfg.max_prompt_length)
        except SkipPair as e:  # an evaluation row is never left out: it gets an empty output
            counts[e.reason] += 1
    seeds = lambda i, j: derive_seed(cfg.seed, args.iteration, i) if j == 0 else derive_seed(cfg.seed, args.iteration, i, j)  # noqa: E731
    requests = [SampleRequest(p.ids, seeds(i, j), None, p.style) for i, p in prompts.items() for j in range(args.n_samples)]
    samples, sample_counts = sample(model, tokenizer, requests, cfg, rank=rank, world_size=world_size, desc=desc)
    counts.update(sample_counts)
    by_row = {i: samples[k * args.n_samples: (k + 1) * args.n_samples] for k, i in enumerate(prompts)}
    results = [[i, export_row(mode, row, i, prompts[i].text if i in prompts else "",
                              by_row.get(i, [None] * args.n_samples), args.generator, cfg, args)]
               for i, row in zip(indices, chunk)]
    return results, counts, sum(s.n_tokens for s in samples if s)


# ----------------------------------------------------------------------------- resumable output


def sampling_record(cfg: SamplingConfig, args) -> dict:
    """What decides a sample besides the model, the row and the seed, as recorded in a partial
    file's header and beside each sample: an --instruction other than the paper's included."""
    return cfg.settings() | {"guidance": args.guidance, "prompt_style": args.prompt_style} \
        | ({"instruction": cfg.instruction} if cfg.instruction != INSTRUCTION else {})


def read_partial(path: Path, header: dict) -> tuple[dict[int, dict | None], Counter, list | None]:
    """Finished chunks of an interrupted run: {index: row or None}, their counts, and the sampler's
    batch it decided. The file is rewritten without a torn last line so that appending can go on."""
    if not path.exists():
        return {}, Counter(), None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise DataError(path, None, None, "not a partial file sample.py wrote (not UTF-8); delete it to start over") from None
    good, done, counts, decided = [], {}, Counter(), None
    for n, line in enumerate(lines):
        try:
            entry = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            if n == len(lines) - 1:
                break  # torn by the interruption: that chunk is sampled again
            raise DataError(path, n + 1, None, "corrupt line in the partial file; delete it to start over") from None
        if not _partial_line(entry, first=n == 0):
            raise DataError(path, n + 1, None, "not a line of a partial file sample.py wrote; delete the file to "
                                               "start over")
        check_text(path, n + 1, entry)
        if n == 0:
            decided = entry["header"].pop("decided", None)
            if entry.get("header") != header:
                changed = sorted(k for k in set(header) | set(entry.get("header", {}))
                                 if entry.get("header", {}).get(k) != header.get(k))
                raise DataError(path, 1, "header", f"written by a run with other settings ({', '.join(changed)}); "
                                                   "rerun with its settings, or delete the file to start over")
        else:
            done.update((i, row) for i, row in entry["rows"])
            counts.update(entry["counts"])
        good.append(line)
    if not good:  # only a header torn by the interruption: start the file afresh (its header is written again)
        path.unlink()
        return {}, Counter(), None
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in good))
    return done, counts, decided


def _partial_line(entry, first: bool) -> bool:
    """Whether a partial file's line has the shape sample.py writes: {"header": {...}} first, then
    {"rows": [[index, row or null], ...], "counts": {reason: n}}."""
    if not isinstance(entry, dict):
        return False
    if first:
        return set(entry) == {"header"} and isinstance(entry["header"], dict)
    rows, counts = entry.get("rows"), entry.get("counts")
    return (set(entry) == {"rows", "counts"} and isinstance(rows, list) and isinstance(counts, dict)
            and all(isinstance(r, list) and len(r) == 2 and type(r[0]) is int and r[0] >= 0
                    and (r[1] is None or isinstance(r[1], dict)) for r in rows)
            and all(type(v) is int for v in counts.values()))


def append_line(path: Path, entry: dict) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())


# ----------------------------------------------------------------------------- main


class _Help(argparse.RawDescriptionHelpFormatter):
    """--help: the module docstring as written (every flag's help states its default)."""


EVAL_FLAGS = ("eval_samples", "judge_model", "judge_rubric", "eval_reward_model", "select_by")
SAMPLING_FLAGS = ("temperature", "top_p", "top_k", "repetition_penalty", "max_new_tokens", "cut_samples", "max_retries",
                  "seed", "sample_batch_size", "sample_max_prompt_length", "sampler_compile", "prompt_style", "guidance",
                  "sample_memory_gb", "sample_prefill_tokens", "instruction")


def parse_args(argv=None):
    p = ArgumentParser(description=__doc__, formatter_class=_Help)
    p.add_argument("--model", default=None, nargs="+", help="HF causal LM folder or hub id (none: the embedded "
                   "SmolLM2-135M-Instruct); with --judge, several: the first is the baseline")
    p.add_argument("--input", help="JSONL / JSON list of input rows (schemas above); required but with --plan")
    p.add_argument("--out", help="output file (JSONL for pairs and samples, JSON for exports); required but with --plan")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--pairs", choices=["drift"], help="write DRIFT pairs (the default mode)")
    what.add_argument("--samples", action="store_true", help="write --n-samples samples of each prompt")
    what.add_argument("--export", choices=["alpaca_eval", "wildbench"], help="write an evaluation output file")
    what.add_argument("--judge", action="store_true", help="evaluate each --model on held-out DSAT rows as train.py's "
                      "--eval-data does, into the folder --out (eval/, metrics.jsonl, best.json)")
    p.add_argument("--n-samples", type=number(int, 1, 1024), default=1, help="samples per prompt (--samples, --export wildbench) (default 1)")
    p.add_argument("--iteration", type=number(int, 0, MAX_STAGES - 1), default=0, help="DRIFT iteration k: recorded, and part of every seed (default 0)")
    p.add_argument("--generator", default=None, help="name recorded as generator/model (none: one that identifies "
                                                     "the checkpoint, RUN-STAGE-RUNID for a train.py stage folder)")
    # the sampling flags are train.py's (drift/config.py): the same names, defaults, help and ranges
    add_flags(p, SAMPLING_FLAGS + EVAL_FLAGS)
    p.add_argument("--no-quality-gate", action="store_true", help="keep every DRIFT sample, as the authors did")
    p.add_argument("--chunk-size", type=number(int, 0, 10**7), default=0, help="prompts between two partial-file writes (default 0: 8 batches per rank)")
    p.add_argument("--limit", type=number(int, 0, 10**12), default=0, help="only the first N input rows (default 0 = all)")
    add_plan_flags(p)
    args = p.parse_args(argv)
    if args.plan:  # the sampler's memory for --model and the sampling flags; nothing else is read
        settle(args, SAMPLING_FLAGS, p.error)
        args.model = args.model or [None]
        return args
    if args.input is None or args.out is None:
        p.error("the following arguments are required: " + ", ".join(
            f for f, v in (("--input", args.input), ("--out", args.out)) if v is None))
    mode = "judge" if args.judge else args.export or ("samples" if args.samples else "drift")
    if not args.out.strip():
        p.error("--out: must name a file (a folder with --judge)")
    if mode == "judge" and (problem := out_folder_problem(args.out)):
        p.error(f"--out {args.out}: {problem}")
    if mode == "judge":
        ignored = [flag for flag, unset in (("--n-samples", args.n_samples == 1), ("--iteration", args.iteration == 0),
                                            ("--generator", args.generator is None), ("--guidance", args.guidance is None),
                                            ("--prompt-style", args.prompt_style is None), ("--instruction", args.instruction is None),
                                            ("--no-quality-gate", not args.no_quality_gate), ("--chunk-size", args.chunk_size == 0))
                   if not unset]
        if ignored:
            p.error(f"{', '.join(ignored)} do not apply to --judge (it replies to the conversation alone; "
                    "--eval-samples sets the replies per row)")
        settle(args, SAMPLING_FLAGS + EVAL_FLAGS, p.error)
        args.eval_data = args.input
        check_evaluation(args, p.error)
        if os.path.isfile(args.out):
            p.error(f"--out {args.out} is a file; with --judge it names a folder")
        return args
    if any(getattr(args, f) is not None for f in EVAL_FLAGS):
        p.error("--eval-samples, --judge-model, --judge-rubric, --eval-reward-model and --select-by go with --judge")
    if args.model and len(args.model) > 1:
        p.error("several --model folders go with --judge")
    args.model = args.model[0] if args.model else None
    if mode not in ("drift", "samples") and args.guidance == "guided":
        p.error("--guidance guided is for --pairs drift and --samples; an export replies to the conversation alone")
    args.guidance = args.guidance or ("guided" if mode == "drift" else "unguided")
    if args.instruction is not None and args.guidance != "guided":
        p.error("--instruction ends guided prompts; this run samples from the conversation alone")
    settle(args, SAMPLING_FLAGS, p.error)
    if args.n_samples > 1 and not (args.samples or args.export == "wildbench"):
        p.error("--n-samples > 1 needs --samples or --export wildbench")
    if os.path.isdir(args.out):
        p.error(f"--out {args.out} is a folder; it names the output file")
    return args


def main(argv=None) -> int:
    """The exit status: 0; 1 with one line on stderr for bad input; 130 interrupted."""
    return cli(lambda: run(argv), resume_hint="run the same command again: it continues where it stopped")


def run(argv=None) -> None:
    args = parse_args(argv)
    if args.plan:  # the config only: nothing is loaded, nothing written
        if int(os.environ.get("RANK", "0")) == 0:
            print(sample_plan(args, this_job(args.plan_nodes, args.plan_gpus, args.plan_gpu_gb)))
        return
    d = D.setup()  # under torchrun every error after this is said once, by rank 0
    if args.judge:
        judge_models(args, d)
    else:
        sample_file(args, d)


def judge_models(args, d: D.Dist) -> None:
    """--judge: each --model evaluated as train.py evaluates a stage (drift/evaluate.py: the same
    seeds, replies, scorers and numbers), the first as the baseline, labelled "base"; a stage folder
    of a train.py run is labelled by its stage (warm, iter1, ...), any other by its folder's name."""
    rows = load_dsat(args.input)[: args.limit or None]
    if not rows:
        raise DataError(args.input, None, None, "no rows to evaluate")
    if args.eval_reward_model:
        check_scorer(args.eval_reward_model, "--eval-reward-model")
    models = args.model or [None]
    names = [Path(m.rstrip("/")).name for m in models[1:]]
    labels = ["base"] + [x if names.count(x) == 1 and x != "base" else f"{x}-{i + 1}" for i, x in enumerate(names)]
    dtype = torch.bfloat16 if d.device.type == "cuda" else torch.float32
    sources = [open_model(m, d) for m in models]  # every folder checked before anything is written
    scorers = Scorers(args.eval_reward_model, args.judge_model, args.judge_rubric, d, dtype)
    scorers.judge  # noqa: B018 -- loaded once, before the first model
    out = Path(args.out)
    evals, base = [], None
    for label, source in zip(labels, sources):
        model = load_model(source.path, d, dtype, frozen=True)
        records = generate(model, source.tokenizer, rows, eval_config(args), args.eval_samples, d.rank, d.world_size,
                           desc=f"eval {label}")
        del model
        scorers.score(records, base)
        base = base or records
        evals.append({"type": "eval", "stage": label, "model": source.path} | measures(records))
        if d.is_main:
            write_jsonl(out / "eval" / f"{label}.jsonl", records)
    if d.is_main:
        write_jsonl(out / "metrics.jsonl", evals)
        best = best_stage(evals, args.select_by)
        folder = None if best["stage"] is None else sources[labels.index(best["stage"])].path
        write_json(out / "best.json", {"stage": best["stage"], "folder": folder} | best)
        print(stage_table([], evals))
        print(best_line({"stage": best["stage"], "folder": folder} | best))
    D.barrier()  # the ranks leave together


def sample_file(args, d: D.Dist) -> None:
    mode = args.export or ("samples" if args.samples else "drift")
    cfg = SamplingConfig.from_config(args, quality_gate=mode == "drift" and not args.no_quality_gate)
    # ---- the input and the model are checked before anything is written
    rows, places = (load_dsat(args.input), None) if mode == "drift" else read_rows(args.input)
    rows = rows[: args.limit or None]
    for i, row in enumerate(rows):
        line, element = places[i] if places else (None, None)
        conversation(row, mode, args.input, (line, element))
        if mode == "samples" and args.guidance == "guided" and "rejected" in row:  # a guided prompt shows it
            reply_text(row["rejected"], args.input, line, f"[{element}].rejected" if element is not None else "rejected")
    if not rows:
        raise DataError(args.input, None, None, "no rows to sample")
    source = open_model(args.model, d)  # checked, as train.py checks it
    model_path, tokenizer = source.path, source.tokenizer
    if problem := reply_length_problem(args.max_new_tokens, model_config(model_path)):
        raise UsageError(problem)
    if tokenizer.chat_template is None:
        raise DataError(model_path, None, "chat_template", "the tokenizer has no chat template")
    args.generator = args.generator or generator_name(model_path)
    out, partial = Path(args.out), Path(args.out + ".partial.jsonl")
    header = {"mode": mode, "model": model_path, "input": os.path.abspath(args.input), "rows": len(rows),
              "n_samples": args.n_samples, "iteration": args.iteration, "generator": args.generator,
              "sampling": sampling_record(cfg, args), "seed": cfg.seed}

    done, counts, decided = read_partial(partial, header) if d.is_main else ({}, Counter(), None)
    if d.world_size > 1:  # every rank needs the same to-do list
        box = [(sorted(done), decided)]
        dist.broadcast_object_list(box, src=0)
        done, decided = done or dict.fromkeys(box[0][0]), box[0][1]
    dtype = torch.bfloat16 if d.device.type == "cuda" else torch.float32  # bf16 matmuls are ~100x slower on CPU
    # rank 0 reads the weights and every rank receives its shard, as in train.py: one copy in host
    # memory per node, not one per rank; sampling gathers the full weights on each device once
    model = load_model(model_path, d, dtype, frozen=True).eval()
    # the sampler's batch, decided once and kept in the partial file: a continued run samples as the first
    decided = decided or list(decide_batch(model, cfg, cfg.max_prompt_length))
    cfg = dataclasses.replace(cfg, batch_size=decided[0], prefill_tokens=decided[1])
    if d.is_main and not partial.exists():
        partial.parent.mkdir(parents=True, exist_ok=True)
        append_line(partial, {"header": header | {"decided": decided}})

    # longest conversations first (characters as a cheap proxy), so each chunk's batches are of similar length
    size = lambda i: sum(len(m.get("content", "")) for m in conversation(rows[i], mode, args.input))  # noqa: E731
    todo = sorted((i for i in range(len(rows)) if i not in done), key=lambda i: -size(i))
    chunk_size = args.chunk_size or max(1, 8 * (cfg.batch_size or 16) * d.world_size // args.n_samples)
    n_tokens, t0 = 0, time.perf_counter()
    with tqdm(total=len(rows), initial=len(done), desc=f"{mode} -> {out.name}", unit="prompt", disable=not d.is_main) as bar:
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

    if d.is_main:
        ordered = [done[i] for i in range(len(rows)) if done.get(i) is not None]
        if mode in ("drift", "samples"):
            write_jsonl(out, ordered)
        else:
            write_json(out, ordered)
        partial.unlink()
        print(f"wrote {len(ordered)} rows to {out}; " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
        if mode != "drift" and counts["prompt_too_long"]:
            print(f"warning: {counts['prompt_too_long']} prompts did not fit --max-prompt-length and got an empty output")


if __name__ == "__main__":
    leave(main())
