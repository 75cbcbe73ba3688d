"""The rules finder's speed on one core: user turns labelled per minute, alone and through the
whole `filter_data.py --format chat` path (JSONL read, conversations checked, rows written).

    python bench/bench_finder.py                  # 200k conversations, about a minute
    python bench/bench_finder.py --turns 20000    # a quick look

The turns are synthetic and deterministic: WildChat-like lengths (a few words to a few hundred),
one in five an explicit complaint, one in five thanks, the rest follow-up requests. The target is
200,000 user turns a minute on one core (millions of conversations in an hour or two).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drift.finder import rule_label  # noqa: E402

WORDS = ("the a of to and in is it for on that with as this you your can what how code function list value error "
         "python data file example answer question please explain more about write make use number time").split()
COMPLAINTS = ["That's wrong, it should be {w}.", "No, I asked for {w}, not this.", "This doesn't work, still {w}.",
              "Try again, you ignored the {w}.", "Too long. Just the {w}."]
THANKS = ["Thanks, that's what I needed.", "Perfect, the {w} works now.", "Great, thank you!"]


def turn(rng: random.Random) -> str:
    n = min(400, int(rng.lognormvariate(2.8, 1.0)) + 2)
    body = " ".join(rng.choice(WORDS) for _ in range(n))
    r = rng.random()
    if r < 0.2:
        return rng.choice(COMPLAINTS).format(w=rng.choice(WORDS)) + " " + body[:200]
    if r < 0.4:
        return rng.choice(THANKS).format(w=rng.choice(WORDS))
    return body.capitalize() + "?"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--turns", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    rng = random.Random(args.seed)
    turns = [turn(rng) for _ in range(args.turns)]
    previous = [turn(rng) for _ in range(args.turns)]

    t0 = time.perf_counter()
    labels = [rule_label(t, q)[0] for t, q in zip(turns, previous)]
    alone = time.perf_counter() - t0

    import filter_data

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chat.jsonl"
        with open(path, "w") as f:
            for t, q in zip(turns, previous):  # one conversation a turn: question, reply, the user's turn, reply
                f.write(json.dumps({"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": "A reply."},
                                                 {"role": "user", "content": t}, {"role": "assistant", "content": "Another."}]}) + "\n")
        t0 = time.perf_counter()
        filter_data.filter_files(filter_data.parse_args(["--input", str(path), "--format", "chat", "--out", str(Path(tmp) / "out")]))
        whole = time.perf_counter() - t0
    counts = {k: labels.count(k) for k in ("dsat", "sat", "neither")}
    print(f"{args.turns:,} user turns, labelled {counts}")
    print(f"rules alone:             {args.turns / alone * 60:>12,.0f} turns/min  ({alone:.1f} s)")
    print(f"filter_data --format chat: {args.turns / whole * 60:>10,.0f} turns/min  ({whole:.1f} s, read + check + write)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
