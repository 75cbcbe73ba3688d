"""Sampling prompts: what the policy reads before it writes a fresh reply y+.

A guided prompt (DRIFT's) shows the conversation x, the DSAT reply y- and the user's complaint,
then asks for an improved reply; an unguided one is x alone (the unguided ablation, SPIN,
IterDPO's second draw, and any row without a complaint). Two layouts (--prompt-style):
  chat   the tokenizer's chat template: x + [assistant: y-, user: complaint + "\\n\\n" + INSTRUCTION]
  paper  the authors' plain text, byte for byte (REFERENCE.md section 3), no template
Prompt.style records what was built: guided | unguided | paper | paper-unguided.

Too long a prompt (pitfall 7) loses its oldest user/assistant exchanges, never the latest user
turn, y-, the complaint or the instruction (the authors cut tokens from the right, which cut the
instruction off long conversations); when even those do not fit, the row is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import TemplateError

from .data import SkipPair, drop_oldest_turns

INSTRUCTION = (
    "Based on the user's latest feedback, please provide an improved response that addresses their concerns."
)
LAYOUTS = ("chat", "paper")


@dataclass
class Prompt:
    ids: list[int]  # token ids, ready for generate (BOS included when the tokenizer wants one)
    text: str  # the rendered prompt
    style: str  # what was built: guided | unguided | paper | paper-unguided


def render_paper(messages: list[dict], rejected: str | None, complaint: str | None, instruction: str = INSTRUCTION) -> str:
    """The authors' plain-text prompt: "{first system message}\\n\\n", then "User: ...\\n" /
    "Assistant: ...\\n" per turn of x (later system messages left out, as theirs were), then with a
    complaint "Assistant: {y-}\\nUser: {complaint}\\nSystem: {instruction}\\n", and "Assistant: "."""
    text = next((m["content"] + "\n\n" for m in messages if m["role"] == "system"), "")
    for m in messages:
        if m["role"] != "system":
            text += f"{'User' if m['role'] == 'user' else 'Assistant'}: {m['content']}\n"
    if complaint is not None:
        text += f"Assistant: {rejected}\nUser: {complaint}\nSystem: {instruction}\n"
    return text + "Assistant: "


def build_prompt(
    tokenizer,
    prompt_messages: list[dict],
    rejected: str | None = None,
    complaint: str | None = None,
    layout: str = "chat",
    max_prompt_length: int = 1024,
    instruction: str = INSTRUCTION,
) -> Prompt:
    """Render and tokenize one sampling prompt: guided when there is a complaint and a rejected
    reply to show, else x alone. Raises data.SkipPair when it cannot be made to fit."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown prompt layout {layout!r}: use one of {LAYOUTS}")
    guided = bool(complaint) and rejected is not None
    if layout == "paper":
        used = "paper" if guided else "paper-unguided"
        # the tail (y-, complaint) travels as two messages so drop_oldest_turns never drops it
        tail = [{"role": "assistant", "content": rejected}, {"role": "user", "content": complaint}] if guided else []

        def render(msgs):
            return render_paper(msgs[: len(msgs) - len(tail)], rejected, complaint if guided else None, instruction)

        add_special_tokens = True  # plain text: the tokenizer adds its BOS, as in the authors' call
    else:
        used = "guided" if guided else "unguided"
        # the instruction shares the complaint's user turn: a system message anywhere but first makes
        # strict templates raise (Gemma's) and others move or drop it, and a second user turn in a row
        # breaks the roles' alternation; a user turn after an assistant turn works with every template
        tail = ([{"role": "assistant", "content": rejected}, {"role": "user", "content": complaint + "\n\n" + instruction}]
                if guided else [])

        def render(msgs):
            return tokenizer.apply_chat_template(msgs, add_generation_prompt=True, tokenize=False)

        add_special_tokens = False  # the template writes its own special tokens

    out = {}

    def fits(msgs):
        out["text"] = render(msgs)
        out["ids"] = tokenizer(out["text"], add_special_tokens=add_special_tokens)["input_ids"]
        return len(out["ids"]) <= max_prompt_length

    # keep the latest user turn and, for a guided prompt, y- and the complaint turn
    try:
        fitted = drop_oldest_turns(list(prompt_messages) + tail, fits, keep_last=1 + len(tail))
    except TemplateError:  # a strict template refuses the conversation (roles that do not alternate)
        raise SkipPair("template_refuses_conversation") from None
    if fitted is None:
        raise SkipPair("prompt_too_long")
    return Prompt(ids=out["ids"], text=out["text"], style=used)
