"""Tiny, offline stand-ins for a real chat model: a byte-level BPE tokenizer trained in-process
with a chat template, and a small Qwen2 or Llama built from a config.

Tests and benchmarks use these so nothing is ever downloaded. Two templates exist on purpose:
  chatml  - Qwen-style: `<|im_end|>` is both the EOS token and the turn separator;
  strict  - Gemma-style: the end of turn `<end_of_turn>` is not the tokenizer's EOS, the system
            message is folded into the first user turn, and a system message anywhere but
            first raises, as several real templates do.
"""

from __future__ import annotations

from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, LlamaConfig, PreTrainedTokenizerFast, Qwen2Config

CHATML_TEMPLATE = (
    "{%- for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{%- endif %}"
)

STRICT_TEMPLATE = (
    "{{ bos_token }}"
    "{%- if messages[0]['role'] == 'system' %}"
    "{%- set system = messages[0]['content'] + '\\n\\n' %}{%- set loop_messages = messages[1:] %}"
    "{%- else %}{%- set system = '' %}{%- set loop_messages = messages %}{%- endif %}"
    "{%- for message in loop_messages %}"
    "{%- if message['role'] == 'system' %}"
    "{{ raise_exception('System role is only supported as the first message') }}"
    "{%- endif %}"
    "{%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
    "{%- endif %}"
    "{%- set role = 'model' if message['role'] == 'assistant' else 'user' %}"
    "{{ '<start_of_turn>' + role + '\\n' + (system if loop.first else '') + message['content'] + '<end_of_turn>\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{ '<start_of_turn>model\\n' }}{%- endif %}"
)

_CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "User: can you fix this? Assistant: Sure, here is an improved answer.",
    "Please write a short poem about the sea, and keep it under four lines.",
    "That is wrong, the capital of Australia is Canberra, not Sydney.",
    "def add(a, b):\n    return a + b\n",
    "Numbers 0123456789 and punctuation !?.,;:'\"()[]{}<>-_=+*/\\|@#$%^&~`",
    "Unicode: café, naïve, 日本語, emoji 🙂, Ελληνικά, русский.",
    "Based on the user's latest feedback, please provide an improved response that addresses their concerns.",
]


def make_tokenizer(template: str = "chatml", vocab_size: int = 512) -> PreTrainedTokenizerFast:
    """A byte-level BPE tokenizer trained in well under a second, with one of the two templates
    above ("chatml" or "strict")."""
    if template == "chatml":
        return make_chat_tokenizer(CHATML_TEMPLATE, eos="<|im_end|>", pad="<|endoftext|>", extra=["<|im_start|>"],
                                   vocab_size=vocab_size)
    if template == "strict":
        return make_chat_tokenizer(STRICT_TEMPLATE, bos="<bos>", eos="<eos>", pad="<pad>",
                                   extra=["<start_of_turn>", "<end_of_turn>"], vocab_size=vocab_size)
    raise ValueError(f"unknown template {template!r}: use 'chatml' or 'strict'")


def make_chat_tokenizer(chat_template: str, *, eos: str, pad: str, bos: str | None = None, extra=(),
                        vocab_size: int = 512, corpus: list[str] | None = None) -> PreTrainedTokenizerFast:
    """A byte-level BPE tokenizer with any chat template and its special tokens (tests use the
    real templates of Llama-3.1, Mistral, Gemma-3, Phi-3, Qwen2.5 and SmolLM2 with it), its merges
    learnt from `corpus` (default: a few sentences of chat)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    specials = {"eos_token": eos, "pad_token": pad, "bos_token": bos}
    extra = [t for t in extra if t not in specials.values()]
    special_tokens = [t for t in specials.values() if t] + extra
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=special_tokens,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator((corpus or _CORPUS) * 4, trainer=trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        chat_template=chat_template,
        additional_special_tokens=extra,
        padding_side="right",
        **{k: v for k, v in specials.items() if v},
    )


def make_model(
    tokenizer: PreTrainedTokenizerFast,
    arch: str = "qwen2",
    hidden_size: int = 64,
    num_layers: int = 2,
    seed: int = 0,
    tie_word_embeddings: bool = False,
    **config_kwargs,
) -> torch.nn.Module:
    """A randomly initialised causal LM of one of ARCHS, small enough for a CPU test (fp32, eval mode)."""
    common = dict(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        intermediate_size=hidden_size * 2,
        num_hidden_layers=num_layers,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=2048,
        tie_word_embeddings=tie_word_embeddings,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=_eos_ids(tokenizer),
        bos_token_id=tokenizer.bos_token_id,
    )
    common.update(config_kwargs)
    config = _config(arch, common)
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    return model.eval()


ARCHS = ("qwen2", "llama", "mistral", "gemma2", "gemma3", "phi3")


def _config(arch: str, common: dict):
    """A tiny config of one of ARCHS. "gemma3" is the multimodal wrapper Gemma-3-12B-it loads as
    (Gemma3ForConditionalGeneration: a text decoder under model.language_model and a SigLIP vision
    tower); "gemma2" soft-caps its logits."""
    from transformers import (Gemma2Config, Gemma3Config, Gemma3TextConfig, MistralConfig, Phi3Config,
                              SiglipVisionConfig)

    head_dim = common["hidden_size"] // common["num_attention_heads"]
    if arch == "qwen2":
        return Qwen2Config(**common)
    if arch == "llama":
        return LlamaConfig(**common)
    if arch == "mistral":
        return MistralConfig(**common, sliding_window=None)
    if arch == "gemma2":
        return Gemma2Config(**{"final_logit_softcapping": 30.0, "sliding_window": 16, "head_dim": head_dim} | common)
    if arch == "phi3":
        return Phi3Config(**common)
    if arch == "gemma3":
        text = Gemma3TextConfig(**common, head_dim=head_dim, sliding_window=16)
        vision = SiglipVisionConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
                                    image_size=28, patch_size=14)
        return Gemma3Config(text_config=text, vision_config=vision, mm_tokens_per_image=4,
                            tie_word_embeddings=common["tie_word_embeddings"])
    raise ValueError(f"unknown arch {arch!r}: use one of {ARCHS}")


def _eos_ids(tokenizer) -> list[int]:
    # generation stops at the end of a turn, which is not always the tokenizer's EOS
    ids = [tokenizer.eos_token_id]
    eot = tokenizer.convert_tokens_to_ids("<end_of_turn>")
    if eot is not None and eot != tokenizer.unk_token_id and eot not in ids:
        ids.append(eot)
    return ids


def teach_to_stop(model, tokenizer, steps: int = 25, lr: float = 1e-2, seed: int = 0):
    """A few seconds of supervised training so a random tiny model answers a chat prompt with
    a short reply that ends in the end-of-turn token: sampling tests then see real stops
    instead of running into max_new_tokens every time. Returns the model (eval mode)."""
    from .data import ChatEncoder

    encoder = ChatEncoder(tokenizer)
    rows = []
    for i, text in enumerate(_CORPUS):
        prompt = [{"role": "user", "content": _CORPUS[(i + 3) % len(_CORPUS)][:40]}]
        reply = " ".join(text.split()[:4])
        rows.append(encoder.encode_prompt(prompt) + encoder.encode_reply(prompt, reply))
    T = max(len(r) for r in rows)
    ids = torch.full((len(rows), T), tokenizer.pad_token_id)  # (B, T)
    mask = torch.zeros((len(rows), T), dtype=torch.long)  # (B, T)
    for i, r in enumerate(rows):
        ids[i, : len(r)], mask[i, : len(r)] = torch.tensor(r), 1
    labels = ids.masked_fill(mask == 0, -100)
    torch.manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(steps):
        loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
    return model.eval()


def save_tiny_chat(path) -> Path:
    """The tests' tiny chat model (a ChatML tokenizer, taught to stop) saved as a Hugging Face
    folder at `path`; returns the path."""
    tok = make_tokenizer("chatml")
    model = teach_to_stop(make_model(tok), tok)
    model.generation_config.pad_token_id = tok.pad_token_id
    model.save_pretrained(path)
    tok.save_pretrained(path)
    return Path(path)
