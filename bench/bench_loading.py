"""Host memory of loading the model on 2 ranks: drift.trainer.load_model (rank 0 reads the weights, the
others build the model on the meta device and receive their shard, drift/dist.py shard_from_rank0)
against every rank reading the whole file first (what the project did before).

    python bench/bench_loading.py                 # the embedded SmolLM2-135M-Instruct, ~1 min
    python bench/bench_loading.py --model PATH    # any Hugging Face causal LM folder

Each rank measures its resident memory right after the imports and the process group (the
baseline: what a process that only imported the same libraries holds), then its peak (VmHWM)
once the model is sharded, before any training. The rank that does not read the file should
peak at no more than its shard plus the largest single tensor it is sent (the embedding matrix:
weights arrive one tensor at a time) above that baseline. Rank 0 then gathers the sharded
weights and checks them against the file: the result is the 1-rank model exactly.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import REPO, command_line, machine, table  # noqa: E402


def vm_kib(field: str) -> int:
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def worker(model_path: str, how: str, result: str):
    import torch
    import torch.distributed as tdist
    from transformers import AutoModelForCausalLM

    from drift.model import load_model
    from drift import dist as D

    torch.set_num_threads(1)
    dist = D.setup()
    D.barrier()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset the peak to the current resident memory
    baseline = vm_kib("VmRSS")
    if how == "meta":
        model = load_model(model_path, dist, torch.float32)
    else:  # the old way: every rank reads the whole model, then shards it
        model = D.shard(AutoModelForCausalLM.from_pretrained(model_path, dtype=torch.float32), torch.float32, dist.device)
    peak = vm_kib("VmHWM")
    shard = sum(p.to_local().numel() * p.element_size() for p in model.parameters())
    largest = max(p.numel() * p.element_size() for p in model.parameters())
    full = sum(p.numel() * p.element_size() for p in model.parameters())
    state = D.full_state_dict(model)
    equal = None
    if dist.is_main:
        reference = AutoModelForCausalLM.from_pretrained(model_path, dtype=torch.float32).state_dict()
        equal = all(torch.equal(state[k], reference[k]) for k in reference) and set(state) == set(reference)
    rows = [None] * dist.world_size
    tdist.all_gather_object(rows, {"rank": dist.rank, "baseline_mib": baseline / 1024, "peak_mib": peak / 1024,
                                   "shard_mib": shard / 2**20, "largest_tensor_mib": largest / 2**20,
                                   "full_mib": full / 2**20, "equal_to_file": equal})
    if dist.is_main:
        Path(result).write_text(json.dumps(rows))
    D.teardown()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="", help="a model folder (default: the embedded SmolLM2-135M-Instruct)")
    parser.add_argument("--worker", nargs=3, metavar=("MODEL", "HOW", "RESULT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return
    from drift.embedded import resolve_model

    model_path = resolve_model(args.model)
    results = {}
    for how in ("every-rank", "meta"):
        with tempfile.TemporaryDirectory() as tmp:
            result = Path(tmp) / "result.json"
            env = dict(os.environ, OMP_NUM_THREADS="1", TQDM_DISABLE="1",
                       PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                port = sock.getsockname()[1]
            cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", str(port),
                   __file__, "--worker", model_path, how, str(result)]
            subprocess.run(cmd, env=env, check=True, cwd=REPO)
            results[how] = json.loads(result.read_text())
    rows = []
    for how, label in (("every-rank", "every rank reads the file, then shards"), ("meta", "rank 0 reads, others receive their shard")):
        for r in results[how]:
            extra = r["peak_mib"] - r["baseline_mib"]
            rows.append([label, r["rank"], f"{extra:.0f}", f"{r['shard_mib']:.0f}", f"{r['largest_tensor_mib']:.0f}",
                         f"{r['full_mib']:.0f}", "yes" if extra <= r["shard_mib"] + r["largest_tensor_mib"] else "no",
                         r["equal_to_file"] if r["rank"] == 0 else ""])
    print(f"\n# {command_line()}\n# {machine(1)}; model {model_path}")
    print(table(["loading", "rank", "peak above baseline, MiB", "its shard", "largest tensor", "full fp32 copy",
                 "<= shard + largest", "weights equal the file"], rows))
    other = next(r for r in results["meta"] if r["rank"] == 1)
    if other["peak_mib"] - other["baseline_mib"] > other["shard_mib"] + other["largest_tensor_mib"]:
        sys.exit("MISSED: the rank that does not read the file held more than its shard plus one tensor")


if __name__ == "__main__":
    main()
