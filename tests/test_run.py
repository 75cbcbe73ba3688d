"""One --out, one run (drift/run.py): crash safety at every file-system operation of a save and of
a stage transition, the run record on rerun and --resume, the lock, the non-finite guard, and the
failures a user must see as one line.

The fault injection runs train.py's main() in processes forked from a preloaded server
(tests/forked.py: a fresh interpreter per kill would cost seconds each); the child SIGKILLs itself
before file-system operation n, as a power cut or an OOM killer would. Then --resume must end with
the uninterrupted run's weights bit for bit, every metric row exactly once, and it must have
resumed from the newest state that was complete when the kill came: a save whose order lets a
kill lose or corrupt a complete state fails here.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
import torch
from forked import error_line, start, train
from safetensors.torch import load_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
# warm start: 2 steps, iteration 1: 2-4 steps; a state save after every step
FLAGS = ["--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "16", "--lr", "1e-4",
         "--warmup-ratio", "0", "--warm-epochs", "1", "--iterations", "1", "--sample-batch-size", "8",
         "--save-every", "1", "--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl"),
         "--eval-data", str(SAMPLE / "test" / "dsat.jsonl")]
TIMING = {"tokens_per_s", "peak_mem_gb"}  # the only metric values that may differ between runs


def step_rows(out: Path) -> list[dict]:
    rows = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    return [{k: v for k, v in r.items() if k not in TIMING} for r in rows]


def final_weights(out: Path) -> dict[str, torch.Tensor]:
    return load_file(out / "iter1" / "model.safetensors")


@pytest.fixture(scope="module")
def baseline(tiny_chat_dir, tmp_path_factory):
    """The uninterrupted run, with the list of its file-system operations."""
    tmp = tmp_path_factory.mktemp("baseline")
    out = tmp / "out"
    argv = ["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS,
            "--eval-reward-model", "scorers:n_chars", "--judge-model", str(tiny_chat_dir)]  # evaluation scored too
    code, err, ops = train(argv, tmp, log=True)
    assert code == 0, err
    return {"argv": argv, "out": out, "ops": ops, "weights": final_weights(out), "rows": step_rows(out),
            "best": (out / "best.json").read_text()}


def test_a_finished_run_leaves_its_outputs_and_one_state(baseline):
    out = baseline["out"]
    assert sorted(p.name for p in out.iterdir()) == [".lock", "best.json", "eval", "iter1", "metrics.jsonl", "pairs", "run.json",
                                                     "state", "warm"]
    assert sorted(p.name for p in (out / "eval").iterdir()) == ["base.jsonl", "iter1.jsonl", "warm.jsonl"]
    assert [p.name for p in (out / "state").iterdir()] == ["002-0000000"]  # after 2 stages, nothing old left
    assert not list(out.rglob("*.tmp")) and not list(out.rglob("*.old"))
    rows = baseline["rows"]
    assert [r["stage"] for r in rows if r["type"] == "stage"] == ["warm", "iter1"]
    steps = [(r["stage_index"], r["stage_step"]) for r in rows if r["type"] == "step"]
    assert len(steps) == len(set(steps))
    mode = (out / "iter1" / "model.safetensors").stat().st_mode & 0o777
    assert mode == 0o666 & ~_umask(), oct(mode)  # the usual permissions, not mkstemp's 0600
    assert json.loads((out / "iter1" / "config.json").read_text()).get("use_cache") is True  # as the model had it


def _umask() -> int:
    u = os.umask(0)
    os.umask(u)
    return u


def _expected_resume(ops: list, kill_at: int) -> dict:
    """The newest state committed before operation `kill_at`: (stage index, step)."""
    committed = [path for n, what, path in ops if what == "commit state" and n < kill_at]
    if not committed:
        return {"stage_index": 0, "step": 0}
    stage, step = Path(committed[-1]).parent.name.split("-")
    return {"stage_index": int(stage), "step": int(step)}


@pytest.mark.slow
def test_a_kill_at_every_operation_of_a_save_and_a_stage_transition_resumes_to_the_same_run(baseline, tmp_path):
    """Every operation of the run: the run record, each metric row, two mid-stage saves (one
    with an older state to remove), both stage transitions (summary row, final state, Hugging Face
    folder), the pairs of iteration 1 and the three evaluations (base, warm, iter1)."""
    names = {n: what for n, what, _ in baseline["ops"]}
    assert {"write run record", "append step row", "append stage row", "make state folder", "write shards",
            "write extra", "commit state", "unpublish old state", "remove old state", "write stage folder",
            "publish stage folder", "write pair counts", "write pairs", "write eval replies",
            "append eval row", "write best stage"} == set(names.values())
    for kill_at in sorted(names):
        out = tmp_path / f"kill-{kill_at}"
        argv = [a if a != str(baseline["out"]) else str(out) for a in baseline["argv"]]
        code, err, _ = train(argv, tmp_path, kill_at=kill_at)
        assert code == -signal.SIGKILL, (kill_at, names[kill_at], err)
        code, err, _ = train(argv + ["--resume"], tmp_path)
        what = f"killed before op {kill_at} ({names[kill_at]})"
        assert code == 0, (what, err)
        record = json.loads((out / "run.json").read_text())
        resumed_from = record["starts"][-1].get("resumed_from") or {"stage_index": 0, "step": 0}  # no record: a start
        assert resumed_from == _expected_resume(baseline["ops"], kill_at), what
        weights = final_weights(out)
        assert all(torch.equal(weights[k], baseline["weights"][k]) for k in weights), what
        assert step_rows(out) == baseline["rows"], what  # each eval row once, with the same numbers
        assert (out / "best.json").read_text() == baseline["best"].replace(str(baseline["out"]), str(out)), what
        assert [p.name for p in (out / "state").iterdir()] == ["002-0000000"], what
        assert not list(out.rglob("*.tmp")), what


@pytest.mark.slow
def test_disk_full_during_a_save_keeps_what_was_saved_and_resumes(baseline, tmp_path):
    """ENOSPC while the shards or the stage folder are written: one line naming the problem, the
    previous state intact, and --resume (with space again) finishes the same run."""
    ops = baseline["ops"]
    for what in ("write shards", "write stage folder"):
        n = next(i for i, w, p in ops if w == what and "001-" not in p and i > 5)
        out = tmp_path / what.replace(" ", "-")
        argv = [a if a != str(baseline["out"]) else str(out) for a in baseline["argv"]]
        code, err, _ = train(argv, tmp_path, kill_at=n, fault="enospc")
        last = error_line(err)
        assert code == 1 and last.startswith("error: no space left") and last.endswith("--resume"), last
        code, err, _ = train(argv + ["--resume"], tmp_path)
        assert code == 0, err
        weights = final_weights(out)
        assert all(torch.equal(weights[k], baseline["weights"][k]) for k in weights)
        assert step_rows(out) == baseline["rows"]


# ----------------------------------------------------------------------------- the record on rerun and resume


def test_a_rerun_into_a_used_folder_is_refused_and_resume_compares_the_flags(baseline, tmp_path):
    """The README's way to run a baseline, into the same --out, must not train SPIN on DRIFT's
    pairs: without --resume it is refused (naming --resume and a fresh --out); with --resume a flag
    that changes what was computed is refused, naming it and both values; flags that only observe
    the run (logging, saving cadence, report size) are accepted, and more --iterations extend it."""
    out, argv = baseline["out"], baseline["argv"]
    before = (out / "metrics.jsonl").read_text(), (out / "run.json").read_text()
    spin = ["--method", "spin", "--sat-data", str(SAMPLE / "sat.jsonl")]
    code, err, _ = train(argv + spin, tmp_path)
    assert code == 1 and "holds another run" in error_line(err) and "--resume" in err and "fresh --out" in err
    code, err, _ = train(argv + spin + ["--lr", "2e-4", "--resume"], tmp_path)
    assert code == 1 and "--method: the run was started with 'drift', now 'spin'" in err
    assert "--lr: the run was started with 0.0001, now 0.0002" in err
    seed = tmp_path / "seed.jsonl"
    lines = (SAMPLE / "seed.jsonl").read_text().splitlines(keepends=True)
    seed.write_text("".join(lines[:-1]))  # the same file without its last pair
    code, err, _ = train(argv + ["--seed-data", str(seed), "--resume"], tmp_path)
    assert code == 1 and "--seed-data" in err and "is not the file the run read" in err
    assert ((out / "metrics.jsonl").read_text(), (out / "run.json").read_text()) == before  # nothing was touched
    code, err, _ = train(argv + ["--resume", "--log-every", "5", "--save-every", "7", "--report-examples", "0"], tmp_path)
    assert code == 0, err
    assert (out / "metrics.jsonl").read_text() == before[0]  # a finished run, resumed: nothing to redo


def test_more_iterations_extend_a_finished_run(baseline, tmp_path):
    """--resume with --iterations 2 on a finished 1-iteration run trains iteration 2 only, from the
    saved end of iteration 1, exactly as a 2-iteration run does."""
    out = tmp_path / "extended"
    argv = [a if a != str(baseline["out"]) else str(out) for a in baseline["argv"]]
    assert train(argv, tmp_path)[0] == 0
    code, err, _ = train([*argv, "--iterations", "2", "--resume"], tmp_path)
    assert code == 0, err
    straight = tmp_path / "straight"
    argv2 = [a if a != str(baseline["out"]) else str(straight) for a in baseline["argv"]] + ["--iterations", "2"]
    assert train(argv2, tmp_path)[0] == 0
    a, b = load_file(out / "iter2" / "model.safetensors"), load_file(straight / "iter2" / "model.safetensors")
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert step_rows(out) == step_rows(straight)
    assert json.loads((out / "run.json").read_text())["starts"][-1]["resumed_from"] == {"stage_index": 2, "step": 0}


def test_a_torn_last_metric_line_is_tolerated(baseline, tmp_path):
    out = tmp_path / "torn"
    argv = [a if a != str(baseline["out"]) else str(out) for a in baseline["argv"]]
    code, _, _ = train(argv, tmp_path, kill_at=21)  # mid iteration 1
    assert code == -signal.SIGKILL
    with open(out / "metrics.jsonl", "a") as f:
        f.write('{"type": "step", "stage": "iter1", "loss": 0.69')  # a kill in the middle of a write
    code, err, _ = train(argv + ["--resume"], tmp_path)
    assert code == 0, err
    assert step_rows(out) == baseline["rows"]


def test_a_second_job_into_the_same_folder_stops_at_once(baseline, tmp_path):
    out = tmp_path / "locked"
    argv = [a if a != str(baseline["out"]) else str(out) for a in baseline["argv"]]
    first, log_path, _ = start(argv, tmp_path, kill_at=3, fault="hold", log=True, name="first")
    try:
        import time

        while not Path(str(log_path) + ".holding").exists():
            assert first.is_alive(), "the first run ended before it held the folder"
            time.sleep(0.05)
        for extra in ([], ["--resume"]):
            code, err, _ = train(argv + extra, tmp_path)
            assert code == 1 and "is in use by pid" in error_line(err) and "another --out" in err, err
    finally:
        first.kill()
        first.join()


# ----------------------------------------------------------------------------- non-finite numbers


@pytest.mark.parametrize("fault, message", [("nan-grad", "non-finite gradient norm"), ("nan-weights", "are not finite")])
def test_non_finite_numbers_stop_the_run_before_anything_is_written(baseline, tmp_path, fault, message):
    """A NaN gradient with a finite loss on the last warm step stops that step before the
    optimizer takes it; a NaN weight is caught before any state or checkpoint holds it. Either
    way the warm start is not marked done, no folder or state with the bad step is written, and a
    clean --resume finishes the run as if nothing had happened."""
    out = tmp_path / fault
    argv = [a if a != str(baseline["out"]) else str(out) for a in baseline["argv"]]
    code, err, _ = train(argv, tmp_path, fault=fault)
    assert code == 1 and message in error_line(err), err
    assert not (out / "warm").exists()
    for folder in (out / "state").iterdir():  # only the state after the first (good) step
        assert folder.name == "000-0000001"
    code, err, _ = train(argv + ["--resume"], tmp_path)
    assert code == 0, err
    weights = final_weights(out)
    assert all(torch.equal(weights[k], baseline["weights"][k]) for k in weights)


def test_ctrl_c_says_how_to_resume(baseline, tmp_path):
    out = tmp_path / "interrupted"
    argv = [a if a != str(baseline["out"]) else str(out) for a in baseline["argv"]]
    code, err, _ = train(argv, tmp_path, kill_at=20, fault="interrupt")
    assert code == 130 and error_line(err) == "interrupted: continue with the same command plus --resume"
    code, err, _ = train(argv + ["--resume"], tmp_path)
    assert code == 0 and step_rows(out) == baseline["rows"]


def test_saves_come_every_n_steps_or_every_m_minutes_whichever_first(tiny_chat_dir, tmp_path):
    """--save-every-minutes beside --save-every: with a clock that is always due, a state after
    every step; with 0 (steps only) and --save-every 1000, states only at the stage boundaries."""
    counts = {}
    for minutes in ("0", "1e-9"):
        argv = ["--model", str(tiny_chat_dir), "--out", str(tmp_path / minutes), *FLAGS]
        argv[argv.index("--save-every") + 1] = "1000"
        (tmp_path / f"ops{minutes}").mkdir()
        code, err, ops = train(argv + ["--save-every-minutes", minutes], tmp_path / f"ops{minutes}", log=True)
        assert code == 0, err
        counts[minutes] = [path.split("/state/")[1].split("/")[0] for _, what, path in ops if what == "commit state"]
    assert all(c.endswith("-0000000") for c in counts["0"]) and len(counts["0"]) == 2  # after warm, after iter1
    mid = [c for c in counts["1e-9"] if not c.endswith("-0000000")]
    assert {c[:3] for c in mid} == {"000", "001"} and len(counts["1e-9"]) == len(mid) + 2, counts  # both stages


def test_a_state_file_is_hashed_as_it_is_written(tmp_path, monkeypatch):
    """save_tensors returns the file's size and sha256 without reading it back (a save of a 7B
    shard would otherwise read 7.6 GB again), and safetensors reads the file it wrote."""
    import hashlib

    import drift.shards as shards

    monkeypatch.setattr(shards, "file_digest", lambda *a: pytest.fail("the file was read back"))
    tensors = {"w": torch.randn(3, 5), "b16": torch.randn(4).to(torch.bfloat16), "step": torch.tensor(7.0),
               "ids": torch.arange(6)}
    digest = shards.save_tensors(tmp_path / "x.safetensors", tensors)
    data = (tmp_path / "x.safetensors").read_bytes()
    assert digest == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    back = load_file(tmp_path / "x.safetensors")
    assert all(torch.equal(back[k], v) and back[k].dtype == v.dtype for k, v in tensors.items())


def test_a_lock_held_by_a_process_still_exiting_is_waited_for(tmp_path):
    """A run killed a moment ago may still hold OUT/.lock while the kernel frees its memory (a
    --resume right after `kill -9` met it under torchrun): a holder of this machine that is a
    zombie or gone counts as exiting, a live one does not (refused at once), nor one elsewhere."""
    import socket
    import subprocess
    import sys
    import time

    from drift.run import _exiting

    host = socket.gethostname()
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    while Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
        time.sleep(0.05)  # exited, not yet reaped: a zombie
    assert _exiting(f"pid {child.pid} on {host} since now")
    child.wait()
    assert _exiting(f"pid {child.pid} on {host} since now")  # gone
    assert not _exiting(f"pid {os.getpid()} on {host} since now")
    assert not _exiting(f"pid {child.pid} on another-{host} since now") and not _exiting("another process")
