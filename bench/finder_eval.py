"""The rules finder (drift/finder.py) on conversations it was not written next to:
data/finder_eval/conversations.jsonl (data/finder_eval/README.md: how it was made), each user
turn after an assistant reply labelled dsat, sat or neither by hand.

    python bench/finder_eval.py            # writes bench/results/finder_eval.{json,md}

The set has two halves with disjoint wording: `dev` (the rules may be tuned on it) and `test`
(read only to report). Precision and recall per class on each, per style on the test half, and
the test half's misses. Targets (on the test half): DSAT recall >= 0.7 at precision >= 0.85;
SAT precision and recall >= 0.8.
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

from drift.finder import compare, rule_label  # noqa: E402

SET = REPO / "data" / "finder_eval" / "conversations.jsonl"
TARGETS = {"dsat": {"precision": 0.85, "recall": 0.7}, "sat": {"precision": 0.8, "recall": 0.8}}


def labelled_turns(path: Path = SET):
    """(split, style, gold, found, text) of every labelled user turn."""
    for line in path.read_text(encoding="utf-8").splitlines():
        conv = json.loads(line)
        messages = conv["messages"]
        for item in conv["labels"]:
            i = item["turn"]
            previous = next((m["content"] for m in reversed(messages[:i]) if m["role"] == "user"), None)
            found, _ = rule_label(messages[i]["content"], previous)
            yield conv["split"], conv["style"], item["label"], found, messages[i]["content"]


def evaluate(path: Path = SET) -> dict:
    turns = list(labelled_turns(path))
    result = {}
    for split in ("dev", "test"):
        result[split] = compare([(g, f, t) for s, _, g, f, t in turns if s == split], n_examples=8)
    by_style = defaultdict(list)
    for split, style, gold, found, text in turns:
        if split == "test":
            by_style[style].append((gold, found, text))
    result["test_by_style"] = {style: compare(pairs, n_examples=0)["scores"] for style, pairs in sorted(by_style.items())}
    test = result["test"]["scores"]
    result["targets_met"] = all(test[c][k] >= v for c, t in TARGETS.items() for k, v in t.items())
    return result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=str(REPO / "bench" / "results"), help="folder for finder_eval.json and .md")
    args = p.parse_args(argv)
    result = evaluate()
    rows = [[split, result[split]["turns"]] + [f"{result[split]['scores'][c][k]:.2f}" for c in ("dsat", "sat")
                                                for k in ("precision", "recall")] for split in ("dev", "test")]
    headers = ["half", "turns", "DSAT P", "DSAT R", "SAT P", "SAT R"]
    styles = [[style] + [f"{s[c][k]:.2f}" for c in ("dsat", "sat") for k in ("precision", "recall")]
              for style, s in result["test_by_style"].items()]
    text = (f"# The rules finder on conversations it was not written next to\n\n`{command_line()}` on {machine()}\n\n"
            + table(headers, rows) + "\n\nTest half by style:\n\n"
            + table(["style", "DSAT P", "DSAT R", "SAT P", "SAT R"], styles)
            + "\n\nTargets on the test half (DSAT R >= 0.7 at P >= 0.85, SAT P and R >= 0.8): "
            + ("met" if result["targets_met"] else "not met") + "\n")
    print(text)
    out = Path(args.out)
    (out / "finder_eval.json").write_text(json.dumps({"machine": machine(), "command": command_line()} | result,
                                                     indent=1, ensure_ascii=False) + "\n")
    (out / "finder_eval.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
