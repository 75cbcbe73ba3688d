"""The sampler: prompt rendering (golden strings), truncation, left padding, per-row seeds, the
quality gate, and 1 vs 2 ranks (plain and FSDP2). Tiny offline model and tokenizer; CPU, seconds."""

import dataclasses
import json
import os
import tempfile
from pathlib import Path

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
import torch.multiprocessing as mp
from safetensors.torch import load_file, save_file
from transformers import (
    LogitsProcessorList, RepetitionPenaltyLogitsProcessor, TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper,
)

import drift.sampler as sampler_module
from drift.data import SkipPair
from drift.prompts import INSTRUCTION, build_prompt
from drift.dist import gathered
from drift.sampler import (
    GATE_REASONS, RowSampler, Sample, SampleRequest, SamplingConfig, check, derive_seed, sample, stop_ids,
)
from drift.tiny import make_model, make_tokenizer

X = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Capital of Australia?"},
    {"role": "assistant", "content": "Sydney."},
    {"role": "user", "content": "Are you sure?"},
]
Y_MINUS = "Yes, Sydney."
COMPLAINT = "That is wrong, it is Canberra."


pytestmark = pytest.mark.usefixtures("one_thread")  # tok, model: tests/conftest.py


def requests_for(tok, n=7, rejected=None):
    """n prompts of mixed lengths."""
    convs = [X, X[1:2], [{"role": "user", "content": "Please write a short poem about the sea"}], X[:2]]
    out = []
    for i in range(n):
        p = build_prompt(tok, convs[i % len(convs)])
        out.append(SampleRequest(p.ids, seed=derive_seed(42, 1, i), rejected=rejected, style=p.style))
    return out


# ----------------------------------------------------------------------------- prompts


def test_guided_prompt_golden_chatml(tok):
    p = build_prompt(tok, X, Y_MINUS, COMPLAINT)
    assert p.style == "guided"
    assert p.text == (
        "<|im_start|>system\nBe brief.<|im_end|>\n"
        "<|im_start|>user\nCapital of Australia?<|im_end|>\n"
        "<|im_start|>assistant\nSydney.<|im_end|>\n"
        "<|im_start|>user\nAre you sure?<|im_end|>\n"
        "<|im_start|>assistant\nYes, Sydney.<|im_end|>\n"
        "<|im_start|>user\nThat is wrong, it is Canberra.\n\n" + INSTRUCTION + "<|im_end|>\n"
        "<|im_start|>assistant\n"
    )
    assert p.ids == tok(p.text, add_special_tokens=False)["input_ids"]


def test_guided_prompt_works_with_a_strict_template():
    """Gemma-style templates raise on a system message after the first: the instruction rides in
    the complaint's user turn, so roles still alternate and nothing raises."""
    strict = make_tokenizer("strict")
    with pytest.raises(Exception, match="System role"):  # the rejected alternative
        strict.apply_chat_template(X + [{"role": "system", "content": INSTRUCTION}], tokenize=False)
    p = build_prompt(strict, X, Y_MINUS, COMPLAINT)
    assert p.text == (
        "<bos><start_of_turn>user\nBe brief.\n\nCapital of Australia?<end_of_turn>\n"
        "<start_of_turn>model\nSydney.<end_of_turn>\n"
        "<start_of_turn>user\nAre you sure?<end_of_turn>\n"
        "<start_of_turn>model\nYes, Sydney.<end_of_turn>\n"
        "<start_of_turn>user\nThat is wrong, it is Canberra.\n\n" + INSTRUCTION + "<end_of_turn>\n"
        "<start_of_turn>model\n"
    )


def test_unguided_prompt_and_fallback_without_complaint(tok):
    unguided = build_prompt(tok, X)
    assert unguided.style == "unguided"
    assert unguided.text == tok.apply_chat_template(X, add_generation_prompt=True, tokenize=False)
    assert "Sydney." in unguided.text and Y_MINUS not in unguided.text  # x only: the history before y-
    fallback = build_prompt(tok, X, Y_MINUS, None)  # no complaint: x alone
    assert (fallback.style, fallback.text) == ("unguided", unguided.text)


def test_paper_prompt_is_the_authors_layout(tok):
    x = X[:3] + [{"role": "system", "content": "a later system message"}] + X[3:]
    p = build_prompt(tok, x, Y_MINUS, COMPLAINT, "paper")
    assert p.style == "paper"
    assert p.text == (
        "Be brief.\n\n"
        "User: Capital of Australia?\n"
        "Assistant: Sydney.\n"
        "User: Are you sure?\n"
        "Assistant: Yes, Sydney.\n"
        "User: That is wrong, it is Canberra.\n"
        "System: Based on the user's latest feedback, please provide an improved response that addresses their concerns.\n"
        "Assistant: "
    )  # no chat template, later system messages left out, ends on "Assistant: " as theirs did
    assert build_prompt(tok, X[1:], Y_MINUS, None, "paper").text == (
        "User: Capital of Australia?\nAssistant: Sydney.\nUser: Are you sure?\nAssistant: "
    )


@pytest.mark.parametrize("style", ["guided", "paper", "unguided"])
def test_truncation_drops_oldest_turns_and_keeps_instruction_and_complaint(tok, style):
    layout = "paper" if style == "paper" else "chat"
    shown = (Y_MINUS, COMPLAINT) if style != "unguided" else (None, None)
    history = [{"role": "system", "content": "Be brief."}]
    for i in range(12):
        history += [{"role": "user", "content": f"question {i} about the quick brown fox"},
                    {"role": "assistant", "content": f"answer {i}: the lazy dog"}]
    history.append({"role": "user", "content": "the latest question"})
    full = build_prompt(tok, history, *shown, layout, max_prompt_length=10_000)
    p = build_prompt(tok, history, *shown, layout, max_prompt_length=len(full.ids) // 2)
    assert len(p.ids) <= len(full.ids) // 2 < len(full.ids)
    assert p.ids == tok(p.text, add_special_tokens=style == "paper")["input_ids"]
    kept = [i for i in range(12) if f"question {i} " in p.text]
    assert kept and kept == list(range(kept[0], 12))  # a suffix of the history: the oldest went first
    for must in ["Be brief.", "the latest question"] + ([Y_MINUS, COMPLAINT, INSTRUCTION] if style != "unguided" else []):
        assert must in p.text
    with pytest.raises(SkipPair, match="prompt_too_long"):  # even the latest turn + complaint do not fit
        build_prompt(tok, history, *shown, layout, max_prompt_length=20)


# ----------------------------------------------------------------------------- drawing tokens


@pytest.mark.parametrize("temperature,top_k,top_p", [(0.7, 0, 0.9), (1.3, 5, 0.5), (0.5, 3, 1.0), (1.0, 0, 0.99)])
def test_row_sampler_filters_exactly_as_hf_warpers(temperature, top_k, top_p):
    scores = torch.randn(8, 300, generator=torch.Generator().manual_seed(0)) * 3  # (B, V)
    hf = LogitsProcessorList(
        [TemperatureLogitsWarper(temperature)]
        + ([TopKLogitsWarper(top_k)] if top_k else [])
        + ([TopPLogitsWarper(top_p)] if top_p < 1 else [])
    )
    ours = RowSampler([0] * 8, temperature, top_k, top_p, "cpu").warp(scores)
    assert torch.equal(ours, hf(None, scores))


@pytest.mark.parametrize("penalty", [1.05, 1.3, 0.8])
def test_repetition_penalty_is_hfs_over_each_rows_own_tokens(penalty):
    """RowSampler.penalize == RepetitionPenaltyLogitsProcessor on every row's unpadded ids, step
    after step as generate appends tokens; left padding is not part of a row (a padded row is
    penalised as it would be alone). Composed with the warpers it equals HF's processor list."""
    g = torch.Generator().manual_seed(1)
    V, lengths = 50, [7, 3, 5]
    rows = [torch.randint(0, V, (n,), generator=g) for n in lengths]
    T = max(lengths)
    padded = torch.stack([torch.cat([torch.full((T - len(r),), 0), r]) for r in rows])  # (B, T), pad id 0
    hf = RepetitionPenaltyLogitsProcessor(penalty)
    sampler = RowSampler([0, 1, 2], 0.7, 5, 0.9, "cpu", repetition_penalty=penalty, prompt_lengths=lengths)
    for step in range(4):
        scores = torch.randn(3, V, generator=g) * 3  # (B, V)
        ours = sampler.penalize(padded, scores)
        for b, r in enumerate(rows):
            assert torch.equal(ours[b], hf(r[None], scores[b:b + 1].clone())[0]), (step, b)
        assert not torch.equal(ours, scores)
        new = torch.randint(0, V, (3, 1), generator=g)  # the tokens generate appends
        padded, rows = torch.cat([padded, new], 1), [torch.cat([r, n]) for r, n in zip(rows, new)]
    chain = LogitsProcessorList([hf, TemperatureLogitsWarper(0.7), TopKLogitsWarper(5), TopPLogitsWarper(0.9)])
    fresh = RowSampler([0], 0.7, 5, 0.9, "cpu", repetition_penalty=penalty)
    scores = torch.randn(1, V, generator=g) * 3
    assert torch.equal(fresh.warp(fresh.penalize(rows[0][None], scores)), chain(rows[0][None], scores.clone()))


def test_greedy_with_repetition_penalty_equals_hf_generate(tok, model):
    """temperature 0 + repetition_penalty: each row's greedy tokens are HF generate's with
    do_sample=False and the same penalty (one prompt at a time on both sides: no padding)."""
    eos = stop_ids(model, tok)
    for r in requests_for(tok, n=4):
        for penalty in (1.05, 2.0):
            cfg = SamplingConfig(temperature=0, max_new_tokens=12, batch_size=1, quality_gate=False,
                                 repetition_penalty=penalty)
            (s,), _ = sample(model, tok, [r], cfg)
            out = model.generate(torch.tensor([r.prompt_ids]), attention_mask=torch.ones(1, len(r.prompt_ids), dtype=torch.long),
                                 do_sample=False, max_new_tokens=12, eos_token_id=eos, pad_token_id=tok.pad_token_id,
                                 repetition_penalty=penalty)
            new = out[0, len(r.prompt_ids):].tolist()
            new = new[: next((t + 1 for t, x in enumerate(new) if x in eos), len(new))]
            assert (s.n_tokens, s.text) == (len(new), tok.decode(new, skip_special_tokens=True).strip()), penalty


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from([0.3, 0.7, 0.9, 0.99]), st.integers(1, 4))
def test_top_p_removes_what_hfs_warper_removes_ties_included(seed, top_p, levels):
    """top_p_remove (values-only sort on CPU) removes exactly TopPLogitsWarper's tokens, on rows whose
    logits take few distinct values, so that the boundary often falls inside a run of ties."""
    from drift.sampler import top_p_remove

    g = torch.Generator().manual_seed(seed)
    scores = torch.randint(0, levels + 1, (6, 40), generator=g).float() + torch.randn(6, 40, generator=g) * (levels == 4)
    hf = TopPLogitsWarper(top_p)(None, scores)
    assert torch.equal(top_p_remove(scores, top_p), torch.isinf(hf))


def test_row_sampler_draws_from_the_filtered_distribution():
    """4000 rows with the same logits and their own seeds: token frequencies match
    p = softmax(top_p(logits / T)) within 4 standard errors, filtered tokens never appear, and the
    returned scores force exactly the drawn token (0 there, -inf elsewhere)."""
    logits = torch.tensor([2.0, 1.0, 0.5, 0.0, -1.0, -3.0]).repeat(4000, 1)  # (B, V)
    sampler = RowSampler(list(range(4000)), 0.7, 0, 0.9, "cpu")
    p = sampler.warp(logits[:1]).softmax(-1)[0]  # (V,)
    forced = sampler(None, logits)  # (B, V)
    assert ((forced == 0).sum(-1) == 1).all() and torch.isinf(forced).sum() == 4000 * 5
    freq = torch.bincount(forced.argmax(-1), minlength=6).double() / 4000
    se = (p * (1 - p) / 4000).sqrt()
    assert ((freq - p).abs() <= 4 * se + 1e-12).all(), (freq, p)
    assert freq[p == 0].sum() == 0


def test_left_padding_gives_the_tokens_of_unpadded_generation(tok, model):
    """Greedy decoding of a left-padded batch = greedy decoding of each prompt alone (no padding):
    generate derives position ids from the attention mask."""
    reqs = requests_for(tok, n=4)
    assert len({len(r.prompt_ids) for r in reqs}) >= 3  # mixed lengths: real padding
    cfg = SamplingConfig(temperature=0, max_new_tokens=12, batch_size=4, quality_gate=False)
    batched, _ = sample(model, tok, reqs, cfg)
    eos = stop_ids(model, tok)
    for r, s in zip(reqs, batched):
        out = model.generate(torch.tensor([r.prompt_ids]), attention_mask=torch.ones(1, len(r.prompt_ids), dtype=torch.long),
                             do_sample=False, max_new_tokens=12, eos_token_id=eos, pad_token_id=tok.pad_token_id)
        new = out[0, len(r.prompt_ids):].tolist()
        new = new[: next((t + 1 for t, x in enumerate(new) if x in eos), len(new))]
        assert (s.n_tokens, s.text) == (len(new), tok.decode(new, skip_special_tokens=True).strip())


def test_samples_do_not_depend_on_batch_size(tok, model):
    reqs = requests_for(tok, n=7)
    cfg = SamplingConfig(max_new_tokens=10, max_retries=1)
    runs = [sample(model, tok, reqs, SamplingConfig(**{**cfg.__dict__, "batch_size": b})) for b in (1, 3, 8)]
    assert runs[0] == runs[1] == runs[2]
    assert runs[0][1]["kept"] + sum(runs[0][1][r] for r in GATE_REASONS) == 7  # one outcome per request
    other = sample(model, tok, [SampleRequest(r.prompt_ids, r.seed + 1) for r in reqs], cfg)[0]
    assert [s and s.text for s in other] != [s and s.text for s in runs[0][0]]  # the seed matters


@pytest.mark.slow
def test_the_compiled_static_cache_path_draws_the_eager_tokens(tok, model):
    """cfg.compile: a static KV cache and a compiled forward (dynamic shapes) give the same samples
    as the eager path, seed for seed, with penalty, top-k and top-p on (fp32, CPU): batches of
    other sizes and prompts of other lengths reuse the one compilation."""
    reqs = requests_for(tok, n=7)
    cfg = SamplingConfig(max_new_tokens=12, quality_gate=False, top_k=20, repetition_penalty=1.05, batch_size=3)
    eager = sample(model, tok, reqs, cfg)
    compiled = sample(model, tok, reqs, SamplingConfig(**{**cfg.__dict__, "compile": True}))
    assert compiled == eager


def test_the_batch_is_sized_to_its_budget_counting_the_prefill(tok, model):
    """plan_batch: the largest batch whose cache slab, prefill chunk and decode step
    (drift.memory.sampling) fit the budget; a CPU without one takes CPU_BATCH rows; a budget that
    holds no row is one UsageError, before anything is sampled."""
    from drift.io import UsageError
    from drift.memory import sampling, shapes_of
    from drift.sampler import CPU_BATCH, plan_batch

    cfg = SamplingConfig(max_new_tokens=64, prefill="padded")
    sh = shapes_of(model)
    batch, chunk = plan_batch(model, cfg, 200, budget=8 * 2**20)
    need = lambda b: sampling(sh, batch=b, prompt=200, new_tokens=64, prefill_tokens=chunk, c=4,  # noqa: E731
                              ranks=1).working - 4 * sh.params
    assert 1 <= batch < 256 and need(batch) <= 8 * 2**20 < need(batch + 1)
    assert plan_batch(model, cfg, 200) == (CPU_BATCH, sampler_module.PREFILL_TOKENS)  # CPU, no budget
    with pytest.raises(UsageError, match="does not hold one row"):
        plan_batch(model, cfg, 200, budget=1000)


@pytest.mark.parametrize("prefill", ["packed", "padded"])
def test_a_prefill_in_bounded_chunks_draws_the_unchunked_tokens(tok, model, prefill):
    """Prompts of 20-40 tokens prefilled in forwards of at most 7 tokens (each long prompt alone, in
    pieces that attend to the cache of the ones before) draw the tokens of one whole prefill, seed
    for seed, with sampling filters on."""
    reqs = requests_for(tok, n=6)
    assert max(len(r.prompt_ids) for r in reqs) > 14  # several pieces
    cfg = SamplingConfig(max_new_tokens=10, quality_gate=False, top_k=20, repetition_penalty=1.05, batch_size=6,
                         prefill=prefill)
    whole = sample(model, tok, reqs, dataclasses.replace(cfg, prefill_tokens=1000))
    assert sample(model, tok, reqs, dataclasses.replace(cfg, prefill_tokens=7)) == whole


def test_prefill_groups_hold_at_most_the_chunk():
    from drift.generation import prefill_groups

    lengths = [30, 5, 12, 12, 3, 9, 40, 1]
    groups = prefill_groups(lengths, 24, padded=True)
    assert sorted(i for g in groups for i in g) == list(range(8))
    for g in groups:
        assert len(g) == 1 or len(g) * max(lengths[i] for i in g) <= 24  # a padded group fits the chunk
    assert [len(g) for g in prefill_groups(lengths, 24, padded=False)] == [1] * 8


def test_the_kv_cache_is_one_slab_written_in_place(tok, model):
    """The sampler's cache: each layer's keys are views of one (B, nkv, T - 1 + new, d) tensor
    allocated before decoding; a step writes its token there instead of copying the cache."""
    from drift.generation import prefill

    prompts = [r.prompt_ids for r in requests_for(tok, n=3)]
    with torch.no_grad():
        cache = prefill(model, prompts, tok.pad_token_id, max_new_tokens=5, chunk_tokens=64, padded=False)
    layer = cache.layers[0]
    T = max(map(len, prompts))
    assert layer.slab_keys.shape[2] == T - 1 + 5 and layer.get_seq_length() == T - 1
    before = layer.slab_keys.data_ptr()
    keys, _ = layer.update(torch.ones(3, layer.slab_keys.shape[1], 1, layer.slab_keys.shape[3]),
                           torch.ones(3, layer.slab_keys.shape[1], 1, layer.slab_keys.shape[3]))
    assert keys.data_ptr() == before and keys.shape[2] == T and bool((layer.slab_keys[:, :, T - 1] == 1).all())


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 6), st.integers(2, 3000), st.integers(0, 10**6))
def test_draw_reads_the_cdf_of_the_whole_vocabulary(rows, vocab, seed):
    """draw() is, row by row, the first token whose fp64 cdf, summed one token at a time in
    vocabulary order (the filtered zeros included), exceeds u times the total; never a filtered token."""
    from drift.sampler import draw

    g = torch.Generator().manual_seed(seed)
    probs = torch.rand(rows, vocab, generator=g) * (torch.rand(rows, vocab, generator=g) < 0.4)
    probs[:, 0] += (probs.sum(-1) == 0).float()  # at least one kept token a row
    probs = probs / probs.sum(-1, keepdim=True)
    u = torch.rand(rows, generator=g, dtype=torch.float64)
    expected = []
    for row, x in zip(probs.tolist(), u.tolist()):
        cdf, total = [], 0.0
        for q in row:  # Python floats are fp64; the fp32 probabilities are exact in them
            total += q
            cdf.append(total)
        kept = [v for v, q in enumerate(row) if q > 0]
        expected.append(next((v for v, c in enumerate(cdf) if c > x * total), kept[-1]))
    drawn = draw(probs, u).tolist()
    assert drawn == expected and all(probs[r, v] > 0 for r, v in enumerate(drawn))


def test_draw_sums_in_fp64_so_a_tiny_token_keeps_its_share():
    """A token of probability 1e-9 beside one of 0.5 has its own interval of the cdf in fp64 (in
    fp32, 0.5 + 1e-9 is 0.5 and it could never be drawn); filtered tokens between kept ones, and
    before them, are never drawn."""
    from drift.sampler import draw

    probs = torch.tensor([[0.0, 0.5, 0.0, 1e-9, 0.0, 0.5, 0.0]])
    tiny = float(probs[0, 3])  # the fp32 value, exactly
    total = 0.5 + tiny + 0.5
    u = torch.tensor([(0.5 + tiny / 2) / total], dtype=torch.float64)  # inside the tiny token's interval
    assert draw(probs, u).tolist() == [3]
    assert draw(probs, torch.tensor([0.25], dtype=torch.float64)).tolist() == [1]
    assert draw(probs, torch.tensor([0.75], dtype=torch.float64)).tolist() == [5]


def test_draw_at_the_top_of_the_cdf_takes_the_last_kept_token():
    """u * total rounding up to the total exceeds no cdf value: the row's last kept token is drawn,
    never a filtered one after it; u = 0 draws the first kept token."""
    from drift.sampler import draw

    probs = torch.tensor([[0.0, 0.3, 0.0, 0.7, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0, 0.0, 0.0], [0.1] * 5 + [0.5]])
    assert draw(probs, torch.full((3,), 1.0, dtype=torch.float64)).tolist() == [3, 0, 5]
    assert draw(probs, torch.zeros(3, dtype=torch.float64)).tolist() == [1, 0, 0]


def test_decode_attention_on_the_kv_heads_draws_the_same_tokens(tok, model, monkeypatch):
    """_sdpa_decode (grouped-query decode steps on the KV heads, for transformers that repeat the
    keys and values to every query head) gives the tokens of transformers' own attention."""
    from transformers.integrations import sdpa_attention

    assert model.config.num_key_value_heads < model.config.num_attention_heads  # grouped-query attention
    reqs = requests_for(tok, n=5)
    cfg = SamplingConfig(max_new_tokens=10, quality_gate=False, batch_size=5)
    native = sample(model, tok, reqs, cfg)
    calls = []
    import drift.generation as generation

    real = generation._sdpa_decode
    monkeypatch.setattr(generation, "_sdpa_decode", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.delattr(sdpa_attention, "pack_gqa", raising=False)  # as transformers before 5.2x
    assert sample(model, tok, reqs, cfg) == native and calls


def test_eager_sampler_on_cuda_leaves_cudnn_attention_out():
    """On CUDA the eager sampler's attention may be flash, memory-efficient or math, never cuDNN's
    (a plan built for each new key length: a decode step of 112 ms on an H200, bench/README.md);
    the compiled path and the CPU keep torch's choice, and leaving restores it."""
    from drift.generation import _attention_kernels

    before = [torch.backends.cuda.cudnn_sdp_enabled(), torch.backends.cuda.flash_sdp_enabled(),
              torch.backends.cuda.mem_efficient_sdp_enabled(), torch.backends.cuda.math_sdp_enabled()]
    assert before[0]  # torch's default allows cuDNN's attention
    with _attention_kernels(torch.device("cuda"), compiled=False):
        assert not torch.backends.cuda.cudnn_sdp_enabled()
        assert torch.backends.cuda.flash_sdp_enabled() and torch.backends.cuda.mem_efficient_sdp_enabled()
        assert torch.backends.cuda.math_sdp_enabled()
    for device, compiled in ((torch.device("cuda"), True), (torch.device("cpu"), False)):
        with _attention_kernels(device, compiled):
            assert torch.backends.cuda.cudnn_sdp_enabled()
    assert [torch.backends.cuda.cudnn_sdp_enabled(), torch.backends.cuda.flash_sdp_enabled(),
            torch.backends.cuda.mem_efficient_sdp_enabled(), torch.backends.cuda.math_sdp_enabled()] == before


def test_checkpoint_generation_config_does_not_leak(tok, model):
    """Only SamplingConfig decides: a repetition penalty or n-gram ban in the checkpoint's
    generation_config.json must not change the samples."""
    reqs = requests_for(tok, n=4)
    cfg = SamplingConfig(max_new_tokens=10, quality_gate=False)
    clean = sample(model, tok, reqs, cfg)
    gc = model.generation_config
    saved = (gc.repetition_penalty, gc.no_repeat_ngram_size, gc.min_new_tokens)
    gc.repetition_penalty, gc.no_repeat_ngram_size, gc.min_new_tokens = 3.0, 1, 5
    try:
        assert sample(model, tok, reqs, cfg) == clean
    finally:
        gc.repetition_penalty, gc.no_repeat_ngram_size, gc.min_new_tokens = saved


# ----------------------------------------------------------------------------- quality gate


def test_gate_reasons(tok):
    eos, im_start = {tok.eos_token_id}, tok.convert_tokens_to_ids("<|im_start|>")
    special = set(tok.all_special_ids)
    ok = [5, 6, tok.eos_token_id]
    assert check([5, 6, 7], "fine", None, eos, special) == "no_eos"
    assert check(ok, "  \n ", None, eos, special) == "empty"
    assert check(ok, "Yes,\n  Sydney. ", "Yes, Sydney.", eos, special) == "same_as_rejected"
    assert check(ok, "Sure.\nUser: and now?", None, eos, special) == "role_marker"
    assert check(ok, "  Assistant: hi", None, eos, special) == "role_marker"
    assert check([5, im_start, 6, tok.eos_token_id], "fine", None, eos, special) == "role_marker"
    assert check(ok, "The user: said no. System: ok", "other", eos, special) == "kept"


def scripted_generate(replies: dict[tuple, list[list[int]]], calls: dict):
    """Stands in for sampler.generate_batch: prompt p's a-th draw is replies[p][a], cut at
    max_new_tokens like generate would."""

    def generate_batch(model, prompts, seeds, cfg, eos_ids, pad_id):
        out = []
        for p in prompts:
            attempt = calls.get(tuple(p), 0)
            calls[tuple(p)] = attempt + 1
            out.append(replies[tuple(p)][attempt][: cfg.max_new_tokens])
        return out

    return generate_batch


def test_every_gate_reason_end_to_end_with_redraws(tok, monkeypatch):
    """Each prompt fails its first draw for one reason and passes its second. With max_retries=0
    the failures are dropped and counted by reason; with max_retries=1 all are kept on attempt 2;
    with the gate off every first draw is kept."""
    enc = lambda s: tok(s, add_special_tokens=False)["input_ids"]  # noqa: E731
    eos = tok.eos_token_id
    good = enc("The capital is Canberra.") + [eos]
    first = {
        "no_eos": enc("The capital is") * 10,  # longer than max_new_tokens
        "empty": enc("  ") + [eos],
        "same_as_rejected": enc("Yes,  Sydney.") + [eos],
        "role_marker": enc("Canberra.\nUser: thanks") + [eos],
    }
    reqs, replies, calls = [], {}, {}
    for i, (reason, reply) in enumerate(first.items()):
        ids = build_prompt(tok, [{"role": "user", "content": f"question {i}"}]).ids
        reqs.append(SampleRequest(ids, seed=i, rejected=Y_MINUS))
        replies[tuple(ids)] = [reply, good]
    monkeypatch.setattr(sampler_module, "generate_batch", scripted_generate(replies, calls))
    model = make_model(tok)

    redraw = dict(max_new_tokens=12, batch_size=3, cut="redraw")
    samples, counts = sample(model, tok, reqs, SamplingConfig(max_retries=0, **redraw))
    assert samples == [None] * 4
    assert counts == {reason: 1 for reason in first}

    calls.clear()
    samples, counts = sample(model, tok, reqs, SamplingConfig(max_retries=1, **redraw))
    assert counts == {"kept": 4}
    assert all(s.text == "The capital is Canberra." and s.attempts == 2 for s in samples)
    assert all(s.seed == derive_seed(r.seed, 1) and s.n_tokens == len(good) for s, r in zip(samples, reqs))

    calls.clear()  # cut="keep" (the authors'): the reply cut at max_new_tokens is kept, marked cut
    kept, counts = sample(model, tok, reqs, SamplingConfig(max_new_tokens=12, max_retries=0, batch_size=3))
    assert counts == {"kept": 1, "cut": 1, "empty": 1, "same_as_rejected": 1, "role_marker": 1}
    assert kept[0].cut and kept[0].n_tokens == 12 and kept[0].text and kept[1:] == [None] * 3

    calls.clear()
    kept, counts = sample(model, tok, reqs, SamplingConfig(max_new_tokens=12, quality_gate=False))
    assert counts == {"kept": 4, "cut": 1} and kept[1].text == "" and kept[0].n_tokens == 12  # no filter at all
    assert [s.cut for s in kept] == [True, False, False, False]


# ----------------------------------------------------------------------------- 1 vs 2 ranks


def as_json(result) -> list:
    """sample()'s (samples, counts) as JSON values."""
    samples, counts = result
    return [[dataclasses.asdict(x) if x is not None else None for x in samples], dict(sorted(counts.items()))]


def _two_rank_worker(rank, init_file, state_file, out_file):
    import torch.distributed as dist
    from torch.distributed.fsdp import fully_shard

    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=2)
    tok = make_tokenizer("chatml")
    model = make_model(tok)
    model.load_state_dict(load_file(state_file))
    reqs, cfg = requests_for(tok, n=5, rejected=Y_MINUS), SamplingConfig(max_new_tokens=10, batch_size=2)
    plain = sample(model, tok, reqs, cfg, rank=rank, world_size=2)
    for layer in model.model.layers:
        fully_shard(layer)
    fully_shard(model)
    calls, generate = [], model.generate

    def counted(*args, **kwargs):
        calls.append(kwargs["generation_config"].max_new_tokens)
        return generate(*args, **kwargs)

    model.generate = counted
    sharded = sample(model, tok, reqs, cfg, rank=rank, world_size=2)
    with open(f"{out_file}.calls{rank}", "w") as f:
        json.dump(calls, f)
    # the model still trains after a gathered pass, and its weights are sharded again
    model.train()
    loss = model(input_ids=torch.tensor([reqs[0].prompt_ids]), labels=torch.tensor([reqs[0].prompt_ids])).loss
    loss.backward()
    resharded = all(type(p).__name__ == "DTensor" for p in model.parameters())
    with gathered(model):
        with gathered(model):  # re-entrant: the inner one neither gathers nor frees
            pass
        still_gathered = not any(type(p).__name__ == "DTensor" for p in model.parameters())
    if rank == 0:  # JSON: nothing a test reads back is unpickled either
        with open(out_file, "w") as f:
            json.dump({"plain": as_json(plain), "sharded": as_json(sharded), "grad_ok": bool(torch.isfinite(loss)),
                       "resharded": resharded, "still_gathered": still_gathered}, f)
    dist.barrier()
    dist.destroy_process_group()
    os._exit(0)  # as drift.io.leave does: gloo's threads outlive the group under FSDP2, and the
    # interpreter's exit sometimes aborted on them after the results were written


@pytest.mark.slow
def test_one_rank_equals_two_ranks_plain_and_fsdp2(tok, model):
    """5 prompts over 2 ranks with batch size 2: rank 0 gets 2 batches, rank 1 one; with retries
    the passes are uneven too. Both ranks return the single-process result, and with the FSDP2
    weights gathered once for the pass no rank waits for the other: each calls generate for its
    own batches only (no filler calls to keep the ranks' forwards in step)."""
    reqs, cfg = requests_for(tok, n=5, rejected=Y_MINUS), SamplingConfig(max_new_tokens=10, batch_size=2)
    expected = sample(model, tok, reqs, cfg)
    with tempfile.TemporaryDirectory() as d:
        state, out = os.path.join(d, "state.safetensors"), os.path.join(d, "out.json")
        save_file({k: v.contiguous() for k, v in model.state_dict().items()}, state)
        mp.spawn(_two_rank_worker, args=(os.path.join(d, "init"), state, out), nprocs=2, join=True)
        with open(out) as f:
            got = json.load(f)
        calls = [json.loads(Path(f"{out}.calls{rank}").read_text()) for rank in (0, 1)]
    assert got["plain"] == as_json(expected)
    assert got["sharded"] == as_json(expected)
    assert all(calls) and all(n == cfg.max_new_tokens for c in calls for n in c), calls
    assert got["grad_ok"] and got["resharded"] and got["still_gathered"]
    counts = expected[1]
    assert isinstance(expected[0][0], (Sample, type(None))) and counts["kept"] + sum(counts[r] for r in GATE_REASONS) == 5


def test_the_paper_presets_sampling_is_the_authors_effective_one():
    """presets/paper_qwen2.5_7b: temperature 0.7, top_p 0.9 (the authors' generate call) plus top_k
    20 and repetition_penalty 1.05 (what Qwen2.5-Instruct's generation_config added), prompts up
    to 2048 tokens; the sampler's processing of a row's logits is HF's chain of those four
    processors, in HF's order (penalty, temperature, top-k, top-p)."""
    from drift.config import parse_config

    cfg = SamplingConfig.from_config(parse_config(["--preset", "paper_qwen2.5_7b", "--dsat-data", "d.jsonl",
                                                   "--seed-data", "s.jsonl"]))
    assert (cfg.temperature, cfg.top_p, cfg.top_k, cfg.repetition_penalty) == (0.7, 0.9, 20, 1.05)
    assert cfg.max_prompt_length == 2048 and cfg.cut == "keep" and cfg.max_new_tokens == 512
    g = torch.Generator().manual_seed(5)
    ids = torch.randint(0, 400, (1, 30), generator=g)
    scores = torch.randn(1, 400, generator=g) * 4
    hf = LogitsProcessorList([RepetitionPenaltyLogitsProcessor(1.05), TemperatureLogitsWarper(0.7),
                              TopKLogitsWarper(20), TopPLogitsWarper(0.9)])
    ours = RowSampler([0], cfg.temperature, cfg.top_k, cfg.top_p, "cpu", cfg.repetition_penalty)
    assert torch.equal(ours.warp(ours.penalize(ids, scores)), hf(ids, scores.clone()))
