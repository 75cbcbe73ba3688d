"""Reward-model scores, to rank two policy samples (IterDPO without guidance, and on UltraFeedback).

--reward-model PATH: a Hugging Face sequence classifier, called as the paper called
OpenAssistant/reward-model-deberta-v3-large-v2, on a (question, answer) text pair:
    score(x, y) = model(**tokenizer(question(x), y)).logits[0, 0]
(two labels: logits[1] - logits[0]; more have no agreed meaning as a reward and are refused).
--reward-model module:function: a Python scorer, function(prompts, replies) -> a float per reply
(the lab's gold checker is one). Batches are cut from the whole list, sorted by length, before
they are dealt to the ranks, so a score does not depend on the number of ranks.
"""

from __future__ import annotations

import importlib
import os
from typing import Callable

import torch
import torch.distributed as dist
from transformers import AutoModelForSequenceClassification, AutoTokenizer

DEFAULT_MAX_LENGTH = 512  # when neither the tokenizer nor the config states a limit


def question(messages: list[dict]) -> str:
    """The question a reward model reads: a one-turn prompt's user message as is (the reward model
    was trained on single turns, as UltraFeedback's are); a multi-turn conversation as text,
    "User: ...\n\nAssistant: ...\n\nUser: ...", because its last turn alone ("no, shorter")
    often says nothing of what was asked. System messages are left out (the model never saw any)."""
    turns = [m for m in messages if m["role"] != "system"]
    if len(turns) == 1:
        return turns[0]["content"]
    return "\n\n".join(f"{'User' if m['role'] == 'user' else 'Assistant'}: {m['content']}" for m in turns)


def winner(score_a: float, score_b: float) -> int | None:
    """Which of two samples is chosen: 0 or 1, the higher score. None on a tie: the reward model
    cannot order them, so the pair carries no preference and is dropped (keeping it in sample
    order would train on a coin flip)."""
    if score_a == score_b:
        return None
    return 0 if score_a > score_b else 1


class RewardModel:
    """A sequence-classification reward model: `score(prompts, replies)` -> one float per reply."""

    def __init__(self, path: str, device="cpu", batch_size: int = 16, max_length: int | None = None,
                 dtype: torch.dtype = torch.float32):
        self.path = str(path)
        self.device = torch.device(device)
        self.batch_size = batch_size
        self.tokenizer = AutoTokenizer.from_pretrained(self.path, trust_remote_code=False)
        self.model = AutoModelForSequenceClassification.from_pretrained(self.path, trust_remote_code=False, dtype=dtype,
                                                                        use_safetensors=True)  # never a pickle
        self.model.to(self.device).eval()
        labels = self.model.config.num_labels
        if labels not in (1, 2):
            raise ValueError(f"reward model {self.path}: {labels} labels; a reward needs 1 (a regression logit) or 2")
        self.tokenizer.padding_side = "right"
        self.tokenizer.truncation_side = "left"  # a long question loses its oldest turns first
        if self.tokenizer.pad_token is None:  # decoder reward models often ship without one
            self.tokenizer.pad_token = self.tokenizer.eos_token
        if self.model.config.pad_token_id is None:  # decoder classifiers find the last token by it
            self.model.config.pad_token_id = self.tokenizer.pad_token_id
        limits = [getattr(self.tokenizer, "model_max_length", None),
                  getattr(self.model.config, "max_position_embeddings", None)]
        limits = [n for n in limits if isinstance(n, int) and 0 < n < 1_000_000]  # tokenizers say 1e30 for "none"
        self.max_length = max_length or (min(limits) if limits else DEFAULT_MAX_LENGTH)

    def _pair(self, q: str, a: str) -> tuple[str, str, int]:
        """(question, answer, token count) with the answer cut to leave the question some room; a
        pair still too long loses the question's OLDEST text (truncation from the left), so the
        latest request always survives."""
        n_special = self.tokenizer.num_special_tokens_to_add(pair=True)
        q_len = len(self.tokenizer(q, add_special_tokens=False)["input_ids"])
        a_ids = self.tokenizer(a, add_special_tokens=False)["input_ids"]
        # the question keeps up to a quarter of the budget, and 8 tokens of slack for re-tokenizing
        budget = self.max_length - n_special - max(min(q_len, self.max_length // 4), 8)
        if len(a_ids) > budget:
            a = self.tokenizer.decode(a_ids[:budget])
            a_ids = a_ids[:budget]
        return q, a, n_special + q_len + len(a_ids)

    @torch.no_grad()
    def _score_batch(self, pairs: list[tuple[str, str]]) -> list[float]:
        enc = self.tokenizer(
            [q for q, _ in pairs], [a for _, a in pairs], padding=True, truncation="only_first",
            max_length=self.max_length, return_tensors="pt",
        ).to(self.device)  # (B, T) each
        logits = self.model(**enc).logits.float()  # (B, num_labels)
        scores = logits[:, 0] if logits.size(1) == 1 else logits[:, 1] - logits[:, 0]  # (B,)
        return scores.tolist()

    def score(self, prompts: list[list[dict]], replies: list[str], rank: int = 0, world_size: int = 1) -> list[float]:
        """Score every (prompt, reply); every rank passes the same lists and gets all the scores."""
        pairs = [self._pair(question(p), r) for p, r in zip(prompts, replies)]
        order = sorted(range(len(pairs)), key=lambda i: -pairs[i][2])  # similar lengths share a batch
        batches = [order[j: j + self.batch_size] for j in range(0, len(order), self.batch_size)]
        mine = {}
        for batch in batches[rank::world_size]:
            mine.update(zip(batch, self._score_batch([pairs[i][:2] for i in batch])))
        if world_size > 1:
            parts = [None] * world_size
            dist.all_gather_object(parts, mine)
            mine = {k: v for part in parts for k, v in part.items()}
        return [mine[i] for i in range(len(pairs))]


Scorer = Callable[..., list]  # (prompts, replies, rank=0, world_size=1) -> one float per reply


def is_python_scorer(spec: str) -> bool:
    """"module:function" (not an existing path): a Python scorer."""
    module, sep, name = spec.partition(":")
    return bool(sep and module and name.isidentifier() and not os.path.exists(spec))


def check_scorer(spec: str, flag: str = "--reward-model") -> None:
    """What load_scorer would fail on, found before anything is trained: a Python scorer that does
    not import or is not a function, a folder that is not a sequence classifier. UsageError."""
    from .io import UsageError, could_be_hub_id

    if is_python_scorer(spec):
        module, _, name = spec.partition(":")
        try:
            fn = getattr(importlib.import_module(module), name)
        except Exception as e:  # ImportError, AttributeError, or whatever the module raises on import
            raise UsageError(f"{flag} {spec}: cannot import {name} from {module} "
                             f"({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''})") from None
        if not callable(fn):
            raise UsageError(f"{flag} {spec}: {name} is not a function")
        return
    if not os.path.exists(spec):
        if not could_be_hub_id(spec):
            raise UsageError(f"{flag}: no such folder: {spec} (and not module:function)")
        return  # a hub id: from_pretrained fetches it when it is needed (no network call now)
    from transformers import AutoConfig

    try:
        config = AutoConfig.from_pretrained(spec, trust_remote_code=False)
    except (OSError, ValueError) as e:
        raise UsageError(f"{flag} {spec}: not a model folder or module:function "
                         f"({str(e).splitlines()[0] if str(e) else type(e).__name__})") from None
    if not any(a.endswith("ForSequenceClassification") for a in getattr(config, "architectures", None) or []):
        raise UsageError(f"{flag} {spec}: not a sequence-classification model ({config.architectures})")
    from transformers import AutoModelForSequenceClassification

    from .model import check_finite, check_model_folder

    check_model_folder(spec, AutoModelForSequenceClassification)  # as --model's: weights present, no code to run
    check_finite(spec)


def load_scorer(spec: str, device="cpu", batch_size: int = 16) -> Scorer:
    """The --reward-model: a Python scorer "module:function" or an HF sequence-classification folder."""
    if is_python_scorer(spec):
        module, _, name = spec.partition(":")
        try:
            fn = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as e:
            raise ValueError(f"--reward-model {spec}: cannot import {name} from {module} ({e})") from None

        def score(prompts, replies, rank: int = 0, world_size: int = 1) -> list[float]:
            scores = [float(x) for x in fn(prompts, replies)]  # every rank computes them all: cheap and the same
            if len(scores) != len(replies):
                raise ValueError(f"--reward-model {spec} returned {len(scores)} scores for {len(replies)} replies")
            return scores

        return score
    return RewardModel(spec, device, batch_size=batch_size).score
