"""What the benchmarks share: the machine line, tables, and workers run in their own process.

Each measured implementation runs in a child process of its own, so the peak resident memory
it reports (ru_maxrss) is its own and not the sum of everything the bench has imported.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, MiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process so far (all its threads)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def load_average() -> str:
    return "load average %.1f %.1f %.1f" % os.getloadavg()


def rss_mib() -> float:
    """Current resident memory of this process, MiB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def machine(threads: int | None = None) -> str:
    """One line naming the machine, the software and the date (`threads`: what the workers use)."""
    import torch

    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem_gib:.0f} GiB RAM, {gpu}; torch {torch.__version__}, "
        f"{threads or torch.get_num_threads()} threads; python {platform.python_version()}; {date}"
    )


def command_line() -> str:
    return "python " + " ".join([os.path.relpath(sys.argv[0], REPO)] + sys.argv[1:])


def table(headers: list[str], rows: list[list]) -> str:
    """A GitHub-flavoured markdown table (readable as plain text too)."""
    cells = [[str(c) for c in row] for row in [headers] + rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    return "\n".join([line(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in cells[1:]])


def run_worker(script: str, args: list[str], threads: int | None = None, timeout: float | None = None) -> dict:
    """Run `python script --worker ...args` in a fresh process; it writes its result as JSON to
    the file named by --result. Its output streams through, so a long run shows progress.
    `threads` sets the child's OpenMP/MKL thread count (torch's default when None)."""
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
                   TQDM_DISABLE="1", TOKENIZERS_PARALLELISM="false", HF_DATASETS_DISABLE_PROGRESS_BARS="1")
        if threads:
            env.update(OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
        cmd = [sys.executable, script, "--worker", *args, "--result", str(result)]
        proc = subprocess.run(cmd, env=env, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"worker failed ({proc.returncode}): {' '.join(cmd)}")
        return json.loads(result.read_text())


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


THREADS_HELP = (
    "threads per worker (default: torch's, one per core). On a machine shared with other jobs, 1 gives "
    "steadier ratios: a multi-threaded op waits for every thread to be scheduled, which costs small ops "
    "milliseconds when the other cores are busy"
)
