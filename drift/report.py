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


def stage_table(stages: list[dict]) -> str:
    """One line per stage row of metrics.jsonl: the stage means, then what happened to the pairs:
    the sampler's kept and cut counts and its drop reasons, and the encoder's truncations and skips."""
    lines = ["stage  " + " ".join(f"{h:>{len(fmt.format(0))}}" for _, h, fmt in COLUMNS) + "  pairs: sampled, cut, dropped"]
    for s in stages:
        cells = [fmt.format(s[k]) if k in s else " " * len(fmt.format(0)) for k, _, fmt in COLUMNS]
        notes = [f"{k.split('/', 1)[1]} {v}" for k, v in s.items()  # kept, cut, then the reasons that happened
                 if k.startswith("sampler/") and v and k != "sampler/pairs"]
        notes += [f"truncated {s['encode/truncated']}"] if s.get("encode/truncated") else []
        notes += [f"{k.split('/')[-1]} {v}" for k, v in s.items() if k.startswith("encode/skipped/") and v]
        lines.append(f"{s['stage']:<6} " + " ".join(cells) + f"  {', '.join(notes) or '-'}")
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


def compare_replies(before: str, after: str, dsat_path: str, n: int, max_new_tokens: int, label: str = "drift") -> str:
    """For n held-out DSAT conversations: the real rejected reply, and the greedy replies of the
    model before and after training with `label` (the method), each prompted with the conversation alone."""
    rows = load_dsat(dsat_path)[:n]
    prompts = [r["prompt"] for r in rows]
    old, new = greedy_replies(before, prompts, max_new_tokens), greedy_replies(after, prompts, max_new_tokens)
    width = max(15, len(f"after {label}:") + 1)
    wrap = lambda name, text: textwrap.fill(text or "(empty)", 96, initial_indent=f"  {name:<{width}}",  # noqa: E731
                                            subsequent_indent=" " * (width + 2))
    blocks = []
    for i, (r, a, b) in enumerate(zip(rows, old, new), 1):
        user = r["prompt"][-1]["content"]
        blocks.append("\n".join([
            wrap(f"[{i}] user:", user),
            wrap("rejected (y-):", r["rejected"][0]["content"]),
            *([wrap("complaint:", r["user_preference"]["content"])] if r["user_preference"] else []),
            wrap("before:", a),
            wrap(f"after {label}:", b),
        ]))
    return "\n\n".join(blocks)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()
    record = json.loads((args.out / "run.json").read_text())
    cfg = record["config"]
    stages = [r for r in map(json.loads, (args.out / "metrics.jsonl").read_text().splitlines()) if r["type"] == "stage"]
    print(stage_table(stages))
    last = [s for s in record["stages"] if (args.out / s).is_dir()]
    if args.examples and cfg.get("eval_data") and last:
        label = cfg["method"] if cfg["guidance"] == "guided" else f"{cfg['method']} (unguided)"
        print(compare_replies(record["resolved_model"], str(args.out / last[-1]), cfg["eval_data"], args.examples,
                              cfg["max_new_tokens"], label=label))


if __name__ == "__main__":
    main()
