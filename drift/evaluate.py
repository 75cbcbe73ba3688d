"""Each stage judged on held-out conversations (--eval-data): does the run work, and which stage to ship.

The model is evaluated before the warm start ("base") and after every stage, by the training
ranks on their devices (the sampler's data-parallel pass, weights gathered once), on the held-out
DSAT rows' conversations x alone: the training context, no complaint, as the model will be used.
Reply j of row i is drawn with seed derive_seed(seed, "eval", i, j) at every stage, so stages
differ by their weights only. --eval-samples N draws N replies a row; 0 means one greedy reply.
The replies, with their seeds and per-reply scores, go to OUT/eval/STAGE.jsonl; the stage's
numbers, computed from that file alone (`measures`), to one {"type": "eval"} row of metrics.jsonl:
    eval/len, eval/cut, eval/distinct1, eval/distinct2   always (distinct n-grams over all the stage's replies)
    eval/distinct1_within, eval/distinct2_within         --eval-samples > 1: the same within a conversation, averaged
    eval/reward, eval/reward_rejected                    --eval-reward-model: mean over replies, and over y-
    eval/win_vs_rejected[_low, _high]                    --judge-model: win rate against the real y-
    eval/win_vs_base[_low, _high]                        ... against the base model's reply of the same seed
OUT/best.json names the best stage by --select-by, rewritten after every evaluation.
"""

from __future__ import annotations

from . import dist as D
from .data import Row, SkipPair
from .explore import distinct
from .judge import win_rate
from .prompts import build_prompt
from .sampler import SampleRequest, SamplingConfig, derive_seed, sample

BASE = "base"  # the label of the model before any training
CRITERIA = {"judge_vs_rejected": "eval/win_vs_rejected", "judge_vs_base": "eval/win_vs_base", "reward": "eval/reward"}


class Scorers:
    """What scores a stage's replies: a reward model (--eval-reward-model, loaded for each pass and
    released, as IterDPO's is) and a judge (--judge-model, loaded at its first use and kept: its
    shards are in the compute dtype and never trained). Either may be absent."""

    def __init__(self, reward: str = "", judge: str = "", rubric: str = "", dist=None, dtype=None, judge_obj=None):
        self.reward_spec, self.judge_spec, self.rubric, self.dist, self.dtype = reward, judge, rubric, dist, dtype
        self._judge = judge_obj

    @classmethod
    def from_config(cls, cfg, dist, dtype) -> "Scorers":
        return cls(cfg.eval_reward_model, cfg.judge_model, cfg.judge_rubric, dist, dtype)

    @property
    def judge(self):
        if self._judge is None and self.judge_spec:
            from .judge import Judge

            self._judge = Judge.load(self.judge_spec, self.dist, self.dtype, self.rubric)
        return self._judge

    def score(self, records: list[dict], base: list[dict] | None) -> None:
        """Add each reply's "reward", "vs_rejected" and "vs_base" (the judge's margin m, drift/judge.py)
        and each record's "rejected_reward", in place; `base`: the base model's records (None at base)."""
        replies = [(rec, r) for rec in records for r in rec["replies"]]
        if self.reward_spec:
            from .reward import load_scorer

            rank, world = (self.dist.rank, self.dist.world_size) if self.dist else (0, 1)
            score = load_scorer(self.reward_spec, self.dist.device if self.dist else "cpu")
            scored = [rec for rec in records if rec["replies"]]
            values = score([rec["prompt"] for rec, _ in replies] + [rec["prompt"] for rec in scored],
                           [r["text"] for _, r in replies] + [rec["rejected"] for rec in scored], rank=rank, world_size=world)
            for (_, r), v in zip(replies, values):
                r["reward"] = v
            for rec, v in zip(scored, values[len(replies):]):
                rec["rejected_reward"] = v
        if self.judge_spec:
            items = [(rec["prompt"], r["text"], rec["rejected"]) for rec, r in replies]
            by_seed = {(b["index"], r["seed"]): r["text"] for b in base or [] for r in b["replies"]}
            against_base = [(rec, r) for rec, r in replies if (rec["index"], r["seed"]) in by_seed] if base else []
            items += [(rec["prompt"], r["text"], by_seed[rec["index"], r["seed"]]) for rec, r in against_base]
            margins = self.judge.compare(items)
            for (_, r), m in zip(replies, margins):
                r["vs_rejected"] = m
            for (_, r), m in zip(against_base, margins[len(replies):]):
                r["vs_base"] = m


def evaluate(run, model, tokenizer, rows: list[Row], cfg, dist, stage_index: int, global_step: int,
             scorers: Scorers | None = None, stopper=None) -> bool:
    """The model at the start of stage `stage_index` (the end of the one before, or the base model),
    on the held-out rows, once per run: its scored replies to OUT/eval/STAGE.jsonl, then its row of
    metrics.jsonl (the commit: a resume does not evaluate it again), then OUT/best.json. With a
    stopper (drift/stop.py) a stop asked while replying ends the pass at its batch, writes nothing
    and returns True (the ranks agree)."""
    label = run.record["stages"][stage_index - 1] if stage_index else BASE
    if not rows:
        return False
    if label not in {r["stage"] for r in run.eval_rows()}:
        records = generate(model, tokenizer, rows, eval_config(cfg), cfg.eval_samples, dist.rank, dist.world_size,
                           desc=f"eval {label}", should_stop=stopper.requested if stopper else None)
        if stopper is not None and stopper.agreed(dist.device):
            return True
        if scorers:  # the base replies as rank 0 wrote them, on every rank (nodes need not share a disk)
            base = None if label == BASE else D.broadcast_object(run.read_eval(BASE) if dist.is_main else None)
            scorers.score(records, base)
        run.save_eval(label, records)
        run.log({"type": "eval", "stage": label, "stage_index": stage_index, "step": global_step} | measures(records))
    if dist.is_main:  # after every evaluation, and again on a resume that finds the row written
        run.write_best(best_stage(run.eval_rows(), cfg.select_by))
    return False


def eval_config(cfg) -> SamplingConfig:
    """The sampler's settings for evaluation: greedy with --eval-samples 0, else the run's sampling
    settings; every reply kept (a quality gate would flatter the model)."""
    return SamplingConfig.from_config(cfg, quality_gate=False, **({"temperature": 0.0} if cfg.eval_samples == 0 else {}))


def generate(model, tokenizer, rows: list[Row], cfg: SamplingConfig, n_samples: int, rank: int = 0,
             world_size: int = 1, desc: str | None = None, should_stop=None) -> list[dict]:
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
    samples, _ = sample(model, tokenizer, requests, cfg, rank=rank, world_size=world_size, desc=desc,
                        should_stop=should_stop)
    replies = {i: [] for i in range(len(rows))}
    for i, s in zip(owners, samples):
        if s is None:  # not sampled: a stop came (the caller keeps none of it)
            continue
        replies[i].append({"text": s.text, "seed": s.seed, "n_tokens": s.n_tokens, "cut": s.cut})
    return [{"index": i, "prompt": row.x, "rejected": row.dsat, "complaint": row.complaint, "replies": replies[i]}
            for i, row in enumerate(rows)]


def measures(records: list[dict]) -> dict:
    """A stage's numbers, from its records alone (what OUT/eval/STAGE.jsonl holds)."""
    replies = [r for rec in records for r in rec["replies"]]
    texts = [r["text"] for r in replies]
    out = {
        "eval/conversations": sum(1 for rec in records if rec["replies"]),
        "eval/replies": len(replies),
        "eval/len": sum(r["n_tokens"] for r in replies) / max(1, len(replies)),
        "eval/cut": sum(r["cut"] for r in replies) / max(1, len(replies)),
        "eval/distinct1": distinct(texts, 1),
        "eval/distinct2": distinct(texts, 2),
    }
    several = [[r["text"] for r in rec["replies"]] for rec in records if len(rec["replies"]) > 1]
    if several:  # --eval-samples > 1: how varied one conversation's replies are
        out["eval/distinct1_within"] = sum(distinct(t, 1) for t in several) / len(several)
        out["eval/distinct2_within"] = sum(distinct(t, 2) for t in several) / len(several)
    rewards = [r["reward"] for r in replies if r.get("reward") is not None]
    if rewards:
        rejected = [rec["rejected_reward"] for rec in records if rec.get("rejected_reward") is not None]
        out["eval/reward"] = sum(rewards) / len(rewards)
        out["eval/reward_rejected"] = sum(rejected) / max(1, len(rejected))
    for key in ("vs_rejected", "vs_base"):
        margins = [[r[key] for r in rec["replies"] if r.get(key) is not None] for rec in records]
        if any(margins):
            w = win_rate(margins)
            out |= {f"eval/win_{key}": w["rate"], f"eval/win_{key}_low": w["low"], f"eval/win_{key}_high": w["high"],
                    f"eval/judged_{key}": sum(map(len, margins))}
    return out


def best_stage(rows: list[dict], select_by: str) -> dict:
    """best.json: the stage with the highest value of the criterion (the earliest on a tie: fewer
    updates for the same score). auto = the judge's win rate against y-, else the mean reward.
    Against the base model the base itself counts 0.5 (a tie with itself), so a run whose every
    stage loses to it names base."""
    present = {k for r in rows for k in r}
    if select_by == "auto":
        select_by = next((c for c in ("judge_vs_rejected", "reward") if CRITERIA[c] in present), "none")
    if select_by == "none" or CRITERIA[select_by] not in present:
        return {"stage": None, "criterion": select_by,
                "why": "no scorer ranks the stages: pass --judge-model or --eval-reward-model"}
    key = CRITERIA[select_by]
    values = {r["stage"]: r.get(key, 0.5 if r["stage"] == BASE and select_by == "judge_vs_base" else None)
              for r in rows}
    values = {s: v for s, v in values.items() if v is not None}
    stage = max(values, key=lambda s: (values[s], -list(values).index(s)))
    row = next(r for r in rows if r["stage"] == stage)
    best = {"stage": stage, "criterion": key, "value": values[stage], "stages": values,
            "rule": "highest value; the earliest stage on a tie"}
    if key.startswith("eval/win") and f"{key}_low" in row:
        best["interval_95"] = [row[f"{key}_low"], row[f"{key}_high"]]
    return best
