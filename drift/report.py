"""The end-of-run summary train.py prints: what each stage did, and what DRIFT changed in the
model's replies to conversations it never trained on.

    python -m drift.report OUT [--examples 3]     (re-print the summary of a finished run)
"""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from .data import load_dsat
from .sampler import SampleRequest, SamplingConfig, build_prompt, sample

COLUMNS = [  # (metric, header, format)
    ("pairs", "pairs", "{:>5.0f}"),
    ("loss", "loss", "{:>7.4f}"),
    ("rewards/margins", "margin", "{:>7.3f}"),
    ("rewards/accuracies", "acc", "{:>5.2f}"),
    ("signal/mean_sigmoid_neg_s", "sigmoid(-s)", "{:>11.3f}"),
    ("len/chosen", "len y+", "{:>6.0f}"),
    ("len/rejected", "len y-", "{:>6.0f}"),
]


def stage_table(out: Path) -> str:
    """One line per stage from OUT/metrics.jsonl, plus the sampler's kept/dropped counts."""
    stages = [r for r in map(json.loads, (out / "metrics.jsonl").read_text().splitlines()) if r["type"] == "stage"]
    lines = ["stage  " + " ".join(f"{h:>{len(fmt.format(0))}}" for _, h, fmt in COLUMNS) + "  sampler"]
    for s in stages:
        cells = [fmt.format(s[k]) if k in s else " " * len(fmt.format(0)) for k, _, fmt in COLUMNS]
        sampler = ", ".join(  # kept, then the drop reasons that happened
            f"{k.split('/', 1)[1]} {v}" for k, v in s.items() if k.startswith("sampler/") and v and k != "sampler/pairs"
        )
        lines.append(f"{s['stage']:<6} " + " ".join(cells) + f"  {sampler or '-'}")
    lines.append("sigmoid(-s) is Lemma 1's per-pair gradient weight: it stays well above 0 when the signal is alive.")
    return "\n".join(lines)


def greedy_replies(model_path: str, prompts: list[list[dict]], max_new_tokens: int) -> list[str]:
    """Greedy replies to each conversation alone, in one batch (the sampler at temperature 0,
    every reply kept, as an evaluation does)."""
    tok = AutoTokenizer.from_pretrained(model_path)
    model = AutoModelForCausalLM.from_pretrained(model_path, dtype=torch.float32).eval()
    cfg = SamplingConfig(temperature=0.0, quality_gate=False, max_new_tokens=max_new_tokens, batch_size=len(prompts))
    requests = [
        SampleRequest(build_prompt(tok, messages, None, None, "unguided", max_prompt_length=10**9).ids, seed=0)
        for messages in prompts
    ]
    samples, _ = sample(model, tok, requests, cfg)
    return [s.text for s in samples]


def compare_replies(before: str, after: str, dsat_path: str, n: int, max_new_tokens: int) -> str:
    """For n held-out DSAT conversations: the real rejected reply, and the greedy replies of the
    model before and after training, each prompted with the conversation alone."""
    rows = load_dsat(dsat_path)[:n]
    prompts = [r["prompt"] for r in rows]
    old, new = greedy_replies(before, prompts, max_new_tokens), greedy_replies(after, prompts, max_new_tokens)
    wrap = lambda label, text: textwrap.fill(text or "(empty)", 96, initial_indent=f"  {label:<15}", subsequent_indent=" " * 17)
    blocks = []
    for i, (r, a, b) in enumerate(zip(rows, old, new), 1):
        user = r["prompt"][-1]["content"]
        blocks.append("\n".join([
            wrap(f"[{i}] user:", user),
            wrap("rejected (y-):", r["rejected"][0]["content"]),
            *([wrap("complaint:", r["user_preference"]["content"])] if r["user_preference"] else []),
            wrap("before DRIFT:", a),
            wrap("after DRIFT:", b),
        ]))
    return "\n\n".join(blocks)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()
    cfg = json.loads((args.out / "config.json").read_text())
    print(stage_table(args.out))
    last = sorted(args.out.glob("iter*"), key=lambda p: int(p.name[4:]))
    if args.examples and cfg.get("eval_data") and last:
        print(compare_replies(cfg["resolved_model"], str(last[-1]), cfg["eval_data"], args.examples, cfg["max_new_tokens"]))


if __name__ == "__main__":
    main()
