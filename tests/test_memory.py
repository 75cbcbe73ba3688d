"""The memory model (drift/memory.py) and --plan: the per-token activations it counts are what
autograd keeps, its shards are what FSDP2 gives each rank, its phases are within 15% of the real
code's measured peaks, and --plan reads a config, says whether a job fits and what to change, and
writes nothing."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import torch
import torch.multiprocessing as mp
from transformers import AutoModelForCausalLM, Qwen2Config

from drift import memory as M

ROOT = Path(__file__).resolve().parent.parent
SHAPE = dict(hidden_size=256, intermediate_size=768, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
             vocab_size=1000)


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_a_layers_activations_are_what_autograd_keeps(dtype):
    """One decoder layer's forward under saved_tensors_hooks: the distinct storages it saves for
    backward (its weights aside) are T x (A + 2 c d) bytes, A = Shapes.layer_activations(c) and
    2 c d the cos and sin of the rotary embedding, which every layer shares (counted once)."""
    config = Qwen2Config(**SHAPE)
    model = AutoModelForCausalLM.from_config(config).to(dtype)
    c, sh, T = torch.finfo(dtype).bits // 8, M.shapes_of(config), 128
    assert saved_by_first_layer(model, dtype, T) == T * (sh.layer_activations(c) + 2 * c * sh.head_dim)


def saved_by_first_layer(model, dtype, T: int) -> int:
    """Bytes of the distinct storages the first decoder layer's forward on T tokens saves for
    backward (saved_tensors_hooks), its weights aside."""
    layer = model.model.layers[0]
    x = torch.randn(1, T, model.config.hidden_size, dtype=dtype, requires_grad=True)
    positions = torch.arange(T)[None]
    saved = {}

    def keep(t):
        saved[t.untyped_storage().data_ptr()] = t.untyped_storage().nbytes()
        return t

    with torch.autograd.graph.saved_tensors_hooks(keep, lambda t: t):
        layer(x, position_embeddings=model.model.rotary_emb(x, positions), attention_mask=None, position_ids=positions)
    weights = {p.untyped_storage().data_ptr() for p in layer.parameters()}
    return sum(n for k, n in saved.items() if k not in weights)


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_a_lora_layers_activations_are_what_autograd_keeps(dtype):
    """The same with LoRA adapters of rank 8 on every linear layer (dropout 0) and the base frozen:
    A with each norm keeping one copy less, plus R per token for each adapted linear (Adapters)."""
    import argparse

    from drift.lora import add_adapters

    config = Qwen2Config(**SHAPE)
    model = AutoModelForCausalLM.from_config(config).to(dtype)
    cfg = argparse.Namespace(lora_rank=8, lora_alpha=16.0, lora_dropout=0.0, lora_target_modules="all-linear")
    add_adapters(model, cfg)
    for m in model.modules():  # as FSDP2 runs them: the adapters in the compute dtype
        if hasattr(m, "lora_A"):
            m.lora_A.to(dtype)
            m.lora_B.to(dtype)
    c, sh, adapters, T = torch.finfo(dtype).bits // 8, M.shapes_of(config), M.adapters_of(model), 128
    assert adapters.per_token == 8 * 7
    expected = T * (sh.layer_activations(c, frozen=True) + c * adapters.per_token + 2 * c * sh.head_dim)
    assert saved_by_first_layer(model, dtype, T) == expected


def _shards_worker(rank, init, result):
    import torch.distributed as dist

    from drift import dist as D

    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=init, rank=rank, world_size=2)
    model = D.shard(AutoModelForCausalLM.from_config(Qwen2Config(**SHAPE | {"vocab_size": 999})), torch.float32, None)
    Path(f"{result}.{rank}").write_text(json.dumps(sum(p.to_local().numel() for p in model.parameters())))
    dist.barrier()
    os._exit(0)  # gloo's threads outlive the group under FSDP2 (drift.io.leave)


def test_a_ranks_shard_is_what_the_model_counts():
    """FSDP2 on 2 ranks (an odd vocabulary, so a shard is ceil(rows / 2)): each rank's local
    elements equal Shapes.shard_numel(2), the resident bytes the model divides by the ranks."""
    sh = M.shapes_of(Qwen2Config(**SHAPE | {"vocab_size": 999}))
    with tempfile.TemporaryDirectory() as tmp:
        mp.spawn(_shards_worker, args=(f"file://{tmp}/init", f"{tmp}/out"), nprocs=2)
        local = [json.loads(Path(f"{tmp}/out.{r}").read_text()) for r in range(2)]
    assert local[0] == sh.shard_numel(2) and local[1] <= local[0]
    assert sh.shard_numel(1) == sh.params


def test_the_phases_are_within_15_percent_of_the_real_codes_peaks(tmp_path):
    """bench/bench_memory.py --quick: the real train_step (with and without activation
    checkpointing), reference pass, sampler and export of a 6M-parameter Qwen2, FSDP2 on one rank,
    each measured by the CPU allocator's own record, each within 15% of drift.memory's prediction."""
    proc = subprocess.run([sys.executable, "bench/bench_memory.py", "--quick", "--out", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(ROOT), "KINETO_LOG_LEVEL": "5"})
    result = json.loads((tmp_path / "memory.json").read_text())
    phases = {r["phase"]: r["ratio"] for r in result["results"]}
    assert set(phases) == {"training step", "training step, checkpointing", "reference pass", "sampling", "export"}
    assert all(abs(r - 1) <= 0.15 for r in phases.values()), phases
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_the_model_moves_the_way_its_knobs_do():
    """At Qwen2.5-7B's shapes: checkpointing and a smaller micro-batch lower the training peak, more
    ranks lower the resident bytes in proportion, and the sampler's batch fits its budget, counting
    a prefill chunk (a batch sized on the KV cache alone would not)."""
    sh = M.shapes_of(Qwen2Config(**json.loads((ROOT / "presets/configs/Qwen2.5-7B-Instruct.json").read_text())))
    step = lambda **k: M.training_step(sh, **({"tokens": 16384, "scored": 16384, "chunk": 1024, "c": 2, "ranks": 8,  # noqa: E731
                                                "checkpointing": False} | k))
    assert step(checkpointing=True).total < step().total and step(tokens=8192, scored=8192).total < step().total
    assert step(ranks=16).resident == pytest.approx(step(ranks=8).resident / 2, rel=1e-3)
    budget = 20 * M.GIB
    batch, chunk = M.sampler_batch(sh, budget, prompt=2048, new_tokens=512, c=2, padded=True, prefill_tokens=4096)
    working = lambda b: M.sampling(sh, batch=b, prompt=2048, new_tokens=512, prefill_tokens=chunk, c=2,  # noqa: E731
                                   ranks=8).working - 2 * sh.params
    assert working(batch) <= budget < working(batch + 1)
    kv_only = int(budget // (2559 * sh.kv_per_token * 2))  # rows if only the KV cache counted
    assert batch < kv_only


def test_the_budget_check_counts_a_whole_batch_prefill_where_the_sampler_runs_one():
    """check_budget (train.py, before the run folder) sizes what the sampler will run: with
    --sampler-compile generate's own prefill takes the whole prompt in one forward, so a budget that
    holds one row prefilled in 256-token chunks, and not one row prefilled whole, is refused there
    and accepted for the eager sampler."""
    from drift.config import Config
    from drift.io import UsageError
    from drift.plan import check_budget, model_config

    config = model_config("Qwen/Qwen2.5-7B-Instruct")
    sh = M.shapes_of(config)
    need = lambda tokens: M.sampling(sh, batch=1, prompt=2048, new_tokens=512, prefill_tokens=tokens, c=2,  # noqa: E731
                                     ranks=1).working - 2 * sh.params
    assert need(256) < need(2048)
    cfg = Config(sample_memory_gb=(need(256) + need(2048)) / 2 / M.GIB, sample_max_prompt_length=2048,
                 max_new_tokens=512)
    check_budget(config, cfg, torch.bfloat16, torch.device("cuda"))
    with pytest.raises(UsageError, match="does not hold one row"):
        check_budget(config, dataclasses.replace(cfg, sampler_compile=True), torch.bfloat16, torch.device("cuda"))


def plan(args: list[str], cwd: Path, script: str = "train.py") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / script), *args, "--plan"], cwd=cwd, capture_output=True, text=True,
                          env=os.environ | {"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"})


def test_plan_on_the_presets_config_writes_nothing_and_says_it_fits(tmp_path):
    """The paper preset on a node of 8 x 80 GB: each phase's per-rank memory, the sampler's batch,
    the bytes of a save and of the run, "fits"; from the bundled config (no network, no weights),
    and the working folder stays empty."""
    proc = plan(["--preset", "paper_qwen2.5_7b", "--plan-gpus", "8", "--plan-gpu-gb", "80"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    for what in ("7.62 B parameters", "training step", "reference pass", "sampling (", "export", "each save", "disk per run",
                 "\nfits:"):
        assert what in text, (what, text)
    assert list(tmp_path.iterdir()) == []


def test_plan_says_what_to_change_when_a_job_does_not_fit(tmp_path):
    """The paper preset on one 80 GB GPU does not fit; without checkpointing on a node neither, and
    the line names the flag that makes it fit; sample.py --plan gives the sampler's batch."""
    from drift.config import parse_args
    from drift.plan import Job, train_plan

    gb80 = 80 * M.GIB
    cfg, _ = parse_args(["--preset", "paper_qwen2.5_7b"])
    one = train_plan(cfg, Job(1, 1, gb80))
    assert "does not fit" in one and "to fit, use" in one, one
    cfg, _ = parse_args(["--preset", "paper_qwen2.5_7b", "--no-activation-checkpointing"])
    assert "to fit, use --activation-checkpointing" in train_plan(cfg, Job(1, 8, gb80))
    samples = plan(["--model", "Qwen/Qwen2.5-7B-Instruct", "--plan-gpu-gb", "80"], tmp_path, "sample.py")
    assert samples.returncode == 0 and "rows a generate call" in samples.stdout, samples.stdout + samples.stderr
    assert list(tmp_path.iterdir()) == []


def test_plan_of_a_lora_run_fits_the_preset_on_one_80_gb_gpu():
    """--lora-rank 16 on the paper preset: the base frozen in bf16, no gradients or optimizer state
    for it, so the run that does not fit one 80 GB GPU with full weights fits it; a save is the
    adapter and its optimizer state (40.4 M fp32 parameters at rank 16 on every linear layer)."""
    from drift.config import parse_args
    from drift.plan import Job, train_plan

    gb80 = 80 * M.GIB
    full, _ = parse_args(["--preset", "paper_qwen2.5_7b"])
    lora, _ = parse_args(["--preset", "paper_qwen2.5_7b", "--lora-rank", "16"])
    assert "does not fit" in train_plan(full, Job(1, 1, gb80))
    text = train_plan(lora, Job(1, 1, gb80))
    assert "\nfits:" in text and "LoRA rank 16 (40.4 M fp32 adapter parameters)" in text, text
    assert "each save: 0.3 GB mid-stage" in text, text
