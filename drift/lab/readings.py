"""The fair world's registered readings (drift/lab/README.md, second registration), from the
lab.json of each seed: every reading per seed as a count, its verdict per seed, and the verdict
over the seeds (confirm or refute where at least 2 of 3 seeds do; else cannot tell).

    python -m drift.lab.readings bench/results/lab-fair-seed0.json bench/results/lab-fair-seed1.json \\
        bench/results/lab-fair-seed2.json --out bench/results/lab-fair-readings.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

BASELINES = ("spin", "iterdpo", "iterdpo_rm75")
NEAR = 0.1  # C2's premise: |distance to the catalogue| under this many nats a token


def verdict(per_seed: list[str]) -> str:
    for v in ("confirm", "refute", "not testable"):
        if per_seed.count(v) >= 2:
            return v
    return "cannot tell"


def questions(m: dict, key: str, n: int) -> list[int]:
    return [round(v * n) for v in m[key]]


def seed_readings(r: dict, lr: str) -> dict:
    """One seed's readings at one learning rate."""
    runs, n = r["runs"][lr], r["data"]["held_out"]
    test = {name: questions(m, "test", n["test"]) for name, m in runs.items()}
    best = {name: max(v[2:]) for name, v in test.items()}  # over iter1..iterK
    out = {"C1": {}}
    for b in BASELINES:
        if b in best:
            margin = best["drift"] - best[b]
            out["C1"][b] = {"margin": margin, "reading": "confirm" if margin >= 2 else "refute" if margin <= -2 else "cannot tell"}
    first, last = test["drift"][2], test["drift"][-1]
    out["C1"]["improves"] = {"iter1": first, "last": last,
                             "reading": "confirm" if last >= first else "refute" if last <= first - 2 else "cannot tell"}
    spin = runs.get("spin", {}).get("start")
    if spin:
        near = [k for k, d in enumerate(spin["distance_token"]) if abs(d) < NEAR]
        ratios = [spin["G"][k] / spin["G_floor"][k] for k in near]
        reading = ("not testable" if not near else "confirm" if all(x < 2 for x in ratios)
                   else "refute" if any(x > 4 for x in ratios) else "cannot tell")
        out["C2"] = {"smallest_distance": min(map(abs, spin["distance_token"])), "near_starts": [k + 1 for k in near],
                     "G_over_floor_there": ratios, "reading": reading}
    start = runs["drift"]["start"]
    ratios = [g / f for g, f in zip(start["G"], start["G_floor"])]
    out["C2'"] = {"G_over_floor": ratios,
                  "reading": "refute" if min(ratios) < 2 else "confirm" if min(ratios) > 4 else "cannot tell"}
    matched = r["matched_gold"][lr]
    if matched["levels"]:
        towns = {name: v[-1] for name, v in matched["distinct_valid_towns"].items()}
        d, s, i = towns.get("drift"), towns.get("spin"), towns.get("iterdpo")
        reading = "cannot tell"
        if None not in (d, s, i):
            reading = "confirm" if d >= s and d >= i - 0.5 else "refute" if d <= s - 1 and d <= i - 1 else "cannot tell"
        out["C3"] = {"level": matched["levels"][-1], "towns": towns, "reading": reading}
    else:
        out["C3"] = {"level": None, "reading": "cannot tell"}
    retention = {name: questions(m, "retention", n["retention"])[-1] for name, m in runs.items()}
    out["retention_last"] = retention
    out["summary"] = {name: {"test_best": best[name], "test_last": test[name][-1], "of_test": n["test"],
                             "retention_base": questions(m, "retention", n["retention"])[0],
                             "retention_last": retention[name], "of_retention": n["retention"]}
                      for name, m in runs.items()}
    out["guided_minus_unguided_best"] = best["drift"] - best["drift_unguided"] if "drift_unguided" in best else None
    if "drift_plain" in retention:
        gap = retention["drift_plain"] - retention["drift"]
        out["F_opening"] = {"plain_minus_drift": gap,
                            "reading": "cause" if gap >= 4 else "not the opening" if abs(gap) <= 2 else "not known"}
    return out


def readings(results: list[dict]) -> dict:
    lrs = results[0]["lrs"]
    out = {"seeds": [r["seed"] for r in results], "by_lr": {}}
    for lr in lrs:
        per = [seed_readings(r, lr) for r in results]
        claims = {}
        for b in BASELINES + ("improves",):
            seen = [p["C1"][b]["reading"] for p in per if b in p["C1"]]
            if seen:
                claims[f"C1 {b}"] = verdict(seen)
        for c in ("C2", "C2'", "C3"):
            seen = [p[c]["reading"] for p in per if c in p]
            if seen:
                claims[c] = verdict(seen)
        seen = [p["F_opening"]["reading"] for p in per if "F_opening" in p]
        if seen:
            claims["F opening"] = next((v for v in ("cause", "not the opening") if seen.count(v) >= 2), "not known")
        out["by_lr"][lr] = {"per_seed": per, "verdicts": claims}
    if len(lrs) == 2:  # F, the rate: every arm keeps 4 or more questions more at the smaller rate, in 2 seeds of 3
        hi, lo = sorted(lrs, key=float, reverse=True)
        per = []
        for a, b in zip(*(out["by_lr"][lr]["per_seed"] for lr in (lo, hi))):  # seed by seed
            a, b = a["retention_last"], b["retention_last"]
            per.append({name: a[name] - b[name] for name in a if name in b})
        out["F_rate"] = {"small_minus_large": per,
                         "reading": "cause" if sum(all(v >= 4 for v in p.values()) for p in per) >= 2 else "not known"}
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m drift.lab.readings", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path, help="lab.json of each seed (second registration)")
    parser.add_argument("--out", type=Path, help="write the readings here as JSON")
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    results = [json.loads(f.read_text()) for f in args.files]
    if any(r.get("world") != "fair" or "runs" not in r for r in results):
        parser.error("every file must be a fair world's lab.json of the second registration")
    out = readings(results)
    text = json.dumps(out, indent=1)
    if args.out:
        args.out.write_text(text + "\n")
    for lr, v in out["by_lr"].items():
        print(f"learning rate {lr}: " + "; ".join(f"{k}: {x}" for k, x in v["verdicts"].items()))
    if "F_rate" in out:
        print(f"F, the rate: {out['F_rate']['reading']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
