"""One flat config for train.py. Every field is a command-line flag (--field-name) and is saved
to OUT/config.json. Presets are small JSON files of overrides (presets/*.json); flags given on
the command line win over the preset. Defaults are the paper's (Tables 9-10)."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

PRESETS = Path(__file__).resolve().parent.parent / "presets"


def _f(default, help: str):
    return field(default=default, metadata={"help": help})


@dataclass
class Config:
    # ---- what to train
    model: str = _f("", "HF model folder or hub id; empty = the embedded SmolLM2-135M-Instruct")
    out: str = _f("out/drift", "output folder: one HF checkpoint per stage, metrics.jsonl, config.json, state/")
    method: str = _f("drift", "pair construction: drift | spin | iterdpo")
    guidance: str = _f("guided", "how the fresh sample is prompted: guided (conversation + complaint + instruction) | unguided")
    dsat_data: str = _f("data/sample/filtered/dsat.jsonl", "DSAT rows {prompt, rejected, user_preference}")
    seed_data: str = _f("data/sample/filtered/seed.jsonl", "warm-start pairs {prompt, chosen, rejected}; empty = no warm start")
    sat_data: str = _f("data/sample/filtered/sat.jsonl", "SAT rows {prompt, chosen}, used by --method spin")
    eval_data: str = _f("", "held-out DSAT rows: at the end, replies before and after training are shown for a few")
    report_examples: int = _f(0, "how many held-out conversations the final report shows (0 = none)")
    reward_model: str = _f("", "HF sequence-classification folder that ranks two samples (IterDPO unguided, or rows without a complaint)")
    # ---- the recipe
    warm_epochs: int = _f(3, "epochs of DPO on the seed pairs before the first iteration")
    iterations: int = _f(2, "K: DRIFT iterations, each = sample fresh chosen replies, then one epoch of DPO")
    ref: str = _f("previous", "reference: previous (the policy at the start of each stage) | base (the initial model)")
    beta: float = _f(0.1, "KL strength of the DPO loss")
    loss_type: str = _f("sigmoid", "sigmoid (paper Eq. 2) | ipo")
    label_smoothing: float = _f(0.0, "conservative DPO: assumed fraction of flipped labels")
    rpo_alpha: float = _f(0.001, "weight of the NLL term on the chosen response")
    # ---- optimisation
    lr: float = _f(5e-7, "peak learning rate (RMSprop)")
    warmup_ratio: float = _f(0.1, "fraction of each stage's steps spent warming up, then linear decay to 0")
    batch_size: int = _f(32, "global batch in pairs, whatever the number of ranks")
    micro_batch_size: int = _f(4, "pairs per rank per forward; accumulation = batch / (micro * ranks)")
    max_grad_norm: float = _f(1.0, "gradient clipping; 0 = off")
    max_length: int = _f(2048, "max tokens of prompt + response")
    max_prompt_length: int = _f(1024, "max prompt tokens; longer prompts lose their oldest turns")
    logps_chunk_size: int = _f(1024, "positions per block of logits in the log-prob computation")
    seed: int = _f(42, "seed for data order and sampling")
    # ---- sampling
    temperature: float = _f(0.7, "sampling temperature")
    top_p: float = _f(0.9, "nucleus sampling")
    max_new_tokens: int = _f(512, "max tokens of a sampled reply; a reply cut here is dropped")
    sample_batch_size: int = _f(16, "prompts per generate call, per rank")
    max_retries: int = _f(2, "re-draws of a sample that fails the quality gate before the pair is dropped")
    prompt_style: str = _f("chat", "chat (the model's template) | paper (the authors' plain-text layout)")
    # ---- systems
    dtype: str = _f("auto", "compute dtype: auto (bf16 on GPU, fp32 on CPU) | bf16 | fp32")
    activation_checkpointing: bool = _f(False, "recompute each decoder layer in backward (saves memory)")
    save_every: int = _f(50, "optimizer steps between training-state saves (for --resume)")
    resume: bool = _f(False, "continue from OUT/state")
    signal_tau: float = _f(0.25, "Lemma 1: report the fraction of pairs with sigmoid(-s) >= tau")
    log_every: int = _f(1, "optimizer steps between metric lines")


def parse_config(argv=None) -> Config:
    """Flags from the dataclass; --preset NAME|PATH supplies defaults, explicit flags win."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--preset", default=None, help=f"a JSON file of overrides, or a name in {PRESETS}")
    for f in fields(Config):
        flag = "--" + f.name.replace("_", "-")
        if f.type in ("bool", bool):
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=None, help=f.metadata["help"])
        else:
            kind = {"int": int, "float": float, "str": str}[f.type if isinstance(f.type, str) else f.type.__name__]
            parser.add_argument(flag, type=kind, default=None, help=f"{f.metadata['help']} (default {f.default!r})")
    args = parser.parse_args(argv)
    values = {}
    if args.preset:
        values.update(load_preset(args.preset))
    values.update({k: v for k, v in vars(args).items() if v is not None and k != "preset"})
    return Config(**values)


def load_preset(name_or_path: str) -> dict:
    path = Path(name_or_path)
    if not path.exists():
        path = PRESETS / f"{name_or_path}.json"
    if not path.exists():
        known = sorted(p.stem for p in PRESETS.glob("*.json"))
        raise SystemExit(f"unknown preset {name_or_path!r}: not a file, and not one of {known}")
    values = json.loads(path.read_text())
    unknown = set(values) - {f.name for f in fields(Config)} - {"_comment"}
    if unknown:
        raise SystemExit(f"{path}: unknown config fields {sorted(unknown)}")
    values.pop("_comment", None)
    return values


def config_dict(cfg: Config) -> dict:
    return asdict(cfg)
