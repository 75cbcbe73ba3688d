"""One generate call on a batch of prompts (drift/sampler.py draws through it): the prompts
prefilled in bounded chunks into a KV cache allocated once for the whole call, then HF generate
decoding from it, greedy, with RowSampler drawing each row's token from the row's own stream.

    rows = generate_batch(model, prompts, seeds, cfg, eos_ids, pad_id)   # each row's new tokens

Where every layer keeps a plain full-attention cache (no sliding window), the prefill is the
sampler's own: rows grouped so that a forward holds at most cfg.prefill_tokens tokens, a longer
prompt alone in pieces, each row's keys and values written into one slab per layer, which decode
steps then fill in place (a DynamicCache copies the whole cache at every token). Otherwise, and
with --sampler-compile (a static cache), generate prefills the whole padded batch itself.
"""

from __future__ import annotations

import math

from contextlib import contextmanager, nullcontext

import torch
import torch.nn.functional as F
from transformers import CompileConfig, DynamicCache, GenerationConfig, LogitsProcessor, LogitsProcessorList
from transformers.cache_utils import DynamicLayer
from transformers.generation import utils as generation_utils

PREFILL_TOKENS = 4096  # a prefill forward's default bound: enough to keep a GPU busy, a chunk's memory small
# generate's cache argument: `cache` from transformers 5.2x on (`past_key_values` is deprecated
# there), `past_key_values` before (5.17 on the GPU machines)
_CACHE_KWARG = "cache" if "cache" in getattr(generation_utils, "ALL_CACHE_NAMES", ()) else "past_key_values"


# ----------------------------------------------------------------------------- one draw per row


class RowSampler(LogitsProcessor):
    """Repetition penalty -> temperature -> top-k -> top-p, as HF's processors compute them, then
    one draw per row from that row's own stream of uniforms. Returns scores that are 0 at the drawn
    token and -inf elsewhere, so the greedy argmax inside generate picks it.

    Row b's k-th token uses the k-th uniform of a CPU generator seeded with seeds[b]: all of a
    row's uniforms are drawn up front (the same numbers as one draw per step), so a step makes one
    lookup for the whole batch, and a row's sample depends on neither its batch-mates nor the device.

    The penalty covers each row's own tokens, prompt and generated (as HF's, which sees a row's
    whole input_ids), but not the left padding of a batch: a row is penalised as it would be alone.
    """

    def __init__(self, seeds: list[int], temperature: float, top_k: int, top_p: float, device,
                 repetition_penalty: float = 1.0, prompt_lengths: list[int] | None = None, max_new_tokens: int = 0,
                 prompt_width: int | None = None):
        self.temperature, self.top_k, self.top_p = temperature, top_k, top_p
        self.penalty = repetition_penalty
        self.prompt_lengths = prompt_lengths
        self.prompt_width = prompt_width  # input_ids' width before the first new token (None: the first call's)
        steps = max(1, max_new_tokens)
        self.uniforms = torch.stack([torch.rand(steps, generator=torch.Generator().manual_seed(s), dtype=torch.float64)
                                     for s in seeds]).to(device)  # (B, steps)
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
            scores = scores.masked_fill(top_p_remove(scores, self.top_p), -float("inf"))
        return scores

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
        width = 0 if input_ids is None else input_ids.shape[1]
        if self.prompt_width is None:
            self.prompt_width = width
        scores = self.penalize(input_ids, scores)
        if self.temperature <= 0:
            tokens = scores.argmax(dim=-1)  # (B,)
        else:
            u = self.uniforms[:, width - self.prompt_width]  # (B,) this step's uniform of each row
            tokens = draw(self.warp(scores.float()).softmax(dim=-1), u)
        forced = torch.full_like(scores, -float("inf"))  # (B, V)
        return forced.scatter_(1, tokens[:, None], 0.0)


def top_p_remove(scores: torch.Tensor, top_p: float) -> torch.Tensor:
    """(B, V) bool: the tokens TopPLogitsWarper removes (min_tokens_to_keep=1). It sorts a row
    ascending, and removes the tokens whose cumulative softmax over the sorted row is <= 1 - top_p:
    a prefix of the sorted row, so every token below the first kept value goes. On CPU the values
    alone are sorted (numpy's sort, a third of torch.sort's time with its indices) and the same
    softmax and cumsum run on them, so the prefix is the warper's; only a row whose boundary falls
    inside a run of equal values needs the warper's own order among them, and gets torch.sort."""
    def by_sort(rows: torch.Tensor) -> torch.Tensor:
        sorted_logits, sorted_idx = torch.sort(rows, descending=False)  # (b, V) ascending
        sorted_remove = sorted_logits.softmax(dim=-1).cumsum(dim=-1) <= (1 - top_p)  # (b, V)
        sorted_remove[..., -1:] = False  # keep at least the most likely token
        return sorted_remove.scatter(1, sorted_idx, sorted_remove)  # (b, V) in vocabulary order

    if scores.device.type != "cpu":
        return by_sort(scores)
    import numpy as np

    values = torch.from_numpy(np.sort(scores.numpy(), axis=-1))  # (B, V) ascending, what torch.sort gives
    sorted_remove = values.softmax(dim=-1).cumsum(dim=-1) <= (1 - top_p)  # (B, V), a prefix of each row
    sorted_remove[..., -1:] = False
    removed = sorted_remove.sum(-1, keepdim=True)  # (B, 1)
    first_kept = values.gather(1, removed)  # (B, 1)
    remove = scores < first_kept  # (B, V)
    tied = (removed > 0) & (values.gather(1, (removed - 1).clamp(min=0)) == first_kept)  # (B, 1)
    if tied.any():
        rows = tied.squeeze(1).nonzero().squeeze(1)
        remove[rows] = by_sort(scores[rows])
    return remove


def draw(probs: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    """Row b's token: the first v with cdf_b(v) > u_b * cdf_b(V-1), the cdf summed in fp64 in
    vocabulary order over the whole vocabulary. The cdf is held flat across filtered tokens (a
    running maximum over the kept ones: a sequential sum, as on CPU, is flat there already, but a
    GPU's scan of a single row adds in another order and could rise or dip by an ulp), so the first
    exceedance is always a kept token (probability > 0); when u * total rounds up to the total there
    is none, and the row's last kept token is drawn. No shape depends on the data, so on a GPU the
    host is never stopped to wait for the step's forward. probs: (B, V) fp32; u: (B,) fp64 in [0, 1)."""
    kept = probs > 0  # (B, V)
    cdf = torch.where(kept, probs.double().cumsum(dim=-1), -math.inf).cummax(dim=-1).values  # (B, V)
    k = torch.searchsorted(cdf, (u * cdf[:, -1])[:, None], right=True).squeeze(1)  # (B,), V when none exceeds
    last = probs.shape[-1] - 1 - kept.flip(-1).to(torch.uint8).argmax(dim=-1)  # (B,) the last kept token
    return torch.minimum(k, last)


def _packable(model) -> bool:
    return packable(model.config)


def packable(config) -> bool:
    """Whether the sampler's own prefill applies to a model of this config: every layer keeps a
    plain full-attention KV cache (no sliding window, no linear attention), so each row's cache can
    be written into one slab."""
    config = config.get_text_config()
    layer_types = getattr(config, "layer_types", None)
    if layer_types is not None:
        return all(t == "full_attention" for t in layer_types)
    return getattr(config, "sliding_window", None) is None


class _SlabLayer(DynamicLayer):
    """One layer's KV cache for a whole generate call, allocated once: (B, nkv, capacity, d) keys
    and values. A step writes its token in place and attends to a view of the filled part, where
    DynamicLayer would copy the whole cache into a new tensor at every token."""

    def __init__(self, keys: torch.Tensor, values: torch.Tensor, filled: int):
        super().__init__()
        self.slab_keys, self.slab_values, self.filled = keys, values, filled
        self.keys, self.values = keys[:, :, :filled], values[:, :, :filled]
        self.dtype, self.device, self.is_initialized = keys.dtype, keys.device, True

    def update(self, key_states, value_states, *args, **kwargs):
        end = self.filled + key_states.shape[-2]
        self.slab_keys[:, :, self.filled: end].copy_(key_states)
        self.slab_values[:, :, self.filled: end].copy_(value_states)
        self.filled = end
        self.keys, self.values = self.slab_keys[:, :, :end], self.slab_values[:, :, :end]
        return self.keys, self.values

    def get_seq_length(self, *args) -> int:
        return self.filled


def prefill_groups(lengths: list[int], chunk_tokens: int, padded: bool) -> list[list[int]]:
    """The rows (indices into lengths, longest first) prefilled together: padded, as many as fit
    chunk_tokens once padded to the group's longest; else each row alone. A row longer than
    chunk_tokens is always alone (and prefilled in pieces)."""
    groups: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        if padded and groups and lengths[groups[-1][0]] <= chunk_tokens \
                and (len(groups[-1]) + 1) * lengths[groups[-1][0]] <= chunk_tokens:
            groups[-1].append(i)  # the group's first row is its longest
        else:
            groups.append([i])
    return groups


def prefill(model, prompts: list[list[int]], pad_id: int, max_new_tokens: int, chunk_tokens: int, padded: bool):
    """Every prompt but its last token through the model, its keys and values written into a
    cache slab sized for the whole batch and its replies; generate then starts from it and only
    computes the last prompt token. Rows are prefilled in groups (prefill_groups): a group's
    forward holds at most chunk_tokens tokens, and a longer prompt goes alone in pieces of
    chunk_tokens, each attending to the cache of the ones before, so a batch of long prompts
    costs the memory of one chunk, not of B x T tokens. A row's cache is what it would be alone.
    The slab is zero where a row is left-padded (masked, and finite)."""
    device = model.get_input_embeddings().weight.device
    T = max(len(p) for p in prompts)
    slabs = None  # per layer (keys, values), (B, nkv, T - 1 + new, d): allocated at the first group's shapes
    for group in prefill_groups([len(p) - 1 for p in prompts], chunk_tokens, padded):
        width = max(len(prompts[i]) - 1 for i in group)
        if width == 0:
            continue  # one-token prompts: nothing to prefill
        ids = torch.full((len(group), width), pad_id, dtype=torch.long)  # (g, width), left-padded
        mask = torch.zeros((len(group), width), dtype=torch.long)  # (g, width)
        for r, i in enumerate(group):
            n = len(prompts[i]) - 1
            if n:
                ids[r, width - n:] = torch.tensor(prompts[i][:-1])
                mask[r, width - n:] = 1
        ids, mask = ids.to(device), mask.to(device)
        positions = (mask.cumsum(-1) - 1).clamp(min=0)  # (g, width)
        cache = DynamicCache()
        for start in range(0, width, chunk_tokens):  # a group wider than chunk_tokens is one row
            end = min(width, start + chunk_tokens)
            model(input_ids=ids[:, start:end], attention_mask=mask[:, :end], position_ids=positions[:, start:end],
                  use_cache=True, logits_to_keep=1, **{_CACHE_KWARG: cache})
        if slabs is None:
            shapes = [(len(prompts), *layer.keys.shape[1:2], T - 1 + max_new_tokens, layer.keys.shape[3])
                      for layer in cache.layers]
            slabs = [(torch.zeros(shape, dtype=layer.keys.dtype, device=device),
                      torch.zeros(shape, dtype=layer.keys.dtype, device=device))
                     for shape, layer in zip(shapes, cache.layers)]
        for (keys, values), layer in zip(slabs, cache.layers):
            for r, i in enumerate(group):
                n = len(prompts[i]) - 1
                keys[i, :, T - 1 - n: T - 1] = layer.keys[r, :, width - n:]
                values[i, :, T - 1 - n: T - 1] = layer.values[r, :, width - n:]
        del cache
    batch_cache = DynamicCache()
    batch_cache.layers = [_SlabLayer(k, v, T - 1) for k, v in slabs]
    return batch_cache


def generate_batch(model, prompts: list[list[int]], seeds: list[int], cfg, eos_ids: list[int],
                   pad_id: int) -> list[list[int]]:
    """One generate call on a left-padded batch (cfg: a sampler.SamplingConfig); returns each row's
    new tokens (ending at the first EOS, or max_new_tokens long). The prefill is the sampler's own
    (`prefill`: bounded chunks, a preallocated cache) where the model allows it; with cfg.compile
    the KV cache is static and the forward compiled (for the first call's shapes, then once more
    with dynamic shapes for all the others) and generate's own prefill: the eager path's tokens in
    fp32 on a CPU; in bf16 on a GPU the compiled kernels round differently, and a row parts from the
    eager one after a few tokens (bench/results/gpu_check.md)."""
    device = model.get_input_embeddings().weight.device
    B, T = len(prompts), max(len(p) for p in prompts)
    input_ids = torch.full((B, T), pad_id, dtype=torch.long)  # (B, T)
    attention_mask = torch.zeros((B, T), dtype=torch.long)  # (B, T)
    for r, p in enumerate(prompts):
        input_ids[r, T - len(p):] = torch.tensor(p)
        attention_mask[r, T - len(p):] = 1
    with _attention_kernels(device, cfg.compile):
        out = _generate(model, input_ids, attention_mask, prompts, seeds, cfg, eos_ids, pad_id, device)
    eos = set(eos_ids)
    rows = []
    for row in out[:, T:].tolist():
        end = next((t + 1 for t, tok in enumerate(row) if tok in eos), len(row))
        rows.append(row[:end])
    return rows


def _generate(model, input_ids, attention_mask, prompts, seeds, cfg, eos_ids, pad_id, device) -> torch.Tensor:
    """generate_batch's generate call: (B, T + new) ids, prompts left-padded."""
    B, T = input_ids.shape
    cache = None
    if not cfg.compile and _packable(model) and T > 1:  # a static cache is generate's own
        # On CPU each prompt alone (no padding: prefill is most of the sampling time there); on a
        # GPU rows together up to the chunk, where B small forwards would run one after the other
        padded = cfg.prefill == "padded" or (cfg.prefill == "auto" and device.type == "cuda")
        cache = prefill(model, prompts, pad_id, cfg.max_new_tokens, cfg.prefill_tokens or PREFILL_TOKENS, padded)
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
                         [len(p) for p in prompts], cfg.max_new_tokens, T)
    with _decode_attention():
        return model.generate(
            input_ids=input_ids.to(device), attention_mask=attention_mask.to(device), **{_CACHE_KWARG: cache},
            # the weights are gathered for the whole pass (gathered()), so a forward needs no collective
            # and every rank runs its own batches at its own pace
            generation_config=gen_config, logits_processor=LogitsProcessorList([sampler]), synced_gpus=False,
        )  # (B, T + new)


def _attention_kernels(device: torch.device, compiled: bool):
    """The eager sampler's attention on CUDA without cuDNN's: cuDNN builds an execution plan for
    each new shape (hundreds of ms) and caches it, which a decode step, one key longer each time,
    never reuses. Measured on one H200 (bench/results/gpu_probe.json): a decode step of the 7B at
    128 rows took 112 ms, against 5 ms of weight and cache reads, and a second sampling pass at the
    shapes of the first ran 4.2 times faster. Flash, memory-efficient or math attention need no plan:
    without cuDNN's, the first pass ran 5.3 times faster (bench/results/gpu_check.md).
    A compiled sampler's static cache keeps its shapes, and keeps torch's choice; so does the CPU."""
    if device.type != "cuda" or compiled:
        return nullcontext()
    from torch.nn.attention import SDPBackend, sdpa_kernel

    return sdpa_kernel([SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.MATH])


def _sdpa_decode(module, query, key, value, attention_mask, dropout=0.0, scaling=None, is_causal=None, **kwargs):
    """transformers' sdpa attention, with a decode step of grouped-query attention run on the KV
    heads: the query heads of each KV head are its rows, (B, nh, 1, d) -> (B, nkv, nh / nkv, d),
    where transformers before 5.2x repeats every row's keys and values to all query heads at every
    step (a copy of the whole cache, nh / nkv times over). Newer versions do this themselves."""
    from transformers.integrations.sdpa_attention import sdpa_attention_forward

    groups = getattr(module, "num_key_value_groups", 1)
    if groups == 1 or query.shape[2] != 1 or kwargs.get("position_bias") is not None:
        return sdpa_attention_forward(module, query, key, value, attention_mask, dropout, scaling, is_causal, **kwargs)
    B, heads, _, d = query.shape
    packed = query.reshape(B, heads // groups, groups, d)  # (B, nkv, groups, d)
    if attention_mask is not None and attention_mask.shape[1] != 1:
        attention_mask = attention_mask.reshape(B, heads // groups, groups, -1)  # per-head masks, packed alike
    out = F.scaled_dot_product_attention(packed, key, value, attn_mask=attention_mask, scale=scaling)  # (B, nkv, g, d)
    return out.reshape(B, heads, 1, d).transpose(1, 2).contiguous(), None  # (B, 1, nh, d)


@contextmanager
def _decode_attention():
    """Decode steps on the KV heads (_sdpa_decode) while generate runs, where transformers lacks it."""
    from transformers.integrations import sdpa_attention
    from transformers.modeling_utils import AttentionInterface

    if hasattr(sdpa_attention, "pack_gqa"):
        yield
        return
    mapping = AttentionInterface._global_mapping
    before = mapping["sdpa"]
    mapping["sdpa"] = _sdpa_decode
    try:
        yield
    finally:
        mapping["sdpa"] = before


def _compiled() -> dict:
    """generate's settings for a static KV cache and a compiled forward, on any device (transformers
    compiles on its own only on accelerators) and for any shapes (dynamic: after the first call's
    shapes, a second compilation serves every other batch size and prompt length)."""
    compile_config = CompileConfig(fullgraph=False, dynamic=True)
    compile_config._compile_all_devices = True
    return {"cache_implementation": "static", "compile_config": compile_config}
