"""Sampling prompts: what the policy reads before it writes a fresh reply y+.

Three styles, chosen with SamplingConfig.prompt_style:

  guided    (DRIFT) the conversation x, the DSAT reply y- as an assistant turn, then ONE user
            turn holding the user's complaint and the improvement instruction, rendered with
            the tokenizer's chat template:
                x + [assistant: y-, user: complaint + "\\n\\n" + INSTRUCTION] + generation prompt
            The instruction shares the complaint's turn instead of coming as a system message of
            its own: a system message anywhere but first makes strict templates raise (Gemma's),
            other templates move or drop it, and a second user turn in a row breaks role
            alternation. A user turn after an assistant turn works with every chat template.
  unguided  the conversation x alone (the history before y-), chat template. Used by the
            unguided ablation, by SPIN and IterDPO, and whenever a row has no complaint.
  paper     the authors' plain-text layout, byte for byte (REFERENCE.md section 3), tokenized as
            plain text with no chat template:
                "{first system message}\\n\\n"          (when there is one)
                "User: {content}\\n" / "Assistant: {content}\\n"   per history turn
                "Assistant: {y-}\\n"  "User: {complaint}\\n"  "System: {INSTRUCTION}\\n"
                "Assistant: "
            Their later system messages are left out, as theirs were. One bug fixed: they
            truncated the tokens from the right, which cut the instruction off long
            conversations; here, as in every style, the oldest turns go first.

Truncation (pitfall 7): while the prompt is longer than max_prompt_length tokens, the oldest
user/assistant exchange is dropped (a leading system message stays). The latest user turn, y-
and the complaint+instruction turn are never dropped; when even they do not fit, the row is
skipped as "prompt_too_long".

Without a complaint (or without y-) a guided prompt falls back to the unguided one and a paper
prompt to the paper layout of x alone ("paper-unguided"); Prompt.style records which was used.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import TemplateError

from .data import SkipPair, drop_oldest_turns

INSTRUCTION = (
    "Based on the user's latest feedback, please provide an improved response that addresses their concerns."
)
STYLES = ("guided", "unguided", "paper")


@dataclass
class Prompt:
    ids: list[int]  # token ids, ready for generate (BOS included when the tokenizer wants one)
    text: str  # the rendered prompt
    style: str  # the style actually used: guided | unguided | paper | paper-unguided


def render_paper(messages: list[dict], rejected: str | None, complaint: str | None, instruction: str = INSTRUCTION) -> str:
    """The authors' plain-text prompt. `messages` is x (ending with a user turn); with no
    complaint only the history and the final "Assistant: " are written."""
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
    rejected: str | None,
    complaint: str | None,
    style: str = "guided",
    max_prompt_length: int = 1024,
    instruction: str = INSTRUCTION,
) -> Prompt:
    """Render and tokenize one sampling prompt; raises data.SkipPair("prompt_too_long") when the
    prompt cannot be made to fit by dropping history."""
    if style not in STYLES:
        raise ValueError(f"unknown prompt style {style!r}: use one of {STYLES}")
    guided = style != "unguided" and bool(complaint) and rejected is not None
    if style == "paper":
        used = "paper" if guided else "paper-unguided"
        # the tail (y-, complaint) travels as two messages so drop_oldest_turns never drops it
        tail = [{"role": "assistant", "content": rejected}, {"role": "user", "content": complaint}] if guided else []

        def render(msgs):
            history = msgs[: len(msgs) - len(tail)]
            return render_paper(history, rejected, complaint if guided else None, instruction)

        add_special_tokens = True  # plain text: the tokenizer adds its BOS, as in the authors' call
    else:
        used = "guided" if guided else "unguided"
        tail = (
            [{"role": "assistant", "content": rejected}, {"role": "user", "content": complaint + "\n\n" + instruction}]
            if guided else []
        )

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
