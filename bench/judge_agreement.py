"""How often a judge agrees with the tiny world's gold checker: what a small judge can and cannot tell.

    python bench/judge_agreement.py                       # the embedded SmolLM2-135M-Instruct, tiny-world seed 0
    python bench/judge_agreement.py --judge-model PATH    # any chat model

For every stale fact of the tiny world (drift/lab/tiny.py; 24 a seed), asked in its two held-out
phrasings, the judge (drift/judge.py, presets/judge_compare.txt, both orders) compares the right
answer with the stale one, each in a random one of the world's answer wordings; the gold checker
prefers the right one every time. Two conversations: the question alone (what --eval-data shows:
a fictional fact no judge can know, so agreement near 0.5 is the honest outcome) and the question,
the stale reply and the user's correction (the judge only has to read). Reported: agreement (ties
count one half) with a 95% Wilson interval, and how often the two orders disagree (position bias).
Writes bench/results/judge_agreement.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drift import dist as D  # noqa: E402
from drift.judge import Judge, fill, wilson  # noqa: E402
from drift.lab.tiny import ANSWERS, ASK, COMPLAINT, HELD_OUT, answer, gold, make_world  # noqa: E402


def items_of(seed: int) -> list[dict]:
    """The comparisons of one world: the right and the stale answer to each held-out question."""
    world, rng = make_world(seed), random.Random(1000 + seed)
    out = []
    for f in (f for f in world["facts"] if f["group"] == "stale"):
        for q in ASK[f["attr"]][HELD_OUT]:
            q = q.format(t=f["town"])
            right, stale = answer(f, f["now"], rng), answer(f, f["old"], rng)
            assert gold(f, right) == 1.0 and gold(f, stale) == 0.0
            said = rng.choice(ANSWERS[f["attr"]]).format(t=f["town"], v=f["old"])
            corrected = [{"role": "user", "content": q}, {"role": "assistant", "content": said},
                         {"role": "user", "content": COMPLAINT[f["attr"]].format(t=f["town"], v=f["now"])}]
            out.append({"alone": [{"role": "user", "content": q}], "corrected": corrected, "right": right, "stale": stale})
    return out


def order_verdicts(judge: Judge, items: list[tuple[list[dict], str, str]]) -> list[tuple[float, float] | None]:
    """The two single-order margins for a in each (conversation, a, b): A-B with a first, B-A with
    a second (their sum is drift.judge's verdict m). One batched pass."""
    prompts = [judge.fit(conv, lambda t, x=x, y=y: fill(judge.rubric, conversation=t, reply_a=x, reply_b=y))
               for conv, a, b in items for x, y in ((a, b), (b, a))]
    logps = judge.label_logps(prompts, ("A", "B"))
    return [(ab[0] - ab[1], ba[1] - ba[0]) if ab and ba else None for ab, ba in zip(logps[0::2], logps[1::2])]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--judge-model", default="embedded")
    p.add_argument("--seeds", type=int, nargs="+", default=[0])
    p.add_argument("--out", default=str(ROOT / "bench" / "results" / "judge_agreement.json"))
    args = p.parse_args(argv)
    torch.set_num_threads(2)
    d = D.setup()
    judge = Judge.load(args.judge_model, d, torch.float32)
    t0 = time.perf_counter()
    result = {"judge": args.judge_model, "seeds": args.seeds, "conditions": {}}
    for condition in ("alone", "corrected"):
        outcomes, split = [], 0
        items = [(it[condition], it["right"], it["stale"]) for seed in args.seeds for it in items_of(seed)]
        for first, second in order_verdicts(judge, items):
            m = first + second
            outcomes.append(1.0 if m > 0 else 0.5 if m == 0 else 0.0)
            split += (first > 0) != (second > 0)
        rate = sum(outcomes) / len(outcomes)
        low, high = wilson(rate, len(outcomes))
        result["conditions"][condition] = {"comparisons": len(outcomes), "agreement": rate, "interval_95": [low, high],
                                           "orders_disagree": split / len(outcomes)}
    result["seconds"] = round(time.perf_counter() - t0, 1)
    result["machine"] = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    print(f"judge {args.judge_model}, tiny-world seeds {args.seeds}: right vs stale answer, gold prefers right")
    for condition, r in result["conditions"].items():
        print(f"  {condition:<10} agreement {r['agreement']:.3f} (95% {r['interval_95'][0]:.2f}-{r['interval_95'][1]:.2f}, "
              f"n={r['comparisons']}), the two orders disagree in {r['orders_disagree']:.0%}")
    D.teardown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
