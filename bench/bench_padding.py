"""Padding in the DPO step: micro-batches padded to their longest row against the same rows packed
into bins (drift/data.py collate_packed), on a WildChat-like length mix, forward + backward, fp32,
on CPU. Both compute the same losses; packing computes fewer tokens.

    python bench/bench_padding.py               # 2 global batches of 32 pairs, ~6 min on 2 cores
    python bench/bench_padding.py --quick       # 1 batch of 16 pairs, rows up to 512 tokens, ~1 min

Lengths (seeded): prompt and reply tokens log-normal with medians 150 and 350 (sigma 1.0 and 0.9,
the spread of WildChat's turns), the prompt capped at 1024 and the row at 2048 (the paper's
max_prompt_length and max_length), chosen and rejected replies drawn independently. The global
batch of 32 pairs is planned by train.py's own batch_plan (8 micro-batch slots of 4 pairs, one
rank) and each slot is one forward + backward of the DPO loss (trainer.train_step). The model is a
Qwen2 from a config (hidden 256, 4 layers, vocabulary 8192): the padding is what differs.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import THREADS_HELP, command_line, load_average, machine, table  # noqa: E402


def length_mix(n_pairs: int, max_length: int, max_prompt: int, seed: int):
    import numpy as np

    rng = np.random.default_rng(seed)
    prompt = np.minimum(np.exp(rng.normal(math.log(150), 1.0, n_pairs)), max_prompt).astype(int) + 1
    chosen, rejected = (np.exp(rng.normal(math.log(350), 0.9, n_pairs)).astype(int) + 1 for _ in range(2))
    return [(int(p), int(min(c, max_length - p)), int(min(r, max_length - p))) for p, c, r in zip(prompt, chosen, rejected)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="16 pairs, rows up to 512 tokens")
    parser.add_argument("--threads", type=int, default=None, help=THREADS_HELP)
    args = parser.parse_args()

    import torch
    from transformers import AutoModelForCausalLM, Qwen2Config

    from drift import dist as D
    from drift.data import EncodedPair
    from drift.trainer import batch_plan, linear_schedule, reference_logps, train_step

    if args.threads:
        torch.set_num_threads(args.threads)
    n_pairs, max_length, max_prompt, batches = (16, 512, 256, 1) if args.quick else (64, 2048, 1024, 2)
    vocab = 8192
    g = torch.Generator().manual_seed(0)
    pairs = [EncodedPair(*(torch.randint(3, vocab, (n,), generator=g).tolist() for n in lengths))
             for lengths in length_mix(n_pairs, max_length, max_prompt, seed=0)]
    config = Qwen2Config(vocab_size=vocab, hidden_size=256, intermediate_size=704, num_hidden_layers=4,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096,
                         tie_word_embeddings=False)
    dist = D.setup()
    results = {}
    for mode in ("padded", "packed"):
        torch.manual_seed(0)
        model = D.shard(AutoModelForCausalLM.from_config(config, dtype=torch.float32), torch.float32, dist.device)
        cfg = SimpleNamespace(beta=0.1, loss_type="sigmoid", label_smoothing=0.0, rpo_alpha=0.001, logps_chunk_size=1024,
                              signal_tau=0.25, max_grad_norm=1.0, max_length=max_length, packing=mode == "packed")
        plan = batch_plan(len(pairs), 1, 32 if not args.quick else 16, 4, 1, seed=0)[:batches]
        optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-5)
        scheduler = linear_schedule(optimizer, len(plan), 0.0)
        model.eval()
        ref = reference_logps(model, pairs, plan, dist, 0, 1024, pack_to=2 * max_length if cfg.packing else 0)
        model.train()
        losses, seconds, real, padding = [], 0.0, 0, []
        for step in plan:
            t0 = time.perf_counter()
            m = train_step(model, optimizer, scheduler, pairs, ref, step, cfg, dist, 0)
            seconds += time.perf_counter() - t0
            losses.append(m["loss"])
            real += sum(len(pairs[i].prompt_ids) * 2 + len(pairs[i].chosen_ids) + len(pairs[i].rejected_ids)
                        for slot in step for i in slot)
            padding.append(m["tokens/padding"])
        results[mode] = {"losses": losses, "tokens_per_s": real / seconds, "seconds": seconds,
                         "padding": sum(padding) / len(padding)}
        print(f"{mode}: {seconds:.1f} s, {real / seconds:.0f} tokens/s, padding {results[mode]['padding']:.1%}", flush=True)
    D.teardown()

    pad, pack = results["padded"], results["packed"]
    diff = max(abs(a - b) for a, b in zip(pad["losses"], pack["losses"]))
    print()
    print(f"# {command_line()}")
    print(f"# {machine(args.threads)}; {load_average()}")
    print(f"# {len(plan)} global batch(es) of {32 if not args.quick else 16} pairs, micro-batches of 4, rows up to "
          f"{max_length} tokens; max |loss difference| {diff:.2e} (target 1e-5)")
    print(table(["micro-batches", "padding share of computed tokens", "real tokens/s", "step time"], [
        ["padded to the longest row", f"{pad['padding']:.1%}", f"{pad['tokens_per_s']:.0f}", f"{pad['seconds']:.1f} s"],
        ["packed (collate_packed)", f"{pack['padding']:.1%} (target 10%)", f"{pack['tokens_per_s']:.0f} "
         f"({pack['tokens_per_s'] / pad['tokens_per_s']:.2f}x)", f"{pack['seconds']:.1f} s"],
    ]))
    if diff > 1e-5 or pack["padding"] > 0.10:
        sys.exit("MISSED: " + ("losses differ" if diff > 1e-5 else "padding above 10%"))


if __name__ == "__main__":
    main()
