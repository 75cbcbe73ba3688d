"""Encoding, guided prompts and stop tokens under the real chat templates of Qwen2.5, SmolLM2,
Llama-3.1, Mistral (v0.3), Gemma-3 and Phi-3 (tests/chat_templates.py), each around a tiny BPE
tokenizer that knows the template's special tokens.

The rule checked for every template, every conversation and every reply (whitespace around it
included, as real WildChat replies have):
    prompt ids   == tokenize(template(x, add_generation_prompt=True))
    response ids == tokenize(prefix + T(reply)) + tokenize(end of turn)
where T trims for the templates that trim (Llama-3.1, Mistral, Gemma-3) and is the identity for the
others, prefix is " " for Mistral and "" for the rest, and the end of turn is the template's own
(<|im_end|>, <|eot_id|>, </s>, <end_of_turn>, <|end|>). What is trained on is what the template shows.
"""

from __future__ import annotations

import pytest
import torch

from chat_templates import TEMPLATES
from drift.data import ChatEncoder, Pair
from drift.prompts import INSTRUCTION, build_prompt
from drift.sampler import SampleRequest, SamplingConfig, sample, stop_ids
from drift.tiny import make_chat_tokenizer, make_model

CONVERSATIONS = {
    "one-turn": [{"role": "user", "content": "What is the capital of Australia?"}],
    "system-multi-turn": [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "  What is the capital of Australia?  "},
        {"role": "assistant", "content": " Sydney.\n"},
        {"role": "user", "content": "Are you sure?"},
    ],
}
REPLIES = ["Canberra, sorry!", "  Canberra, sorry!  ", "\n\nCanberra.\n\nIt is in the ACT.\n", "\tx = 1\n"]
PREFIX = {"mistral": " "}


@pytest.fixture(scope="module", params=sorted(TEMPLATES))
def family(request):
    template, specials, end_of_turn, trims = TEMPLATES[request.param]
    return request.param, make_chat_tokenizer(template, **specials), end_of_turn, trims


def tokenize(tok, text, split=False):
    return tok(text, add_special_tokens=False, split_special_tokens=split)["input_ids"]


@pytest.mark.parametrize("conversation", sorted(CONVERSATIONS))
@pytest.mark.parametrize("reply", REPLIES, ids=["plain", "padded", "newlines", "tab"])
def test_pairs_encode_as_the_template_renders_them(family, conversation, reply):
    name, tok, end_of_turn, trims = family
    x = CONVERSATIONS[conversation]
    enc = ChatEncoder(tok)
    assert enc.end_of_turn == end_of_turn and enc.reply_prefix == PREFIX.get(name, "")
    encoded = enc.encode(Pair(x, reply, "It is Sydney."))
    assert encoded.prompt_ids == tokenize(tok, tok.apply_chat_template(x, add_generation_prompt=True, tokenize=False))
    shown = reply.strip() if trims else reply
    assert encoded.chosen_ids == tokenize(tok, PREFIX.get(name, "") + shown, split=True) + tokenize(tok, end_of_turn)
    # where the template renders the prompt the same with a reply after it (all but Mistral with a
    # system message, which moves into the last user turn of a prompt), the row is that rendering
    full = tok.apply_chat_template(x + [{"role": "assistant", "content": reply}], tokenize=False)
    row = tok.decode(encoded.prompt_ids + encoded.chosen_ids, skip_special_tokens=False)
    if not (name == "mistral" and x[0]["role"] == "system"):
        assert full.startswith(row) and row.endswith(end_of_turn)


def test_a_trimming_template_trains_whitespace_variants_as_one_reply(family):
    """Replies that differ only in surrounding whitespace render identically under a trimming
    template: such a pair carries no signal and is skipped, as the template would show it."""
    name, tok, _, trims = family
    enc = ChatEncoder(tok)
    x = CONVERSATIONS["one-turn"]
    same = enc.encode_reply(x, "  Canberra.  ") == enc.encode_reply(x, "Canberra.")
    assert same == trims
    encoded, skipped = enc.encode_all([Pair(x, " Canberra. ", "Canberra.")])
    assert (len(encoded), skipped["identical_responses"]) == ((0, 1) if trims else (1, 0))


def test_cut_samples_get_no_end_of_turn(family):
    _, tok, end_of_turn, _ = family
    enc = ChatEncoder(tok)
    x = CONVERSATIONS["one-turn"]
    ended = enc.encode_reply(x, "Canberra is the", ended=True)
    cut = enc.encode_reply(x, "Canberra is the", ended=False)
    assert ended == cut + enc.end_of_turn_ids and enc.end_of_turn_ids == tokenize(tok, end_of_turn)
    pair = enc.encode(Pair(x, "Canberra is the", "Sydney.", chosen_cut=True))
    assert pair.chosen_ids == cut and pair.rejected_ids[-len(enc.end_of_turn_ids):] == enc.end_of_turn_ids


def test_guided_prompt_renders_and_keeps_the_complaint(family):
    """x + [assistant: y-, user: complaint + instruction] renders under every template (roles
    alternate, no second system message), with the generation prompt at the end."""
    name, tok, _, _ = family
    x = CONVERSATIONS["system-multi-turn"]
    p = build_prompt(tok, x, "  It is Sydney. ", "That is wrong.")
    assert p.style == "guided" and "That is wrong." in p.text and INSTRUCTION in p.text and "It is Sydney." in p.text
    assert p.text == tok.apply_chat_template(
        x + [{"role": "assistant", "content": "  It is Sydney. "},
             {"role": "user", "content": "That is wrong.\n\n" + INSTRUCTION}], add_generation_prompt=True, tokenize=False)
    assert p.ids == tokenize(tok, p.text)


def test_sampling_stops_at_the_end_of_turn_and_the_sample_encodes(family):
    """The stop set holds the template's end of turn (for Gemma-3 it is not the EOS); a greedy
    sample from a tiny model under the template is cut at its first stop token and encodes back
    into a pair without error."""
    name, tok, end_of_turn, _ = family
    eot_id = tok.convert_tokens_to_ids(end_of_turn)
    model = make_model(tok, num_layers=1)
    stops = stop_ids(model, tok)
    assert eot_id in stops and tok.eos_token_id in stops
    x = CONVERSATIONS["system-multi-turn"]
    prompts = [build_prompt(tok, x, "Sydney.", "Wrong.").ids, build_prompt(tok, x).ids]  # guided, unguided
    cfg = SamplingConfig(temperature=0, max_new_tokens=8, quality_gate=False, batch_size=2)
    with torch.no_grad():
        samples, counts = sample(model, tok, [SampleRequest(p, seed=i) for i, p in enumerate(prompts)], cfg)
    assert counts["kept"] == 2
    enc = ChatEncoder(tok)
    for s in samples:
        assert s.n_tokens <= 8 and (not s.cut or s.n_tokens == 8)
        ids = enc.encode_reply(x, s.text or "x", ended=not s.cut)
        assert ids  # never a crash, whatever the tiny model wrote
