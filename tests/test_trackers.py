"""--report-to (drift/trackers.py): each tracker's files, read back with the tracker's own reader
(TensorBoard's event accumulator, MLflow's client on its file store, wandb's reader of its offline
run folder, trackio's local store), hold exactly metrics.jsonl's rows, each once, across a kill and
a --resume; the config and the figures are there; a run without the flag is the same bit for bit;
a tracker whose package is missing is one line before the run folder."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import torch
from forked import error_line, train
from safetensors.torch import load_file

from drift.trackers import NAMES, parse, scalars

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
FLAGS = ["--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "16", "--lr", "1e-4",
         "--warmup-ratio", "0", "--warm-epochs", "2", "--iterations", "1", "--sample-batch-size", "4",
         "--save-every", "2", "--save-every-minutes", "0", "--eval-data", str(SAMPLE / "dsat.jsonl"),
         "--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl")]
ALL = ",".join(NAMES)
TIMING = ("tokens_per_s", "peak_mem_gb")  # the machine's, not the run's


def metrics(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]


def expected(out: Path) -> Counter:
    """(step, name, value) of every number metrics.jsonl holds, as the trackers name them."""
    return Counter((row["step"], name, value) for row in metrics(out) for name, value in scalars(row).items())


# ---- each tracker's own reader


def read_tensorboard(out: Path) -> Counter:
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
    from tensorboard.util.tensor_util import make_ndarray

    acc = EventAccumulator(str(out / "trackers" / "tensorboard"), size_guidance={"tensors": 0, "images": 0})
    acc.Reload()
    got = Counter((e.step, tag, make_ndarray(e.tensor_proto).item()) for tag in acc.Tags()["tensors"]
                  for e in acc.Tensors(tag) if tag != "config/text_summary")
    assert acc.Tags()["images"] == ["figures/curves", "figures/eval"]
    assert [e.step for e in acc.Tensors("config/text_summary")] == [0, 2]  # each start's, at its first step
    return got


def read_mlflow(out: Path) -> Counter:
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    client = MlflowClient((out / "trackers" / "mlruns").resolve().as_uri())
    run_id = json.loads((out / "trackers" / "trackers.json").read_text())["mlflow_run"]
    run = client.get_run(run_id)
    assert run.data.params["beta"] == "0.1" and run.info.status == "FINISHED"
    assert [a.path for a in client.list_artifacts(run_id, "figures")] == ["figures/curves.png", "figures/eval.png"]
    return Counter((m.step, key, m.value) for key in run.data.metrics for m in client.get_metric_history(run_id, key))


def read_wandb(out: Path) -> Counter:
    got = Counter()
    folders = sorted((out / "trackers" / "wandb").glob("offline-run-*"))
    assert folders
    for folder in folders:  # one per start of the run, all under the run's one id
        lines = subprocess.run([sys.executable, "-m", "wandb", "leet", "inspect", str(folder), "--json"],
                               capture_output=True, text=True, check=True).stdout.splitlines()
        for record in map(json.loads, lines):
            if record["type"] == "run":
                assert record["run"]["config"]["update"]["beta"] == 0.1
            if record["type"] != "history":
                continue
            item = record["history"]["item"]
            for key, value in item.items():
                if not key.startswith(("_", "figures/")):
                    got[(item["_step"], key, value)] += 1
    return got


def read_trackio(out: Path) -> Counter:
    name = f"{out.resolve().name}-{json.loads((out / 'trackers' / 'trackers.json').read_text())['id']}"
    code = ("import json, sys; from trackio.sqlite_storage import SQLiteStorage as S; "
            "print(json.dumps([S.get_logs('drift', sys.argv[1]), S.get_run_config('drift', sys.argv[1])]))")
    env = dict(os.environ, TRACKIO_DIR=str((out / "trackers" / "trackio").resolve()))
    logs, config = json.loads(subprocess.run([sys.executable, "-c", code, name], capture_output=True, text=True,
                                             env=env, check=True).stdout.splitlines()[-1])
    assert config["beta"] == 0.1
    got = Counter()
    for row in logs:
        for key, value in row.items():
            if "/" in key or key.endswith("_loss"):  # trackio's own columns (step, timestamp, ...) have no slash
                if not key.startswith("figures/") and value is not None:
                    got[(row["step"], key, value)] += 1
    assert any(key.startswith("figures/") for row in logs for key in row)
    return got


READERS = {"tensorboard": read_tensorboard, "mlflow": read_mlflow, "wandb": read_wandb, "trackio": read_trackio}


def test_parse():
    assert parse("none") == () and parse("wandb") == ("wandb",)
    assert parse(" tensorboard,mlflow") == ("tensorboard", "mlflow")
    for bad in ("", "wandb,wandb", "none,wandb", "comet", "tensorboard,"):
        with pytest.raises(ValueError):
            parse(bad)


def test_scalars_name_rows_as_trl_does():
    row = {"type": "step", "stage": "warm", "stage_index": 0, "step": 3, "stage_step": 3, "loss": 0.5,
           "loss/nll": 2.0, "loss/dpo": 0.49, "rewards/margins": 1.0, "note": "x"}
    assert scalars(row) == {"train/stage_index": 0, "train/stage_step": 3, "train/loss": 0.5, "train/nll_loss": 2.0,
                            "train/dpo_loss": 0.49, "train/rewards/margins": 1.0}
    assert scalars({"type": "eval", "stage": "base", "stage_index": 0, "step": 0, "eval/len": 4.0}) == {
        "eval/stage_index": 0, "eval/len": 4.0}
    assert scalars({"type": "stage", "stage": "warm", "stage_index": 0, "step": 4, "pairs": 8}) == {
        "stage/stage_index": 0, "stage/pairs": 8}


@pytest.fixture(scope="module")
def plain(tiny_chat_dir, tmp_path_factory):
    """The run without --report-to."""
    tmp = tmp_path_factory.mktemp("plain")
    out = tmp / "out"
    code, err, ops = train(["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS], tmp, log=True)
    assert code == 0, err
    return out, ops


def test_every_tracker_holds_metrics_rows_once_across_a_kill_and_a_resume(plain, tiny_chat_dir, tmp_path):
    """Killed (SIGKILL) before the warm start's 4th step row, after its state at step 2 and the 3rd
    row went to the trackers; --resume recomputes step 3 (which the trackers hold: not sent again)
    and goes on. Every tracker then holds each of metrics.jsonl's numbers exactly once, and the run
    is the run without --report-to, bit for bit (weights and rows)."""
    plain_out, ops = plain
    fourth_row = [n for n, what, _ in ops if what == "append step row"][3]
    out = tmp_path / "out"
    argv = ["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS, "--report-to", ALL]
    code, err, _ = train(argv, tmp_path, kill_at=fourth_row, fault="kill", name="killed")
    assert code == -9, err
    sent = json.loads((out / "trackers" / "trackers.json").read_text())["last"]
    assert list(sent.values()) == [[3, 0]] * 4  # step 3's row, past the state at step 2
    code, err, _ = train(argv + ["--resume"], tmp_path, name="resumed")
    assert code == 0, err
    # step 3 was computed twice: its numbers are the same bit for bit, its timing is each computation's
    # own, and a tracker keeps the first it got
    timed = lambda c: Counter({k: n for k, n in c.items() if not (k[0] == 3 and k[1].split("/")[-1] in TIMING)})  # noqa: E731
    want = expected(out)
    for name, read in READERS.items():
        got = read(out)
        assert timed(got) == timed(want), name
        assert sorted(k[1] for k in got - timed(got)) == ["train/peak_mem_gb", "train/tokens_per_s"], name
    strip = lambda rows: [{k: v for k, v in r.items() if k not in TIMING} for r in rows]  # noqa: E731
    assert strip(metrics(out)) == strip(metrics(plain_out))
    for stage in ("warm", "iter1"):
        a, b = load_file(out / stage / "model.safetensors"), load_file(plain_out / stage / "model.safetensors")
        assert all(torch.equal(a[k], b[k]) for k in a)
    assert not (plain_out / "trackers").exists() and not (plain_out / "curves.png").exists()
    assert (out / "curves.png").exists() and (out / "eval.png").exists()


def hide_wandb():
    """forked.py's prepare hook: the wandb package looks uninstalled."""
    find_spec = importlib.util.find_spec
    importlib.util.find_spec = lambda name, *a: None if name == "wandb" else find_spec(name, *a)


def test_a_missing_tracker_package_is_one_line_before_the_run_folder(tiny_chat_dir, tmp_path):
    out = tmp_path / "out"
    code, err, _ = train(["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS, "--report-to", "tensorboard,wandb"],
                         tmp_path, prepare="test_trackers:hide_wandb")
    assert code == 1
    assert error_line(err) == ("error: --report-to wandb: the wandb package is not installed; "
                               "pip install -c constraints.txt wandb (see requirements-extra.txt)")
    assert not out.exists()


def test_a_damaged_trackers_record_is_one_line(tiny_chat_dir, tmp_path):
    """OUT/trackers/trackers.json edited by hand: refused in one line naming it, never guessed at."""
    out = tmp_path / "out"
    argv = ["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS, "--warm-epochs", "1", "--iterations", "0",
            "--report-to", "tensorboard"]
    code, err, _ = train(argv, tmp_path)
    assert code == 0, err
    record = out / "trackers" / "trackers.json"
    for damage in ("[1, 2]", '{"id": "x", "last": {"tensorboard": "3"}}', "\udc80"):
        record.write_text(damage, errors="surrogateescape")
        code, err, _ = train(argv + ["--resume", "--iterations", "1"], tmp_path, name="resumed")
        assert code == 1 and error_line(err).startswith(f"error: {record} is not the trackers' record"), err
