"""From public preference datasets to DRIFT's training rows (Algorithm 1, step 3: "Filter").

Every reader turns one format's records into Examples: dsat, sat or seed rows in the authors'
layout (drift/data.py), with a prompt that is an optional system message, then user and assistant
turns alternating, ending with a user turn; user_preference is null where the data has no
complaint text. Nothing is dropped silently: a record that cannot be used is counted in
FilterStats.skipped by reason (for wildfeedback-annotation the unit is a conversation, elsewhere a
row), an exact repeat of a kept row in FilterStats.duplicates; a file that is not the format it
was given as raises DataError naming the file, row and field.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from drift.io import DataError, bad_text, check_readable, read_jsonl
from drift.jsonstream import iter_json_array

KINDS = ("dsat", "sat", "seed")


class Record(NamedTuple):
    """One input row and where it is: `element` (0-based) in a JSON array or parquet file,
    `line` (1-based) in a text file."""
    line: int | None
    element: int | None
    value: Any

    def where(self) -> str:
        return f"element [{self.element}]" if self.element is not None else f"line {self.line}"


class Example(NamedTuple):
    kind: str     # "dsat", "sat" or "seed": the output file it belongs to
    row: dict     # the row, in the schema above
    source: dict  # provenance: {"file": name, "element": i} or {"file": name, "line": n}


@dataclass
class FilterStats:
    input_rows: int = 0
    conversations: int = 0         # wildfeedback-annotation: conversations read
    unique_conversations: int = 0  # ... valid ones that are not an exact repeat of an earlier one
    conversations_with: Counter = field(default_factory=Counter)  # kind -> conversations that gave a new row
    replies: Counter = field(default_factory=Counter)  # wildfeedback-annotation, chat: how each reply was judged
    rules: Counter = field(default_factory=Counter)  # chat: what decided each label (the rule, or the judge)
    label_values_not_bool: int = 0  # Satisfaction/Disatisfaction values that are neither bool nor null
    skipped: Counter = field(default_factory=Counter)  # reason -> conversations or rows skipped
    first_skipped_at: dict = field(default_factory=dict)  # reason -> where it first happened
    duplicates: Counter = field(default_factory=Counter)  # kind -> exact repeats dropped
    kept: Counter = field(default_factory=Counter)  # kind -> rows kept
    user_preference_null: int = 0  # dsat rows kept without complaint text
    _seen: set = field(default_factory=set, repr=False)  # digests of the rows kept

    def skip(self, reason: str, where: str) -> None:
        self.skipped[reason] += 1
        self.first_skipped_at.setdefault(reason, where)

    def keep(self, kind: str, row: dict) -> bool:
        """Record a candidate row: False (and counted) if it repeats a row already kept."""
        key = _digest([kind, row["prompt"], row.get("chosen"), row.get("rejected")])
        if key in self._seen:
            self.duplicates[kind] += 1
            return False
        self._seen.add(key)
        self.kept[kind] += 1
        self.user_preference_null += kind == "dsat" and row["user_preference"] is None
        return True


def _digest(obj) -> bytes:
    return hashlib.blake2b(json.dumps(obj, ensure_ascii=False).encode(), digest_size=16).digest()


# ----------------------------------------------------------------------------------------------
# Reading records: a JSON array (streamed), JSON Lines, or parquet.

def iter_records(path: str | os.PathLike, array_only: bool = False) -> Iterator[Record]:
    """Records of a .parquet file (needs pyarrow), a JSON array, or JSON Lines, told apart by
    the suffix and the first character. With array_only, anything but a JSON array is an error."""
    path = Path(path)
    check_readable(path)
    if path.suffix == ".parquet" and not array_only:
        yield from _iter_parquet(path)
        return
    with open(path, encoding="utf-8-sig", errors="replace") as f:
        first = f.read(1 << 16).lstrip()[:1]
    if not first:
        raise DataError(path, None, None, "the file is empty")
    if first == "[" or array_only:
        for index, line, value in iter_json_array(path):
            yield Record(line, index, value)
    else:
        for line, value in read_jsonl(path, check_unicode=False):  # bad text is a counted skip here
            yield Record(line, None, value)


def _iter_parquet(path: Path) -> Iterator[Record]:
    try:
        import pyarrow
        import pyarrow.parquet as pq
    except ImportError:
        raise DataError(path, None, None, "reading parquet needs pyarrow (pip install pyarrow), "
                                          "or convert the file to JSON Lines") from None
    index = 0
    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
            for value in batch.to_pylist():
                yield Record(None, index, value)
                index += 1
    except pyarrow.ArrowException as e:
        raise DataError(path, None, f"[{index}]" if index else None, f"not a readable parquet file ({e})") from None


def _check_format(path, rec: Record, columns: tuple[str, ...], what: str, first: bool) -> dict | None:
    """The record as a dict. Raises DataError if it is not an object, or if it is the file's first
    record and has none of the format's columns (the file is not what --format says). A later
    record with none of them returns None: counted as a skip, not fatal."""
    value = rec.value
    element = f"element [{rec.element}]: " if rec.element is not None else ""  # DataError gives the line
    if not isinstance(value, dict):
        raise DataError(path, rec.line, None, f"{element}expected a JSON object ({what}), "
                                               f"got {type(value).__name__}")
    if not any(c in value for c in columns):
        if first:
            keys = ", ".join(list(value)[:8]) or "none"
            raise DataError(path, rec.line, columns[0],
                            f"{element}not {what}: it has none of the columns "
                            f"{', '.join(columns)} (its keys: {keys}); is --format right?")
        return None
    return value


# ----------------------------------------------------------------------------------------------
# Checking messages and prompts. Each check returns the reason a value is unusable, or None.

def _text_problem(text) -> str | None:
    if text is None:
        return "missing_field"
    if not isinstance(text, str):
        return "wrong_type"
    if not text.strip():
        return "empty_content"
    if not text.isascii() and bad_text(text):  # a lone surrogate (a \ud800-style escape), a non-character
        return "invalid_unicode"
    return None


def _prompt_problem(messages: list[dict]) -> str | None:
    """An optional system message, then user/assistant alternating, ending with a user turn."""
    turns = messages[1:] if messages and messages[0]["role"] == "system" else messages
    if not turns:
        return "empty_prompt"
    for i, m in enumerate(turns):
        if m["role"] != ("user" if i % 2 == 0 else "assistant"):
            return "roles_not_alternating"
    return None if turns[-1]["role"] == "user" else "prompt_not_ending_with_user"


def _message(value, roles: dict[str, str], role_key="role", content_key="content",
             default_role: str | None = None) -> tuple[dict | None, str | None]:
    """A {"role", "content"} message from `value`, with the role mapped through `roles`."""
    if not isinstance(value, dict):
        return None, "missing_field" if value is None else "wrong_type"
    role = value.get(role_key, default_role)
    if role is None:
        return None, "missing_field"
    if not isinstance(role, str):
        return None, "wrong_type"
    if role not in roles:
        return None, "unknown_role"
    content = value.get(content_key)
    problem = _text_problem(content)
    return (None, problem) if problem else ({"role": roles[role], "content": content}, None)


def _messages(value, roles: dict[str, str], role_key="role", content_key="content"):
    if not isinstance(value, list):
        return None, "missing_field" if value is None else "wrong_type"
    out = []
    for item in value:
        m, problem = _message(item, roles, role_key, content_key)
        if problem:
            return None, problem
        out.append(m)
    return out, None


CHAT_ROLES = {"system": "system", "user": "user", "assistant": "assistant"}


# ----------------------------------------------------------------------------------------------
# wildfeedback-annotation: sat_dsat_annotation.json, one row per utterance.

ANNOTATION_COLUMNS = ("UtterranceId", "Role", "Content", "Preceeding", "Satisfaction", "Disatisfaction")
ANNOTATION_ROLES = {"User": "user", "Agent": "assistant"}


def _utterance_id(row: dict, lenient: bool = False) -> int | None:
    """UtterranceId as an int (an integral float is fine). `lenient` also reads digit strings,
    used only to find where conversations start, so one bad id spoils one conversation."""
    v = row.get("UtterranceId")
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if lenient and isinstance(v, str) and v.strip().isdigit():
        return int(v)
    return None


def annotation_examples(path, records: Iterable[Record], stats: FilterStats) -> Iterator[Example]:
    """DSAT, SAT and DSAT->SAT rows from the utterance rows of sat_dsat_annotation.json.

    A conversation starts at UtterranceId 0. A reply's label is read from the NEXT User row, and
    only if its Preceeding is "YES" (labels on Agent rows repeat their turn's and are ignored):
      Disatisfaction true, Satisfaction not true -> dsat {prompt, rejected, user_preference}
      Satisfaction true, Disatisfaction not true -> sat {prompt, chosen}
      a dsat reply whose next reply is sat -> seed {prompt, chosen: revision, rejected}
    anything else (both true, false, missing, null; Preceeding not "YES"; the last reply) is
    not used. A conversation with a row missing a field, a wrong type, an unknown role, an
    empty content, invalid unicode, ids not 0, 1, 2, ... or roles not User, Agent, User, ...
    is skipped whole and counted by reason.
    """
    for name, records_, messages, labels in annotation_conversations(path, records, stats):
        gave = set()
        for kind, row, j in rows_from_labels(messages, labels):
            if stats.keep(kind, row):
                gave.add(kind)
                yield Example(kind, row, {"file": name, "element": records_[j].element, "line": records_[j].line})
        stats.conversations_with.update(gave)


def annotation_conversations(path, records: Iterable[Record], stats: FilterStats):
    """(file name, records, messages, labels) of every usable conversation of an annotation file,
    labels[j] what the User row after Agent reply j says of it (_judge); the rest counted."""
    name = Path(path).name
    seen: set[bytes] = set()
    conversation: list[Record] = []
    for n, rec in enumerate(records):
        row = _check_format(path, rec, ANNOTATION_COLUMNS, "a sat_dsat_annotation row", n == 0)
        stats.input_rows += 1
        if row is not None and _utterance_id(row, lenient=True) == 0 and conversation:
            for part in _split_restarts(conversation):
                yield from _one_conversation(name, part, stats, seen)
            conversation = []
        conversation.append(rec._replace(value=row or {}))
    for part in _split_restarts(conversation) if conversation else ():
        yield from _one_conversation(name, part, stats, seen)


def _split_restarts(records: list[Record]) -> Iterator[list[Record]]:
    """A row whose UtterranceId is unreadable but which is followed by UtterranceId 1 started a
    new conversation: split there, so one bad row costs one conversation, not two."""
    start = 0
    for p in range(1, len(records) - 1):
        if (_utterance_id(records[p].value, lenient=True) is None
                and _utterance_id(records[p + 1].value, lenient=True) == 1):
            yield records[start:p]
            start = p
    yield records[start:]


def _conversation_problem(records: list[Record]) -> tuple[str, Record, str | None] | None:
    """(reason, record, field) for the first thing that makes the conversation unusable."""
    for position, rec in enumerate(records):
        row = rec.value
        for column in ("UtterranceId", "Role", "Content"):
            if row.get(column) is None:
                return "missing_field", rec, column
        if _utterance_id(row) is None:
            return "wrong_type", rec, "UtterranceId"
        if not isinstance(row["Role"], str):
            return "wrong_type", rec, "Role"
        if row["Role"] not in ANNOTATION_ROLES:
            return "unknown_role", rec, "Role"
        problem = _text_problem(row["Content"])
        if problem:
            return problem, rec, "Content"
        if _utterance_id(row) != position:
            return "utterance_ids_not_consecutive", rec, "UtterranceId"
        if row["Role"] != ("User" if position % 2 == 0 else "Agent"):
            return "roles_not_alternating", rec, "Role"
    return None


def _judge(user_row: dict, stats: FilterStats) -> str:
    """What the User row says about the reply before it."""
    sat, dsat = user_row.get("Satisfaction"), user_row.get("Disatisfaction")
    stats.label_values_not_bool += sum(v is not None and not isinstance(v, bool) for v in (sat, dsat))
    if user_row.get("Preceeding") != "YES":
        return "not_preceeding"  # a new topic: the labels are not about the reply before
    if dsat is True and sat is not True:
        return "dsat"
    if sat is True and dsat is not True:
        return "sat"
    return "neutral" if sat is False and dsat is False else "unclear"


def _one_conversation(name: str, records: list[Record], stats: FilterStats, seen: set[bytes]):
    stats.conversations += 1
    problem = _conversation_problem(records)
    if problem:
        reason, rec, column = problem
        stats.skip(reason, f"{name} {rec.where()}, field {column!r}")
        return
    rows = [rec.value for rec in records]
    messages = [{"role": ANNOTATION_ROLES[r["Role"]], "content": r["Content"]} for r in rows]
    digest = _digest(messages)  # a repeated conversation still runs: its rows count as duplicates
    stats.unique_conversations += digest not in seen
    seen.add(digest)
    # labels[j] judges the Agent reply at position j (odd): read from the User row after it
    labels = {}
    for j in range(1, len(rows), 2):
        labels[j] = _judge(rows[j + 1], stats) if j + 1 < len(rows) else "last_reply"
        stats.replies[labels[j]] += 1
    yield name, records, messages, labels


def rows_from_labels(messages: list[dict], labels: dict[int, str], details: dict[int, dict] | None = None):
    """(kind, row, j) for the replies j of one conversation, from what the user turn after each says:
      dsat -> dsat {prompt, rejected, user_preference: the user's turn}
      sat  -> sat {prompt, chosen}
      a dsat reply whose next reply is sat -> seed {prompt, chosen: the revision, rejected}
    `details[j]`, when given, is added to the rows of reply j as "finder" (how it was labelled)."""
    for j, label in labels.items():
        extra = {"finder": details[j]} if details else {}
        if label == "dsat":
            yield "dsat", {"prompt": messages[:j], "rejected": [messages[j]], "user_preference": messages[j + 1]} | extra, j
            if labels.get(j + 2) == "sat":
                seed = {"prompt": messages[:j], "chosen": [messages[j + 2]], "rejected": [messages[j]]}
                yield "seed", seed | ({"finder": {"rejected": details[j], "chosen": details[j + 2]}} if details else {}), j
        elif label == "sat":
            yield "sat", {"prompt": messages[:j], "chosen": [messages[j]]} | extra, j


# ----------------------------------------------------------------------------------------------
# chat: raw conversations without labels, one a record, in the common layouts; a finder
# (drift/finder.py) labels every user turn that follows an assistant reply.

CHAT_LAYOUTS = {  # key -> (role key, content key, roles)
    "messages": ("role", "content", CHAT_ROLES),  # OpenAI-style
    "conversation": ("role", "content", CHAT_ROLES),  # WildChat
    "conversations": ("from", "value", {"human": "user", "user": "user", "gpt": "assistant", "assistant": "assistant",
                                        "system": "system", "chatgpt": "assistant", "bing": "assistant"}),  # ShareGPT
}
CHUNK = 256  # conversations whose turns go to the finder together (a judge's batches)


def _text_parts(message):
    """OpenAI's content as a list of parts: the text parts joined; None if any part is not text."""
    if isinstance(message, dict) and isinstance(message.get("content"), list):
        parts = message["content"]
        if all(isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("text"), str) for p in parts):
            return dict(message, content="\n".join(p["text"] for p in parts))
        return None
    return message


def chat_conversation(row: dict) -> tuple[list[dict] | None, str | None, str]:
    """(messages, problem, the field read) of one raw-chat record: the first layout key it has."""
    key = next(k for k in CHAT_LAYOUTS if k in row)
    role_key, content_key, roles = CHAT_LAYOUTS[key]
    value = row[key]
    if isinstance(value, list):
        value = [_text_parts(m) for m in value]
        if any(m is None for m in value):
            return None, "non_text_content", key
    messages, problem = _messages(value, roles, role_key, content_key)
    if problem:
        return None, problem, key
    turns = messages[1:] if messages and messages[0]["role"] == "system" else messages
    if not turns:
        return None, "empty_prompt", key
    if any(m["role"] != ("user" if i % 2 == 0 else "assistant") for i, m in enumerate(turns)):
        return None, "roles_not_alternating", key
    return messages, None, key


def chat_examples(path, records: Iterable[Record], stats: FilterStats, finder=None) -> Iterator[Example]:
    """dsat, sat and seed rows (rows_from_labels) from raw conversations, labelled by `finder`;
    every row records how it was found ("finder"). A conversation that cannot be read is skipped
    whole and counted by reason; its first field problem is said with the file and line."""
    from .finder import RulesFinder, turns_of

    finder = finder or RulesFinder()
    name, seen, chunk = Path(path).name, set(), []
    for n, rec in enumerate(records):
        row = _check_format(path, rec, tuple(CHAT_LAYOUTS), "a chat record (messages, conversations or conversation)", n == 0)
        stats.input_rows += 1
        stats.conversations += 1
        where = f"{name} {rec.where()}"
        if row is None:
            stats.skip("missing_field", where + ", field 'messages'")
            continue
        messages, problem, key = chat_conversation(row)
        if problem:
            stats.skip(problem, f"{where}, field {key!r}")
            continue
        digest = _digest(messages)
        stats.unique_conversations += digest not in seen
        seen.add(digest)
        chunk.append((rec, messages))
        if len(chunk) == CHUNK:
            yield from _label_chunk(name, chunk, finder, stats, turns_of)
            chunk = []
    yield from _label_chunk(name, chunk, finder, stats, turns_of)


def _label_chunk(name, chunk, finder, stats: FilterStats, turns_of) -> Iterator[Example]:
    turns = [(k, j, t) for k, (_, messages) in enumerate(chunk) for j, t in turns_of(messages).items()]
    found = finder.label([t for _, _, t in turns]) if turns else []
    labels = [dict() for _ in chunk]
    details = [dict() for _ in chunk]
    for (k, j, _), (label, detail) in zip(turns, found):
        labels[k][j], details[k][j] = label, detail
        stats.replies[label] += 1
        stats.rules[detail.get("rule") or detail.get("why") or label] += 1
    for (rec, messages), lab, det in zip(chunk, labels, details):
        gave = set()
        for kind, row, _ in rows_from_labels(messages, lab, det):
            if stats.keep(kind, row):
                gave.add(kind)
                yield Example(kind, row, _source(name, rec))
        stats.conversations_with.update(gave)


# ----------------------------------------------------------------------------------------------
# wildfeedback: wildfeedback.json, ShareGPT style. The conversation ends on the user turn that
# followed the DSAT reply `rejected`; `chosen` was written by GPT-4 and is not used. No complaint
# text exists in this format, so user_preference is null.

SHAREGPT_COLUMNS = ("conversations", "rejected")
SHAREGPT_ROLES = {"human": "user", "user": "user", "gpt": "assistant", "assistant": "assistant",
                  "system": "system"}


def sharegpt_examples(path, records: Iterable[Record], stats: FilterStats) -> Iterator[Example]:
    """dsat rows {prompt: conversations, rejected: [rejected], user_preference: null}."""
    name = Path(path).name
    for n, rec in enumerate(records):
        row = _check_format(path, rec, SHAREGPT_COLUMNS, "a WildFeedback (ShareGPT) row", n == 0)
        stats.input_rows += 1
        where = f"{name} {rec.where()}"
        if row is None:
            stats.skip("missing_field", where + ", field 'conversations'")
            continue
        prompt, problem = _messages(row.get("conversations"), SHAREGPT_ROLES, "from", "value")
        problem = problem or _prompt_problem(prompt)
        if problem:
            stats.skip(problem, where + ", field 'conversations'")
            continue
        reply, problem = _reply(row.get("rejected"), SHAREGPT_ROLES, "from", "value")
        if problem:
            stats.skip(problem, where + ", field 'rejected'")
            continue
        out = {"prompt": prompt, "rejected": [reply], "user_preference": None}
        if stats.keep("dsat", out):
            yield Example("dsat", out, _source(name, rec))


def _reply(value, roles=CHAT_ROLES, role_key="role", content_key="content"):
    """One assistant message from a message, a list holding one message, or a bare string."""
    if isinstance(value, str):
        value = {role_key: "assistant", content_key: value}
    if isinstance(value, list):
        if len(value) != 1:
            return None, "reply_not_one_message"
        value = value[0]
    m, problem = _message(value, roles, role_key, content_key, default_role="assistant")
    if problem:
        return None, problem
    return (m, None) if m["role"] == "assistant" else (None, "reply_not_assistant")


def _source(name: str, rec: Record) -> dict:
    return {"file": name, "element": rec.element} if rec.element is not None else {"file": name, "line": rec.line}


# ----------------------------------------------------------------------------------------------
# ultrafeedback: HuggingFaceH4/ultrafeedback_binarized. `chosen` and `rejected` are whole
# conversations ending with the scored reply. DRIFT keeps the rejected reply as its fixed negative
# (a dsat-compatible row with user_preference null); SPIN keeps the chosen one as its fixed
# positive (a sat-compatible row).

ULTRAFEEDBACK_COLUMNS = ("chosen", "rejected", "prompt", "messages")


def ultrafeedback_examples(path, records: Iterable[Record], stats: FilterStats) -> Iterator[Example]:
    name = Path(path).name
    for n, rec in enumerate(records):
        row = _check_format(path, rec, ULTRAFEEDBACK_COLUMNS, "an UltraFeedback binarized row", n == 0)
        stats.input_rows += 1
        for kind, column in (("dsat", "rejected"), ("sat", "chosen")):
            where = f"{name} {rec.where()}, field {column!r}"
            messages, problem = _messages((row or {}).get(column), CHAT_ROLES)
            if not problem:
                *prompt, reply = messages or [None]
                if reply is None or reply["role"] != "assistant":
                    problem = "reply_not_assistant"
                else:
                    problem = _prompt_problem(prompt)
            if problem:
                stats.skip(f"{column}: {problem}", where)
                continue
            if kind == "dsat":
                out = {"prompt": prompt, "rejected": [reply], "user_preference": None}
            else:
                out = {"prompt": prompt, "chosen": [reply]}
            if stats.keep(kind, out):
                yield Example(kind, out, _source(name, rec))


# ----------------------------------------------------------------------------------------------
# drift-jsonl: the authors' released files (dsat_data.jsonl, seed-data/*.jsonl), already in the
# row schema. Each row is checked and normalised (a string prompt becomes one user message, a bare
# reply string or message becomes a one-message list, a string user_preference a user message)
# and goes to the file its keys say: chosen and rejected -> seed, rejected -> dsat, chosen -> sat.

DRIFT_COLUMNS = ("prompt", "chosen", "rejected")


def drift_jsonl_examples(path, records: Iterable[Record], stats: FilterStats) -> Iterator[Example]:
    name = Path(path).name
    for n, rec in enumerate(records):
        row = _check_format(path, rec, DRIFT_COLUMNS, "a DRIFT row (prompt, chosen/rejected)", n == 0)
        stats.input_rows += 1
        where = f"{name} {rec.where()}"
        out, problem = _normalise_drift_row(row or {})
        if problem:
            reason, column = problem
            stats.skip(reason, f"{where}, field {column!r}")
            continue
        kind = "seed" if "chosen" in out and "rejected" in out else "dsat" if "rejected" in out else "sat"
        if stats.keep(kind, out):
            yield Example(kind, out, _source(name, rec))


def _normalise_drift_row(row: dict) -> tuple[dict | None, tuple[str, str] | None]:
    prompt = row.get("prompt")
    if isinstance(prompt, str):
        prompt = [{"role": "user", "content": prompt}]
    prompt, problem = _messages(prompt, CHAT_ROLES)
    problem = problem or _prompt_problem(prompt)
    if problem:
        return None, (problem, "prompt")
    out = {"prompt": prompt}
    for column in ("chosen", "rejected"):
        if row.get(column) is not None:
            reply, problem = _reply(row[column])
            if problem:
                return None, (problem, column)
            out[column] = [reply]
    if len(out) == 1:
        return None, ("missing_field", "chosen/rejected")
    if list(out) == ["prompt", "rejected"]:
        preference = row.get("user_preference")
        if preference is not None:
            if isinstance(preference, str):
                preference = {"role": "user", "content": preference}
            preference, problem = _message(preference, {"user": "user"}, default_role="user")
            if problem:
                return None, (problem, "user_preference")
        out["user_preference"] = preference
    return out, None


READERS: dict[str, Callable[..., Iterator[Example]]] = {
    "wildfeedback-annotation": annotation_examples,
    "wildfeedback": sharegpt_examples,
    "ultrafeedback": ultrafeedback_examples,
    "drift-jsonl": drift_jsonl_examples,
    "chat": chat_examples,
}
# the files each format writes (always written, possibly empty)
OUTPUTS = {
    "wildfeedback-annotation": ("dsat", "sat", "seed"),
    "wildfeedback": ("dsat",),
    "ultrafeedback": ("dsat", "sat"),
    "drift-jsonl": ("dsat", "sat", "seed"),
    "chat": ("dsat", "sat", "seed"),
}
