"""Nothing planted, deleted or malformed gets through: the training state holds no pickle and a
planted one never runs, a resume refuses an artifact that is missing or changed instead of
rebuilding it, and every bad flag, file or model folder is one line (file, line and field where
there is one) with exit status 1, said before anything is written where it can be."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from forked import error_line, train
from safetensors.torch import load_file, save_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
FLAGS = ["--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "12", "--lr", "1e-4", "--warmup-ratio", "0",
         "--warm-epochs", "1", "--iterations", "1", "--sample-batch-size", "8", "--save-every", "1",
         "--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl")]


class Payload:
    """Unpickling this creates the file it names: proof that something ran a planted pickle."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def plant(path: Path, marker: Path) -> None:
    path.write_bytes(pickle.dumps(Payload(str(marker))))


def run_args(model, out) -> list[str]:
    return ["--model", str(model), "--out", str(out), *FLAGS]


@pytest.fixture(scope="module")
def killed_mid_iteration(tiny_chat_dir, tmp_path_factory):
    """A run killed in iteration 1 after its pairs were sampled and a mid-stage state saved, and
    the same run uninterrupted: (the killed folder, the uninterrupted one, the ops of the latter)."""
    tmp = tmp_path_factory.mktemp("killed")
    full = tmp / "full"
    code, err, ops = train(run_args(tiny_chat_dir, full), tmp, log=True, name="full")
    assert code == 0, err
    after = next(n for n, what, path in ops if what == "commit state" and "001-0000001" in path)
    out = tmp / "killed"
    code, _, _ = train(run_args(tiny_chat_dir, out), tmp, kill_at=after + 1, name="killed")
    assert code == -9
    return out, full, tiny_chat_dir


def newest_state(out: Path) -> Path:
    """The state a --resume reads (a kill between a save's commit and its cleanup leaves two)."""
    return sorted(p for p in (out / "state").iterdir() if (p / "meta.json").exists())[-1]


def copy_of(folder: Path, tmp_path: Path, name: str) -> Path:
    dest = tmp_path / name
    shutil.copytree(folder, dest, ignore=shutil.ignore_patterns(".lock"))
    return dest


# ----------------------------------------------------------------------------- the state holds no pickle


def test_the_state_is_safetensors_and_json_and_resumes_bit_for_bit(killed_mid_iteration, tmp_path):
    killed, full, model = killed_mid_iteration
    out = copy_of(killed, tmp_path, "resume")
    state = newest_state(out)
    assert sorted(p.name for p in state.iterdir()) == ["extra.safetensors", "meta.json", "rank00000.safetensors"]
    meta = json.loads((state / "meta.json").read_text())
    assert meta["format"] == 2 and meta["stage_index"] == 1 and meta["step"] >= 1
    assert set(meta["artifacts"]) == {"pairs/iter1.jsonl", "pairs/iter1.counts.json"}
    code, err, _ = train(run_args(model, out) + ["--resume"], tmp_path)
    assert code == 0, err
    a, b = load_file(out / "iter1" / "model.safetensors"), load_file(full / "iter1" / "model.safetensors")
    assert all(torch.equal(a[k], b[k]) for k in a)


@pytest.mark.slow
def test_a_one_rank_state_resumes_on_two_ranks(killed_mid_iteration, tmp_path):
    """The state is rows of tensors, not a rank's objects: two ranks each read their half of the
    one rank's file and finish with the uninterrupted run's weights (float rounding apart)."""
    import socket

    killed, full, model = killed_mid_iteration
    out = copy_of(killed, tmp_path, "two-ranks")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_PORT")}
    proc = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port",
                           str(port), "train.py", *run_args(model, out), "--resume"], cwd=ROOT, capture_output=True,
                          text=True, env=env | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    a, b = load_file(out / "iter1" / "model.safetensors"), load_file(full / "iter1" / "model.safetensors")
    assert max((a[k] - b[k]).abs().max().item() for k in a) < 1e-5
    assert json.loads((out / "run.json").read_text())["starts"][-1]["world_size"] == 2


@pytest.mark.parametrize("victim", ["rank00000.safetensors", "extra.safetensors", "meta.json"])
def test_a_pickle_planted_in_any_state_file_never_runs(killed_mid_iteration, tmp_path, victim):
    """Each file of the state replaced by a pickle whose loading would create a marker file:
    --resume refuses in one line, and the marker never appears."""
    killed, _, model = killed_mid_iteration
    out = copy_of(killed, tmp_path, "planted")
    state = newest_state(out)
    marker = tmp_path / "it-ran"
    plant(state / victim, marker)
    code, err, _ = train(run_args(model, out) + ["--resume"], tmp_path)
    assert code == 1 and error_line(err).startswith("error: ") and victim in error_line(err), err
    assert not marker.exists()


def test_a_state_in_the_old_pickle_format_is_refused_unread(killed_mid_iteration, tmp_path):
    """torch.distributed.checkpoint's .metadata is a pickle: a state folder holding one (or the old
    extra.pt) is refused as the old format, and nothing in it is read."""
    killed, _, model = killed_mid_iteration
    marker = tmp_path / "it-ran"
    for name in (".metadata", "extra.pt"):
        out = copy_of(killed, tmp_path, f"old{name}")
        state = newest_state(out)
        plant(state / name, marker)
        code, err, _ = train(run_args(model, out) + ["--resume"], tmp_path)
        assert code == 1 and "old format" in error_line(err), err
    assert not marker.exists()


def test_nothing_under_out_is_unpickled(killed_mid_iteration, tmp_path):
    """Every other file of the folder replaced by a planted pickle, one at a time: no resume ever
    runs it (each is refused in one line, or is a file a resume does not read)."""
    killed, _, model = killed_mid_iteration
    marker = tmp_path / "it-ran"
    victims = [p.relative_to(killed) for p in killed.rglob("*") if p.is_file() and p.name != ".lock"]
    assert len(victims) >= 6
    for victim in victims:
        out = copy_of(killed, tmp_path, f"planted-{len(list(tmp_path.iterdir()))}")
        plant(out / victim, marker)
        code, err, _ = train(run_args(model, out) + ["--resume"], tmp_path)
        assert code in (0, 1) and "Traceback" not in err, (victim, err)
        assert not marker.exists(), victim


# ----------------------------------------------------------------------------- artifacts a resume reads


def test_deleted_pairs_are_refused_not_resampled(killed_mid_iteration, tmp_path):
    """The pairs of the stage the state is in were sampled with the weights at its start: a resume
    that resampled them (from other weights) would train them against the saved reference
    log-probs of the old pairs. Deleted, or edited: refused, naming the file."""
    killed, _, model = killed_mid_iteration
    for change in ("delete", "edit"):
        out = copy_of(killed, tmp_path, change)
        pairs = out / "pairs" / "iter1.jsonl"
        if change == "delete":
            shutil.rmtree(out / "pairs")
        else:
            pairs.write_text(pairs.read_text().replace('"chosen"', '"chosen" ', 1))
        code, err, _ = train(run_args(model, out) + ["--resume"], tmp_path)
        assert code == 1 and "pairs/iter1.jsonl" in error_line(err) and "--resume refused" in error_line(err), err
        assert not (out / "iter1").exists()


def test_temporary_files_anywhere_under_out_are_removed_on_start(killed_mid_iteration, tmp_path):
    killed, _, model = killed_mid_iteration
    out = copy_of(killed, tmp_path, "litter")
    litter = [out / "pairs" / ".iter1.jsonl.x1y2.tmp", out / ".warm.tmp", out / "eval" / ".base.jsonl.abc.tmp"]
    litter[0].write_text("half a file")
    litter[1].mkdir()
    (litter[1] / "model.safetensors").write_text("half a folder")
    litter[2].parent.mkdir(exist_ok=True)
    litter[2].write_text("{")
    code, err, _ = train(run_args(model, out) + ["--resume"], tmp_path)
    assert code == 0, err
    assert not any(p.exists() for p in litter) and not list(out.rglob("*.tmp"))


def test_a_metrics_row_the_state_needs_is_never_dropped_silently(killed_mid_iteration, tmp_path):
    """A finished run whose last metrics line (iter1's stage row) was torn: --resume does not drop
    it and print a table without iter1; it refuses, naming the row. A torn line the state does not
    need (a step row it will log again) is repaired."""
    killed, full, model = killed_mid_iteration
    out = copy_of(full, tmp_path, "torn-stage")
    metrics = out / "metrics.jsonl"
    lines = metrics.read_text().splitlines(keepends=True)
    assert json.loads(lines[-1])["type"] == "stage"
    metrics.write_text("".join(lines[:-1]) + lines[-1][:25])
    code, err, _ = train(run_args(model, out) + ["--resume"], tmp_path)
    assert code == 1 and "lacks the stage row of iter1" in error_line(err), err
    out = copy_of(killed, tmp_path, "torn-step")
    with open(out / "metrics.jsonl", "a") as f:
        f.write('{"type": "step", "stage": "iter1", "loss": 0.6')
    code, err, _ = train(run_args(model, out) + ["--resume"], tmp_path)
    assert code == 0, err
    rows = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert [r["stage"] for r in rows if r["type"] == "stage"] == ["warm", "iter1"]


# ----------------------------------------------------------------------------- a full disk


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


@pytest.mark.slow
def test_a_real_full_disk_is_one_line_and_the_run_resumes_elsewhere(tiny_chat_dir, tmp_path):
    """--out on a 1 MiB tmpfs (where this machine lets the suite mount one; otherwise the
    safetensors library's own full-disk error, raised where it writes): one line saying that no
    space is left and that what was saved is intact, no traceback."""
    disk = tmp_path / "disk"
    mounted = _mount_tmpfs(disk, "1m")
    try:
        if mounted:
            code, err, _ = train(run_args(tiny_chat_dir, disk / "out"), tmp_path)
        else:
            code, err, _ = train(run_args(tiny_chat_dir, disk / "out"), tmp_path, prepare="test_bad_input:full_disk")
        assert code == 1 and error_line(err).startswith("error: no space left on the device"), err
        assert error_line(err).endswith("--resume")
    finally:
        if mounted:
            subprocess.run(["umount", str(disk)])


def full_disk():
    """safetensors' save_file failing as it does on a full disk (SafetensorError, os error 28)."""
    from safetensors import SafetensorError

    import drift.shards

    def save_file(*args, **kwargs):
        raise SafetensorError("Error while serializing: I/O error: No space left on device (os error 28)")

    drift.shards.save_file = save_file


# ----------------------------------------------------------------------------- flags


def _script(args: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_PORT")}
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          env=env | {"PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"})


SAMPLE_ARGS = ["--input", str(SAMPLE / "dsat.jsonl"), "--out", "OUT"]


@pytest.mark.parametrize("flag, value", [
    ("--chunk-size", "-1"), ("--limit", "-1"), ("--temperature", "nan"), ("--temperature", "inf"),
    ("--repetition-penalty", "nan"), ("--max-retries", "-1"), ("--top-p", "0"), ("--seed", str(2**70)),
    ("--n-samples", "0"), ("--sample-batch-size", "-2"),
])
def test_sample_py_numeric_flags_have_ranges(flag, value, tmp_path, capsys):
    """Every numeric flag of sample.py is checked before anything is read: one line naming it, exit 1."""
    import sample as sample_script

    code = sample_script.main([*SAMPLE_ARGS[:-1], str(tmp_path / "out.jsonl"), flag, value])
    err = capsys.readouterr().err
    assert code == 1 and error_line(err).startswith((f"error: {flag} ", f"error: argument {flag}:")), err
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "out.jsonl.partial.jsonl").exists()


@pytest.mark.parametrize("flag, value, message", [
    ("--rpo-alpha", "inf", "--rpo-alpha inf: must be in [0, 1000000.0]"),
    ("--iterations", "1000000000", "--iterations 1000000000: must be in [0, 998]"),
    ("--warm-epochs", "1000000000", "--warm-epochs 1000000000: must be in [0, 1000000]"),
    ("--batch-size", "1000000000", "--batch-size 1000000000: must be in [1, 10000000]"),
    ("--max-new-tokens", "1000000000000", "--max-new-tokens 1000000000000: must be in [1, 1048576]"),
    ("--out", "", "--out : must name a folder (an empty --out would write into the current directory)"),
    ("--out", ".", "--out .: is the current directory: name a folder of its own"),
    ("--seed", str(2**70), f"--seed {2**70}: must be in [0, {2**63 - 1}]"),
    ("--beta", "nan", "--beta nan: must be in (0, 1000.0]"),
])
def test_train_py_numbers_are_finite_and_bounded(flag, value, message, tmp_path):
    code, err, _ = train(["--out", str(tmp_path / "out"), *FLAGS, flag, value], tmp_path)
    assert code == 1 and error_line(err) == f"error: {message}", err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("content", ["5", "null", "[1, 2]", "[" * 5000 + "]" * 5000])
def test_a_preset_that_is_not_an_object_is_one_line(content, tmp_path):
    preset = tmp_path / "preset.json"
    preset.write_text(content)
    code, err, _ = train(["--preset", str(preset), "--out", str(tmp_path / "out"), *FLAGS], tmp_path)
    assert code == 1 and error_line(err).startswith(f"error: {preset}: not a JSON object of config fields"), err


def test_filter_data_out_naming_a_file_and_a_wrong_format_are_one_line(tmp_path, capsys):
    import filter_data

    a_file = tmp_path / "out.txt"
    a_file.write_text("")
    assert filter_data.main(["--input", str(SAMPLE / "dsat.jsonl"), "--format", "drift-jsonl", "--out", str(a_file)]) == 1
    assert error_line(capsys.readouterr().err) == f"error: --out {a_file} is a file; it names the output folder"
    # DRIFT rows given as WildFeedback's ShareGPT file: every row lacks its conversations
    assert filter_data.main(["--input", str(SAMPLE / "dsat.jsonl"), "--format", "wildfeedback",
                             "--out", str(tmp_path / "o")]) == 1
    assert "is --format right?" in error_line(capsys.readouterr().err)


# ----------------------------------------------------------------------------- files


def nested(depth: int) -> str:
    return '{"prompt": ' + "[" * depth + "]" * depth + "}"


def test_deeply_nested_json_is_one_line_naming_the_file_and_line(tiny_chat_dir, tmp_path, capsys):
    """A JSON value nested deeper than Python's recursion allows, in the input of each script."""
    import filter_data
    import sample as sample_script

    bad = tmp_path / "deep.jsonl"
    bad.write_text('{"prompt": [{"role": "user", "content": "hi"}], "chosen": "a", "rejected": "b"}\n' + nested(100000) + "\n")
    code, err, _ = train(["--out", str(tmp_path / "t"), *FLAGS, "--seed-data", str(bad)], tmp_path)
    assert code == 1 and error_line(err) == f"error: {bad}, line 2: nested too deeply to read", err
    assert sample_script.main(["--model", str(tiny_chat_dir), "--input", str(bad), "--out", str(tmp_path / "s.jsonl"),
                               "--samples"]) == 1
    assert error_line(capsys.readouterr().err) == f"error: {bad}, line 2: nested too deeply to read"
    array = tmp_path / "deep.json"
    array.write_text("[" + nested(100000) + "]")
    assert filter_data.main(["--input", str(array), "--format", "drift-jsonl", "--out", str(tmp_path / "f")]) == 1
    assert "nested too deeply" in error_line(capsys.readouterr().err)


def test_an_empty_dsat_file_is_named_before_anything_is_written(tiny_chat_dir, tmp_path):
    empty = tmp_path / "dsat.jsonl"
    empty.write_text("\n")
    code, err, _ = train(["--model", str(tiny_chat_dir), "--out", str(tmp_path / "out"), *FLAGS,
                          "--dsat-data", str(empty)], tmp_path)
    assert code == 1 and error_line(err) == f"error: {empty}: no rows in the file (every iteration samples from them)"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_sample_py_names_the_real_line_or_element_of_a_bad_row(tiny_chat_dir, tmp_path, capsys):
    """Blank lines count: the bad row on line 5 is named as line 5; in a JSON list, its element."""
    import sample as sample_script

    good = '{"prompt": [{"role": "user", "content": "hi"}]}'
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text(f"{good}\n\n{good}\n\n" + '{"prompt": [{"role": "user", "content": 3}]}\n')
    assert sample_script.main(["--model", str(tiny_chat_dir), "--input", str(jsonl), "--out", str(tmp_path / "a"),
                               "--samples"]) == 1
    assert error_line(capsys.readouterr().err) == f"error: {jsonl}, line 5, field 'prompt[0].content': expected a string"
    tasks = tmp_path / "wildbench.json"
    task = {"session_id": "s", "conversation_input": [{"role": "user", "content": "hi"}]}
    tasks.write_text(json.dumps([task, task, task, {"session_id": "t", "conversation_input": [{"role": "user"}]}]))
    assert sample_script.main(["--model", str(tiny_chat_dir), "--input", str(tasks), "--out", str(tmp_path / "b.json"),
                               "--export", "wildbench"]) == 1
    assert "field '[3].conversation_input[0].content'" in error_line(capsys.readouterr().err)


# ----------------------------------------------------------------------------- model folders


def _broken_models(tiny_chat_dir: Path, tmp_path: Path) -> list[tuple[Path, str]]:
    cases = []

    def folder(name):
        dest = tmp_path / name
        shutil.copytree(tiny_chat_dir, dest)
        return dest

    truncated = folder("truncated")
    weights = truncated / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    cases.append((truncated, f"{weights}: not a readable safetensors file"))
    wrong = folder("wrong-shape")
    tensors = load_file(wrong / "model.safetensors")
    key = next(k for k in tensors if k.endswith("mlp.up_proj.weight"))
    tensors[key] = tensors[key][:-1]
    save_file(tensors, wrong / "model.safetensors")
    cases.append((wrong, f"field '{key}': shape"))
    pickled = folder("pickled")
    (pickled / "model.safetensors").unlink()
    plant(pickled / "pytorch_model.bin", tmp_path / "it-ran")
    cases.append((pickled, "weights only in pickle files (pytorch_model.bin)"))
    remote = folder("remote-code")
    config = json.loads((remote / "config.json").read_text())
    config |= {"model_type": "my-own-lm", "auto_map": {"AutoConfig": "my_code.MyConfig",
                                                       "AutoModelForCausalLM": "my_code.MyModel"}}
    (remote / "config.json").write_text(json.dumps(config))
    (remote / "my_code.py").write_text(f"open({str(tmp_path / 'it-ran')!r}, 'w')\n")
    cases.append((remote, "asks to run its own code"))
    no_tokenizer = folder("no-tokenizer")
    for name in ("tokenizer.json", "tokenizer_config.json"):
        (no_tokenizer / name).unlink()
    cases.append((no_tokenizer, "no tokenizer files"))
    missing = folder("missing-weight")
    tensors = load_file(missing / "model.safetensors")
    del tensors["model.norm.weight"]
    save_file(tensors, missing / "model.safetensors")
    cases.append((missing, "field 'model.norm.weight': a weight Qwen2ForCausalLM needs is in no *.safetensors file"))
    nan = folder("nan-weights")
    tensors = load_file(nan / "model.safetensors")
    tensors["model.norm.weight"][0] = float("nan")
    save_file(tensors, nan / "model.safetensors")
    cases.append((nan, "field 'model.norm.weight': 1 of its"))
    other = folder("other-architecture")
    config = json.loads((other / "config.json").read_text())
    (other / "config.json").write_text(json.dumps(config | {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"]}))
    cases.append((other, "a weight GPT2LMHeadModel needs is in no *.safetensors file"))
    for name in ("config.json", "tokenizer_config.json"):  # a known model_type: transformers would not ask
        mapped = folder(f"auto-map-{name}")
        config = json.loads((mapped / name).read_text())
        (mapped / name).write_text(json.dumps(config | {"auto_map": {"AutoTokenizer": ["my_code.T", None]}}))
        cases.append((mapped, f"{mapped / name}, field 'auto_map': the folder names its own code to run"))
    return cases


def test_a_broken_model_folder_is_one_line_before_the_run_folder_is_written(tiny_chat_dir, tmp_path):
    """A truncated weight file, a weight of the wrong shape, pickle-only weights, a config asking to
    run the model's own code, no tokenizer files, a weight missing, a NaN weight, a config rewritten
    to another architecture, an auto_map in the config or the tokenizer's: one line naming the file
    (and the weight), before run.json is written, and nothing planted in them ever runs."""
    for model, message in _broken_models(Path(tiny_chat_dir), tmp_path):
        out = tmp_path / f"out-{model.name}"
        code, err, _ = train(run_args(model, out), tmp_path)
        assert code == 1 and message in error_line(err), (model.name, err)
        assert not (out / "run.json").exists(), model.name
    assert not (tmp_path / "it-ran").exists()


def fail_once_after_the_record():
    """load_model fails the first time, after run.json is written (a node out of memory, say)."""
    import train as train_module

    from drift.io import DataError

    def load_model(path, *args, **kwargs):
        raise DataError(path, None, None, "cannot load the weights (out of memory)")

    train_module.load_model = load_model


def test_a_run_that_failed_before_computing_anything_can_be_started_again(tiny_chat_dir, tmp_path):
    """The model fails to load after run.json exists: the same command, with or without --resume,
    then runs to the end (a folder with a record and nothing computed is no run to protect)."""
    for extra in ([], ["--resume"]):
        out = tmp_path / f"out{len(extra)}"
        code, err, _ = train(run_args(tiny_chat_dir, out), tmp_path, prepare="test_bad_input:fail_once_after_the_record")
        assert code == 1 and "out of memory" in error_line(err) and (out / "run.json").exists()
        code, err, _ = train(run_args(tiny_chat_dir, out) + extra, tmp_path)
        assert code == 0, err


# ----------------------------------------------------------------------------- scorers and templates


def test_an_unimportable_reward_model_is_refused_before_any_training(tiny_chat_dir, tmp_path):
    out = tmp_path / "out"
    code, err, _ = train(run_args(tiny_chat_dir, out) + ["--method", "iterdpo", "--reward-model", "no_such_module:score"],
                         tmp_path)
    assert code == 1 and error_line(err).startswith("error: --reward-model no_such_module:score: cannot import score"), err
    assert not (out / "run.json").exists()


def test_a_strict_template_skips_and_counts_a_conversation_it_refuses(tmp_path):
    """Gemma-style templates raise on roles that do not alternate: such a seed pair is skipped and
    counted by its reason, not a traceback."""
    from drift.tiny import make_model, make_tokenizer

    tok = make_tokenizer("strict")
    model_dir = tmp_path / "strict"
    make_model(tok).save_pretrained(model_dir)
    tok.save_pretrained(model_dir)
    seed = tmp_path / "seed.jsonl"
    good = {"prompt": [{"role": "user", "content": "hi"}], "chosen": "hello there", "rejected": "go away"}
    bad = {"prompt": [{"role": "user", "content": "hi"}, {"role": "user", "content": "again"}], "chosen": "a", "rejected": "b"}
    seed.write_text("".join(json.dumps(r) + "\n" for r in (good, bad, good | {"chosen": "hi!"}, good | {"chosen": "yo"})))
    out = tmp_path / "out"
    code, err, _ = train(["--model", str(model_dir), "--out", str(out), "--seed-data", str(seed), "--iterations", "0",
                          "--warm-epochs", "1", "--batch-size", "2", "--micro-batch-size", "2"], tmp_path)
    assert code == 0, err
    stage = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()][-1]
    assert stage["type"] == "stage" and stage["encode/skipped/template_refuses_conversation"] == 1 and stage["pairs"] == 3


def test_sample_py_refuses_the_same_broken_folders(tiny_chat_dir, tmp_path, capsys):
    for model, message in _broken_models(Path(tiny_chat_dir), tmp_path):
        out = tmp_path / f"{model.name}.jsonl"
        code = _sample(["--model", str(model), "--input", str(SAMPLE / "dsat.jsonl"), "--out", str(out)])
        err = capsys.readouterr().err
        assert code == 1 and message in error_line(err), (model.name, err)
        assert not out.exists() and not Path(str(out) + ".partial.jsonl").exists()
    assert not (tmp_path / "it-ran").exists()


def _sample(argv: list[str]) -> int:
    import sample

    return sample.main(argv)


@pytest.mark.parametrize("escape, char", [("\\ud800", "U+D800"), ("\\ufdd0", "U+FDD0"), ("\\udfff", "U+DFFF")])
def test_invalid_unicode_is_one_line_before_anything_is_written(tiny_chat_dir, tmp_path, escape, char):
    """A lone surrogate (JSON's escape, common in scraped logs) or a non-character in a DSAT row:
    one line naming file, line and field, before the run folder (it used to train the warm start
    and crash in the tokenizer while sampling, and on every --resume)."""
    rows = (SAMPLE / "dsat.jsonl").read_text().splitlines()
    rows[2] = rows[2].replace('"rejected": [{"role": "assistant", "content": "', '"rejected": [{"role": "assistant", '
                              f'"content": "caf{escape}e ', 1)
    dsat = tmp_path / "dsat.jsonl"
    dsat.write_text("\n".join(rows) + "\n")
    out = tmp_path / "out"
    argv = ["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS, "--dsat-data", str(dsat)]
    code, err, _ = train(argv, tmp_path)
    assert code == 1 and error_line(err) == (f"error: {dsat}, line 3, field 'rejected[0].content': invalid Unicode "
                                             f"({char}: a lone surrogate or a non-character, which no tokenizer "
                                             "takes); fix or drop that text"), err
    assert not out.exists()


@pytest.mark.parametrize("content", [b"[1,2]\n", b"\xff\xfe\n", b'{"header": {}}\n{"rows": 5, "counts": {}}\n'])
def test_a_damaged_partial_file_is_one_line(tiny_chat_dir, tmp_path, capsys, content):
    out = tmp_path / "out.jsonl"
    Path(str(out) + ".partial.jsonl").write_bytes(content)
    code = _sample(["--model", str(tiny_chat_dir), "--input", str(SAMPLE / "dsat.jsonl"), "--out", str(out)])
    line = error_line(capsys.readouterr().err)
    assert code == 1 and line.startswith(f"error: {out}.partial.jsonl") and "delete" in line, line


def test_another_tools_run_json_beside_a_model_folder_is_not_read_as_a_run(tiny_chat_dir, tmp_path):
    import sample

    model = tmp_path / "runs" / "model"
    shutil.copytree(tiny_chat_dir, model)
    for content in ('{"tool": "x"}', "[1]", "not json", '{"run_id": 5}'):
        (model.parent / "run.json").write_text(content)
        assert sample.generator_name(str(model)).startswith("model-")


def test_filter_data_refuses_an_empty_input_and_build_sample_has_help(tmp_path, capsys):
    import filter_data

    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    code = filter_data.main(["--input", str(empty), "--format", "wildfeedback-annotation", "--out", str(tmp_path / "o")])
    assert code == 1 and error_line(capsys.readouterr().err).endswith("no rows in the file (an empty array or file): "
                                                                      "nothing to filter")
    assert not list((tmp_path / "o").glob("*.jsonl")) if (tmp_path / "o").exists() else True
    sample_data = ROOT / "data" / "sample" / "synthetic_sat_dsat_annotation.json"
    before = sample_data.read_bytes()
    result = subprocess.run([sys.executable, str(ROOT / "data" / "sample" / "build_sample.py"), "--help"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("usage: build_sample.py")
    assert sample_data.read_bytes() == before


@pytest.mark.parametrize("value", [".", "..", "/"])
def test_out_is_never_the_current_directory_or_above_the_project(tiny_chat_dir, tmp_path, value):
    import filter_data

    code, err, _ = train(["--model", str(tiny_chat_dir), *FLAGS, "--out", value], tmp_path)
    assert code == 1 and error_line(err).startswith(f"error: --out {value}: is "), err
    assert filter_data.main(["--input", "x.json", "--format", "chat", "--out", value]) == 1


def test_a_batch_the_data_cannot_fill_and_replies_longer_than_the_model_are_refused(tiny_chat_dir, tmp_path):
    for flags, message in ((["--batch-size", "400"], "error: --batch-size 400 is more pairs than any stage has (at most"),
                           (["--max-new-tokens", "5000"], "error: --max-new-tokens 5000 is more than the model takes")):
        out = tmp_path / "out"
        code, err, _ = train(["--model", str(tiny_chat_dir), "--out", str(out), *FLAGS, *flags], tmp_path)
        assert code == 1 and error_line(err).startswith(message), err
        assert not out.exists()


def test_the_bad_input_battery_quick():
    """bench/bench_bad_input.py --quick (one case in eight of the committed battery, each script's
    main() in a child as a user runs it): no traceback, nothing wrongly accepted."""
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_bad_input.py"), "--quick"],
                            capture_output=True, text=True, cwd=ROOT)
    summary = [line for line in result.stdout.splitlines() if " cases: " in line]
    assert result.returncode == 0 and summary and "traceback 0, wrongly accepted 0" in summary[0], result.stdout[-3000:]


@pytest.mark.parametrize("content", [b"", b'{"header": {"mo'])
def test_a_partial_file_with_only_a_torn_header_starts_afresh(tiny_chat_dir, tmp_path, capsys, content):
    """A kill while the header line was written: the next run writes the header again and finishes."""
    out = tmp_path / "out.jsonl"
    Path(str(out) + ".partial.jsonl").write_bytes(content)
    code = _sample(["--model", str(tiny_chat_dir), "--input", str(SAMPLE / "dsat.jsonl"), "--out", str(out),
                    "--limit", "2", "--max-new-tokens", "8"])
    assert code == 0, capsys.readouterr().err
    assert len(out.read_text().splitlines()) == 2 and not Path(str(out) + ".partial.jsonl").exists()
