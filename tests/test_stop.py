"""Stops that lose nothing (drift/stop.py): a SIGTERM or SIGINT in the middle of a DPO stage or of
sampling finishes the step or the batch, saves, says where it stopped and how to go on, and exits
143 or 130; --resume says where it continues and ends with the weights of an uninterrupted run,
bit for bit; a finished run's --resume has nothing to do. On 1 rank and on 2 (the signal sent to
one rank only)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from forked import train
from safetensors.torch import load_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
FLAGS = ["--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "16", "--lr", "1e-4",
         "--warmup-ratio", "0", "--warm-epochs", "2", "--iterations", "1", "--sample-batch-size", "4",
         "--save-every", "1000", "--save-every-minutes", "0",
         "--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl")]


def weights(out: Path) -> dict[str, torch.Tensor]:
    return load_file(out / "iter1" / "model.safetensors")


def same(a: dict, b: dict) -> bool:
    return set(a) == set(b) and all(torch.equal(a[k], b[k]) for k in a)


def rows(out: Path) -> list[dict]:
    lines = (out / "metrics.jsonl").read_text().splitlines()
    return [{k: v for k, v in json.loads(line).items() if k not in ("tokens_per_s", "peak_mem_gb")} for line in lines]


@pytest.fixture(scope="module")
def uninterrupted(tiny_chat_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stop-baseline")
    out = tmp / "out"
    argv = ["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS]
    code, err, ops = train(argv, tmp, log=True)
    assert code == 0, err
    last = (tmp / "child.stdout").read_text().strip().splitlines()[-1]  # the run's end says what it keeps
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert last.startswith(f"{out}: {size / 1e9:.2f} GB on disk"), last
    return {"argv": argv, "out": out, "ops": ops, "weights": weights(out), "rows": rows(out)}


def _argv(base: dict, out: Path) -> list[str]:
    return [a if a != str(base["out"]) else str(out) for a in base["argv"]]


@pytest.mark.parametrize("fault, code", [("sigterm", 143), ("sigint", 130)])
def test_a_signal_mid_stage_saves_the_step_and_resumes_to_the_same_weights(uninterrupted, tmp_path, fault, code):
    """The signal arrives while the warm start's second step row is written: the step is finished,
    a state saved (with --save-every 1000: the stop's own), one line says where and how to go on;
    --resume says where it continues and ends where the uninterrupted run ends."""
    second_row = [n for n, what, _ in uninterrupted["ops"] if what == "append step row"][1]
    out = tmp_path / "out"
    argv = _argv(uninterrupted, out)
    got, err, _ = train(argv, tmp_path, kill_at=second_row, fault=fault)
    assert got == code, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("stopped at warm step 2 of ") and "(saved); continue with: python train.py" in last, last
    assert last.endswith(" --resume") and "Traceback" not in err
    assert [p.name for p in (out / "state").iterdir()] == ["000-0000002"]
    got, err, _ = train(argv + ["--resume"], tmp_path, name="resumed")
    assert got == 0, err
    said = (tmp_path / "resumed.stdout").read_text()
    assert "resuming warm at step 2 of " in said and "state/000-0000002" in said, said
    assert same(weights(out), uninterrupted["weights"]) and rows(out) == uninterrupted["rows"]


def signal_while_sampling():
    """(prepare hook) SIGTERM right after the first batch that iteration 1's sampling generates."""
    import train as train_module

    import drift.sampler as sampler

    real_sample_pairs, real_generate = train_module.sample_pairs, sampler.generate_batch
    state = {"sampling": False, "sent": False}

    def sample_pairs(*a, **k):
        state["sampling"] = True
        return real_sample_pairs(*a, **k)

    def generate_batch(*a, **k):
        out = real_generate(*a, **k)
        if state["sampling"] and not state["sent"]:
            state["sent"] = True
            os.kill(os.getpid(), signal.SIGTERM)
        return out

    train_module.sample_pairs, sampler.generate_batch = sample_pairs, generate_batch


def test_a_signal_while_sampling_keeps_nothing_of_it_and_resumes_to_the_same_pairs(uninterrupted, tmp_path):
    out = tmp_path / "out"
    argv = _argv(uninterrupted, out)
    got, err, _ = train(argv, tmp_path, prepare="test_stop:signal_while_sampling")
    assert got == 143, err
    assert err.strip().splitlines()[-1].startswith("stopped while sampling iter1 (nothing of it kept"), err
    assert not (out / "pairs" / "iter1.jsonl").exists()
    got, err, _ = train(argv + ["--resume"], tmp_path, name="resumed")
    assert got == 0, err
    assert "resuming at the start of iter1 (warm done)" in (tmp_path / "resumed.stdout").read_text()
    assert (out / "pairs" / "iter1.jsonl").read_text() == (uninterrupted["out"] / "pairs" / "iter1.jsonl").read_text()
    assert same(weights(out), uninterrupted["weights"])


def test_a_second_signal_stops_at_once(uninterrupted, tmp_path):
    """A second SIGINT (REPEAT seconds or more after the first: here REPEAT is 0) as the stop's
    save begins ends the run there (130, 'interrupted')."""
    first_row = [n for n, what, _ in uninterrupted["ops"] if what == "append step row"][0]
    got, err, _ = train(_argv(uninterrupted, tmp_path / "out"), tmp_path, kill_at=first_row, fault="sigint",
                        prepare="test_stop:second_sigint_at_the_next_save")
    assert got == 130 and err.strip().splitlines()[-1] == "interrupted: continue with the same command plus --resume", err


def test_the_same_signal_twice_at_once_is_one_request(uninterrupted, tmp_path):
    """Under torchrun a worker gets a scheduler's SIGTERM and torchrun's forwarded copy a moment
    later: two signals within REPEAT seconds stop the run as one does (143, saved)."""
    first_row = [n for n, what, _ in uninterrupted["ops"] if what == "append step row"][0]
    got, err, _ = train(_argv(uninterrupted, tmp_path / "out"), tmp_path, kill_at=first_row, fault="sigterm",
                        prepare="test_stop:another_sigterm_at_once")
    assert got == 143 and err.strip().splitlines()[-1].startswith("stopped at warm step 1 of "), err
    assert [p.name for p in (tmp_path / "out" / "state").iterdir()] == ["000-0000001"]


def second_sigint_at_the_next_save():
    """(prepare hook) Another SIGINT as the stop's save begins, counted as a second request."""
    import drift.run as run_module
    import drift.stop as stop

    stop.REPEAT = 0.0
    real = run_module.Run.save

    def save(self, *a, **k):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.1)  # the handler runs here
        return real(self, *a, **k)

    run_module.Run.save = save


def another_sigterm_at_once():
    """(prepare hook) A second SIGTERM right after the first (as torchrun forwards it)."""
    import drift.stop as stop

    real = stop.Stopper._handle

    def handle(self, signum, frame):
        first = self._first is None
        real(self, signum, frame)
        if first:
            os.kill(os.getpid(), signal.SIGTERM)

    stop.Stopper._handle = handle


def test_the_resume_of_a_finished_run_has_nothing_to_do(uninterrupted, tmp_path):
    got, err, _ = train(uninterrupted["argv"] + ["--resume"], tmp_path, name="again")
    assert got == 0, err
    said = (tmp_path / "again.stdout").read_text().strip().splitlines()
    assert said == ["nothing to do: the run finished iter1; add --iterations to continue"], said
    assert rows(uninterrupted["out"]) == uninterrupted["rows"]


def test_a_run_recorded_before_a_field_existed_resumes_with_its_default(uninterrupted, tmp_path):
    """A run.json written before the LoRA fields existed (no lora_* keys): the run ran with their
    defaults, so --resume accepts today's defaults (here: a finished run, nothing to do)."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(uninterrupted["out"], out)
    record = json.loads((out / "run.json").read_text())
    record["config"] = {k: v for k, v in record["config"].items() if not k.startswith("lora_")}
    (out / "run.json").write_text(json.dumps(record))
    got, err, _ = train(_argv(uninterrupted, out) + ["--resume"], tmp_path, name="old")
    assert got == 0, err
    assert "nothing to do" in (tmp_path / "old.stdout").read_text()


def _worker_pids(out: Path) -> dict[int, int]:
    """{rank: pid} of the torchrun workers writing `out`."""
    pids = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().split(b"\0")
            env = dict(kv.split(b"=", 1) for kv in (entry / "environ").read_bytes().split(b"\0") if b"=" in kv)
        except OSError:
            continue
        if str(out).encode() in cmd and b"RANK" in env and b"LOCAL_RANK" in env:
            pids[int(env[b"RANK"])] = int(entry.name)
    return pids


def test_on_two_ranks_a_signal_to_one_rank_stops_both_at_the_same_step(tiny_chat_dir, tmp_path):
    """torchrun, 2 ranks: SIGTERM to rank 1 only, in the middle of a long warm start. Both ranks
    stop at the same step (one state, complete), and --resume ends with the uninterrupted 2-rank
    run's weights, bit for bit."""
    flags = [a if a != "2" or i == 0 or FLAGS[i - 1] != "--warm-epochs" else "40" for i, a in enumerate(FLAGS)]
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_PORT")}
    env |= {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}

    def torchrun(out: Path, *extra: str):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        return subprocess.Popen([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2",
                                 "--master_port", str(port), "train.py", "--model", str(tiny_chat_dir), "--out",
                                 str(out), *flags, *extra], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    whole = torchrun(tmp_path / "whole")
    _, err = whole.communicate()
    assert whole.returncode == 0, err[-3000:]
    out = tmp_path / "out"
    run = torchrun(out)
    deadline = time.monotonic() + 90 * 60  # CI's own limit: never tighter
    while not any(r.get("stage") == "warm" and r.get("stage_step", 0) >= 3 for r in _rows_so_far(out)):
        assert run.poll() is None and time.monotonic() < deadline, run.communicate()[1][-3000:]
        time.sleep(0.2)
    pids = _worker_pids(out)
    assert set(pids) == {0, 1}, pids
    os.kill(pids[1], signal.SIGTERM)
    _, err = run.communicate()
    assert run.returncode != 0 and "stopped at warm step" in err, err[-3000:]
    states = [p.name for p in (out / "state").iterdir()]
    assert len(states) == 1 and states[0].startswith("000-") and (out / "state" / states[0] / "meta.json").exists()
    resumed = torchrun(out, "--resume")
    _, err = resumed.communicate()
    assert resumed.returncode == 0, err[-3000:]
    assert same(weights(out), weights(tmp_path / "whole"))


def _rows_so_far(out: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines() if line.endswith("}")]
    except (OSError, json.JSONDecodeError):
        return []
