"""Which pairs each stage trains on. chosen = y+, rejected = y-.

  method   chosen                                  rejected
  drift    fresh sample, guided prompt             the real DSAT reply
           (--guidance unguided: the conversation alone)

Every iteration's pairs are written to OUT/pairs/iter{k}.jsonl with their provenance (seed,
sampling settings, prompt style) and reused as they are when a killed run resumes: the policy
has moved since, so sampling again would give other pairs.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import dist as D
from .data import load_dsat, load_pairs
from .io import write_json, write_jsonl
from .sampler import SamplingConfig, gathered, sample_drift_pairs


def sampling_config(cfg) -> SamplingConfig:
    return SamplingConfig(
        temperature=cfg.temperature, top_p=cfg.top_p, max_new_tokens=cfg.max_new_tokens,
        batch_size=cfg.sample_batch_size, max_retries=cfg.max_retries, seed=cfg.seed,
        prompt_style="paper" if cfg.prompt_style == "paper" else cfg.guidance,
        max_prompt_length=cfg.max_prompt_length,
    )


def build_iteration_pairs(policy, tokenizer, cfg, iteration: int, model_name: str, out: Path, dist: D.Dist):
    """The pairs of DRIFT iteration k, sampled from the current policy (or read back on resume).
    Returns (pairs, counts): counts are the sampler's kept/dropped numbers, as sampler/... keys."""
    path = Path(out) / "pairs" / f"iter{iteration}.jsonl"
    counts_path = path.with_suffix(".counts.json")
    if not path.exists():
        if cfg.method != "drift":
            raise ValueError(f"unknown method {cfg.method!r}")
        rows = load_dsat(cfg.dsat_data)
        if cfg.guidance == "unguided":
            rows = [r | {"user_preference": None} for r in rows]
        with gathered(policy):
            pair_rows, counts = sample_drift_pairs(
                policy, tokenizer, rows, sampling_config(cfg), iteration=iteration,
                model_name=f"{model_name}@{'warm' if iteration == 1 else f'iter{iteration - 1}'}",
                rank=dist.rank, world_size=dist.world_size, desc=f"sample iter{iteration}",
            )
        if dist.is_main:
            write_jsonl(path, pair_rows)
            write_json(counts_path, {f"sampler/{k}": v for k, v in counts.items()})
        D.barrier()
    return load_pairs(path), json.loads(counts_path.read_text())
