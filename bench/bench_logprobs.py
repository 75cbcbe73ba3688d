"""Peak memory and time of summed response log-probs: the project's chunked `sequence_logps`
against the naive full log-softmax (`naive_sequence_logps`), forward + backward, fp32, on CPU.

    python bench/bench_logprobs.py            # Qwen2.5's vocabulary (152,064), 4 x 2048 tokens, ~5 min on 2 cores, ~17 GiB free RAM
    python bench/bench_logprobs.py --quick    # 4 x 512 tokens, ~1.5 min

The model is one Qwen2 decoder layer with Qwen2.5-0.5B's widths (hidden 896, tied embeddings)
and its vocabulary, randomly initialised: the log-prob computation is what differs between the
two variants, the layer only gives it real hidden states and a real backward. Every position
after the first is a response token (the most work the chunked version can be given).

Each variant runs in a child process of its own. Its peak is measured from the kernel's
high-water mark of resident memory (VmHWM), reset just before the computation: "peak extra" is
that peak minus the resident memory right before (model, optimizer-free, inputs built). The naive
child runs under an address-space cap a little below the memory available, so on a machine too
small for it the allocation fails cleanly and the table reports a lower bound instead of the
kernel killing something.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import THREADS_HELP, command_line, load_average, machine, run_worker, table  # noqa: E402

TARGET = 0.25
QWEN25_VOCAB = 152_064


def vm_kib(field: str) -> int:
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def reset_peak():
    """Reset the kernel's peak-RSS counter (VmHWM) to the current RSS (Linux >= 4.0)."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def mem_available_kib() -> int:
    for line in open("/proc/meminfo"):
        if line.startswith("MemAvailable:"):
            return int(line.split()[1])
    raise KeyError("MemAvailable")


def build(spec):
    import torch
    from transformers import AutoModelForCausalLM, Qwen2Config

    config = Qwen2Config(
        vocab_size=spec["vocab"], hidden_size=spec["hidden"], intermediate_size=spec["intermediate"],
        num_hidden_layers=1, num_attention_heads=14, num_key_value_heads=2,
        max_position_embeddings=max(4096, spec["seq"]), tie_word_embeddings=True,
    )
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32).train()
    g = torch.Generator().manual_seed(1)
    B, T = spec["batch"], spec["seq"]
    input_ids = torch.randint(spec["vocab"], (B, T), generator=g)  # (B, T)
    attention_mask = torch.ones(B, T, dtype=torch.long)  # (B, T)
    response_mask = torch.ones(B, T, dtype=torch.long)  # (B, T)
    response_mask[:, 0] = 0  # nothing predicts the first token
    return model, input_ids, attention_mask, response_mask


def worker(spec: dict) -> dict:
    import torch

    from drift.logprobs import naive_sequence_logps, sequence_logps

    if spec["variant"] == "naive" and spec.get("cap_kib"):
        cap = spec["cap_kib"] * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    model, input_ids, attention_mask, response_mask = build(spec)
    weights = torch.linspace(-1.0, 2.0, input_ids.shape[0])  # (B,) a different gradient scale per row

    reset_peak()
    before = vm_kib("VmRSS")
    try:
        t0 = time.perf_counter()
        if spec["variant"] == "naive":
            out = naive_sequence_logps(model, input_ids, attention_mask, response_mask)
        else:
            out = sequence_logps(model, input_ids, attention_mask, response_mask, chunk_size=spec["chunk_size"])
        t1 = time.perf_counter()
        (out.logps * weights).sum().backward()
        t2 = time.perf_counter()
    except (RuntimeError, MemoryError) as e:
        return {"failed": f"{type(e).__name__}: {str(e).splitlines()[0][:120]}",
                "peak_extra_mib": (vm_kib("VmHWM") - before) / 1024, "rss_before_mib": before / 1024}
    peak = vm_kib("VmHWM")
    grads = {name: p.grad for name, p in model.named_parameters() if p.grad is not None}
    from safetensors.torch import save_file  # not pickle: nothing read back here could run code

    save_file({"logps": out.logps.detach().contiguous(), "n_tokens": out.n_tokens.contiguous()}
              | {f"grads/{k}": v.contiguous() for k, v in grads.items()}, spec["save"])
    return {"forward_s": t1 - t0, "backward_s": t2 - t1, "peak_extra_mib": (peak - before) / 1024,
            "rss_before_mib": before / 1024, "peak_mib": peak / 1024}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--vocab", type=int, default=QWEN25_VOCAB)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--seq", type=int, default=2048)
    p.add_argument("--hidden", type=int, default=896)
    p.add_argument("--intermediate", type=int, default=4864)
    p.add_argument("--chunk-size", type=int, default=1024, help="the project's default (--logps-chunk-size)")
    p.add_argument("--threads", type=int, default=None, help=THREADS_HELP)
    p.add_argument("--quick", action="store_true", help="4 x 512 tokens")
    p.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--spec", help=argparse.SUPPRESS)
    p.add_argument("--result", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        Path(args.result).write_text(json.dumps(worker(json.loads(Path(args.spec).read_text()))))
        return
    if args.quick:
        args.seq = min(args.seq, 512)

    import torch

    header = f"{command_line()}\nmachine: {machine(args.threads)}"
    print(header, flush=True)
    n_pos = args.batch * args.seq
    one_copy_gib = n_pos * args.vocab * 4 / 2**30  # one fp32 (B, T, V) tensor
    results, saved = {}, {}
    with tempfile.TemporaryDirectory(prefix="bench-logprobs-") as tmp:
        for variant in ("chunked", "naive"):
            spec = {"variant": variant, "vocab": args.vocab, "batch": args.batch, "seq": args.seq, "hidden": args.hidden,
                    "intermediate": args.intermediate, "chunk_size": args.chunk_size, "save": f"{tmp}/{variant}.safetensors",
                    # leave 1.5 GiB of what is available now to everything else on the machine
                    "cap_kib": max(mem_available_kib() - 3 * 2**19, 2**20)}
            spec_path = Path(tmp) / f"{variant}.json"
            spec_path.write_text(json.dumps(spec))
            print(f"running {variant} ({load_average()}) ...", flush=True)
            results[variant] = run_worker(__file__, ["--spec", str(spec_path)], threads=args.threads)
            if "failed" not in results[variant]:
                from safetensors.torch import load_file

                tensors = load_file(spec["save"])
                saved[variant] = {"logps": tensors["logps"], "n_tokens": tensors["n_tokens"],
                                  "grads": {k[6:]: v for k, v in tensors.items() if k.startswith("grads/")}}
                os.remove(spec["save"])
        cap_gib = spec["cap_kib"] / 2**20

    ours, naive = results["chunked"], results["naive"]
    rows = []
    for name, r in (("project sequence_logps (chunked)", ours), ("naive full log-softmax", naive)):
        if "failed" in r:
            rows.append([name, f"> {r['peak_extra_mib']:.0f} (failed under a {cap_gib:.1f} GiB cap)", "", "", f"{r['rss_before_mib']:.0f}"])
        else:
            rows.append([name, f"{r['peak_extra_mib']:.0f}", f"{r['forward_s']:.1f}", f"{r['backward_s']:.1f}", f"{r['rss_before_mib']:.0f}"])
    mem_ratio = ours["peak_extra_mib"] / naive["peak_extra_mib"]
    bound = "<= " if "failed" in naive else ""
    rows.append(["ratio project/naive", f"{bound}{mem_ratio:.3f}x (target <= {TARGET}: {'met' if mem_ratio <= TARGET else 'MISSED'})",
                 "" if "failed" in naive else f"{ours['forward_s'] / naive['forward_s']:.2f}x",
                 "" if "failed" in naive else f"{ours['backward_s'] / naive['backward_s']:.2f}x", ""])

    print("\n" + header + f"\n{load_average()} at the end")
    print(f"V = {args.vocab:,}, B x T = {args.batch} x {args.seq} ({n_pos:,} scored positions), hidden {args.hidden}, "
          f"1 Qwen2 layer, tied embeddings, fp32, chunk {args.chunk_size}; one fp32 (B, T, V) tensor = {one_copy_gib:.2f} GiB\n")
    print(table(["variant", "peak extra MiB", "forward s", "backward s", "RSS before MiB"], rows))
    if len(saved) == 2:
        a, b = saved["chunked"], saved["naive"]
        d_logps = (a["logps"] - b["logps"]).abs().max().item()
        d_grad = max((a["grads"][k] - b["grads"][k]).abs().max().item() for k in b["grads"])
        g_scale = max(b["grads"][k].abs().max().item() for k in b["grads"])
        same_n = torch.equal(a["n_tokens"], b["n_tokens"])
        print(f"\nequal results: max |logps diff| = {d_logps:.2e} (|logps| ~ {b['logps'].abs().max().item():.3g}), "
              f"max |grad diff| = {d_grad:.2e} (max |grad| {g_scale:.3g}), same token counts: {same_n}")


if __name__ == "__main__":
    main()
