"""sample.py end to end on a tiny saved checkpoint: DRIFT pairs, resume after an interruption,
and both evaluation exports checked against their formats."""

import json
import os
import re

import pytest
import torch

import sample as sample_script
from drift.io import DataError, UsageError
from drift.tiny import make_tokenizer

DSAT = [
    {"prompt": [{"role": "user", "content": f"question {i}: " + "the quick brown fox " * (i % 4)}],
     "rejected": [{"role": "assistant", "content": f"bad answer {i}"}],
     "user_preference": {"role": "user", "content": "That is wrong."} if i % 3 else None}
    for i in range(10)
]
FLAGS = ["--max-new-tokens", "12", "--sample-batch-size", "2", "--max-retries", "1", "--iteration", "1"]


@pytest.fixture(autouse=True)
def one_thread_and_clean_env():
    n, env = torch.get_num_threads(), dict(os.environ)
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(n)
    os.environ.clear()
    os.environ.update(env)  # the script's process-group setup writes RANK, MASTER_PORT, ...


@pytest.fixture(scope="module")
def checkpoint(tiny_chat_dir):
    torch.set_num_threads(1)
    return str(tiny_chat_dir)


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return str(path)


def test_drift_pairs_resume_after_interruption(checkpoint, tmp_path, monkeypatch):
    """Kill the run after two chunks (and leave a torn line, as a kill mid-write would): the re-run
    samples only the rest and writes exactly what an uninterrupted run writes."""
    inp = write_jsonl(tmp_path / "dsat.jsonl", DSAT)
    clean, resumed = tmp_path / "clean.jsonl", tmp_path / "resumed.jsonl"
    common = ["--model", checkpoint, "--input", inp, "--pairs", "drift", "--chunk-size", "3"] + FLAGS
    assert sample_script.main(common + ["--out", str(clean)]) == 0

    real, calls = sample_script.sample_chunk, []

    def interrupted(*args, **kwargs):
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append(args[3])
        return real(*args, **kwargs)

    monkeypatch.setattr(sample_script, "sample_chunk", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sample_script.run(common + ["--out", str(resumed)])  # main() would return 130
    partial = tmp_path / "resumed.jsonl.partial.jsonl"
    assert not resumed.exists() and len(partial.read_text().splitlines()) == 3  # header + 2 chunks
    with open(partial, "a") as f:
        f.write('{"rows": [[4, {"prompt"')  # torn last line
    done_before = {i for chunk in calls for i in chunk}

    calls.clear()
    monkeypatch.setattr(sample_script, "sample_chunk", lambda *a, **k: (calls.append(a[3]), real(*a, **k))[1])
    assert sample_script.main(common + ["--out", str(resumed)]) == 0
    assert not partial.exists()
    assert {i for chunk in calls for i in chunk} == set(range(10)) - done_before  # only the rest
    assert resumed.read_text() == clean.read_text()

    pairs = [json.loads(line) for line in clean.read_text().splitlines()]
    assert pairs and [p["index"] for p in pairs] == sorted(p["index"] for p in pairs)  # input order
    for p in pairs:
        row = DSAT[p["index"]]
        assert p["prompt"] == row["prompt"] and p["rejected"] == row["rejected"]
        assert p["chosen_sample"]["prompt_style"] == ("guided" if row["user_preference"] else "unguided")
        assert p["iteration"] == 1 and p["model"] == sample_script.generator_name(checkpoint)
        assert p["chosen"][0]["content"].strip() and p["sampling"]["max_new_tokens"] == 12


def test_resume_refuses_other_settings(checkpoint, tmp_path):
    inp = write_jsonl(tmp_path / "dsat.jsonl", DSAT[:2])
    out = tmp_path / "pairs.jsonl"
    partial = tmp_path / "pairs.jsonl.partial.jsonl"
    partial.write_text(json.dumps({"header": {"mode": "drift", "other": True}}) + "\n")
    with pytest.raises(DataError, match=r"line 1, field 'header': written by a run with other settings"):
        sample_script.run(["--model", checkpoint, "--input", inp, "--out", str(out)] + FLAGS)


def test_alpaca_eval_export_format(checkpoint, tmp_path):
    """AlpacaEval 2 reads a JSON list of {instruction, output, generator} (+ dataset), one per
    instruction, in the instructions file's order."""
    instructions = [{"instruction": f"Write {i} words about the sea.", "dataset": "helpful_base", "output": "ref",
                     "generator": "text_davinci_003"} for i in range(5)]
    inp, out = tmp_path / "alpaca_eval.json", tmp_path / "outputs.json"
    inp.write_text(json.dumps(instructions))
    sample_script.main(["--model", checkpoint, "--input", str(inp), "--out", str(out), "--export", "alpaca_eval",
                        "--generator", "tiny-iter2"] + FLAGS)
    rows = json.loads(out.read_text())
    assert isinstance(rows, list) and len(rows) == len(instructions)
    for src, row in zip(instructions, rows):
        assert set(row) == {"instruction", "output", "generator", "dataset"}
        assert (row["instruction"], row["dataset"], row["generator"]) == (src["instruction"], src["dataset"], "tiny-iter2")
        assert isinstance(row["output"], str)


def test_wildbench_export_format(checkpoint, tmp_path):
    """WildBench v2 reads a JSON list of {session_id, chat_history: [str], model_input, output: [str],
    generator, configs}; conversation_input alternates user/assistant and ends with a user turn."""
    tasks = [
        {"session_id": f"s{i}", "primary_tag": "Coding & Debugging",
         "conversation_input": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"},
                                {"role": "user", "content": f"task {i}: fix the code"}][2 - 2 * (i % 2):]}
        for i in range(4)
    ]
    inp, out = tmp_path / "wildbench.jsonl", tmp_path / "wb.json"
    write_jsonl(inp, tasks)
    tok = make_tokenizer("chatml")
    sample_script.main(["--model", checkpoint, "--input", str(inp), "--out", str(out), "--export", "wildbench"] + FLAGS)
    rows = json.loads(out.read_text())
    assert [r["session_id"] for r in rows] == [t["session_id"] for t in tasks]
    for task, row in zip(tasks, rows):
        assert {"session_id", "chat_history", "model_input", "output", "generator", "configs"} <= set(row)
        assert row["chat_history"] == [m["content"] for m in task["conversation_input"]]
        assert row["model_input"] == tok.apply_chat_template(task["conversation_input"], add_generation_prompt=True,
                                                             tokenize=False)
        assert isinstance(row["output"], list) and len(row["output"]) == 1 and isinstance(row["output"][0], str)
        assert row["configs"]["temperature"] == 0.7 and row["configs"]["max_tokens"] == 12
        assert row["primary_tag"] == task["primary_tag"] and row["generator"] == sample_script.generator_name(checkpoint)


def test_drift_pairs_are_the_ones_train_py_samples(checkpoint, tmp_path):
    """`sample.py --pairs drift --iteration 1` on the starting model writes the pairs train.py
    trains on in iteration 1 (same seeds, prompts and gate), so either can reproduce the other."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    inp = write_jsonl(tmp_path / "dsat.jsonl", DSAT)
    settings = ["--max-new-tokens", "12", "--max-retries", "1"]
    mine = tmp_path / "pairs.jsonl"
    assert sample_script.main(["--model", checkpoint, "--input", inp, "--out", str(mine), "--pairs", "drift",
                               "--iteration", "1", "--sample-batch-size", "3", *settings]) == 0
    out = tmp_path / "run"
    subprocess.run([sys.executable, "train.py", "--model", checkpoint, "--dsat-data", inp, "--out", str(out),
                    "--warm-epochs", "0", "--iterations", "1", "--batch-size", "2", "--micro-batch-size", "2",
                    "--sample-batch-size", "4", *settings], cwd=root, check=True, capture_output=True,
                   env=os.environ | {"PYTHONPATH": str(root), "OMP_NUM_THREADS": "1"})
    key = lambda r: (r["index"], r["chosen"], r["rejected"], r["prompt"], r["chosen_sample"]["seed"])  # noqa: E731
    trained = [key(json.loads(line)) for line in (out / "pairs" / "iter1.jsonl").read_text().splitlines()]
    sampled = [key(json.loads(line)) for line in mine.read_text().splitlines()]
    assert trained and sampled == trained


def test_n_samples_per_prompt_with_their_seeds(checkpoint, tmp_path):
    """--samples --n-samples 3: three samples of every prompt, each with the seed of its draw (the
    request of sample j of row i has derive_seed(seed, iteration, i) for j = 0, (seed, iteration,
    i, j) after; its draw, derive_seed(request, attempt)); the same file with another batch size."""
    from drift.sampler import derive_seed

    inp = write_jsonl(tmp_path / "dsat.jsonl", DSAT[:4])
    args = ["--model", checkpoint, "--input", inp, "--samples", "--n-samples", "3"] + FLAGS
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert sample_script.main(args + ["--out", str(a)]) == 0
    assert sample_script.main(args + ["--out", str(b), "--sample-batch-size", "5"]) == 0
    assert a.read_text() == b.read_text()
    rows = [json.loads(line) for line in a.read_text().splitlines()]
    assert [r["index"] for r in rows] == [0, 1, 2, 3]
    for r in rows:
        assert r["prompt"] == DSAT[r["index"]]["prompt"] and len(r["samples"]) == 3
        requests = [derive_seed(42, 1, r["index"])] + [derive_seed(42, 1, r["index"], j) for j in (1, 2)]
        assert [s["seed"] for s in r["samples"]] == [derive_seed(q, 0) for q in requests]  # attempt 0 of each
        assert all(isinstance(s["text"], str) and s["n_tokens"] <= 12 for s in r["samples"])
    with pytest.raises(UsageError):  # N samples of a pair file would not be DRIFT's pairs
        sample_script.parse_args(["--input", inp, "--out", "x", "--n-samples", "2"])


def test_input_and_model_are_checked_before_anything_is_written(checkpoint, tmp_path):
    bad = write_jsonl(tmp_path / "bad.jsonl", DSAT[:2] + [{"prompt": [{"role": "assistant", "content": "x"}]}])
    out = tmp_path / "pairs.jsonl"
    with pytest.raises(DataError, match=r"bad\.jsonl, line 3, field 'prompt'"):
        sample_script.run(["--model", checkpoint, "--input", bad, "--out", str(out), "--samples"] + FLAGS)
    with pytest.raises(UsageError, match=f"no such folder: {re.escape(str(tmp_path / 'nope'))}$"):
        sample_script.run(["--model", str(tmp_path / "nope"), "--input", write_jsonl(tmp_path / "ok.jsonl", DSAT[:2]),
                            "--out", str(out)] + FLAGS)
    assert not list(tmp_path.glob("pairs.jsonl*"))  # no partial file: a corrected rerun is not refused
    good = write_jsonl(tmp_path / "bad.jsonl", DSAT[:2])
    assert sample_script.main(["--model", checkpoint, "--input", good, "--out", str(out), "--samples"] + FLAGS) == 0


def test_help_shows_the_schemas_and_every_default(capsys):
    with pytest.raises(SystemExit):
        sample_script.parse_args(["--help"])
    text = capsys.readouterr().out
    assert '"user_preference"' in text and "conversation_input" in text and "(default 0.7)" in text
    assert "(default 512)" in text and "(default 42)" in text


def test_generator_names_tell_runs_apart(checkpoint, tmp_path):
    """Two runs' iter2 folders get different generator names; a plain folder gets its name and a
    fingerprint of its files."""
    import shutil

    names = set()
    for run_name, run_id in (("run-a", "aaaaaaaaaaaa"), ("run-b", "bbbbbbbbbbbb")):
        stage = tmp_path / run_name / "iter2"
        shutil.copytree(checkpoint, stage)
        (tmp_path / run_name / "run.json").write_text(json.dumps({"run_id": run_id}))
        names.add(sample_script.generator_name(str(stage)))
    assert names == {"run-a-iter2-aaaaaaaaaaaa", "run-b-iter2-bbbbbbbbbbbb"}
    assert sample_script.generator_name(checkpoint).startswith(os.path.basename(checkpoint) + "-")
