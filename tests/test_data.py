"""Pair encoding with the tokenizer's own chat template, truncation, collation and row loading.

Two tiny tokenizers (drift/tiny.py) stand in for the two families of real templates:
  chatml  <|im_end|> ends a turn AND is the tokenizer's EOS; no BOS.
  strict  <end_of_turn> ends a turn, the EOS is a different token (<eos>) that must not appear;
          the template writes <bos> itself and folds a (first-only) system message into the
          first user turn.
For a prompt x (messages) and a reply y the encoding must be
  prompt ids   = tokenize(template(x, add_generation_prompt=True))
  response ids = tokenize(y) + [end-of-turn id]
with the two segments tokenized separately (pitfall 1 of REFERENCE.md section 5).
"""

from __future__ import annotations

import functools
import json
from collections import Counter

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from drift.data import (
    ChatEncoder,
    EncodedPair,
    Pair,
    SkipPair,
    check_prompt,
    collate,
    drop_oldest_turns,
    load_pairs,
    pair_row,
    reply_text,
)
from drift.io import DataError
from drift.tiny import make_tokenizer

END_OF_TURN = {"chatml": "<|im_end|>", "strict": "<end_of_turn>"}

CONVERSATION = [
    {"role": "system", "content": "You are a careful assistant."},
    {"role": "user", "content": "What is the capital of Australia?"},
    {"role": "assistant", "content": "Sydney."},
    {"role": "user", "content": "That is wrong, the capital of Australia is Canberra, not Sydney."},
]
CHOSEN = "You are right: the capital of Australia is Canberra. Sorry!"
REJECTED = "Sydney is the capital."


@functools.lru_cache(maxsize=None)
def tokenizer(template: str):
    return make_tokenizer(template)


@pytest.fixture(params=["chatml", "strict"])
def template(request):
    return request.param


def tokenize(tok, text: str) -> list[int]:
    return tok(text, add_special_tokens=False)["input_ids"]


def render(tok, messages, reply: str | None = None) -> str:
    if reply is None:
        return tok.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    return tok.apply_chat_template(messages + [{"role": "assistant", "content": reply}], tokenize=False)


def eot_id(tok, template: str) -> int:
    return tok.convert_tokens_to_ids(END_OF_TURN[template])


# ----------------------------------------------------------------------------- encoding


def test_prompt_ids_are_the_tokenized_generation_prompt(template):
    """prompt ids == tokenize(apply_chat_template(x, add_generation_prompt=True, tokenize=False))
    exactly, with no special tokens added by the tokenizer (the strict template's <bos> comes from
    the template text, once)."""
    tok = tokenizer(template)
    encoded = ChatEncoder(tok).encode(Pair(CONVERSATION, CHOSEN, REJECTED))
    assert encoded.prompt_ids == tokenize(tok, render(tok, CONVERSATION))
    if template == "strict":
        assert encoded.prompt_ids[0] == tok.bos_token_id and encoded.prompt_ids.count(tok.bos_token_id) == 1
    assert encoded.truncated is False


def test_response_ids_are_the_reply_then_one_end_of_turn(template):
    """response ids == tokenize(y) + [end-of-turn id], for the chosen and the rejected reply."""
    tok = tokenizer(template)
    encoded = ChatEncoder(tok).encode(Pair(CONVERSATION, CHOSEN, REJECTED))
    assert encoded.chosen_ids == tokenize(tok, CHOSEN) + [eot_id(tok, template)]
    assert encoded.rejected_ids == tokenize(tok, REJECTED) + [eot_id(tok, template)]


@pytest.mark.parametrize(
    "reply",
    [CHOSEN, "Canberra, sorry!  ", "line one\n\nline two", "日本語 🙂 café"],
    ids=["plain", "trailing-spaces", "newlines", "unicode"],
)
def test_prompt_and_response_decode_to_the_templates_rendering(template, reply):
    """decode(prompt ids + response ids) == template(x + [assistant: y]) minus the whitespace the
    template writes after the end-of-turn (never predicted: generation stops at end-of-turn)."""
    tok = tokenizer(template)
    encoded = ChatEncoder(tok).encode(Pair(CONVERSATION, reply, REJECTED))
    decoded = tok.decode(encoded.prompt_ids + encoded.chosen_ids, skip_special_tokens=False)
    full = render(tok, CONVERSATION, reply)
    assert decoded == full.rstrip()
    assert decoded.endswith(reply + END_OF_TURN[template]) and full[len(decoded):].strip() == ""


def test_reply_is_tokenized_separately_from_the_generation_prompt(template):
    """Both generation prompts end in "\\n", and this BPE has the merge "\\n" + "  " -> "ĊĠĠ". A reply
    starting with four spaces therefore tokenizes differently inside the full string:
        together:  [..., ĊĠĠ, Ġ, Ġre, turn, ...]      (the boundary token is merged away)
        separate:  [..., Ċ] + [ĠĠ, Ġ, Ġre, turn, ...]
    The encoder must give the separate form, so the prompt ids are a prefix of the row and the
    response mask starts exactly at the reply."""
    tok = tokenizer(template)
    reply = "    return a + b"
    prompt_text = render(tok, CONVERSATION)
    separate = tokenize(tok, prompt_text) + tokenize(tok, reply)
    assert tokenize(tok, prompt_text + reply) != separate  # the case really crosses a merge
    assert "ĊĠĠ" in tok.convert_ids_to_tokens(tokenize(tok, prompt_text + reply))

    encoded = ChatEncoder(tok).encode(Pair(CONVERSATION, reply, REJECTED))
    assert encoded.prompt_ids + encoded.chosen_ids == separate + [eot_id(tok, template)]


def test_chatml_response_ends_in_exactly_one_eos():
    """ChatML: <|im_end|> is both EOS and end-of-turn. Each response holds it exactly once, as
    its last token; the row never ends in two of them."""
    tok = tokenizer("chatml")
    assert tok.eos_token == "<|im_end|>"
    encoded = ChatEncoder(tok).encode(Pair(CONVERSATION, CHOSEN, REJECTED))
    for response in (encoded.chosen_ids, encoded.rejected_ids):
        assert response.count(tok.eos_token_id) == 1 and response[-1] == tok.eos_token_id
        row = encoded.prompt_ids + response
        assert row[-2] != tok.eos_token_id


def test_strict_response_ends_in_end_of_turn_and_never_eos():
    """Strict template: the response ends with <end_of_turn>, which is not the tokenizer EOS;
    <eos> appears nowhere in the row."""
    tok = tokenizer("strict")
    eot = eot_id(tok, "strict")
    assert eot != tok.eos_token_id
    encoded = ChatEncoder(tok).encode(Pair(CONVERSATION, CHOSEN, REJECTED))
    for response in (encoded.chosen_ids, encoded.rejected_ids):
        assert response[-1] == eot and response.count(eot) == 1
        assert tok.eos_token_id not in encoded.prompt_ids + response


# ----------------------------------------------------------------------------- truncation


LONG_CONVERSATION = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Please write a short poem about the sea, and keep it under four lines."},
    {"role": "assistant", "content": "The sea is wide, the sea is deep."},
    {"role": "user", "content": "Now one about a fox."},
    {"role": "assistant", "content": "The quick brown fox jumps over the lazy dog."},
    {"role": "user", "content": "That is not a poem, can you fix this?"},
]


def prompt_len(tok, messages) -> int:
    return len(tokenize(tok, render(tok, messages)))


def test_long_prompt_loses_its_oldest_turns_first_in_pairs(template):
    """Limits set from the rendered lengths of the candidates:
        full   = [sys, u1, a1, u2, a2, u3]
        drop 1 = [sys, u2, a2, u3]          (oldest user turn and its reply gone)
        drop 2 = [sys, u3]                   (system and the last user turn are always kept)
    max_prompt_length = len(drop 1)     -> exactly drop 1 (the limit is inclusive)
    max_prompt_length = len(drop 1) - 1 -> drop 2
    max_prompt_length = len(drop 2) - 1 -> SkipPair("prompt_too_long"): the last user turn is never cut.
    """
    tok = tokenizer(template)
    sys, u1, a1, u2, a2, u3 = LONG_CONVERSATION
    candidates = [[sys, u1, a1, u2, a2, u3], [sys, u2, a2, u3], [sys, u3]]
    lengths = [prompt_len(tok, c) for c in candidates]
    assert lengths[0] > lengths[1] > lengths[2]

    for limit, expected in [(lengths[0], 0), (lengths[1], 1), (lengths[1] - 1, 2), (lengths[2], 2)]:
        enc = ChatEncoder(tok, max_length=1000, max_prompt_length=limit)
        encoded = enc.encode(Pair(LONG_CONVERSATION, CHOSEN, REJECTED))
        assert encoded.prompt_ids == tokenize(tok, render(tok, candidates[expected])), (limit, expected)
        assert len(encoded.prompt_ids) <= limit

    enc = ChatEncoder(tok, max_length=1000, max_prompt_length=lengths[2] - 1)
    with pytest.raises(SkipPair) as skip:
        enc.encode(Pair(LONG_CONVERSATION, CHOSEN, REJECTED))
    assert skip.value.reason == "prompt_too_long"


def test_response_cut_by_max_length_is_skipped_or_kept_without_end_of_turn(template):
    """budget = max_length - len(prompt ids). With budget = len(chosen ids) the pair fits as is.
    With budget = len(chosen ids) - 1 the chosen reply loses its end-of-turn:
      default              -> SkipPair("response_truncated")
      drop_truncated=False -> kept, truncated=True, chosen = its first `budget` tokens (no
                              end-of-turn: a cut reply must not look finished); the shorter
                              rejected reply still fits and keeps its end-of-turn.
    """
    tok = tokenizer(template)
    eot = eot_id(tok, template)
    pair = Pair(CONVERSATION, CHOSEN, REJECTED)
    full = ChatEncoder(tok).encode(pair)
    assert len(full.chosen_ids) > len(full.rejected_ids) + 1
    P, C = len(full.prompt_ids), len(full.chosen_ids)

    fits = ChatEncoder(tok, max_length=P + C).encode(pair)
    assert fits.truncated is False and fits.chosen_ids == full.chosen_ids

    with pytest.raises(SkipPair) as skip:
        ChatEncoder(tok, max_length=P + C - 1).encode(pair)
    assert skip.value.reason == "response_truncated"

    kept = ChatEncoder(tok, max_length=P + C - 1, drop_truncated=False).encode(pair)
    assert kept.truncated is True
    assert kept.chosen_ids == full.chosen_ids[: C - 1] and eot not in kept.chosen_ids
    assert kept.rejected_ids == full.rejected_ids and kept.rejected_ids[-1] == eot
    assert len(kept.prompt_ids) + len(kept.chosen_ids) == P + C - 1


def test_responses_identical_after_truncation_are_skipped(template):
    """Two replies that differ only after the cut become the same token sequence: s = 0 for every
    policy, no signal, so the pair is skipped as identical_responses (pitfall 7)."""
    tok = tokenizer(template)
    shared = "The quick brown fox jumps over the lazy dog."
    pair = Pair(CONVERSATION, shared + " Canberra.", shared + " Sydney.")
    P = len(ChatEncoder(tok).encode(pair).prompt_ids)
    enc = ChatEncoder(tok, max_length=P + len(tokenize(tok, shared)), drop_truncated=False)
    with pytest.raises(SkipPair) as skip:
        enc.encode(pair)
    assert skip.value.reason == "identical_responses"


@pytest.mark.parametrize("max_length", [10, 16, 21, 22, 23, 24])
def test_a_kept_row_never_exceeds_max_length(max_length):
    """Every encoded row satisfies len(prompt ids) + len(response ids) <= max_length, also when
    max_prompt_length >= max_length and drop_truncated=False; a prompt that leaves no room for a
    response (budget = max_length - len(prompt) <= 0) is skipped as too long, not kept.

    Here the prompt is 22 tokens (ChatML, one user turn), max_prompt_length = 30, and the replies
    are 15 and 9 tokens with their end-of-turn:
      max_length 24, 23 -> budget 2, 1: kept, truncated, rows of exactly max_length tokens
                           (the two replies differ in their first token)
      max_length <= 22  -> budget <= 0: SkipPair("prompt_too_long") (the prompt may take at most
                           max_length - 1 tokens).

    This guards the negative-slice trap: with budget < 0, `chosen_ids[:budget]` would keep all
    but the last |budget| tokens, giving rows LONGER than max_length (max_length 10: chosen keeps
    3 tokens, rejected becomes empty, a 25-token row), and with budget 0 both replies would
    become [] and the pair would be misreported as identical_responses.
    """
    tok = tokenizer("chatml")
    prompt = [{"role": "user", "content": "What is the capital of Australia?"}]
    pair = Pair(prompt, "Canberra is the capital, sorry.", "Sydney is the capital.")
    P = prompt_len(tok, prompt)
    assert P == 22
    enc = ChatEncoder(tok, max_length=max_length, max_prompt_length=30, drop_truncated=False)
    try:
        encoded = enc.encode(pair)
    except SkipPair as skip:
        assert max_length <= P and skip.reason == "prompt_too_long", (max_length, skip.reason)
        return
    assert max_length > P and encoded.truncated
    assert len(encoded.prompt_ids) + len(encoded.chosen_ids) == max_length
    assert len(encoded.prompt_ids) + len(encoded.rejected_ids) == max_length


def test_encode_all_keeps_usable_pairs_and_counts_skips_by_reason(template):
    """With P = len(prompt ids of CONVERSATION), max_prompt_length = P and
    max_length = P + len(tokenize(CHOSEN)) + 1 (CHOSEN and its end-of-turn fit exactly):
        CHOSEN vs REJECTED                  kept
        "Canberra." vs "Canberra."          identical_responses
        "" vs REJECTED, CHOSEN vs "  \\n "    empty_response (x2: whitespace only is empty)
        CHOSEN three times                  response_truncated
        a single user turn longer than P    prompt_too_long
        "Canberra." vs "Sydney."            kept
    """
    tok = tokenizer(template)
    P = prompt_len(tok, CONVERSATION)
    enc = ChatEncoder(tok, max_length=P + len(tokenize(tok, CHOSEN)) + 1, max_prompt_length=P)
    long_turn = [{"role": "user", "content": "Please write a short poem about the sea. " * 8}]
    assert prompt_len(tok, long_turn) > P
    pairs = [
        Pair(CONVERSATION, CHOSEN, REJECTED),
        Pair(CONVERSATION, "Canberra.", "Canberra."),
        Pair(CONVERSATION, "", REJECTED),
        Pair(CONVERSATION, CHOSEN, "  \n "),
        Pair(CONVERSATION, " ".join([CHOSEN] * 3), REJECTED),
        Pair(long_turn, CHOSEN, REJECTED),
        Pair(CONVERSATION, "Canberra.", "Sydney."),
    ]
    encoded, skipped = enc.encode_all(pairs)
    assert [(len(e.prompt_ids), len(e.chosen_ids)) for e in encoded] == [
        (P, len(tokenize(tok, CHOSEN)) + 1),
        (P, len(tokenize(tok, "Canberra.")) + 1),
    ]
    assert skipped == Counter(identical_responses=1, empty_response=2, response_truncated=1, prompt_too_long=1)


# ----------------------------------------------------------------------------- drop_oldest_turns


def msg(role: str, content: str) -> dict:
    return {"role": role, "content": content}


SYS, U1, A1, U2, A2, U3 = (
    msg("system", "s"), msg("user", "u1"), msg("assistant", "a1"), msg("user", "u2"), msg("assistant", "a2"), msg("user", "u3")
)


def at_most(n: int):
    return lambda messages: len(messages) <= n


@pytest.mark.parametrize(
    "messages, limit, keep_last, expected",
    [
        ([SYS, U1, A1, U2, A2, U3], 6, 1, [SYS, U1, A1, U2, A2, U3]),  # fits: unchanged
        ([SYS, U1, A1, U2, A2, U3], 5, 1, [SYS, U2, A2, U3]),  # oldest pair goes first
        ([SYS, U1, A1, U2, A2, U3], 4, 1, [SYS, U2, A2, U3]),
        ([SYS, U1, A1, U2, A2, U3], 3, 1, [SYS, U3]),
        ([SYS, U1, A1, U2, A2, U3], 2, 1, [SYS, U3]),  # system and last user turn kept
        ([SYS, U1, A1, U2, A2, U3], 1, 1, None),  # ... and never dropped: give up instead
        ([U1, A1, U2, A2, U3], 3, 1, [U2, A2, U3]),  # no system message
        ([U1, A1, U2, A2, U3], 1, 1, [U3]),
        ([U1, A1, U2, A2, U3], 0, 1, None),
        ([U3], 1, 1, [U3]),
        # a guided sampling prompt keeps its last 3 messages (DSAT reply, complaint, instruction)
        ([SYS, U1, A1, U2, A2, U3], 4, 3, [SYS, U2, A2, U3]),
        ([SYS, U1, A1, U2, A2, U3], 3, 3, None),
    ],
)
def test_drop_oldest_turns_cases(messages, limit, keep_last, expected):
    assert drop_oldest_turns(messages, at_most(limit), keep_last=keep_last) == expected


@settings(max_examples=50, deadline=None)
@given(n_turns=st.integers(0, 6), system=st.booleans(), limit=st.integers(0, 20), keep_last=st.sampled_from([1, 3]))
def test_drop_oldest_turns_keeps_the_longest_fitting_suffix(n_turns, system, limit, keep_last):
    """For a conversation head + [u_0 a_0 ... u_{n-1} a_{n-1} u_n] and fits = "at most `limit`
    messages": the result is None or head + a suffix of the body that (1) fits, (2) starts with a
    user turn, (3) still holds the last `keep_last` messages, and (4) is the longest such suffix
    of the pair-aligned ones (two more messages would not fit)."""
    body = [msg("user" if i % 2 == 0 else "assistant", str(i)) for i in range(2 * n_turns + 1)]
    head = [SYS] if system else []
    result = drop_oldest_turns(head + body, at_most(limit), keep_last=keep_last)
    shortest = len(head) + (len(body) - 2 * ((len(body) - keep_last) // 2) if len(body) >= keep_last else len(body))
    if result is None:
        assert limit < min(shortest, len(head + body))
        return
    kept = result[len(head):]
    assert result[: len(head)] == head and len(result) <= limit
    assert kept == body[len(body) - len(kept):] and kept[0]["role"] == "user"
    assert len(kept) >= min(keep_last, len(body))
    assert len(result) == len(head + body) or len(result) + 2 > limit


# ----------------------------------------------------------------------------- collate


def test_collate_right_pads_chosen_first_with_masks_from_lengths():
    """Pairs (P, C, R) = (3, 2, 4) and (1, 3, 1) give rows of lengths 5, 4 | 7, 2, so T = 7:
        row 0  chosen 0    p p p c c . .        response_mask 0 0 0 1 1 0 0
        row 1  chosen 1    p c c c . . .                      0 1 1 1 0 0 0
        row 2  rejected 0  p p p r r r r                      0 0 0 1 1 1 1
        row 3  rejected 1  p r . . . . .                      0 1 0 0 0 0 0
    padding (.) = pad id, attention_mask = 1 exactly on the first len(row) tokens.
    """
    pairs = [EncodedPair([10, 11, 12], [20, 21], [30, 31, 32, 33]), EncodedPair([13], [22, 23, 24], [34])]
    batch = collate(pairs, pad_id=99)
    assert batch["input_ids"].tolist() == [
        [10, 11, 12, 20, 21, 99, 99],
        [13, 22, 23, 24, 99, 99, 99],
        [10, 11, 12, 30, 31, 32, 33],
        [13, 34, 99, 99, 99, 99, 99],
    ]
    assert batch["attention_mask"].tolist() == [
        [1, 1, 1, 1, 1, 0, 0],
        [1, 1, 1, 1, 0, 0, 0],
        [1, 1, 1, 1, 1, 1, 1],
        [1, 1, 0, 0, 0, 0, 0],
    ]
    assert batch["response_mask"].tolist() == [
        [0, 0, 0, 1, 1, 0, 0],
        [0, 1, 1, 1, 0, 0, 0],
        [0, 0, 0, 1, 1, 1, 1],
        [0, 1, 0, 0, 0, 0, 0],
    ]
    assert all(t.dtype == torch.long and t.shape == (4, 7) for t in batch.values())


def test_masks_are_right_when_pad_is_eos(template):
    """A tokenizer whose pad token is its EOS (common for ChatML models: pad = <|im_end|>). The
    ChatML response ends in that very id, so a mask built as input_ids != pad_id would drop the
    last response token; masks built from lengths keep it. Every row's response_mask covers exactly
    tokenize(reply) + [end-of-turn], and attention_mask covers prompt + response."""
    tok = make_tokenizer(template)
    tok.pad_token = tok.eos_token
    enc = ChatEncoder(tok)
    encoded = [enc.encode(Pair(CONVERSATION, CHOSEN, REJECTED)), enc.encode(Pair(CONVERSATION[1:2], "Canberra.", "Sydney."))]
    batch = collate(encoded, pad_id=tok.pad_token_id)
    rows = [e.prompt_ids + e.chosen_ids for e in encoded] + [e.prompt_ids + e.rejected_ids for e in encoded]
    responses = [e.chosen_ids for e in encoded] + [e.rejected_ids for e in encoded]
    for i, (row, response) in enumerate(zip(rows, responses)):
        assert batch["input_ids"][i, : len(row)].tolist() == row
        assert batch["attention_mask"][i].tolist() == [1] * len(row) + [0] * (batch["input_ids"].shape[1] - len(row))
        assert batch["input_ids"][i][batch["response_mask"][i].bool()].tolist() == response
        assert batch["response_mask"][i].nonzero().flatten().tolist() == list(range(len(row) - len(response), len(row)))
    if template == "chatml":
        assert not torch.equal((batch["input_ids"] != tok.pad_token_id).long(), batch["attention_mask"])


# ----------------------------------------------------------------------------- rows


def write_lines(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_load_pairs_reads_the_authors_layout_and_bare_strings(tmp_path):
    """{"prompt": [...], "chosen": [{"role": "assistant", "content": y+}], "rejected": [...]} as the
    authors write it (extra fields ignored, blank lines skipped), bare strings, and a reply given
    as a list ending in the assistant turn; pair_row writes the authors' layout back."""
    prompt = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Capital of Australia?"}]
    rows = [
        json.dumps(pair_row(prompt, "Canberra.", "Sydney.", iteration=1, seed=7)),
        "",
        json.dumps({"prompt": prompt, "chosen": "Canberra!", "rejected": "Sydney!"}),
        json.dumps(
            {
                "prompt": prompt,
                "chosen": [{"role": "user", "content": "ignored"}, {"role": "assistant", "content": "It is Canberra."}],
                "rejected": [{"role": "assistant", "content": "It is Sydney."}],
            }
        ),
    ]
    pairs = load_pairs(write_lines(tmp_path / "pairs.jsonl", rows))
    assert pairs == [
        Pair(prompt, "Canberra.", "Sydney."),
        Pair(prompt, "Canberra!", "Sydney!"),
        Pair(prompt, "It is Canberra.", "It is Sydney."),
    ]
    assert pair_row(prompt, "a", "b")["chosen"] == [{"role": "assistant", "content": "a"}]


GOOD_PROMPT = [{"role": "user", "content": "hi"}]


@pytest.mark.parametrize(
    "bad_line, field, problem",
    [
        (json.dumps({"prompt": GOOD_PROMPT, "chosen": "a"}), "rejected", "missing"),
        (json.dumps({"chosen": "a", "rejected": "b"}), "prompt", "missing"),
        (
            json.dumps({"prompt": GOOD_PROMPT + [{"role": "assistant", "content": "x"}], "chosen": "a", "rejected": "b"}),
            "prompt",
            "end with a user turn",
        ),
        (json.dumps({"prompt": [], "chosen": "a", "rejected": "b"}), "prompt", "non-empty list"),
        (json.dumps({"prompt": [{"role": "bot", "content": "x"}], "chosen": "a", "rejected": "b"}), "prompt[0].role", "bot"),
        (json.dumps({"prompt": GOOD_PROMPT, "chosen": [{"role": "assistant", "content": 3}], "rejected": "b"}), "chosen[0].content", "string"),
        (json.dumps({"prompt": GOOD_PROMPT, "chosen": "a", "rejected": [{"role": "user", "content": "b"}]}), "rejected", "assistant"),
        (json.dumps({"prompt": GOOD_PROMPT, "chosen": "a", "rejected": 5}), "rejected", "list"),
        ('{"prompt": [', None, "not valid JSON"),
        ("[1, 2]", None, "JSON object"),
    ],
    ids=[
        "missing-rejected",
        "missing-prompt",
        "prompt-ends-with-assistant",
        "empty-prompt",
        "wrong-role",
        "non-string-content",
        "reply-not-from-assistant",
        "reply-not-a-list",
        "invalid-json",
        "not-an-object",
    ],
)
def test_bad_rows_raise_data_error_naming_file_line_and_field(tmp_path, bad_line, field, problem):
    """Line 1 is good, line 2 blank, line 3 bad: the error names the file, line 3 and the field."""
    good = json.dumps({"prompt": GOOD_PROMPT, "chosen": "a", "rejected": "b"})
    path = write_lines(tmp_path / "bad.jsonl", [good, "", bad_line])
    with pytest.raises(DataError) as err:
        load_pairs(path)
    e = err.value
    assert (e.path, e.line, e.field) == (str(path), 3, field)
    assert problem in e.problem
    assert str(path) in str(e) and "line 3" in str(e) and (field is None or repr(field) in str(e))


def test_missing_file_raises_data_error(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        load_pairs(tmp_path / "nope.jsonl")


def test_check_prompt_and_reply_text_directly():
    """The validators used by every reader: a prompt ends with a user turn; a reply is a bare
    string or a list whose last message is the assistant's."""
    assert check_prompt(GOOD_PROMPT, "f.jsonl", 1) == GOOD_PROMPT
    assert reply_text("plain", "f.jsonl", 1, "chosen") == "plain"
    assert reply_text([{"role": "assistant", "content": "x"}], "f.jsonl", 1, "chosen") == "x"
    with pytest.raises(DataError, match=r"f\.jsonl, line 9, field 'chosen'"):
        reply_text([{"role": "user", "content": "x"}], "f.jsonl", 9, "chosen")
    with pytest.raises(DataError, match=r"field 'prompt\[0\]'"):
        check_prompt(["not a message"], "f.jsonl", 2)


@pytest.mark.parametrize("template", ["chatml", "strict"])
def test_reply_quoting_a_special_token_gets_one_end_of_turn(template):
    """A reply whose TEXT contains "<|im_end|>" (e.g. a user asked about ChatML) is tokenized as
    text: the only end-of-turn id is the last token."""
    tok = tokenizer(template)
    enc = ChatEncoder(tok)
    prompt = [{"role": "user", "content": "What ends a ChatML turn?"}]
    ids = enc.encode_reply(prompt, "The token <|im_end|> and <end_of_turn> do.")
    eot = enc.end_of_turn_ids
    assert ids[-len(eot):] == eot
    special = {tok.convert_tokens_to_ids(t) for t in ("<|im_end|>", "<end_of_turn>", "<eos>") if t in tok.get_vocab()}
    assert not special & set(ids[: -len(eot)])
