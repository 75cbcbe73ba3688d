"""The lab's worlds do not depend on the thread count outside them: each world pins its own
(drift/lab/tiny.py THREADS, in-process and in every train.py child), so a --quick run with the
outer default and one with every thread variable at 1 must write the same lab.json, every number
but the timings alike.

    python bench/lab_threads.py            # writes bench/results/lab_threads.json (~5 min on 2 cores)

The suite runs each world once (tests/test_lab.py) and checks the children's environment; this is
the end-to-end comparison, kept here for its time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

sys.path.insert(0, str(REPO))

from common import command_line, machine  # noqa: E402

from drift.lab.tiny import THREAD_VARIABLES  # noqa: E402

OUTER = {"default": {}, "1": dict.fromkeys(THREAD_VARIABLES, "1")}


def lab_json(world: str, out: Path, extra: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in OUTER["1"]} | extra | {"PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-m", "drift.lab", world, "--quick", "--out", str(out)], cwd=REPO, env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{world} with outer threads {extra or 'default'} failed: {proc.stderr.strip()[-2000:]}")
    return json.loads((out / "lab.json").read_text())


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=str(REPO / "bench" / "results"), help="folder for lab_threads.json")
    args = p.parse_args(argv)
    worlds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for world in ("fair", "tiny"):
            results = {name: lab_json(world, Path(tmp) / world / name, extra) for name, extra in OUTER.items()}
            timeless = [{k: v for k, v in r.items() if k not in ("seconds", "seconds_by_part")} for r in results.values()]
            worlds[world] = {"same_lab_json": timeless[0] == timeless[1],
                             "seconds": {name: r["seconds"] for name, r in results.items()}}
            print(f"{world}: outer default vs 1 thread: {'the same' if timeless[0] == timeless[1] else 'DIFFERENT'} lab.json")
    Path(args.out, "lab_threads.json").write_text(json.dumps({"machine": machine(), "command": command_line(),
                                                              "worlds": worlds}, indent=1) + "\n")
    return 0 if all(w["same_lab_json"] for w in worlds.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
