"""DRIFT training (the paper's Algorithm 1): a warm start on DSAT->SAT seed pairs, then K iterations
of "sample a fresh chosen reply for every dissatisfied conversation, train one epoch of DPO".

  chosen   = y+ = a fresh sample from the current policy (prompted with the complaint)
  rejected = y- = the real reply the user was dissatisfied with

The paper's baselines run through the same loop: --method spin | iterdpo, and the unguided
ablation --guidance unguided (drift/methods.py: who samples which side).

    python train.py --preset demo                     # one process: the embedded model, the bundled sample
    torchrun --nproc_per_node 8 train.py --preset paper_qwen2.5_7b --dsat-data D/dsat.jsonl --seed-data D/seed.jsonl
    ... --resume                                       # a killed run, continued (one --out, one run: drift/run.py)
    ... --plan [--plan-nodes 2 --plan-gpus 8 --plan-gpu-gb 80]   # the memory, batch and disk it needs; writes nothing

Outputs in --out: warm/, iter1/, ... (Hugging Face folders), pairs/, eval/, metrics.jsonl, run.json, state/.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shlex
import sys
import time
from pathlib import Path

import torch
from tqdm import tqdm

from drift import dist as D
from drift.config import parse_args
from drift.data import ChatEncoder, load_dsat, load_pairs
from drift.evaluate import BASE, Scorers, best_stage, evaluate
from drift.io import DataError, UsageError, cli, leave
from drift.lora import adapters_off, lora_problem
from drift.model import load_model, open_model, packing_problem
from drift.pairs import build_pairs, check_inputs
from drift.plan import check_budget, model_config, this_job, train_plan
from drift.report import best_line, compare_replies, stage_table
from drift.reward import check_scorer, load_scorer
from drift.run import Run, make_record
from drift.sampler import SamplingConfig, decide_batch
from drift.stop import Stopped, Stopper
from drift.trackers import check_installed
from drift.trainer import (batch_plan, batch_problem, linear_schedule, reference_logps, size_problem, stage_summary,
                           train_step)


def main():
    cfg, plan = parse_args(description=__doc__)
    if plan.plan:  # the config only: nothing is loaded, nothing written
        if int(os.environ.get("RANK", "0")) == 0:
            print(train_plan(cfg, this_job(plan.plan_nodes, plan.plan_gpus, plan.plan_gpu_gb)))
        return
    dist = D.setup()  # under torchrun every error after this is said once, by rank 0
    if problem := batch_problem(cfg.batch_size, cfg.micro_batch_size, dist.world_size):
        raise UsageError(problem)
    check_installed(cfg.report_to)  # a tracker's package missing: said before anything is written
    torch.manual_seed(cfg.seed)
    dtype = {"auto": torch.bfloat16 if dist.device.type == "cuda" else torch.float32,
             "bf16": torch.bfloat16, "fp32": torch.float32}[cfg.dtype]
    names = (["warm"] if cfg.warm_epochs > 0 else []) + [f"iter{k}" for k in range(1, cfg.iterations + 1)]

    # ---- the inputs and the model folder, checked before anything is written
    seed_pairs = load_pairs(cfg.seed_data) if "warm" in names else []
    if "warm" in names and not seed_pairs:
        raise DataError(cfg.seed_data, None, None, "no pairs in the file (the warm start needs some)")
    rows = check_inputs(cfg) if cfg.iterations > 0 else []
    eval_rows = load_dsat(cfg.eval_data) if cfg.eval_data else []
    if cfg.eval_reward_model:
        check_scorer(cfg.eval_reward_model, "--eval-reward-model")
    source = open_model(cfg.model, dist)
    scorers = Scorers.from_config(cfg, dist, dtype)
    scorers.judge  # noqa: B018 -- a judge folder that cannot be read is said before the run folder is written
    encoder = chat_encoder(source, cfg)
    seed = encode_seed_pairs(encoder, seed_pairs, cfg.seed_data) if seed_pairs else None
    shape = model_config(source.path)  # the model's config, read once for the checks below
    if cfg.sample_memory_gb and not cfg.sample_batch_size and (rows or eval_rows):  # a budget too small: said now
        check_budget(shape, cfg, dtype, dist.device)
    if cfg.lora_rank and (problem := lora_problem(shape, cfg)):
        raise DataError(source.path, None, None, problem)
    if problem := size_problem(cfg, len(seed_pairs), len(rows), dist.world_size, shape, started=cfg.resume):
        raise UsageError(problem)
    run = Run.open(cfg, dist, make_record(cfg, str(dtype).split(".")[-1], source.path, names))
    if cfg.resume and dist.is_main and (where := where_it_continues(run, names, eval_rows)):
        print(where, flush=True)
    if cfg.resume and D.broadcast_object(finished(run, names, eval_rows) if dist.is_main else None):
        if eval_rows and dist.is_main:  # as evaluate() does on a resume that finds the last row written
            run.write_best(best_stage(run.eval_rows(), cfg.select_by))
        run.close()  # rank 0's reading of the folder decides for every rank (as Run.open's does)
        return
    run.report_to(cfg.report_to)  # the trackers (rank 0), given the rows they lack
    stopper = Stopper().install()  # a first SIGINT or SIGTERM: stop at the next step's end, saved
    policy = load_model(source.path, dist, dtype, attn_implementation=cfg.attn_implementation,
                        activation_checkpointing=cfg.activation_checkpointing, sharding=cfg.sharding,
                        lora=cfg if cfg.lora_rank else None)
    scorer_batch = cfg.sample_batch_size or 16  # the reward model's batch: the user's, not the sampler's decided one
    if rows or eval_rows:
        cfg = with_sampler_batch(run, policy, cfg, dist, dtype)
    pack_to = packed_bins(policy, source.tokenizer, cfg, dtype, dist)
    base = None  # --ref base: the initial model, read once, when the first iteration needs it
    global_step = run.resume.global_step

    for stage in run.stages(policy, source, dtype):
        if not stage.step and evaluate(run, policy, source.tokenizer, eval_rows, cfg, dist, stage.index, global_step,
                                       scorers, stopper):
            stop_here(stopper, f"stopped while evaluating before {stage.name} (nothing of it kept)")
        # ---- 1. the stage's pairs: the seed pairs, or fresh samples from the current policy
        if stage.name == "warm":
            (encoded, skipped), counts, epochs = seed, {}, cfg.warm_epochs
        else:
            pairs, counts = run.pairs(int(stage.name[4:]), lambda: sample_pairs(run, policy, source, rows, cfg, dist, stage,
                                                                                 scorer_batch, stopper))
            (encoded, skipped), epochs = encoder.encode_all(pairs), 1
            if not encoded:
                raise DataError(run.pairs_path(int(stage.name[4:])), None, None,
                                f"no usable pairs for {stage.name} (sampler: {counts}; skipped: {dict(skipped)})")
        plan = batch_plan(len(encoded), epochs, cfg.batch_size, cfg.micro_batch_size, dist.world_size,
                          cfg.seed + 1000 * stage.index)
        trained = [p for p in policy.parameters() if p.requires_grad]  # every weight, or the LoRA adapters
        optimizer = torch.optim.RMSprop(trained, lr=cfg.lr)  # after sampling: freed before the next
        scheduler = linear_schedule(optimizer, len(plan), cfg.warmup_ratio)

        # ---- 2. the reference log-probs: the policy before its first update (--ref previous), or the base model
        if stage.step:  # a mid-stage resume: the state holds them, with the weights and the optimizer
            ref_table = run.load(policy, optimizer, n_pairs=len(encoded))
            scheduler.load_state_dict(stage.scheduler)
        else:
            to_base = cfg.ref == "base" and stage.name != "warm"
            if to_base and base is None and not cfg.lora_rank:
                base = load_model(source.path, dist, dtype, attn_implementation=cfg.attn_implementation, frozen=True,
                                  sharding=cfg.sharding)
            # with LoRA the base model is the policy with its adapters off: no second model
            ref_model = (base if not cfg.lora_rank else policy) if to_base else policy
            with adapters_off(policy) if to_base and cfg.lora_rank else contextlib.nullcontext():
                ref_table = reference_logps(ref_model.eval(), encoded, plan[: len(plan) // epochs], dist,
                                            source.pad_id, cfg.logps_chunk_size, pack_to=pack_to)

        # ---- 3. DPO, one optimizer step per global batch; 4. the stage's summary, final state and folder
        if stage.step and dist.is_main:
            print(f"resuming {stage.name} at step {stage.step} of {len(plan)}, from {run.resume.state}", flush=True)
        sums, n, global_step = dpo_steps(run, policy, optimizer, scheduler, encoded, ref_table, plan, stage, global_step,
                                         cfg, dist, source.pad_id, pack_to, stopper)
        optimizer = scheduler = None  # a model's size of state, not held through the next sampling
        summary = stage_summary(sums, n, encoded, counts, skipped)
        run.end_stage(policy, source, stage, global_step, summary, dtype)
        if dist.is_main:
            print(f"[{stage.name}] saved {run.out / stage.name}  " + "  ".join(
                f"{k}={summary[k]:.4g}" for k in ("loss", "rewards/margins", "rewards/accuracies", "signal/mean_sigmoid_neg_s")))
        if stopper.agreed(dist.device):
            stop_here(stopper, f"stopped after {stage.name} (its state is saved)")

    if evaluate(run, policy, source.tokenizer, eval_rows, cfg, dist, len(names), global_step, scorers, stopper):
        stop_here(stopper, "stopped while evaluating the last stage (nothing of it kept; every stage is saved)")
    if dist.is_main:  # what happened, in one screen
        print("\n" + stage_table(run.stage_rows(), run.eval_rows()))
        if eval_rows:
            print(best_line(json.loads((run.out / "best.json").read_text(encoding="utf-8"))))
        if cfg.report_examples and eval_rows and names:
            print(f"\nheld-out conversations ({cfg.eval_data}), replies to the conversation alone:\n")
            print(compare_replies(run.eval_path(BASE), run.eval_path(names[-1]), cfg.report_examples,
                                  label=cfg.method if cfg.guidance == "guided" else f"{cfg.method} (unguided)"))
    if run.trackers is not None:
        run.trackers.figures(run.out, global_step)
    if dist.is_main:
        print(f"\n{run.out}: {disk_use(run.out) / 1e9:.2f} GB on disk (stage folders, the last state, pairs, "
              "evaluations, metrics)")
    D.barrier()  # the ranks leave together: none tears the process group down while rank 0 still reports
    run.close()


def disk_use(folder) -> int:
    """Bytes of the files under `folder`."""
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def dpo_steps(run, policy, optimizer, scheduler, encoded, ref_table, plan, stage, global_step, cfg, dist, pad_id,
              pack_to, stopper) -> tuple[dict, int, int]:
    """The stage's optimizer steps from where it stands: a metrics row per --log-every steps, a
    resumable state per --save-every steps or --save-every-minutes, whichever comes first (the
    ranks agree on the clock's verdict: a save is collective), or at once when a stop is asked
    (then Stopped). Returns the stage's metric sums, its step count, the global step."""
    policy.train()
    sums, n = stage.sums, stage.n
    last_save = time.monotonic()
    with tqdm(total=len(plan), initial=stage.step, desc=stage.name, disable=not dist.is_main, dynamic_ncols=True) as bar:
        for step in range(stage.step, len(plan)):
            if cfg.lora_dropout:  # the adapters' dropout masks follow from the step: a resumed run draws the same
                torch.manual_seed(cfg.seed + 7919 * global_step + 104729 * dist.rank)
            metrics = train_step(policy, optimizer, scheduler, encoded, ref_table, plan[step], cfg, dist, pad_id, pack_to)
            global_step, n = global_step + 1, n + 1
            sums = {k: sums.get(k, 0.0) + v for k, v in metrics.items()}
            if (step + 1) % cfg.log_every == 0 or step + 1 == len(plan):
                run.log({"type": "step", "stage": stage.name, "stage_index": stage.index, "step": global_step,
                         "stage_step": step + 1} | metrics)
            bar.update(1)
            bar.set_postfix(loss=f"{metrics['loss']:.4f}", margin=f"{metrics['rewards/margins']:.3f}",
                            signal=f"{metrics['signal/mean_sigmoid_neg_s']:.3f}")
            if step + 1 == len(plan):
                break  # the stage's end saves its own state
            stop = stopper.agreed(dist.device)
            due = stop or (step + 1) % cfg.save_every == 0
            if cfg.save_every_minutes and not due:
                due = D.any_rank(time.monotonic() - last_save >= 60 * cfg.save_every_minutes, dist.device)
            if due:
                run.save(policy, stage_index=stage.index, step=step + 1, global_step=global_step, optimizer=optimizer,
                         scheduler=scheduler, sums=sums, n=n, ref_logps=ref_table)
                last_save = time.monotonic()
            if stop:
                stop_here(stopper, f"stopped at {stage.name} step {step + 1} of {len(plan)} (saved)")
    return sums, n, global_step


def with_sampler_batch(run, policy, cfg, dist, dtype):
    """cfg with the sampler's batch and prefill chunk, decided once for the run (sized to the memory
    free with the weights gathered, less the --ref base model still to come) and kept in run.json:
    a resume samples with the batch its run started with, whatever memory it finds."""
    shards = D.shard_of(next(policy.parameters()))[1]  # the ranks a weight is split over (a node's, when hybrid)
    later = cfg.ref == "base" and not cfg.lora_rank  # LoRA's base is the policy itself
    reserve = dtype.itemsize * sum(p.numel() for p in policy.parameters()) // shards if later else 0
    batch, chunk = run.decide("sampler", lambda: decide_batch(policy, SamplingConfig.from_config(cfg),
                                                                 cfg.sample_max_prompt_length, reserve))
    return dataclasses.replace(cfg, sample_batch_size=batch, sample_prefill_tokens=chunk)


def chat_encoder(source, cfg) -> ChatEncoder:
    try:
        return ChatEncoder(source.tokenizer, cfg.max_length, cfg.max_prompt_length,
                           drop_truncated=cfg.long_responses == "drop")
    except ValueError as e:  # no chat template, or one that renders no assistant turn
        raise DataError(source.path, None, "chat_template", str(e)) from None


def encode_seed_pairs(encoder: ChatEncoder, pairs, path):
    """The warm start's pairs encoded (and what encoding skipped), or one line on why none is usable."""
    encoded, skipped = encoder.encode_all(pairs)
    if not encoded:
        raise DataError(path, None, None, f"none of its {len(pairs)} pairs is usable (skipped: {dict(skipped)})")
    return encoded, skipped


def packed_bins(policy, tokenizer, cfg, dtype, dist) -> int:
    """The bin size of packed micro-batches, 0 for padded ones: packing only when this model keeps
    packed sequences apart (checked on a few tokens; the same math either way, padding costs time)."""
    problem = packing_problem(policy, tokenizer, dtype, cfg.logps_chunk_size) if cfg.packing else None
    D.reshard(policy)  # the check's forwards left the root's weights gathered
    if problem and dist.is_main:
        print(f"packing refused: {problem}; training with padded micro-batches", flush=True)
    return 2 * cfg.max_length if cfg.packing and not problem else 0


def sample_pairs(run, policy, source, rows, cfg, dist, stage, scorer_batch, stopper):
    """Iteration k's pair rows and counts: every row's fresh sides drawn from the current policy.
    A stop asked while sampling ends it at the current batch: nothing of it is kept (a resume
    samples the same pairs again, each prompt with its own seed)."""
    k = int(stage.name[4:])
    sampled_from = run.record["stages"][stage.index - 1] if stage.index else "base"
    score = None
    if cfg.reward_model:  # loaded after sampling: it never shares memory with the gathered weights
        score = lambda p, r: load_scorer(cfg.reward_model, dist.device, scorer_batch)(  # noqa: E731
            p, r, rank=dist.rank, world_size=dist.world_size)
    pairs, counts = build_pairs(
        policy, source.tokenizer, rows, cfg.method, cfg.guidance == "guided", SamplingConfig.from_config(cfg),
        iteration=k, layout=cfg.prompt_style, score=score, rank=dist.rank, world_size=dist.world_size,
        provenance={"model": f"{run.record['resolved_model']}@{sampled_from}", "run_id": run.record["run_id"]},
        desc=f"sample iter{k}", should_stop=stopper.requested)
    if stopper.agreed(dist.device):
        stop_here(stopper, f"stopped while sampling iter{k} (nothing of it kept; the stage before is saved)")
    return pairs, {f"sampler/{name}": v for name, v in counts.items()}


def stop_here(stopper, where: str):
    """End a stopped run: further signals ignored while it says so, then Stopped (cli: the line
    on rank 0, exit 130 or 143)."""
    stopper.settle()
    raise Stopped(f"{where}; {continue_with()}", stopper.code)


def continue_with() -> str:
    """How to go on after a stop: this command plus --resume."""
    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        return "continue with the same torchrun command plus --resume"
    argv = [a for a in sys.argv[1:] if a != "--resume"]
    return "continue with: " + shlex.join(["python", "train.py", *argv, "--resume"])


def finished(run, names, eval_rows) -> bool:
    """Whether a resumed run has nothing left to do but rewrite best.json: its last stage's state,
    every stage folder, and (with --eval-data) the last evaluation's row written."""
    at = run.resume
    if at.state is None or at.step or at.stage_index < len(names):
        return False
    if not all((run.out / name).is_dir() for name in names):
        return False
    return not eval_rows or names[-1] in {r["stage"] for r in run.eval_rows()}


def where_it_continues(run, names, eval_rows) -> str:
    """What a --resume found, in one line ("" mid-stage: the stage says it, with its step count)."""
    at = run.resume
    if at.state is None:
        return "resuming: no state saved yet; starting from the beginning"
    if finished(run, names, eval_rows):
        return f"nothing to do: the run finished {names[-1]}; add --iterations to continue"
    if at.step:
        return ""
    if at.stage_index >= len(names):
        return f"resuming after {names[-1]} (its folder or evaluation is still to write), from {at.state}"
    done = names[at.stage_index - 1] if at.stage_index else None
    return f"resuming at the start of {names[at.stage_index]}{f' ({done} done)' if done else ''}, from {at.state}"


if __name__ == "__main__":
    leave(cli(main))
