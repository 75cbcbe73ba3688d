"""A local judge: a chat model's verdict read from the log-probabilities of labels, not from text.

The judge (any HF chat model, --judge-model) reads a rubric (a text file users edit, e.g.
presets/judge_compare.txt) filled with the conversation and the texts to judge, and every label's
log-prob log p(label | prompt) is read after the judge's own assistant-turn opening: labels of one
token each (A and B, or D, S and N) all from one forward's last position
(drift.logprobs.next_token_logps), longer ones as the label tokens' summed log-prob
(drift.logprobs.sequence_logps, the code that scores DPO's sequences). Comparing reply a with
reply b, each pair is judged in both orders:

    m(a, b) = [log p(A | a first) - log p(B | a first)] + [log p(B | b first) - log p(A | b first)]

a wins when m > 0, loses when m < 0, ties at 0 (counted one half). A judge that always says "A"
has m = 0 whatever the replies: position bias cancels instead of deciding. Win rates are means
over conversations, with a 95% Wilson interval over conversations (replies of one conversation are
not independent draws). The label log-probs are also what the chat-log finder (drift.filtering)
reads, with its own rubric and labels.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import torch

from . import dist as D
from .data import drop_oldest_turns
from .logprobs import next_token_logps, sequence_logps

PRESETS = Path(__file__).resolve().parent.parent / "presets"
COMPARE_RUBRIC = PRESETS / "judge_compare.txt"
COMPARE_FIELDS = ("{conversation}", "{reply_a}", "{reply_b}")
BATCH = 8  # judge prompts a forward (one row each when every label is one token, else one per label)


def transcript(messages: list[dict]) -> str:
    """A conversation as the judge reads it: "User: ..." / "Assistant: ..." / "System: ..." blocks."""
    return "\n\n".join(f"{m['role'].capitalize()}: {m['content']}" for m in messages)


def read_rubric(path: str | Path, fields: tuple[str, ...]) -> str:
    """The rubric's text; a UsageError when it lacks a field it must be filled with."""
    from .io import UsageError

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"judge rubric {path}: cannot read it ({type(e).__name__})") from None
    missing = [f for f in fields if f not in text]
    if missing:
        raise UsageError(f"judge rubric {path}: lacks {', '.join(missing)} (the rubric is filled with {', '.join(fields)})")
    return text


def fill(rubric: str, **values: str) -> str:
    """The rubric with each {name} replaced by values[name], in one pass over the rubric alone: a
    conversation that contains "{reply_a}" or any brace keeps it as text."""
    pattern = re.compile("|".join(re.escape("{" + name + "}") for name in values))
    return pattern.sub(lambda m: values[m.group(0)[1:-1]], rubric)


def wilson(p: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion p measured on n units."""
    if n == 0:
        return 0.0, 1.0
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def outcome(margin: float) -> float:
    """1 for a win (m > 0), 0.5 for a tie, 0 for a loss."""
    return 1.0 if margin > 0 else 0.5 if margin == 0 else 0.0


def win_rate(margins_by_conversation: list[list[float]]) -> dict:
    """{"rate", "low", "high", "n"}: the mean over conversations of each one's mean outcome."""
    per_conv = [sum(map(outcome, ms)) / len(ms) for ms in margins_by_conversation if ms]
    if not per_conv:
        return {"rate": None, "low": None, "high": None, "n": 0}
    p = sum(per_conv) / len(per_conv)
    low, high = wilson(p, len(per_conv))
    return {"rate": p, "low": low, "high": high, "n": len(per_conv)}


class Judge:
    """A chat model that scores labels. `model` is a plain or FSDP2-sharded causal LM (its weights
    gathered for a pass, as the sampler does); every rank passes the same prompts and gets every
    score, each rank computing every world_size-th batch."""

    def __init__(self, model, tokenizer, rubric: str, max_length: int = 4096, rank: int = 0, world_size: int = 1,
                 chunk_size: int = 1024):
        self.model, self.tokenizer, self.rubric = model, tokenizer, rubric
        self.max_length, self.rank, self.world_size, self.chunk_size = max_length, rank, world_size, chunk_size
        self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id

    @classmethod
    def load(cls, spec: str, dist, dtype: torch.dtype, rubric_path: str | Path = COMPARE_RUBRIC,
             fields: tuple[str, ...] = COMPARE_FIELDS, max_length: int = 4096) -> "Judge":
        """--judge-model: a folder, a hub id or "embedded", read as --model is (checked, safetensors
        only), its shards kept in the compute dtype (it is never trained)."""
        from .model import load_model, open_model

        rubric = read_rubric(rubric_path, fields)
        source = open_model(spec, dist)
        model = load_model(source.path, dist, dtype, frozen=True)
        context = getattr(model.config.get_text_config(), "max_position_embeddings", None) or max_length
        return cls(model, source.tokenizer, rubric, min(max_length, context), dist.rank, dist.world_size)

    def prompt_ids(self, text: str) -> list[int]:
        """The judge's prompt: one user turn, then the template's assistant opening."""
        return self.tokenizer.apply_chat_template([{"role": "user", "content": text}], add_generation_prompt=True,
                                                  tokenize=True, return_dict=False)

    def fit(self, conversation: list[dict], render) -> list[int] | None:
        """The prompt ids of render(transcript) for the conversation without its oldest exchanges
        as far as needed to fit max_length (the latest user turn always kept); None if it never fits."""
        out = {}

        def fits(msgs):
            out["ids"] = self.prompt_ids(render(transcript(msgs)))
            return len(out["ids"]) + 16 <= self.max_length  # room for the labels

        return out["ids"] if drop_oldest_turns(list(conversation), fits) is not None else None

    @torch.no_grad()
    def label_logps(self, prompts: list[list[int] | None], labels: tuple[str, ...]) -> list[list[float] | None]:
        """log p(label | prompt) for every prompt (token ids) and label: a list of len(labels)
        floats per prompt, None for a prompt that is None (did not fit)."""
        label_ids = [self.tokenizer(label, add_special_tokens=False)["input_ids"] for label in labels]
        todo = [i for i, p in enumerate(prompts) if p is not None]
        todo.sort(key=lambda i: -len(prompts[i]))  # similar lengths share a batch
        batches = [todo[j: j + BATCH] for j in range(0, len(todo), BATCH)]
        single = all(len(ids) == 1 for ids in label_ids)  # every label one token: one forward of the prompt reads all
        mine = {}
        with D.sampling_mode(self.model):
            for batch in batches[self.rank::self.world_size]:
                if single:
                    logps = self._next_token([prompts[i] for i in batch])[:, [ids[0] for ids in label_ids]]
                else:
                    rows = [(prompts[i], ids) for i in batch for ids in label_ids]
                    logps = self._score(rows).view(len(batch), len(labels))
                mine.update({i: logps[k].tolist() for k, i in enumerate(batch)})
        if self.world_size > 1:
            mine = {k: v for part in D.gather_objects(mine) for k, v in part.items()}
        return [mine.get(i) for i in range(len(prompts))]

    def _next_token(self, prompts: list[list[int]]) -> torch.Tensor:
        """log p(v | prompt) for every token v after each prompt, right-padded: (prompts, V)."""
        T = max(len(p) for p in prompts)
        device = next(self.model.parameters()).device
        input_ids = torch.full((len(prompts), T), self.pad_id, dtype=torch.long)
        attention = torch.zeros(len(prompts), T, dtype=torch.long)
        for r, p in enumerate(prompts):
            input_ids[r, : len(p)] = torch.tensor(p)
            attention[r, : len(p)] = 1
        return next_token_logps(self.model, input_ids.to(device), attention.to(device)).cpu()

    def _score(self, rows: list[tuple[list[int], list[int]]]) -> torch.Tensor:
        """Summed log-probs of each row's label tokens after its prompt, right-padded: (rows,)."""
        T = max(len(p) + len(y) for p, y in rows)
        device = next(self.model.parameters()).device
        input_ids = torch.full((len(rows), T), self.pad_id, dtype=torch.long)
        attention = torch.zeros(len(rows), T, dtype=torch.long)
        response = torch.zeros(len(rows), T, dtype=torch.long)
        for r, (p, y) in enumerate(rows):
            input_ids[r, : len(p) + len(y)] = torch.tensor(p + y)
            attention[r, : len(p) + len(y)] = 1
            response[r, len(p): len(p) + len(y)] = 1
        out = sequence_logps(self.model, input_ids.to(device), attention.to(device), response.to(device), self.chunk_size)
        return out.logps.float().cpu()

    def compare(self, items: list[tuple[list[dict], str, str]]) -> list[float | None]:
        """m(a, b) for every (conversation, reply a, reply b); None where the prompt cannot fit."""
        prompts = []
        for conversation, a, b in items:
            for first, second in ((a, b), (b, a)) if a != b else ():  # the same reply twice: a tie, m = 0
                prompts.append(self.fit(conversation, lambda text, f=first, s=second: fill(
                    self.rubric, conversation=text, reply_a=f, reply_b=s)))
        logps = iter(self.label_logps(prompts, ("A", "B")))
        margins = []
        for _, a, b in items:
            if a == b:
                margins.append(0.0)
                continue
            ab, ba = next(logps), next(logps)
            margins.append(None if ab is None or ba is None else (ab[0] - ab[1]) + (ba[1] - ba[0]))
        return margins
