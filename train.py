"""DRIFT training: a warm start on DSAT->SAT seed pairs, then K iterations of
"sample a fresh chosen reply for every dissatisfied conversation, train one epoch of DPO".

  chosen   = y+ = a fresh sample from the current policy (prompted with the complaint)
  rejected = y- = the real reply the user was dissatisfied with

The paper's baselines run through the same loop: --method spin | iterdpo, and the unguided
ablation with --guidance unguided (drift/pairs.py has the table of who samples which side).

One process (CPU or one GPU), the embedded demo model and the bundled sample data:
    python train.py --preset demo
Eight GPUs, the paper's Qwen2.5-7B recipe:
    torchrun --nproc_per_node 8 train.py --preset paper_qwen2.5_7b --dsat-data DIR/dsat.jsonl --seed-data DIR/seed.jsonl
Several nodes: torchrun --nnodes N --node-rank R --rdzv-backend c10d --rdzv-endpoint HOST:PORT --nproc_per_node 8 train.py ...
A killed run continues with the same command plus --resume.

Outputs in --out: warm/, iter1/, ... (Hugging Face folders), pairs/ (the sampled pairs of each
iteration), metrics.jsonl, config.json, state/ (for --resume).
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from tqdm import tqdm
from transformers import AutoModelForCausalLM, AutoTokenizer

from drift import checkpoint as ckpt
from drift import dist as D
from drift.config import config_dict, parse_config
from drift.data import ChatEncoder, load_pairs
from drift.embedded import resolve_model
from drift.io import DataError, atomic_open, write_json
from drift.pairs import build_iteration_pairs, check_inputs
from drift.report import compare_replies, stage_table
from drift.trainer import batch_plan, linear_schedule, reference_logps, train_step


def load_model(path: str, cfg, dist: D.Dist, compute_dtype: torch.dtype):
    """A HF causal LM with fp32 master weights, dropout off, FSDP2-sharded."""
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
    for m in model.modules():  # dropout would make policy != reference at step 0
        if isinstance(m, torch.nn.Dropout):
            m.p = 0.0
        if isinstance(getattr(m, "attention_dropout", None), float):
            m.attention_dropout = 0.0
    model.config.use_cache = False
    if cfg.activation_checkpointing:  # non-reentrant: recompute each decoder layer in backward
        if hasattr(model, "activation_checkpointing_enable"):  # its name from transformers 5.2x on
            model.activation_checkpointing_enable()
        else:
            model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    return D.shard(model, compute_dtype, dist.device)


def log(out: Path, dist: D.Dist, row: dict):
    if dist.is_main:
        with open(out / "metrics.jsonl", "a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")


def trim_metrics(out: Path, global_step: int, stage_index: int):
    """On resume, forget metric lines written after the saved state (they will be redone)."""
    path = out / "metrics.jsonl"
    if not path.exists():
        return
    keep = []
    for line in path.read_text().splitlines():
        row = json.loads(line)
        if row["stage_index"] < stage_index or (row["type"] == "step" and row["step"] <= global_step):
            keep.append(line + "\n")
    with atomic_open(path) as f:
        f.write("".join(keep))


def main():
    cfg = parse_config()
    dist = D.setup()
    torch.manual_seed(cfg.seed)
    on_gpu = dist.device.type == "cuda"
    compute_dtype = {"auto": torch.bfloat16 if on_gpu else torch.float32, "bf16": torch.bfloat16, "fp32": torch.float32}[cfg.dtype]
    out = Path(cfg.out)

    stages = (["warm"] if cfg.warm_epochs > 0 and cfg.seed_data else []) + [f"iter{k}" for k in range(1, cfg.iterations + 1)]
    seed_pairs = load_pairs(cfg.seed_data) if "warm" in stages else []  # read first: a bad file fails fast
    if cfg.iterations > 0:
        check_inputs(cfg)  # method, data files, reward model: fail before the warm start, not after it

    # ---- the model. Rank 0 converts the embedded model once; the others wait for it.
    if dist.is_main:
        model_path = resolve_model(cfg.model)
    D.barrier()
    model_path = resolve_model(cfg.model)
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    policy = load_model(model_path, cfg, dist, compute_dtype)
    encoder = ChatEncoder(tokenizer, cfg.max_length, cfg.max_prompt_length)

    meta = ckpt.read_meta(out) if cfg.resume else None
    if cfg.resume and meta is None and dist.is_main:
        print(f"--resume: no saved state in {out / 'state'}, starting from the beginning")
    start_stage = meta["stage_index"] if meta else 0
    global_step = meta["global_step"] if meta else 0
    if dist.is_main:
        out.mkdir(parents=True, exist_ok=True)
        write_json(out / "config.json", config_dict(cfg) | {"resolved_model": model_path, "world_size": dist.world_size})
        if meta:
            trim_metrics(out, global_step, start_stage)
    if meta and meta["step"] == 0:
        ckpt.load_state(out, policy, None)  # the weights at the start of the stage

    for si in range(start_stage, len(stages)):
        stage = stages[si]
        # ---- the stage's pairs: the seed pairs, or fresh samples from the current policy
        counts = {}
        if stage == "warm":
            pairs, epochs = seed_pairs, cfg.warm_epochs
        else:
            policy.eval()
            pairs, counts = build_iteration_pairs(policy, tokenizer, cfg, int(stage[4:]), model_path, out, dist)
            epochs = 1
        encoded, skipped = encoder.encode_all(pairs)
        if not encoded:
            raise SystemExit(f"stage {stage}: no usable pairs (skipped: {dict(skipped)})")
        plan = batch_plan(len(encoded), epochs, cfg.batch_size, cfg.micro_batch_size, dist.world_size, cfg.seed + 1000 * si)

        optimizer = torch.optim.RMSprop(policy.parameters(), lr=cfg.lr)
        scheduler = linear_schedule(optimizer, len(plan), cfg.warmup_ratio)
        start_step = 0
        if meta and meta["stage_index"] == si and meta["step"] > 0:
            extra = ckpt.load_state(out, policy, optimizer)  # weights and optimizer, mid-stage
            scheduler.load_state_dict(meta["scheduler"])
            ref_table, start_step = extra["ref_logps"].to(dist.device), meta["step"]
        else:
            # ---- reference log-probs, once per stage, no grad
            # --ref previous: the policy before its first update is the stage's reference
            policy.eval()
            ref_model = load_model(model_path, cfg, dist, compute_dtype).eval() if cfg.ref == "base" and stage != "warm" else policy
            ref_table = reference_logps(ref_model, encoded, plan[: len(plan) // epochs], dist, pad_id, cfg.logps_chunk_size)
            del ref_model  # a separate base model is freed; the policy stays bound to `policy`
        meta = None

        # ---- DPO
        policy.train()
        bar = tqdm(total=len(plan), initial=start_step, desc=stage, disable=not dist.is_main, dynamic_ncols=True)
        stage_sums, stage_n = {}, 0
        for step in range(start_step, len(plan)):
            metrics = train_step(policy, optimizer, scheduler, encoded, ref_table, plan[step], cfg, dist, pad_id)
            global_step += 1
            for k, v in metrics.items():
                stage_sums[k] = stage_sums.get(k, 0.0) + v
            stage_n += 1
            if (step + 1) % cfg.log_every == 0 or step + 1 == len(plan):
                log(out, dist, {"type": "step", "stage": stage, "stage_index": si, "step": global_step, "stage_step": step + 1} | metrics)
            bar.update(1)
            bar.set_postfix(loss=f"{metrics['loss']:.4f}", margin=f"{metrics['rewards/margins']:.3f}", signal=f"{metrics['signal/mean_sigmoid_neg_s']:.3f}")
            if (step + 1) % cfg.save_every == 0 and step + 1 < len(plan):
                meta_now = {"stage_index": si, "stage": stage, "step": step + 1, "global_step": global_step, "scheduler": scheduler.state_dict()}
                ckpt.save_state(out, policy, optimizer, meta_now, {"ref_logps": ref_table.cpu(), "rng": torch.get_rng_state()}, dist)
        bar.close()

        # ---- the stage's checkpoint, then the state that says the stage is done
        save_dtype = torch.bfloat16 if compute_dtype == torch.bfloat16 else torch.float32
        ckpt.save_hf(policy, tokenizer, out / stage, save_dtype, dist)
        summary = {k: v / max(stage_n, 1) for k, v in stage_sums.items()}
        summary |= {"pairs": len(encoded), **{f"encode/skipped/{k}": v for k, v in skipped.items()}, **counts}
        summary |= {
            "len/chosen": sum(len(p.chosen_ids) for p in encoded) / len(encoded),
            "len/rejected": sum(len(p.rejected_ids) for p in encoded) / len(encoded),
        }
        log(out, dist, {"type": "stage", "stage": stage, "stage_index": si, "step": global_step} | summary)
        next_meta = {"stage_index": si + 1, "stage": stage, "step": 0, "global_step": global_step}
        ckpt.save_state(out, policy, None, next_meta, {"rng": torch.get_rng_state()}, dist)
        if dist.is_main:
            print(f"[{stage}] saved {out / stage}  " + "  ".join(
                f"{k}={summary[k]:.4g}" for k in ("loss", "rewards/margins", "rewards/accuracies", "signal/mean_sigmoid_neg_s") if k in summary
            ))

    # ---- what happened, in one screen
    if dist.is_main:
        print("\n" + stage_table(out))
        if cfg.report_examples and cfg.eval_data and stages:
            print(f"\nheld-out conversations ({cfg.eval_data}), greedy replies to the conversation alone:\n")
            print(compare_replies(model_path, str(out / stages[-1]), cfg.eval_data, cfg.report_examples, cfg.max_new_tokens))
    D.teardown()


if __name__ == "__main__":
    try:
        main()
    except DataError as e:  # bad input: say which file, line and field, without a traceback
        raise SystemExit(f"error: {e}")
