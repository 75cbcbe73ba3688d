"""python -m drift.plot draws a PNG from a metrics.jsonl and names the line of a malformed one."""

import json
import math
import random
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

from drift.io import DataError, write_jsonl  # noqa: E402
from drift.plot import load_metrics, plot_metrics  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
REPO = Path(__file__).resolve().parents[1]


def synthetic_rows(steps_per_stage=(30, 15, 15), beta=0.1, seed=0) -> list[dict]:
    """A warm start and two iterations: the margin grows within a stage and restarts at 0 in the
    next one (each stage's reference is its starting policy), so the loss restarts at ln 2."""
    rng = random.Random(seed)
    rows, step = [], 0
    for index, n in enumerate(steps_per_stage):
        stage = "warm" if index == 0 else f"iter{index}"
        for stage_step in range(1, n + 1):
            step += 1
            chosen = 0.02 * stage_step * (1 + rng.gauss(0, 0.3))
            rejected = -0.03 * stage_step * (1 + rng.gauss(0, 0.3))
            s = chosen - rejected  # rewards already contain beta
            rows.append(
                {
                    "type": "step", "stage": stage, "stage_index": index, "step": step, "stage_step": stage_step,
                    "loss": -math.log(1 / (1 + math.exp(-s))) + 0.001, "loss/dpo": -math.log(1 / (1 + math.exp(-s))),
                    "loss/nll": 1.0, "rewards/chosen": chosen, "rewards/rejected": rejected, "rewards/margins": s,
                    "rewards/accuracies": min(1.0, 0.5 + 0.03 * stage_step), "logps/chosen": -120 + chosen / beta,
                    "logps/rejected": -150 + rejected / beta, "grad_norm": 5 + rng.random(), "lr": 5e-7,
                    "tokens_per_s": 1000.0, "peak_mem_gb": 1.5, "signal/mean_sigmoid_neg_s": 1 / (1 + math.exp(s)),
                    "signal/frac_above_tau": 1.0 if s < 1 else 0.5, "some/new_metric": "ignored",
                }
            )  # fmt: skip
        rows.append(
            {
                "type": "stage", "stage": stage, "stage_index": index, "loss": 0.6,
                "sampler/kept": 0 if index == 0 else 95, "sampler/dropped/no_eos": 3, "sampler/dropped/identical": 2,
                "len/chosen": 180.0, "len/rejected": 210.0,
            }
        )  # fmt: skip
    return rows


def assert_png(path: Path):
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert len(data) > 20_000  # nine panels of curves, not an empty canvas


def test_plot_function_and_command_write_a_png(tmp_path):
    write_jsonl(tmp_path / "metrics.jsonl", synthetic_rows())
    out = plot_metrics(tmp_path)
    assert out == tmp_path / "curves.png"
    assert_png(out)

    target = tmp_path / "figs" / "run.png"
    result = subprocess.run(
        [sys.executable, "-m", "drift.plot", str(tmp_path), "--output", str(target)],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert_png(target)


def test_missing_keys_skip_their_panels(tmp_path):
    """Only the loss logged: still a valid PNG (one panel), no error."""
    rows = [{"type": "step", "stage": "warm", "stage_index": 0, "step": i, "loss": 0.7 - 0.01 * i} for i in range(1, 9)]
    write_jsonl(tmp_path / "metrics.jsonl", rows)
    data = plot_metrics(tmp_path).read_bytes()
    assert data[:8] == PNG_SIGNATURE and len(data) > 5_000


def test_malformed_line_names_file_and_line(tmp_path):
    path = tmp_path / "metrics.jsonl"
    lines = [json.dumps(r) for r in synthetic_rows((3, 2))]
    lines[2] = lines[2][:-5]  # a line cut short, as by a crash mid-write
    path.write_text("\n".join(lines) + "\n")

    with pytest.raises(DataError) as err:
        load_metrics(path)
    assert err.value.line == 3 and err.value.path == str(path)

    result = subprocess.run(
        [sys.executable, "-m", "drift.plot", str(tmp_path)], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"{path}, line 3" in result.stderr
    assert not (tmp_path / "curves.png").exists()
