"""One --out folder, one run: what defines the run, who writes it, and where a killed run resumes.

A file is published whole (os.replace of a fsynced temporary), a state folder once its meta.json
is written (last), an older state removed only after a newer one is complete, and a stage ends in
the order summary row, final state, Hugging Face folder: a SIGKILL between any two operations
leaves one complete state, and --resume continues from it bit for bit. What a resume reads is
checked against what the run recorded (state files, pairs, evaluations, metrics rows), never
rebuilt; nothing is unpickled. The folder's layout and every guarantee: drift/README.md.

    run = Run.open(cfg, dist, record)   refuse a folder holding another run, lock it, compare the record
    for stage in run.stages(model, source, dtype): ...   from where the run stands
    run.pairs(k, sample_them); run.log(row); run.save(model, stage_index=, step=, ...); run.load(...)
    run.end_stage(model, source, stage, global_step, summary, dtype)
"""

from __future__ import annotations

import copy
import errno
import fcntl
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import torch
import torch.distributed as tdist
from safetensors import safe_open

from . import __version__, ledger, trackers
from . import dist as D
from .config import Config, config_dict, kind
from .data import Pair, pairs_from_rows
from .io import InputError, at_leave, atomic_open, publish_folder, read_jsonl, write_json
from .lora import ADAPTER, has_adapters, merged, save_adapter
from .shards import check_file, file_digest, read_into, save_tensors, shard_file, write_shards

STATE = "state"
STATE_FORMAT = 2  # per-rank safetensors and JSON; 1 was torch.distributed.checkpoint, whose metadata is a pickle
EXTRA = "extra.safetensors"  # the stage's reference log-probs, in a mid-stage state
DATA_FIELDS = ("dsat_data", "seed_data", "sat_data", "eval_data", "judge_rubric")
_HOOK = None  # tests set this to a function(op: str, path: str) called before every file-system operation


class RunError(InputError):
    """A run that cannot go on as asked: the message says why and what to do instead."""


def _op(what: str, path) -> None:
    if _HOOK is not None:
        _HOOK(what, str(path))


# ----------------------------------------------------------------------------- identity


def file_identity(path: str | os.PathLike) -> dict:
    """{path, bytes, sha256} of an input file."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return {"path": os.path.abspath(path), "bytes": os.path.getsize(path), "sha256": h.hexdigest()}


def model_identity(path: str) -> dict:
    """What a model is, cheaply: a local folder by its config and tokenizer files in full, and its
    weight files by size, safetensors header and 16 evenly spaced 1 MiB blocks (hashing 28 GB of a
    14B model in full would cost a minute at every start); a hub id by its name and revision."""
    folder = Path(path)
    if not folder.is_dir():
        from transformers import AutoConfig

        config = AutoConfig.from_pretrained(path)
        return {"hub_id": path, "revision": getattr(config, "_commit_hash", None)}
    h = hashlib.sha256()
    for p in sorted(folder.iterdir()):
        if not p.is_file() or p.name.startswith("."):
            continue
        h.update(f"{p.name}\0{p.stat().st_size}\0".encode())
        with open(p, "rb") as f:
            if p.suffix in (".json", ".jinja", ".txt", ".model"):
                h.update(f.read())
            elif p.suffix == ".safetensors":
                n = int.from_bytes(f.read(8), "little")
                h.update(f.read(min(n, 1 << 26)))
                size = p.stat().st_size
                for k in range(16):
                    f.seek(size * k // 16)
                    h.update(f.read(1 << 20))
    return {"path": str(folder.resolve()), "fingerprint": h.hexdigest()}


def project_version() -> str:
    """drift's version, and the git commit it runs from when there is one (+dirty if edited)."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "-C", str(root), "describe", "--always", "--dirty"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{__version__}+{commit}" if commit else __version__


def make_record(cfg: Config, compute_dtype: str, model_path: str, stages: list[str]) -> dict:
    """What defines the run (config, the input files it reads, the model, the code) and how to
    tell it from another: run_id hashes the parts that define it."""
    inputs = {}
    for name in DATA_FIELDS:
        path = getattr(cfg, name)
        if path and _reads(cfg, name, stages):
            inputs[name] = file_identity(path)
    record = {
        "config": config_dict(cfg), "compute_dtype": compute_dtype, "stages": stages, "inputs": inputs,
        "model": model_identity(model_path), "resolved_model": model_path, "version": project_version(),
    }
    defining = {k: v for k, v in record["config"].items() if kind(k) == "defines" and k not in DATA_FIELDS + ("model",)}
    key = json.dumps([defining, compute_dtype, {k: v["sha256"] for k, v in inputs.items()}, record["model"]],
                     sort_keys=True)
    record["run_id"] = hashlib.sha256(key.encode()).hexdigest()[:12]
    return record


def _reads(cfg: Config, name: str, stages: list[str]) -> bool:
    if name == "seed_data":
        return "warm" in stages
    if name in ("eval_data", "judge_rubric"):
        return True
    if cfg.iterations == 0:
        return False
    return name == ("sat_data" if cfg.method == "spin" else "dsat_data")


def differences(old: dict, new: dict, finished_iterations: int) -> list[str]:
    """Why `new` cannot resume the run recorded as `old`: one line per refused change."""
    problems = []
    for name, value in new["config"].items():
        # a field the run's record lacks came after the run started: it ran with the field's default
        before = old["config"].get(name, getattr(Config, name, None))
        if name in DATA_FIELDS or name == "model" or before == value:
            continue
        if kind(name) == "defines":
            problems.append(f"--{name.replace('_', '-')}: the run was started with {before!r}, now {value!r}")
        elif kind(name) == "extends" and value < finished_iterations:
            problems.append(f"--{name.replace('_', '-')} {value}: the run has already finished {finished_iterations}")
    if old["compute_dtype"] != new["compute_dtype"]:
        problems.append(f"compute dtype: the run computed in {old['compute_dtype']}, now {new['compute_dtype']}")
    for name in sorted(set(old["inputs"]) & set(new["inputs"])):  # a file read for the first time (more
        a, b = old["inputs"][name], new["inputs"][name]                 # iterations) is simply recorded
        if a["sha256"] != b["sha256"]:
            problems.append(f"--{name.replace('_', '-')}: {b['path']} ({b['bytes']} bytes, sha256 {b['sha256'][:12]}) "
                            f"is not the file the run read ({a['path']}, {a['bytes']} bytes, sha256 {a['sha256'][:12]})")
    if old["model"] != new["model"]:
        problems.append(f"--model: {new['resolved_model']} is not the model the run started from ({old['resolved_model']})")
    return problems


# ----------------------------------------------------------------------------- the run folder


@dataclass
class Resume:
    """Where a run starts: the first stage to run and, within it, the steps already done."""

    stage_index: int = 0
    step: int = 0  # optimizer steps of that stage already taken
    global_step: int = 0
    sums: dict = field(default_factory=dict)  # the stage's running metric sums over those steps
    n: int = 0
    scheduler: dict | None = None
    state: str | None = None  # the state folder to load; None: the initial model
    meta: dict | None = None  # its meta.json


@dataclass
class Stage:
    """One stage to train (the warm start, or an iteration) and, for a mid-stage resume, where in it."""

    index: int
    name: str  # warm | iter1 | iter2 ...
    step: int = 0  # optimizer steps already taken (a mid-stage resume: load the state with the optimizer)
    sums: dict = field(default_factory=dict)  # the stage's running metric sums over those steps
    n: int = 0
    scheduler: dict | None = None


class Run:
    def __init__(self, out: Path, dist: D.Dist, record: dict, resume: Resume, lock, rows: list[dict]):
        self.out, self.dist, self.record, self.resume, self._lock = out, dist, record, resume, lock
        self.rows = rows  # metrics.jsonl's rows, as rank 0 read them at the start and as logged since
        self.trackers = None  # --report-to's trackers (rank 0): report_to()

    # ---- opening

    @classmethod
    def open(cls, cfg: Config, dist: D.Dist, record: dict) -> "Run":
        """Rank 0 checks the folder and decides; every rank gets the same Run (or the same error)."""
        out = Path(cfg.out)
        decision, lock = None, None
        if dist.is_main:
            try:
                lock = _lock(out)
                decision = _decide(out, cfg, record, dist.world_size) + (_read_metrics(out / "metrics.jsonl"),)
            except (RunError, OSError) as e:
                decision = RunError(_explain(e, out))
        # every rank gets rank 0's reading: on a shared filesystem another node may see a stale file
        box = [decision]
        if dist.world_size > 1:
            tdist.broadcast_object_list(box, src=0)
        if isinstance(box[0], RunError):
            raise box[0]
        resume, record, rows = box[0]
        return cls(out, dist, record, resume, lock, rows)

    # ---- metrics

    def log(self, row: dict) -> None:
        """Append a row to metrics.jsonl (rank 0) and to the run's rows (every rank)."""
        self.rows.append(row)
        if self.dist.is_main:
            path = self.out / "metrics.jsonl"
            _op(f"append {row['type']} row", path)
            with open(path, "a", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
            if self.trackers is not None:
                self.trackers.send([row])

    def report_to(self, text: str) -> None:
        """Open --report-to's trackers (rank 0) and give them the rows they do not hold yet."""
        if not trackers.parse(text):
            return
        refused = None
        if self.dist.is_main:
            try:
                self.trackers = trackers.Trackers(text, self.out, self.record, self.resume.global_step)
            except InputError as e:
                refused = str(e)
        refused = D.broadcast_object(refused)  # every rank ends with rank 0's refusal
        if refused:
            raise InputError(refused)
        if self.trackers is not None:
            at_leave(self._close_trackers)  # a stop or an error still leaves them readable
            self.trackers.catch_up(self.rows)

    def _close_trackers(self) -> None:
        if self.trackers is not None:
            self.trackers.close()
            self.trackers = None

    def stage_rows(self) -> list[dict]:
        return [r for r in self.rows if r["type"] == "stage"]

    def eval_rows(self) -> list[dict]:
        return [r for r in self.rows if r["type"] == "eval"]

    # ---- evaluation replies

    def eval_path(self, label: str) -> Path:
        return self.out / "eval" / f"{label}.jsonl"

    def save_eval(self, label: str, records: list[dict]) -> None:
        """OUT/eval/LABEL.jsonl, written whole by rank 0 before the eval row that commits it."""
        from .io import write_jsonl

        if self.dist.is_main:
            _op("write eval replies", self.eval_path(label))
            write_jsonl(self.eval_path(label), records)
            self._written(self.eval_path(label))

    def read_eval(self, label: str) -> list[dict]:
        from .io import read_jsonl

        return [rec for _, rec in read_jsonl(self.eval_path(label))]

    def write_best(self, best: dict) -> None:
        """OUT/best.json (rank 0): the best stage so far, and the folder that holds it."""
        if self.dist.is_main:
            stage = best.get("stage")
            folder = None if stage is None else self.record["resolved_model"] if stage == "base" else str(self.out / stage)
            _op("write best stage", self.out / "best.json")
            write_json(self.out / "best.json", {"stage": stage, "folder": folder} | best)

    # ---- pairs

    def pairs_path(self, iteration: int) -> Path:
        return self.out / "pairs" / f"iter{iteration}.jsonl"

    def pairs(self, iteration: int, sample_them) -> tuple[list[Pair], dict]:
        """Iteration k's pairs and their counts: sampled once, by `sample_them()` -> (pair rows,
        counts), and read back by a --resume of this run (the pairs file, written after its
        counts, is the commit; a file another run sampled is refused)."""
        from .io import write_jsonl

        path = self.pairs_path(iteration)
        counts_path = path.with_suffix(".counts.json")
        found = None  # rank 0 reads a resumed run's pairs and sends them: no other rank reads the file
        if self.dist.is_main:
            try:
                if path.exists():
                    meta = _counts(counts_path)
                    if meta["run_id"] != self.record["run_id"]:
                        raise RunError(f"{path} was sampled by another run ({meta['run_id']}); this run is "
                                       f"{self.record['run_id']}")
                    found = ([row for _, row in read_jsonl(path)], meta["counts"])
                    if str(path.relative_to(self.out)) not in self.record.get("written", {}):
                        self._written(counts_path, path)  # a kill came between their write and their record
            except InputError as e:
                found = e
        found = D.broadcast_object(found)
        if isinstance(found, InputError):
            raise found
        if found is not None:
            rows, counts = found
        else:
            rows, counts = sample_them()  # every rank holds every row
            if self.dist.is_main:
                _op("write pair counts", counts_path)
                write_json(counts_path, {"run_id": self.record["run_id"], "counts": counts})
                _op("write pairs", path)
                write_jsonl(path, rows)
                self._written(counts_path, path)
            D.barrier()
        return pairs_from_rows(enumerate(rows, start=1), path), counts

    # ---- training state

    def save(self, model, *, stage_index: int, step: int, global_step: int, optimizer=None, scheduler=None,
             sums: dict | None = None, n: int = 0, ref_logps: torch.Tensor | None = None) -> None:
        """The resumable state after `step` steps of stage `stage_index` (no optimizer: a stage
        boundary, where a fresh optimizer starts). Collective: every rank writes its rows of the
        weights and the optimizer's tensors (drift/shards.py, safetensors), rank 0 the reference
        log-probs and, last, meta.json: the positions, the optimizer's settings, the scheduler, the
        size and sha256 of every file, and those of the pairs and evaluation files so far."""
        check_finite(model, f"the weights after step {step} of stage {stage_index}")
        root = self.out / STATE
        folder = root / f"{stage_index:03d}-{step:07d}"
        if self.dist.is_main:
            _remove_incomplete(root)
            _op("make state folder", folder)
            folder.mkdir(parents=True, exist_ok=True)
        D.barrier()
        groups = {"model": trained(model)}  # the LoRA adapters alone: the base weights are --model's
        if optimizer is not None:
            groups["optim"] = _optimizer_tensors(model, optimizer)
        # each shard once: every rank's under full sharding, the first node's under hybrid (the rest are copies)
        shard, shards = D.shard_of(next(model.parameters()))
        index, digest = None, None
        if D.writes_shards(model):
            _op("write shards", folder)
            index, digest = write_shards(folder, shard, groups)
        written = D.gather_objects([shard, digest])
        if self.dist.is_main:
            files = {shard_file(folder, r).name: d for r, d in written if d is not None}
            if ref_logps is not None:
                _op("write extra", folder / EXTRA)
                files[EXTRA] = save_tensors(folder / EXTRA, {"ref_logps": ref_logps.cpu()})
            meta = {"format": STATE_FORMAT, "stage_index": stage_index, "step": step, "global_step": global_step,
                    "optimizer": optimizer is not None, "run_id": self.record["run_id"], "world_size": shards,
                    "param_groups": [{k: v for k, v in g.items() if k != "params"} for g in optimizer.param_groups]
                    if optimizer is not None else None,
                    "scheduler": scheduler.state_dict() if scheduler is not None else None, "sums": sums or {}, "n": n,
                    "index": index, "files": files, "artifacts": _artifacts(self.out),
                    "metrics": ledger.rows_digest(self.rows)}
            _op("commit state", folder / "meta.json")  # from here on this state is the one --resume reads
            write_json(folder / "meta.json", meta)
            _fsync_dir(root)
            self._written(folder / "meta.json")
            _remove_superseded(root, folder)
        D.barrier()

    def load(self, model, optimizer=None, n_pairs: int | None = None) -> torch.Tensor | None:
        """Load the resume state's weights (and optimizer state, when given) in place, on any number
        of ranks; returns the stage's reference log-probs ((n_pairs, 2), checked) or None. Every
        file is checked against its recorded size and sha256 first (each rank checks its share),
        and nothing in them is executable."""
        folder, meta = Path(self.resume.state), self.resume.meta
        names = sorted(meta["files"])
        mine = names[self.dist.rank::self.dist.world_size]
        problems = [p for p in (check_file(folder / name, meta["files"][name]) for name in mine) if p]
        problems = [p for part in D.gather_objects(problems) for p in part]
        if problems:
            raise RunError(f"--resume refused: {problems[0]}; restore the state folder or start a fresh --out")
        index, written = meta["index"], meta["world_size"]
        with torch.no_grad():
            for name, p in trained(model).items():
                read_into(folder, index, written, f"model/{name}", p)
            if optimizer is not None:
                for name, p in trained(model).items():
                    keys = [k for k in index if k.startswith(f"optim/{name}/")]
                    state = {}
                    for key in keys:
                        entry = index[key]
                        like = p if entry["sharded"] and entry["shape"] == list(p.shape) else None
                        target = torch.empty_like(like) if like is not None else torch.empty(
                            entry["shape"], dtype=getattr(torch, entry["dtype"]))
                        read_into(folder, index, written, key, target)
                        state[key.rsplit("/", 1)[1]] = target
                    if state:
                        optimizer.state[p] = state
                for group, saved in zip(optimizer.param_groups, meta["param_groups"]):
                    group.update(saved)
        if n_pairs is None:
            return None
        ref = None
        if EXTRA in meta["files"]:
            with safe_open(folder / EXTRA, "pt") as f:
                ref = f.get_tensor("ref_logps")
        if ref is None or tuple(ref.shape) != (n_pairs, 2):
            shape = None if ref is None else tuple(ref.shape)
            raise RunError(f"--resume refused: the saved reference log-probs ({shape}) are not those of the stage's "
                           f"{n_pairs} pairs; start a fresh --out")
        return ref.to(next(model.parameters()).device)

    def stages(self, model, source, dtype: torch.dtype):
        """The stages left to train, in order, from where the run stands (a Stage each). Starting at
        a stage boundary of a resumed run, the model first gets the state's weights (and the stage
        before gets its Hugging Face folder, if a kill took it); a mid-stage start is the Stage's
        `step`, whose state train.py loads with the stage's optimizer."""
        at, names = self.resume, self.record["stages"]
        if at.state and at.step == 0:
            self.load(model)
            finished = names[at.stage_index - 1] if at.stage_index > 0 else None
            if finished and not (self.out / finished).exists():
                self.export(model, source, finished, dtype)
        for index in range(at.stage_index, len(names)):
            mid = index == at.stage_index and at.step > 0
            yield Stage(index, names[index], at.step if mid else 0, dict(at.sums) if mid else {}, at.n if mid else 0,
                        at.scheduler if mid else None)

    def end_stage(self, model, source, stage: Stage, global_step: int, summary: dict, dtype: torch.dtype) -> None:
        """A stage ends in this order: its summary row, its final state (the commit: the stage is
        done), its Hugging Face folder (re-exported by a resume if a kill took it)."""
        self.log({"type": "stage", "stage": stage.name, "stage_index": stage.index, "step": global_step} | summary)
        self.save(model, stage_index=stage.index + 1, step=0, global_step=global_step)
        self.export(model, source, stage.name, dtype)

    def export(self, model, source, stage: str, dtype: torch.dtype) -> Path:
        """OUT/<stage>: a from_pretrained-ready folder (gathered to rank 0, written whole, then
        renamed) with the source model's tokenizer, chat template and generation config
        (embedded.ModelSource's side files, verbatim): it samples as the model it came from."""
        check_finite(model, f"the weights of stage {stage}")
        state = D.full_state_dict(model)  # every rank takes part in the gather
        final = self.out / stage
        if self.dist.is_main:
            tmp = self.out / f".{stage}.tmp"
            if tmp.exists():
                _op("remove stale export", tmp)
                shutil.rmtree(tmp)
            if has_adapters(model):  # the adapter in peft's format, and the folder's weights merged
                lora = Config(**{k: v for k, v in self.record["config"].items() if k.startswith("lora_")})
                _op("write adapter", tmp / ADAPTER)
                save_adapter(tmp / ADAPTER, state, lora, base=self.record["resolved_model"])
                state = merged(state, lora)
            state = {k: v.to(dtype) for k, v in state.items()}
            _op("write stage folder", tmp)
            model.save_pretrained(tmp, state_dict=state, safe_serialization=True)
            source.tokenizer.save_pretrained(tmp)
            # save_pretrained records the dtype of the (fp32 master) parameters; the folder holds
            # `dtype` weights, and use_cache as the model came (training turned it off)
            config = copy.deepcopy(model.config)
            config.dtype = dtype
            config.get_text_config().use_cache = source.use_cache
            config.save_pretrained(tmp)
            for name, data in source.side_files.items():  # over what save_pretrained wrote
                (tmp / name).write_bytes(data)
            publish_folder(tmp)
            if final.exists():  # a re-export after a resume: the folder is the same weights
                _op("remove previous stage folder", final)
                shutil.rmtree(final)
            _op("publish stage folder", final)
            os.replace(tmp, final)
            _fsync_dir(self.out)
        D.barrier()
        return final

    def decide(self, name: str, decide_now):
        """A value decided once for the whole run and kept in run.json (the sampler's batch, sized to
        the memory free at its first start): the recorded one on a resume, so that the resumed run
        computes what the first would have. decide_now() is collective and gives every rank the same."""
        recorded = self.record.get("decided", {})
        if name in recorded:
            return recorded[name]
        value = decide_now()
        if self.dist.is_main:
            self.record.setdefault("decided", {})[name] = value
            _op("write run record", self.out / "run.json")
            write_json(self.out / "run.json", self.record)
        D.barrier()
        return value

    def _written(self, *paths: Path) -> None:
        """Record files just published in run.json's "written" (rank 0; drift/ledger.py); a state's
        meta.json replaces the one before it."""
        written = self.record.setdefault("written", {})
        for path in paths:
            name = str(path.relative_to(self.out))
            if name.startswith(STATE + "/"):
                for old in [k for k in written if k.startswith(STATE + "/")]:
                    del written[old]
            written[name] = file_digest(path)
        _op("write run record", self.out / "run.json")
        write_json(self.out / "run.json", self.record)

    def note(self, **fields) -> None:
        """Record something about this start of the run in run.json (rank 0)."""
        if self.dist.is_main:
            self.record["starts"][-1].update(fields)
            _op("write run record", self.out / "run.json")
            write_json(self.out / "run.json", self.record)

    def close(self) -> None:
        self._close_trackers()
        if self._lock is not None:
            self._lock.close()
            self._lock = None


# ----------------------------------------------------------------------------- helpers


def check_finite(model, what: str) -> None:
    """Refuse to write weights with a NaN or inf in them (collective over the shards)."""
    bad = torch.zeros(1, device=next(model.parameters()).device)
    for p in model.parameters():
        local = p.to_local() if hasattr(p, "to_local") else p
        if not torch.isfinite(local).all():
            bad += 1
            break
    if D.all_reduce_sum(bad).item():
        raise FloatingPointError(f"{what} are not finite; nothing was saved (check the learning rate and the data)")


LOCK_WAIT = 60.0  # seconds to wait for a killed holder of the lock to finish exiting


def _lock(out: Path):
    """An exclusive lock on OUT/.lock, held until the process ends; a second job fails at once,
    unless the holder is a process of this machine that is exiting (killed a moment ago: a large
    process releases its files only once its memory is freed), which it waits for."""
    out.mkdir(parents=True, exist_ok=True)
    f = open(out / ".lock", "a+", encoding="utf-8")
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip() or "another process"
            if _exiting(holder) and time.monotonic() < deadline:
                time.sleep(0.2)
                continue
            f.close()
            raise RunError(f"{out} is in use by {holder}: wait for that run to end, or choose another --out") from None
        except OSError as e:
            if e.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                raise
            print(f"warning: {out}'s filesystem has no file locks; make sure no other run writes to it", flush=True)
            break
    f.seek(0)
    f.truncate()
    f.write(f"pid {os.getpid()} on {socket.gethostname()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
    f.flush()
    return f


def _exiting(holder: str) -> bool:
    """Whether the lock's holder ("pid N on HOST since ...") is a process of this machine that is
    exiting or gone: /proc's state (zombie, dead) or the kernel's PF_EXITING flag."""
    parts = holder.split()
    if len(parts) < 4 or parts[0] != "pid" or not parts[1].isdigit() or parts[3] != socket.gethostname():
        return False
    try:
        stat = Path(f"/proc/{parts[1]}/stat").read_text()
    except OSError:
        return True
    fields = stat.rsplit(")", 1)[-1].split()
    return len(fields) > 6 and (fields[0] in ("Z", "X", "x") or bool(int(fields[6]) & 0x4))


RUN_FILES = ("run.json", "metrics.jsonl", STATE, "pairs", "eval", "warm", "config.json", "best.json", "trackers")


def _decide(out: Path, cfg: Config, record: dict, world_size: int):
    """(Resume, record to keep) for a run into `out`, or RunError."""
    old_path = out / "run.json"
    used = [p.name for p in out.iterdir() if p.name in RUN_FILES or p.name.startswith("iter")]
    start = {"at": time.strftime("%Y-%m-%d %H:%M:%S"), "version": record["version"], "world_size": world_size,
             "argv": sys.argv[1:]}
    _remove_temporaries(out)  # what a kill in the middle of an atomic write left, anywhere under OUT
    # a run.json and nothing computed after it (its start failed: a bad model, say): a fresh start
    # may take the folder over, with or without --resume
    if "run.json" in used and set(used) <= {"run.json", "trackers"}:
        print(f"note: {out}'s run computed nothing before it stopped; starting the run afresh", flush=True)
        if (out / "trackers").is_dir():  # its trackers' runs hold no row: the new start makes its own
            _op("remove trackers of a run that computed nothing", out / "trackers")
            shutil.rmtree(out / "trackers")
        used = []
    elif cfg.resume and not old_path.exists():
        if used:
            raise RunError(f"{out} has no run.json, so what ran there is unknown ({', '.join(sorted(used))}): "
                           f"it cannot be resumed; choose a fresh --out")
        print(f"--resume: nothing to resume in {out}, starting the run", flush=True)
    if not used:
        record = dict(record, starts=[start])
        _op("write run record", old_path)
        write_json(old_path, record)
        return Resume(), record
    if not cfg.resume:
        raise RunError(f"{out} holds another run ({', '.join(sorted(used))}): continue it with --resume, "
                       f"or choose a fresh --out")
    try:
        old = json.loads(old_path.read_text(encoding="utf-8"))
        problem = ledger.run_record_problem(old)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        problem = "not JSON"
    if problem:
        raise RunError(f"{old_path} is not a run record drift wrote ({problem}): the run cannot be resumed; "
                       "choose a fresh --out")
    resume = _latest_state(out / STATE, old["run_id"])
    written = old.get("written", {})
    problems = ledger.recorded_problems(out, written)
    if problem := ledger.state_problem(out, written, resume.state):
        problems.insert(0, problem)
    if problems:  # never rebuilt silently: a file recorded when it was written and changed or gone since
        raise RunError(f"--resume refused: {problems[0]} (run.json recorded it when it was written); restore it, "
                       "or start a fresh --out")
    finished = sum(1 for s in old["stages"][: resume.stage_index] if s != "warm")
    problems = differences(old, record, finished)
    if problems:
        raise RunError(f"--resume of {out} refused, a resumed run must compute what it started computing:\n  "
                       + "\n  ".join(problems) + "\nstart a new run with a fresh --out to change these")
    for name, digest in (resume.meta or {}).get("artifacts", {}).items():
        problem = check_file(out / name, digest)
        if problem:  # never rebuilt silently: pairs resampled from other weights would train on the old reference
            raise RunError(f"--resume refused: {problem}, and the saved state was made with it; restore it, "
                           "or start a fresh --out")
    if old["version"] != record["version"]:
        print(f"note: {out} was started by drift {old['version']}, this is {record['version']}", flush=True)
    start["resumed_from"] = {"stage_index": resume.stage_index, "step": resume.step}
    start["changed"] = {k: v for k, v in record["config"].items() if old["config"].get(k) != v and k != "resume"}
    kept = dict(old, config=record["config"], stages=record["stages"], inputs=old["inputs"] | record["inputs"],
                starts=old["starts"] + [start])
    _trim_metrics(out / "metrics.jsonl", resume, old)
    _remove_superseded(out / STATE, resume.state)
    _op("write run record", old_path)
    write_json(old_path, kept)
    return resume, kept


def _counts(path: Path) -> dict:
    """pairs/iterK.counts.json: {"run_id": str, "counts": {reason: n}}, checked."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        meta = None
    if not (isinstance(meta, dict) and isinstance(meta.get("run_id"), str) and isinstance(meta.get("counts"), dict)
            and all(type(v) is int for v in meta["counts"].values())):
        raise RunError(f"{path} is not the pair counts drift wrote (missing, not JSON, or of another shape); restore "
                       "it, or start a fresh --out")
    return meta


def _remove_temporaries(out: Path) -> None:
    """Temporary files and folders (.NAME.*.tmp, .STAGE.tmp) anywhere under OUT: only this job,
    which holds the lock, could be writing them, and it has not started."""
    for litter in sorted(out.rglob(".*.tmp"), key=lambda p: -len(p.parts)):
        if litter.exists():
            _op("remove temporary", litter)
            shutil.rmtree(litter) if litter.is_dir() else litter.unlink()


def _latest_state(root: Path, run_id: str) -> Resume:
    """The newest complete state folder (one with meta.json), as a Resume; none: the start. A state
    of another run, of the old pickle-based format, or with a meta.json that is not drift's is
    refused, never read."""
    best = None
    if root.is_dir():
        for folder in sorted(root.iterdir()):
            meta_path = folder / "meta.json"
            if not meta_path.exists():
                continue
            if (folder / ".metadata").exists() or (folder / "extra.pt").exists():
                raise RunError(f"{folder} holds a training state in the old format (torch.distributed.checkpoint, "
                               "whose files are read by unpickling): drift does not read it; finish that run with the "
                               "drift that wrote it, or start a fresh --out")
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                meta = None
            problem = ledger.meta_problem(meta) if meta is not None else "not JSON"
            if problem is None and meta["format"] != STATE_FORMAT:
                problem = f"format {meta['format']}"
            if problem:
                raise RunError(f"{meta_path} is not a training state this drift wrote (format {STATE_FORMAT}; "
                               f"{problem}): it is not read; delete that folder, or start a fresh --out")
            if meta["run_id"] != run_id:
                raise RunError(f"{folder} belongs to another run ({meta['run_id']})")
            best = (folder, meta)
    if best is None:
        return Resume()
    folder, meta = best
    return Resume(meta["stage_index"], meta["step"], meta["global_step"], meta["sums"], meta["n"], meta["scheduler"],
                  str(folder), meta)


def _read_metrics(path: Path) -> list[dict]:
    """The rows of metrics.jsonl; a torn last line (a kill mid-write) is left out (a resume then
    checks that no row the state needs was in it); anything else that is not a row is refused."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    rows = []
    for i, line in enumerate(lines):
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            if i == len(lines) - 1:
                break
            raise RunError(f"{path}, line {i + 1}: not valid JSON; the metrics of this run are damaged") from None
        if problem := ledger.row_problem(row):
            raise RunError(f"{path}, line {i + 1}: not a metrics row drift wrote ({problem}); the metrics of this run "
                           "are damaged")
        rows.append(row)
    return rows


def _trim_metrics(path: Path, resume: Resume, record: dict) -> list[dict]:
    """Keep the rows of what the resume state holds: earlier stages whole, the evaluation at the
    start of the stage it resumes, and the first `resume.step` steps of that stage; the rest will
    be logged again. A row the state says was written but the file lacks (a line torn or deleted
    by hand) is refused, never silently left out of the run's record."""
    rows = _read_metrics(path)
    # an eval row at stage_index k judged the model at the start of stage k: kept with that state
    keep = [r for r in rows if r["stage_index"] < resume.stage_index
            or (r["stage_index"] == resume.stage_index and r["type"] == "eval")
            or (r["stage_index"] == resume.stage_index and r["type"] == "step" and r["stage_step"] <= resume.step)]
    stages = {r["stage_index"] for r in keep if r["type"] == "stage"}
    evals = {r["stage_index"] for r in keep if r["type"] == "eval"}
    evaluated = resume.stage_index + (resume.step > 0)  # evaluations at the start of stages 0 .. this - 1
    for k in range(resume.stage_index):
        if k not in stages:
            raise RunError(f"{path} lacks the stage row of {record['stages'][k]}, which the saved state says was "
                           "written (a torn or deleted line): restore the file, or start a fresh --out")
    for k in range(evaluated if record["config"].get("eval_data") else 0):
        if k not in evals:
            raise RunError(f"{path} lacks the evaluation row at the start of stage {k}, which the saved state says "
                           "was written (a torn or deleted line): restore the file, or start a fresh --out")
    if resume.meta and (problem := _metrics_problem(keep, resume)):  # refused before the file is rewritten
        raise RunError(f"--resume refused: {path} {problem}; restore it, or start a fresh --out")
    _op("trim metrics", path)
    with atomic_open(path) as f:
        f.write("".join(json.dumps(r) + "\n" for r in keep))
    return keep


def _metrics_problem(kept: list[dict], resume: Resume) -> str | None:
    """Whether the rows a resume keeps are those its state recorded (by count and sha256): the
    state's rows, then at most the evaluation at the start of the stage it resumes."""
    recorded = resume.meta.get("metrics")
    if recorded is None:  # a state written before this record existed
        return None
    n = recorded["rows"]
    later = kept[n:]
    if (len(kept) < n or any(r["type"] != "eval" or r["stage_index"] != resume.stage_index for r in later)
            or ledger.rows_digest(kept[:n]) != recorded):
        return (f"does not hold the {n} rows the state recorded (by count and sha256): a row deleted, repeated or "
                "edited")
    return None


def _remove_superseded(root: Path, keep) -> None:
    """Remove every state folder but `keep` (the newest complete one): unpublish first, so that a
    kill in the middle of removing one never leaves a folder that looks complete."""
    if not root.is_dir():
        return
    for old in sorted(root.iterdir()):
        if keep is not None and old == Path(keep):
            continue
        if (old / "meta.json").exists():
            _op("unpublish old state", old / "meta.json")
            (old / "meta.json").unlink()
        _op("remove old state", old)
        shutil.rmtree(old)


def trained(model) -> dict[str, torch.nn.Parameter]:
    """The parameters a run trains, by name: every weight, or the LoRA adapters alone."""
    return {name: p for name, p in model.named_parameters() if p.requires_grad}


def _optimizer_tensors(model, optimizer) -> dict[str, torch.Tensor]:
    """The optimizer's tensors by parameter name: {"NAME/KEY": tensor} (RMSprop: step, square_avg)."""
    return {f"{name}/{key}": value for name, p in model.named_parameters()
            for key, value in optimizer.state.get(p, {}).items() if torch.is_tensor(value)}


def _artifacts(out: Path) -> dict[str, dict]:
    """Size and sha256 of the files a resume reads besides the state: the sampled pairs (and their
    counts) and the evaluation replies written so far."""
    found = sorted(out.glob("pairs/iter*.jsonl")) + sorted(out.glob("pairs/iter*.counts.json"))
    found += sorted(out.glob("eval/*.jsonl"))
    return {str(p.relative_to(out)): file_digest(p) for p in found}


def _remove_incomplete(root: Path) -> None:
    """State folders without meta.json are what a killed save left: nothing reads them."""
    if root.is_dir():
        for folder in root.iterdir():
            if not (folder / "meta.json").exists():
                _op("remove incomplete state", folder)
                shutil.rmtree(folder)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _explain(e: Exception, out: Path) -> str:
    if isinstance(e, RunError):
        return str(e)
    return f"cannot use --out {out}: {e.strerror or e} ({getattr(e, 'filename', None) or out})"
