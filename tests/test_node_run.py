"""What an 8-GPU run meets in its first hour, proven on CPU: no data file defaults to the toy
sample, a batch that cannot split over the ranks is refused before anything is read, the README's
multi-node command splits, accumulation never holds a whole unsharded gradient, the previous
optimizer is gone before sampling, --ref base is read once, packing is checked on the real model,
and sample.py keeps one copy of the weights in host memory."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from forked import train

from drift.config import parse_config
from drift.io import UsageError
from drift.trainer import batch_problem

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
DATA = ["--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl")]
SMALL = ["--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "12", "--lr", "1e-4",
         "--warm-epochs", "1", "--iterations", "2", "--sample-batch-size", "8", "--warmup-ratio", "0"]


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_PORT")}
    return env | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}


def _torchrun(args: list[str], nproc: int = 2) -> subprocess.CompletedProcess:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", str(nproc), "--master_port", str(port),
           *args]
    return subprocess.run(cmd, cwd=ROOT, env=_env(), capture_output=True, text=True)


# ----------------------------------------------------------------------------- defaults and early checks


@pytest.mark.parametrize("argv, message", [
    (["--dsat-data", "d.jsonl"], "--seed-data is empty: the warm start (--warm-epochs 3)"),
    (["--seed-data", "s.jsonl"], "--dsat-data is empty: --method drift iterates on DSAT rows"),
    (["--seed-data", "s.jsonl", "--dsat-data", "d.jsonl", "--method", "spin"], "--sat-data is empty: --method spin"),
])
def test_no_data_file_defaults_to_the_bundled_sample(argv, message, capsys):
    """A researcher who passes --dsat-data and forgets --seed-data is told, before anything is
    read, instead of warm-starting on the 8 synthetic pairs of data/sample."""
    with pytest.raises(UsageError, match=re.escape(message)):
        parse_config(argv)
    cfg = parse_config(["--warm-epochs", "0", "--dsat-data", "d.jsonl"])  # no warm start, said explicitly
    assert cfg.seed_data == "" and cfg.sat_data == ""
    assert parse_config(["--preset", "demo"]).seed_data == "data/sample/filtered/seed.jsonl"  # the demo names them


def test_batch_problem_names_flags_that_work():
    """32 pairs in micro-batches of 4 are 8 slots: 16 ranks cannot share them; micro-batches of 2
    (16 x 2 = 32) or a batch of 64 can."""
    problem = batch_problem(32, 4, 16)
    assert "--micro-batch-size 2" in problem and "--batch-size 64" in problem
    for micro in (1, 2):
        assert batch_problem(32, micro, 16) is None
    assert batch_problem(32, 4, 8) is None and "--micro-batch-size 3 or --batch-size 8" in batch_problem(6, 4, 1)


@pytest.mark.slow
def test_a_batch_that_does_not_split_over_the_ranks_stops_before_anything_is_read(tiny_chat_dir, tmp_path):
    """--batch-size 2 --micro-batch-size 2 on 2 ranks: one line on rank 0 that says what to change,
    exit 1, before the model is read or the run folder written."""
    out = tmp_path / "out"
    proc = _torchrun(["train.py", "--model", str(tiny_chat_dir), "--out", str(out), *DATA,
                      "--batch-size", "2", "--micro-batch-size", "2"])
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert proc.returncode != 0 and 'train.py", line' not in proc.stderr, proc.stderr[-3000:]  # no traceback of ours
    assert len(errors) == 1 and "--micro-batch-size 1 or --batch-size 4" in errors[0], proc.stderr[-3000:]
    assert not out.exists() and "Loading weights" not in proc.stderr
    # torchrun's own summary, printed after the workers end, names that line as the root cause
    root_cause = proc.stderr.split("Root Cause")[-1]
    assert f"traceback : {errors[0]}" in root_cause, proc.stderr[-3000:]


def readme_commands() -> list[list[str]]:
    """The torchrun commands of README.md, as argument lists ($VARIABLES kept as text)."""
    text = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    commands = []
    for block in blocks:
        for command in block.replace("\\\n", " ").splitlines():
            if command.strip().startswith("torchrun"):
                commands.append(shlex.split(command.split("#")[0]))
    return commands


def test_the_readmes_torchrun_commands_split_their_batch():
    """Every torchrun command of the README, with its preset and flags, on its number of ranks
    (nodes x processes per node): the batch splits. The 2-node test of test_gpu_path runs the
    multi-node one scaled down (2 nodes of 1 rank, the same 2 pairs a rank)."""
    commands = readme_commands()
    assert any("--nnodes" in c for c in commands)
    for c in commands:
        nodes = int(c[c.index("--nnodes") + 1]) if "--nnodes" in c else 1
        world = nodes * int(c[c.index("--nproc_per_node") + 1])
        flags = c[c.index("train.py") + 1:]
        flags = [f for f in flags if f != "..."]
        if "--dsat-data" not in flags:
            flags += DATA
        cfg = parse_config(flags)
        assert batch_problem(cfg.batch_size, cfg.micro_batch_size, world) is None, c
        if nodes > 1:
            assert cfg.batch_size // world == 2 and cfg.micro_batch_size == 2  # the 2-node test's shape


# ----------------------------------------------------------------------------- memory


def unsharded_gradient_bytes(model) -> int:
    """Bytes of unsharded gradient FSDP2 holds for the model's parameters right now."""
    from torch.distributed.fsdp import FSDPModule

    held = 0
    for module in model.modules():
        group = module._get_fsdp_state()._fsdp_param_group if isinstance(module, FSDPModule) else None
        for p in group.fsdp_params if group else []:
            unsharded = getattr(p, "_unsharded_param", None)
            for grad in (getattr(unsharded, "grad", None), getattr(p, "unsharded_accumulated_grad", None)):
                held += grad.numel() * grad.element_size() if grad is not None else 0
    return held


def test_accumulation_holds_no_unsharded_gradient_between_micro_batches(tok):
    """Gradients are reduce-scattered after every micro-batch: when the 2nd, 3rd and 4th forwards of
    a step start, FSDP2 holds no unsharded gradient (with the sync off until the last
    micro-batch it would hold one of every parameter: the whole model's size on every rank)."""
    from types import SimpleNamespace

    from drift import dist as D
    from drift.data import EncodedPair
    from drift.tiny import make_model
    from drift.trainer import linear_schedule, reference_logps, train_step

    dist = D.setup()
    model = D.shard(make_model(tok), torch.float32, dist.device)
    g = torch.Generator().manual_seed(0)
    pairs = [EncodedPair(*(torch.randint(5, 400, (8,), generator=g).tolist() for _ in range(3))) for _ in range(4)]
    step = [[0], [1], [2], [3]]  # 4 micro-batches of one pair, one step
    cfg = SimpleNamespace(beta=0.1, loss_type="sigmoid", label_smoothing=0.0, rpo_alpha=0.001, max_grad_norm=1.0,
                          logps_chunk_size=64, signal_tau=0.25, packing=False, max_length=64)
    ref = reference_logps(model, pairs, [step], dist, 0, 64)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3)
    held = []
    hook = model.register_forward_pre_hook(lambda *_: held.append(unsharded_gradient_bytes(model)))
    model.train()
    train_step(model, optimizer, linear_schedule(optimizer, 1, 0.0), pairs, ref, step, cfg, dist, 0)
    hook.remove()
    assert len(held) == 4 and held == [0, 0, 0, 0], held


def test_the_micro_batch_changes_no_number_of_a_step(tok):
    """One global batch of 4 pairs of uneven lengths as 4 micro-batches of 1 and as 1 of 4: the same
    loss, NLL term and gradients (to fp32 rounding). The NLL term is the token mean of the chosen
    responses over the whole batch, nll_loss of all its pairs (a micro-batch mean would weigh a short
    reply's tokens by how the batch is split), so --micro-batch-size is a memory knob alone."""
    from types import SimpleNamespace

    from drift import dist as D
    from drift.data import EncodedPair
    from drift.loss import nll_loss
    from drift.tiny import make_model
    from drift.trainer import linear_schedule, reference_logps, train_step

    dist = D.setup()
    g = torch.Generator().manual_seed(0)
    pairs = [EncodedPair(torch.randint(5, 400, (6,), generator=g).tolist(),
                         torch.randint(5, 400, (n,), generator=g).tolist(), torch.randint(5, 400, (5,), generator=g).tolist())
             for n in (3, 17, 8, 30)]
    cfg = SimpleNamespace(beta=0.1, loss_type="sigmoid", label_smoothing=0.0, rpo_alpha=0.5, max_grad_norm=0.0,
                          logps_chunk_size=64, signal_tau=0.25, packing=False, max_length=64)
    results = []
    for step in ([[0], [1], [2], [3]], [[0, 1, 2, 3]]):
        torch.manual_seed(0)
        model = D.shard(make_model(tok), torch.float32, dist.device)
        ref = reference_logps(model, pairs, [step], dist, 0, 64)
        optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
        model.train()
        metrics = train_step(model, optimizer, linear_schedule(optimizer, 1, 0.0), pairs, ref, step, cfg, dist, 0)
        results.append((metrics, [p.detach().to_local().clone() for p in model.parameters()], ref))
    (m1, w1, ref), (m4, w4, _) = results
    assert m1["loss"] == pytest.approx(m4["loss"], abs=1e-6) and m1["loss/nll"] == pytest.approx(m4["loss/nll"], abs=1e-6)
    chosen = torch.tensor([len(p.chosen_ids) for p in pairs])
    assert m1["loss/nll"] == pytest.approx(nll_loss(ref[:, 0], chosen).item(), abs=1e-5)  # step 0: policy = reference
    assert max((a - b).abs().max().item() for a, b in zip(w1, w4)) < 1e-5


OPTIMIZERS_AT_SAMPLING, LOADS = [], []


def spy_on_sampling_and_loading():
    """Runs in the forked child before train.main: records how many optimizers are alive whenever
    sampling starts, and every load_model call (path, frozen)."""
    import gc

    import drift.pairs
    import train

    sample, load = drift.pairs.sample, train.load_model

    def spy_sample(*args, **kwargs):
        alive = sum(isinstance(o, torch.optim.Optimizer) for o in gc.get_objects())
        with open(os.environ["DRIFT_SPY"], "a") as f:
            f.write(json.dumps({"optimizers_at_sampling": alive}) + "\n")
        return sample(*args, **kwargs)

    def spy_load(path, *args, **kwargs):
        with open(os.environ["DRIFT_SPY"], "a") as f:
            f.write(json.dumps({"load": kwargs.get("frozen", False)}) + "\n")
        return load(path, *args, **kwargs)

    drift.pairs.sample, train.load_model = spy_sample, spy_load


@pytest.mark.slow
def test_sampling_finds_no_optimizer_alive_and_ref_base_is_read_once(tiny_chat_dir, tmp_path):
    """Two iterations with --ref base: each sampling pass starts with no optimizer alive (the
    previous stage's state is a model's size, freed before the KV caches need the memory), and
    the model is read twice in the whole run: the policy, and the base reference once (frozen,
    kept in the compute dtype), not once per iteration."""
    spy = tmp_path / "spy.jsonl"
    code, err, _ = train(["--model", str(tiny_chat_dir), "--out", str(tmp_path / "out"), *DATA, *SMALL,
                          "--ref", "base"], tmp_path, prepare="test_node_run:spy_on_sampling_and_loading",
                         env={"DRIFT_SPY": str(spy)})
    assert code == 0, err
    events = [json.loads(line) for line in spy.read_text().splitlines()]
    assert [e["optimizers_at_sampling"] for e in events if "optimizers_at_sampling" in e] == [0, 0]
    assert [e["load"] for e in events if "load" in e] == [False, True]


# ----------------------------------------------------------------------------- packing and attention


def no_packing_detection():
    """A model whose attention does not see packed sequences: transformers' detection of restarting
    position ids switched off, as in a model that builds its own mask."""
    import transformers.masking_utils as masking

    masking.find_packed_sequence_indices = lambda *args, **kwargs: None


def test_the_packing_check_catches_attention_across_packed_sequences(tok, model):
    """drift.logprobs.packing_problem on the real model: None when packed sequences are isolated;
    the reason when a sequence's log-probs depend on the one packed before it."""
    from drift.model import packing_problem

    assert packing_problem(model, tok, torch.float32) is None
    import transformers.masking_utils as masking

    detect = masking.find_packed_sequence_indices
    no_packing_detection()
    try:
        problem = packing_problem(model, tok, torch.float32)
    finally:
        masking.find_packed_sequence_indices = detect
    assert problem and "does not isolate packed sequences" in problem


def test_every_weight_trains_after_the_start_up_forwards(tiny_chat_dir, tmp_path):
    """The packing check and the reference pass run forwards with no backward, which leave the
    root module's weights (embedding, final norm, head) gathered; an optimizer built over those
    gathered copies would lose every update to them. After one warm epoch every tensor of the
    model has moved."""
    from safetensors.torch import load_file

    out = tmp_path / "out"
    code, err, _ = train(["--model", str(tiny_chat_dir), "--out", str(out), *DATA, *SMALL, "--iterations", "0"], tmp_path)
    assert code == 0, err
    before, after = load_file(tiny_chat_dir / "model.safetensors"), load_file(out / "warm" / "model.safetensors")
    assert [k for k in before if torch.equal(before[k], after[k])] == []


@pytest.mark.slow
def test_train_py_refuses_packing_where_attention_leaks_and_trains_padded(tiny_chat_dir, tmp_path):
    """The same model with its packing detection off: train.py says so in one line and trains with
    padded micro-batches, which give the losses of a --no-packing run."""
    args = ["--model", str(tiny_chat_dir), *DATA, *SMALL, "--iterations", "0", "--warm-epochs", "2"]
    code, err, _ = train([*args, "--out", str(tmp_path / "leaky")], tmp_path, prepare="test_node_run:no_packing_detection",
                         name="leaky")
    assert code == 0, err
    assert "packing refused: a packed sequence's log-probs depend on the sequence before it" in (
        tmp_path / "leaky.stdout").read_text()
    code, err, _ = train([*args, "--out", str(tmp_path / "padded"), "--no-packing"], tmp_path, name="padded")
    assert code == 0, err
    rows = [[json.loads(line) for line in (tmp_path / name / "metrics.jsonl").read_text().splitlines()]
            for name in ("leaky", "padded")]
    assert [r["loss"] for r in rows[0]] == [r["loss"] for r in rows[1]]
    assert all(r["tokens/padding"] > 0 for r in rows[0] if r["type"] == "step")


def test_attention_implementation_is_a_flag_with_fixed_choices(capsys):
    cfg = parse_config(["--preset", "demo", "--attn-implementation", "eager"])
    assert cfg.attn_implementation == "eager"
    with pytest.raises(UsageError, match="invalid choice: 'xformers'"):
        parse_config(["--preset", "demo", "--attn-implementation", "xformers"])
    import importlib.util

    if importlib.util.find_spec("flash_attn") is None:
        with pytest.raises(UsageError, match="needs the flash-attn package"):
            parse_config(["--preset", "demo", "--attn-implementation", "flash_attention_2"])


@pytest.mark.slow
def test_eager_attention_trains_to_the_default_losses(tiny_chat_dir, tmp_path):
    args = ["--model", str(tiny_chat_dir), *DATA, *SMALL, "--iterations", "0", "--warm-epochs", "2"]
    losses = {}
    for impl in ("auto", "eager"):
        out = tmp_path / impl
        code, err, _ = train([*args, "--out", str(out), "--attn-implementation", impl], tmp_path, name=impl)
        assert code == 0, err
        losses[impl] = [json.loads(line)["loss"] for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert losses["auto"] == pytest.approx(losses["eager"], abs=1e-5)


# ----------------------------------------------------------------------------- sample.py on several ranks

SAMPLE_DRIVER = """
import json, os, sys
import transformers
calls = []
load = transformers.AutoModelForCausalLM.from_pretrained.__func__
def spy(cls, *args, **kwargs):
    calls.append(os.environ["RANK"])
    return load(cls, *args, **kwargs)
transformers.AutoModelForCausalLM.from_pretrained = classmethod(spy)
import sample
code = sample.main(sys.argv[1:])
with open(os.environ["DRIFT_SPY"] + "." + os.environ["RANK"], "w") as f:
    json.dump(calls, f)
sys.exit(code)
"""


@pytest.mark.slow
def test_sample_py_on_two_ranks_reads_the_weights_once(tiny_chat_dir, tmp_path):
    """torchrun sample.py: rank 0 reads the weights and the other rank receives its shard (one copy
    in host memory per node, as train.py), and the samples equal one process's."""
    driver = tmp_path / "driver.py"
    driver.write_text(SAMPLE_DRIVER)
    args = ["--model", str(tiny_chat_dir), "--input", str(SAMPLE / "dsat.jsonl"), "--samples", "--n-samples", "2",
            "--max-new-tokens", "8", "--sample-batch-size", "4"]
    env_spy = tmp_path / "spy"
    os.environ["DRIFT_SPY"] = str(env_spy)
    try:
        proc = _torchrun([str(driver), *args, "--out", str(tmp_path / "two.jsonl")])
        assert proc.returncode == 0, proc.stderr[-3000:]
        one = subprocess.run([sys.executable, "sample.py", *args, "--out", str(tmp_path / "one.jsonl")], cwd=ROOT,
                             env=_env(), capture_output=True, text=True)
        assert one.returncode == 0, one.stderr[-3000:]
    finally:
        del os.environ["DRIFT_SPY"]
    loads = {rank: json.loads(Path(f"{env_spy}.{rank}").read_text()) for rank in ("0", "1")}
    assert loads == {"0": ["0"], "1": []}
    assert (tmp_path / "two.jsonl").read_text() == (tmp_path / "one.jsonl").read_text()


# ----------------------------------------------------------------------------- the sampler's memory


def spy_on_batches():
    """Runs in the forked child before train.main: records the rows of every generate call."""
    import drift.sampler

    generate_batch = drift.sampler.generate_batch

    def spy(model, prompts, *args, **kwargs):
        with open(os.environ["DRIFT_SPY"], "a") as f:
            f.write(json.dumps({"rows": len(prompts), "chunk": args[1].prefill_tokens}) + "\n")
        return generate_batch(model, prompts, *args, **kwargs)

    drift.sampler.generate_batch = spy


def test_the_samplers_batch_is_decided_once_and_a_resume_keeps_it(tiny_chat_dir, tmp_path):
    """--sample-memory-gb sizes the sampler's batch on CPU too: the run records it in run.json
    before its first sampling pass, every pass uses it, and a --resume that extends the run under
    another budget samples with the recorded batch (so a GPU run resumed on a card with other free
    memory draws the same pairs)."""
    out, spy = tmp_path / "out", tmp_path / "spy.jsonl"
    small = SMALL[: SMALL.index("--sample-batch-size")] + SMALL[SMALL.index("--sample-batch-size") + 2:]
    flags = ["--model", str(tiny_chat_dir), "--out", str(out), *DATA, *small]
    code, err, _ = train([*flags, "--iterations", "1", "--sample-memory-gb", "0.004", "--max-new-tokens", "60"], tmp_path,
                         prepare="test_node_run:spy_on_batches", env={"DRIFT_SPY": str(spy)})
    assert code == 0, err
    batch, chunk = json.loads((out / "run.json").read_text())["decided"]["sampler"]
    assert 1 <= batch < 16  # 4 MB holds a few rows of 2048 + 60 tokens of the tiny model, not the CPU's 16
    code, err, _ = train([*flags, "--iterations", "2", "--sample-memory-gb", "1", "--max-new-tokens", "60", "--resume"],
                         tmp_path, prepare="test_node_run:spy_on_batches", env={"DRIFT_SPY": str(spy)})
    assert code == 0, err
    calls = [json.loads(line) for line in spy.read_text().splitlines()]
    assert len(calls) >= 2 and all(c["rows"] <= batch and c["chunk"] == chunk for c in calls), calls
    assert json.loads((out / "run.json").read_text())["decided"]["sampler"] == [batch, chunk]


def test_a_sampler_budget_that_holds_no_row_is_one_line_before_anything_is_written(tiny_chat_dir, tmp_path):
    out = tmp_path / "out"
    small = SMALL[: SMALL.index("--sample-batch-size")] + SMALL[SMALL.index("--sample-batch-size") + 2:]
    code, err, _ = train(["--model", str(tiny_chat_dir), "--out", str(out), *DATA, *small, "--sample-memory-gb", "1e-6"],
                         tmp_path)
    lines = err.strip().splitlines()
    assert code == 1 and lines[-1].startswith("error: --sample-memory-gb 1e-06: the sampler's memory budget"), err
    assert "does not hold one row" in lines[-1] and not out.exists()


# ----------------------------------------------------------------------------- errors on some ranks only


ERRORS = """
import sys
sys.path.insert(0, {root!r})
from drift import dist as D
from drift.io import DataError, cli, leave
D.report_error.__defaults__ = (3.0,)  # the ranks wait 3 s for each other's errors instead of 30

def main():
    d = D.setup()
    if d.rank in {failing}:
        raise DataError("pairs/iter1.jsonl", 3, "prompt", "cannot read it here")
    D.barrier()  # the other ranks wait in a collective, as they would mid-run

leave(cli(main))
"""


@pytest.mark.parametrize("failing, expected", [
    ((1,), ["error on rank 1: pairs/iter1.jsonl, line 3, field 'prompt': cannot read it here"]),
    ((0, 1), ["error: pairs/iter1.jsonl, line 3, field 'prompt': cannot read it here"]),
])
def test_an_error_on_some_ranks_is_said_with_its_rank_and_the_job_ends(tmp_path, failing, expected):
    """An error only rank 1 meets (a file another node cannot read, say) is printed by rank 1 with
    its rank, and the job ends (torchrun stops the rank still waiting in a collective); the same
    error on every rank is said once, by rank 0."""
    script = tmp_path / "fail.py"
    script.write_text(ERRORS.format(root=str(ROOT), failing=set(failing)))
    proc = _torchrun([str(script)])
    said = [line for line in proc.stderr.splitlines() if line.startswith("error")]
    assert proc.returncode != 0 and said == expected, proc.stderr[-3000:]
