"""One stage of DPO: the model it trains (loaded and sharded), the batch plan, the reference pass,
and the optimizer steps.

A stage (the warm start, or one DRIFT iteration) trains on a fixed list of encoded pairs.
Batches are planned up front from the seed, so every rank knows every step's pairs, a run
resumed at step n sees exactly the batches the killed run would have seen, and the global batch
means the same thing on any number of ranks:

  step -> M = batch_size / micro_batch_size micro-batch slots -> pair indices
  rank r trains slots r, r + world, r + 2*world, ...  (accumulation = M / world)

1 rank with 2 accumulation steps and 2 ranks with 1 see the same micro-batches, so their
losses and weights agree to float rounding.
"""

from __future__ import annotations

import math
import resource
import time
from dataclasses import dataclass

import torch

from . import dist as D
from .data import EncodedPair, collate, collate_packed
from .logprobs import concatenated_logps
from .loss import dpo_loss, signal_weight


@dataclass
class StepInputs:
    """What one rank needs for one optimizer step: its micro-batches and the step's pair count."""

    micro_batches: list[list[int]]  # pair indices; an empty list is a placeholder slot
    n_pairs: int  # real pairs in the whole global step, all ranks together


def batch_problem(batch_size: int, micro_batch_size: int, world_size: int) -> str | None:
    """Why a global batch cannot be split over the ranks (every rank trains the same number of
    micro-batches), with the flags that would work; None when it can."""
    if batch_size % (micro_batch_size * world_size) == 0:
        return None
    fits = [m for m in range(micro_batch_size - 1, 0, -1) if batch_size % (m * world_size) == 0]
    larger = -(-batch_size // (micro_batch_size * world_size)) * micro_batch_size * world_size
    options = ([f"--micro-batch-size {fits[0]}"] if fits else []) + [f"--batch-size {larger}"]
    why = (f"every rank trains the same number of micro-batches, so the batch must be a multiple of micro-batch "
           f"x ranks = {micro_batch_size * world_size}" if world_size > 1 else "the batch must be a multiple of it")
    return (f"--batch-size {batch_size} does not split into micro-batches of {micro_batch_size} pairs over "
            f"{world_size} rank{'s' if world_size > 1 else ''}: {why}; use {' or '.join(options)}")


def size_problem(cfg, n_seed: int, n_rows: int, world_size: int, config, started: bool = False) -> str | None:
    """What the data and the model cannot do with these numbers (checked before anything is
    written): a batch no stage's pairs can fill (at a run's start: a resume keeps the batch it
    started with, on any number of ranks), a stage of more steps than a state's name can count,
    replies longer than the model's positions (config: the model's, plan.model_config). None when all fit."""
    from .config import MAX_STEPS, Config

    unit = cfg.micro_batch_size * world_size
    most = max(n_seed if cfg.warm_epochs else 0, n_rows if cfg.iterations else 0)
    # the largest batch the data fills, split over the ranks; the paper's 32 is always allowed (a
    # pilot on a few rows runs with the default flags)
    fill = max(-(-most // unit) * unit, -(-Config.batch_size // unit) * unit)
    if most and cfg.batch_size > fill and not started:
        return (f"--batch-size {cfg.batch_size} is more pairs than any stage has (at most {most}: the seed pairs or "
                f"the DSAT rows); use --batch-size {fill} or less")
    steps = cfg.warm_epochs * -(-n_seed // cfg.batch_size)
    if steps > MAX_STEPS:
        return (f"--warm-epochs {cfg.warm_epochs} makes a warm start of {steps} steps; a stage holds at most "
                f"{MAX_STEPS}")
    from .plan import reply_length_problem

    return reply_length_problem(cfg.max_new_tokens, config)


def batch_plan(n_pairs: int, epochs: int, batch_size: int, micro_batch_size: int, world_size: int, seed: int):
    """All steps of a stage, each a list of M micro-batch slots (lists of pair indices).

    Every pair appears once per epoch. The last batch of an epoch may be short: its pairs are
    spread over the slots as evenly as possible, so some slots can be empty.
    """
    problem = batch_problem(batch_size, micro_batch_size, world_size)
    if problem:
        raise ValueError(problem)
    M = batch_size // micro_batch_size
    steps = []
    for epoch in range(epochs):
        order = torch.randperm(n_pairs, generator=torch.Generator().manual_seed(seed + epoch)).tolist()
        for s in range(0, n_pairs, batch_size):
            chunk = order[s : s + batch_size]
            k, r = divmod(len(chunk), M)  # slot j gets k pairs, plus one more for j < r
            bounds = [j * k + min(j, r) for j in range(M + 1)]
            steps.append([chunk[bounds[j] : bounds[j + 1]] for j in range(M)])
    return steps


def rank_inputs(step: list[list[int]], dist: D.Dist) -> StepInputs:
    return StepInputs(step[dist.rank :: dist.world_size], sum(len(slot) for slot in step))


def linear_schedule(optimizer, total_steps: int, warmup_ratio: float):
    """Linear warmup from 0 to the peak over ceil(ratio * total) steps, then linear decay to 0."""
    warmup = math.ceil(warmup_ratio * total_steps)

    def factor(step: int) -> float:
        if step < warmup:
            return step / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def _placeholder(slot: list[int], step: list[list[int]]) -> tuple[list[int], float]:
    # every FSDP rank must run the same forwards and backwards, or the collectives hang; an
    # empty slot trains on a real pair with weight 0
    if slot:
        return slot, 1.0
    return [next(i for s in step for i in s)], 0.0


def micro_batch(pairs: list[EncodedPair], idx: list[int], pad_id: int, pack_to: int, device) -> tuple[dict, int, int]:
    """The pairs pairs[idx] as one forward's tensors on `device`: packed into bins of at most
    `pack_to` tokens (data.collate_packed), or right-padded when pack_to is 0. Returns the batch,
    its real tokens and the tokens computed (padding included)."""
    chosen = [pairs[i] for i in idx]
    batch = collate_packed(chosen, pad_id, pack_to) if pack_to else collate(chosen, pad_id)
    real = int((batch["segment_ids"] >= 0).sum()) if pack_to else int(batch["attention_mask"].sum())
    return {k: v.to(device) for k, v in batch.items()}, real, batch["input_ids"].numel()


@torch.no_grad()
def reference_logps(model, pairs: list[EncodedPair], first_epoch: list, dist: D.Dist, pad_id: int, chunk_size: int,
                    pack_to: int = 0):
    """log pi_ref(y+|x) and log pi_ref(y-|x) for every pair: (N, 2) on every rank.

    Computed over the first epoch's own micro-batches, so with --ref previous the reference and
    the policy see identical batches at step 0 and the loss there is exactly ln 2, whatever the
    precision. Each rank scores its own slots; a sum all-reduce assembles the table.
    """
    table = torch.zeros(len(pairs), 2, dtype=torch.float32, device=dist.device)
    for step in first_epoch:
        for slot in rank_inputs(step, dist).micro_batches:
            idx, weight = _placeholder(slot, step)
            batch, _, _ = micro_batch(pairs, idx, pad_id, pack_to, dist.device)
            chosen, rejected = concatenated_logps(model, batch, chunk_size, n_pairs=len(idx))
            if weight:
                table[idx, 0] = chosen.logps
                table[idx, 1] = rejected.logps
    D.reshard(model)  # no backward follows to free the gathered root weights
    return D.all_reduce_sum(table)


METRIC_KEYS = (
    "loss", "loss/nll", "rewards/chosen", "rewards/rejected", "rewards/accuracies",
    "logps/chosen", "logps/rejected", "signal/mean_sigmoid_neg_s", "signal/frac_above_tau",
)


def train_step(model, optimizer, scheduler, pairs, ref_table, step: list[list[int]], cfg, dist: D.Dist, pad_id: int,
               pack_to: int | None = None):
    """One optimizer step over a global batch. Returns the step's metrics (same on every rank).

    The per-pair losses are summed and divided by the number of pairs in the global batch; FSDP
    averages gradients over ranks, so each rank scales its part by world_size. pack_to: the bin
    size of packed micro-batches, 0 for padded ones (default: from cfg.packing).

    Gradients are reduce-scattered after every micro-batch (FSDP2's default): with that sync off
    between micro-batches, FSDP2 would keep an unsharded fp32 gradient of every parameter until
    the last one, the whole model's size on every rank (30 GB at 7B); on, a rank only ever holds
    its shard's (bench/bench_accumulation.py measures both).
    """
    t0 = time.perf_counter()
    inputs = rank_inputs(step, dist)
    sums = torch.zeros(len(METRIC_KEYS) + 2, dtype=torch.float64, device=dist.device)  # metrics, tokens, computed
    pack_to = (2 * cfg.max_length if cfg.packing else 0) if pack_to is None else pack_to
    # the NLL term's token mean is over the whole global batch, so micro-batches change no number
    mean_chosen = sum(len(pairs[i].chosen_ids) for slot in step for i in slot) / inputs.n_pairs
    hybrid = D.is_hybrid(model)
    for j, slot in enumerate(inputs.micro_batches):
        if hybrid:  # across nodes the sharded gradient is all-reduced once, after the step's last micro-batch
            model.set_requires_all_reduce(j == len(inputs.micro_batches) - 1)
        idx, weight = _placeholder(slot, step)
        batch, real, computed = micro_batch(pairs, idx, pad_id, pack_to, dist.device)
        chosen, rejected = concatenated_logps(model, batch, cfg.logps_chunk_size, n_pairs=len(idx))
        ref = ref_table[idx]  # (b, 2)
        losses, chosen_rewards, rejected_rewards = dpo_loss(
            chosen.logps, rejected.logps, ref[:, 0], ref[:, 1], cfg.beta, loss_type=cfg.loss_type,
            label_smoothing=cfg.label_smoothing, chosen_n_tokens=chosen.n_tokens, rejected_n_tokens=rejected.n_tokens,
        )  # (b,) each
        # (b,): -log pi(y+|x) / the batch's mean |y+|, whose mean over the global batch is nll_loss's token mean
        nll = -chosen.logps / mean_chosen
        if cfg.rpo_alpha:
            losses = losses + cfg.rpo_alpha * nll  # (b,)
        (losses.sum() * (weight * dist.world_size / inputs.n_pairs)).backward()
        with torch.no_grad():
            nll = nll.detach()
            w = signal_weight(chosen_rewards, rejected_rewards)  # sigmoid(-s), (b,)
            per_pair = torch.stack([
                losses, nll, chosen_rewards, rejected_rewards,
                (chosen_rewards > rejected_rewards).float(), chosen.logps, rejected.logps,
                w, (w >= cfg.signal_tau).float(),
            ])  # (len(METRIC_KEYS), b)
            sums[:-2] += weight * per_pair.sum(-1).double()
            sums[-2] += weight * real
            sums[-1] += computed  # a placeholder slot's compute is spent too
    D.all_reduce_sum(sums)
    if not math.isfinite(sums[0].item()):
        raise FloatingPointError(
            f"non-finite loss ({sums[0].item()}) at step {scheduler.last_epoch + 1}; stopping before "
            "anything of this step is saved (check the learning rate, the data and the precision)"
        )
    max_norm = cfg.max_grad_norm if cfg.max_grad_norm > 0 else float("inf")
    grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    grad_norm = grad_norm.full_tensor() if hasattr(grad_norm, "full_tensor") else grad_norm
    if not math.isfinite(grad_norm.item()):  # a finite loss can still have a NaN gradient
        raise FloatingPointError(
            f"non-finite gradient norm ({grad_norm.item()}) at step {scheduler.last_epoch + 1}; the step was not "
            "taken and nothing of it is saved (check the learning rate, the data and the precision)"
        )
    lr = scheduler.get_last_lr()[0]
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad(set_to_none=True)

    metrics = {k: (sums[i] / inputs.n_pairs).item() for i, k in enumerate(METRIC_KEYS)}
    metrics["loss/dpo"] = metrics["loss"] - cfg.rpo_alpha * metrics["loss/nll"]
    metrics["rewards/margins"] = metrics["rewards/chosen"] - metrics["rewards/rejected"]
    metrics["grad_norm"] = grad_norm.item()
    metrics["lr"] = lr
    metrics["tokens_per_s"] = sums[-2].item() / (time.perf_counter() - t0)  # real tokens, all ranks together
    metrics["tokens/padding"] = 1 - sums[-2].item() / sums[-1].item()  # the share of computed tokens that is padding
    metrics["peak_mem_gb"] = peak_memory_gb(dist.device)
    return metrics


def stage_summary(sums: dict, n: int, encoded: list[EncodedPair], counts: dict, skipped: dict) -> dict:
    """A stage's row of metrics.jsonl: every step metric averaged over the stage's n steps, with
    how many pairs it trained on, the sampler's counts and what encoding skipped or cut."""
    return ({k: v / n for k, v in sums.items()} | {"pairs": len(encoded), **counts}
            | {f"encode/skipped/{k}": v for k, v in skipped.items()}
            | {"encode/truncated": sum(p.truncated for p in encoded),
               "len/chosen": sum(len(p.chosen_ids) for p in encoded) / len(encoded),
               "len/rejected": sum(len(p.rejected_ids) for p in encoded) / len(encoded)})


def peak_memory_gb(device: torch.device) -> float:
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**30
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB on Linux
