"""One flat config for train.py. Every field is a command-line flag (--field-name) and is saved
in OUT/run.json. Presets are small JSON files of overrides (presets/*.json); flags given on the
command line win over the preset. Defaults are the paper's (Tables 9-10) and the authors' code's.

Each field also says what changing it means for a run that already started (`--resume`):
  defines   it changes what the run computes: a resume with another value is refused
  extends   the run may grow (more --iterations)
  observes  logging, saving cadence, reporting, memory knobs that change no number: free to change
Enumerated fields have fixed choices and numbers have ranges, both checked by the parser before
any data or model is read.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from . import trackers
from .io import SEED_RANGE, ArgumentParser, out_folder_problem
from .methods import GUIDANCE, METHODS
from .prompts import INSTRUCTION

PRESETS = Path(__file__).resolve().parent.parent / "presets"
# what a run's record can hold and a model can take: state folders are named STAGE-STEP with 3 and 7
# digits; no model in transformers takes a million tokens
MAX_STAGES, MAX_STEPS, MAX_TOKENS = 999, 10**7 - 1, 2**20
MAX_INSTRUCTION = 10_000  # characters of --instruction
ATTENTION = ("auto", "sdpa", "eager", "flex_attention", "flash_attention_2")


def _f(default, help: str, *, choices: tuple | None = None, check=None, kind: str = "defines"):
    """A config field: its default, help, fixed choices or a range check (value -> error text or
    None), and its resume kind."""
    return field(default=default, metadata={"help": help, "choices": choices, "check": check, "kind": kind})


def _at_least(lo):
    return lambda v: None if v >= lo and math.isfinite(v) else f"must be a finite number >= {lo}"


def instruction_problem(text: str) -> str | None:
    """What is wrong with an --instruction (None: nothing): empty, too long, or invalid Unicode."""
    from .io import bad_text

    if not text.strip():
        return "must not be empty (it ends every guided prompt)"
    if len(text) > MAX_INSTRUCTION:
        return f"must be at most {MAX_INSTRUCTION:,} characters"
    if found := bad_text(text):
        return f"holds invalid Unicode ({found[1]}: a lone surrogate or a non-character)"
    return None


def _within(lo, hi, lo_open=False, hi_open=False):
    def check(v):
        ok = (v > lo if lo_open else v >= lo) and (v < hi if hi_open else v <= hi)
        return None if ok and math.isfinite(v) else f"must be in {'(' if lo_open else '['}{lo}, {hi}{')' if hi_open else ']'}"
    return check


@dataclass
class Config:
    # ---- what to train
    model: str = _f("", "HF model folder or hub id; empty = the embedded SmolLM2-135M-Instruct")
    out: str = _f("out/drift", "output folder of one run: checkpoints, pairs/, metrics.jsonl, run.json, state/", check=out_folder_problem, kind="observes")
    method: str = _f("drift", "who samples which side of a pair (drift/methods.py, the paper's Table 2)", choices=tuple(METHODS))
    guidance: str = _f("guided", "how the fresh sample is prompted: with the conversation, complaint and instruction, or the conversation alone", choices=GUIDANCE)
    instruction: str = _f(INSTRUCTION, "the instruction that ends a guided prompt, after the complaint (the paper's by default)", check=instruction_problem)
    # no data file has a default: a forgotten flag is an error, never the bundled toy sample (the
    # demo preset names those files)
    dsat_data: str = _f("", "DSAT rows {prompt, rejected, user_preference}: what drift and iterdpo iterate on")
    seed_data: str = _f("", "warm-start pairs {prompt, chosen, rejected}; needed unless --warm-epochs 0")
    sat_data: str = _f("", "SAT rows {prompt, chosen}: what --method spin iterates on")
    eval_data: str = _f("", "held-out DSAT rows (filter_data.py's test/dsat.jsonl): the model is evaluated on their conversations before the warm start and after every stage (drift/evaluate.py)")
    eval_samples: int = _f(0, "replies per held-out conversation at each evaluation; 0 = one greedy reply", check=_within(0, 1024))
    eval_reward_model: str = _f("", "scores the held-out replies: an HF sequence-classification folder, or module:function (drift/reward.py); mean reward per stage")
    judge_model: str = _f("", "a local judge for the held-out replies, any HF chat model (or 'embedded'): win rates against the real rejected reply and the base model's (drift/judge.py)")
    judge_rubric: str = _f("", "the judge's rubric, a text file with {conversation}, {reply_a} and {reply_b}; empty = presets/judge_compare.txt")
    select_by: str = _f("auto", "what OUT/best.json ranks the stages by; auto = judge_vs_rejected with a judge, else reward", choices=("auto", "judge_vs_rejected", "judge_vs_base", "reward"), kind="observes")
    report_examples: int = _f(0, "how many held-out conversations the final report shows, base and last stage (0 = none)", check=_within(0, 10**6), kind="observes")
    reward_model: str = _f("", "ranks IterDPO's two samples: an HF sequence-classification folder, or module:function (drift/reward.py)")
    # ---- the recipe
    warm_epochs: int = _f(3, "epochs of DPO on the seed pairs before the first iteration", check=_within(0, 10**6))
    iterations: int = _f(2, "K: iterations, each = sample fresh pairs, then one epoch of DPO", check=_within(0, MAX_STAGES - 1), kind="extends")
    ref: str = _f("previous", "reference: the policy at the start of each stage, or the initial model", choices=("previous", "base"))
    beta: float = _f(0.1, "KL strength of the DPO loss", check=_within(0, 1e3, lo_open=True))
    loss_type: str = _f("sigmoid", "sigmoid = paper Eq. 2; ipo = IPO as TRL defines it (length-averaged log-probs)", choices=("sigmoid", "ipo"))
    label_smoothing: float = _f(0.0, "conservative DPO: assumed fraction of flipped labels", check=_within(0, 0.5, hi_open=True))
    rpo_alpha: float = _f(0.001, "weight of the NLL term on the chosen response", check=_within(0, 1e6))
    # ---- optimisation
    lr: float = _f(5e-7, "peak learning rate (RMSprop)", check=_within(0, 1, lo_open=True))
    warmup_ratio: float = _f(0.1, "fraction of each stage's steps spent warming up, then linear decay to 0", check=_within(0, 1, hi_open=True))
    batch_size: int = _f(32, "global batch in pairs, whatever the number of ranks", check=_within(1, 10**7))
    micro_batch_size: int = _f(4, "pairs per rank per forward; accumulation = batch / (micro * ranks); a memory knob: the same math at any value", check=_within(1, 10**7), kind="observes")
    max_grad_norm: float = _f(1.0, "gradient clipping; 0 = off", check=_within(0, 1e12))
    max_length: int = _f(2048, "max tokens of prompt + response in training", check=_within(2, MAX_TOKENS))
    max_prompt_length: int = _f(1024, "max training prompt tokens; longer prompts lose their oldest turns", check=_within(1, MAX_TOKENS))
    long_responses: str = _f("truncate", "a pair whose response does not fit max_length: truncate it (no end of turn; TRL, which the authors used) or drop the pair", choices=("truncate", "drop"))
    logps_chunk_size: int = _f(1024, "positions per block of logits in the log-prob computation", check=_within(1, MAX_TOKENS))
    packing: bool = _f(True, "pack each micro-batch's sequences into rows of up to 2 x max_length tokens instead of padding them (same math, ~5% padding instead of ~50%); checked against padding on the model at start-up")
    attn_implementation: str = _f("auto", "attention kernel: auto = transformers' choice for the model (sdpa where it can); flash_attention_2 needs the flash-attn package", choices=ATTENTION, kind="observes")
    seed: int = _f(42, "seed for data order and sampling", check=_within(*SEED_RANGE))
    # ---- sampling
    temperature: float = _f(0.7, "sampling temperature (0 = greedy)", check=_within(0, 100))
    top_p: float = _f(0.9, "nucleus sampling mass (1 = off)", check=_within(0, 1, lo_open=True))
    top_k: int = _f(0, "keep the k most likely tokens (0 = off; Qwen2.5-Instruct's generation config: 20)", check=_within(0, 10**8))
    repetition_penalty: float = _f(1.0, "HF's repetition penalty over prompt and reply (1 = off; Qwen2.5-Instruct's: 1.05)", check=_within(0, 100, lo_open=True))
    max_new_tokens: int = _f(512, "max tokens of a sampled reply", check=_within(1, MAX_TOKENS))
    cut_samples: str = _f("keep", "a sampled reply that reaches max_new_tokens: keep it as a truncated response (no end of turn, as the authors) or redraw it", choices=("keep", "redraw"))
    sample_max_prompt_length: int = _f(2048, "max tokens of a sampling prompt (the authors' 2048); the oldest turns go first", check=_within(1, MAX_TOKENS))
    sample_batch_size: int = _f(0, "prompts per generate call, per rank; 0 = sized by the memory model to --sample-memory-gb (16 on CPU without one), decided once and recorded in the run", check=_within(0, 10**6), kind="observes")
    sample_memory_gb: float = _f(0.0, "GiB per rank the sampler's batch may use beyond the weights (its KV cache, a prefill chunk, a decode step); 0 = 90% of the GPU memory free once the weights are gathered", check=_within(0, 1e6), kind="observes")
    sample_prefill_tokens: int = _f(0, "most tokens in one prefill forward of the sampler (longer prompts go in pieces); 0 = 4096, halved while the budget needs it", check=_within(0, MAX_TOKENS), kind="observes")
    sampler_compile: bool = _f(False, "sample with a static KV cache and a compiled forward, compiled once per run: the same tokens as eager in fp32; in bf16 on a GPU rows part from eager after a few tokens (rounding)", kind="observes")
    max_retries: int = _f(2, "re-draws of a sample that fails the quality gate before the pair is dropped", check=_within(0, 1000))
    prompt_style: str = _f("chat", "sampling prompt: the model's chat template, or the authors' plain-text layout", choices=("chat", "paper"))
    # ---- LoRA (drift/lora.py): one adapter through the whole run, the base weights frozen
    lora_rank: int = _f(0, "rank of the LoRA adapters; 0 = full fine-tuning (every weight trained)", check=_within(0, 4096))
    lora_alpha: float = _f(32.0, "LoRA's alpha: the adapters' product is scaled by alpha / rank", check=_within(0, 1e6, lo_open=True))
    lora_dropout: float = _f(0.0, "dropout on the adapters' input in training (> 0: once the adapter has moved, a stage's first loss is no longer exactly ln 2; the masks follow from the step and the rank, so a resume on as many ranks draws the same)", check=_within(0, 1, hi_open=True))
    lora_target_modules: str = _f("all-linear", "the decoder's linear layers that get adapters: all-linear, or a comma list of module names (q_proj,v_proj); never the embeddings or the head")
    # ---- systems
    dtype: str = _f("auto", "compute dtype: auto = bf16 on GPU, fp32 on CPU", choices=("auto", "bf16", "fp32"))
    activation_checkpointing: bool = _f(False, "recompute each decoder layer in backward (saves memory, same numbers)", kind="observes")
    sharding: str = _f("auto", "FSDP2 over every rank (full), or within each node and replicated across nodes (hybrid: HSDP, far fewer bytes between nodes); auto = hybrid when the job spans several nodes", choices=("auto", "full", "hybrid"), kind="observes")
    save_every: int = _f(50, "optimizer steps between training-state saves (for --resume)", check=_within(1, MAX_STEPS), kind="observes")
    save_every_minutes: float = _f(30.0, "minutes between training-state saves besides --save-every, whichever comes first; 0 = steps only", check=_within(0, 1e7), kind="observes")
    resume: bool = _f(False, "continue the run in --out", kind="observes")
    signal_tau: float = _f(0.25, "Lemma 1: report the fraction of pairs with sigmoid(-s) >= tau", check=_within(0, 1), kind="observes")
    log_every: int = _f(1, "optimizer steps between metric lines", check=_within(1, MAX_STEPS), kind="observes")
    report_to: str = _f("none", "trackers that get a copy of metrics.jsonl's rows, the config and the figures: a comma list of tensorboard, wandb, trackio, mlflow, or none; offline, into OUT/trackers/ (drift/trackers.py)", check=trackers.problem, kind="observes")


def kind(name: str) -> str:
    """The resume kind of a field: defines | extends | observes."""
    return {f.name: f.metadata["kind"] for f in fields(Config)}[name]


PLAN_FLAGS = ("plan", "plan_nodes", "plan_gpus", "plan_gpu_gb")


def build_parser(description: str | None = None) -> ArgumentParser:
    parser = ArgumentParser(description=description or __doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", default=None, help=f"a JSON file of overrides, or a name in {PRESETS}")
    add_flags(parser)
    add_plan_flags(parser)
    return parser


def add_plan_flags(parser) -> None:
    """--plan and the job it plans for (drift/plan.py); not part of a run's config."""
    from .io import number

    parser.add_argument("--plan", action="store_true", help="print the memory each phase needs per rank, the sampler's "
                        "batch, the bytes of a save and of a run, and whether the job fits; read the model's config "
                        "only, write nothing, exit")
    parser.add_argument("--plan-nodes", type=number(int, 1, 4096), default=0, help="--plan: nodes (default: this job's, 1)")
    parser.add_argument("--plan-gpus", type=number(int, 1, 1024), default=0,
                        help="--plan: GPUs per node (default: this job's, 1)")
    parser.add_argument("--plan-gpu-gb", type=number(float, 0, 1e5, lo_open=True), default=0,
                        help="--plan: memory of a GPU, GiB (default: this machine's GPU, else 80)")


def add_flags(parser, names: tuple[str, ...] | None = None) -> None:
    """The flags of Config's fields (those named, or all), each with its help and default: train.py's
    parser, and sample.py's sampling flags, from the one definition. A flag not given is None."""
    for f in fields(Config):
        if names is not None and f.name not in names:
            continue
        flag, meta = "--" + f.name.replace("_", "-"), f.metadata
        if f.type in ("bool", bool):
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=None,
                                help=f"{meta['help']} (default {f.default})".replace("%", "%%"))
        else:
            kind_ = {"int": int, "float": float, "str": str}[f.type if isinstance(f.type, str) else f.type.__name__]
            parser.add_argument(flag, type=kind_, default=None, choices=meta["choices"],
                                help=f"{meta['help']} (default {f.default!r})".replace("%", "%%"))


def settle(values, names: tuple[str, ...], error) -> None:
    """Give the named fields of `values` (a namespace) that were not set Config's default, and check
    every one against its choices and range: error(message) on the first problem."""
    for f in fields(Config):
        if f.name not in names:
            continue
        if getattr(values, f.name) is None:
            setattr(values, f.name, f.default)
        value, meta, flag = getattr(values, f.name), f.metadata, "--" + f.name.replace("_", "-")
        if meta["choices"] and value not in meta["choices"]:
            error(f"{flag}: invalid choice {value!r} (choose from {', '.join(meta['choices'])})")
        problem = meta["check"] and meta["check"](value)
        if problem:
            error(f"{flag} {value}: {problem}")


def parse_config(argv=None, description: str | None = None) -> Config:
    """Flags from the dataclass; --preset NAME|PATH supplies defaults, explicit flags win. Every
    value, from a preset or a flag, is checked against its choices and range here: a problem is a
    UsageError (one line, exit 1, through io.cli)."""
    return parse_args(argv, description)[0]


def parse_args(argv=None, description: str | None = None) -> tuple[Config, argparse.Namespace]:
    """parse_config's Config, and the --plan flags (a namespace: plan, plan_nodes, plan_gpus, plan_gpu_gb)."""
    parser = build_parser(description)
    args = parser.parse_args(argv)
    plan = argparse.Namespace(**{k: getattr(args, k) for k in PLAN_FLAGS})
    for k in PLAN_FLAGS:
        delattr(args, k)
    values = {}
    if args.preset:
        try:
            values.update(load_preset(args.preset))
        except ValueError as e:
            parser.error(str(e))
    values.update({k: v for k, v in vars(args).items() if v is not None and k != "preset"})
    cfg = Config(**values)
    settle(cfg, tuple(f.name for f in fields(Config)), parser.error)
    if cfg.attn_implementation == "flash_attention_2" and importlib.util.find_spec("flash_attn") is None:
        parser.error("--attn-implementation flash_attention_2 needs the flash-attn package, which is not installed")
    if cfg.iterations == 0 and cfg.warm_epochs == 0:
        parser.error("nothing to train: --iterations 0 and --warm-epochs 0")
    if cfg.warm_epochs > 0 and not cfg.seed_data:
        parser.error(f"--seed-data is empty: the warm start (--warm-epochs {cfg.warm_epochs}) trains on DSAT->SAT pairs; "
                     "pass --seed-data FILE (filter_data.py writes seed.jsonl), or --warm-epochs 0 to skip it")
    check_evaluation(cfg, parser.error)
    check_lora(cfg, parser.error)
    if cfg.instruction != INSTRUCTION and (cfg.guidance == "unguided" or cfg.method == "spin"):
        parser.error("--instruction ends guided prompts, and "
                     + ("--method spin" if cfg.method == "spin" else "--guidance unguided") + " samples from the conversation alone")
    rows = "sat_data" if cfg.method == "spin" else "dsat_data"
    if cfg.iterations > 0 and not getattr(cfg, rows):
        parser.error(f"--{rows.replace('_', '-')} is empty: --method {cfg.method} iterates on "
                     f"{'SAT' if rows == 'sat_data' else 'DSAT'} rows; pass --{rows.replace('_', '-')} FILE "
                     f"(filter_data.py writes {rows.split('_')[0]}.jsonl), or --iterations 0 for the warm start alone")
    return cfg, plan


def check_lora(cfg: Config, error) -> None:
    """The LoRA flags agree: the others need a rank, and a rank needs peft."""
    if cfg.lora_rank == 0:
        for name in ("lora_alpha", "lora_dropout", "lora_target_modules"):
            if getattr(cfg, name) != getattr(Config, name):
                error(f"--{name.replace('_', '-')} configures the LoRA adapters: pass --lora-rank R too (0 = full fine-tuning)")
        return
    if not [m for m in cfg.lora_target_modules.split(",") if m.strip()]:
        error("--lora-target-modules is empty: all-linear, or a comma list of module names")
    if importlib.util.find_spec("peft") is None:
        error("--lora-rank needs the peft package, which is not installed (pip install -r requirements-extra.txt)")


def check_evaluation(cfg: Config, error) -> None:
    """The evaluation flags agree: scorers need held-out data, a criterion needs its scorer."""
    if not cfg.eval_data:
        for name in ("eval_reward_model", "judge_model"):
            if getattr(cfg, name):
                error(f"--{name.replace('_', '-')} scores the held-out evaluation: pass --eval-data FILE too")
    if cfg.judge_model and not cfg.judge_rubric:
        cfg.judge_rubric = str(PRESETS / "judge_compare.txt")
    if cfg.judge_rubric and not cfg.judge_model:
        error("--judge-rubric without --judge-model: nothing reads it")
    needs = {"judge_vs_rejected": "judge_model", "judge_vs_base": "judge_model", "reward": "eval_reward_model"}
    if cfg.select_by in needs and not getattr(cfg, needs[cfg.select_by]):
        error(f"--select-by {cfg.select_by} needs --{needs[cfg.select_by].replace('_', '-')}")


def load_preset(name_or_path: str) -> dict:
    path = Path(name_or_path)
    if not path.exists():
        path = PRESETS / f"{name_or_path}.json"
    if not path.exists():
        known = sorted(p.stem for p in PRESETS.glob("*.json"))
        raise ValueError(f"unknown preset {name_or_path!r}: not a file, and not one of {known}")
    try:
        values = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as e:
        raise ValueError(f"{path}: not a JSON object of config fields ({type(e).__name__}: {e})") from None
    if not isinstance(values, dict):
        raise ValueError(f"{path}: not a JSON object of config fields (it holds {type(values).__name__} {values!r:.40})")
    known_fields = {f.name: f for f in fields(Config)}
    unknown = set(values) - set(known_fields) - {"_comment"}
    if unknown:
        raise ValueError(f"{path}: unknown config fields {sorted(unknown)}")
    values.pop("_comment", None)
    for name, value in values.items():
        want = known_fields[name].type
        want = {"int": int, "float": (int, float), "str": str, "bool": bool}[want if isinstance(want, str) else want.__name__]
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise ValueError(f"{path}: field {name!r}: expected {known_fields[name].type}, got {value!r}")
    return values


def config_dict(cfg: Config) -> dict:
    return asdict(cfg)
