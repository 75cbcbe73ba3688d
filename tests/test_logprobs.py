"""Summed response log-probs: chunked `sequence_logps` against a brute force that reads the
model's own logits position by position.

For a row with tokens y_0 .. y_{T-1} whose response starts at position P:
    logps = sum_{t=P}^{T-1} log softmax(logits[t-1])[y_t]      (the logits at t-1 predict y_t)
    n_tokens = T - P

The tiny models are built with initializer_range=0.1 so their next-token distributions are far
from uniform (log-probs from about -10 to -3): an off-by-one shift or a row that attends to its
padding moves a sum by 0.1 or more, four orders of magnitude above the 1e-5 tolerance. (Sums of
~20 fp32 log-probs near -50 carry ~4e-6 of rounding, so 1e-5 is as tight as fp32 allows.)
"""

from __future__ import annotations

import functools

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_leaves

from drift.data import EncodedPair, collate
from drift.logprobs import concatenated_logps, naive_sequence_logps, position_ids_from_mask, sequence_logps
from drift.tiny import make_model, make_tokenizer

ATOL = 1e-5


@functools.lru_cache(maxsize=None)
def tokenizer():
    return make_tokenizer("chatml")


@functools.lru_cache(maxsize=None)
def model(arch: str = "qwen2", tied: bool = False):
    return make_model(tokenizer(), arch=arch, tie_word_embeddings=tied, initializer_range=0.1)


def random_rows(seed: int, prompt_lens, response_lens, vocab: int = 512):
    """Rows of random token ids: (ids, prompt length) each."""
    g = torch.Generator().manual_seed(seed)
    return [
        (torch.randint(vocab, (p + r,), generator=g).tolist(), p)
        for p, r in zip(prompt_lens, response_lens)
    ]


def pad(rows, side: str = "right", pad_id: int = 1, extra: int = 0):
    """Pad rows to a common length (+ `extra`) on one side: input_ids, attention_mask, response_mask, (B, T)."""
    T = max(len(ids) for ids, _ in rows) + extra
    input_ids = torch.full((len(rows), T), pad_id)  # (B, T)
    attention_mask = torch.zeros(len(rows), T, dtype=torch.long)  # (B, T)
    response_mask = torch.zeros(len(rows), T, dtype=torch.long)  # (B, T)
    for i, (ids, p) in enumerate(rows):
        start = 0 if side == "right" else T - len(ids)
        input_ids[i, start : start + len(ids)] = torch.tensor(ids)
        attention_mask[i, start : start + len(ids)] = 1
        response_mask[i, start + p : start + len(ids)] = 1
    return input_ids, attention_mask, response_mask


def brute_force_logps(lm, ids: list[int], prompt_len: int) -> float:
    """The row alone, unpadded, through the model; then an explicit loop over response positions."""
    with torch.no_grad():
        logits = lm(input_ids=torch.tensor([ids])).logits[0].double()  # (T, V)
    total = 0.0
    for t in range(prompt_len, len(ids)):
        total += torch.log_softmax(logits[t - 1], dim=-1)[ids[t]].item()
    return total


def brute_force(lm, rows) -> torch.Tensor:
    return torch.tensor([brute_force_logps(lm, ids, p) for ids, p in rows], dtype=torch.float64)


# Four rows; 22 response tokens in all, so chunk sizes 1, 3 and 7 split them and 4096 does not.
ROWS = dict(prompt_lens=[6, 3, 9, 2], response_lens=[5, 8, 2, 7])


def test_position_ids_count_real_tokens_only():
    """position = cumsum(mask) - 1, clamped at 0 on leading padding:
        mask [0 0 1 1 1] -> cumsum [0 0 1 2 3] -> [0 0 0 1 2]   (left padded: real tokens start at 0)
        mask [1 1 1 0 0] -> cumsum [1 2 3 3 3] -> [0 1 2 2 2]   (right padded)
    """
    mask = torch.tensor([[0, 0, 1, 1, 1], [1, 1, 1, 0, 0]])
    assert position_ids_from_mask(mask).tolist() == [[0, 0, 0, 1, 2], [0, 1, 2, 2, 2]]


@pytest.mark.parametrize("arch", ["qwen2", "llama"])
@pytest.mark.parametrize("chunk_size", [1, 3, 7, 4096])
def test_right_padded_logps_equal_brute_force(arch, chunk_size):
    """Right padding: logps[b] = sum over the response of log softmax(logits[t-1])[y_t] of row b
    run alone, for chunks smaller than, and larger than, the 22 response tokens; n_tokens = T - P."""
    rows = random_rows(0, **ROWS)
    lm = model(arch)
    out = sequence_logps(lm, *pad(rows, "right"), chunk_size=chunk_size)
    assert out.logps.dtype == torch.float32 and out.logps.shape == (4,)
    torch.testing.assert_close(out.logps.double(), brute_force(lm, rows), rtol=0, atol=ATOL)
    assert out.n_tokens.tolist() == ROWS["response_lens"]


@pytest.mark.parametrize("arch", ["qwen2", "llama"])
def test_left_padded_row_equals_the_same_row_unpadded(arch):
    """Left padding (as generation uses): with position ids from the attention mask, each row's
    logps equal those of the row alone, unpadded; the pad id is a real token (id 7) so attending
    to padding would show."""
    rows = random_rows(1, **ROWS)
    lm = model(arch)
    out = sequence_logps(lm, *pad(rows, "left", pad_id=7, extra=3), chunk_size=3)
    torch.testing.assert_close(out.logps.double(), brute_force(lm, rows), rtol=0, atol=ATOL)
    assert out.n_tokens.tolist() == ROWS["response_lens"]


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    lengths=st.lists(st.tuples(st.integers(1, 8), st.integers(1, 8)), min_size=1, max_size=4),
    side=st.sampled_from(["right", "left"]),
    extra=st.integers(0, 3),
    chunk_size=st.sampled_from([1, 2, 3, 7, 4096]),
)
def test_logps_equal_brute_force_for_any_padding_and_chunking(seed, lengths, side, extra, chunk_size):
    """Property form of the two tests above: random prompt/response lengths (a response can be a
    single token, a prompt a single token), either padding side, extra padding columns, any chunk."""
    prompt_lens, response_lens = zip(*lengths)
    rows = random_rows(seed, prompt_lens, response_lens)
    lm = model("qwen2")
    out = sequence_logps(lm, *pad(rows, side, extra=extra), chunk_size=chunk_size)
    torch.testing.assert_close(out.logps.double(), brute_force(lm, rows), rtol=0, atol=ATOL)
    assert out.n_tokens.tolist() == list(response_lens)


@pytest.mark.parametrize("arch", ["qwen2", "llama"])
@pytest.mark.parametrize("tied", [False, True], ids=["untied", "tied"])
def test_gradients_match_full_log_softmax(arch, tied):
    """The custom backward recomputes each chunk's logits and uses
        d logp_n / d logits_n = onehot(y_n) - softmax(logits_n).
    For loss = sum_b w_b logps_b (w of both signs, so grad_out is not all ones), the gradient of
    every parameter equals that of the naive (B, T, V) log-softmax, with the embedding tied to the
    output projection or not: |chunked - naive| <= 1e-5 + 1e-5 |naive| (gradients reach ~13 here,
    where fp32 rounding alone is ~1e-6)."""
    rows = random_rows(2, **ROWS)
    batch = pad(rows, "right")
    lm = model(arch, tied)
    assert (lm.get_output_embeddings().weight is lm.get_input_embeddings().weight) == tied
    w = torch.tensor([1.0, -0.5, 2.0, -1.5])

    lm.zero_grad()
    (w * sequence_logps(lm, *batch, chunk_size=3).logps).sum().backward()
    chunked = {n: p.grad.clone() for n, p in lm.named_parameters()}
    lm.zero_grad()
    (w * naive_sequence_logps(lm, *batch).logps).sum().backward()
    naive = {n: p.grad.clone() for n, p in lm.named_parameters()}
    lm.zero_grad()

    assert chunked.keys() == naive.keys()
    for name in naive:
        torch.testing.assert_close(chunked[name], naive[name], rtol=1e-5, atol=ATOL, msg=name)
    assert naive["lm_head.weight" if not tied else "model.embed_tokens.weight"].abs().sum() > 0


class LargestNewTensor(TorchDispatchMode):
    """Records the numel of the largest tensor any op allocates (an output whose storage is not
    one of its inputs': views and in-place results do not count)."""

    def __init__(self):
        super().__init__()
        self.largest, self.op, self.shape = 0, None, None

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        inputs = {t.untyped_storage().data_ptr() for t in tree_leaves((args, kwargs)) if isinstance(t, torch.Tensor)}
        for t in tree_leaves(out):
            if isinstance(t, torch.Tensor) and t.untyped_storage().data_ptr() not in inputs and t.numel() > self.largest:
                self.largest, self.op, self.shape = t.numel(), func, tuple(t.shape)
        return out


def test_no_full_logits_are_materialised():
    """B = 4 rows of T = 48 tokens, V = 512, N = 4 * 40 = 160 response tokens, chunk_size = 8.

    During forward AND backward of sequence_logps no op allocates B*T*V = 98,304 elements, nor
    even N*V = 81,920 (all response positions' logits at once): the largest allocations are the
    embedding's gradient (V*H = 32,768) and attention scores; a logits block is 8*V = 4,096.
    The detector is shown to work: it sees (B, T, V) in the naive version and (N, V) when
    chunk_size >= N.
    """
    lm = model("llama", True)
    rows = random_rows(3, prompt_lens=[8] * 4, response_lens=[40] * 4)
    batch = pad(rows, "right")
    B, T = batch[0].shape
    V, N = lm.config.vocab_size, int(batch[2][:, 1:].sum())
    assert (B, T, V, N) == (4, 48, 512, 160)

    with LargestNewTensor() as small_chunks:
        sequence_logps(lm, *batch, chunk_size=8).logps.sum().backward()
    assert small_chunks.largest < N * V < B * T * V, (small_chunks.op, small_chunks.shape)

    with LargestNewTensor() as one_chunk:
        sequence_logps(lm, *batch, chunk_size=4096).logps.sum().backward()
    assert one_chunk.largest >= N * V
    with LargestNewTensor() as naive:
        naive_sequence_logps(lm, *batch)
    assert naive.largest >= B * T * V
    lm.zero_grad()


def test_the_model_is_left_as_it_was():
    """The output projection is swapped for identity during the call and must be put back: the
    model's ordinary forward returns the same logits before and after."""
    lm = model("qwen2")
    ids = torch.tensor([[5, 6, 7, 8]])
    head = lm.get_output_embeddings()
    before = lm(input_ids=ids).logits
    sequence_logps(lm, ids, torch.ones_like(ids), torch.tensor([[0, 0, 1, 1]]))
    assert lm.get_output_embeddings() is head
    torch.testing.assert_close(lm(input_ids=ids).logits, before, rtol=0, atol=0)


def test_concatenated_logps_splits_chosen_first_in_one_forward():
    """collate puts the B chosen rows first, then the B rejected rows. concatenated_logps must
    return (chosen, rejected) equal to separate calls on those halves (and to the brute force),
    with ONE call of the model and of its decoder."""
    g = torch.Generator().manual_seed(4)

    def ids(n):
        return torch.randint(512, (n,), generator=g).tolist()

    # (prompt, chosen, rejected) lengths (5, 6, 3), (2, 4, 9), (7, 1, 2)
    pairs = [EncodedPair(ids(5), ids(6), ids(3)), EncodedPair(ids(2), ids(4), ids(9)), EncodedPair(ids(7), ids(1), ids(2))]
    batch = collate(pairs, pad_id=1)
    lm = model("qwen2")

    calls = {"model": 0, "decoder": 0}
    hooks = [
        lm.register_forward_hook(lambda *_: calls.__setitem__("model", calls["model"] + 1)),
        lm.model.register_forward_hook(lambda *_: calls.__setitem__("decoder", calls["decoder"] + 1)),
    ]
    try:
        chosen, rejected = concatenated_logps(lm, batch, chunk_size=4)
    finally:
        for h in hooks:
            h.remove()
    assert calls == {"model": 1, "decoder": 1}

    B = len(pairs)
    for half, out in ((slice(0, B), chosen), (slice(B, 2 * B), rejected)):
        separate = sequence_logps(lm, batch["input_ids"][half], batch["attention_mask"][half], batch["response_mask"][half])
        torch.testing.assert_close(out.logps, separate.logps, rtol=0, atol=ATOL)
        assert out.n_tokens.tolist() == separate.n_tokens.tolist()
    chosen_rows = [(p.prompt_ids + p.chosen_ids, len(p.prompt_ids)) for p in pairs]
    rejected_rows = [(p.prompt_ids + p.rejected_ids, len(p.prompt_ids)) for p in pairs]
    torch.testing.assert_close(chosen.logps.double(), brute_force(lm, chosen_rows), rtol=0, atol=ATOL)
    torch.testing.assert_close(rejected.logps.double(), brute_force(lm, rejected_rows), rtol=0, atol=ATOL)
    assert chosen.n_tokens.tolist() == [6, 4, 1] and rejected.n_tokens.tolist() == [3, 9, 2]


def test_bf16_logps_come_from_fp32_accumulated_logits_not_bf16_rounded_ones():
    """In bf16 the head's product is accumulated and kept in fp32 (torch.mm's out_dtype on CUDA, the
    operands upcast on CPU): at trained-model logit sizes (std 10, where bf16 spacing is 0.06-0.125)
    the log-probs are log_softmax of the fp32 product of the bf16 operands to 1e-4 nats, where
    rounding the logits to bf16 first would be off by more than 0.01."""
    from drift.logprobs import _ChunkedTokenLogps

    g = torch.Generator().manual_seed(0)
    hidden = torch.randn(64, 32, generator=g).to(torch.bfloat16)
    weight = (torch.randn(500, 32, generator=g) * 10 / 32**0.5).to(torch.bfloat16)  # logits of std ~10
    targets = torch.randint(0, 500, (64,), generator=g)
    exact = torch.log_softmax(hidden.float() @ weight.float().T, -1).gather(1, targets[:, None]).squeeze(1)
    rounded = torch.log_softmax((hidden @ weight.T).float(), -1).gather(1, targets[:, None]).squeeze(1)
    ours = _ChunkedTokenLogps.apply(hidden, weight, targets, 16, None)
    assert ours.dtype == torch.float32 and (ours - exact).abs().max() < 1e-4
    assert (rounded - exact).abs().max() > 1e-2  # what bf16-rounded logits would cost
