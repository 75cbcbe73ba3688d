"""Small file helpers shared by every script: JSONL in and out, written atomically.

Atomic means: write to a temporary file in the same folder, fsync, then os.replace. A run killed
mid-write leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator


class DataError(ValueError):
    """Bad input data: the message names the file, the line and the field."""

    def __init__(self, path, line: int | None, field: str | None, problem: str):
        where = f"{path}" + (f", line {line}" if line is not None else "")
        where += f", field {field!r}" if field else ""
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.field, self.problem = str(path), line, field, problem


@contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w"):
    """Open a temporary sibling of `path` for writing; it replaces `path` only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the result should look like any new file
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_jsonl(path: str | os.PathLike, rows: Iterable[dict]) -> int:
    """Write rows as JSON lines, atomically. Returns the number of rows written."""
    n = 0
    with atomic_open(path) as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_json(path: str | os.PathLike, obj, indent: int | None = 2) -> None:
    with atomic_open(path) as f:
        json.dump(obj, f, ensure_ascii=False, indent=indent)
        f.write("\n")


def read_jsonl(path: str | os.PathLike) -> Iterator[tuple[int, dict]]:
    """Yield (line_number, row) for every non-blank line; a line that is not a JSON object raises
    DataError naming the file and line."""
    path = Path(path)
    if not path.exists():
        raise DataError(path, None, None, "file not found")
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise DataError(path, lineno, None, f"not valid JSON ({e.msg} at column {e.colno})") from None
            if not isinstance(row, dict):
                raise DataError(path, lineno, None, f"expected a JSON object, got {type(row).__name__}")
            yield lineno, row
