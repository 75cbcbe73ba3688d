"""Fresh samples from the current policy: batched, reproducible, checked, data-parallel.

    samples, counts = sample(policy, tokenizer, [SampleRequest(prompt_ids, seed), ...], cfg, rank=r, world_size=w)

A sample is a function of (model, prompt, seed) alone: the same at batch size 1 or 64, on 1 rank
or 8. generate runs greedy with one logits processor, RowSampler, which applies the repetition
penalty, temperature, top-k and top-p exactly as HF's processors do and draws each row's token
from the row's own generator (HF's sampling draws a whole batch at once, so a row's sample would
depend on its batch-mates). The quality gate (pitfall 8), in order: "no_eos" (no end of turn
within max_new_tokens; kept and counted "cut" under cut="keep", the authors' choice), "empty",
"same_as_rejected" (y-, whitespace collapsed), "role_marker" (a line opening "User:",
"Assistant:" or "System:", or a special token inside the reply). A failed sample is re-drawn up
to max_retries times with a new seed, then dropped (None); quality_gate=False keeps every one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from tqdm.auto import tqdm
from transformers import CompileConfig, DynamicCache, GenerationConfig, LogitsProcessor, LogitsProcessorList
from transformers.cache_utils import DynamicLayer
from transformers.generation import utils as generation_utils

from . import dist as D
from .config import Config
from .data import ChatEncoder
from .prompts import INSTRUCTION

GATE_REASONS = ("no_eos", "empty", "same_as_rejected", "role_marker")  # Counter keys, besides "kept" and "cut"
# generate's cache argument: `cache` from transformers 5.2x on (`past_key_values` is deprecated
# there), `past_key_values` before (5.17 on the GPU machines)
_CACHE_KWARG = "cache" if "cache" in getattr(generation_utils, "ALL_CACHE_NAMES", ()) else "past_key_values"
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
    prefill: str = "auto"  # packed (each prompt alone) | padded (one batched forward) | auto (generate_batch)
    compile: bool = Config.sampler_compile

    @classmethod
    def from_config(cls, cfg, **changes) -> "SamplingConfig":
        """From train.py's Config or sample.py's flags (the same names), with `changes` applied."""
        return dataclasses.replace(cls(
            temperature=cfg.temperature, top_p=cfg.top_p, top_k=cfg.top_k, repetition_penalty=cfg.repetition_penalty,
            max_new_tokens=cfg.max_new_tokens, cut=cfg.cut_samples, batch_size=cfg.sample_batch_size,
            max_retries=cfg.max_retries, seed=cfg.seed, max_prompt_length=cfg.sample_max_prompt_length,
            compile=cfg.sampler_compile), **changes)

    def settings(self) -> dict:
        """What decides a sample besides model, prompt and seed: recorded next to every sample."""
        return {k: v for k, v in asdict(self).items() if k not in ("batch_size", "seed", "instruction", "prefill", "compile")}


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


# ----------------------------------------------------------------------------- one draw per row


class RowSampler(LogitsProcessor):
    """Repetition penalty -> temperature -> top-k -> top-p, as HF's processors compute them, then
    one draw per row from that row's own generator. Returns scores that are 0 at the drawn token
    and -inf elsewhere, so the greedy argmax inside generate picks it.

    The penalty covers each row's own tokens, prompt and generated (as HF's, which sees a row's
    whole input_ids), but not the left padding of a batch: a row is penalised as it would be alone.
    """

    def __init__(self, seeds: list[int], temperature: float, top_k: int, top_p: float, device,
                 repetition_penalty: float = 1.0, prompt_lengths: list[int] | None = None):
        self.generators = [torch.Generator(device=device).manual_seed(s) for s in seeds]
        self.temperature, self.top_k, self.top_p = temperature, top_k, top_p
        self.penalty = repetition_penalty
        self.prompt_lengths = prompt_lengths
        self.seen = None  # (B, V) bool: token v occurs in row b; grown as generate appends tokens
        self.n_read = 0  # positions of input_ids already in `seen`

    def penalize(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
        """(B, L) ids so far, (B, V) logits -> penalised logits (RepetitionPenaltyLogitsProcessor)."""
        if self.penalty == 1.0:
            return scores
        B, L = input_ids.shape
        if self.seen is None:
            lengths = torch.tensor(self.prompt_lengths or [L] * B, device=input_ids.device)  # (B,)
            real = torch.arange(L, device=input_ids.device)[None, :] >= (L - lengths)[:, None]  # (B, L), no left padding
            counts = torch.zeros(B, scores.size(-1), dtype=torch.long, device=scores.device)
            self.seen = counts.scatter_add_(1, input_ids, real.long()) > 0  # (B, V)
        else:
            self.seen.scatter_(1, input_ids[:, self.n_read:], True)
        self.n_read = L
        penalised = torch.where(scores < 0, scores * self.penalty, scores / self.penalty)  # (B, V)
        return torch.where(self.seen, penalised, scores)

    def warp(self, scores: torch.Tensor) -> torch.Tensor:
        """(B, V) logits -> (B, V) processed logits, filtered tokens at -inf. Mirrors
        TemperatureLogitsWarper, TopKLogitsWarper and TopPLogitsWarper (min_tokens_to_keep=1)."""
        scores = scores / self.temperature
        if self.top_k > 0:
            kth = torch.topk(scores, min(self.top_k, scores.size(-1)))[0][..., -1, None]  # (B, 1)
            scores = scores.masked_fill(scores < kth, -float("inf"))
        if self.top_p < 1.0:
            sorted_logits, sorted_idx = torch.sort(scores, descending=False)  # (B, V) ascending
            cum_probs = sorted_logits.softmax(dim=-1).cumsum(dim=-1)  # (B, V)
            sorted_remove = cum_probs <= (1 - self.top_p)
            sorted_remove[..., -1:] = False  # keep at least the most likely token
            remove = sorted_remove.scatter(1, sorted_idx, sorted_remove)  # (B, V) in vocabulary order
            scores = scores.masked_fill(remove, -float("inf"))
        return scores

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
        scores = self.penalize(input_ids, scores)
        if self.temperature <= 0:
            tokens = scores.argmax(dim=-1)  # (B,)
        else:
            probs = self.warp(scores.float()).softmax(dim=-1).double()  # (B, V)
            cdf = probs.cumsum(dim=-1)  # (B, V)
            # one uniform per row from the row's own generator: u in [0, 1), token = first cdf > u * total
            u = torch.cat([torch.rand(1, generator=g, device=g.device, dtype=torch.float64) for g in self.generators])
            tokens = torch.searchsorted(cdf, (u * cdf[:, -1])[:, None], right=True).squeeze(1)  # (B,)
            tokens = tokens.clamp_(max=scores.size(-1) - 1)
        forced = torch.full_like(scores, -float("inf"))  # (B, V)
        return forced.scatter_(1, tokens[:, None], 0.0)


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


def _packable(model) -> bool:
    """Whether packed prefill applies: every layer keeps a plain full-attention KV cache (no
    sliding window, no linear attention), so caches can be stacked along the batch."""
    config = model.config.get_text_config()
    layer_types = getattr(config, "layer_types", None)
    if layer_types is not None:
        return all(t == "full_attention" for t in layer_types)
    return getattr(config, "sliding_window", None) is None


def packed_prefill(model, prompts: list[list[int]], pad_id: int):
    """Run every prompt but its last token through the model alone (no padding) and stack the KV
    caches, left-padded, into one batch cache; generate then starts from it and only computes
    the last prompt token. Prefilling a padded batch instead runs every row through the longest
    row's length, and on CPU prefill is most of the sampling time. Returns None (prefill left
    to generate) when the cache layers cannot be stacked.
    """
    device = model.get_input_embeddings().weight.device
    T = max(len(p) for p in prompts)
    caches = []
    for p in prompts:
        out = model(input_ids=torch.tensor([p[:-1] or [pad_id]], device=device), use_cache=True, logits_to_keep=1)
        caches.append(getattr(out, _CACHE_KWARG) if len(p) > 1 else None)  # a 1-token prompt has nothing to prefill
    ref = next((c for c in caches if c is not None), None)
    if ref is None or any(type(layer) is not DynamicLayer for layer in ref.layers):
        return None
    batch = DynamicCache()
    for layer in range(len(ref.layers)):
        like = ref.layers[layer].keys  # (1, H, t, D)
        for kind in ("keys", "values"):
            rows = [getattr(c.layers[layer], kind) if c is not None else like[:, :, :0] for c in caches]
            rows = [F.pad(r, (0, 0, T - 1 - r.shape[2], 0)) for r in rows]  # left-pad the time axis
            if kind == "keys":
                keys = torch.cat(rows)  # (B, H, T-1, D)
            else:
                batch.update(keys, torch.cat(rows), layer)
    return batch


def generate_batch(model, prompts: list[list[int]], seeds: list[int], cfg: SamplingConfig, eos_ids: list[int],
                   pad_id: int) -> list[list[int]]:
    """One generate call on a left-padded batch; returns each row's new tokens (ending at the
    first EOS, or max_new_tokens long). With cfg.compile the KV cache is static and the forward
    compiled (for the first call's shapes, then once more with dynamic shapes for all the others),
    the eager path's tokens; whether it is faster depends on the device (bench/bench_sampler.py)."""
    device = model.get_input_embeddings().weight.device
    B, T = len(prompts), max(len(p) for p in prompts)
    input_ids = torch.full((B, T), pad_id, dtype=torch.long)  # (B, T)
    attention_mask = torch.zeros((B, T), dtype=torch.long)  # (B, T)
    for r, p in enumerate(prompts):
        input_ids[r, T - len(p):] = torch.tensor(p)
        attention_mask[r, T - len(p):] = 1
    cache = None
    # On CPU, prefill is most of the sampling time and a padded batch runs every row through the
    # longest row's length: each prompt is prefilled alone (packed). On a GPU one batched forward
    # keeps the device busy where B small ones would run one after the other: padded (generate's
    # own prefill). bench/gpu_check.py measures both.
    packed = cfg.prefill == "packed" or (cfg.prefill == "auto" and device.type != "cuda")
    if packed and not cfg.compile and _packable(model) and T > 1:  # a static cache is generate's own
        cache = packed_prefill(model, prompts, pad_id)
    gen_config = GenerationConfig(
        max_new_tokens=cfg.max_new_tokens, do_sample=False, num_beams=1, use_cache=True,
        eos_token_id=eos_ids, pad_token_id=pad_id,
        # explicit neutral values: unset fields would be filled from the checkpoint's
        # generation_config.json, and e.g. a repetition penalty there would change the samples
        # (temperature, top-k and top-p are not read in greedy mode)
        repetition_penalty=1.0, no_repeat_ngram_size=0, min_new_tokens=0,
        **(_compiled() if cfg.compile else {}),
    )
    sampler = RowSampler(seeds, cfg.temperature, cfg.top_k, cfg.top_p, device, cfg.repetition_penalty,
                         [len(p) for p in prompts])
    out = model.generate(
        input_ids=input_ids.to(device), attention_mask=attention_mask.to(device), **{_CACHE_KWARG: cache},
        # the weights are gathered for the whole pass (gathered()), so a forward needs no collective
        # and every rank runs its own batches at its own pace
        generation_config=gen_config, logits_processor=LogitsProcessorList([sampler]), synced_gpus=False,
    )  # (B, T + new)
    eos = set(eos_ids)
    rows = []
    for row in out[:, T:].tolist():
        end = next((t + 1 for t, tok in enumerate(row) if tok in eos), len(row))
        rows.append(row[:end])
    return rows


def _compiled() -> dict:
    """generate's settings for a static KV cache and a compiled forward, on any device (transformers
    compiles on its own only on accelerators) and for any shapes (dynamic: after the first call's
    shapes, a second compilation serves every other batch size and prompt length)."""
    compile_config = CompileConfig(fullgraph=False, dynamic=True)
    compile_config._compile_all_devices = True
    return {"cache_implementation": "static", "compile_config": compile_config}


def auto_batch_size(model, longest_prompt: int, max_new_tokens: int, free_bytes: int | None = None) -> int:
    """Prompts per generate call from the device's free memory: each row holds a KV cache of
    2 x layers x KV heads x head dim x dtype bytes per token (57 KB at Qwen2.5-7B in bf16) for its
    prompt and reply, and a few fp32 rows of logits; 70% of the free memory goes to them, between 1
    and 256 rows. Off CUDA (CPU, where prefill time dominates): 16. free_bytes: for tests."""
    device = model.get_input_embeddings().weight.device
    if free_bytes is None:
        if device.type != "cuda":
            return 16
        free_bytes = torch.cuda.mem_get_info(device)[0]
    config = model.config.get_text_config()
    heads = config.num_attention_heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // heads
    kv_heads = getattr(config, "num_key_value_heads", None) or heads
    dtype_bytes = torch.finfo(model.get_input_embeddings().weight.dtype).bits // 8
    per_token = 2 * config.num_hidden_layers * kv_heads * head_dim * dtype_bytes
    per_row = per_token * (longest_prompt + max_new_tokens) + 4 * 4 * config.vocab_size
    return max(1, min(256, int(0.7 * free_bytes // per_row)))


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
           world_size: int = 1, desc: str | None = None) -> tuple[list[Sample | None], Counter]:
    """Draw one checked sample per request. Every rank passes the same `requests` and gets the
    same result back: a list in input order (None where the sample was dropped) and a Counter
    with one entry per request ("kept" or the drop reason). `desc` labels a progress bar on rank 0.
    """
    eos_ids = stop_ids(model, tokenizer)
    eos_set, special_ids = set(eos_ids), set(tokenizer.all_special_ids)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else eos_ids[0]
    n_passes = 1 + (cfg.max_retries if cfg.quality_gate else 0)

    results: dict[int, Sample | None] = {}
    counts: Counter = Counter()
    todo = list(range(rank, len(requests), world_size))  # this rank's share, as indices into requests
    bar = tqdm(total=len(todo), desc=desc, unit="prompt", disable=desc is None or rank != 0, leave=False)
    n_tokens, t0 = 0, time.perf_counter()
    with D.sampling_mode(model), bar:
        longest = max((len(requests[i].prompt_ids) for i in todo), default=1)
        batch_size = cfg.batch_size or auto_batch_size(model, longest, cfg.max_new_tokens)  # after the gather
        for attempt in range(n_passes):
            order = sorted(todo, key=lambda i: -len(requests[i].prompt_ids))  # longest first: less padding, OOM early
            batches = [order[j: j + batch_size] for j in range(0, len(order), batch_size)]
            todo = []  # the next pass re-draws what fails this one
            for batch in batches:
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
    return [merged[i] for i in range(len(requests))], total
