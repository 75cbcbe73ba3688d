"""LoRA (--lora-rank, drift/lora.py): the paper's reference exactly (the policy at each stage's
start; the base model with --ref base, from the same model with its adapters off), a state that
holds the adapter and its optimizer only and resumes bit for bit after a kill anywhere, exports
that peft loads and that agree with the merged folder, the same run on 1 and 2 ranks, and bad
LoRA flags refused in one line before anything is written."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from forked import error_line, train
from safetensors.torch import load_file

from drift.config import parse_config
from drift.io import UsageError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
FLAGS = ["--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "16", "--lr", "1e-3",
         "--warmup-ratio", "0", "--warm-epochs", "1", "--iterations", "1", "--sample-batch-size", "8",
         "--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl"), "--lora-rank", "4"]


def rows(out: Path) -> list[dict]:
    lines = (out / "metrics.jsonl").read_text().splitlines()
    return [{k: v for k, v in json.loads(line).items() if k not in ("tokens_per_s", "peak_mem_gb")} for line in lines]


def adapter(out: Path, stage: str = "iter1") -> dict[str, torch.Tensor]:
    return load_file(out / stage / "adapter" / "adapter_model.safetensors")


@pytest.fixture(scope="module")
def lora_run(tiny_chat_dir, tmp_path_factory):
    """A LoRA run with --ref previous, dropout off: a warm start and one iteration."""
    tmp = tmp_path_factory.mktemp("lora")
    out = tmp / "out"
    code, err, _ = train(["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS], tmp)
    assert code == 0, err
    assert "packing refused" not in (tmp / "child.stdout").read_text()  # packed micro-batches with adapters
    return out


def test_the_reference_of_each_stage_is_the_policy_at_its_start(lora_run):
    """--ref previous: the first step of every stage sees the policy's own log-probs as the
    reference (rewards exactly 0), the warm start's trained adapter included; the first step of
    iteration 1 is no longer the base model (its log-probs moved)."""
    steps = [r for r in rows(lora_run) if r["type"] == "step"]
    firsts = [next(r for r in steps if r["stage"] == s) for s in ("warm", "iter1")]
    for r in firsts:
        assert abs(r["rewards/chosen"]) < 1e-6 and abs(r["rewards/rejected"]) < 1e-6, r
    assert any(abs(r["rewards/chosen"]) > 1e-3 for r in steps if r["stage"] == "warm")  # the adapter learned


def test_the_state_holds_the_adapter_and_its_optimizer_only(lora_run):
    (state,) = (lora_run / "state").iterdir()
    meta = json.loads((state / "meta.json").read_text())
    names = [k for k in meta["index"] if k.startswith("model/")]
    assert names and all(".lora_A." in k or ".lora_B." in k for k in names)
    weights = load_file(state / "shard-00000.safetensors") if (state / "shard-00000.safetensors").exists() else None
    if weights is not None:
        assert all(v.dtype == torch.float32 for k, v in weights.items() if k.startswith("model/"))


def test_the_exported_adapter_loads_with_peft_and_agrees_with_the_merged_folder(lora_run, tiny_chat_dir):
    """OUT/iter1/adapter is peft's format: PeftModel.from_pretrained(base, folder) takes every
    tensor, and its log-probs equal the merged folder's (fp32: within rounding)."""
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    folder = lora_run / "iter1" / "adapter"
    config = json.loads((folder / "adapter_config.json").read_text())
    assert config["r"] == 4 and config["peft_type"] == "LORA" and config["base_model_name_or_path"]
    saved = adapter(lora_run)
    assert all(k.startswith("base_model.model.") and ".default." not in k for k in saved)
    assert any(v.abs().max() > 0 for k, v in saved.items() if "lora_B" in k)  # trained, not the zero start
    base = AutoModelForCausalLM.from_pretrained(tiny_chat_dir, dtype=torch.float32)
    peft_model = PeftModel.from_pretrained(base, folder).eval()
    loaded = {k.replace(".default", ""): v for k, v in peft_model.state_dict().items() if "lora_" in k}
    assert set(loaded) == set(saved) and all(torch.equal(loaded[k], saved[k]) for k in saved)
    merged = AutoModelForCausalLM.from_pretrained(lora_run / "iter1", dtype=torch.float32).eval()
    ids = torch.randint(3, base.config.vocab_size, (2, 40), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        a = torch.log_softmax(peft_model(input_ids=ids).logits, -1)
        b = torch.log_softmax(merged(input_ids=ids).logits, -1)
        plain = torch.log_softmax(AutoModelForCausalLM.from_pretrained(tiny_chat_dir)(input_ids=ids).logits, -1)
    assert (a - b).abs().max() < 1e-4
    assert (a - plain).abs().max() > 1e-3  # the adapter changes the model


def spy_reference():
    """(prepare hook) At each reference pass with the adapters off, record how far the run's table
    is from a separately loaded base model's, and how far the adapters (switched on) would move it."""
    import train as train_module

    from drift.model import load_model

    real = train_module.reference_logps

    def spy(model, pairs, first_epoch, dist, pad_id, chunk_size, pack_to=0):
        table = real(model, pairs, first_epoch, dist, pad_id, chunk_size, pack_to=pack_to)
        adapted = [m for m in model.modules() if hasattr(m, "lora_A")]
        if adapted and all(m.disable_adapters for m in adapted):
            base = load_model(os.environ["SPY_MODEL"], dist, torch.float32, frozen=True)
            other = real(base.eval(), pairs, first_epoch, dist, pad_id, chunk_size, pack_to=pack_to)
            for m in adapted:
                m.enable_adapters(True)
            on = real(model, pairs, first_epoch, dist, pad_id, chunk_size, pack_to=pack_to)
            for m in adapted:
                m.enable_adapters(False)
            Path(os.environ["SPY_OUT"]).write_text(json.dumps({
                "to_base": (table - other).abs().max().item(), "adapter_effect": (on - table).abs().max().item()}))
        return table

    train_module.reference_logps = spy


def test_ref_base_is_the_base_model_from_the_policy_with_its_adapters_off(tiny_chat_dir, tmp_path):
    """--ref base with LoRA: iteration 1's reference table equals a separately loaded base model's
    (1e-6, fp32), though the policy's adapters (trained by the warm start) move it by far more."""
    out = tmp_path / "out"
    env = {"SPY_MODEL": str(tiny_chat_dir), "SPY_OUT": str(tmp_path / "spy.json")}
    code, err, _ = train(["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS, "--ref", "base"], tmp_path,
                         prepare="test_lora:spy_reference", env=env)
    assert code == 0, err
    seen = json.loads((tmp_path / "spy.json").read_text())
    assert seen["to_base"] < 1e-6 and seen["adapter_effect"] > 1e-3, seen


@pytest.mark.parametrize("flags, message", [
    (["--lora-rank", "-1"], "--lora-rank -1: must be in [0, 4096]"),
    (["--lora-rank", "4", "--lora-alpha", "nan"], "--lora-alpha"),
    (["--lora-alpha", "8"], "--lora-alpha configures the LoRA adapters: pass --lora-rank R too"),
    (["--lora-rank", "4", "--lora-target-modules", " , "], "--lora-target-modules is empty"),
])
def test_bad_lora_flags_are_one_line(flags, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        parse_config(["--seed-data", "s.jsonl", "--dsat-data", "d.jsonl", *flags])


def test_a_target_the_model_does_not_have_is_one_line_naming_those_it_has(tiny_chat_dir, tmp_path):
    out = tmp_path / "out"
    code, err, _ = train(["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS,
                          "--lora-target-modules", "q_proj,query_key_value"], tmp_path)
    line = error_line(err)
    assert code == 1 and "query_key_value: not a linear layer of this model's decoder" in line, line
    assert "it has down_proj,gate_proj,k_proj,o_proj,q_proj,up_proj,v_proj" in line, line
    assert not out.exists()


def test_the_lora_flags_define_the_run(lora_run, tmp_path):
    """A resume with another rank is refused: the adapter it would load is another shape."""
    record = json.loads((lora_run / "run.json").read_text())
    argv = ["--model", record["config"]["model"], "--out", str(lora_run), *FLAGS, "--resume"]
    argv[argv.index("--lora-rank") + 1] = "8"
    code, err, _ = train(argv, tmp_path)
    assert code == 1 and "--lora-rank: the run was started with 4, now 8" in err, err


# ----------------------------------------------------------------------------- resume and ranks


@pytest.fixture(scope="module")
def lora_baseline(tiny_chat_dir, tmp_path_factory):
    """An uninterrupted LoRA run with dropout (its masks must replay on resume), activation
    checkpointing and a save every 2 steps (iteration 1 saves mid-stage), with its file-system
    operations (31)."""
    tmp = tmp_path_factory.mktemp("lora-baseline")
    out = tmp / "out"
    argv = ["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS, "--lora-dropout", "0.1",
            "--activation-checkpointing", "--save-every", "2"]
    code, err, ops = train(argv, tmp, log=True)
    assert code == 0, err
    return {"argv": argv, "out": out, "ops": ops, "adapter": adapter(out), "rows": rows(out),
            "merged": load_file(out / "iter1" / "model.safetensors")}


@pytest.mark.slow
def test_a_kill_at_every_operation_of_a_lora_run_resumes_to_the_same_adapter(lora_baseline, tmp_path):
    names = {n: what for n, what, _ in lora_baseline["ops"]}
    assert {"write adapter", "write extra", "commit state", "remove old state"} <= set(names.values())
    for kill_at in sorted(names):
        out = tmp_path / f"kill-{kill_at}"
        argv = [a if a != str(lora_baseline["out"]) else str(out) for a in lora_baseline["argv"]]
        code, err, _ = train(argv, tmp_path, kill_at=kill_at)
        assert code == -signal.SIGKILL, (kill_at, names[kill_at], err)
        code, err, _ = train(argv + ["--resume"], tmp_path)
        what = f"killed before op {kill_at} ({names[kill_at]})"
        assert code == 0, (what, err)
        got = adapter(out)
        assert set(got) == set(lora_baseline["adapter"]), what
        assert all(torch.equal(got[k], lora_baseline["adapter"][k]) for k in got), what
        merged = load_file(out / "iter1" / "model.safetensors")
        assert all(torch.equal(merged[k], lora_baseline["merged"][k]) for k in merged), what
        assert rows(out) == lora_baseline["rows"], what


def test_two_ranks_train_the_same_adapter_as_one(lora_run, tiny_chat_dir, tmp_path):
    """torchrun with 2 ranks (gloo), activation checkpointing on: the adapters sharded as units of
    their own beside the frozen layers train the adapter of the one-process run, within fp32
    rounding."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_PORT")}
    proc = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port",
                           str(port), "train.py", "--model", str(tiny_chat_dir), "--out", str(out), *FLAGS,
                           "--activation-checkpointing"],
                          cwd=ROOT, env=env | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"},
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got, want = adapter(out), adapter(lora_run)
    assert set(got) == set(want)
    worst = max((got[k] - want[k]).abs().max().item() for k in got)
    assert worst < 1e-4, worst


FSDP_UNITS = """
import argparse, json, os, sys
import torch
from drift import dist as D
from drift.logprobs import sequence_logps
from drift.model import load_model

d = D.setup()
cfg = argparse.Namespace(lora_rank=4, lora_alpha=8.0, lora_dropout=0.0, lora_target_modules="all-linear", seed=0)
model = load_model(sys.argv[1], d, torch.bfloat16, lora=cfg, activation_checkpointing=True)
ids = torch.randint(3, 100, (2, 24), generator=torch.Generator().manual_seed(0))
response = torch.zeros_like(ids)
response[:, 12:] = 1
sequence_logps(model, ids, torch.ones_like(ids), response).logps.sum().backward()
print(json.dumps({n: [str(p.dtype), p.grad is not None] for n, p in model.named_parameters()}), flush=True)
os._exit(0)
"""


def test_fsdp2_shards_the_frozen_base_in_bf16_and_the_adapters_in_fp32(tiny_chat_dir):
    """load_model with LoRA at bf16 compute: every base weight bf16 and frozen, every adapter weight
    fp32 with a gradient after a backward under activation checkpointing (FSDP2 refuses a unit of
    mixed dtypes: the adapters are units of their own)."""
    proc = subprocess.run([sys.executable, "-c", FSDP_UNITS, str(tiny_chat_dir)], cwd=ROOT, capture_output=True,
                          text=True, env={k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE")}
                          | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    params = json.loads(proc.stdout.strip().splitlines()[-1])
    adapters = {n: v for n, v in params.items() if ".lora_" in n}
    base = {n: v for n, v in params.items() if ".lora_" not in n}
    assert adapters and all(v == ["torch.float32", True] for v in adapters.values()), adapters
    assert base and all(v == ["torch.bfloat16", False] for v in base.values()), base


@pytest.mark.parametrize("arch", __import__("drift.tiny", fromlist=["ARCHS"]).ARCHS)
def test_every_architecture_takes_adapters_on_its_text_decoder_and_merges_exactly(arch):
    """For each architecture the suite knows (fused qkv in Phi-3, Gemma-3's multimodal wrapper):
    adapters on every linear layer of the text decoder and nowhere else, and lora.merged's plain
    weights compute what the adapted model computes (B drawn non-zero; fp32)."""
    import argparse
    import copy

    from drift.lora import add_adapters, adapted_targets, merged
    from drift.tiny import make_model, make_tokenizer

    tok = make_tokenizer("chatml")
    plain = make_model(tok, arch).eval()
    model = copy.deepcopy(plain)
    cfg = argparse.Namespace(lora_rank=4, lora_alpha=8.0, lora_dropout=0.0, lora_target_modules="all-linear")
    torch.manual_seed(0)
    add_adapters(model, cfg)
    decoder = model.get_decoder()
    inside = {id(m) for m in decoder.modules()}
    adapted = [m for m in model.modules() if hasattr(m, "lora_A")]
    assert adapted and all(id(m) in inside for m in adapted)
    assert not any(hasattr(m, "lora_A") for m in model.modules() if id(m) not in inside)
    with torch.no_grad():
        for m in adapted:
            m.lora_B.default.weight.normal_(0, 0.05)
    state = model.state_dict()
    assert {k for k in state if ".lora_" in k} and adapted_targets(state)
    plain.load_state_dict(merged(state, cfg))
    ids = torch.randint(3, 100, (2, 12), generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        a, b = model(input_ids=ids).logits, plain(input_ids=ids).logits
    assert (a - b).abs().max() < 1e-4
