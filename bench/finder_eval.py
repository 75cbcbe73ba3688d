"""The rules finder (drift/finder.py) on conversations it was not written next to, each user turn
after an assistant reply labelled dsat, sat or neither by hand (data/finder_eval/README.md, and the
READMEs in data/finder_eval/fresh/ to fresh4/: how they were made).

    python bench/finder_eval.py            # writes bench/results/finder_eval.{json,md}
    python bench/finder_eval.py --judge-model embedded   # --finder judge on the held-out half instead

Six sets with disjoint wording and topics. `dev` (the rules were tuned on it), `test` (read only
to report until the general families were written from its misses), `fresh`, `fresh2` and
`fresh3` (each written apart from the rules, read once to report, then the next round was tuned on
it too) are tuning halves now; `fresh4` (written apart from the rules, read once after the fourth
round was frozen) is held out. Precision and recall per class on each, per style on the held-out
half, and each half's misses. Targets (on the held-out half): DSAT recall >= 0.7 at precision >=
0.85; SAT precision and recall >= 0.8.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from common import command_line, machine, table  # noqa: E402

from drift.finder import RulesFinder, compare, load_finder, turns_of  # noqa: E402

SETS = tuple(REPO / "data" / "finder_eval" / sub / "conversations.jsonl" for sub in (".", "fresh", "fresh2", "fresh3", "fresh4"))
HALVES = ("dev", "test", "fresh", "fresh2", "fresh3", "fresh4")
HELD_OUT = "fresh4"  # the half the targets are read on: written apart from the rules, read after they were frozen
TARGETS = {"dsat": {"precision": 0.85, "recall": 0.7}, "sat": {"precision": 0.8, "recall": 0.8}}


def labelled_turns(paths=SETS):
    """(split, style, gold, turn) of every labelled user turn (turn: a drift.finder.Turn)."""
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            conv = json.loads(line)
            turns = turns_of(conv["messages"])  # keyed by the reply each user turn answers
            for item in conv["labels"]:
                yield conv["split"], conv["style"], item["label"], turns[item["turn"] - 1]


def evaluate(paths=SETS, finder=None, halves=HALVES) -> dict:
    """Each half's precision, recall and misses under `finder` (default the rules), the held-out
    half by style when it is among `halves`, and whether its targets are met."""
    finder = finder or RulesFinder()
    turns = [t for t in labelled_turns(paths) if t[0] in halves]
    found = []
    for i in range(0, len(turns), 16):  # a judge reads 16 turns a batch; the rules one by one
        found += [label for label, _ in finder.label([t[3] for t in turns[i:i + 16]])]
    turns = [(split, style, gold, label, turn.feedback) for (split, style, gold, turn), label in zip(turns, found)]
    result = {}
    for split in halves:
        result[split] = compare([(g, f, t) for s, _, g, f, t in turns if s == split], n_examples=8)
    if HELD_OUT not in halves:
        return result
    by_style = defaultdict(list)
    for split, style, gold, found, text in turns:
        if split == HELD_OUT:
            by_style[style].append((gold, found, text))
    result[f"{HELD_OUT}_by_style"] = {style: compare(pairs, n_examples=0)["scores"] for style, pairs in sorted(by_style.items())}
    held = result[HELD_OUT]["scores"]
    result["targets_met"] = all(held[c][k] >= v for c, t in TARGETS.items() for k, v in t.items())
    return result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=str(REPO / "bench" / "results"), help="folder for finder_eval.json and .md")
    p.add_argument("--judge-model", default=None,
                   help="measure --finder judge with this model folder, hub id or 'embedded' instead of the rules, "
                        f"on the {HELD_OUT} half (writes finder_eval_judge.json and .md)")
    args = p.parse_args(argv)
    halves, name, title = HALVES, "finder_eval", "The rules finder"
    finder = None
    if args.judge_model:
        finder = load_finder(argparse.Namespace(finder="judge", judge_model=args.judge_model, judge_rubric=None,
                                                min_confidence=0.5))
        halves, name, title = (HELD_OUT,), "finder_eval_judge", f"The judge finder ({args.judge_model})"
    result = evaluate(finder=finder, halves=halves)
    rows = [[split, result[split]["turns"]] + [f"{result[split]['scores'][c][k]:.2f}" for c in ("dsat", "sat")
                                                for k in ("precision", "recall")] for split in halves]
    headers = ["half", "turns", "DSAT P", "DSAT R", "SAT P", "SAT R"]
    styles = [[style] + [f"{s[c][k]:.2f}" for c in ("dsat", "sat") for k in ("precision", "recall")]
              for style, s in result[f"{HELD_OUT}_by_style"].items()]
    text = (f"# {title} on conversations it was not written next to\n\n`{command_line()}` on {machine()}\n\n"
            + table(headers, rows) + f"\n\nThe {HELD_OUT} half by style:\n\n"
            + table(["style", "DSAT P", "DSAT R", "SAT P", "SAT R"], styles)
            + f"\n\nTargets on the {HELD_OUT} half (DSAT R >= 0.7 at P >= 0.85, SAT P and R >= 0.8): "
            + ("met" if result["targets_met"] else "not met") + "\n")
    print(text)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps({"machine": machine(), "command": command_line()} | result,
                                                 indent=1, ensure_ascii=False) + "\n")
    (out / f"{name}.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
