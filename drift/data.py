"""Rows in, tensors out: the data's rows, and (prompt, chosen, rejected) pairs encoded into
training tensors with the tokenizer's own chat template.

Files (the authors' layout, one JSON object a line; messages are {"role", "content"}; `prompt`
is the conversation before the reply and ends with a user turn):
  DSAT row   {"prompt": [...], "rejected": [{"role": "assistant", "content": y-}],
              "user_preference": {"role": "user", "content": complaint} | null}
  SAT row    {"prompt": [...], "chosen": [{"role": "assistant", "content": y+}]}
  pair row   {"prompt": [...], "chosen": [...], "rejected": [...]}   (seed pairs, sampled pairs)
In memory a DSAT or SAT row is a Row, a pair a Pair, an encoded pair an EncodedPair.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

import torch
from jinja2 import TemplateError

from .io import DataError, read_jsonl

ROLES = ("system", "user", "assistant")


# ----------------------------------------------------------------------------- rows


def check_messages(messages, path, line: int | None, field: str) -> list[dict]:
    """Validate a list of {"role", "content"} messages; raise DataError naming file/line/field."""
    if not isinstance(messages, list) or not messages:
        raise DataError(path, line, field, "expected a non-empty list of messages")
    out = []
    for i, m in enumerate(messages):
        where = f"{field}[{i}]"
        if not isinstance(m, dict):
            raise DataError(path, line, where, f"expected an object, got {type(m).__name__}")
        if m.get("role") not in ROLES:
            raise DataError(path, line, f"{where}.role", f"expected one of {ROLES}, got {m.get('role')!r}")
        if not isinstance(m.get("content"), str):
            raise DataError(path, line, f"{where}.content", "expected a string")
        out.append({"role": m["role"], "content": m["content"]})
    return out


def reply_text(value, path, line: int | None, field: str) -> str:
    """The reply in a `chosen` / `rejected` field: a list ending in an assistant message (the
    authors' layout) or a bare string."""
    if isinstance(value, str):
        return value
    msgs = check_messages(value, path, line, field)
    if msgs[-1]["role"] != "assistant":
        raise DataError(path, line, field, "the last message must be an assistant reply")
    return msgs[-1]["content"]


def check_prompt(value, path, line, field="prompt") -> list[dict]:
    msgs = check_messages(value, path, line, field)
    if msgs[-1]["role"] != "user":
        raise DataError(path, line, field, "a prompt must end with a user turn")
    return msgs


@dataclass
class Row:
    """One conversation of the data: x and whichever real replies it has."""

    x: list[dict]  # the conversation before the reply; ends with a user turn
    dsat: str | None = None  # y-: the reply the user was dissatisfied with (DSAT rows)
    complaint: str | None = None  # the user's next turn about it, when known (DSAT rows)
    sat: str | None = None  # a reply the user was satisfied with (SAT rows)


def load_dsat(path: str | os.PathLike) -> list[Row]:
    """DSAT rows {prompt, rejected, user_preference}, validated; no complaint text (null or blank)
    means the sampler cannot guide that row."""
    rows = []
    for line, row in read_jsonl(path):
        for key in ("prompt", "rejected"):
            if key not in row:
                raise DataError(path, line, key, "missing")
        pref = row.get("user_preference")
        if pref is not None and not (isinstance(pref, dict) and isinstance(pref.get("content"), str)):
            raise DataError(path, line, "user_preference", 'expected {"role": "user", "content": str} or null')
        rows.append(Row(check_prompt(row["prompt"], path, line), dsat=reply_text(row["rejected"], path, line, "rejected"),
                        complaint=pref["content"] if pref and pref["content"].strip() else None))
    return rows


def load_sat(path: str | os.PathLike) -> list[Row]:
    """SAT rows {prompt, chosen} (filter_data.py's sat.jsonl), validated."""
    rows = []
    for line, row in read_jsonl(path):
        for key in ("prompt", "chosen"):
            if key not in row:
                raise DataError(path, line, key, "missing")
        rows.append(Row(check_prompt(row["prompt"], path, line), sat=reply_text(row["chosen"], path, line, "chosen")))
    return rows


@dataclass
class Pair:
    """A preference pair in text: y+ = chosen, y- = rejected, x = prompt (messages)."""

    prompt: list[dict]
    chosen: str
    rejected: str
    chosen_cut: bool = False  # a sample that reached max_new_tokens: encoded without an end of turn
    rejected_cut: bool = False


def load_pairs(path: str | os.PathLike) -> list[Pair]:
    """Read a pair file (seed pairs, or pairs written by the sampler)."""
    return pairs_from_rows(read_jsonl(path), path)


def pairs_from_rows(rows: Iterable[tuple[int, dict]], path: str | os.PathLike) -> list[Pair]:
    """Pairs from (line, row) tuples of a pair file, checked as load_pairs checks them (errors name
    `path` and the line): the rows the sampler has just made, or the ones a file holds."""
    pairs = []
    for line, row in rows:
        for key in ("prompt", "chosen", "rejected"):
            if key not in row:
                raise DataError(path, line, key, "missing")
        pairs.append(Pair(
            prompt=check_prompt(row["prompt"], path, line),
            chosen=reply_text(row["chosen"], path, line, "chosen"),
            rejected=reply_text(row["rejected"], path, line, "rejected"),
            chosen_cut=_cut(row, "chosen_sample"),
            rejected_cut=_cut(row, "rejected_sample"),
        ))
    return pairs


def _cut(row: dict, key: str) -> bool:
    """Whether a sampled side stopped at max_new_tokens (the sampler records "cut": true)."""
    record = row.get(key)
    return bool(isinstance(record, dict) and record.get("cut"))


def pair_row(prompt: list[dict], chosen: str, rejected: str, **extra) -> dict:
    """A pair in the authors' layout, plus any provenance fields."""
    return {
        "prompt": prompt,
        "chosen": [{"role": "assistant", "content": chosen}],
        "rejected": [{"role": "assistant", "content": rejected}],
        **extra,
    }


# ----------------------------------------------------------------------------- truncation


def drop_oldest_turns(messages: list[dict], fits: Callable[[list[dict]], bool], keep_last: int = 1):
    """Drop the oldest turns until `fits(messages)` holds.

    A leading system message is always kept, and so are the last `keep_last` messages (the
    latest user turn; for a guided sampling prompt also the DSAT reply, the complaint and the
    instruction). Turns go two at a time (a user turn and the reply after it) so the remaining
    conversation still starts with a user turn. Returns the shortened list, or None when even
    the shortest form does not fit.
    """
    head = messages[:1] if messages and messages[0]["role"] == "system" else []
    body = messages[len(head):]
    while True:
        candidate = head + body
        if fits(candidate):
            return candidate
        if len(body) - 2 < keep_last:
            return None
        body = body[2:]


# ----------------------------------------------------------------------------- encoding


class SkipPair(Exception):
    """A pair that cannot be used for training; `reason` is counted by the caller."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class EncodedPair:
    prompt_ids: list[int]
    chosen_ids: list[int]  # response tokens only, end-of-turn included unless truncated
    rejected_ids: list[int]
    truncated: bool = False


class ChatEncoder:
    """Encodes pairs with one tokenizer's chat template (pitfalls 1-4 and 7 of REFERENCE.md 5):

      prompt ids   = tokenize(template(prompt, add_generation_prompt=True))
      response ids = tokenize(reply as the template writes it) + tokenize(its end of turn)

    Segments are tokenized apart, so no BPE merge crosses the prompt/response boundary. On
    construction probe conversations teach it the template's assistant turn: `reply_prefix`, the
    text between the generation prompt and the content (" " for Mistral), and `end_of_turn`,
    what follows a reply both at the end and before the next turn ("<|im_end|>", "<|eot_id|>",
    "<end_of_turn>", "</s>"; so ChatML gets one EOS, not two, and Gemma's end of turn is not
    taken for its EOS). Templates that trim replies (Llama-3, Gemma, Mistral) train on the trimmed
    text. A response cut by max_length, or a sample cut at max_new_tokens, gets no end of turn:
    the model must not learn that a cut reply ended there.
    """

    # letters only: str.strip() and Jinja's trim leave them alone (they strip \x1c-\x1f too)
    _PROBE, _PROBE_NEXT = "DriftProbeReply", "DriftProbeNext"
    _PROBE_PROMPT = [{"role": "user", "content": "hi"}]

    def __init__(self, tokenizer, max_length: int = 2048, max_prompt_length: int = 1024, drop_truncated: bool = True):
        if tokenizer.chat_template is None:
            raise ValueError("the tokenizer has no chat template; DRIFT encodes conversations with it")
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.max_prompt_length = max_prompt_length
        self.drop_truncated = drop_truncated
        prompt_text = self.render_prompt(self._PROBE_PROMPT)
        full = self._render_full(self._PROBE_PROMPT, self._PROBE)
        before, sep, after = full[len(prompt_text):].partition(self._PROBE)
        if not full.startswith(prompt_text) or not sep:
            raise ValueError("the chat template does not render an assistant turn after its generation prompt")
        self.reply_prefix = before
        self._after_last_reply = after
        # the end of turn is what follows a reply in both places: Phi-3 writes "<|end|>\n" before
        # the next turn but "<|end|>\n<|endoftext|>" at the end of the conversation
        try:
            two_turns = tokenizer.apply_chat_template(
                self._PROBE_PROMPT + [{"role": "assistant", "content": self._PROBE},
                                      {"role": "user", "content": self._PROBE_NEXT}], tokenize=False)
            between = two_turns.split(self._PROBE, 1)[1].split(self._PROBE_NEXT, 1)[0]
            # in tokens, so that "<|end|>\n<|endoftext|>" and "<|end|>\n<|user|>" share "<|end|>\n"
            common = os.path.commonprefix([self._tokenize(after), self._tokenize(between)])
            after = self.tokenizer.decode(common, skip_special_tokens=False, clean_up_tokenization_spaces=False)
        except Exception:  # a template that refuses a second user turn: the last reply's suffix alone
            pass
        self.end_of_turn = after.rstrip() or tokenizer.eos_token
        if not self.end_of_turn:
            raise ValueError("the chat template writes nothing after a reply and the tokenizer has no EOS token")
        self.end_of_turn_ids = self._tokenize(self.end_of_turn)
        # a reply quoting "<|im_end|>" is tokenized as text; only a prefix with special tokens of
        # its own (e.g. a thinking block) is tokenized apart from the reply
        specials = [t for t in tokenizer.all_special_tokens if t]
        self._prefix_has_specials = any(t in self.reply_prefix for t in specials)

    def render_prompt(self, messages: list[dict]) -> str:
        return self.tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)

    def _render_full(self, messages, reply: str) -> str:
        return self.tokenizer.apply_chat_template(
            messages + [{"role": "assistant", "content": reply}], tokenize=False
        )

    def _tokenize(self, text: str) -> list[int]:
        # special tokens come from the template's text, never added by the tokenizer
        return self.tokenizer(text, add_special_tokens=False)["input_ids"]

    def encode_prompt(self, messages: list[dict]) -> list[int]:
        """Prompt ids, the oldest turns dropped until it fits max_prompt_length (and leaves at
        least one token of max_length for the response)."""
        ids = {}
        limit = min(self.max_prompt_length, self.max_length - 1)  # leave room for a response

        def fits(msgs):
            ids["prompt"] = self._tokenize(self.render_prompt(msgs))
            return len(ids["prompt"]) <= limit

        if drop_oldest_turns(messages, fits) is None:
            raise SkipPair("prompt_too_long")
        return ids["prompt"]

    def rendered_reply(self, messages: list[dict], reply: str) -> str:
        """The reply's content as the template writes it after `messages` (trimmed by templates
        that trim). Read off the rendering of the real conversation; where the template renders
        the prompt differently once a reply follows it (Mistral moves the system message into
        the last user turn of a prompt), off the probe conversation's."""
        for context in (messages, self._PROBE_PROMPT):
            head = self.render_prompt(context) + self.reply_prefix
            full = self._render_full(context, reply)
            if full.startswith(head) and full.endswith(self._after_last_reply):
                return full[len(head): len(full) - len(self._after_last_reply)]
        raise SkipPair("template_rewrites_reply")

    def encode_reply(self, messages: list[dict], reply: str, ended: bool = True) -> list[int]:
        """Response ids: the reply as the template lays it out, then the end-of-turn unless the
        reply did not end (a sample cut at max_new_tokens: it must not look finished)."""
        content = self.rendered_reply(messages, reply)
        # a reply that quotes "<|im_end|>" gets the text's tokens, not a second EOS mid-reply
        if self._prefix_has_specials:
            body = self._tokenize(self.reply_prefix) + self.tokenizer(
                content, add_special_tokens=False, split_special_tokens=True)["input_ids"]
        else:
            body = self.tokenizer(self.reply_prefix + content, add_special_tokens=False,
                                  split_special_tokens=True)["input_ids"]
        return body + (self.end_of_turn_ids if ended else [])

    def encode(self, pair: Pair) -> EncodedPair:
        if not pair.chosen.strip() or not pair.rejected.strip():
            raise SkipPair("empty_response")
        try:
            return self._encode(pair)
        except TemplateError:  # a strict template refuses it (roles that do not alternate, a late system turn)
            raise SkipPair("template_refuses_conversation") from None

    def _encode(self, pair: Pair) -> EncodedPair:
        prompt_ids = self.encode_prompt(pair.prompt)
        budget = self.max_length - len(prompt_ids)
        chosen_ids = self.encode_reply(pair.prompt, pair.chosen, ended=not pair.chosen_cut)
        rejected_ids = self.encode_reply(pair.prompt, pair.rejected, ended=not pair.rejected_cut)
        truncated = len(chosen_ids) > budget or len(rejected_ids) > budget
        if truncated:
            if self.drop_truncated:
                raise SkipPair("response_truncated")
            chosen_ids, rejected_ids = chosen_ids[:budget], rejected_ids[:budget]
        if chosen_ids == rejected_ids:
            raise SkipPair("identical_responses")  # no signal: s = 0 for every policy
        return EncodedPair(prompt_ids, chosen_ids, rejected_ids, truncated)

    def encode_all(self, pairs: Iterable[Pair]) -> tuple[list[EncodedPair], Counter]:
        encoded, skipped = [], Counter()
        for pair in pairs:
            try:
                encoded.append(self.encode(pair))
            except SkipPair as e:
                skipped[e.reason] += 1
        return encoded, skipped


def _rows(pairs: list[EncodedPair]) -> tuple[list[list[int]], list[int]]:
    """The 2B token rows of B pairs, chosen rows first, and where each row's response starts."""
    rows = [p.prompt_ids + p.chosen_ids for p in pairs] + [p.prompt_ids + p.rejected_ids for p in pairs]
    return rows, [len(p.prompt_ids) for p in pairs] * 2


def collate(pairs: list[EncodedPair], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-pad B pairs into one concatenated batch of 2B rows: chosen rows first, then rejected.

    Returns input_ids, attention_mask, response_mask, each (2B, T). response_mask[r, t] = 1
    where token t of row r belongs to the response, i.e. is a token whose log-prob counts.
    """
    rows, starts = _rows(pairs)
    T = max(len(r) for r in rows)
    input_ids = torch.full((len(rows), T), pad_id, dtype=torch.long)  # (2B, T)
    attention_mask = torch.zeros((len(rows), T), dtype=torch.long)  # (2B, T)
    response_mask = torch.zeros((len(rows), T), dtype=torch.long)  # (2B, T)
    for i, (row, start) in enumerate(zip(rows, starts)):
        input_ids[i, : len(row)] = torch.tensor(row)
        attention_mask[i, : len(row)] = 1
        response_mask[i, start : len(row)] = 1
    return {"input_ids": input_ids, "attention_mask": attention_mask, "response_mask": response_mask}


def pack(lengths: list[int], max_capacity: int) -> tuple[int, list[list[int]]]:
    """Rows of the given lengths into bins of one capacity C, first-fit decreasing: the C between
    the longest row and max(max_capacity, longest) that leaves the fewest padding tokens
    (n_bins * C - sum of lengths), the smaller C on a tie. Returns (C, bins of row indices)."""
    longest, total = max(lengths), sum(lengths)
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    best = None
    candidates = sorted({c for k in range(1, len(lengths) + 1)  # C near total / k fits the rows in about k bins
                         for c in (max(longest, -(-total // k)), max(longest, -(-total * 21 // (20 * k))))
                         if c <= max(max_capacity, longest)})
    for capacity in candidates:
        bins, room = [], []
        for i in order:
            j = next((j for j, r in enumerate(room) if r >= lengths[i]), None)
            if j is None:
                bins.append([i])
                room.append(capacity - lengths[i])
            else:
                bins[j].append(i)
                room[j] -= lengths[i]
        cost = (len(bins) * capacity, capacity)
        if best is None or cost < best[0]:
            best = (cost, capacity, bins)
    return best[1], best[2]


def collate_packed(pairs: list[EncodedPair], pad_id: int, max_capacity: int) -> dict[str, torch.Tensor]:
    """The 2B rows of `collate` (chosen rows first, then rejected) packed into bins instead of
    padded to the longest: each bin a row of C tokens holding several sequences one after the
    other, each with its own position ids (0, 1, ...), so the model attends within a sequence
    only (transformers builds that mask from position ids that restart, when no attention mask
    is given). Padding is only what is left at the end of a bin, a sequence of its own.

    Returns input_ids, position_ids, response_mask and segment_ids, each (n_bins, C);
    segment_ids[b, t] is the row of collate's numbering that token t of bin b belongs to, -1 on
    padding. With WildChat-like lengths this computes ~5% padding instead of ~50% (bench/bench_padding.py).
    """
    rows, starts = _rows(pairs)
    C, bins = pack([len(r) for r in rows], max_capacity)
    input_ids = torch.full((len(bins), C), pad_id, dtype=torch.long)  # (n_bins, C)
    position_ids = torch.zeros((len(bins), C), dtype=torch.long)  # (n_bins, C)
    response_mask = torch.zeros((len(bins), C), dtype=torch.long)  # (n_bins, C)
    segment_ids = torch.full((len(bins), C), -1, dtype=torch.long)  # (n_bins, C)
    for b, members in enumerate(bins):
        t = 0
        for i in members:
            n = len(rows[i])
            input_ids[b, t: t + n] = torch.tensor(rows[i])
            position_ids[b, t: t + n] = torch.arange(n)
            response_mask[b, t + starts[i]: t + n] = 1
            segment_ids[b, t: t + n] = i
            t += n
        position_ids[b, t:] = torch.arange(C - t)  # the padding: one more sequence, never scored
    return {"input_ids": input_ids, "position_ids": position_ids, "response_mask": response_mask,
            "segment_ids": segment_ids}
