"""Checkpoints. Two kinds, both written atomically (into a temporary folder, then renamed):

- a Hugging Face folder per stage (OUT/warm, OUT/iter1, ...): config, safetensors weights,
  tokenizer, generation config; `AutoModelForCausalLM.from_pretrained` loads it as is;
- the training state (OUT/state): sharded weights and optimizer state (torch.distributed.checkpoint,
  each rank writes its own shard, and it reloads on any number of ranks), plus meta.json (stage,
  step, scheduler) and extra.pt (reference log-probs of the stage, RNG). `--resume` reads it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import torch
import torch.distributed.checkpoint as dcp
from torch.distributed.checkpoint.state_dict import get_state_dict, set_state_dict

from . import dist as D
from .io import write_json


def _swap_in(tmp: Path, final: Path):
    """Replace `final` by the finished folder `tmp`; a kill at any point leaves one complete copy."""
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(tmp, final)
    if old.exists():
        shutil.rmtree(old)


def save_hf(model, tokenizer, path: str | os.PathLike, dtype: torch.dtype, dist: D.Dist):
    """Gather the full weights to rank 0 and write a from_pretrained-ready folder."""
    state = D.full_state_dict(model)  # every rank takes part in the gather
    if dist.is_main:
        path = Path(path)
        tmp = path.with_name(f".{path.name}.tmp")
        if tmp.exists():
            shutil.rmtree(tmp)
        state = {k: v.to(dtype) for k, v in state.items()}
        model.config.dtype = dtype
        model.save_pretrained(tmp, state_dict=state, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        _swap_in(tmp, path)
    D.barrier()


def save_state(out: str | os.PathLike, model, optimizer, meta: dict, extra: dict, dist: D.Dist):
    """Save the resumable training state to OUT/state (optimizer may be None between stages)."""
    final = Path(out) / "state"
    tmp = Path(out) / ".state.tmp"
    if dist.is_main and tmp.exists():
        shutil.rmtree(tmp)
    D.barrier()
    model_sd, optim_sd = get_state_dict(model, optimizer if optimizer is not None else [])
    dcp.save({"model": model_sd, "optim": optim_sd} if optimizer is not None else {"model": model_sd}, checkpoint_id=tmp)
    if dist.is_main:
        torch.save(extra, tmp / "extra.pt")
        write_json(tmp / "meta.json", meta)
    D.barrier()
    if dist.is_main:
        _swap_in(tmp, final)
    D.barrier()


def read_meta(out: str | os.PathLike) -> dict | None:
    path = Path(out) / "state" / "meta.json"
    return json.loads(path.read_text()) if path.exists() else None


def load_state(out: str | os.PathLike, model, optimizer) -> dict:
    """Load weights (and optimizer state, if one is given and was saved) in place; return extra."""
    path = Path(out) / "state"
    model_sd, optim_sd = get_state_dict(model, optimizer if optimizer is not None else [])
    state = {"model": model_sd, "optim": optim_sd} if optimizer is not None else {"model": model_sd}
    dcp.load(state, checkpoint_id=path)
    set_state_dict(
        model, optimizer if optimizer is not None else [],
        model_state_dict=state["model"], optim_state_dict=state.get("optim", {}),
    )
    return torch.load(path / "extra.pt", weights_only=True)
