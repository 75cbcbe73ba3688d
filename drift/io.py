"""Small file helpers shared by every script: JSONL in and out, written atomically.

Atomic means: write to a temporary file in the same folder, fsync, then os.replace. A run killed
mid-write leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import argparse
import errno
import json
import math
import os
import re
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator


class InputError(Exception):
    """Input a script cannot use, explained in its message: cli() says it in one line, exit 1."""


class DataError(InputError, ValueError):
    """Bad input data: the message names the file, the line and the field."""

    def __init__(self, path, line: int | None, field: str | None, problem: str):
        where = f"{path}" + (f", line {line}" if line is not None else "")
        where += f", field {field!r}" if field else ""
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.field, self.problem = str(path), line, field, problem


class UsageError(InputError, ValueError):
    """Flags that cannot work together (or with this many ranks): the message says what to change."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse whose errors are UsageErrors: an entry script's cli() says them in one line (on
    rank 0 under torchrun) and exits 1, like any other bad input (argparse alone prints its usage
    and exits 2)."""

    def error(self, message):
        raise UsageError(message)


def out_folder(text: str) -> Path:
    """An argparse type: an output folder out_folder_problem() allows."""
    if problem := out_folder_problem(text):
        raise argparse.ArgumentTypeError(problem)
    return Path(text)


def number(kind=int, lo=None, hi=None, lo_open: bool = False, hi_open: bool = False):
    """An argparse type: `kind` (int or float), finite, within [lo, hi] (open ends as asked)."""
    if hi is None and kind is int:
        raise TypeError("every integer flag has an upper bound")

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {'an integer' if kind is int else 'a number'}, got {text!r}")
        below = lo is not None and (value <= lo if lo_open else value < lo)
        above = hi is not None and (value >= hi if hi_open else value > hi)
        if below or above or (kind is float and not math.isfinite(value)):
            if hi is None:
                bounds = f"{'>' if lo_open else '>='} {lo}"
            else:
                bounds = f"in {'(' if lo_open else '['}{lo}, {hi}{')' if hi_open else ']'}"
            raise argparse.ArgumentTypeError(f"must be {'a finite number ' if kind is float else ''}{bounds}, got {text}")
        return value
    parse.__name__ = kind.__name__  # argparse names the type in its messages
    return parse


SEED_RANGE = (0, 2**63 - 1)  # what torch.manual_seed and a Generator take
PROJECT = Path(__file__).resolve().parent.parent


def out_folder_problem(value) -> str | None:
    """Why an output folder cannot be used: empty, the current directory, or the project or a folder
    above it (a run writes and, resumed, removes things in its folder)."""
    if not str(value).strip():
        return "must name a folder (an empty --out would write into the current directory)"
    folder = Path(value).expanduser().resolve()
    if folder == Path.cwd().resolve():
        return "is the current directory: name a folder of its own"
    if folder == PROJECT or folder in PROJECT.parents:
        return f"is {'the project' if folder == PROJECT else 'a folder above the project'} ({PROJECT}): name a folder of its own"
    return None


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


def check_readable(path: Path) -> None:
    """DataError unless `path` is a file this process can read."""
    if not path.exists():
        raise DataError(path, None, None, "file not found")
    if path.is_dir():
        raise DataError(path, None, None, "is a directory, not a file")
    if not os.access(path, os.R_OK):
        raise DataError(path, None, None, "permission denied")


def utf8_error(path: str | os.PathLike) -> DataError:
    """The DataError for the first byte of `path` that is not UTF-8, with its line and column."""
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as e:
                return DataError(path, lineno, None, f"not UTF-8 text (byte 0x{raw[e.start]:02x} at column "
                                                     f"{len(raw[:e.start].decode('utf-8', 'replace')) + 1})")
    return DataError(path, None, None, "not UTF-8 text")


# what a tokenizer refuses or mangles: lone surrogates (JSON's "\ud800" escapes; common in scraped
# logs) and Unicode's non-characters (U+FDD0..U+FDEF, and U+xFFFE, U+xFFFF of every plane)
_BAD_TEXT = re.compile("[\ud800-\udfff\ufdd0-\ufdef" + "".join(chr(p << 16 | 0xFFFE) + chr(p << 16 | 0xFFFF)
                                                             for p in range(17)) + "]")


def bad_text(value, field: str = "") -> tuple[str, str] | None:
    """(field path, the character as U+XXXX) of the first string in a JSON value that holds
    invalid Unicode, or None."""
    stack = [(field, value)]  # depth first, in order, without recursion (any nesting depth)
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if found := _BAD_TEXT.search(item):
                return where, f"U+{ord(found.group()):04X}"
        elif isinstance(item, dict):
            stack.extend((f"{where}.{k}", v) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", v) for i, v in reversed(list(enumerate(item))))
    return None


def check_text(path, line: int | None, value, element: str = "") -> None:
    """DataError naming the file, the line and the field of invalid Unicode in a value read."""
    if found := bad_text(value):
        field, char = found
        raise DataError(path, line, (element + field).lstrip(".") or None,
                        f"invalid Unicode ({char}: a lone surrogate or a non-character, which no tokenizer takes); "
                        "fix or drop that text")


def read_text(path: str | os.PathLike) -> str:
    """A whole UTF-8 text file (a byte-order mark is dropped); DataError names a bad byte's line."""
    path = Path(path)
    check_readable(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise utf8_error(path) from None
    if found := _BAD_TEXT.search(text):
        check_text(path, text.count("\n", 0, found.start()) + 1, text[found.start():found.end()])
    return text


def read_jsonl(path: str | os.PathLike, check_unicode: bool = True) -> Iterator[tuple[int, dict]]:
    """Yield (line_number, row) for every non-blank line; a line that is not a JSON object raises
    DataError naming the file and line (so does a byte that is not UTF-8, and, unless the caller
    counts it as a skip itself, a string of invalid Unicode). A byte-order mark at the start is
    dropped, as for JSON files."""
    path = Path(path)
    check_readable(path)
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise utf8_error(path) from None
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise DataError(path, lineno, None, f"not valid JSON ({e.msg} at column {e.colno})") from None
            except RecursionError:
                raise DataError(path, lineno, None, "nested too deeply to read") from None
            if not isinstance(row, dict):
                raise DataError(path, lineno, None, f"expected a JSON object, got {type(row).__name__}")
            if check_unicode:
                check_text(path, lineno, row)
            yield lineno, row


def publish_folder(folder: str | os.PathLike) -> None:
    """Flush a finished folder's files to disk before it is renamed into place (the rename must
    not land before the data it publishes) and give them the usual permissions (mkstemp and
    mkdtemp make private 0600 / 0700 files)."""
    folder = Path(folder)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)
    for p in folder.rglob("*"):
        if p.is_dir():
            os.chmod(p, 0o777 & ~umask)
        elif p.is_file():
            os.chmod(p, 0o666 & ~umask)
            with open(p, "rb") as f:
                os.fsync(f.fileno())


HUB_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?(?:/[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?)?")


def could_be_hub_id(name: str) -> bool:
    """Whether `name` has the form of a Hugging Face Hub id (name or owner/name): a path that does
    not exist and could not be one is "no such folder", not a question for the Hub."""
    return HUB_ID.fullmatch(name) is not None and ".." not in name


class Stopped(Exception):
    """A run stopped on request (drift/stop.py), its state saved: cli() says the message on rank 0
    and exits with `code` (130 after SIGINT, 143 after SIGTERM)."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def cli(main, resume_hint: str = "continue with the same command plus --resume") -> int:
    """Run an entry script's main(): a failure it can explain is one line on stderr, never a
    traceback, and Ctrl-C says how to go on. Returns the exit status: 0 done, 1 bad input (flags,
    files, a full disk, non-finite numbers), 130 interrupted, a stop's code (Stopped). Under torchrun an error every rank
    meets is said by rank 0 alone, one that only some ranks meet by each of them with its rank
    (drift.dist.report_error)."""
    rank = int(os.environ.get("RANK", "0"))
    dist = lambda: sys.modules.get("drift.dist")  # noqa: E731  loaded by the scripts that start a process group
    code = None  # stays None when an exception nothing here explains goes on up
    try:
        main()
        code = 0
        return 0
    except KeyboardInterrupt:
        said, code = f"interrupted: {resume_hint}", 130
        if rank == 0:
            print(f"\n{said}", file=sys.stderr)
    except Stopped as e:
        said, code = str(e), e.code
        if rank == 0:
            print(said, file=sys.stderr, flush=True)
    except (InputError, FloatingPointError) as e:  # once if every rank has it, else by each rank that has it
        said, code = f"error: {e}", 1
        if dist():
            dist().report_error(str(e))
        else:
            print(said, file=sys.stderr, flush=True)
    except OSError as e:
        where = f" ({e.filename})" if e.filename else ""
        if e.errno == errno.ENOSPC:
            said = (f"error: no space left on the device{where}; what was saved before is intact: free some space "
                    f"and {resume_hint}")
        else:
            said = f"error: {e.strerror or e}{where}"
        print(said, file=sys.stderr)
        code = 1
    finally:
        if dist():  # leave() ends a process that returns at once; one that raises tears its group down
            dist().release() if code is not None else dist().teardown()
    _tell_torchrun(said)
    return code


def _tell_torchrun(said: str) -> None:
    """Under torchrun, the line that ended this rank as its error record: torchrun's own summary of
    the failed job (which it prints after the workers end) then shows it as the root cause, not
    "To enable traceback see: ..." (the summary itself cannot be switched off from a worker)."""
    path = os.environ.get("TORCHELASTIC_ERROR_FILE")
    if not path:
        return
    try:
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"message": {"message": said, "extraInfo": {"py_callstack": said,
                                                                   "timestamp": str(int(time.time()))}}}, f)
    except OSError:
        pass  # the summary then says less; the line itself was printed


_AT_LEAVE = []


def at_leave(fn) -> None:
    """Call fn() when the script leaves, however main() ended (leave() may end the process with
    os._exit, which skips atexit): what must be closed to be readable (a tracker's files)."""
    _AT_LEAVE.append(fn)


def run_at_leave() -> None:
    """The at_leave functions, newest first, each once."""
    while _AT_LEAVE:
        _AT_LEAVE.pop()()


def leave(status: int):
    """End an entry script's process with `status` (what cli() returned). A process that joined a
    process group ends at once, its output flushed: once FSDP2 has sharded a model, FSDP's mesh
    records (which outlive the model) keep the gloo group and its threads alive past
    destroy_process_group, and their teardown during the interpreter's exit aborted a finished
    rank now and then ('terminate called without an active exception': twice in two full runs of
    the suite), turning a finished run into a failed one. Every file is closed by then."""
    run_at_leave()
    dist = sys.modules.get("drift.dist")
    if dist is not None and dist.started:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)
