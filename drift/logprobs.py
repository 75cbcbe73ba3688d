"""Summed response log-probs, log pi(y|x), without ever materialising the full logits.

For a row b, with response_mask[b, t] = 1 on the response tokens:
    logps[b] = sum_t response_mask[b, t] * log p(input_ids[b, t] | input_ids[b, <t])

The naive way builds logits (B, T, V) and their log-softmax in fp32: at Qwen2.5's vocabulary
(152,064) that is 10 GB per copy for 16k tokens. Here the model's own forward runs with its
output projection swapped for identity, so it returns the final hidden states (B, T, H); we
keep only the positions that predict a response token and apply the projection in chunks of
`chunk_size` positions, inside a custom autograd function whose backward recomputes each
chunk's logits instead of storing them. Peak extra memory: one (chunk_size, V) block.

Running the model's own forward (rather than calling its decoder directly) keeps FSDP2 happy:
the root module's hooks gather the embedding and head weights and schedule their gradient
reduction exactly as for an ordinary forward.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import NamedTuple

import torch
import torch.nn.functional as F


class SequenceLogps(NamedTuple):
    logps: torch.Tensor  # sum of response-token log-probs, fp32, (B,)
    n_tokens: torch.Tensor  # number of response tokens, (B,)


def fp32_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """a @ b in fp32. fp32 operands as they are (CPU results are the same as a plain matmul); bf16
    operands accumulated in fp32 and returned unrounded (a bf16 logit near 20 would be rounded to a
    multiple of 0.125): torch.mm's out_dtype on CUDA, elsewhere the operands upcast, the same
    numbers at the cost of an fp32 copy of each."""
    if a.dtype == torch.float32 and b.dtype == torch.float32:
        return a @ b
    if a.is_cuda:
        return torch.mm(a, b, out_dtype=torch.float32)
    return a.float() @ b.float()


@contextmanager
def _tf32(on: bool):
    """TF32 for the fp32 matmuls inside, the setting restored after: the head's gradient of a bf16
    run (its hidden states are bf16 values, which TF32 holds exactly, and the gradient goes back in
    bf16). Nothing changes where `on` is false: an fp32 run stays fp32 throughout."""
    if not on:
        yield
        return
    before = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = True
    try:
        yield
    finally:
        torch.backends.cuda.matmul.allow_tf32 = before


def _logits(hidden: torch.Tensor, weight: torch.Tensor, softcap: float | None):
    """fp32 logits of a chunk, soft-capped as Gemma-2 does (cap * tanh(z / cap)) when softcap is
    set; also returns tanh(z / cap) (None without a cap), which the backward needs."""
    z = fp32_matmul(hidden, weight.T)  # (C, V)
    if not softcap:
        return z, None
    t = torch.tanh(z / softcap)  # (C, V)
    return t * softcap, t


class _ChunkedTokenLogps(torch.autograd.Function):
    """token_logps[n] = log softmax(logits[n])[targets[n]], logits[n] = hidden[n] @ weight.T
    (soft-capped when the model caps them), computed chunk by chunk.

    d token_logps[n] / d logits[n] = onehot(targets[n]) - softmax(logits[n]), times
    d logits / d z = 1 - tanh(z / cap)^2 under a cap; backward rebuilds each chunk's logits from
    the saved hidden states and the per-position logsumexp.
    """

    @staticmethod
    def forward(ctx, hidden, weight, targets, chunk_size, softcap):
        N = hidden.shape[0]
        token_logps = hidden.new_empty(N, dtype=torch.float32)  # (N,)
        lse = hidden.new_empty(N, dtype=torch.float32)  # (N,)
        for s in range(0, N, chunk_size):
            e = min(s + chunk_size, N)
            logits, _ = _logits(hidden[s:e], weight, softcap)  # (C, V)
            lse[s:e] = torch.logsumexp(logits, dim=-1)
            token_logps[s:e] = logits.gather(1, targets[s:e, None]).squeeze(1) - lse[s:e]
        ctx.save_for_backward(hidden, weight, targets, lse)
        ctx.chunk_size, ctx.softcap = chunk_size, softcap
        return token_logps

    @staticmethod
    def backward(ctx, grad_out):
        hidden, weight, targets, lse = ctx.saved_tensors
        N = hidden.shape[0]
        grad_hidden = torch.empty_like(hidden) if ctx.needs_input_grad[0] else None
        # accumulate the head's gradient in fp32 across chunks, whatever the compute dtype
        grad_weight = torch.zeros_like(weight, dtype=torch.float32) if ctx.needs_input_grad[1] else None
        for s in range(0, N, ctx.chunk_size):
            e = min(s + ctx.chunk_size, N)
            g = grad_out[s:e].float()  # (C,)
            logits, t = _logits(hidden[s:e], weight, ctx.softcap)  # (C, V)
            # in place: one (C, V) block alive instead of three, the same numbers
            dlogits = logits.sub_(lse[s:e, None]).exp_().mul_(-g[:, None])  # -g * softmax, fp32 (C, V)
            dlogits[torch.arange(e - s, device=g.device), targets[s:e]] += g
            if t is not None:  # through the cap: d(cap tanh(z / cap)) / dz = 1 - tanh^2
                dlogits.mul_(t.square_().neg_().add_(1))
            if grad_hidden is not None:
                grad_hidden[s:e] = dlogits.to(hidden.dtype) @ weight  # (C, H)
            if grad_weight is not None:  # from the fp32 dlogits; on tensor cores where the run is bf16
                with _tf32(hidden.is_cuda and hidden.dtype != torch.float32):
                    grad_weight.addmm_(dlogits.T, hidden[s:e].float())  # (V, H)
        if grad_weight is not None:
            grad_weight = grad_weight.to(weight.dtype)
        return grad_hidden, grad_weight, None, None, None


class _HiddenStates(torch.nn.Module):
    # a copy, not a view: FSDP2 hooks its root's outputs, and in-place use of a view drops them
    def forward(self, hidden):
        return hidden.clone()


@contextmanager
def _head_as_identity(model):
    """Run `model` with its output projection replaced by identity (and its logit soft-cap off,
    which would otherwise squash the hidden states); yields the real head and the cap."""
    head, softcap = model.get_output_embeddings(), getattr(model.config, "final_logit_softcapping", None)
    model.set_output_embeddings(_HiddenStates())
    if softcap:
        model.config.final_logit_softcapping = None
    try:
        yield head, softcap
    finally:
        model.set_output_embeddings(head)
        if softcap:
            model.config.final_logit_softcapping = softcap


def position_ids_from_mask(attention_mask: torch.Tensor) -> torch.Tensor:
    """Positions counted over real tokens only, so left-padded rows start at 0: (B, T)."""
    return (attention_mask.long().cumsum(-1) - 1).clamp(min=0)


def sequence_logps(
    model,
    input_ids: torch.Tensor,
    attention_mask: torch.Tensor | None,
    response_mask: torch.Tensor,
    chunk_size: int = 1024,
    *,
    position_ids: torch.Tensor | None = None,
    segment_ids: torch.Tensor | None = None,
    n_rows: int | None = None,
) -> SequenceLogps:
    """Summed log-probs of the response tokens of each row (sequence), in fp32.

    Args:
        model: a Hugging Face causal LM (plain or FSDP2-sharded).
        input_ids, attention_mask, response_mask: (B, T). Left or right padding both work;
            response_mask must be 0 on padding and on position 0 (nothing predicts it).
        chunk_size: positions per block of logits.
        position_ids, segment_ids, n_rows: packed rows instead (data.collate_packed): no
            attention mask, position ids that restart at each sequence, and segment_ids (B, T)
            giving the sequence (0 .. n_rows-1) of each token; a sequence's first token is a
            prompt token, so no response token is ever predicted across a boundary.
    Returns:
        SequenceLogps(logps (n_rows,) or (B,), n_tokens likewise).
    """
    if getattr(model.get_output_embeddings(), "bias", None) is not None:
        raise NotImplementedError("output projections with a bias are not supported")
    packed = segment_ids is not None
    with _head_as_identity(model) as (head, softcap):
        hidden = model(
            input_ids=input_ids,
            attention_mask=None if packed else attention_mask,
            position_ids=position_ids if packed else position_ids_from_mask(attention_mask),
            use_cache=False,
        ).logits  # the final hidden states, (B, T, H)
        # the hidden state at t-1 predicts token t
        label_mask = response_mask[:, 1:].bool()  # (B, T-1)
        rows = segment_ids[:, 1:][label_mask] if packed else label_mask.nonzero()[:, 0]  # (N,) each token's row
        h = hidden[:, :-1][label_mask]  # (N, H)
        targets = input_ids[:, 1:][label_mask]  # (N,)
        token_logps = _ChunkedTokenLogps.apply(h, head.weight, targets, chunk_size, softcap)  # (N,)
    R = n_rows if packed else input_ids.shape[0]
    logps = torch.zeros(R, dtype=torch.float32, device=input_ids.device).index_add(0, rows, token_logps)  # (R,)
    n_tokens = torch.bincount(rows, minlength=R) if packed else label_mask.sum(-1)  # (R,)
    return SequenceLogps(logps, n_tokens)


def next_token_logps(model, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """log p(v | row) for every vocabulary entry v after each right-padded row's last real token,
    fp32: (B, V). One forward for any number of single-token continuations of a prompt (a judge's
    labels), with the head and the soft-cap as sequence_logps applies them."""
    with _head_as_identity(model) as (head, softcap):
        hidden = model(input_ids=input_ids, attention_mask=attention_mask,
                       position_ids=position_ids_from_mask(attention_mask), use_cache=False).logits  # (B, T, H)
        last = attention_mask.sum(-1) - 1  # (B,)
        logits, _ = _logits(hidden[torch.arange(hidden.shape[0], device=hidden.device), last], head.weight, softcap)
    return torch.log_softmax(logits, dim=-1)  # (B, V)


def naive_sequence_logps(model, input_ids, attention_mask, response_mask) -> SequenceLogps:
    """The straightforward version, for tests and benchmarks only: full logits, full fp32
    log-softmax over (B, T, V). Same contract as `sequence_logps`."""
    logits = model(
        input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids_from_mask(attention_mask)
    ).logits.float()  # (B, T, V)
    token_logps = F.log_softmax(logits[:, :-1], dim=-1).gather(2, input_ids[:, 1:, None]).squeeze(2)  # (B, T-1)
    mask = response_mask[:, 1:].float()  # (B, T-1)
    return SequenceLogps((token_logps * mask).sum(-1), mask.sum(-1).long())


def concatenated_logps(model, batch: dict[str, torch.Tensor], chunk_size: int = 1024, n_pairs: int | None = None):
    """Chosen and rejected rows of a collated batch (chosen first) in ONE forward; a packed batch
    (data.collate_packed) needs n_pairs, the number of pairs packed in it.

    Returns (chosen: SequenceLogps, rejected: SequenceLogps), each with (B,) tensors.
    """
    if "segment_ids" in batch:
        out = sequence_logps(model, batch["input_ids"], None, batch["response_mask"], chunk_size,
                             position_ids=batch["position_ids"], segment_ids=batch["segment_ids"], n_rows=2 * n_pairs)
    else:
        out = sequence_logps(model, batch["input_ids"], batch["attention_mask"], batch["response_mask"], chunk_size)
    B = out.logps.shape[0] // 2
    return (
        SequenceLogps(out.logps[:B], out.n_tokens[:B]),
        SequenceLogps(out.logps[B:], out.n_tokens[B:]),
    )
