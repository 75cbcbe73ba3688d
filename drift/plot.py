"""Draw the training curves of a run from its OUT/metrics.jsonl.

    python -m drift.plot OUT                       # writes OUT/curves.png
    python -m drift.plot OUT --output curves.png

The panels are those of the paper's Figure 5 (DPO loss, chosen and rejected reward, for the warm
start and each iteration), the reward margin and accuracy, and the Lemma 1 signal: the mean
per-pair gradient weight sigmoid(-s) (s the implicit reward margin) and the fraction of pairs whose
weight is at least tau. Lemma 1 bounds the expected gradient norm below by beta * tau * p0 * Delta,
so a signal that stays away from zero is what keeps DRIFT learning where SPIN's collapses. x is the
global optimizer step; each stage has its own colour, a dashed line where it starts. Rows are
"type": "step" or "stage"; unknown keys are ignored and a panel never logged is left out.
matplotlib is an optional extra: pip install -r requirements-extra.txt
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

from drift.io import ArgumentParser, DataError, UsageError, read_jsonl

# (title, [(metric key, line label, line style)], y-axis hint); a panel is drawn if any key was logged
PANELS = [
    # the total is DPO + rpo_alpha x NLL, with rpo_alpha 0.001 a line on top of DPO's: each term on its own axis
    ("DPO loss (Eq. 2)", [("loss/dpo", None, "-")], None),
    ("NLL of y+ per token (x rpo_alpha in the loss)", [("loss/nll", None, "-")], None),
    ("reward of chosen y+", [("rewards/chosen", None, "-")], None),
    ("reward of rejected y-", [("rewards/rejected", None, "-")], None),
    ("reward margin", [("rewards/margins", None, "-")], None),
    ("reward accuracy", [("rewards/accuracies", None, "-")], (0.0, 1.0)),
    (
        "Lemma 1 signal (s: a pair's reward margin)",
        [("signal/mean_sigmoid_neg_s", "mean σ(−s)", "-"), ("signal/frac_above_tau", "P(σ(−s) ≥ τ), τ = {tau}", "--")],
        (0.0, 1.0),
    ),
    ("log-prob of chosen / rejected", [("logps/chosen", "chosen", "-"), ("logps/rejected", "rejected", "--")], None),
    ("gradient norm", [("grad_norm", None, "-")], None),
    ("learning rate", [("lr", None, "-")], None),
]

INSTALL_HINT = "pip install -r requirements-extra.txt  (or: pip install matplotlib)"


def load_metrics(path: str | Path) -> tuple[list[dict], list[dict]]:
    """(step rows, stage rows) of a metrics.jsonl. A malformed line raises DataError naming the file
    and line; rows of another type are skipped, so the format can grow."""
    steps, stages = [], []
    for lineno, row in read_jsonl(path):
        kind = row.get("type")
        if kind == "step":
            if not isinstance(row.get("step"), (int, float)):
                raise DataError(path, lineno, "step", "a step row needs a numeric global step")
            steps.append(row)
        elif kind == "stage":
            stages.append(row)
        elif kind is None:
            raise DataError(path, lineno, "type", "missing (expected 'step' or 'stage')")
    return steps, stages


def plot_metrics(run_dir: str | Path, output: str | Path | None = None) -> Path:
    """Draw `run_dir`/metrics.jsonl (or a metrics file given directly) to a PNG; returns its path."""
    run_dir = Path(run_dir)
    metrics_path = run_dir if run_dir.is_file() else run_dir / "metrics.jsonl"
    output = Path(output) if output is not None else metrics_path.parent / "curves.png"
    steps, stages = load_metrics(metrics_path)
    if not steps:
        raise DataError(metrics_path, None, None, "no step rows to plot")
    plt = _pyplot()
    tau = _config(metrics_path.parent).get("signal_tau", 0.25)

    order = _stage_order(steps, stages)
    colours = {name: plt.get_cmap("tab10")(i % 10) for i, name in enumerate(order)}
    by_stage = defaultdict(list)
    for row in steps:
        by_stage[_stage_name(row)].append(row)
    for rows in by_stage.values():
        rows.sort(key=lambda r: r["step"])
    starts = {name: by_stage[name][0]["step"] for name in order if by_stage[name]}

    logged = lambda key: any(_number(r.get(key)) is not None for r in steps)  # noqa: E731
    panels = [p for p in PANELS if any(logged(key) for key, _, _ in p[1])]
    if not logged("loss/dpo") and logged("loss"):  # rows of a run that logged the total alone
        panels.insert(0, ("loss", [("loss", None, "-")], None))
    ncols = min(3, len(panels))
    nrows = math.ceil(len(panels) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(5.2 * ncols, 3.4 * nrows + 0.9), squeeze=False)
    for ax in axes.flat[len(panels) :]:
        ax.set_visible(False)

    for ax, (title, lines, ylim) in zip(axes.flat, panels):
        for key, label, style in lines:
            for name in order:
                xs, ys = _series(by_stage[name], key)
                if not xs:
                    continue
                smooth = _moving_average(ys, max(1, len(ys) // 25))
                if smooth is not ys:  # noisy per-step values: faint raw curve, bold smoothed one
                    ax.plot(xs, ys, style, color=colours[name], alpha=0.25, linewidth=0.8)
                marker = "o" if len(xs) < 20 else None  # a short stage would be a dot-less line, or nothing
                ax.plot(xs, smooth, style, color=colours[name], linewidth=1.6, marker=marker, markersize=3)
        for name, x in starts.items():
            if x != min(starts.values()):
                ax.axvline(x, color="0.6", linestyle=":", linewidth=1.0)
        if any(label for _, label, _ in lines):  # several metrics share the panel: say which is which
            for key, label, style in lines:
                if label and any(_number(r.get(key)) is not None for r in steps):
                    ax.plot([], [], style, color="0.3", label=label.format(tau=f"{tau:g}"))
            ax.legend(loc="best", fontsize=8, frameon=False)
        if ylim is not None:
            ax.set_ylim(ylim[0] - 0.03, ylim[1] + 0.03)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("optimizer step", fontsize=8)
        ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)

    handles = [plt.Line2D([], [], color=colours[name], linewidth=2) for name in order]
    fig.legend(handles, order, loc="upper center", ncol=min(len(order), 8), frameon=False, fontsize=9)
    summary = _stage_summary(order, stages)
    if summary:
        fig.text(0.01, 0.005, summary, fontsize=7, color="0.3", va="bottom", family="monospace")
    fig.tight_layout(rect=(0, 0.04 if summary else 0, 1, 1 - 0.45 / fig.get_figheight()))
    output.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(output, dpi=110)
    plt.close(fig)
    return output


EVAL_PANELS = [  # (title, [(key, label)], y limits): the paper's Figure 2, per stage
    ("judge win rate (95% interval)", [("eval/win_vs_rejected", "vs real y-"), ("eval/win_vs_base", "vs base model")], (0, 1)),
    ("mean reward", [("eval/reward", "replies"), ("eval/reward_rejected", "real y-")], None),
    ("reply length (tokens)", [("eval/len", None)], None),
    ("distinct-2", [("eval/distinct2", None)], (0, 1)),
]


def plot_eval(run_dir: str | Path, output: str | Path | None = None) -> Path | None:
    """The held-out evaluation per stage (OUT/eval.png), in the style of the paper's Figure 2: x the
    stages (base, warm, iter1, ...), each measure the run logged, the best stage of OUT/best.json
    starred. None when the run has no eval rows."""
    run_dir = Path(run_dir)
    metrics_path = run_dir if run_dir.is_file() else run_dir / "metrics.jsonl"
    rows = [r for _, r in read_jsonl(metrics_path) if r.get("type") == "eval"]
    if not rows:
        return None
    rows.sort(key=lambda r: (r["stage"] != "base", r.get("stage_index", 0)))
    output = Path(output) if output is not None else metrics_path.parent / "eval.png"
    best_path = metrics_path.parent / "best.json"
    best = json.loads(best_path.read_text(encoding="utf-8")) if best_path.exists() else {}
    panels = [p for p in EVAL_PANELS if any(_number(r.get(k)) is not None for k, _ in p[1] for r in rows)]
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 3.4), squeeze=False)
    labels = [r["stage"] for r in rows]
    for ax, (title, lines, ylim) in zip(axes.flat, panels):
        for k, (key, label) in enumerate(lines):
            xs = [i for i, r in enumerate(rows) if _number(r.get(key)) is not None]
            ys = [rows[i][key] for i in xs]
            if not xs:
                continue
            ax.plot(xs, ys, "o-" if k == 0 else "s--", label=label, color=f"C{k}")
            if _number(rows[xs[0]].get(key + "_low")) is not None:
                ax.fill_between(xs, [rows[i][key + "_low"] for i in xs], [rows[i][key + "_high"] for i in xs],
                                alpha=0.15, color=f"C{k}")
            if best.get("criterion") == key and best.get("stage") in labels:
                b = labels.index(best["stage"])
                ax.plot([b], [best["value"]], "*", markersize=16, color="gold", markeredgecolor="k", zorder=5,
                        label=f"best: {best['stage']}")
        if key.startswith("eval/win"):
            ax.axhline(0.5, color="0.6", linestyle=":", linewidth=1.0)
        if ylim:
            ax.set_ylim(ylim[0] - 0.03, ylim[1] + 0.03)
        if any(label for _, label in lines) or best.get("criterion") in {k for k, _ in lines}:
            ax.legend(fontsize=8, frameon=False)
        ax.set_xticks(range(len(labels)), labels, fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(output, dpi=110)
    plt.close(fig)
    return output


def _config(folder: Path) -> dict:
    """The run's config from run.json beside the metrics, {} where there is none to read."""
    try:
        config = json.loads((folder / "run.json").read_text(encoding="utf-8")).get("config", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return config if isinstance(config, dict) else {}


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise ImportError(f"drawing the curves needs matplotlib, which is not installed: {INSTALL_HINT}") from None
    matplotlib.use("Agg")  # files only, no display needed
    import matplotlib.pyplot as plt

    return plt


def _stage_name(row: dict) -> str:
    return str(row.get("stage", "?"))


def _stage_order(steps: list[dict], stages: list[dict]) -> list[str]:
    # by stage_index when logged, else by the first step seen
    first = {}
    for row in steps + stages:
        name = _stage_name(row)
        key = (_number(row.get("stage_index")) or 0, _number(row.get("step")) or 0)
        if name not in first or key < first[name]:
            first[name] = key
    seen_in_steps = {_stage_name(r) for r in steps}
    return sorted((n for n in first if n in seen_in_steps), key=lambda n: first[n])


def _series(rows: list[dict], key: str) -> tuple[list[float], list[float]]:
    xs, ys = [], []
    for row in rows:
        y = _number(row.get(key))
        if y is not None:
            xs.append(row["step"])
            ys.append(y)
    return xs, ys


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _moving_average(ys: list[float], window: int) -> list[float]:
    """Trailing mean over `window` points (the first points average what exists so far)."""
    if window <= 1:
        return ys
    out, total = [], 0.0
    for i, y in enumerate(ys):
        total += y
        if i >= window:
            total -= ys[i - window]
        out.append(total / min(i + 1, window))
    return out


def _stage_summary(order: list[str], stages: list[dict]) -> str:
    """One line per stage summary row: pairs kept and dropped by the sampler, mean lengths."""
    parts = []
    for name in order:
        for row in (r for r in stages if _stage_name(r) == name):
            bits = []
            if _number(row.get("sampler/kept")) is not None:
                bits.append(f"kept {row['sampler/kept']:g}")
            dropped = {k.split("/", 2)[2]: v for k, v in row.items() if k.startswith("sampler/dropped/")}
            dropped = {k: v for k, v in dropped.items() if _number(v)}
            if dropped:
                bits.append("dropped " + ", ".join(f"{k} {v:g}" for k, v in sorted(dropped.items())))
            for key, label in (("len/chosen", "len y+"), ("len/rejected", "len y-")):
                if _number(row.get(key)) is not None:
                    bits.append(f"{label} {row[key]:.0f}")
            if bits:
                parts.append(f"{name}: " + "; ".join(bits))
    return "   |   ".join(parts)


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="python -m drift.plot", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="run folder holding metrics.jsonl (or the metrics file itself)")
    parser.add_argument("--output", default=None, help="PNG to write (default: OUT/curves.png)")
    return parser


def main(argv: list[str] | None = None) -> int:
    from drift.io import cli

    parser = build_parser()

    def run():
        args = parser.parse_args(argv)
        try:
            print(plot_metrics(args.out, args.output))
            evals = plot_eval(args.out)
            if evals:
                print(evals)
        except ImportError as e:
            raise UsageError(str(e)) from None

    return cli(run, resume_hint="run the same command again")


if __name__ == "__main__":
    sys.exit(main())
