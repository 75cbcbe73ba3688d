"""Fresh samples from the current policy: batched, reproducible, checked, data-parallel.

    samples, counts = sample(policy, tokenizer, [SampleRequest(prompt_ids, seed), ...], cfg, rank=r, world_size=w)

A sample is a function of (model, prompt, seed) alone: the same at batch size 1 or 64, on 1 rank
or 8. generate runs greedy with one logits processor, RowSampler (drift/generation.py), which
applies the repetition penalty, temperature, top-k and top-p exactly as HF's processors do and
draws each row's token from the row's own generator (HF's sampling draws a whole batch at once, so
a row's sample would depend on its batch-mates). A call's batch is sized to the memory the device
has free (plan_batch, drift/memory.py's model). The quality gate (pitfall 8), in order: "no_eos"
(no end of turn within max_new_tokens; kept and counted "cut" under cut="keep", the authors'
choice), "empty", "same_as_rejected" (y-, whitespace collapsed), "role_marker" (a line opening
"User:", "Assistant:" or "System:", or a special token inside the reply). A failed sample is
re-drawn up to max_retries times with a new seed, then dropped (None); quality_gate=False keeps
every one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass

import torch
from tqdm.auto import tqdm

from . import dist as D
from .config import Config
from .data import ChatEncoder
from .generation import PREFILL_TOKENS, RowSampler, _packable, draw, generate_batch, packable, top_p_remove  # noqa: F401
from .prompts import INSTRUCTION

GATE_REASONS = ("no_eos", "empty", "same_as_rejected", "role_marker")  # Counter keys, besides "kept" and "cut"
ROLE_MARKER = re.compile(r"^[ \t]*(?:User|Assistant|System):", re.MULTILINE)


@dataclass
class SamplingConfig:
    """The sampler's settings. Their defaults, help and ranges are the flags' (config.Config):
    train.py and sample.py build one with from_config."""

    temperature: float = Config.temperature  # 0 = greedy
    top_p: float = Config.top_p
    top_k: int = Config.top_k
    repetition_penalty: float = Config.repetition_penalty  # HF's, over each row's own prompt and reply
    max_new_tokens: int = Config.max_new_tokens
    cut: str = Config.cut_samples  # a reply cut at max_new_tokens: keep (a truncated response) | redraw
    batch_size: int = Config.sample_batch_size  # per generate call and rank; 0 = from free memory
    max_retries: int = Config.max_retries
    quality_gate: bool = True  # False: keep every sample (evaluation does)
    seed: int = Config.seed  # base seed; a request's seed derives from it
    max_prompt_length: int = Config.sample_max_prompt_length
    instruction: str = INSTRUCTION  # the improvement instruction of guided prompts
    prefill: str = "auto"  # packed (each prompt alone) | padded (rows together up to prefill_tokens) | auto
    prefill_tokens: int = Config.sample_prefill_tokens  # most tokens in one prefill forward; 0 = PREFILL_TOKENS
    memory_gb: float = Config.sample_memory_gb  # the batch's budget beyond the weights; 0 = the device's (sample_budget)
    compile: bool = Config.sampler_compile

    @classmethod
    def from_config(cls, cfg, **changes) -> "SamplingConfig":
        """From train.py's Config or sample.py's flags (the same names), with `changes` applied."""
        return dataclasses.replace(cls(
            temperature=cfg.temperature, top_p=cfg.top_p, top_k=cfg.top_k, repetition_penalty=cfg.repetition_penalty,
            max_new_tokens=cfg.max_new_tokens, cut=cfg.cut_samples, batch_size=cfg.sample_batch_size,
            max_retries=cfg.max_retries, seed=cfg.seed, max_prompt_length=cfg.sample_max_prompt_length,
            compile=cfg.sampler_compile, prefill_tokens=cfg.sample_prefill_tokens, memory_gb=cfg.sample_memory_gb,
            instruction=cfg.instruction),
            **changes)

    def settings(self) -> dict:
        """What decides a sample besides model, prompt and seed: recorded next to every sample."""
        return {k: v for k, v in asdict(self).items()
                if k not in ("batch_size", "seed", "instruction", "prefill", "prefill_tokens", "memory_gb", "compile")}


@dataclass
class SampleRequest:
    prompt_ids: list[int]  # rendered prompt (prompts.build_prompt)
    seed: int  # this request's seed; attempt a draws with derive_seed(seed, a)
    rejected: str | None = None  # a sample equal to this text fails the gate
    style: str = "unguided"  # the prompt's style, carried to the Sample for provenance


@dataclass
class Sample:
    text: str  # the reply, special tokens removed, stripped
    n_tokens: int  # generated tokens, end-of-turn included
    prompt_tokens: int  # tokens of the rendered prompt
    seed: int  # seed of the draw that was kept: with model and prompt it reproduces `text`
    attempts: int  # draws made; 1 = the first one passed
    style: str  # prompt style used
    cut: bool = False  # reached max_new_tokens without an end of turn (kept under cfg.cut="keep")


def derive_seed(*parts) -> int:
    """A 63-bit seed from ints and strings, the same on every machine and run (unlike hash())."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


def stop_ids(model, tokenizer) -> list[int]:
    """Every token that ends a reply: the model's generation EOS (int or list), the tokenizer's
    EOS and the chat template's end-of-turn (not always the EOS: Gemma's <end_of_turn>)."""
    ids = set()
    eos = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
    ids.update(eos if isinstance(eos, (list, tuple)) else [eos])
    ids.add(tokenizer.eos_token_id)
    if tokenizer.chat_template is not None:
        # the end of turn's last token, when it is a token of its own ("<|eot_id|>", " </s>"'s "</s>");
        # an end of turn of plain text cannot stop generate by itself
        last = ChatEncoder(tokenizer).end_of_turn_ids[-1]
        specials = set(tokenizer.all_special_ids) | {i for i, t in tokenizer.added_tokens_decoder.items() if t.special}
        if last in specials:
            ids.add(last)
    ids.discard(None)
    return sorted(ids)


CPU_BATCH = 16  # rows a generate call on CPU without a budget: prefill time, not memory, is what limits it there


def sample_budget(device: torch.device, memory_gb: float) -> int | None:
    """Bytes the sampler may use for its batch beyond the gathered weights: memory_gb when set;
    else on CUDA 90% of the memory free once the allocator's cache is emptied (what it merely
    holds would otherwise look used, and the batch would depend on it); else None (CPU)."""
    if memory_gb:
        return int(memory_gb * 2**30)
    if device.type != "cuda":
        return None
    torch.cuda.empty_cache()
    return int(0.9 * torch.cuda.mem_get_info(device)[0])


def plan_batch(model, cfg: SamplingConfig, longest_prompt: int, budget: int | None = None) -> tuple[int, int]:
    """(rows a generate call, tokens a prefill forward) for prompts of up to longest_prompt tokens:
    sized by the memory model (drift.memory.sampling) to the budget (sample_budget), counting the
    cache slab, a prefill chunk and a decode step; on CPU without a budget CPU_BATCH rows. A
    budget that does not hold one row is a UsageError, before anything is sampled."""
    from .io import UsageError
    from .memory import shapes_of

    device = model.get_input_embeddings().weight.device
    padded = cfg.prefill == "padded" or (cfg.prefill == "auto" and device.type == "cuda")
    chunk = cfg.prefill_tokens or PREFILL_TOKENS
    budget = budget if budget is not None else sample_budget(device, cfg.memory_gb)
    if budget is None:
        return CPU_BATCH, chunk
    c = torch.finfo(next(p.dtype for p in model.parameters() if p.is_floating_point())).bits // 8  # gathered: compute
    whole = cfg.compile or not _packable(model)
    fit = fit_batch(shapes_of(model), budget, longest_prompt, cfg.max_new_tokens, c, padded, chunk, whole)
    if fit is None:
        raise UsageError(budget_problem(budget, longest_prompt, cfg.max_new_tokens))
    return fit[0], chunk if whole else fit[1]


def fit_batch(shapes, budget: int, prompt: int, new_tokens: int, c: int, padded: bool, chunk: int, whole: bool):
    """drift.memory.sampler_batch for this sampler: where `whole`, generate's own prefill runs the
    whole padded batch in one forward (--sampler-compile, or a model whose cache the sampler's
    prefill cannot fill), so no chunk bounds it."""
    from .memory import sampler_batch

    return sampler_batch(shapes, budget, prompt=prompt, new_tokens=new_tokens, c=c, padded=padded or whole,
                         prefill_tokens=1 << 40 if whole else chunk, halve=not whole)


def budget_problem(budget: int, prompt: int, new_tokens: int) -> str:
    from .memory import GIB

    return (f"the sampler's memory budget ({budget / GIB:.2f} GiB beyond the weights) does not hold one row of "
            f"{prompt} + {new_tokens} tokens, even with prefill chunks of 256 tokens: raise --sample-memory-gb, or "
            "lower --sample-max-prompt-length or --max-new-tokens")


def decide_batch(model, cfg: SamplingConfig, longest_prompt: int, reserve: int = 0) -> tuple[int, int]:
    """The (batch, prefill chunk) every rank uses for a whole run: cfg's batch when set, else
    plan_batch's with the weights gathered (on CUDA what is free then, less `reserve` bytes that
    will be allocated later), the smallest over the ranks. Collective; a budget that holds no row
    is the same UsageError on every rank."""
    from .io import UsageError

    if cfg.batch_size:
        return cfg.batch_size, cfg.prefill_tokens or PREFILL_TOKENS
    with D.sampling_mode(model):
        budget = sample_budget(model.get_input_embeddings().weight.device, cfg.memory_gb)
        try:
            batch, chunk = plan_batch(model, cfg, longest_prompt, None if budget is None else budget - reserve)
        except UsageError as e:
            batch, chunk, problem = 0, 0, str(e)
    device = next(model.parameters()).device
    both = torch.tensor([batch, chunk], device=device)
    D.all_reduce_min(both)
    if not int(both[0]):
        raise UsageError(problem if not batch else "the sampler's memory budget holds no row on another rank")
    return int(both[0]), int(both[1])


def check(completion: list[int], text: str, rejected: str | None, eos_ids: set, special_ids: set,
          keep_cut: bool = False) -> str:
    """The quality gate: the first failed check's reason, or "kept". A completion that did not
    reach an end of turn fails as "no_eos" unless `keep_cut`."""
    ended = bool(completion) and completion[-1] in eos_ids
    if not ended and not keep_cut:
        return "no_eos"
    if not text.strip():
        return "empty"
    if rejected is not None and " ".join(text.split()) == " ".join(rejected.split()):
        return "same_as_rejected"
    if any(t in special_ids for t in (completion[:-1] if ended else completion)) or ROLE_MARKER.search(text):
        return "role_marker"
    return "kept"


# ----------------------------------------------------------------------------- sampling


def sample(model, tokenizer, requests: list[SampleRequest], cfg: SamplingConfig, *, rank: int = 0,
           world_size: int = 1, desc: str | None = None, should_stop=None) -> tuple[list[Sample | None], Counter]:
    """Draw one checked sample per request. Every rank passes the same `requests` and gets the
    same result back: a list in input order (None where the sample was dropped) and a Counter
    with one entry per request ("kept" or the drop reason). `desc` labels a progress bar on rank 0.
    should_stop: asked between batches; once it says yes the rank samples no more, and what it has
    not sampled comes back None (drift.stop: the caller then stops without keeping any of it).
    """
    eos_ids = stop_ids(model, tokenizer)
    eos_set, special_ids = set(eos_ids), set(tokenizer.all_special_ids)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else eos_ids[0]
    n_passes = 1 + (cfg.max_retries if cfg.quality_gate else 0)

    results: dict[int, Sample | None] = {}
    counts: Counter = Counter()
    todo = list(range(rank, len(requests), world_size))  # this rank's share, as indices into requests
    # smoothing 0: the rate and ETA of the whole pass so far (a batch's prompts finish together, so
    # tqdm's moving average would read one batch's wait as one prompt's)
    bar = tqdm(total=len(todo), desc=desc, unit="prompt", disable=desc is None or rank != 0, leave=False, smoothing=0)
    n_tokens, t0 = 0, time.perf_counter()
    with D.sampling_mode(model), bar:
        longest = max((len(requests[i].prompt_ids) for i in todo), default=1)
        if not cfg.batch_size:  # after the gather: what is free now is what the batch may use
            batch_size, chunk = plan_batch(model, cfg, longest)
            cfg = dataclasses.replace(cfg, prefill_tokens=chunk)
        batch_size = cfg.batch_size or batch_size
        for attempt in range(n_passes):
            order = sorted(todo, key=lambda i: -len(requests[i].prompt_ids))  # longest first: less padding, OOM early
            batches = [order[j: j + batch_size] for j in range(0, len(order), batch_size)]
            todo = []  # the next pass re-draws what fails this one
            for batch in batches:
                if should_stop is not None and should_stop():
                    break
                seeds = [derive_seed(requests[i].seed, attempt) for i in batch]
                prompts = [requests[i].prompt_ids for i in batch]
                completions = generate_batch(model, prompts, seeds, cfg, eos_ids, pad_id)
                for i, seed, completion in zip(batch, seeds, completions):
                    n_tokens += len(completion)
                    text = tokenizer.decode(completion, skip_special_tokens=True).strip()
                    reason = check(completion, text, requests[i].rejected, eos_set, special_ids, cfg.cut == "keep")
                    if reason != "kept" and cfg.quality_gate and attempt + 1 < n_passes:
                        todo.append(i)
                        continue
                    keep = reason == "kept" or not cfg.quality_gate
                    cut = not completion or completion[-1] not in eos_set
                    results[i] = Sample(text, len(completion), len(requests[i].prompt_ids), seed, attempt + 1,
                                        requests[i].style, cut) if keep else None
                    counts["kept" if keep else reason] += 1
                    if keep and cut:
                        counts["cut"] += 1  # kept, but cut at max_new_tokens (one of the "kept")
                    bar.update(1)
                bar.set_postfix(tok_s=f"{n_tokens / (time.perf_counter() - t0):.1f}", redraws=len(todo))

    merged: dict[int, Sample | None] = {}
    total: Counter = Counter()
    for part_results, part_counts in [(results, counts)] if world_size == 1 else D.gather_objects((results, counts)):
        merged.update(part_results)
        total.update(part_counts)
    return [merged.get(i) for i in range(len(requests))], total
