"""Each stage judged on held-out conversations (--eval-data): does the run work, and which stage to ship.

The model is evaluated before the warm start ("base") and after every stage, by the training
ranks on their devices (the sampler's data-parallel pass, weights gathered once), on the held-out
DSAT rows' conversations x alone: the training context, no complaint, as the model will be used.
Reply j of row i is drawn with seed derive_seed(seed, "eval", i, j) at every stage, so stages
differ by their weights only. --eval-samples N draws N replies a row; 0 means one greedy reply.

Every stage's replies go to OUT/eval/STAGE.jsonl (with their seeds: anyone can rescore them) and
its numbers to one {"type": "eval", "stage": STAGE} row of metrics.jsonl:
    eval/len            mean reply length in tokens; eval/cut the share cut at max_new_tokens
    eval/distinct1, 2   distinct n-grams / all n-grams over the stage's replies
"""

from __future__ import annotations

from .data import SkipPair, load_dsat
from .explore import distinct
from .prompts import build_prompt
from .sampler import SampleRequest, SamplingConfig, derive_seed, sample

BASE = "base"  # the label of the model before any training


def load_eval_rows(path) -> list[dict]:
    """The held-out DSAT rows (filter_data.py's test/dsat.jsonl), validated."""
    return load_dsat(path)


def eval_config(cfg) -> SamplingConfig:
    """The sampler's settings for evaluation: greedy with --eval-samples 0, else the run's sampling
    settings; every reply kept (a quality gate would flatter the model)."""
    return SamplingConfig(
        temperature=0.0 if cfg.eval_samples == 0 else cfg.temperature, top_p=cfg.top_p, top_k=cfg.top_k,
        repetition_penalty=cfg.repetition_penalty, max_new_tokens=cfg.max_new_tokens, batch_size=cfg.sample_batch_size,
        quality_gate=False, seed=cfg.seed, max_prompt_length=cfg.sample_max_prompt_length, compile=cfg.sampler_compile,
    )


def generate(model, tokenizer, rows: list[dict], cfg: SamplingConfig, n_samples: int, rank: int = 0,
             world_size: int = 1, desc: str | None = None) -> list[dict]:
    """max(1, n_samples) replies to each row's conversation; returns one record per row:
    {"index", "prompt", "rejected", "complaint", "replies": [{"text", "seed", "n_tokens", "cut"}]} (no replies
    where the prompt does not fit max_prompt_length). Every rank gets every record."""
    n = max(1, n_samples)
    requests, owners = [], []
    for i, row in enumerate(rows):
        try:
            prompt = build_prompt(tokenizer, row["prompt"], None, None, "unguided", cfg.max_prompt_length)
        except SkipPair:
            continue
        for j in range(n):
            requests.append(SampleRequest(prompt.ids, derive_seed(cfg.seed, "eval", i, j), None, prompt.style))
            owners.append(i)
    samples, _ = sample(model, tokenizer, requests, cfg, rank=rank, world_size=world_size, desc=desc)
    replies = {i: [] for i in range(len(rows))}
    for i, s in zip(owners, samples):
        replies[i].append({"text": s.text, "seed": s.seed, "n_tokens": s.n_tokens, "cut": s.cut})
    return [{"index": i, "prompt": row["prompt"], "rejected": row["rejected"][-1]["content"],
             "complaint": (row["user_preference"] or {}).get("content"), "replies": replies[i]}
            for i, row in enumerate(rows)]


def measures(records: list[dict]) -> dict:
    """The scorer-free numbers of one stage's replies."""
    replies = [r for rec in records for r in rec["replies"]]
    texts = [r["text"] for r in replies]
    return {
        "eval/conversations": sum(1 for rec in records if rec["replies"]),
        "eval/replies": len(replies),
        "eval/len": sum(r["n_tokens"] for r in replies) / max(1, len(replies)),
        "eval/cut": sum(r["cut"] for r in replies) / max(1, len(replies)),
        "eval/distinct1": distinct(texts, 1),
        "eval/distinct2": distinct(texts, 2),
    }
