"""The path a GPU node runs, proven on CPU: one copy of the weights per job (rank 0 reads, the
others receive their shard), bf16 compute with fp32 master weights on 1 and 2 ranks, packed
micro-batches that compute what padded ones do, train.py as 2 nodes of 1 process each, and the
GPU check script in its CPU mode (so it is never dead code)."""

from __future__ import annotations

import json
import math
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from forked import run_train
import torch.multiprocessing as mp
from hypothesis import given, settings
from hypothesis import strategies as st
from safetensors.torch import load_file, save_file

from drift.data import ChatEncoder, Pair, collate, collate_packed, pack
from drift.logprobs import concatenated_logps
from drift.tiny import make_model, make_tokenizer

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
FLAGS = ["--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "16", "--lr", "1e-4",
         "--warm-epochs", "2", "--iterations", "1", "--sample-batch-size", "8",
         "--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def train(args: list[str], nproc: int = 1, check: bool = True):
    """train.py with these flags: one process in a child forked from a preloaded server
    (tests/forked.py), several under torchrun."""
    if nproc == 1:
        out = Path(args[args.index("--out") + 1])
        proc = run_train(args, out.parent, name=f"{out.name}-run")
        if check and proc.returncode != 0:
            raise AssertionError(f"train.py {' '.join(args)} failed:\n{proc.stderr[-4000:]}")
        return proc
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_PORT")}
    env |= {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "train.py", *args] if nproc == 1 else [
        sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", str(nproc), "--master_port", str(_free_port()),
        "train.py", *args]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed:\n{proc.stderr[-4000:]}")
    return proc


def rows(out: Path, kind: str = "step") -> list[dict]:
    return [r for r in map(json.loads, (out / "metrics.jsonl").read_text().splitlines()) if r["type"] == kind]


# ----------------------------------------------------------------------------- packing


@settings(max_examples=60, deadline=None)
@given(lengths=st.lists(st.integers(1, 300), min_size=1, max_size=16), cap=st.integers(1, 600))
def test_pack_places_every_row_once_within_one_capacity(lengths, cap):
    C, bins = pack(lengths, cap)
    assert sorted(i for b in bins for i in b) == list(range(len(lengths)))
    assert max(lengths) <= C <= max(cap, max(lengths))
    assert all(sum(lengths[i] for i in b) <= C for b in bins)
    assert len(bins) * C >= sum(lengths)


def test_packed_rows_score_each_sequence_as_the_padded_batch_does():
    """Summed log-probs and their gradients, packed into bins vs right-padded, for pairs of mixed
    lengths: the same numbers to fp32 rounding (each sequence sees only itself, from position 0)."""
    tok = make_tokenizer("chatml")
    model = make_model(tok)
    enc = ChatEncoder(tok)
    pairs = [enc.encode(Pair([{"role": "user", "content": "question " + "fox " * k}], "yes " * (3 * k + 1), "no " * (k + 2)))
             for k in (0, 5, 2, 9)]
    padded = collate(pairs, tok.pad_token_id)
    packed = collate_packed(pairs, tok.pad_token_id, max_capacity=64)
    assert packed["input_ids"].numel() < padded["input_ids"].numel()  # it does pack
    results = []
    for batch in (padded, packed):
        model.zero_grad()
        chosen, rejected = concatenated_logps(model, batch, chunk_size=7, n_pairs=len(pairs))
        (chosen.logps.sum() - 0.5 * rejected.logps.sum()).backward()
        results.append((chosen, rejected, [p.grad.clone() for p in model.parameters()]))
    (c1, r1, g1), (c2, r2, g2) = results
    torch.testing.assert_close(c1.logps, c2.logps, rtol=0, atol=1e-5)
    torch.testing.assert_close(r1.logps, r2.logps, rtol=0, atol=1e-5)
    assert torch.equal(c1.n_tokens, c2.n_tokens) and torch.equal(r1.n_tokens, r2.n_tokens)
    for a, b in zip(g1, g2):
        torch.testing.assert_close(a, b, rtol=1e-3, atol=1e-5)


def test_packed_and_padded_training_give_the_same_losses(tiny_chat_dir, tmp_path):
    """The whole loop with --packing (the default) and --no-packing: every step's loss within 1e-5,
    with less padding computed."""
    runs = {}
    for flag in ("--packing", "--no-packing"):
        out = tmp_path / flag
        train(["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS, flag])
        runs[flag] = rows(out)
    assert len(runs["--packing"]) == len(runs["--no-packing"])
    for a, b in zip(runs["--packing"], runs["--no-packing"]):
        assert abs(a["loss"] - b["loss"]) < 1e-5, (a, b)
    pad = lambda r: sum(x["tokens/padding"] for x in r) / len(r)  # noqa: E731
    assert pad(runs["--packing"]) < pad(runs["--no-packing"])


# ----------------------------------------------------------------------------- loading


def _load_worker(rank, init_file, model_dir, out_file):
    import torch.distributed as dist

    from drift import dist as D
    from drift.model import load_model

    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=2)
    d = D.Dist(rank, 2, rank, torch.device("cpu"))
    model = load_model(model_dir, d, torch.float32)
    full = D.full_state_dict(model)
    shards = {n: list(p.to_local().shape) for n, p in model.named_parameters()}
    tied = model.get_output_embeddings().weight is model.get_input_embeddings().weight
    # results in safetensors and JSON: nothing a test reads back is unpickled either
    tensors = {f"buffers/{n}": b for n, b in model.named_buffers()} | {f"full/{k}": v for k, v in full.items()}
    save_file({k: v.detach().clone().contiguous() for k, v in tensors.items()}, f"{out_file}.{rank}.safetensors")
    Path(f"{out_file}.{rank}.json").write_text(json.dumps({"shards": shards, "tied": tied}))
    dist.barrier()
    dist.destroy_process_group()
    os._exit(0)  # as drift.io.leave does: gloo's threads outlive the group under FSDP2, and the
    # interpreter's exit sometimes aborted on them after the results were written


@pytest.mark.parametrize("group", [True, False])
def test_a_script_ends_with_the_status_cli_gave_and_all_it_printed(group):
    """drift.io.leave: a process that joined a process group ends at once (FSDP2 keeps gloo's threads
    past destroy_process_group), yet with cli()'s status and its unflushed output; one that never
    joined a group exits as usual."""
    code = ("import sys; from drift import dist as D; from drift.io import leave\n"
            + ("D.setup(); D.teardown()\n" if group else "")
            + "print('said', end=''); print('warned', end='', file=sys.stderr); leave(3)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # output buffered, as by default
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
    assert r.returncode == 3 and r.stdout == "said" and r.stderr.endswith("warned"), r


@pytest.mark.parametrize("tied", [False, True])
def test_rank_zero_reads_the_weights_and_every_rank_gets_its_shard(tmp_path, tied):
    """2 ranks: the sharded model gathers back to the file's weights exactly, each rank holds half
    of every tensor's rows, the rotary buffers (not in the state dict) are the real ones on both
    ranks, and tied embeddings stay tied."""
    from transformers import AutoModelForCausalLM

    tok = make_tokenizer("chatml")
    model = make_model(tok, tie_word_embeddings=tied, seed=3)
    model.save_pretrained(tmp_path / "m")
    tok.save_pretrained(tmp_path / "m")
    out = str(tmp_path / "out")
    mp.spawn(_load_worker, args=(str(tmp_path / "init"), str(tmp_path / "m"), out), nprocs=2, join=True)

    def result(rank):
        tensors = load_file(f"{out}.{rank}.safetensors")
        groups = {"buffers": {}, "full": {}}
        for key, value in tensors.items():
            group, name = key.split("/", 1)
            groups[group][name] = value
        return json.loads(Path(f"{out}.{rank}.json").read_text()) | groups

    r0, r1 = result(0), result(1)
    reference = AutoModelForCausalLM.from_pretrained(tmp_path / "m", dtype=torch.float32)
    expected = reference.state_dict()
    assert set(r0["full"]) == set(expected) and all(torch.equal(r0["full"][k], expected[k]) for k in expected)
    for name, p in reference.named_parameters():
        rows0, rows1 = r0["shards"][name][0], r1["shards"][name][0]
        assert rows0 + rows1 == p.shape[0] and rows0 == -(-p.shape[0] // 2)
    for name, b in reference.named_buffers():
        assert torch.equal(r0["buffers"][name], b) and torch.equal(r1["buffers"][name], b), name
    assert r0["tied"] == tied


# ----------------------------------------------------------------------------- bf16


def test_chunked_logps_in_bf16_are_fp32_ones_within_a_stated_tolerance():
    """bf16 compute (the log-softmax stays fp32) against fp32, for a tiny model: per row the summed
    log-prob differs by at most 0.02 nats per response token, and by at most 1% relative."""
    tok = make_tokenizer("chatml")
    model = make_model(tok, seed=1)
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(3, len(tok), (4, 48), generator=g)
    mask, response = torch.ones_like(ids), torch.zeros_like(ids)
    response[:, 16:] = 1
    from drift.logprobs import sequence_logps

    with torch.no_grad():
        full = sequence_logps(model, ids, mask, response, chunk_size=16)
        half = sequence_logps(model.to(torch.bfloat16), ids, mask, response, chunk_size=16)
    diff = (full.logps - half.logps).abs()
    assert (diff <= 0.02 * full.n_tokens).all() and (diff <= 0.01 * full.logps.abs()).all(), diff
    assert half.logps.dtype == torch.float32


def _master_weights(state_folder: Path) -> dict[str, torch.Tensor]:
    """The fp32 weights of a one-rank training state (its rank's rows are every row)."""
    tensors = load_file(state_folder / "rank00000.safetensors")
    return {k.split("/", 1)[1]: v for k, v in tensors.items() if k.startswith("model/")}


@pytest.mark.slow
def test_bf16_training_on_1_and_2_ranks(tiny_chat_dir, tmp_path):
    """--dtype bf16 on CPU: ln 2 at each stage's step 0, finite losses, a bf16 checkpoint that
    reloads, 2 ranks as 1 on the warm start's data (iteration 1 samples its pairs in bf16 from
    weights that 1 and 2 ranks round differently in the last bit of fp32, so a sampled token may
    differ: its losses are not compared); and at lr 5e-7 the fp32 master weights move by amounts a
    bf16 parameter rounds away."""
    bf16 = ["--dtype", "bf16", "--warmup-ratio", "0"]
    out1, out2 = tmp_path / "one", tmp_path / "two"
    train(["--model", str(tiny_chat_dir), "--out", str(out1), *FLAGS, *bf16])
    train(["--model", str(tiny_chat_dir), "--out", str(out2), *FLAGS, *bf16], nproc=2)
    for out in (out1, out2):
        steps = rows(out)
        firsts = {}
        for r in steps:
            firsts.setdefault(r["stage"], r)
        assert all(abs(r["loss/dpo"] - math.log(2)) < 1e-6 for r in firsts.values())
        assert all(math.isfinite(r["loss"]) and math.isfinite(r["grad_norm"]) for r in steps)
        assert json.loads((out / "run.json").read_text())["compute_dtype"] == "bfloat16"
    warm = lambda out: [r for r in rows(out) if r["stage"] == "warm"]  # noqa: E731
    assert len(warm(out1)) == len(warm(out2)) > 0
    for a, b in zip(warm(out1), warm(out2)):
        assert abs(a["loss"] - b["loss"]) < 2e-3, (a["loss"], b["loss"])
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(out1 / "iter1", dtype="auto")  # the dtype the folder records
    assert model.dtype == torch.bfloat16
    saved = load_file(out1 / "iter1" / "model.safetensors")
    master = _master_weights(out1 / "state" / "002-0000000")
    assert all(saved[k].dtype == torch.bfloat16 and torch.equal(saved[k], master[k].to(torch.bfloat16)) for k in saved)
    ids = torch.tensor([[1, 2, 3]])
    assert model.generate(ids, max_new_tokens=3, do_sample=False).shape[1] == 6

    # the paper's learning rate: updates far below bf16's resolution, kept by the fp32 master copy
    small = tmp_path / "small-lr"
    train(["--model", str(tiny_chat_dir), "--out", str(small), *FLAGS, *bf16, "--lr", "5e-7", "--iterations", "0"])
    before = load_file(Path(tiny_chat_dir) / "model.safetensors")
    after = _master_weights(small / "state" / "001-0000000")
    moved = rounded_away = 0
    for k, w in before.items():
        changed = after[k] != w
        moved += int(changed.sum())
        rounded_away += int((changed & (after[k].to(torch.bfloat16) == w.to(torch.bfloat16))).sum())
    assert moved > 0.5 * sum(w.numel() for w in before.values())
    assert rounded_away > 0.9 * moved, (moved, rounded_away)


# ----------------------------------------------------------------------------- across nodes


@pytest.mark.slow
def test_two_nodes_of_two_ranks_shard_within_a_node_and_match_one_process(tiny_chat_dir, tmp_path):
    """The README's multi-node command as 2 nodes of 2 ranks on this machine (two torchrun agents,
    c10d rendezvous on 127.0.0.1, one output folder as on a cluster filesystem), batch 8 in
    micro-batches of 1 (2 a rank a step): --sharding auto shards within each node and replicates
    across them (HSDP: a saved state holds the node's 2 shards, not 4), and the losses and weights
    are one process's within fp32 rounding."""
    flags = FLAGS[:FLAGS.index("--batch-size")] + ["--batch-size", "8", "--micro-batch-size", "1"] + FLAGS[4:]
    single = tmp_path / "single"
    train(["--model", str(tiny_chat_dir), "--out", str(single), *flags])
    out, port = tmp_path / "nodes", _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_PORT")}
    env |= {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nnodes", "2", "--nproc_per_node", "2",
           "--rdzv-backend", "c10d", "--rdzv-endpoint", f"127.0.0.1:{port}",
           "train.py", "--model", str(tiny_chat_dir), "--out", str(out), *flags]
    nodes = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate() for p in nodes]
    assert all(p.returncode == 0 for p in nodes), [o[1][-3000:] for o in outputs]
    for a, b in zip(rows(single), rows(out)):
        assert abs(a["loss"] - b["loss"]) < 1e-5
    assert len(rows(single)) == len(rows(out))
    w1, w2 = load_file(single / "iter1" / "model.safetensors"), load_file(out / "iter1" / "model.safetensors")
    assert max((w1[k] - w2[k]).abs().max().item() for k in w1) < 1e-5
    assert json.loads((out / "run.json").read_text())["starts"][0]["world_size"] == 4
    state = next((out / "state").iterdir())
    assert json.loads((state / "meta.json").read_text())["world_size"] == 2
    assert sorted(p.name for p in state.glob("rank*")) == ["rank00000.safetensors", "rank00001.safetensors"]


# ----------------------------------------------------------------------------- the GPU check, on CPU


def test_gpu_check_runs_on_cpu(tmp_path):
    """bench/gpu_check.py --device cpu --quick: every part of the GPU check, in its order
    (correctness, memory, speed), runs on tiny shapes and passes what can be checked on CPU; the
    results file is written part by part."""
    proc = subprocess.run([sys.executable, "bench/gpu_check.py", "--device", "cpu", "--quick", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True,
                          env=os.environ | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "KINETO_LOG_LEVEL": "5"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((tmp_path / "gpu_check.json").read_text())
    parts = ["train.py end to end", "packed vs padded log-probs", "compiled vs eager tokens", "bf16 vs fp32 log-probs",
             "memory model vs measured", "automatic sampler batch", "accumulation memory", "7B DPO step MFU",
             "sampler vs roofline", "compiled sampler vs eager"]
    assert [k for k in result if k in parts] == parts  # in this order, none skipped or failed
    assert not any("failed" in result[k] or "skipped" in result[k] for k in parts)
    assert result["train.py end to end"]["first_step_is_ln2"] and result["7B DPO step MFU"]["loss_finite"]
    assert all(r["max_diff_per_token"] < 1e-4 and r["packing_check"] == "passed"
               for r in result["packed vs padded log-probs"].values() if isinstance(r, dict))
    compiled = result["compiled vs eager tokens"]
    for kind in ("greedy", "sampled"):  # on CPU in fp32 the compiled path is the eager one, token for token
        assert compiled[f"{kind} same_rows"] == compiled["rows"] and compiled[f"{kind} compiled_repeats"]
        assert compiled[f"{kind} first_difference"] == [16] * compiled["rows"]
    assert result["train.py end to end"]["first_step_off_ln2"] < 1e-6
    assert all(abs(v["ratio"] - 1) <= 0.15 for k, v in result["memory model vs measured"].items() if isinstance(v, dict))
    assert "**memory model vs measured**" in (tmp_path / "gpu_check.md").read_text()
    decode = result["sampler vs roofline"]  # the whole pass is its prefill and its decode steps
    assert 0 < decode["prefill_s"] and 0 < decode["decode_s"] and decode["decode_of_roofline"] > 0
    assert decode["decode_tok_s"] >= decode["sampler_tok_s"]  # the decode steps alone, without the prefill's time
    assert result["compiled sampler vs eager"]["compiled_tok_s"] > 0


def test_gpu_check_runs_only_the_parts_named(tmp_path):
    """--only runs the parts it names and nothing else; a name that is not a part is one line."""
    env = os.environ | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    proc = subprocess.run([sys.executable, "bench/gpu_check.py", "--device", "cpu", "--quick", "--only", "bf16",
                           "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not (tmp_path / "gpu_check.json").exists()  # a run of some parts writes beside the full table
    result = json.loads((tmp_path / "gpu_check_bf16.json").read_text())
    assert [k for k, v in result.items() if isinstance(v, dict) and "seconds" in v] == ["bf16 vs fp32 log-probs"]
    bad = subprocess.run([sys.executable, "bench/gpu_check.py", "--device", "cpu", "--only", "bf16,nope",
                          "--out", str(tmp_path / "bad")], cwd=ROOT, capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "--only" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "bad").exists()


def test_gpu_decode_profile_runs_on_cpu(tmp_path):
    """bench/gpu_decode_profile.py --device cpu: the same code on tiny shapes writes its results,
    a decode step's share of each time and the profiler's tables."""
    proc = subprocess.run([sys.executable, "bench/gpu_decode_profile.py", "--device", "cpu", "--out", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True,
                          env=os.environ | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "KINETO_LOG_LEVEL": "5"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((tmp_path / "gpu_decode_profile.json").read_text())
    for name in ("sampled", "greedy"):
        assert result[name]["decode_step_wall_ms"] > 0 and result[name]["decode_step_cpu_ops_ms"] > 0
        assert "aten::" in (tmp_path / f"gpu_decode_profile_{name}.txt").read_text()
