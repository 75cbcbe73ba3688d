"""The end-of-run summary train.py prints: what each stage did, how each scored on the held-out
conversations, and what training changed in the model's replies to them. Nothing is loaded or
generated here: the replies are the ones evaluation saved (OUT/eval/STAGE.jsonl).

    python -m drift.report OUT [--examples 3]     (re-print the summary of a finished run)
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from .io import ArgumentParser, DataError, number, read_jsonl

COLUMNS = [  # (metric, header, format)
    ("pairs", "pairs", "{:>5.0f}"),
    ("loss", "loss", "{:>7.4f}"),
    ("rewards/margins", "margin", "{:>7.3f}"),
    ("rewards/accuracies", "acc", "{:>5.2f}"),
    ("signal/mean_sigmoid_neg_s", "sigmoid(-s)", "{:>11.3f}"),
    ("len/chosen", "len y+", "{:>6.0f}"),
    ("len/rejected", "len y-", "{:>6.0f}"),
]
EVAL_COLUMNS = [  # the held-out evaluation of the model at the end of the stage
    ("eval/len", "eval len", "{:>8.0f}"),
    ("eval/distinct2", "dist-2", "{:>6.3f}"),
    ("eval/reward", "reward", "{:>7.3f}"),
    ("eval/win_vs_rejected", "win y-", "{:>6.2f}"),
    ("eval/win_vs_base", "win base", "{:>8.2f}"),
]


def stage_table(stages: list[dict], evals: list[dict] = ()) -> str:
    """One line per stage row of metrics.jsonl: the stage means, then, when the run evaluates, the
    held-out numbers of the model it ended with (a first line for the base model), then what
    happened to the pairs: the sampler's kept and cut counts and its drop reasons, and the
    encoder's truncations and skips."""
    by_stage = {e["stage"]: e for e in evals}
    columns = (COLUMNS if stages else []) + [c for c in EVAL_COLUMNS if any(c[0] in e for e in evals)]
    blank = lambda fmt: " " * len(fmt.format(0))  # noqa: E731
    lines = ["stage  " + " ".join(f"{h:>{len(fmt.format(0))}}" for _, h, fmt in columns) + "  pairs: sampled, cut, dropped"]
    if "base" in by_stage:
        lines.append("base   " + " ".join(fmt.format(by_stage["base"][k]) if k in by_stage["base"] else blank(fmt)
                                         for k, _, fmt in columns) + "  -")
    trained = {s["stage"] for s in stages}
    stages = list(stages) + [{"stage": e["stage"]} for e in evals if e["stage"] not in trained | {"base"}]
    for s in stages:
        row = s | by_stage.get(s["stage"], {})
        cells = [fmt.format(row[k]) if k in row else blank(fmt) for k, _, fmt in columns]
        notes = [f"{k.split('/', 1)[1]} {v}" for k, v in s.items()  # kept, cut, then the reasons that happened
                 if k.startswith("sampler/") and v and k != "sampler/pairs"]
        notes += [f"truncated {s['encode/truncated']}"] if s.get("encode/truncated") else []
        notes += [f"{k.split('/')[-1]} {v}" for k, v in s.items() if k.startswith("encode/skipped/") and v]
        lines.append(f"{s['stage']:<6} " + " ".join(cells) + f"  {', '.join(notes) or '-'}")
    if trained:
        lines.append("sigmoid(-s) is Lemma 1's per-pair gradient weight: it stays well above 0 when the signal is alive.")
    if any("eval/win_vs_rejected" in e for e in evals):
        lines.append("win y- / win base: the judge's win rate of the stage's replies against the real rejected reply / "
                     "the base model's (0.5 = no better).")
    return "\n".join(lines)


def best_line(best: dict) -> str:
    """OUT/best.json in one line."""
    if best.get("stage") is None:
        return f"best stage: none ({best.get('why', 'no criterion')})"
    interval = f", 95% interval {best['interval_95'][0]:.2f}-{best['interval_95'][1]:.2f}" if "interval_95" in best else ""
    return (f"best stage: {best['stage']} by {best['criterion']} = {best['value']:.3f}{interval} "
            f"({best['folder']}; OUT/best.json)")


def compare_replies(before: str | Path, after: str | Path, n: int, label: str = "drift") -> str:
    """For the first n held-out conversations: the real rejected reply, the complaint, and the first
    reply of the model before training and after it (`label`: the method), read from two
    evaluation files (OUT/eval/base.jsonl and OUT/eval/LAST.jsonl)."""
    old = [rec for _, rec in read_jsonl(before)][:n]
    new = {rec["index"]: rec for _, rec in read_jsonl(after)}
    width = max(15, len(f"after {label}:") + 1)
    wrap = lambda name, text: textwrap.fill(text or "(empty)", 96, initial_indent=f"  {name:<{width}}",  # noqa: E731
                                            subsequent_indent=" " * (width + 2))
    first = lambda rec: rec["replies"][0]["text"] if rec and rec["replies"] else ""  # noqa: E731
    blocks = []
    for k, rec in enumerate(old, 1):
        blocks.append("\n".join([
            wrap(f"[{k}] user:", rec["prompt"][-1]["content"]),
            wrap("rejected (y-):", rec["rejected"]),
            *([wrap("complaint:", rec["complaint"])] if rec.get("complaint") else []),
            wrap("before:", first(rec)),
            wrap(f"after {label}:", first(new.get(rec["index"]))),
        ]))
    return "\n\n".join(blocks)


def main(argv=None) -> int:
    from .io import cli

    return cli(lambda: run(argv), resume_hint="run the same command again")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="python -m drift.report", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--examples", type=number(int, 0, 10**6), default=3)
    return parser


def run(argv=None) -> None:
    args = build_parser().parse_args(argv)
    try:
        record = json.loads((args.out / "run.json").read_text(encoding="utf-8"))
        cfg = record["config"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError, KeyError, TypeError) as e:
        raise DataError(args.out / "run.json", None, None, f"not a run record drift wrote ({type(e).__name__})") from None
    rows = [r for _, r in read_jsonl(args.out / "metrics.jsonl")]
    print(stage_table([r for r in rows if r["type"] == "stage"], [r for r in rows if r["type"] == "eval"]))
    if (args.out / "best.json").exists():
        print(best_line(json.loads((args.out / "best.json").read_text(encoding="utf-8"))))
    done = [s for s in record["stages"] if (args.out / "eval" / f"{s}.jsonl").exists()]
    if args.examples and done and (args.out / "eval" / "base.jsonl").exists():
        label = cfg["method"] if cfg["guidance"] == "guided" else f"{cfg['method']} (unguided)"
        print(compare_replies(args.out / "eval" / "base.jsonl", args.out / "eval" / f"{done[-1]}.jsonl",
                              args.examples, label=label))


if __name__ == "__main__":
    sys.exit(main())
