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

from .data import Row, SkipPair
from .explore import distinct
from .prompts import build_prompt
from .sampler import SampleRequest, SamplingConfig, derive_seed, sample

BASE = "base"  # the label of the model before any training


def evaluate(run, model, tokenizer, rows: list[Row], cfg, dist, stage_index: int, global_step: int) -> None:
    """The model at the start of stage `stage_index` (the end of the one before, or the base model),
    on the held-out rows, once per run: its replies to OUT/eval/STAGE.jsonl, then its row of
    metrics.jsonl (the commit: a resume does not evaluate it again)."""
    label = run.record["stages"][stage_index - 1] if stage_index else BASE
    if not rows or label in {r["stage"] for r in run.eval_rows()}:
        return
    records = generate(model, tokenizer, rows, eval_config(cfg), cfg.eval_samples, dist.rank, dist.world_size,
                       desc=f"eval {label}")
    run.save_eval(label, records)
    run.log({"type": "eval", "stage": label, "stage_index": stage_index, "step": global_step} | measures(records))


def eval_config(cfg) -> SamplingConfig:
    """The sampler's settings for evaluation: greedy with --eval-samples 0, else the run's sampling
    settings; every reply kept (a quality gate would flatter the model)."""
    return SamplingConfig.from_config(cfg, quality_gate=False, **({"temperature": 0.0} if cfg.eval_samples == 0 else {}))


def generate(model, tokenizer, rows: list[Row], cfg: SamplingConfig, n_samples: int, rank: int = 0,
             world_size: int = 1, desc: str | None = None) -> list[dict]:
    """max(1, n_samples) replies to each row's conversation; returns one record per row:
    {"index", "prompt", "rejected", "complaint", "replies": [{"text", "seed", "n_tokens", "cut"}]} (no replies
    where the prompt does not fit max_prompt_length). Every rank gets every record."""
    n = max(1, n_samples)
    requests, owners = [], []
    for i, row in enumerate(rows):
        try:
            prompt = build_prompt(tokenizer, row.x, max_prompt_length=cfg.max_prompt_length)
        except SkipPair:
            continue
        for j in range(n):
            requests.append(SampleRequest(prompt.ids, derive_seed(cfg.seed, "eval", i, j), None, prompt.style))
            owners.append(i)
    samples, _ = sample(model, tokenizer, requests, cfg, rank=rank, world_size=world_size, desc=desc)
    replies = {i: [] for i in range(len(rows))}
    for i, s in zip(owners, samples):
        replies[i].append({"text": s.text, "seed": s.seed, "n_tokens": s.n_tokens, "cut": s.cut})
    return [{"index": i, "prompt": row.x, "rejected": row.dsat, "complaint": row.complaint, "replies": replies[i]}
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
