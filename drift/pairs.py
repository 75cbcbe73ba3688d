"""Which pairs each iteration trains on, for DRIFT and the paper's two baselines (section 4.1,
Table 2). chosen = y+, rejected = y-, x = the training prompt (the conversation before the reply).

  method   reads  chosen y+                  rejected y-                 under --guidance unguided
  drift    dsat   sample(guided prompt *)    the real DSAT reply         chosen ~ x alone
  spin     sat    the real SAT reply         sample(x), x = the          the same: SPIN is never guided
                                             conversation before it
  iterdpo  dsat   sample(guided prompt *)    sample(x): no complaint,    two samples of x; the one the
                                             no instruction              reward model scores higher is chosen

  (*) guided prompt = x + the DSAT reply + the user's complaint + the improvement instruction
      (prompts.py). A row without a complaint falls back to x alone.

The UltraFeedback setting needs no code of its own. filter_data.py writes its `rejected` replies as
dsat rows with no complaint (user_preference null) and its `chosen` replies as sat rows, so:
DRIFT keeps the original rejected and samples chosen (from x: there is no complaint to show);
SPIN keeps the original chosen and samples rejected; and IterDPO, on a row without a complaint,
draws two samples from x and ranks them with the reward model (--reward-model, reward.py), just
as it does under --guidance unguided. Rule: IterDPO ranks a row iff guidance is unguided or the row
has no complaint.

Every method starts from the same warm-start checkpoint (the paper's two stages: DPO on the seed
DSAT->SAT pairs, then each method's iterations; train.py runs the warm start whatever the method),
and every stage's reference is the policy it starts from, which for SPIN is its "opponent", the
previous iteration's model.

Every pair records where each side came from ("chosen_source" / "rejected_source": "data:dsat",
"data:sat" or "sample:{prompt style}") and, for each sampled side, the rendered sampling prompt,
the seed of the kept draw, whether it was cut at max_new_tokens, and the sampling settings
(train.py writes them to OUT/pairs/iter{k}.jsonl). The methods share everything after the pairs,
so every method logs the same per-stage metrics (the Lemma 1 quantities among them).

Seeds: side `stream` of row i in iteration k is drawn with derive_seed(seed, k, i, stream), so two
samples from the same prompt (IterDPO's streams "a" and "b") differ.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .data import SkipPair, check_prompt, load_dsat, pair_row, reply_text
from .io import DataError, UsageError, read_jsonl
from .prompts import Prompt, build_prompt
from .reward import check_scorer, winner
from .sampler import GATE_REASONS, SampleRequest, SamplingConfig, derive_seed, sample

NEEDS_REWARD_MODEL = (
    "--method iterdpo ranks two samples of the same prompt with a reward model (under --guidance unguided, "
    "and for rows without a complaint, e.g. UltraFeedback): pass --reward-model PATH, a Hugging Face "
    "sequence-classification folder (the paper used OpenAssistant/reward-model-deberta-v3-large-v2), or "
    "module:function, a Python scorer (drift/reward.py)"
)


# ----------------------------------------------------------------------------- rows


@dataclass
class Row:
    """One conversation of the data: x and whichever real replies it has."""

    x: list[dict]  # the conversation before the reply; ends with a user turn
    dsat: str | None = None  # the reply the user was dissatisfied with (dsat rows)
    complaint: str | None = None  # the user's next turn about it, if known (dsat rows)
    sat: str | None = None  # a reply the user was satisfied with (sat rows)


def load_sat(path) -> list[Row]:
    """SAT rows {prompt, chosen} (filter_data.py's sat.jsonl), validated."""
    rows = []
    for line, row in read_jsonl(path):
        for key in ("prompt", "chosen"):
            if key not in row:
                raise DataError(path, line, key, "missing")
        rows.append(Row(check_prompt(row["prompt"], path, line), sat=reply_text(row["chosen"], path, line, "chosen")))
    return rows


def dsat_rows(path) -> list[Row]:
    return [dsat_row(r) for r in load_dsat(path)]


def dsat_row(r: dict) -> Row:
    """A validated DSAT row (data.load_dsat's layout) as a Row."""
    return Row(r["prompt"], dsat=r["rejected"][-1]["content"], complaint=(r["user_preference"] or {}).get("content"))


# ----------------------------------------------------------------------------- the methods


@dataclass
class Real:
    """A side taken from the data."""

    source: str  # "data:dsat" | "data:sat"
    text: str


@dataclass
class Fresh:
    """A side sampled from the current policy."""

    guided: bool  # prompt = x + DSAT reply + complaint + instruction (x alone without a complaint); else x alone
    stream: str  # seed stream: "chosen", "rejected", or "a" / "b" for two draws the reward model orders


@dataclass
class Plan:
    chosen: Real | Fresh
    rejected: Real | Fresh
    ranked: bool = False  # two Fresh sides, put in order by the reward model once sampled


def drift(row: Row, guided: bool) -> Plan:
    """The real DSAT reply is the negative; the positive is fresh from the current policy."""
    return Plan(chosen=Fresh(guided, "chosen"), rejected=Real("data:dsat", row.dsat))


def spin(row: Row, guided: bool) -> Plan:
    """The real SAT reply is the positive; the negative is the policy's own reply to the same x."""
    return Plan(chosen=Real("data:sat", row.sat), rejected=Fresh(False, "rejected"))


def iterdpo(row: Row, guided: bool) -> Plan:
    """Both sides fresh: the guided prompt's reply over x's, or, with no guidance to tell them
    apart, two replies to x in the reward model's order."""
    if guided and row.complaint:
        return Plan(chosen=Fresh(True, "chosen"), rejected=Fresh(False, "rejected"))
    return Plan(chosen=Fresh(False, "a"), rejected=Fresh(False, "b"), ranked=True)


METHODS = {"drift": (drift, "dsat"), "spin": (spin, "sat"), "iterdpo": (iterdpo, "dsat")}  # builder, rows it reads
GUIDANCE = ("guided", "unguided")


# ----------------------------------------------------------------------------- pairs from plans


def sampling_prompt(tokenizer, row: Row, side: Fresh, cfg: SamplingConfig, paper_prompt: bool) -> Prompt:
    """The prompt a Fresh side is drawn from (raises SkipPair("prompt_too_long"))."""
    style = "paper" if paper_prompt else "guided" if side.guided else "unguided"
    complaint = row.complaint if side.guided else None
    return build_prompt(tokenizer, row.x, row.dsat, complaint, style, cfg.max_prompt_length, cfg.instruction)


def build_pairs(model, tokenizer, rows: list[Row], method: str, guided: bool, cfg: SamplingConfig, *,
                iteration: int, paper_prompt: bool = False, score=None, rank: int = 0, world_size: int = 1,
                provenance: dict | None = None, indices: list[int] | None = None,
                desc: str | None = None) -> tuple[list[dict], Counter]:
    """Plan every row with the method's builder, draw all the Fresh sides in one sample() pass,
    order the ranked pairs with `score(prompts, replies) -> list[float]`, and return the pair
    rows (input order; a row with a dropped sample is left out) and the counts: one per drawn
    side ("kept" or its quality-gate reason), "prompt_too_long" and "tie" per row, "pairs".

    indices: each row's position in the whole data file (default 0..n-1). Seeds derive from it,
    so a row gets the same sample whichever chunk, subset or rank it is drawn in."""
    indices = list(range(len(rows))) if indices is None else indices
    plans = [METHODS[method][0](row, guided) for row in rows]
    if score is None and any(p.ranked for p in plans):
        raise ValueError(NEEDS_REWARD_MODEL)  # before any sampling
    counts = Counter({k: 0 for k in ("kept", "cut", *GATE_REASONS, "prompt_too_long", "tie", "pairs")})

    # 1. a sampling request per Fresh side
    requests, todo = [], []  # todo: (row index, plan, {slot: (index into requests, Prompt)})
    for i, (row, plan) in enumerate(zip(rows, plans)):
        fresh = {slot: side for slot, side in (("chosen", plan.chosen), ("rejected", plan.rejected))
                 if isinstance(side, Fresh)}
        try:
            prompts = {slot: sampling_prompt(tokenizer, row, side, cfg, paper_prompt) for slot, side in fresh.items()}
        except SkipPair as e:
            counts[e.reason] += 1
            continue
        drawn = {}
        for slot, side in fresh.items():
            other = plan.rejected if slot == "chosen" else plan.chosen
            # the gate re-draws a sample equal to the real reply it is paired with, or to the DSAT
            # reply that a guided prompt shows
            avoid = other.text if isinstance(other, Real) else row.dsat if side.guided else None
            seed = derive_seed(cfg.seed, iteration, indices[i], side.stream)
            drawn[slot] = (len(requests), prompts[slot])
            requests.append(SampleRequest(prompts[slot].ids, seed, avoid, prompts[slot].style))
        todo.append((i, plan, drawn))

    # 2. every side of every row in one pass (batched by length, split over the ranks)
    samples, sample_counts = sample(model, tokenizer, requests, cfg, rank=rank, world_size=world_size, desc=desc)
    counts.update(sample_counts)

    # 3. the two sides of each pair: {"text", "source"} and, for a sampled side, its record
    pairs = []
    for i, plan, drawn in todo:
        if any(samples[j] is None for j, _ in drawn.values()):
            continue  # a side failed the quality gate: counted by sample()
        sides = {}
        for slot in ("chosen", "rejected"):
            side = getattr(plan, slot)
            if isinstance(side, Real):
                sides[slot] = {"text": side.text, "source": side.source}
                continue
            j, prompt = drawn[slot]
            s = samples[j]
            sides[slot] = {"text": s.text, "source": f"sample:{s.style}", "sample": {
                "stream": side.stream, "prompt_style": s.style, "prompt": prompt.text, "seed": s.seed,
                "attempts": s.attempts, "prompt_tokens": s.prompt_tokens, "n_tokens": s.n_tokens, "cut": s.cut,
            }}
        pairs.append({"index": i, "ranked": plan.ranked, **sides})

    # 4. ranked pairs: the reward model puts the two draws in order; a tie drops the pair
    ranked = [p for p in pairs if p["ranked"]]
    if ranked:
        scores = score([rows[p["index"]].x for p in ranked for _ in "ab"],
                       [p[slot]["text"] for p in ranked for slot in ("chosen", "rejected")])
        for p, a, b in zip(ranked, scores[0::2], scores[1::2]):
            same = " ".join(p["chosen"]["text"].split()) == " ".join(p["rejected"]["text"].split())
            w = None if same else winner(a, b)  # two equal draws are a tie whatever their scores
            if w is None:
                counts["tie"] += 1
                p["tie"] = True
            elif w == 1:
                p["chosen"], p["rejected"] = p["rejected"], p["chosen"]
            p["scores"] = {"chosen": max(a, b), "rejected": min(a, b)}

    settings = {k: v for k, v in cfg.settings().items() if k != "prompt_style"}  # the style is per side
    out = []
    for p in pairs:
        if p.get("tie"):
            continue
        chosen, rejected = p["chosen"], p["rejected"]
        out.append(pair_row(
            rows[p["index"]].x, chosen["text"], rejected["text"],
            method=method, guidance="guided" if guided else "unguided", iteration=iteration, index=indices[p["index"]],
            seed=cfg.seed, chosen_source=chosen["source"], rejected_source=rejected["source"],
            chosen_by="reward_model" if p["ranked"] else "method",
            **{f"{slot}_sample": p[slot]["sample"] for slot in ("chosen", "rejected") if "sample" in p[slot]},
            **({"scores": p["scores"]} if p["ranked"] else {}),
            sampling=settings, **(provenance or {}),
        ))
    counts["pairs"] = len(out)
    return out, counts


# ----------------------------------------------------------------------------- train.py's entry points


def sampling_config(cfg) -> SamplingConfig:
    return SamplingConfig(
        temperature=cfg.temperature, top_p=cfg.top_p, top_k=cfg.top_k, repetition_penalty=cfg.repetition_penalty,
        max_new_tokens=cfg.max_new_tokens, cut=cfg.cut_samples, batch_size=cfg.sample_batch_size,
        max_retries=cfg.max_retries, seed=cfg.seed, max_prompt_length=cfg.sample_max_prompt_length,
        compile=cfg.sampler_compile,
    )


def load_rows(cfg) -> list[Row]:
    """The rows the method reads: cfg.dsat_data, or cfg.sat_data for SPIN (DataError names a bad file)."""
    return load_sat(cfg.sat_data) if METHODS[cfg.method][1] == "sat" else dsat_rows(cfg.dsat_data)


def check_inputs(cfg) -> list[Row]:
    """Fail before any training or sampling on what would fail later: a missing, malformed or
    empty data file, a reward model that IterDPO needs but was not given or cannot be loaded.
    Returns the rows."""
    rows = load_rows(cfg)
    if not rows:
        path = cfg.sat_data if METHODS[cfg.method][1] == "sat" else cfg.dsat_data
        raise DataError(path, None, None, "no rows in the file (every iteration samples from them)")
    needs_rm = cfg.method == "iterdpo" and (cfg.guidance == "unguided" or any(not r.complaint for r in rows))
    if needs_rm and not cfg.reward_model:
        raise UsageError(NEEDS_REWARD_MODEL)
    if cfg.reward_model and cfg.method == "iterdpo":
        check_scorer(cfg.reward_model)
    return rows
