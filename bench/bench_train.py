"""DPO training, side by side with TRL's DPOTrainer: per-step losses, epoch wall time, peak memory.

    pip install -r bench/requirements.txt
    python bench/bench_train.py --threads 1    # tiny model + embedded SmolLM2-135M-Instruct, ~20 min on 2 CPU cores
    python bench/bench_train.py --quick        # replies up to 256 tokens instead of 512, about half the time
    python bench/bench_train.py --models tiny  # seconds

Both implementations get the same model, the same pairs in the same order, the same hyperparameters
(RMSprop, beta 0.1, rpo_alpha 0.001, batch 4 with no accumulation, linear schedule with 10% warmup,
max_grad_norm 1.0, dropout off, fp32, one process on CPU) and the same reference handling (the
policy before its first update, scored once up front over the same batches: TRL's
precompute_ref_log_probs=True with no ref_model, the project's reference_logps). Each runs in a
child process of its own, one after the other, so each peak RSS is that implementation's own
and both ratios come from one invocation. Wall time is one epoch including tokenization and the
reference pass, excluding imports and the model load.

Same token ids. The project encodes the rendered prompt and each reply separately, the reply
ending with the template's end of turn (<|im_end|>, which is also EOS) and nothing after it.
TRL's conversational format renders prompt+reply through the template and keeps the newline the
template writes after <|im_end|>, i.e. one more token at the end of every response (a position
trained to predict "\n" after EOS). So TRL gets the standard string format instead: the prompt
as the template renders it, each reply as reply + <|im_end|>. The worker checks that the token
ids TRL trained on equal the project's, pair by pair, and the table reports the result.

The pairs are synthetic and deterministic (`synthetic_pairs`): English-like text, single- and
multi-turn prompts, some with a system message, mixed lengths up to --max-length tokens.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import (  # noqa: E402
    THREADS_HELP, command_line, cpu_seconds, load_average, machine, peak_rss_mib, ratio, rss_mib, run_worker, table, verdict,
)

TARGET_TIME, TARGET_RSS, TARGET_LOSS = 0.7, 0.8, 1e-4

WORDS = (
    "the model answer user question because first then while after before every reply should could would "
    "simple clear short long detail example result value number list table code function error fix change "
    "python data file line word sentence paragraph summary explain reason step method approach problem "
    "solution test check run build small large fast slow good better best wrong right true false again "
    "please thanks sorry actually instead only also still more less some many few most each other same "
    "different important useful possible likely specific general recent old new time day year people "
    "write read make take give find show keep need want try use work help start stop turn move follow "
    "about into over under between through during without within along across around against toward"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(5, 14))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + rng.choice([".", ".", ".", "?", "!"])


def text_of_tokens(tokenizer, rng: random.Random, n_tokens: int) -> str:
    """Sentences appended until the text is about n_tokens long (never more)."""
    text = ""
    while True:
        nxt = (text + " " + sentence(rng)).strip()
        if len(tokenizer(nxt, add_special_tokens=False)["input_ids"]) > n_tokens:
            return text or sentence(rng).split()[0]
        text = nxt


def synthetic_pairs(tokenizer, n: int, max_length: int, seed: int = 0):
    """n deterministic pairs whose longest row (prompt + longer reply) spans 64 .. max_length tokens."""
    from drift.data import ChatEncoder, Pair

    encoder = ChatEncoder(tokenizer, max_length=max_length, max_prompt_length=max_length)
    rng = random.Random(seed)
    totals = [round(64 + (max_length - 64) * i / max(n - 1, 1)) for i in range(n)]
    rng.shuffle(totals)
    pairs = []
    for i, total in enumerate(totals):
        prompt_budget = int(total * rng.uniform(0.15, 0.5))
        messages = [{"role": "system", "content": sentence(rng)}] if i % 4 == 0 else []
        if i % 3 == 0:  # a multi-turn conversation: the latest user turn comes after a reply
            messages += [{"role": "user", "content": sentence(rng)}, {"role": "assistant", "content": sentence(rng)}]
        overhead = len(encoder.encode_prompt(messages + [{"role": "user", "content": "x"}]))
        messages.append({"role": "user", "content": text_of_tokens(tokenizer, rng, max(prompt_budget - overhead, 8))})
        room = total - len(encoder.encode_prompt(messages)) - len(encoder.end_of_turn_ids)
        long_len, short_len = room, max(4, int(room * rng.uniform(0.2, 1.0)))
        chosen_len, rejected_len = (long_len, short_len) if i % 2 else (short_len, long_len)
        pairs.append(Pair(messages, text_of_tokens(tokenizer, rng, chosen_len), text_of_tokens(tokenizer, rng, rejected_len)))
    encoded, skipped = encoder.encode_all(pairs)
    assert not skipped and len(encoded) == n, f"synthetic pairs did not all encode: {dict(skipped)}"
    return pairs, encoded


# ----------------------------------------------------------------------------- workers


def drift_worker(spec: dict) -> dict:
    """The project's path, as train.py runs one stage: FSDP2 on a 1-process gloo group."""
    import torch
    from transformers import AutoTokenizer

    from drift import dist as D
    from drift.config import Config
    from drift.data import ChatEncoder, Pair
    from drift.trainer import batch_plan, linear_schedule, reference_logps, train_step
    from drift.model import load_model

    torch.manual_seed(spec["seed"])
    cfg = Config(
        beta=spec["beta"], rpo_alpha=spec["rpo_alpha"], lr=spec["lr"], warmup_ratio=spec["warmup_ratio"],
        batch_size=spec["batch_size"], micro_batch_size=spec["batch_size"], max_grad_norm=1.0,
        max_length=spec["max_length"], max_prompt_length=spec["max_length"], dtype="fp32", seed=spec["seed"],
    )
    dist = D.setup()
    tokenizer = AutoTokenizer.from_pretrained(spec["model_dir"])
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    policy = load_model(spec["model_dir"], dist, torch.float32)
    pairs = [Pair(**p) for p in spec["pairs"]]
    rss_loaded = rss_mib()

    t0, c0 = time.perf_counter(), cpu_seconds()
    encoded, _ = ChatEncoder(tokenizer, cfg.max_length, cfg.max_prompt_length).encode_all(pairs)
    plan = batch_plan(len(encoded), 1, cfg.batch_size, cfg.micro_batch_size, dist.world_size, cfg.seed)
    optimizer = torch.optim.RMSprop(policy.parameters(), lr=cfg.lr)
    scheduler = linear_schedule(optimizer, len(plan), cfg.warmup_ratio)
    policy.eval()
    ref_table = reference_logps(policy, encoded, plan, dist, pad_id, cfg.logps_chunk_size,
                                pack_to=2 * cfg.max_length if cfg.packing else 0)
    t_ref = time.perf_counter()
    policy.train()
    steps = [train_step(policy, optimizer, scheduler, encoded, ref_table, step, cfg, dist, pad_id) for step in plan]
    t1, c1 = time.perf_counter(), cpu_seconds()

    from safetensors.torch import save_file  # not pickle: nothing read back here could run code

    save_file({k: v.clone().contiguous() for k, v in D.full_state_dict(policy).items()}, spec["weights_out"] + ".drift.safetensors")
    D.teardown()
    order = [i for step in plan for slot in step for i in slot]
    return {
        "seconds": t1 - t0, "cpu_seconds": c1 - c0, "ref_seconds": t_ref - t0, "train_seconds": t1 - t_ref,
        "peak_rss_mib": peak_rss_mib(), "rss_after_load_mib": rss_loaded,
        "losses": [m["loss"] for m in steps], "grad_norms": [m["grad_norm"] for m in steps],
        "lrs": [m["lr"] for m in steps], "margins": [m["rewards/margins"] for m in steps],
        "ids": [[encoded[i].prompt_ids, encoded[i].chosen_ids, encoded[i].rejected_ids] for i in order],
        "ref_logps": ref_table[order].tolist(),
    }


def trl_worker(spec: dict) -> dict:
    """TRL's DPOTrainer with the same settings; the pairs arrive in the project's plan order and
    are read sequentially, so every batch (reference pass included) holds the same pairs."""
    import torch
    from datasets import Dataset
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import DPOConfig, DPOTrainer

    class RecordingDPOTrainer(DPOTrainer):
        """Records each step's loss at full precision and its learning rate, and times the reference pass."""

        def __init__(self, *args, **kwargs):
            self.step_losses, self.step_lrs, self.ref_seconds = [], [], 0.0
            super().__init__(*args, **kwargs)  # the reference pass runs in here

        def _precompute_ref_logps(self, *args, **kwargs):
            t = time.perf_counter()
            out = super()._precompute_ref_logps(*args, **kwargs)
            self.ref_seconds = time.perf_counter() - t
            return out

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            loss = super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
            if model.training:
                self.step_losses.append(loss.item())
                self.step_lrs.append(self.optimizer.param_groups[0]["lr"])
            return loss

    torch.manual_seed(spec["seed"])
    tokenizer = AutoTokenizer.from_pretrained(spec["model_dir"])
    model = AutoModelForCausalLM.from_pretrained(spec["model_dir"], dtype=torch.float32)
    rss_loaded = rss_mib()
    args = DPOConfig(
        output_dir=tempfile.mkdtemp(prefix="trl-bench-"), report_to="none", save_strategy="no", disable_tqdm=True,
        use_cpu=True, bf16=False, fp16=False, gradient_checkpointing=False,  # the project trains without it too
        per_device_train_batch_size=spec["batch_size"], gradient_accumulation_steps=1, num_train_epochs=1,
        learning_rate=spec["lr"], optim="rmsprop", lr_scheduler_type="linear", warmup_steps=spec["warmup_ratio"],
        max_grad_norm=1.0, weight_decay=0.0, beta=spec["beta"],
        loss_type=["sigmoid", "sft"], loss_weights=[1.0, spec["rpo_alpha"]],  # TRL 1.x spelling of rpo_alpha
        precompute_ref_log_probs=True, max_length=spec["max_length"], train_sampling_strategy="sequential",
        logging_steps=1, seed=spec["seed"], dataloader_num_workers=0, disable_dropout=True,
    )
    order = spec["order"]
    rows = [spec["trl_rows"][i] for i in order]

    t0, c0 = time.perf_counter(), cpu_seconds()
    trainer = RecordingDPOTrainer(model=model, args=args, train_dataset=Dataset.from_list(rows), processing_class=tokenizer)
    t_init = time.perf_counter()
    trainer.train()
    t1, c1 = time.perf_counter(), cpu_seconds()

    from safetensors.torch import save_file

    save_file({k: v.clone().contiguous() for k, v in trainer.model.state_dict().items()}, spec["weights_out"] + ".trl.safetensors")
    logs = [h for h in trainer.state.log_history if "grad_norm" in h]
    ds = trainer.train_dataset
    return {
        "seconds": t1 - t0, "cpu_seconds": c1 - c0, "ref_seconds": trainer.ref_seconds, "train_seconds": t1 - t_init,
        "setup_seconds": t_init - t0 - trainer.ref_seconds,
        "peak_rss_mib": peak_rss_mib(), "rss_after_load_mib": rss_loaded,
        "losses": trainer.step_losses, "grad_norms": [h["grad_norm"] for h in logs], "lrs": trainer.step_lrs,
        "margins": [h["rewards/margins"] for h in logs],
        "ids": [[r["prompt_ids"], r["chosen_ids"], r["rejected_ids"]] for r in ds],
        "ref_logps": [[r["ref_chosen_logps"], r["ref_rejected_logps"]] for r in ds],
    }


# ----------------------------------------------------------------------------- cases


def prepare_case(name: str, workdir: Path, args) -> dict:
    """Save the case's model and tokenizer where both workers load them; build the pairs."""
    from transformers import AutoTokenizer

    from drift.data import ChatEncoder
    from drift.trainer import batch_plan

    if name == "tiny":
        from drift.tiny import make_model, make_tokenizer

        tokenizer = make_tokenizer("chatml")
        model_dir = workdir / "tiny"
        make_model(tokenizer).save_pretrained(model_dir)  # Qwen2, hidden 64, 2 layers, vocab 512
        tokenizer.save_pretrained(model_dir)
    else:
        from drift.embedded import resolve_model

        model_dir = Path(resolve_model(None))
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
    pairs, _ = synthetic_pairs(tokenizer, args.pairs, args.max_length, seed=args.seed)
    encoder = ChatEncoder(tokenizer, args.max_length, args.max_length)
    if encoder.end_of_turn != tokenizer.eos_token:
        raise SystemExit(f"{name}: the end of turn {encoder.end_of_turn!r} is not EOS; TRL would append EOS after it")
    trl_rows = [
        {"prompt": encoder.render_prompt(p.prompt),
         "chosen": encoder.reply_prefix + p.chosen + encoder.end_of_turn,
         "rejected": encoder.reply_prefix + p.rejected + encoder.end_of_turn}
        for p in pairs
    ]
    plan = batch_plan(len(pairs), 1, args.batch_size, args.batch_size, 1, args.seed)
    return {
        "name": name, "model_dir": str(model_dir), "pairs": [vars(p) for p in pairs], "trl_rows": trl_rows,
        "order": [i for step in plan for slot in step for i in slot], "seed": args.seed,
        "beta": 0.1, "rpo_alpha": 0.001, "lr": args.lr, "warmup_ratio": 0.1, "batch_size": args.batch_size,
        "max_length": args.max_length, "weights_out": str(workdir / name),
    }


def trl_conversational_extra_tokens(spec: dict) -> str:
    """How TRL's own conversational tokenization differs from the project's, for the notes."""
    from transformers import AutoTokenizer
    from trl.data_utils import _tokenize

    from drift.data import ChatEncoder, Pair

    tokenizer = AutoTokenizer.from_pretrained(spec["model_dir"])
    encoder = ChatEncoder(tokenizer, spec["max_length"], spec["max_length"])
    extra, same_prefix, n = [], 0, 0
    for p in spec["pairs"][:8]:
        pair = Pair(**p)
        ours = encoder.encode(pair)
        prompt = _tokenize(tokenizer, pair.prompt, add_generation_prompt=True)["input_ids"]
        full = _tokenize(tokenizer, pair.prompt + [{"role": "assistant", "content": pair.chosen}])["input_ids"]
        n += 1
        same_prefix += full[: len(ours.prompt_ids) + len(ours.chosen_ids)] == ours.prompt_ids + ours.chosen_ids and prompt == ours.prompt_ids
        extra.append(tuple(tokenizer.convert_ids_to_tokens(full[len(ours.prompt_ids) + len(ours.chosen_ids):])))
    kinds = sorted(set(extra))
    return (f"TRL's conversational format: {same_prefix}/{n} pairs give the project's ids as a prefix, followed by "
            f"{' or '.join(repr(''.join(k)) for k in kinds)} per response")


def compare(spec: dict, ours: dict, trl: dict) -> dict:

    ids_equal = sum(a == b for a, b in zip(ours["ids"], trl["ids"]))
    n = len(ours["ids"])
    d_loss = max(abs(a - b) for a, b in zip(ours["losses"], trl["losses"]))
    d_gn = max(abs(a - b) / max(abs(b), 1e-12) for a, b in zip(ours["grad_norms"], trl["grad_norms"]))
    d_lr = max(abs(a - b) for a, b in zip(ours["lrs"], trl["lrs"]))
    d_margin = max(abs(a - b) for a, b in zip(ours["margins"], trl["margins"]))
    d_ref = max(abs(a - b) for ra, rb in zip(ours["ref_logps"], trl["ref_logps"]) for a, b in zip(ra, rb))
    # How far apart the losses would be if one side averaged the NLL term per sequence instead of per
    # token (the two common definitions): at step 0 the policy is the reference, so use its log-probs.
    bs, alt = spec["batch_size"], 0.0
    for s in range(0, n, bs):
        logps = [ours["ref_logps"][i][0] for i in range(s, min(s + bs, n))]
        lens = [len(ours["ids"][i][1]) for i in range(s, min(s + bs, n))]
        alt = max(alt, spec["rpo_alpha"] * abs(sum(logps) / sum(lens) - sum(lp / k for lp, k in zip(logps, lens)) / len(lens)))
    from safetensors.torch import load_file

    w_ours = load_file(spec["weights_out"] + ".drift.safetensors")
    w_trl = load_file(spec["weights_out"] + ".trl.safetensors")

    w_init = load_file(str(Path(spec["model_dir"]) / "model.safetensors"))
    keys = sorted(set(w_ours) & set(w_trl) & set(w_init))
    d_w = max((w_ours[k] - w_trl[k]).abs().max().item() for k in keys)
    moved = max((w_ours[k] - w_init[k]).abs().max().item() for k in keys)
    for suffix in (".drift.pt", ".trl.pt"):
        os.remove(spec["weights_out"] + suffix)
    return {"ids_equal": f"{ids_equal}/{n}", "d_loss": d_loss, "d_grad_norm_rel": d_gn, "d_lr": d_lr,
            "d_margin": d_margin, "d_ref_logps": d_ref, "d_weights": d_w, "weights_moved": moved,
            "loss_range": (min(ours["losses"]), max(ours["losses"])), "d_nll_definition": alt,
            "d_loss_step0": abs(ours["losses"][0] - trl["losses"][0])}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--models", default="tiny,smollm2", help="comma-separated: tiny, smollm2")
    p.add_argument("--pairs", type=int, default=32)
    p.add_argument("--max-length", type=int, default=512, help="longest row (prompt + reply) in tokens")
    p.add_argument("--batch-size", type=int, default=4)
    p.add_argument("--lr", type=float, default=1e-5,
                   help="peak learning rate; larger than the paper's 5e-7 so the losses move well past 1e-4 in 8 steps")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=None, help=THREADS_HELP)
    p.add_argument("--repeats", type=int, default=1,
                   help="run each implementation this many times, alternating, and keep the fastest (for a busy machine)")
    p.add_argument("--quick", action="store_true", help="pairs up to 256 tokens")
    p.add_argument("--worker", choices=["drift", "trl"], help=argparse.SUPPRESS)
    p.add_argument("--spec", help=argparse.SUPPRESS)
    p.add_argument("--result", help=argparse.SUPPRESS)
    args = p.parse_args()

    if args.worker:
        spec = json.loads(Path(args.spec).read_text())
        result = (drift_worker if args.worker == "drift" else trl_worker)(spec)
        Path(args.result).write_text(json.dumps(result))
        return
    if args.quick:
        args.max_length = min(args.max_length, 256)

    header = f"{command_line()}\nmachine: {machine(args.threads)}"
    print(header, flush=True)
    rows, checks, notes = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-train-") as tmp:
        for name in args.models.split(","):
            spec = prepare_case(name, Path(tmp), args)
            spec_path = Path(tmp) / f"{name}.json"
            spec_path.write_text(json.dumps(spec))
            results = {}
            for r in range(args.repeats):  # alternate the order, keep each one's fastest epoch
                for impl in ("drift", "trl") if r % 2 == 0 else ("trl", "drift"):
                    print(f"[{name}] running {impl} ({load_average()}) ...", flush=True)
                    out = run_worker(__file__, [impl, "--spec", str(spec_path)], threads=args.threads)
                    if impl in results and results[impl]["seconds"] <= out["seconds"]:
                        out = results[impl] | {"cpu_seconds": min(out["cpu_seconds"], results[impl]["cpu_seconds"])}
                    results[impl] = out
            ours, trl = results["drift"], results["trl"]
            c = compare(spec, ours, trl)
            notes.append(f"{name}: per step, max |lr diff| {c['d_lr']:.1e}, max |rewards/margins diff| {c['d_margin']:.1e}; "
                         + trl_conversational_extra_tokens(spec))
            tokens = sum(len(a) + len(b) + len(c_) for a, b, c_ in ours["ids"])
            for impl, r in (("project (FSDP2, 1 proc)", ours), ("TRL DPOTrainer", trl)):
                rows.append([name, impl, f"{r['seconds']:.1f}", f"{r['cpu_seconds']:.1f}", f"{r['ref_seconds']:.1f}", f"{r['train_seconds']:.1f}",
                             f"{r['peak_rss_mib']:.0f}", f"{r['rss_after_load_mib']:.0f}"])
            t_ratio, m_ratio = ours["seconds"] / trl["seconds"], ours["peak_rss_mib"] / trl["peak_rss_mib"]
            rows.append([name, "ratio project/TRL", ratio(ours["seconds"], trl["seconds"]), ratio(ours["cpu_seconds"], trl["cpu_seconds"]),
                         ratio(ours["ref_seconds"], trl["ref_seconds"]),
                         ratio(ours["train_seconds"], trl["train_seconds"]),
                         ratio(ours["peak_rss_mib"], trl["peak_rss_mib"]), ""])
            checks.append([
                name, len(spec["pairs"]), tokens, c["ids_equal"], f"{c['d_loss']:.2e} ({verdict(c['d_loss'], TARGET_LOSS)})",
                f"{c['loss_range'][0]:.4f}..{c['loss_range'][1]:.4f}",
                f"{c['d_loss_step0']:.1e} vs {c['d_nll_definition']:.1e}", f"{c['d_grad_norm_rel']:.1e}", f"{c['d_ref_logps']:.1e}",
                f"{c['d_weights']:.1e} / {c['weights_moved']:.1e}",
                f"{t_ratio:.2f}x ({verdict(t_ratio, TARGET_TIME)})", f"{m_ratio:.2f}x ({verdict(m_ratio, TARGET_RSS)})",
            ])

    print("\n" + header + f"\n{load_average()} at the end (the other processes on the machine share its cores)")
    print(f"pairs: {args.pairs} synthetic, rows up to {args.max_length} tokens; batch {args.batch_size}, 1 epoch, "
          f"RMSprop lr {args.lr:g}, beta 0.1, rpo_alpha 0.001, warmup 0.1, max_grad_norm 1, fp32, 1 process\n")
    print(table(["model", "implementation", "epoch s", "epoch CPU s", "ref pass s", "train steps s", "peak RSS MiB", "RSS after load MiB"], rows))
    print()
    print(table(["model", "pairs", "tokens", "same ids", f"max |loss diff| (<= {TARGET_LOSS:g})", "loss range",
                 "step-0 loss diff vs per-seq NLL's", "grad-norm rel diff", "ref logp diff", "weights diff / moved",
                 f"time ratio (<= {TARGET_TIME})", f"RSS ratio (<= {TARGET_RSS})"], checks))
    print()
    for n in notes:
        print(n)


if __name__ == "__main__":
    main()
