"""Everything a resume reads is recorded when it is written and checked when it is read
(drift/ledger.py): pairs and their counts from the moment they are published (before the stage's
first state), evaluation replies, the newest state's meta.json, the metrics rows a state covers;
every JSON field checked for type and shape. Each damage is one line naming the file, exit 1,
never a traceback, never a silent rebuild or a fresh start."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from forked import error_line, train

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
FLAGS = ["--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "12", "--lr", "1e-4", "--warmup-ratio", "0",
         "--warm-epochs", "1", "--iterations", "1", "--sample-batch-size", "8", "--save-every", "1",
         "--eval-data", str(SAMPLE / "dsat.jsonl"),
         "--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl")]


@pytest.fixture(scope="module")
def runs(tiny_chat_dir, tmp_path_factory):
    """A finished run, and the same run killed after iteration 1's pairs were published and
    recorded, before the stage's first state."""
    tmp = tmp_path_factory.mktemp("record")
    full = tmp / "full"
    argv = ["--model", str(tiny_chat_dir), *FLAGS]
    code, err, ops = train(argv + ["--out", str(full)], tmp, log=True, name="full")
    assert code == 0, err
    pairs_written = next(n for n, what, _ in ops if what == "write pairs")
    killed = tmp / "killed"
    code, _, _ = train(argv + ["--out", str(killed)], tmp, kill_at=pairs_written + 2, name="killed")
    assert code == -9
    assert (killed / "pairs" / "iter1.jsonl").exists() and not (killed / "state" / "001-0000001").exists()
    assert "pairs/iter1.jsonl" in json.loads((killed / "run.json").read_text())["written"]
    return {"full": full, "killed": killed, "argv": argv}


def damaged(runs, which: str, tmp_path: Path, damage) -> tuple[int, str, Path]:
    """A copy of the run, damaged, resumed: (exit code, the last stderr line, the copy)."""
    out = tmp_path / which
    shutil.copytree(runs[which], out)
    damage(out)
    code, err, _ = train(runs["argv"] + ["--out", str(out), "--resume"], tmp_path, name="resumed")
    return code, error_line(err), out


def edit_jsonl(path: Path, change) -> None:
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    path.write_text("".join(json.dumps(r) + "\n" for r in change(rows)))


def edit_json(path: Path, change) -> None:
    value = json.loads(path.read_text())
    path.write_text(json.dumps(change(value)))


def state_meta(out: Path) -> Path:
    return sorted((out / "state").glob("*/meta.json"))[-1]


def test_the_killed_run_resumes_to_the_finished_one(runs, tmp_path):
    code, line, out = damaged(runs, "killed", tmp_path, lambda out: None)
    assert code == 0, line
    assert (out / "pairs" / "iter1.jsonl").read_bytes() == (runs["full"] / "pairs" / "iter1.jsonl").read_bytes()


def _reply(rows):
    rows[0]["chosen"][0]["content"] = "an edited reply"
    return rows


@pytest.mark.parametrize("name, damage, file", [
    ("edited reply", lambda out: edit_jsonl(out / "pairs" / "iter1.jsonl", _reply), "pairs/iter1.jsonl"),
    ("dropped row", lambda out: edit_jsonl(out / "pairs" / "iter1.jsonl", lambda rows: rows[1:]), "pairs/iter1.jsonl"),
    ("counts garbage", lambda out: (out / "pairs" / "iter1.counts.json").write_text("garbage"),
     "pairs/iter1.counts.json"),
    ("counts a list", lambda out: (out / "pairs" / "iter1.counts.json").write_text("[1, 2]"),
     "pairs/iter1.counts.json"),
    ("counts binary", lambda out: (out / "pairs" / "iter1.counts.json").write_bytes(b"\xff\x00\x80"),
     "pairs/iter1.counts.json"),
    ("eval edited", lambda out: edit_jsonl(out / "eval" / "warm.jsonl", lambda rows: rows[:-1]), "eval/warm.jsonl"),
])
def test_the_window_between_the_pairs_and_the_first_state(runs, tmp_path, name, damage, file):
    code, line, out = damaged(runs, "killed", tmp_path, damage)
    assert code == 1 and line.startswith(f"error: --resume refused: {out / file} is not the file"), line


@pytest.mark.parametrize("name, damage, says", [
    ("eval deleted", lambda out: (out / "eval" / "iter1.jsonl").unlink(), "eval/iter1.jsonl is missing"),
    ("state deleted", lambda out: shutil.rmtree(out / "state"), "is gone, and run.json records it"),
    ("meta.json deleted", lambda out: state_meta(out).unlink(), "is gone, and run.json records it"),
    ("sums edited", lambda out: edit_json(state_meta(out), lambda m: m | {"global_step": m["global_step"] + 1}),
     "meta.json is not the file"),
    ("index reshaped", lambda out: edit_json(state_meta(out), lambda m: m | {"index": [1, 2]}), "field 'index'"),
    ("index missing", lambda out: edit_json(state_meta(out), lambda m: {k: v for k, v in m.items() if k != "index"}),
     "field 'index' is missing"),
    ("stage_index a string", lambda out: edit_json(state_meta(out), lambda m: m | {"stage_index": "2"}),
     "field 'stage_index'"),
    ("config a list", lambda out: edit_json(out / "run.json", lambda r: r | {"config": [1]}), "field 'config'"),
    ("starts a number", lambda out: edit_json(out / "run.json", lambda r: r | {"starts": 3}), "field 'starts'"),
    ("step row deleted", lambda out: edit_jsonl(out / "metrics.jsonl", lambda rows: rows[:1] + rows[2:]), "rows the state recorded"),
    ("step row repeated", lambda out: edit_jsonl(out / "metrics.jsonl", lambda rows: rows[:2] + rows[1:]), "rows the state recorded"),
    ("step row edited", lambda out: edit_jsonl(out / "metrics.jsonl",
                                               lambda rows: rows[:1] + [rows[1] | {"loss": 9.0}] + rows[2:]),
     "rows the state recorded"),
    ("no stage_step", lambda out: edit_jsonl(out / "metrics.jsonl",
                                             lambda rows: rows[:1] + [{k: v for k, v in rows[1].items()
                                                                       if k != "stage_step"}] + rows[2:]),
     "field 'stage_step' is missing"),
])
def test_a_finished_runs_record_is_checked(runs, tmp_path, name, damage, says):
    code, line, out = damaged(runs, "full", tmp_path, damage)
    assert code == 1 and line.startswith("error: ") and says in line, line
