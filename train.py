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
Several nodes (OUT on a filesystem every node sees):
    torchrun --nnodes N --node-rank R --nproc_per_node 8 --rdzv-backend c10d --rdzv-endpoint HOST:PORT train.py ...
A killed run continues with the same command plus --resume; one --out holds one run (drift/run.py).

Outputs in --out: warm/, iter1/, ... (Hugging Face folders), pairs/ (the sampled pairs of each
iteration), metrics.jsonl, run.json (what defines the run), state/ (for --resume).
"""

from __future__ import annotations

import sys

import torch
from tqdm import tqdm

from drift import dist as D
from drift.config import parse_config
from drift.data import ChatEncoder, load_pairs
from drift.logprobs import packing_problem
from drift.embedded import open_model
from drift.evaluate import BASE, eval_config, generate, load_eval_rows, measures
from drift.io import DataError, UsageError, cli
from drift.pairs import build_pairs, check_inputs, sampling_config
from drift.report import compare_replies, stage_table
from drift.reward import load_scorer
from drift.run import Run, RunError, make_record
from drift.trainer import batch_plan, batch_problem, linear_schedule, load_model, reference_logps, stage_summary, train_step


def iteration_pairs(run: Run, policy, tokenizer, cfg, k: int, rows, dist: D.Dist, sampled_from: str):
    """Iteration k's pairs: sampled from the current policy once, then read back by a --resume."""
    counts = run.saved_pairs(k)
    if counts is None:
        # the reward model is loaded after sampling, so it never shares memory with gathered weights
        score = (lambda p, r: load_scorer(cfg.reward_model, dist.device, cfg.sample_batch_size or 16)(
            p, r, rank=dist.rank, world_size=dist.world_size)) if cfg.reward_model else None
        provenance = {"model": f"{run.record['resolved_model']}@{sampled_from}", "run_id": run.record["run_id"]}
        rows_out, counts = build_pairs(
            policy, tokenizer, rows, cfg.method, cfg.guidance == "guided", sampling_config(cfg), iteration=k,
            paper_prompt=cfg.prompt_style == "paper", score=score, rank=dist.rank, world_size=dist.world_size,
            provenance=provenance, desc=f"sample iter{k}",
        )
        counts = {f"sampler/{name}": v for name, v in counts.items()}
        run.save_pairs(k, rows_out, counts)
    return load_pairs(run.pairs_path(k)), counts


def main():
    dist = D.setup()  # first: under torchrun every error after this is said once, by rank 0
    cfg = parse_config(description=__doc__)
    # ---- what depends on the number of ranks, before anything is read
    problem = batch_problem(cfg.batch_size, cfg.micro_batch_size, dist.world_size)
    if problem:
        raise UsageError(problem)
    torch.manual_seed(cfg.seed)
    compute_dtype = {"auto": torch.bfloat16 if dist.device.type == "cuda" else torch.float32,
                     "bf16": torch.bfloat16, "fp32": torch.float32}[cfg.dtype]
    stages = (["warm"] if cfg.warm_epochs > 0 and cfg.seed_data else []) + [f"iter{k}" for k in range(1, cfg.iterations + 1)]

    # ---- inputs: every file is read and checked before a model is loaded or anything written
    seed_pairs = load_pairs(cfg.seed_data) if "warm" in stages else []
    if "warm" in stages and not seed_pairs:
        raise DataError(cfg.seed_data, None, None, "no pairs in the file (the warm start needs some)")
    rows = check_inputs(cfg) if cfg.iterations > 0 else []
    eval_rows = load_eval_rows(cfg.eval_data) if cfg.eval_data else []
    if cfg.eval_data and not eval_rows:
        raise DataError(cfg.eval_data, None, None, "no rows in the file (evaluation needs some)")
    source = open_model(cfg.model, dist)
    model_path, tokenizer = source.path, source.tokenizer
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    try:
        encoder = ChatEncoder(tokenizer, cfg.max_length, cfg.max_prompt_length, drop_truncated=cfg.long_responses == "drop")
    except ValueError as e:  # no chat template, or one that renders no assistant turn
        raise DataError(model_path, None, "chat_template", str(e)) from None
    if seed_pairs:
        seed_encoded, seed_skipped = encoder.encode_all(seed_pairs)
        if not seed_encoded:
            raise DataError(cfg.seed_data, None, None, f"none of its {len(seed_pairs)} pairs is usable "
                                                       f"(skipped: {dict(seed_skipped)})")

    # ---- the run folder: a new run, or where the killed one stopped
    run = Run.open(cfg, dist, make_record(cfg, str(compute_dtype).split(".")[-1], model_path, stages))
    at = run.resume
    policy = load_model(model_path, dist, compute_dtype, attn_implementation=cfg.attn_implementation,
                        activation_checkpointing=cfg.activation_checkpointing)
    pack_to = 2 * cfg.max_length if cfg.packing else 0  # the bin size of packed micro-batches; 0: padded
    problem = packing_problem(policy, tokenizer, compute_dtype, cfg.logps_chunk_size) if pack_to else None
    D.reshard(policy)  # the check's forwards left the root's weights gathered
    if problem:  # the same math either way: padding only costs time
        pack_to = 0
        if dist.is_main:
            print(f"packing refused: {problem}; training with padded micro-batches", flush=True)
    base_ref = None  # --ref base: the initial model, loaded once when the first iteration needs it
    if at.state and at.step == 0:
        run.load(policy)  # the weights at the start of the stage
        finished = stages[at.stage_index - 1] if at.stage_index > 0 else None
        if finished and not (run.out / finished).exists():  # the kill came before its folder was written
            run.export(policy, source, finished, compute_dtype)
    global_step = at.global_step

    def evaluate(si: int) -> None:
        """The model at the start of stage si (the end of the one before), on the held-out rows."""
        label = stages[si - 1] if si else BASE
        if not eval_rows or label in {r["stage"] for r in run.eval_rows()}:
            return
        records = generate(policy, tokenizer, eval_rows, eval_config(cfg), cfg.eval_samples, dist.rank,
                           dist.world_size, desc=f"eval {label}")
        run.save_eval(label, records)
        run.log({"type": "eval", "stage": label, "stage_index": si, "step": global_step} | measures(records))

    for si in range(at.stage_index, len(stages)):
        stage = stages[si]
        if not (at.stage_index == si and at.step > 0):
            evaluate(si)
        # ---- 1. the stage's pairs: the seed pairs, or fresh samples from the current policy
        if stage == "warm":
            (encoded, skipped), counts, epochs = (seed_encoded, seed_skipped), {}, cfg.warm_epochs
        else:
            pairs, counts = iteration_pairs(run, policy, tokenizer, cfg, int(stage[4:]), rows, dist,
                                            sampled_from=stages[si - 1] if si else "base")
            (encoded, skipped), epochs = encoder.encode_all(pairs), 1
            if not encoded:
                raise DataError(run.pairs_path(int(stage[4:])), None, None,
                                f"no usable pairs for {stage} (sampler: {counts}; skipped: {dict(skipped)})")
        plan = batch_plan(len(encoded), epochs, cfg.batch_size, cfg.micro_batch_size, dist.world_size, cfg.seed + 1000 * si)
        # created after sampling: the previous stage's optimizer state was freed before it
        optimizer = torch.optim.RMSprop(policy.parameters(), lr=cfg.lr)
        scheduler = linear_schedule(optimizer, len(plan), cfg.warmup_ratio)

        # ---- 2. the reference log-probs, once per stage (or back from a mid-stage state)
        if at.stage_index == si and at.step > 0:
            ref_table = run.load(policy, optimizer)["ref_logps"]
            if ref_table is None or tuple(ref_table.shape) != (len(encoded), 2):
                shape = None if ref_table is None else tuple(ref_table.shape)
                raise RunError(f"--resume refused: the saved reference log-probs ({shape}) are not those of "
                               f"{stage}'s {len(encoded)} pairs; start a fresh --out")
            ref_table = ref_table.to(dist.device)
            scheduler.load_state_dict(at.scheduler)
            start, sums, n = at.step, dict(at.sums), at.n
        else:
            # --ref previous: the policy before its first update is the stage's reference
            policy.eval()
            ref_model = policy
            if cfg.ref == "base" and stage != "warm":
                if base_ref is None:
                    base_ref = load_model(model_path, dist, compute_dtype, attn_implementation=cfg.attn_implementation,
                                          frozen=True).eval()
                ref_model = base_ref
            ref_table = reference_logps(ref_model, encoded, plan[: len(plan) // epochs], dist, pad_id, cfg.logps_chunk_size,
                                        pack_to=pack_to)
            start, sums, n = 0, {}, 0

        # ---- 3. DPO, one step per global batch
        policy.train()
        with tqdm(total=len(plan), initial=start, desc=stage, disable=not dist.is_main, dynamic_ncols=True) as bar:
            for step in range(start, len(plan)):
                metrics = train_step(policy, optimizer, scheduler, encoded, ref_table, plan[step], cfg, dist, pad_id, pack_to)
                global_step, n = global_step + 1, n + 1
                sums = {k: sums.get(k, 0.0) + v for k, v in metrics.items()}
                if (step + 1) % cfg.log_every == 0 or step + 1 == len(plan):
                    run.log({"type": "step", "stage": stage, "stage_index": si, "step": global_step,
                             "stage_step": step + 1} | metrics)
                bar.update(1)
                bar.set_postfix(loss=f"{metrics['loss']:.4f}", margin=f"{metrics['rewards/margins']:.3f}",
                                signal=f"{metrics['signal/mean_sigmoid_neg_s']:.3f}")
                if (step + 1) % cfg.save_every == 0 and step + 1 < len(plan):
                    run.save(policy, stage_index=si, step=step + 1, global_step=global_step, optimizer=optimizer,
                             scheduler=scheduler, sums=sums, n=n, ref_logps=ref_table)

        # ---- 4. the stage's summary over all its steps, its final state (the stage is done), its checkpoint
        optimizer = scheduler = None  # its state (a model's size) is not held through the next sampling
        summary = stage_summary(sums, n, encoded, counts, skipped)
        run.log({"type": "stage", "stage": stage, "stage_index": si, "step": global_step} | summary)
        run.save(policy, stage_index=si + 1, step=0, global_step=global_step)  # the stage is done
        run.export(policy, source, stage, compute_dtype)
        if dist.is_main:
            print(f"[{stage}] saved {run.out / stage}  " + "  ".join(
                f"{k}={summary[k]:.4g}" for k in ("loss", "rewards/margins", "rewards/accuracies", "signal/mean_sigmoid_neg_s")
            ))

    evaluate(len(stages))

    # ---- what happened, in one screen
    if dist.is_main:
        print("\n" + stage_table(run.stage_rows(), run.eval_rows()))
        if cfg.report_examples and eval_rows and stages:
            print(f"\nheld-out conversations ({cfg.eval_data}), replies to the conversation alone:\n")
            print(compare_replies(run.eval_path(BASE), run.eval_path(stages[-1]), cfg.report_examples,
                                  label=cfg.method if cfg.guidance == "guided" else f"{cfg.method} (unguided)"))
    run.close()
    D.teardown()


if __name__ == "__main__":
    sys.exit(cli(main))
