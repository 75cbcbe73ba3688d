"""`train.py --plan` and `sample.py --plan`: what a run needs, per rank and per phase, before it
runs. Reads the model's config only (the weights are never touched: the model is built on the meta
device), applies drift.memory's model to the flags and the job's shape, and says whether it fits
and, when it does not, what to change. Writes nothing.

    python train.py --preset paper_qwen2.5_7b --plan                                 # this machine's job
    python train.py --preset paper_qwen2.5_7b --plan --plan-nodes 2 --plan-gpus 8 --plan-gpu-gb 80
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

import torch

from . import memory as M
from .io import DataError

CONFIGS = Path(__file__).resolve().parent.parent / "presets" / "configs"  # known models' config.json, offline
MARGIN = 0.92  # of a device's memory the plan counts on: the allocator's fragmentation, CUDA's context


@dataclass(frozen=True)
class Job:
    """Where a run would run: nodes x GPUs per node, each GPU with gpu_bytes of memory."""

    nodes: int
    gpus: int
    gpu_bytes: int

    @property
    def ranks(self) -> int:
        return self.nodes * self.gpus

    def shard_ranks(self, sharding: str) -> int:
        """Ranks a parameter is sharded over: all of them, or one node's (hybrid; auto = hybrid on
        several nodes)."""
        hybrid = sharding == "hybrid" or (sharding == "auto" and self.nodes > 1)
        return self.gpus if hybrid else self.ranks

    def describe(self) -> str:
        return f"{self.nodes} node{'s' * (self.nodes > 1)} x {self.gpus} GPU{'s' * (self.gpus > 1)} of {gib(self.gpu_bytes)}"


def gib(n: float) -> str:
    return f"{n / M.GIB:.1f} GiB"


def this_job(nodes: int = 0, gpus: int = 0, gpu_gb: float = 0) -> Job:
    """The job the flags name, else the one this process runs in: torchrun's world (WORLD_SIZE,
    LOCAL_WORLD_SIZE), else one GPU; this machine's GPU memory, else 80 GiB."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    local = int(os.environ.get("LOCAL_WORLD_SIZE", str(world)))
    gpus = gpus or (local if not nodes else max(1, world // nodes))
    nodes = nodes or max(1, world // max(1, local))
    if gpu_gb:
        memory = int(gpu_gb * M.GIB)
    elif torch.cuda.is_available():
        memory = torch.cuda.get_device_properties(0).total_memory
    else:
        memory = 80 * M.GIB
    return Job(nodes, gpus, memory)


def reply_length_problem(max_new_tokens: int, config) -> str | None:
    """Why replies of max_new_tokens cannot fit the model's positions (config: model_config's), or None."""
    positions = getattr(config.get_text_config(), "max_position_embeddings", None)
    if positions and max_new_tokens >= positions:
        return (f"--max-new-tokens {max_new_tokens} is more than the model takes ({positions} positions in all, "
                "prompt included)")
    return None


def model_config(name_or_path: str):
    """The config of --model, without its weights: a folder's config.json; a hub id from
    presets/configs/ when it is there (offline), else from the hub (or its local cache); the
    embedded model from its converted folder (converted first if needed)."""
    from transformers import AutoConfig

    from .embedded import resolve_model

    name = str(name_or_path or "")
    known = CONFIGS / f"{name.rstrip('/').split('/')[-1]}.json"
    if name and not Path(name).exists() and known.is_file():
        from transformers import CONFIG_MAPPING

        values = json.loads(known.read_text(encoding="utf-8"))
        return CONFIG_MAPPING[values["model_type"]](**{k: v for k, v in values.items() if k != "model_type"})
    path = resolve_model(name)
    try:
        return AutoConfig.from_pretrained(path)
    except (OSError, ValueError) as e:
        raise DataError(path, None, None, f"cannot read the model's config ({str(e).splitlines()[0]})") from None


def _c(dtype: str, job_has_cuda: bool = True) -> int:
    """Bytes of the compute dtype a run on GPUs would use."""
    return {"bf16": 2, "fp32": 4, "auto": 2 if job_has_cuda else 4}[dtype]


def training_phases(sh: M.Shapes, cfg, job: Job, lora: M.Adapters | None = None) -> dict[str, M.Peak]:
    """Per-rank device memory of each phase of train.py under `cfg` on `job` (lora: the adapters
    of a --lora-rank run)."""
    c, S = _c(cfg.dtype), job.shard_ranks(cfg.sharding)
    tokens = cfg.micro_batch_size * 2 * cfg.max_length  # every row at max_length: the worst micro-batch
    accumulation = max(1, cfg.batch_size // (cfg.micro_batch_size * job.ranks))
    base = cfg.ref == "base" and cfg.iterations > 0
    phases = {
        "training step": M.training_step(sh, tokens=tokens, scored=tokens, chunk=cfg.logps_chunk_size, c=c, ranks=S,
                                         checkpointing=cfg.activation_checkpointing, accumulation=accumulation,
                                         frozen_base=base, lora=lora),
        "reference pass": M.reference_pass(sh, tokens=tokens, scored=tokens, chunk=cfg.logps_chunk_size, c=c, ranks=S,
                                           frozen=base, lora=lora),
    }
    if cfg.iterations > 0:
        batch, chunk = sampler_choice(sh, cfg, job, lora)
        phases[f"sampling ({batch} rows, prefill {chunk} tokens)"] = M.sampling(
            sh, batch=batch, prompt=cfg.sample_max_prompt_length, new_tokens=cfg.max_new_tokens, prefill_tokens=chunk,
            c=c, ranks=S, frozen_base=base, lora=lora)
    phases["export"] = M.export(sh, c=c, ranks=S, lora=lora)[0]
    return phases


def sampler_choice(sh: M.Shapes, cfg, job: Job, lora: M.Adapters | None = None) -> tuple[int, int]:
    """(rows a generate call, tokens a prefill forward) the sampler would choose on a GPU of the
    job: --sample-batch-size, or what fits --sample-memory-gb, or what fits the memory left beside
    the weights (the shards and the gathered compute copy)."""
    from .sampler import PREFILL_TOKENS

    c, S = _c(cfg.dtype), job.shard_ranks(cfg.sharding)
    chunk = cfg.sample_prefill_tokens or PREFILL_TOKENS
    if cfg.sample_batch_size:
        return cfg.sample_batch_size, chunk
    budget = int(cfg.sample_memory_gb * M.GIB) if cfg.sample_memory_gb else int(
        MARGIN * job.gpu_bytes - M.resident_bytes(sh, c=c, ranks=S, lora=lora) - c * sh.params
        - (c * sh.shard_numel(S) if cfg.ref == "base" and not lora else 0))
    fit = M.sampler_batch(sh, max(0, budget), prompt=cfg.sample_max_prompt_length, new_tokens=cfg.max_new_tokens, c=c,
                          padded=True, prefill_tokens=chunk)
    return fit if fit else (0, chunk)


def advice(sh: M.Shapes, cfg, job: Job, need: int, lora: M.Adapters | None = None) -> str:
    """One line: the first changes, in the order a user would try them, that make every phase fit."""
    from .trainer import batch_problem

    def peak(c, j):
        return max(p.total for p in training_phases(sh, c, j, lora).values())

    limit = MARGIN * job.gpu_bytes
    tries = []
    if not cfg.activation_checkpointing:
        tries.append(("--activation-checkpointing", replace(cfg, activation_checkpointing=True), job))
    micro = cfg.micro_batch_size
    while micro > 1:
        micro //= 2
        tries.append((f"--micro-batch-size {micro}", replace(cfg, micro_batch_size=micro), job))
    gpus, nodes = job.gpus, job.nodes
    for _ in range(4):  # more ranks: a node's GPUs first, then nodes
        gpus, nodes = (gpus * 2, nodes) if gpus < 8 else (gpus, nodes * 2)
        where = f"{gpus} GPUs a node" + (f" on {nodes} nodes (--sharding full)" if nodes > 1 else "")
        tries.append((where, replace(cfg, sharding="full" if nodes > 1 else cfg.sharding), replace(job, gpus=gpus, nodes=nodes)))
    done = []
    for what, c, j in tries:
        if batch_problem(c.batch_size, c.micro_batch_size, j.ranks) is None and peak(c, j) <= limit:
            return f"to fit, use {what} ({gib(peak(c, j))} a rank)"
        done.append(what)
    return (f"does not fit even with {', '.join(done)}: a larger GPU, a smaller --max-length"
            + ("" if lora else ", or LoRA (--lora-rank 16)"))


def train_plan(cfg, job: Job) -> str:
    """The text train.py --plan prints."""
    from .trainer import batch_problem

    config = model_config(cfg.model)
    sh = M.shapes_of(config)
    lora = None
    if cfg.lora_rank:
        from .lora import on_meta

        try:
            lora = M.adapters_of(on_meta(config, cfg))
        except ValueError as e:
            raise DataError(cfg.model or "the embedded model", None, None, str(e)) from None
    c, S = _c(cfg.dtype), job.shard_ranks(cfg.sharding)
    stages = (1 if cfg.warm_epochs else 0) + cfg.iterations
    trains = (f"LoRA rank {cfg.lora_rank} ({lora.numel / 1e6:.1f} M fp32 adapter parameters), the base frozen in "
              f"{'bf16' if c == 2 else 'fp32'}" if lora else "fp32 master weights")
    lines = [f"plan for {cfg.model or 'the embedded model'}: {sh.params / 1e9:.2f} B parameters, {sh.layers} layers, "
             f"hidden {sh.hidden}, vocabulary {sh.vocab:,}; {'bf16' if c == 2 else 'fp32'} compute, {trains}",
             f"job: {job.describe()}; parameters sharded over {S} rank{'s' * (S > 1)}"
             + (" (hybrid: replicated across nodes)" if S < job.ranks else ""),
             f"micro-batch {cfg.micro_batch_size} pairs x 2 rows x {cfg.max_length} tokens"
             + (", activation checkpointing" if cfg.activation_checkpointing else ""), "",
             "per-rank device memory" + " " * 26 + "resident   working      peak  moment"]
    phases = training_phases(sh, cfg, job, lora)
    for name, p in phases.items():
        lines.append(f"  {name:<44s}{gib(p.resident):>10}{gib(p.working):>10}{gib(p.total):>10}  {p.at}")
    device_load, host_load = M.loading(sh, ranks=S)
    host_export = M.export(sh, c=c, ranks=S, lora=lora)[1]
    lines += ["", f"host memory of rank 0: loading {gib(host_load)}, each export {gib(host_export)}"]
    save_mid, save_end = M.state_bytes(sh, optimizer=True, lora=lora), M.state_bytes(sh, optimizer=False, lora=lora)
    folders = stages * (c * sh.params + (4 * lora.numel if lora else 0))  # a merged folder (and its adapter) a stage
    lines += [f"each save: {save_mid / 1e9:.1f} GB mid-stage, {save_end / 1e9:.1f} GB at a stage's end (all ranks; "
              f"every {cfg.save_every} steps or {cfg.save_every_minutes:g} minutes)",
              f"disk per run: {folders / 1e9:.1f} GB of stage folders ({stages} x {folders / max(1, stages) / 1e9:.1f} GB) and the "
              f"last state, {(folders + 2 * save_mid) / 1e9:.1f} GB at the peak (a new state is written before the old "
              "one goes)"]
    problems = []
    if (why := batch_problem(cfg.batch_size, cfg.micro_batch_size, job.ranks)) is not None:
        problems.append(why)
    need = max(p.total for p in phases.values())
    if cfg.iterations > 0 and sampler_choice(sh, cfg, job, lora)[0] == 0:
        problems.append("the sampler cannot hold one row beside the weights")
    verdict = f"fits: {gib(need)} at the peak of {gib(MARGIN * job.gpu_bytes)} usable a GPU"
    if need > MARGIN * job.gpu_bytes or problems:
        verdict = (f"does not fit: {gib(need)} at the peak of {gib(MARGIN * job.gpu_bytes)} usable a GPU; "
                   + advice(sh, cfg, job, need, lora))
    lines += ["", verdict] + [f"also: {p}" for p in problems]
    return "\n".join(lines)


def sample_plan(args, job: Job) -> str:
    """The text sample.py --plan prints: the sampler's batch and its memory, for each --model."""
    from .generation import PREFILL_TOKENS

    lines = []
    c = 2  # bf16 on a GPU, as sample.py samples there
    models = args.model if isinstance(args.model, list) else [args.model]
    for name in models:
        sh = M.shapes_of(model_config(name))
        S = job.shard_ranks("auto")  # sample.py shards as train.py's default does
        chunk = args.sample_prefill_tokens or PREFILL_TOKENS
        budget = int(args.sample_memory_gb * M.GIB) if args.sample_memory_gb else int(
            MARGIN * job.gpu_bytes - c * sh.shard_numel(S) - c * sh.params)
        fit = (args.sample_batch_size, chunk) if args.sample_batch_size else M.sampler_batch(
            sh, max(0, budget), prompt=args.sample_max_prompt_length, new_tokens=args.max_new_tokens, c=c, padded=True,
            prefill_tokens=chunk)
        lines.append(f"plan for {name or 'the embedded model'} on {job.describe()}: "
                     f"{sh.params / 1e9:.2f} B parameters, {'bf16' if c == 2 else 'fp32'}")
        if not fit:
            lines.append(f"  does not fit: no room for one row of {args.sample_max_prompt_length} + "
                         f"{args.max_new_tokens} tokens beside the weights ({gib(c * sh.shard_numel(S) + c * sh.params)})")
            continue
        p = M.sampling(sh, batch=fit[0], prompt=args.sample_max_prompt_length, new_tokens=args.max_new_tokens,
                       prefill_tokens=fit[1], c=c, ranks=S, frozen=True)
        fits = "fits" if p.total <= MARGIN * job.gpu_bytes else "does not fit"
        lines.append(f"  {fit[0]} rows a generate call, prefill chunks of {fit[1]} tokens; per rank {gib(p.total)} "
                     f"(resident {gib(p.resident)}, working {gib(p.working)}, at {p.at}): {fits}")
    return "\n".join(lines)


def check_budget(config, cfg, dtype: torch.dtype, device: torch.device) -> None:
    """--sample-memory-gb that holds no row of the run's longest prompt and reply: a UsageError,
    said before the run folder is written (the sampler would say the same at its first pass)."""
    from .io import UsageError
    from .sampler import PREFILL_TOKENS, budget_problem, fit_batch, packable

    budget = int(cfg.sample_memory_gb * M.GIB)
    fit = fit_batch(M.shapes_of(config), budget, cfg.sample_max_prompt_length, cfg.max_new_tokens, dtype.itemsize,
                    device.type == "cuda", cfg.sample_prefill_tokens or PREFILL_TOKENS, cfg.sampler_compile or not packable(config))
    if fit is None:
        raise UsageError(f"--sample-memory-gb {cfg.sample_memory_gb:g}: " + budget_problem(
            budget, cfg.sample_max_prompt_length, cfg.max_new_tokens))
