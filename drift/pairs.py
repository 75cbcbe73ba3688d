"""The pairs an iteration trains on: every row planned by its method (methods.py, Table 2), every
Fresh side drawn in one pass of the sampler, IterDPO's ranked pairs put in order by the reward
model, and each pair written in the authors' layout {prompt, chosen, rejected} with where its
sides came from: the method, the guidance, each side's source ("data:dsat", "data:sat",
"sample:STYLE") and, for a sampled side, its prompt, the seed of the kept draw and whether it was
cut. Side `stream` of row i in iteration k is drawn with derive_seed(seed, k, i, stream): the
pairs do not depend on batching or ranks, and IterDPO's two draws differ.
"""

from __future__ import annotations

from collections import Counter

from .data import Row, SkipPair, load_dsat, load_sat, pair_row
from .io import DataError, UsageError
from .methods import METHODS, Fresh, Real
from .prompts import build_prompt
from .reward import check_scorer, winner
from .sampler import GATE_REASONS, SampleRequest, SamplingConfig, derive_seed, sample

NEEDS_REWARD_MODEL = (
    "--method iterdpo ranks two samples of the same prompt with a reward model (under --guidance unguided, "
    "and for rows without a complaint, e.g. UltraFeedback): pass --reward-model PATH, a Hugging Face "
    "sequence-classification folder (the paper used OpenAssistant/reward-model-deberta-v3-large-v2), or "
    "module:function, a Python scorer (drift/reward.py)"
)
SLOTS = ("chosen", "rejected")


def build_pairs(model, tokenizer, rows: list[Row], method: str, guided: bool, cfg: SamplingConfig, *,
                iteration: int, layout: str = "chat", score=None, rank: int = 0, world_size: int = 1,
                provenance: dict | None = None, indices: list[int] | None = None,
                desc: str | None = None, should_stop=None) -> tuple[list[dict], Counter]:
    """The pair rows of `rows` (input order; a row whose sample failed the gate, or whose ranked
    draws tie, is left out) and the counts: one per drawn side ("kept" or its gate reason),
    "prompt_too_long" (or the template's refusal) and "tie" per row, and "pairs". `score(prompts,
    replies) -> floats` ranks IterDPO's draws; `layout` is the sampling prompt's (chat | paper);
    `indices` are the rows' positions in the whole file, from which the seeds derive."""
    indices = list(range(len(rows))) if indices is None else indices
    plans = [METHODS[method][0](row, guided) for row in rows]
    if score is None and any(p.ranked for p in plans):
        raise ValueError(NEEDS_REWARD_MODEL)  # before any sampling
    counts = Counter({k: 0 for k in ("kept", "cut", *GATE_REASONS, "prompt_too_long", "tie", "pairs")})

    # 1. a sampling request per Fresh side
    requests, todo = [], []  # todo: (row index, plan, {slot: (index into requests, Prompt)})
    for i, (row, plan) in enumerate(zip(rows, plans)):
        fresh = {slot: getattr(plan, slot) for slot in SLOTS if isinstance(getattr(plan, slot), Fresh)}
        try:
            prompts = {slot: build_prompt(tokenizer, row.x, row.dsat, row.complaint if side.guided else None, layout,
                                          cfg.max_prompt_length, cfg.instruction) for slot, side in fresh.items()}
        except SkipPair as e:
            counts[e.reason] += 1
            continue
        drawn = {}
        for slot, side in fresh.items():
            other = plan.rejected if slot == "chosen" else plan.chosen
            # the gate re-draws a sample equal to the real reply it is paired with, or to the DSAT
            # reply a guided prompt shows
            avoid = other.text if isinstance(other, Real) else row.dsat if side.guided else None
            drawn[slot] = (len(requests), prompts[slot])
            requests.append(SampleRequest(prompts[slot].ids, derive_seed(cfg.seed, iteration, indices[i], side.stream),
                                          avoid, prompts[slot].style))
        todo.append((i, plan, drawn))

    # 2. every Fresh side of every row in one pass (batched by length, split over the ranks)
    samples, sample_counts = sample(model, tokenizer, requests, cfg, rank=rank, world_size=world_size, desc=desc,
                                    should_stop=should_stop)
    counts.update(sample_counts)

    # 3. each pair's sides, ranked pairs in the reward model's order
    pairs = [(i, plan, {slot: _side(getattr(plan, slot), drawn.get(slot), samples) for slot in SLOTS})
             for i, plan, drawn in todo if all(samples[j] is not None for j, _ in drawn.values())]
    ranked = [sides for _, plan, sides in pairs if plan.ranked]
    if ranked:
        _rank(ranked, score([rows[i].x for i, plan, _ in pairs if plan.ranked for _ in SLOTS],
                            [sides[slot]["text"] for sides in ranked for slot in SLOTS]), counts)

    out = []
    for i, plan, sides in pairs:
        if sides.get("tie"):
            continue
        chosen, rejected = sides["chosen"], sides["rejected"]
        out.append(pair_row(
            rows[i].x, chosen["text"], rejected["text"],
            method=method, guidance="guided" if guided else "unguided", iteration=iteration, index=indices[i],
            seed=cfg.seed, chosen_source=chosen["source"], rejected_source=rejected["source"],
            chosen_by="reward_model" if plan.ranked else "method",
            **{f"{slot}_sample": sides[slot]["sample"] for slot in SLOTS if "sample" in sides[slot]},
            **({"scores": sides["scores"]} if plan.ranked else {}),
            sampling=cfg.settings(), **(provenance or {}),
        ))
    counts["pairs"] = len(out)
    return out, counts


def _side(side: Real | Fresh, drawn: tuple | None, samples: list) -> dict:
    """A pair's side: its text and source and, when sampled, the record of its draw."""
    if isinstance(side, Real):
        return {"text": side.text, "source": side.source}
    j, prompt = drawn
    s = samples[j]
    return {"text": s.text, "source": f"sample:{s.style}", "sample": {
        "stream": side.stream, "prompt_style": s.style, "prompt": prompt.text, "seed": s.seed,
        "attempts": s.attempts, "prompt_tokens": s.prompt_tokens, "n_tokens": s.n_tokens, "cut": s.cut}}


def _rank(ranked: list[dict], scores: list[float], counts: Counter) -> None:
    """Put each ranked pair's two draws in the reward model's order (scores: a, b for each pair);
    a tie, or two draws that are the same text, carries no preference: marked, and dropped."""
    for sides, a, b in zip(ranked, scores[0::2], scores[1::2]):
        same = " ".join(sides["chosen"]["text"].split()) == " ".join(sides["rejected"]["text"].split())
        w = None if same else winner(a, b)
        if w is None:
            counts["tie"] += 1
            sides["tie"] = True
        elif w == 1:
            sides["chosen"], sides["rejected"] = sides["rejected"], sides["chosen"]
        sides["scores"] = {"chosen": max(a, b), "rejected": min(a, b)}


def check_inputs(cfg) -> list[Row]:
    """The rows the method reads (cfg.dsat_data, or cfg.sat_data for SPIN), after what would fail
    later has failed now: a missing, malformed or empty file, a reward model that IterDPO needs
    but was not given or cannot be loaded."""
    reads = METHODS[cfg.method][1]
    path = cfg.sat_data if reads == "sat" else cfg.dsat_data
    rows = load_sat(path) if reads == "sat" else load_dsat(path)
    if not rows:
        raise DataError(path, None, None, "no rows in the file (every iteration samples from them)")
    needs_rm = cfg.method == "iterdpo" and (cfg.guidance == "unguided" or any(not r.complaint for r in rows))
    if needs_rm and not cfg.reward_model:
        raise UsageError(NEEDS_REWARD_MODEL)
    if cfg.reward_model and cfg.method == "iterdpo":
        check_scorer(cfg.reward_model)
    return rows
