"""train.py's main() in processes forked from a server that has imported torch and transformers
once: a user's `python train.py ...` in about a second instead of the ten a fresh interpreter
costs, for the tests that run it many times.

A hook that drift/run.py calls before every file-system operation counts them; the child can die
by SIGKILL before operation n, as a power cut or an OOM killer would, with no cleanup code running
(fault "kill"), see that operation fail with ENOSPC ("enospc"), wait there until killed ("hold"),
see Ctrl-C ("interrupt"), or receive SIGINT or SIGTERM there and go on ("sigint", "sigterm"). Fault "nan-grad" makes the gradient of the 2nd optimizer step NaN
(with a finite loss), "nan-weights" makes the 2nd optimizer step write a NaN weight.
`prepare`, a "module:function" name, runs in the child before main() (tests install spies with it).
"""

from __future__ import annotations

import importlib
import json
import multiprocessing as mp
import os
import signal
import socket
import sys
from pathlib import Path

import torch

from drift.io import cli, run_at_leave

_CTX = mp.get_context("forkserver")
_CTX.set_forkserver_preload(["torch", "transformers", "train", "drift.run", "peft", "peft.tuners.lora"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _child(argv: list[str], kill_at: int, fault: str, log_path: str | None, out_path: str, prepare: str | None,
           env: dict):
    import errno
    import time

    import drift.run as run_module
    import train

    if fault in ("nan-grad", "nan-weights"):
        calls = {"n": 0}
        clip, rmsprop_step = torch.nn.utils.clip_grad_norm_, torch.optim.RMSprop.step

        def nan_clip(params, *a, **k):
            params = list(params)
            norm = clip(params, *a, **k)
            calls["n"] += 1
            if calls["n"] == 2:
                params[0].grad.fill_(float("nan"))
                return norm * float("nan")
            return norm

        def nan_step(self, *a, **k):
            out = rmsprop_step(self, *a, **k)
            calls["n"] += 1
            if calls["n"] == 2:
                with torch.no_grad():
                    self.param_groups[0]["params"][0].fill_(float("nan"))
            return out

        if fault == "nan-grad":
            torch.nn.utils.clip_grad_norm_ = nan_clip
        else:
            torch.optim.RMSprop.step = nan_step

    for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT", "TORCHELASTIC_RUN_ID"):
        os.environ.pop(key, None)
    os.environ.update(env)  # the server's environment is the one it started with, not the test's
    torch.set_num_threads(1)
    count = 0

    def hook(what: str, path: str):
        nonlocal count
        count += 1
        if log_path:
            with open(log_path, "a") as f:
                f.write(json.dumps([count, what, path]) + "\n")
        if count == kill_at:
            if fault == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            if fault == "hold":
                open(log_path + ".holding", "w").close()
                time.sleep(3600)
            if fault == "interrupt":
                raise KeyboardInterrupt
            if fault in ("sigint", "sigterm"):  # a signal as a user or a scheduler sends it; the run goes on
                os.kill(os.getpid(), signal.SIGINT if fault == "sigint" else signal.SIGTERM)
                return
            raise OSError(errno.ENOSPC, "No space left on device", path)

    run_module._HOOK = hook
    if prepare:
        module, _, name = prepare.partition(":")
        getattr(importlib.import_module(module), name)()
    sys.argv = ["train.py", *argv]
    out, err = open(out_path + ".stdout", "w"), open(out_path + ".stderr", "w")
    os.dup2(out.fileno(), 1)
    os.dup2(err.fileno(), 2)
    sys.stdout, sys.stderr = out, err
    code = cli(train.main)
    run_at_leave()  # as leave() does
    out.flush()
    err.flush()
    os._exit(code)


def start(argv: list[str], tmp: Path, kill_at: int = 0, fault: str = "kill", log: bool = False, name: str = "child",
          prepare: str | None = None, env: dict | None = None):
    log_path = tmp / f"{name}-ops.jsonl"
    if log_path.exists():
        log_path.unlink()
    out_path = tmp / name
    p = _CTX.Process(target=_child, args=(argv, kill_at, fault, str(log_path) if log else None, str(out_path), prepare,
                                          env or {}))
    p.start()
    return p, log_path, out_path


def train(argv: list[str], tmp: Path, kill_at: int = 0, fault: str = "kill", log: bool = False,
          prepare: str | None = None, name: str = "child", env: dict | None = None):
    """(exit code, stderr, op log) of train.py's main run in a forked child (with `env` added to its
    environment); its stdout is in tmp/NAME.stdout."""
    p, log_path, out_path = start(argv, tmp, kill_at, fault, log, name=name, prepare=prepare, env=env)
    p.join()
    ops = [json.loads(line) for line in log_path.read_text().splitlines()] if log else []
    return p.exitcode, Path(str(out_path) + ".stderr").read_text(), ops


def error_line(err: str) -> str:
    """The last line of stderr (tqdm's progress bars go there too), which must be the one error."""
    assert "Traceback" not in err, err
    return err.strip().splitlines()[-1]


def run_train(argv: list[str], tmp: Path, name: str = "run", env: dict | None = None):
    """`python train.py ARGV` as a forked child: .returncode, .stdout and .stderr, as
    subprocess.run(..., capture_output=True, text=True) gives them."""
    from types import SimpleNamespace

    code, err, _ = train(argv, tmp, name=name, env=env)
    return SimpleNamespace(returncode=code, stderr=err, stdout=Path(str(tmp / name) + ".stdout").read_text())
