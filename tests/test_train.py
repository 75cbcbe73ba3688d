"""train.py end to end, on CPU with a tiny model: the paper's loop, FSDP2 on 1 and 2 ranks,
kill-and-resume, and the failures a user must be told about clearly.

Each test runs the real command in a subprocess (`python train.py` or `torchrun`), as a user would.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from forked import run_train
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM, AutoTokenizer


ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
# small but complete: micro-batches of 2 with accumulation, sampling, two iterations
FLAGS = [
    "--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "24", "--lr", "1e-4",
    "--warm-epochs", "2", "--iterations", "2", "--sample-batch-size", "4",
    "--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl"),
]


def run(args: list[str], nproc: int = 1, check: bool = True, tmp: Path | None = None):
    """train.py with these flags: one process in a child forked from a preloaded server (when a
    tmp folder for its output is given: tests/forked.py, a second instead of ten), else the real
    command, under torchrun for nproc > 1."""
    if nproc == 1 and tmp is not None:
        tmp.mkdir(parents=True, exist_ok=True)
        proc = run_train(args, tmp, name=f"run{len(list(tmp.glob('run*.stderr')))}")
        if check and proc.returncode != 0:
            raise AssertionError(f"train.py {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
        return proc
    env = os.environ | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    if nproc == 1:
        cmd = [sys.executable, "train.py", *args]
    else:
        cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", str(nproc),
               "--master_port", str(_free_port()), "train.py", *args]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    return proc


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def metrics(out: Path, kind: str = "step") -> list[dict]:
    rows = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    return [r for r in rows if r["type"] == kind]


def weights(folder: Path) -> dict[str, torch.Tensor]:
    return load_file(folder / "model.safetensors")


@pytest.fixture(scope="module")
def full_run(tiny_chat_dir, tmp_path_factory) -> Path:
    """Warm start + 2 iterations, one process, uninterrupted: the baseline other tests compare to."""
    out = tmp_path_factory.mktemp("full") / "out"
    proc = run(["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS], tmp=out.parent)
    assert "deprecat" not in proc.stderr.lower() and "FutureWarning" not in proc.stderr, proc.stderr
    return out


def test_step0_loss_is_ln2_with_previous_reference(full_run):
    """At the first step of every stage the policy IS the reference: s = 0, so the DPO loss is
    -log sigmoid(0) = ln 2 and both implicit rewards are 0, exactly."""
    steps = metrics(full_run)
    for stage in ("warm", "iter1", "iter2"):
        first = next(r for r in steps if r["stage"] == stage)
        assert first["stage_step"] == 1
        assert abs(first["loss/dpo"] - math.log(2)) < 1e-6
        assert first["rewards/chosen"] == 0.0 and first["rewards/rejected"] == 0.0
        assert first["signal/mean_sigmoid_neg_s"] == 0.5


def test_loop_runs_end_to_end_and_checkpoints_reload(full_run):
    """Every stage writes a HF folder that from_pretrained loads and that generates; the metric
    lines carry what a user reads, and each iteration's pairs were sampled and recorded."""
    for stage in ("warm", "iter1", "iter2"):
        folder = full_run / stage
        model = AutoModelForCausalLM.from_pretrained(folder)
        tok = AutoTokenizer.from_pretrained(folder)
        ids = tok.apply_chat_template([{"role": "user", "content": "hi"}], add_generation_prompt=True, return_tensors="pt", return_dict=True)
        out = model.generate(**ids, max_new_tokens=4, do_sample=False)
        assert out.shape[1] > ids["input_ids"].shape[1]
    step_keys = {
        "loss", "rewards/chosen", "rewards/rejected", "rewards/margins", "rewards/accuracies", "logps/chosen",
        "logps/rejected", "loss/nll", "grad_norm", "lr", "tokens_per_s", "peak_mem_gb",
        "signal/mean_sigmoid_neg_s", "signal/frac_above_tau",
    }
    for row in metrics(full_run):
        assert step_keys <= row.keys()
    stages = metrics(full_run, "stage")
    assert [s["stage"] for s in stages] == ["warm", "iter1", "iter2"]
    n_rows = len((SAMPLE / "dsat.jsonl").read_text().splitlines())
    for s in stages[1:]:
        # one outcome per DSAT row: kept, or dropped by the gate for a reason, or a prompt too long
        outcomes = s["sampler/kept"] + s["sampler/prompt_too_long"] + sum(
            s[f"sampler/{r}"] for r in ("no_eos", "empty", "same_as_rejected", "role_marker"))
        assert outcomes == n_rows and "len/chosen" in s and "len/rejected" in s
        pairs = [json.loads(line) for line in (full_run / "pairs" / f"{s['stage']}.jsonl").read_text().splitlines()]
        assert len(pairs) == s["sampler/pairs"] == s["sampler/kept"]  # DRIFT: a pair per kept sample
        assert s["pairs"] + sum(v for k, v in s.items() if k.startswith("encode/skipped/")) == len(pairs)
        assert {"prompt", "chosen", "rejected", "seed", "iteration"} <= pairs[0].keys()
    record = json.loads((full_run / "run.json").read_text())
    assert record["config"]["beta"] == 0.1 and record["config"]["iterations"] == 2
    assert set(record["inputs"]) == {"seed_data", "dsat_data"} and record["model"]["fingerprint"]


def test_two_ranks_match_one_rank(full_run, tiny_chat_dir, tmp_path):
    """Global batch 4 = 1 rank x 2 micro-batches x 2 accumulation steps = 2 ranks x 2 x 1: the
    same micro-batches, so the same losses and final weights (float rounding aside)."""
    out = tmp_path / "out"
    run(["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS], nproc=2)
    one, two = metrics(full_run), metrics(out)
    assert len(one) == len(two)
    for a, b in zip(one, two):
        assert abs(a["loss"] - b["loss"]) < 1e-5, (a, b)
    assert (full_run / "pairs" / "iter1.jsonl").read_text() == (out / "pairs" / "iter1.jsonl").read_text()
    w1, w2 = weights(full_run / "iter2"), weights(out / "iter2")
    assert max((w1[k] - w2[k]).abs().max().item() for k in w1) < 1e-5


def test_killed_run_resumes_to_the_same_weights(full_run, tiny_chat_dir, tmp_path):
    """SIGKILL mid-run (training state saved every step), then --resume: the final weights equal
    the uninterrupted run's exactly (CPU, fp32)."""
    out = tmp_path / "out"
    args = ["--model", str(tiny_chat_dir), "--out", str(out), "--save-every", "1", *FLAGS]
    env = os.environ | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, "train.py", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        path = out / "metrics.jsonl"
        # kill in iteration 1, after a few of its steps: mid-stage, past a sampling pass
        if path.exists() and sum('"stage": "iter1"' in line and '"step"' in line for line in path.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (out / "iter2").exists()
    run(args + ["--resume"])
    w_full, w_resumed = weights(full_run / "iter2"), weights(out / "iter2")
    for k in w_full:
        assert torch.equal(w_full[k], w_resumed[k]), k
    losses = [(r["stage"], r["stage_step"], r["loss"]) for r in metrics(out)]
    assert losses == [(r["stage"], r["stage_step"], r["loss"]) for r in metrics(full_run)]


GUARD = """
import builtins, io, os
_open = builtins.open
OUT = os.environ["DRIFT_GUARD_OUT"]

def guarded(file, mode="r", *args, **kwargs):
    path = os.fspath(file) if isinstance(file, (str, bytes, os.PathLike)) else ""
    shared = isinstance(path, str) and path.startswith(OUT) and ("/pairs/" in path or path.endswith("metrics.jsonl"))
    if shared and "r" in mode and "+" not in mode and os.environ.get("RANK", "0") != "0":
        raise PermissionError(13, "rank " + os.environ["RANK"] + " may not read what rank 0 can send", path)
    return _open(file, mode, *args, **kwargs)

builtins.open = io.open = guarded
"""


@pytest.mark.slow
def test_two_ranks_killed_mid_stage_resume_with_another_micro_batch_reading_nothing_shared(full_run, tiny_chat_dir,
                                                                                           tmp_path):
    """2 ranks at micro-batch 2, SIGKILLed mid-iteration (a state saved every step), resumed on 2
    ranks at micro-batch 1: the micro-batch only changes how a global batch is split (the NLL term
    is a token mean over the whole batch), so the run ends within rounding of the uninterrupted one
    (bit for bit on CPU is for an unchanged micro-batch: test_killed_run_resumes_to_the_same_weights).
    Ranks other than 0 never read the pairs or metrics.jsonl (a guard makes that an error): rank 0
    reads them and sends them, as on a cluster filesystem where another node could see them stale."""
    out = tmp_path / "out"
    args = ["--model", str(tiny_chat_dir), "--out", str(out), "--save-every", "1", *FLAGS,
            "--eval-data", str(SAMPLE / "test" / "dsat.jsonl")]
    (tmp_path / "guard").mkdir()
    (tmp_path / "guard" / "sitecustomize.py").write_text(GUARD)
    env = os.environ | {"PYTHONPATH": f"{tmp_path / 'guard'}:{ROOT}", "OMP_NUM_THREADS": "1",
                        "DRIFT_GUARD_OUT": str(out)}
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", str(_free_port()),
           "train.py"]
    proc = subprocess.Popen([*cmd, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    while proc.poll() is None:
        path = out / "metrics.jsonl"
        if path.exists() and sum('"stage": "iter1"' in line and '"step"' in line for line in path.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed:\n" + proc.stderr.read()[-3000:]
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / "iter2").exists()
    # torchrun's workers are told of its death by SIGTERM (their parent-death signal), and stop at the
    # end of their step (drift/stop.py): the resume starts once they have let go of the run folder
    _wait_for_the_lock(out / ".lock")
    args[args.index("--micro-batch-size") + 1] = "1"
    resumed = subprocess.run([*cmd, *args, "--resume"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr[-4000:]
    w_full, w_resumed = weights(full_run / "iter2"), weights(out / "iter2")
    assert max((w_full[k] - w_resumed[k]).abs().max().item() for k in w_full) < 1e-5
    one, two = metrics(full_run), metrics(out)
    assert [(r["stage"], r["stage_step"]) for r in one] == [(r["stage"], r["stage_step"]) for r in two]
    assert all(abs(a["loss"] - b["loss"]) < 1e-5 for a, b in zip(one, two))
    assert len(metrics(out, "eval")) == 4  # base, warm, iter1, iter2: each once


def _wait_for_the_lock(path: Path) -> None:
    import fcntl

    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)  # blocks while a worker still holds it
        fcntl.flock(f, fcntl.LOCK_UN)


def test_missing_and_malformed_data_files_are_named(tiny_chat_dir, tmp_path):
    missing = tmp_path / "nope.jsonl"
    dsat = ["--dsat-data", str(SAMPLE / "dsat.jsonl")]
    proc = run(["--model", str(tiny_chat_dir), "--out", str(tmp_path / "o1"), *dsat, "--seed-data", str(missing)], check=False,
               tmp=tmp_path)
    assert proc.returncode != 0 and f"{missing}" in proc.stderr and "file not found" in proc.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"prompt": [{"role": "user", "content": "hi"}], "chosen": "a", "rejected": "b"}\n{"prompt": 3}\n')
    proc = run(["--model", str(tiny_chat_dir), "--out", str(tmp_path / "o2"), *dsat, "--seed-data", str(bad)], check=False, tmp=tmp_path)
    assert proc.returncode != 0 and f"{bad}, line 2" in proc.stderr


@pytest.mark.parametrize("flag, value, message", [
    ("--beta", "nan", "--beta nan: must be in (0, 1000.0]"),
    ("--lr", "1e6", "--lr 1000000.0: must be in (0, 1]"),
    ("--ref", "bogus", "argument --ref: invalid choice: 'bogus'"),
    ("--prompt-style", "bogus", "argument --prompt-style: invalid choice: 'bogus'"),
    ("--dtype", "fp16", "argument --dtype: invalid choice: 'fp16'"),
    ("--loss-type", "hinge", "argument --loss-type: invalid choice: 'hinge'"),
    ("--cut-samples", "drop", "argument --cut-samples: invalid choice: 'drop'"),
])
def test_bad_flags_are_refused_before_anything_is_read(tmp_path, flag, value, message, capsys):
    """The parser checks choices and ranges first: the model and the data named here do not
    exist, and the flag is what the user is told about; nothing is created."""
    from drift.config import parse_config
    from drift.io import UsageError

    out = tmp_path / "out"
    with pytest.raises(UsageError) as e:
        parse_config(["--model", str(tmp_path / "no-model"), "--seed-data", str(tmp_path / "no.jsonl"),
                      "--dsat-data", str(tmp_path / "no.jsonl"), "--out", str(out), flag, value])
    assert message in str(e.value)
    with pytest.raises(UsageError, match="nothing to train"):
        parse_config(["--warm-epochs", "0", "--iterations", "0", "--out", str(out)])
    assert not out.exists()


def test_train_py_help_prints_every_flag():
    """The first command a newcomer types: --help lists every flag with its default, and exits 0."""
    proc = run(["--help"])
    assert "--packing" in proc.stdout and "--attn-implementation" in proc.stdout and "Traceback" not in proc.stderr


def test_bad_inputs_are_one_line_naming_the_file_before_the_model_loads(tiny_chat_dir, tmp_path):
    """Each bad input is one line that names the file (and the line where there is one), is said
    before any model loads or any output is written."""
    latin1 = tmp_path / "latin1.jsonl"
    good = '{"prompt": [{"role": "user", "content": "hi"}], "chosen": "a", "rejected": "b"}\n'
    latin1.write_bytes(good.encode() * 2 + '{"prompt": [{"role": "user", "content": "caf\xe9"}], "chosen": "a", '
                       '"rejected": "b"}\n'.encode("latin-1"))
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    unusable = tmp_path / "unusable.jsonl"
    unusable.write_text('{"prompt": [{"role": "user", "content": "hi"}], "chosen": "same", "rejected": "same"}\n')
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + good.encode() + good.replace('"b"', '"c"').encode())
    out = tmp_path / "out"
    cases = [
        (["--seed-data", str(latin1)], f"{latin1}, line 3: not UTF-8 text (byte 0xe9 at column 45)"),
        (["--seed-data", str(tmp_path)], f"{tmp_path}: is a directory, not a file"),
        (["--seed-data", str(empty)], f"{empty}: no pairs in the file"),
        (["--seed-data", str(unusable)], f"{unusable}: none of its 1 pairs is usable (skipped: {{'identical_responses': 1}})"),
        (["--model", str(tmp_path / "no-model")], f"no such folder: {tmp_path / 'no-model'}"),
        (["--out", str(latin1 / "sub")], f"cannot use --out {latin1 / 'sub'}"),
    ]
    for flags, message in cases:
        proc = run(["--model", str(tiny_chat_dir), "--out", str(out), "--iterations", "0",
                    "--seed-data", str(SAMPLE / "seed.jsonl"), *flags], check=False, tmp=tmp_path / "logs")
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 1 and lines[-1].startswith("error: ") and message in lines[-1], (flags, proc.stderr)
        assert "Traceback" not in proc.stderr and "Loading weights" not in proc.stderr, proc.stderr
        assert not out.exists() or not any(out.iterdir()), flags
    # a byte-order mark at the start of a JSONL file is read as it is in a JSON file
    proc = run(["--model", str(tiny_chat_dir), "--out", str(out), "--iterations", "0", "--seed-data", str(bom),
                "--warm-epochs", "1", "--batch-size", "2", "--micro-batch-size", "2"], check=False, tmp=tmp_path / "logs")
    assert proc.returncode == 0, proc.stderr


def test_margins_rise_on_a_separable_set(tiny_chat_dir, tmp_path):
    """Chosen always "yes ...", rejected always "no ...": a few DPO steps must push the chosen
    reward above the rejected one (rewards/margins grows, accuracy reaches 1)."""
    rows = [
        {"prompt": [{"role": "user", "content": f"question {i}"}], "chosen": f"yes, answer {i}", "rejected": f"no. wrong {i}"}
        for i in range(8)
    ]
    seed = tmp_path / "seed.jsonl"
    seed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    run(["--model", str(tiny_chat_dir), "--out", str(out), "--seed-data", str(seed), "--iterations", "0",
         "--warm-epochs", "4", "--batch-size", "4", "--micro-batch-size", "4", "--lr", "3e-4", "--warmup-ratio", "0"],
        tmp=tmp_path)
    margins = [r["rewards/margins"] for r in metrics(out)]
    assert margins[0] == 0.0 and margins[-1] > 0.5 and margins[-1] > max(margins[:3])
    assert metrics(out)[-1]["rewards/accuracies"] == 1.0


def test_activation_checkpointing_recomputes_each_layer_and_changes_no_number(tiny_chat_dir, monkeypatch):
    """--activation-checkpointing: each decoder layer's body runs twice per step (forward, then
    again in backward), and the loss and every gradient are exactly what they are without it."""
    from drift import dist as D
    from drift.logprobs import sequence_logps
    from drift.model import load_model

    env = dict(os.environ)  # setup() writes RANK, MASTER_PORT, ...: later subprocesses must not inherit them
    dist = D.setup()
    try:
        ids = torch.randint(3, 500, (2, 12), generator=torch.Generator().manual_seed(0))  # (B, T)
        mask, response = torch.ones_like(ids), torch.zeros_like(ids)
        response[:, 6:] = 1
        results = {}
        for flag in ("--no-activation-checkpointing", "--activation-checkpointing"):
            model = load_model(str(tiny_chat_dir), dist, torch.float32, activation_checkpointing=flag == "--activation-checkpointing")
            model.train()
            # count MLP bodies run (module hooks do not fire again in a recompute, so patch forward)
            calls, mlp_type = [], type(D.decoder_layers(model)[0].mlp)
            monkeypatch.setattr(mlp_type, "forward", _counting(mlp_type.forward, calls))
            logps = sequence_logps(model, ids, mask, response).logps
            logps.sum().backward()
            grads = [p.grad.full_tensor().clone() for p in model.parameters()]
            results[flag] = (len(calls), logps.detach(), grads)
            monkeypatch.undo()
        (n_plain, logps_plain, g_plain), (n_ac, logps_ac, g_ac) = results.values()
        n_layers = len(D.decoder_layers(model))
        assert (n_plain, n_ac) == (n_layers, 2 * n_layers)
        assert torch.equal(logps_plain, logps_ac)
        assert all(torch.equal(a, b) for a, b in zip(g_plain, g_ac))
    finally:
        D.teardown()
        os.environ.clear()
        os.environ.update(env)


def _counting(forward, calls: list):
    def wrapped(self, *args, **kwargs):
        calls.append(1)
        return forward(self, *args, **kwargs)

    return wrapped


def test_a_dying_rank_takes_the_job_down_and_resume_picks_up(full_run, tiny_chat_dir, tmp_path):
    """SIGKILL one of two torchrun workers mid-run: the launcher stops the other one (no hang on
    a collective) and exits with an error; --resume on ONE rank (the state's two shard files read
    back by a rank that needs rows of both) then finishes with the weights of the uninterrupted
    run (1 rank vs 2 ranks: float rounding)."""
    import psutil

    out = tmp_path / "out"
    args = ["--model", str(tiny_chat_dir), "--out", str(out), "--save-every", "1", *FLAGS]
    env = os.environ | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    launcher = subprocess.Popen(
        [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", str(_free_port()),
         "train.py", *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    while launcher.poll() is None:
        path = out / "metrics.jsonl"
        if path.exists() and sum('"type": "step"' in line for line in path.read_text().splitlines()) >= 3:
            break
        time.sleep(0.05)
    workers = [p for p in psutil.Process(launcher.pid).children(recursive=True) if "train.py" in " ".join(p.cmdline())]
    assert len(workers) == 2, "the run ended before a worker could be killed"
    workers[1].kill()
    assert launcher.wait() != 0  # torchrun's agent stops the other rank
    assert not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in workers)
    run(args + ["--resume"], nproc=1)
    w_full, w_resumed = weights(full_run / "iter2"), weights(out / "iter2")
    assert max((w_full[k] - w_resumed[k]).abs().max().item() for k in w_full) < 1e-5


def test_ref_base_keeps_the_initial_model_as_reference(tiny_chat_dir, tmp_path):
    """--ref base: after the warm start moved the policy, iteration 1 starts with nonzero implicit
    rewards (policy != base), while --ref previous would start it at exactly 0."""
    out = tmp_path / "out"
    run(["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS, "--iterations", "1", "--ref", "base"], tmp=tmp_path)
    first = {r["stage"]: r for r in reversed(metrics(out))}  # the first step of each stage
    assert first["warm"]["rewards/chosen"] == 0.0 and first["warm"]["rewards/rejected"] == 0.0
    assert first["iter1"]["rewards/chosen"] != 0.0 and first["iter1"]["rewards/rejected"] != 0.0
