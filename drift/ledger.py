"""What a resume reads, recorded when it is written and checked when it is read (drift/run.py).

OUT/run.json's "written" holds the size and sha256 of every file a resume reads besides its
inputs, recorded the moment each is published: the sampled pairs and their counts, each
evaluation's replies, and the newest training state's meta.json. A state's meta.json records the
metrics rows it covers (their count and sha256). A --resume checks each against the folder and
refuses in one line naming the file: an edited, truncated or deleted file is never read, and a
state/ that is gone while run.json recorded one is an error, not a fresh start. Every JSON field
a resume reads is checked for type and shape first (run_record_problem, meta_problem, row_problem).

A kill between a file's write and its record leaves a newer file unrecorded (the ledger lags by at
most one write): a newer state, or pairs whose counts file names this run, is then taken as the
run's own, as it was before this record existed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .shards import check_file

STATE_META_FIELDS = {"format": int, "stage_index": int, "step": int, "global_step": int, "optimizer": bool,
                     "run_id": str, "world_size": int, "param_groups": (list, type(None)),
                     "scheduler": (dict, type(None)), "sums": dict, "n": int, "index": (dict, type(None)),
                     "files": dict, "artifacts": dict}
RECORD_FIELDS = {"run_id": str, "config": dict, "stages": list, "inputs": dict, "starts": list, "version": str}


def _typed(value, kind) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return any(type(value) is k or (k is dict and isinstance(value, dict)) for k in kinds)


def _digest_shaped(value) -> bool:
    return (isinstance(value, dict) and type(value.get("bytes")) is int and isinstance(value.get("sha256"), str)
            and len(value["sha256"]) == 64)


def run_record_problem(record) -> str | None:
    """Why a run.json is not a record drift wrote (a field missing or of another type), or None."""
    if not isinstance(record, dict):
        return f"it holds {type(record).__name__}, not an object"
    for name, kind in RECORD_FIELDS.items():
        if name not in record:
            return f"field {name!r} is missing"
        if not _typed(record[name], kind):
            return f"field {name!r} is {type(record[name]).__name__}, not {kind.__name__}"
    if not all(isinstance(s, str) for s in record["stages"]) or not all(isinstance(s, dict) for s in record["starts"]):
        return "field 'stages' or 'starts' holds values of another type"
    written = record.get("written", {})
    if not isinstance(written, dict) or not all(_digest_shaped(v) for v in written.values()):
        return "field 'written' is not a map of file digests"
    return None


def meta_problem(meta) -> str | None:
    """Why a state's meta.json is not one drift wrote (a field missing or of another type), or None."""
    if not isinstance(meta, dict):
        return "not an object"
    for name, kind in STATE_META_FIELDS.items():
        if name not in meta:
            return f"field {name!r} is missing"
        if not _typed(meta[name], kind):
            return f"field {name!r} is {type(meta[name]).__name__}"
    if min(meta["stage_index"], meta["step"], meta["global_step"], meta["n"]) < 0 or meta["world_size"] < 1:
        return "a count is negative"
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in meta["sums"].values()):
        return "field 'sums' holds a value that is not a number"
    if not all(_digest_shaped(v) for v in list(meta["files"].values()) + list(meta["artifacts"].values())):
        return "field 'files' or 'artifacts' is not a map of file digests"
    if meta["index"] is not None and not all(
            isinstance(e, dict) and isinstance(e.get("shape"), list) and isinstance(e.get("dtype"), str)
            and isinstance(e.get("sharded"), bool) for e in meta["index"].values()):
        return "field 'index' is not a map of tensor entries"
    metrics = meta.get("metrics")
    if metrics is not None and not (isinstance(metrics, dict) and type(metrics.get("rows")) is int
                                    and isinstance(metrics.get("sha256"), str)):
        return "field 'metrics' is not a row count and digest"
    return None


ROW_TYPES = ("step", "stage", "eval")


def row_problem(row) -> str | None:
    """Why a metrics.jsonl row is not one drift wrote, or None."""
    if not isinstance(row, dict):
        return "not an object"
    if row.get("type") not in ROW_TYPES:
        return f"field 'type' is {row.get('type')!r}, not one of {', '.join(ROW_TYPES)}"
    for name in ("stage_index", "step") + (("stage_step",) if row["type"] == "step" else ()):
        if type(row.get(name)) is not int or row[name] < 0:
            return f"field {name!r} is missing or not a count"
    if not isinstance(row.get("stage"), str):
        return "field 'stage' is missing or not a name"
    return None


def rows_digest(rows: list[dict]) -> dict:
    """The count and sha256 of metrics rows, as a state records those it covers."""
    h = hashlib.sha256()
    for row in rows:
        h.update((json.dumps(row, sort_keys=True) + "\n").encode())
    return {"rows": len(rows), "sha256": h.hexdigest()}


def recorded_problems(out: Path, written: dict) -> list[str]:
    """Every recorded file that is missing or changed (the state's meta.json is checked apart)."""
    names = sorted(written, key=lambda name: (name.endswith(".counts.json"), name))  # a pairs file before its counts
    return [p for name in names if not name.startswith("state/") and (p := check_file(out / name, written[name]))]


def state_problem(out: Path, written: dict, state: str | None) -> str | None:
    """Why the newest state found (its folder, or None) is not the one run.json recorded: gone,
    older, or its meta.json changed. A newer one is the run's own (a kill before its record)."""
    recorded = [name for name in written if name.startswith("state/")]
    if not recorded:
        return None
    name = recorded[0]
    folder = (out / name).parent
    if state is None:
        return f"{folder} is gone, and run.json records it: a resume would start over"
    if Path(state).name < folder.name:
        return f"{folder} is gone (run.json records it; {state} is older)"
    if Path(state).name == folder.name:
        return check_file(out / name, written[name])
    return None
