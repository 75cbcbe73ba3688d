"""Host memory of gradient accumulation on 2 ranks: drift.trainer.train_step (gradients
reduce-scattered after every micro-batch, FSDP2's default) against the sync switched off until the
last micro-batch of a step (what the project did before).

    python bench/bench_accumulation.py            # a 63M-parameter Qwen2 from a config, ~18 min on 2 cores

With the sync off, FSDP2 keeps an unsharded gradient of every parameter between micro-batches:
the whole model's size on every rank, on top of the rank's shard of weights, gradients and
optimizer state. With it on, a rank only ever holds its shard's gradient, so 4 micro-batches a
step should cost no more memory than 1 (target: at most 1.2x the peak above the baseline).

Each configuration runs on 2 fresh ranks (torchrun, gloo, fp32): the model is built, sharded and
given its optimizer state by one full step; then the peak resident memory (VmHWM) is reset and
3 steps of M micro-batches (2 pairs of 256 + 256 tokens each: 2048 tokens, a quarter of the paper's
micro-batch) are taken; the table shows that peak above the memory held before them, per rank.
What 4 micro-batches still add is the rank's gradient shard, which must persist from the first
micro-batch to the optimizer step: 1/ranks of the model's fp32 gradient, 1/2 here, 1/8 on a node.
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

# 63M parameters (the target asks for at least 50M), nearly all in the decoder layers: a small
# vocabulary keeps the root module (embedding and head, gathered whole for every step in both
# modes) from hiding what the layers' gradients cost
HIDDEN, LAYERS, VOCAB = 768, 7, 2048


def vm_kib(field: str) -> int:
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def worker(mode: str, micro_batches: int, result: str):
    import torch
    import torch.distributed as tdist
    from types import SimpleNamespace
    from transformers import AutoModelForCausalLM, Qwen2Config

    from drift import dist as D
    from drift.data import EncodedPair
    from drift.trainer import linear_schedule, reference_logps, train_step

    torch.set_num_threads(1)
    dist = D.setup()
    torch.manual_seed(0)
    config = Qwen2Config(vocab_size=VOCAB, hidden_size=HIDDEN, intermediate_size=4 * HIDDEN, num_hidden_layers=LAYERS,
                         num_attention_heads=12, num_key_value_heads=4, tie_word_embeddings=False)
    model = D.shard(AutoModelForCausalLM.from_config(config, dtype=torch.float32), torch.float32, dist.device)
    n_params = sum(p.numel() for p in model.parameters())
    g = torch.Generator().manual_seed(1)
    ids = lambda n: torch.randint(5, VOCAB, (n,), generator=g).tolist()  # noqa: E731
    per_step = 2 * 2 * micro_batches  # 2 pairs a micro-batch, 2 ranks
    pairs = [EncodedPair(ids(256), ids(256), ids(256)) for _ in range(per_step * 4)]
    plan = [[list(range(s + 2 * j, s + 2 * j + 2)) for j in range(2 * micro_batches)] for s in range(0, len(pairs), per_step)]
    cfg = SimpleNamespace(beta=0.1, loss_type="sigmoid", label_smoothing=0.0, rpo_alpha=0.001, max_grad_norm=1.0,
                          logps_chunk_size=1024, signal_tau=0.25, packing=False, max_length=512)
    ref = reference_logps(model, pairs, plan, dist, 0, 1024)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-6)
    scheduler = linear_schedule(optimizer, len(plan), 0.0)
    if mode == "sync-last":  # the old way: no reduce-scatter until the step's last micro-batch
        backward = torch.Tensor.backward
        state = {"j": 0}

        def backward_with_sync_at_the_end(self, *args, **kwargs):
            model.set_requires_gradient_sync(state["j"] % micro_batches == micro_batches - 1)
            state["j"] += 1
            return backward(self, *args, **kwargs)

        torch.Tensor.backward = backward_with_sync_at_the_end
    model.train()
    train_step(model, optimizer, scheduler, pairs, ref, plan[0], cfg, dist, 0)  # optimizer state allocated
    D.barrier()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset the peak to the current resident memory
    baseline = vm_kib("VmRSS")
    for step in plan[1:]:
        train_step(model, optimizer, scheduler, pairs, ref, step, cfg, dist, 0)
    peak = vm_kib("VmHWM")
    shard = sum(p.to_local().numel() * p.element_size() for p in model.parameters())
    rows = [None] * dist.world_size
    tdist.all_gather_object(rows, {"rank": dist.rank, "peak_above_mib": (peak - baseline) / 1024,
                                   "shard_mib": shard / 2**20, "params": n_params})
    if dist.is_main:
        Path(result).write_text(json.dumps(rows))
    D.teardown()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", nargs=3, metavar=("MODE", "MICRO", "RESULT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker[0], int(args.worker[1]), args.worker[2])
        return
    results = {}
    for mode in ("sync-last", "sync-every"):
        for micro in (1, 4):
            with tempfile.TemporaryDirectory() as tmp:
                result = Path(tmp) / "result.json"
                # a fixed mmap threshold: every tensor of 64 KiB or more is mapped on allocation and
                # unmapped when freed, so the resident memory follows the live tensors (glibc's
                # adaptive threshold would keep freed blocks resident and blur the peaks)
                env = dict(os.environ, OMP_NUM_THREADS="1", TQDM_DISABLE="1", MALLOC_MMAP_THRESHOLD_="65536",
                           PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", 0))
                    port = sock.getsockname()[1]
                cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", str(port),
                       __file__, "--worker", mode, str(micro), str(result)]
                subprocess.run(cmd, env=env, check=True, cwd=REPO)
                results[mode, micro] = json.loads(result.read_text())
    labels = {"sync-last": "sync off until the last micro-batch (before)",
              "sync-every": "reduce-scatter every micro-batch (train_step)"}
    rows, ratios = [], {}
    for mode in labels:
        for rank in (0, 1):
            one, four = (next(r for r in results[mode, m] if r["rank"] == rank) for m in (1, 4))
            ratio = four["peak_above_mib"] / one["peak_above_mib"]
            ratios[mode, rank] = ratio
            rows.append([labels[mode], rank, f"{one['peak_above_mib']:.0f}", f"{four['peak_above_mib']:.0f}",
                         f"{ratio:.2f}x", f"{one['shard_mib']:.0f}"])
    params = results["sync-every", 1][0]["params"]
    print(f"\n# {command_line()}\n# {machine(1)}; Qwen2 of {params / 1e6:.0f}M parameters, 2 ranks, fp32")
    print(table(["gradient accumulation", "rank", "peak above baseline, 1 micro-batch, MiB", "4 micro-batches, MiB",
                 "4 / 1", "its shard of weights, MiB"], rows))
    if max(ratios["sync-every", r] for r in (0, 1)) > 1.2:
        sys.exit("MISSED: 4 micro-batches cost more than 1.2x the memory of 1")


if __name__ == "__main__":
    main()
