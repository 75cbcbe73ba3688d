"""python -m drift.lab {exact,tiny,fair} --out DIR [--seed N] [--quick]: run a world, write lab.json and
lab.png, print the table (drift/lab/__init__.py says what each world is)."""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

from drift.io import SEED_RANGE, ArgumentParser, number, write_json

LABELS = {"drift": "DRIFT", "drift_unguided": "DRIFT unguided", "spin": "SPIN", "iterdpo": "IterDPO",
          "iterdpo_rm75": "IterDPO RM 0.75", "drift_plain": "DRIFT plain"}
COLOURS = {"drift": "tab:red", "drift_unguided": "tab:orange", "spin": "tab:blue", "iterdpo": "tab:green",
           "iterdpo_rm75": "tab:olive", "drift_plain": "tab:purple"}
FAIR_COUNTS = [("test", "held-out gold (greedy), questions right: reformed towns nobody trained on, new phrasings"),
               ("retention", "retention (greedy), questions right: mayors, and the test towns' currencies the reform left alone")]
FAIR_ROWS = [("test_sampled", "held-out gold of samples (temperature 0.7), reformed test towns", 0, 3),
             ("distinct_valid_towns", "distinct valid towns among 16 samples of 'name a town that uses V'", 0, 2),
             ("signal", "mean sigma(-s) over each stage's updates (train.py)", 1, 3)]
FAIR_START = [("G", "Proposition 1 at each iteration's start: G = (beta/2)||E d||", 4),
              ("G_floor", "G_floor: the same with y+ and y- two independent samples of x", 4),
              ("distance_token", "distance to the SAT catalogue, nats a token: mean log pi(y_sat) - mean log pi(own)", 3)]


def table(result: dict) -> str:
    """Per method and measure, a value per stage (base, warm, iter1, ...); blank where a measure
    has none (the signal of base, the expected gradient of base and warm, a stopped method's rest)."""
    stages = result["stages"]
    exact = result["world"] == "exact"
    if result["world"] == "fair":
        return fair_table(result)
    rows = [("gold", "gold utility J" if exact else "held-out gold (greedy), stale facts in new words", 0, 3),
            ("signal", "mean sigma(-s) over each stage's updates (Lemma 1's per-pair weight)", 1, 3)]
    rows += ([("norm_E_grad", "norm of the expected gradient ||E grad l|| at the end of each iteration", 2, 4),
              ("prop1_bound", "SPIN's Proposition 1 bound beta/4 sqrt(Var s) sqrt(E||d||^2) at the end of each iteration", 2, 4),
              ("entropy", "policy entropy (nats)", 0, 3), ("coverage", "share of high-reward responses that keep mass", 0, 3)]
             if exact else
             [("untouched", "held-out gold on the facts nobody complained about (forgetting)", 0, 3),
              ("gold_sampled", "held-out gold of samples (temperature 0.7)", 0, 3),
              ("distinct2", "distinct-2 of the samples", 0, 3)])
    head = f"{'method':<16}" + "".join(f"{s:>8}" for s in stages)
    lines = [f"{result['world']} world, seed {result['seed']}" + (" (quick)" if result.get("quick") else "")]
    for key, title, offset, digits in rows:
        lines += ["", title, head]
        for name, m in result["methods"].items():
            if key == "prop1_bound" and name != "spin":
                continue
            cells = [""] * offset + [f"{v:.{digits}f}" for v in m[key]]
            lines.append(f"{LABELS[name]:<16}" + "".join(f"{c:>8}" for c in cells))
    matched = result.get("matched_gold")
    if matched and matched["levels"]:
        lines += ["", "share of high-reward responses that keep mass, at matched gold J (where each method first reaches it)",
                  f"{'gold J':<16}" + "".join(f"{lv:>8.3f}" for lv in matched["levels"])]
        for name, values in matched["coverage"].items():
            lines.append(f"{LABELS[name]:<16}" + "".join(f"{v:>8.3f}" for v in values))
    for name, m in result["methods"].items():
        if m.get("stopped"):
            lines.append(f"{LABELS[name]} stopped early: {m['stopped']}")
    return "\n".join(lines)


def fair_table(result: dict) -> str:
    """The fair world per learning rate: greedy gold and retention as counts of questions, the
    other measures per stage, gold gained per optimizer step, D5's measures per iteration start,
    and the matched-gold readings."""
    stages, n = result["stages"], result["data"]["held_out"]
    head = f"{'method':<16}" + "".join(f"{s:>8}" for s in stages)
    lines = [f"fair world, seed {result['seed']}" + (" (quick)" if result.get("quick") else "")
             + f", {result['design']}; test {n['test']} questions, retention {n['retention']}"]
    for lr, runs in result["runs"].items():
        lines += ["", f"=== learning rate {lr} ==="]
        for key, title in FAIR_COUNTS:
            lines += ["", title + f" (of {n[key]})", head]
            for name, m in runs.items():
                lines.append(f"{LABELS[name]:<16}" + "".join(f"{round(v * n[key]):>8d}" for v in m[key]))
        for key, title, offset, digits in FAIR_ROWS:
            lines += ["", title, head]
            for name, m in runs.items():
                cells = [""] * offset + ["" if v is None else f"{v:.{digits}f}" for v in m[key]]
                lines.append(f"{LABELS[name]:<16}" + "".join(f"{c:>8}" for c in cells))
        lines += ["", "test gold gained per optimizer step, questions (iteration k: after it minus before it)", head]
        for name, m in runs.items():
            gains = [round((b - a) * n["test"]) / steps if steps else None
                     for a, b, steps in zip(m["test"][1:], m["test"][2:], m["steps"][1:])]
            lines.append(f"{LABELS[name]:<16}" + " " * 16 + "".join("" if g is None else f"{g:>8.3f}" for g in gains))
        starts = [f"start{k}" for k in range(1, result["iterations"] + 1)]
        for key, title, digits in FAIR_START:
            lines += ["", title, f"{'method':<16}" + "".join(f"{s:>8}" for s in starts)]
            for name, m in runs.items():
                if m.get("start"):
                    lines.append(f"{LABELS[name]:<16}" + "".join(f"{v:>8.{digits}f}" for v in m["start"][key]))
        matched = result["matched_gold"][lr]
        for key, title in (("retention", "retention"), ("distinct_valid_towns", "distinct valid towns"),
                           ("test_sampled", "gold of samples")):
            lines += ["", f"{title} at matched held-out gold (where each method first reaches it)",
                      f"{'gold':<16}" + "".join(f"{lv:>8.3f}" for lv in matched["levels"])]
            for name, values in matched[key].items():
                lines.append(f"{LABELS[name]:<16}" + "".join("" if v is None else f"{v:>8.3f}" for v in values))
        for name, m in runs.items():
            if m.get("stopped"):
                lines.append(f"{LABELS[name]} stopped early: {m['stopped']}")
    return "\n".join(lines)


def fair_figure(result: dict, path: Path) -> None:
    """A row per learning rate: greedy test gold and retention (counts), G / G_floor at each
    iteration's start, and G / G_floor against the distance to the SAT catalogue (SPIN, DRIFT)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    stages, n = result["stages"], result["data"]["held_out"]
    lrs = list(result["runs"])
    fig, axes = plt.subplots(len(lrs), 4, figsize=(16.8, 3.4 * len(lrs)), squeeze=False)
    for row, lr in zip(axes, lrs):
        for name, m in result["runs"][lr].items():
            style = dict(marker="o", ms=4, label=LABELS[name], color=COLOURS[name])
            row[0].plot(stages[:len(m["test"])], [v * n["test"] for v in m["test"]], **style)
            row[1].plot(stages[:len(m["retention"])], [v * n["retention"] for v in m["retention"]], **style)
            if m.get("start"):
                ratio = [g / f if f else float("nan") for g, f in zip(m["start"]["G"], m["start"]["G_floor"])]
                row[2].plot(range(1, len(ratio) + 1), ratio, **style)
                if name in ("spin", "drift"):
                    row[3].plot(m["start"]["distance_token"], ratio, **style)
        for ax, title in zip(row, (f"test gold, questions of {n['test']} (lr {lr})",
                                   f"retention, questions of {n['retention']} (lr {lr})",
                                   "G / G_floor at iteration k's start", "G / G_floor against distance to SAT (nats/token)")):
            ax.set_title(title, fontsize=9)
            ax.tick_params(labelsize=8)
            ax.grid(alpha=0.3)
        for ax in row[2:]:
            ax.axhline(2, ls=":", color="grey", lw=1)
            ax.axhline(4, ls="--", color="grey", lw=1)
        row[0].legend(fontsize=7)
    fig.suptitle(f"fair world, seed {result['seed']}" + (" (quick)" if result.get("quick") else ""), fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def figure(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if result["world"] == "fair":
        return fair_figure(result, path)
    stages = result["stages"]
    exact = result["world"] == "exact"
    if exact:
        panels = [("gold", "gold utility J", stages), ("signal", "Lemma 1 signal: mean σ(−s) per stage", stages[1:]),
                  ("norm_E_grad", "‖E ∇ℓ‖ at the end of each iteration", stages[2:]),
                  ("coverage", "high-reward responses that keep mass", stages)]
    else:
        panels = [("gold", "held-out gold, stale facts in new words (greedy)", stages),
                  ("signal", "Lemma 1 signal: mean σ(−s) per stage", stages[1:]),
                  ("untouched", "held-out gold, untouched facts (forgetting)", stages),
                  ("distinct2", "distinct-2 of sampled replies", stages)]
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.4))
    for ax, (key, title, xs) in zip(axes, panels):
        bounds = []
        for name, m in result["methods"].items():
            ys = [y for y in m[key] if y is not None]
            ax.plot(xs[len(xs) - len(ys):], ys, marker="o", ms=4, label=LABELS[name], color=COLOURS[name])
            if key == "norm_E_grad" and name == "spin":  # the table's bound, and what holds away from the fixed point
                bound = m["prop1_bound"]
                away = [a + b for a, b in zip(bound, m["fixed_point_gap"])]
                bounds += ax.plot(xs[len(xs) - len(bound):], bound, ls="--", color=COLOURS[name], lw=1,
                                  label="SPIN's Prop. 1 bound β/4·√Var s·√E‖d‖² (the table's)")
                bounds += ax.plot(xs[len(xs) - len(away):], away, ls=":", color=COLOURS[name], lw=1,
                                  label="that bound + SPIN's fixed-point gap β·Eσ(−s)·‖E d‖")
        ax.set_title(title, fontsize=9)
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)
        if bounds:
            ax.legend(handles=bounds, fontsize=6)
    axes[0].legend(fontsize=7)
    fig.suptitle(f"{result['world']} world, seed {result['seed']}" + (" (quick)" if result.get("quick") else ""), fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def machine() -> dict:
    """What computed the numbers: a float result can change with the processor, the thread count
    and the library versions, so lab.json says which made it."""
    import torch
    import transformers

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    return {"cpu": cpu, "threads": torch.get_num_threads(), "torch": torch.__version__,
            "transformers": transformers.__version__, "python": platform.python_version()}


def main(argv=None) -> int:
    from drift.io import cli

    return cli(lambda: run(argv), resume_hint="run the same command again")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="python -m drift.lab", description=__doc__)
    parser.add_argument("world", choices=["exact", "tiny", "fair"])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--seed", type=number(int, *SEED_RANGE), default=0)
    parser.add_argument("--quick", action="store_true", help="a smaller run (the test suite's)")
    parser.add_argument("--revision", choices=["own-up", "bare"], default="own-up",
                        help="tiny world: a revision says \"You're right.\" before the corrected answer, or is the answer alone")
    return parser


def run(argv=None) -> None:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"--out {args.out} is a file; it names the output folder")
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if args.world == "exact":
        from drift.lab.exact import run
        result = run(args.seed, args.quick)
    elif args.world == "fair":
        from drift.lab.fair import run
        result = run(args.seed, args.quick, args.out)
    else:
        from drift.lab.tiny import run
        result = run(args.seed, args.quick, args.out, args.revision)
    result["seconds"] = round(time.perf_counter() - t0, 1)
    result["machine"] = machine()
    write_json(args.out / "lab.json", result)
    print(table(result))
    try:
        figure(result, args.out / "lab.png")
        print(f"\nwrote {args.out / 'lab.json'} and {args.out / 'lab.png'} in {result['seconds']} s")
    except ImportError:
        print(f"\nwrote {args.out / 'lab.json'} in {result['seconds']} s (matplotlib is not installed: no figure)")


if __name__ == "__main__":
    sys.exit(main())
