"""How much memory a run needs: peak bytes per rank for each phase, from the model's config, the
flags and the world size, and a meter that measures the real code's peaks (bench/bench_memory.py
holds the one against the other; train.py --plan prints the model).

The model counts the tensors the code holds, in bytes, for a decoder of L layers, hidden size h,
MLP size I, nh query heads and nkv key/value heads of size d, vocabulary V; N parameters, of which
P in the largest decoder layer and R outside the layers (embeddings, head, final norm); c = bytes
of the compute dtype (2 for bf16, 4 for fp32); S = ranks a parameter is sharded over (all of them,
or a node's under --sharding hybrid); T tokens in one forward.

  state        fp32 master weights 4N/S; in training their gradients 4N/S and RMSprop's average 4N/S
  gathered     FSDP2 all-gathers a layer (c P) before its forward and frees it after; the root's own
               weights (c R) stay gathered from the first forward to the end of backward
  activations  what autograd keeps of a decoder layer, per token (A below), for every layer; with
               --activation-checkpointing only each layer's input (c h), and one layer's A again
               while it is recomputed
  head         the log-probs of a block of `chunk` positions at a time (drift/logprobs.py): fp32
               logits, and in backward the head's fp32 gradient 4 V h
  sampling     the weights gathered whole (c N), a KV cache of 2 L nkv d c bytes per token for every
               row, a prefill chunk's MLP (3 I c per token, no autograd), and per row of a decode step
               its fp32 scores and their copies (drift/sampler.py)

Per token, a Llama / Qwen2 layer keeps (read off the autograd graph, tests/test_memory.py):
  A = 2 (4h + 4 + 2ch) [two RMSNorms: an fp32 copy, the scale, the normed input twice]
      + 2ch + 2c nkv d + 4 nh [q, k, v after RoPE, the attention's output and log-sum-exp]
      + 4cI [gate, up, silu(gate), their product]
and the rotary embedding's cos and sin (2cd per token) once for all layers.
Other architectures (Gemma's extra norms, say) are estimated with the same formula.

With LoRA (--lora-rank R, drift/lora.py) the base weights are frozen in the compute dtype (c N/S)
and have no gradient, no optimizer state and no head gradient; the adapters (a elements) hold
fp32 weights, gradients and RMSprop's average (12 a/S); an adapted layer keeps the same inputs
(its adapter's A reads the input the frozen weight would have kept), R more per token for each
adapted linear (A x, which B's gradient needs), and c h less per norm (no weight gradient).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass

import torch

GIB = 2**30


# ----------------------------------------------------------------------------- the model's shapes


@dataclass(frozen=True)
class Shapes:
    """What the memory model reads off a model's config (built on the meta device: no weights)."""

    layers: int
    hidden: int
    intermediate: int
    heads: int
    kv_heads: int
    head_dim: int
    vocab: int
    params: int  # N
    layer_params: int  # P: the largest decoder layer
    root_params: int  # R: everything outside the decoder layers (embeddings, head, final norm)
    rows: tuple  # (dim 0, numel) of every parameter: what a rank's shard of each holds
    largest: int  # numel of the largest parameter (the export gathers one at a time)

    def shard_numel(self, ranks: int) -> int:
        """Elements of one rank's shard of every parameter: ceil(dim0 / ranks) rows of each."""
        return sum(-(-d0 // ranks) * (n // d0) for d0, n in self.rows)

    @property
    def kv_per_token(self) -> int:
        """KV cache elements per token of one row, all layers: 2 L nkv d."""
        return 2 * self.layers * self.kv_heads * self.head_dim

    def layer_activations(self, c: int, frozen: bool = False) -> int:
        """A: bytes autograd keeps of one decoder layer per token (module docstring); frozen: its
        weights need no gradient, so each norm keeps its normed input once (for its input's)."""
        h, kv = self.hidden, self.kv_heads * self.head_dim
        norms = 2 * (4 * h + 4 + (1 if frozen else 2) * c * h)
        attention = 2 * c * h + 2 * c * kv + 4 * self.heads
        return norms + attention + 4 * c * self.intermediate


def shapes_of(model_or_config) -> Shapes:
    """The Shapes of a model (any device, meta included) or of a config (built on meta)."""
    from transformers import AutoModelForCausalLM

    from .dist import decoder_layers

    model = model_or_config
    if not isinstance(model, torch.nn.Module):
        with torch.device("meta"):
            model = AutoModelForCausalLM.from_config(model_or_config)
    text = model.config.get_text_config()
    heads = text.num_attention_heads
    layers = decoder_layers(model)  # what FSDP2 shards one by one (a vision tower's layers too)
    per_layer = [sum(p.numel() for p in m.parameters()) for m in layers]
    params = {id(p): p for p in model.parameters()}  # tied weights once
    in_layers = {id(p) for m in layers for p in m.parameters()}
    rows = tuple((p.shape[0] if p.dim() else 1, p.numel()) for p in params.values())  # (dim 0, numel)
    return Shapes(
        layers=text.num_hidden_layers, hidden=text.hidden_size, intermediate=text.intermediate_size, heads=heads,
        kv_heads=getattr(text, "num_key_value_heads", None) or heads,
        head_dim=getattr(text, "head_dim", None) or text.hidden_size // heads, vocab=text.vocab_size,
        params=sum(p.numel() for p in params.values()), layer_params=max(per_layer),
        root_params=sum(p.numel() for i, p in params.items() if i not in in_layers), rows=rows,
        largest=max(p.numel() for p in params.values()))


@dataclass(frozen=True)
class Adapters:
    """LoRA's adapters as the memory model sees them: the (dim 0, numel) of each adapter weight,
    and the elements a decoder layer's adapters keep per token (R for each adapted linear)."""

    rows: tuple
    per_token: int

    @property
    def numel(self) -> int:
        return sum(n for _, n in self.rows)

    def shard_numel(self, ranks: int) -> int:
        return sum(-(-d0 // ranks) * (n // d0) for d0, n in self.rows)


def adapters_of(model) -> Adapters:
    """The Adapters of a model with LoRA adapters injected (any device, meta included)."""
    from .dist import decoder_layers

    adapted = [m for m in decoder_layers(model)[0].modules() if hasattr(m, "lora_A")]
    rows = tuple((p.shape[0], p.numel()) for name, p in model.named_parameters() if ".lora_" in name)
    return Adapters(rows=rows, per_token=sum(m.lora_A.default.out_features for m in adapted))


# ----------------------------------------------------------------------------- measuring


class Meter:
    """Peak allocated bytes of named phases of the real code.

        meter = Meter(device)
        with meter:                      # before anything the phases use is allocated
            ...
            with meter.phase("train"):   # peak of everything alive during the phase
                ...
        meter.peaks["train"]

    CUDA: torch.cuda.max_memory_allocated, reset at each phase. CPU: the CPU allocator's own
    record of every allocation and free (the profiler's memory events, profile_memory=True), summed
    in time order from the meter's start: the bytes alive at each moment, whatever allocated them.
    """

    def __init__(self, device: torch.device):
        self.device, self.peaks, self._windows, self._prof = device, {}, {}, None

    def __enter__(self):
        if self.device.type != "cuda":
            from torch.profiler import ProfilerActivity, profile

            self._prof = profile(activities=[ProfilerActivity.CPU], profile_memory=True)
            self._prof.__enter__()
        return self

    @contextmanager
    def phase(self, name: str):
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
            torch.cuda.reset_peak_memory_stats(self.device)
            yield
            torch.cuda.synchronize(self.device)
            self.peaks[name] = torch.cuda.max_memory_allocated(self.device)
            return
        t0 = time.time_ns()
        yield
        self._windows[name] = (t0, time.time_ns())

    def __exit__(self, *exc):
        if self._prof is None:
            return False
        self._prof.__exit__(*exc)
        events = sorted(((e.start_ns(), e.nbytes()) for e in self._prof.profiler.kineto_results.events()
                         if e.name() == "[memory]" and e.device_type() == torch.autograd.DeviceType.CPU),
                        key=lambda x: x[0])
        alive, at = 0, []
        for t, n in events:
            alive += n
            at.append((t, alive))
        for name, (t0, t1) in self._windows.items():
            before = [a for t, a in at if t < t0]
            self.peaks[name] = max([before[-1] if before else 0] + [a for t, a in at if t0 <= t <= t1])
        return False


# ----------------------------------------------------------------------------- the phases


@dataclass(frozen=True)
class Peak:
    """A phase's peak bytes per rank: `resident` (weights, gradients, optimizer state) and
    `working` (what the phase allocates on top), at the moment named `at`."""

    resident: int
    working: int
    at: str

    @property
    def total(self) -> int:
        return self.resident + self.working


def _head_block(sh: Shapes, rows: int, c: int, cuda: bool) -> tuple[int, int]:
    """Bytes of drift.logprobs' head over one block of `rows` positions: (forward, backward).
    Forward: fp32 logits and logsumexp's temporary; backward: the fp32 logits turned into their
    gradient in place, a compute-dtype copy of it, and the head's fp32 gradient accumulator. Off
    CUDA a bf16 product is taken on fp32 copies of its operands (the head weight among them)."""
    V, h = sh.vocab, sh.hidden
    upcast = 4 * V * h + 4 * rows * h if c != 4 and not cuda else 0  # alive during the product only
    forward = 4 * rows * V + max(4 * rows * V, upcast)
    backward = 4 * V * h + 4 * rows * V + max(c * rows * V if c != 4 else 0, upcast)
    return forward, backward


def training_step(sh: Shapes, *, tokens: int, scored: int, chunk: int, c: int, ranks: int,
                  checkpointing: bool, accumulation: int = 1, frozen_base: bool = False, cuda: bool = True,
                  lora: Adapters | None = None) -> Peak:
    """One optimizer step of train_step on micro-batches of `tokens` tokens, `scored` of them
    response positions (the head's blocks are min(chunk, scored) rows), parameters sharded over
    `ranks`. The peak is the largest of these moments:
      forward end           every layer's activations, the head's forward block
      head backward         the same activations, the head's backward block and accumulator
      last layer backward   its activations (recomputed under checkpointing) and its backward's
                            temporaries beside every other layer's saved activations
      first layer backward  the same for the first layer, beside every other layer's gradient
      optimizer             RMSprop's step: weights, gradients, average, and a temporary
    From the second micro-batch of a step on, the sharded gradients are alive too. The moments
    were read off the real code's allocations (bench/bench_memory.py). lora: the base frozen, only
    the adapters trained (module docstring)."""
    h, I, L = sh.hidden, sh.intermediate, sh.layers
    shard = sh.shard_numel(ranks)
    trained = lora.shard_numel(ranks) if lora else shard
    weights = (c * shard + 4 * trained if lora else 4 * shard) + (c * shard if frozen_base and not lora else 0)
    resident = weights + 4 * trained  # RMSprop's square average
    grads = 4 * trained
    A = sh.layer_activations(c, frozen=bool(lora)) + (c * lora.per_token if lora else 0)
    saved = L * tokens * (c * h if checkpointing else A)  # what the forward leaves for backward
    rope = 2 * c * sh.head_dim * tokens  # cos and sin, shared by the layers
    final = tokens * (4 * h + 4 + (2 if lora else 3) * c * h) + c * h * scored  # final norm, its output's copy, the scored rows
    root = c * sh.root_params
    layer = c * sh.layer_params
    head_fwd, head_bwd = _head_block(sh, min(chunk, scored), c, cuda)
    early = grads if accumulation > 1 else 0
    # a layer's gradient, unsharded and (bf16) its fp32 copy for the reduce: none for frozen weights
    layer_grad = 0 if lora else layer + (4 * sh.layer_params if c != 4 else 0)
    layer_bwd = ((tokens * A if checkpointing else 0) + 2 * c * I * tokens + 2 * c * h * tokens + rope + root
                 + 2 * layer + layer_grad)
    if lora:  # a frozen head: no fp32 gradient accumulator, no embedding gradient
        head_bwd -= 4 * sh.vocab * h
    moments = {
        "forward end": saved + rope + final + root + head_fwd + early,
        "head backward": saved + rope + final + root + head_bwd + early,
        # a layer's backward: its activations (recomputed under checkpointing), the net temporaries of
        # its MLP's backward (two gradients of I per token beside the saved ones), the gradient flowing
        # back (h per token, twice), its weights and the next layer's gathered, its gradient unsharded
        # and, for the reduce, in fp32. The last layer's has the other layers' activations still
        # saved; the first layer's, the other layers' gradients already sharded.
        "last layer backward": saved + layer_bwd + (0 if lora else 4 * sh.vocab * h // ranks) + early,
        "first layer backward": (tokens * (c * h if checkpointing else A) + layer_bwd
                                 + (grads if lora else grads * max(0, sh.params - sh.vocab * h - sh.layer_params)
                                    // max(1, sh.params))),
        # RMSprop's square root of the average: one tensor at a time on CPU, all at once (foreach) on CUDA
        "optimizer": grads + 4 * (trained if cuda or lora else -(-sh.largest // ranks)),
    }
    at = max(moments, key=moments.get)
    return Peak(resident, moments[at], at)


def reference_pass(sh: Shapes, *, tokens: int, scored: int, chunk: int, c: int, ranks: int,
                   frozen: bool = False, cuda: bool = True, lora: Adapters | None = None) -> Peak:
    """The reference log-probs (no autograd): a layer's MLP at a time, or the head's forward block.
    frozen: the --ref base model, sharded in the compute dtype, beside the policy's fp32 shards
    (with LoRA the base is the policy, its adapters off: no second model)."""
    h, I = sh.hidden, sh.intermediate
    shard = sh.shard_numel(ranks)
    resident = resident_bytes(sh, c=c, ranks=ranks, lora=lora) + (c * shard if frozen and not lora else 0)
    root, layer = c * sh.root_params, c * sh.layer_params
    head_fwd, _ = _head_block(sh, min(chunk, scored), c, cuda)
    moments = {
        "layer": root + layer + tokens * (3 * c * I + 3 * 4 * h),
        "head": root + tokens * 2 * c * h + c * h * scored + head_fwd,
    }
    at = max(moments, key=moments.get)
    return Peak(resident, moments[at], at)


def resident_bytes(sh: Shapes, *, c: int, ranks: int, lora: Adapters | None = None) -> int:
    """A rank's weights outside a training step: its fp32 shards, or with LoRA the frozen base's
    shards in the compute dtype and the adapters' fp32 ones."""
    return c * sh.shard_numel(ranks) + 4 * lora.shard_numel(ranks) if lora else 4 * sh.shard_numel(ranks)


DECODE_BYTES = 48  # per row and vocabulary entry of a decode step: the logits, generate's fp32 copy, the filters' copies


def sampling(sh: Shapes, *, batch: int, prompt: int, new_tokens: int, prefill_tokens: int, c: int, ranks: int,
             padded: bool = True, frozen_base: bool = False, frozen: bool = False,
             lora: Adapters | None = None) -> Peak:
    """A generate call of `batch` rows of up to `prompt` tokens and `new_tokens` replies
    (drift/sampler.py), the weights gathered whole. Its cache slab holds every row's keys and
    values; a prefill forward holds at most prefill_tokens tokens (rows padded together, or a long
    row in pieces) and their keys and values repeated to the query heads; a decode step holds each
    row's scores and their filtered copies (its attention runs on the KV heads: sampler._sdpa_decode)."""
    h, I = sh.hidden, sh.intermediate
    shard = sh.shard_numel(ranks)
    resident = (c * shard if frozen else resident_bytes(sh, c=c, ranks=ranks, lora=lora)) + (
        c * shard if frozen_base and not lora else 0)
    weights = c * sh.params + (c * lora.numel if lora else 0)
    context = prompt + new_tokens
    slab = batch * (context - 1) * sh.kv_per_token * c
    chunk = min(prefill_tokens, batch * prompt if padded else prompt)
    attention_width = sh.heads * sh.head_dim
    layer = chunk * max(3 * c * I + 4 * h + 2 * c * h,  # the MLP's gate, up and product; the residual
                        4 * h + 4 * c * h + 2 * c * attention_width)  # a norm, q, k, v, the output
    group = max(chunk, prompt - 1)  # a prefill group's cache: its rows, or a long row's pieces so far
    # the group's cache, a layer's intermediates, and its keys and values repeated to the query heads
    prefill = slab + group * sh.kv_per_token * c + layer + 2 * group * attention_width * c
    decode = slab + batch * sh.vocab * DECODE_BYTES
    moments = {"prefill": prefill, "decode": decode}
    at = max(moments, key=moments.get)
    return Peak(resident, weights + moments[at], at)


def sampler_batch(sh: Shapes, budget: int, *, prompt: int, new_tokens: int, c: int, padded: bool,
                  prefill_tokens: int, most: int = 256, halve: bool = True) -> tuple[int, int] | None:
    """(rows a generate call, tokens a prefill forward) whose working memory (sampling() above the
    gathered weights) fits `budget` bytes: the largest batch (at most `most`) at the given prefill
    bound, the bound halved (not under 256, when `halve`) while not even one row fits; None when
    nothing fits."""
    chunk = prefill_tokens
    while True:
        def need(b):
            p = sampling(sh, batch=b, prompt=prompt, new_tokens=new_tokens, prefill_tokens=chunk, c=c, ranks=1,
                         padded=padded)
            return p.working - c * sh.params
        if need(1) <= budget:
            lo, hi = 1, most
            while lo < hi:  # the largest batch that fits
                mid = (lo + hi + 1) // 2
                lo, hi = (mid, hi) if need(mid) <= budget else (lo, mid - 1)
            return lo, chunk
        if chunk <= 256 or not halve:
            return None
        chunk = max(256, chunk // 2)


def export(sh: Shapes, *, c: int, ranks: int, cuda: bool = True, lora: Adapters | None = None) -> tuple[Peak, int]:
    """A stage's Hugging Face folder (run.export): every rank takes part in gathering one
    parameter at a time in fp32 (the gathered tensor and its all-gather buffer); rank 0 keeps each
    on the host, then casts the whole to the export dtype. Returns (device Peak, rank 0's host
    bytes). A one-rank job gathers nothing, and on CPU its full state dict is its own weights.
    With LoRA the base is gathered in the compute dtype and rank 0 merges in fp32 (lora.merged)."""
    alone = ranks == 1 and not cuda
    if lora:
        device = Peak(resident_bytes(sh, c=c, ranks=ranks, lora=lora), 0 if ranks == 1 else 2 * c * sh.largest,
                      "the largest parameter gathered")
        return device, (0 if alone else c * sh.params) + 4 * sh.params + (c * sh.params if c != 4 else 0)
    device = Peak(4 * sh.shard_numel(ranks), 0 if ranks == 1 else 8 * sh.largest, "the largest parameter gathered")
    copy = 0 if alone else 4 * sh.params
    return device, copy + (c * sh.params if c != 4 else 0)


def loading(sh: Shapes, *, ranks: int) -> tuple[int, int]:
    """(device bytes per rank, rank 0's host bytes) of load_model: rank 0 reads the whole model in
    fp32 on the host and broadcasts it a tensor at a time; each rank keeps its fp32 shard."""
    return 4 * sh.shard_numel(ranks) + 4 * sh.largest, 4 * sh.params + 4 * sh.largest


def state_bytes(sh: Shapes, *, optimizer: bool, lora: Adapters | None = None) -> int:
    """Bytes of one training state on disk, all ranks together: the fp32 weights (with LoRA the
    adapters alone) and, mid-stage, RMSprop's fp32 average (drift/shards.py)."""
    return (8 if optimizer else 4) * (lora.numel if lora else sh.params)
