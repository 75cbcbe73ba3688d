"""--report-to: a run's metrics, config and figures in the trackers its users read (TensorBoard,
Weights & Biases, trackio, MLflow), each an optional package (requirements-extra.txt).

metrics.jsonl stays the run's record; a tracker gets a copy of each of its rows, once, in order, as
it is logged. A row's numbers become scalars at its global step: a step row's under train/ with
TRL's names (train/loss, train/rewards/margins, train/logps/chosen, ..., train/nll_loss for
metrics.jsonl's loss/nll and train/dpo_loss for loss/dpo), a stage row's under stage/, an
evaluation row's as they are (eval/...); each row also carries its stage_index (and a step row its
stage_step), so the rows can be rebuilt from a tracker alone. A tracker that fails is said in one
line and left out; the run goes on.

Never a step twice: OUT/trackers/trackers.json records, per tracker, the last row it holds (written
after the tracker has flushed it). A resumed run logs again the steps after its saved state; what a
tracker already holds is skipped (on CPU those steps are recomputed bit for bit, so the tracker's
copy equals metrics.jsonl's). A tracker added on a --resume gets the run's rows from the first.
A kill -9 in the instant between a tracker's write and that record's can repeat one row there.

Offline by default, into OUT/trackers/: TensorBoard event files (tensorboard/), wandb's offline run
(wandb/; WANDB_MODE=online to upload), trackio's local store (trackio/; TRACKIO_DIR to use
another), MLflow's file store (mlruns/; MLFLOW_TRACKING_URI to use a server). The user's own
setting of those variables wins.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from .io import InputError, UsageError, write_json

NAMES = ("tensorboard", "wandb", "trackio", "mlflow")
PIP = {"tensorboard": "tensorboard", "wandb": "wandb", "trackio": "trackio", "mlflow": "mlflow-skinny"}
PROJECT = "drift"  # the wandb / trackio project and the MLflow experiment, unless the user's variables say
# TRL's name for the NLL term; no metric's name may also be a folder of others' (MLflow's file store)
RENAMED = {"loss/nll": "nll_loss", "loss/dpo": "dpo_loss"}
PREFIXES = {"train": "step", "stage": "stage", "eval": "eval"}  # a tracker's name prefix: the row type
ORDER = {"step": 0, "stage": 1, "eval": 2}  # at one global step: the stage's last step, its summary, the next evaluation


def parse(text: str) -> tuple[str, ...]:
    """The trackers a --report-to value names; ValueError with the reason."""
    names = tuple(n.strip() for n in text.split(","))
    if names == ("none",):
        return ()
    bad = [n for n in names if n not in NAMES]
    if bad or len(set(names)) != len(names):
        raise ValueError(f"must be a comma list of {', '.join(NAMES)} (each once), or none; got {text!r}")
    return names


def problem(text: str) -> str | None:
    """The config's check of --report-to."""
    try:
        parse(text)
    except ValueError as e:
        return str(e)
    return None


def check_installed(text: str) -> None:
    """A tracker asked for whose package is missing: one line, before anything is written."""
    for name in parse(text):
        if importlib.util.find_spec(name) is None:
            raise UsageError(f"--report-to {name}: the {name} package is not installed; "
                             f"pip install -c constraints.txt {PIP[name]} (see requirements-extra.txt)")


def scalars(row: dict) -> dict[str, float]:
    """A metrics row's numbers, named as the trackers get them."""
    prefix = {kind: prefix for prefix, kind in PREFIXES.items()}[row["type"]]
    out = {}
    for key, value in row.items():
        if key in ("type", "stage", "step") or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        key = RENAMED.get(key, key)
        out[key if key.startswith(prefix + "/") else f"{prefix}/{key}"] = value
    return out


def order(row: dict) -> list[int]:
    """Where a row stands in the run: rows are logged in this order (global step, then kind)."""
    return [row["step"], ORDER[row["type"]]]


class Trackers:
    """The trackers of one run, on rank 0: send(rows) after each metrics row, figures() at the end."""

    def __init__(self, text: str, out: Path, record: dict, step: int):
        self.folder = out / "trackers"
        self.path = self.folder / "trackers.json"
        self.state = _read_state(self.path) if self.path.exists() else {"id": secrets.token_hex(6), "last": {}}
        config = dict(record["config"], run_id=record["run_id"], out=str(out), start_step=step)
        name = f"{out.resolve().name}-{self.state['id']}"  # this run folder's run in every tracker
        self.backends = {}
        for tracker in parse(text):
            try:
                self.backends[tracker] = BACKENDS[tracker](self.folder, self.state, name, config)
            except Exception as e:  # noqa: BLE001 -- a tracker that cannot start: said, and the run goes on
                self.backends[tracker] = None
                self._drop(tracker, e)
        self._write()

    def catch_up(self, rows: list[dict]) -> None:
        """At the start: give each tracker the rows of the run it lacks. A tracker that can say what
        its files hold (wandb, whose writer may not have flushed before a kill -9) is asked."""
        for name, backend in list(self.backends.items()):
            if hasattr(backend, "held"):
                try:
                    self.state["last"][name] = backend.held()
                except Exception as e:  # noqa: BLE001 -- its files unreadable: said, and the run goes on
                    self._drop(name, e)
        self.send(rows)

    def send(self, rows: list[dict]) -> None:
        """Give each tracker the rows it does not hold yet, flushed, then record that it holds them."""
        for name, backend in list(self.backends.items()):
            last = self.state["last"].get(name)
            new = [r for r in rows if last is None or order(r) > last]
            if not new:
                continue
            try:
                for row in new:
                    backend.log(scalars(row), row["step"])
                backend.flush()
            except Exception as e:  # noqa: BLE001 -- any tracker's failure: said, and the run goes on
                self._drop(name, e)
                continue
            self.state["last"][name] = order(new[-1])
        self._write()

    def _drop(self, name: str, e: Exception) -> None:
        """A tracker that failed: one line; the run goes on (metrics.jsonl is the record) and a
        --resume gives it the rows it lacks."""
        print(f"warning: --report-to {name} failed and is left out of the rest of this run "
              f"({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}); metrics.jsonl has every row, "
              "and --resume gives the tracker the rows it lacks", file=sys.stderr, flush=True)
        backend = self.backends.pop(name)
        with contextlib.suppress(Exception):
            backend and backend.close()

    def figures(self, out: Path, step: int) -> None:
        """The run's figures (OUT/curves.png, OUT/eval.png), drawn now and given to every tracker."""
        from .plot import plot_eval, plot_metrics

        try:
            paths = [p for p in (plot_metrics(out), plot_eval(out)) if p is not None]
        except (ImportError, InputError) as e:
            print(f"note: no figures for --report-to: {e}", flush=True)
            return
        for name, backend in list(self.backends.items()):
            try:
                backend.figures(paths, step)
            except Exception as e:  # noqa: BLE001 -- as send()
                self._drop(name, e)

    def close(self) -> None:
        for backend in self.backends.values():
            backend.close()
        self.backends = {}

    def _write(self) -> None:
        write_json(self.path, self.state)


def _read_state(path: Path) -> dict:
    """OUT/trackers/trackers.json, checked: which run each tracker holds, and its last row."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        ok = (isinstance(state, dict) and isinstance(state.get("id"), str) and isinstance(state.get("last"), dict)
              and all(v is None or (isinstance(v, list) and len(v) == 2 and all(type(x) is int for x in v))
                      for v in state["last"].values()))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        ok = False
    if not ok:
        raise InputError(f"{path} is not the trackers' record this drift wrote; delete {path.parent} to give "
                         "the trackers the run's rows afresh (as new tracker runs)")
    return state


@contextlib.contextmanager
def _quiet():
    """A tracker's own chatter on stdout (its banners, how to view it) kept out of the run's output."""
    with contextlib.redirect_stdout(io.StringIO()):
        yield


class TensorBoard:
    def __init__(self, folder: Path, state: dict, name: str, config: dict):
        from torch.utils.tensorboard import SummaryWriter

        self.writer = SummaryWriter(str(folder / "tensorboard"))
        # each start's config (a resume may change what observes), at the step it starts from
        self.writer.add_text("config", "```\n" + json.dumps(config, indent=1) + "\n```", config["start_step"])

    def log(self, numbers: dict, step: int) -> None:
        for key, value in numbers.items():  # float64 tensors: read back exactly as logged
            self.writer.add_scalar(key, value, step, new_style=True, double_precision=True)

    def flush(self) -> None:
        self.writer.flush()

    def figures(self, paths: list[Path], step: int) -> None:
        from matplotlib.image import imread

        for path in paths:
            self.writer.add_image(f"figures/{path.stem}", imread(path), step, dataformats="HWC")
        self.writer.flush()

    def close(self) -> None:
        self.writer.close()


class Wandb:
    def __init__(self, folder: Path, state: dict, name: str, config: dict):
        import wandb

        self.wandb, self.folder, self.id = wandb, folder / "wandb", state["id"]
        folder.mkdir(parents=True, exist_ok=True)
        # its writer process flushes the run's .wandb file each second (wandb's default: 15 s)
        settings = wandb.Settings(console="off", silent=True, x_disable_stats=True, x_transaction_log_flush_interval=1.0)
        self.run = wandb.init(project=os.environ.get("WANDB_PROJECT", PROJECT), id=state["id"], name=name,
                              dir=str(folder), config=config, resume="allow",
                              mode=os.environ.get("WANDB_MODE", "offline"), settings=settings)

    def held(self) -> list[int] | None:
        """Where the last row this run's earlier starts wrote to their .wandb files stands (order()),
        read with wandb's own reader: a kill -9 loses what wandb's writer had not flushed, which
        the run then gives again. A row is one wandb record, written whole or not at all."""
        last = None
        for run_folder in sorted(self.folder.glob(f"*-{self.id}")):
            if run_folder == Path(self.run.dir).parent:
                continue  # this start's own
            lines = subprocess.run([sys.executable, "-m", "wandb", "leet", "inspect", str(run_folder), "--json"],
                                   capture_output=True, text=True, check=True).stdout.splitlines()
            for record in map(json.loads, lines):
                if record.get("type") == "history":
                    item = record["history"]["item"]
                    kinds = [ORDER[PREFIXES[k.split("/")[0]]] for k in item if k.split("/")[0] in PREFIXES]
                    if kinds:
                        last = max(last or [-1, 0], [item["_step"], max(kinds)])
        return last

    def log(self, numbers: dict, step: int) -> None:
        self.run.log(numbers, step=step)

    def flush(self) -> None:
        pass  # written by wandb's own process each second; what a kill -9 loses, held() finds missing

    def figures(self, paths: list[Path], step: int) -> None:
        if paths:
            self.run.log({f"figures/{p.stem}": self.wandb.Image(str(p)) for p in paths}, step=step)

    def close(self) -> None:
        self.run.finish()


class Trackio:
    def __init__(self, folder: Path, state: dict, name: str, config: dict):
        os.environ.setdefault("TRACKIO_DIR", str((folder / "trackio").resolve()))  # read when trackio is imported
        import trackio

        self.trackio = trackio
        with _quiet():
            self.run = trackio.init(project=os.environ.get("TRACKIO_PROJECT", PROJECT), name=name, config=config,
                                    resume="allow", embed=False, auto_log_cpu=False, auto_log_gpu=False)

    def log(self, numbers: dict, step: int) -> None:
        self.run.log(numbers, step=step)

    def flush(self) -> None:
        flush = getattr(self.run, "_flush_queues_inline", None)  # trackio writes from a thread every 0.5 s
        if flush is not None:
            with self.run._client_lock:
                flush()

    def figures(self, paths: list[Path], step: int) -> None:
        if paths:
            self.run.log({f"figures/{p.stem}": self.trackio.Image(str(p)) for p in paths}, step=step)
            self.flush()

    def close(self) -> None:
        with _quiet():
            self.run.finish()


class MLflow:
    def __init__(self, folder: Path, state: dict, name: str, config: dict):
        uri = os.environ.get("MLFLOW_TRACKING_URI") or (folder / "mlruns").resolve().as_uri()
        if uri.startswith("file:"):  # MLflow's file store, kept working by MLflow on request
            os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
        from mlflow import MlflowClient
        from mlflow.entities import Metric, Param

        self.Metric, self.client = Metric, MlflowClient(uri)
        if "mlflow_run" not in state:
            experiment_name = os.environ.get("MLFLOW_EXPERIMENT_NAME", PROJECT)
            experiment = self.client.get_experiment_by_name(experiment_name)
            experiment_id = experiment.experiment_id if experiment else self.client.create_experiment(experiment_name)
            run_id = self.client.create_run(experiment_id, run_name=name).info.run_id
            params = [Param(k, json.dumps(v) if not isinstance(v, str) else v) for k, v in config.items()]
            for i in range(0, len(params), 100):  # MLflow's limit per call
                self.client.log_batch(run_id, params=params[i: i + 100])
            state["mlflow_run"] = run_id  # a param cannot change once logged: a resume's config goes in run.json
        self.run_id = state["mlflow_run"]
        self.client.update_run(self.run_id, status="RUNNING")

    def log(self, numbers: dict, step: int) -> None:
        now = int(time.time() * 1000)
        self.client.log_batch(self.run_id, metrics=[self.Metric(k, float(v), now, step) for k, v in numbers.items()])

    def flush(self) -> None:
        pass  # each log_batch is written before it returns

    def figures(self, paths: list[Path], step: int) -> None:
        for path in paths:
            self.client.log_artifact(self.run_id, str(path), "figures")

    def close(self) -> None:
        self.client.set_terminated(self.run_id)


BACKENDS = {"tensorboard": TensorBoard, "wandb": Wandb, "trackio": Trackio, "mlflow": MLflow}
