"""`python train.py --method {drift, spin, iterdpo} --guidance {guided, unguided}` end to end:
one iteration per method on a tiny model, then the pairs each run wrote are checked against the
paper's Table 2 (where chosen and rejected come from, which prompt sampled which side), and the
per-stage metrics against each other (every method logs the same quantities).

Each run is train.py's main with the real flags, on the bundled sample when it is there."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch
from forked import run_train
from transformers import AutoModelForSequenceClassification, AutoTokenizer, BertTokenizerFast, DebertaV2Config

from drift.data import load_dsat, load_sat
from drift.prompts import build_prompt

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
FLAGS = ["--warm-epochs", "0", "--iterations", "1", "--batch-size", "4", "--micro-batch-size", "2",
         "--max-new-tokens", "24", "--sample-batch-size", "8", "--lr", "1e-4"]
LEMMA1 = {"signal/mean_sigmoid_neg_s", "signal/frac_above_tau", "rewards/margins", "rewards/accuracies", "loss"}


@pytest.fixture(scope="module")
def setup(tmp_path_factory, tiny_chat_dir) -> dict:
    """A tiny chat model that ends its replies (conftest.py), a tiny reward model, and the data files."""
    root = tmp_path_factory.mktemp("methods")

    chars = "abcdefghijklmnopqrstuvwxyz0123456789.,?!:;'\"-()"
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list(chars) + [f"##{c}" for c in chars]
    (root / "vocab.txt").write_text("\n".join(vocab) + "\n")
    config = DebertaV2Config(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                             intermediate_size=64, max_position_embeddings=128, num_labels=1, pad_token_id=0)
    torch.manual_seed(0)
    AutoModelForSequenceClassification.from_config(config).save_pretrained(root / "rm")
    BertTokenizerFast(str(root / "vocab.txt"), model_max_length=128).save_pretrained(root / "rm")

    dsat, sat = root / "dsat.jsonl", root / "sat.jsonl"
    if (SAMPLE / "dsat.jsonl").exists() and (SAMPLE / "sat.jsonl").exists():
        # a copy: every run and every check reads the same rows
        shutil.copy(SAMPLE / "dsat.jsonl", dsat)
        shutil.copy(SAMPLE / "sat.jsonl", sat)
    else:  # a few rows of our own
        qs = ["What is the capital of Australia?", "Write a poem about the sea.", "How do I add two numbers in python?",
              "Convert 5 miles to kilometers."]
        msg = lambda role, text: [{"role": role, "content": text}]  # noqa: E731
        dsat.write_text("".join(json.dumps({"prompt": msg("user", q), "rejected": msg("assistant", f"Sydney {i}."),
                                            "user_preference": msg("user", "That is wrong, fix it.")[0]}) + "\n"
                                for i, q in enumerate(qs)))
        sat.write_text("".join(json.dumps({"prompt": msg("user", q), "chosen": msg("assistant", f"A good answer {i}.")})
                               + "\n" for i, q in enumerate(qs)))
    return {"root": root, "model": tiny_chat_dir, "rm": root / "rm", "dsat": dsat, "sat": sat,
            "tok": AutoTokenizer.from_pretrained(tiny_chat_dir)}


def train(setup, *args, check=True):
    """train.py with these flags (in a child forked from a preloaded server: tests/forked.py)."""
    argv = ["--model", str(setup["model"]), "--dsat-data", str(setup["dsat"]), "--sat-data", str(setup["sat"]),
            *FLAGS, *args]
    proc = run_train(argv, setup["root"], name=f"run{len(list(setup['root'].glob('run*.stderr')))}")
    if check and proc.returncode != 0:
        raise AssertionError(f"train.py {' '.join(argv)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    return proc


RUNS = {  # name -> flags
    "drift-guided": ["--method", "drift", "--guidance", "guided"],
    "drift-unguided": ["--method", "drift", "--guidance", "unguided"],
    "spin": ["--method", "spin"],
    "iterdpo-guided": ["--method", "iterdpo", "--guidance", "guided"],
    "iterdpo-unguided": ["--method", "iterdpo", "--guidance", "unguided"],
}


@pytest.fixture(scope="module")
def runs(setup) -> dict[str, Path]:
    outs = {}
    for name, flags in RUNS.items():
        out = setup["root"] / name
        rm = ["--reward-model", str(setup["rm"])] if name == "iterdpo-unguided" else []
        train(setup, "--out", str(out), *flags, *rm)
        outs[name] = out
    return outs


def read_pairs(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "pairs" / "iter1.jsonl").read_text().splitlines()]


def stage_row(out: Path) -> dict:
    rows = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    return next(r for r in rows if r["type"] == "stage" and r["stage"] == "iter1")


def test_each_method_writes_table2_pairs(setup, runs):
    tok = setup["tok"]
    dsat, sat = load_dsat(setup["dsat"]), load_sat(setup["sat"])

    def unguided(x):
        return build_prompt(tok, x).text

    def guided(row):
        return build_prompt(tok, row.x, row.dsat, row.complaint).text

    expected = {  # name -> rows it reads, (chosen source, rejected source) for a row with a complaint
        "drift-guided": (dsat, "sample:guided", "data:dsat"),
        "drift-unguided": (dsat, "sample:unguided", "data:dsat"),
        "spin": (sat, "data:sat", "sample:unguided"),
        "iterdpo-guided": (dsat, "sample:guided", "sample:unguided"),
        "iterdpo-unguided": (dsat, "sample:unguided", "sample:unguided"),
    }
    for name, (rows, chosen_src, rejected_src) in expected.items():
        pairs = read_pairs(runs[name])
        assert pairs, name
        for p in pairs:
            row = rows[p["index"]]
            has_complaint = bool(row.complaint)
            assert p["prompt"] == row.x, name
            want_chosen = chosen_src if has_complaint or chosen_src.startswith("data") else "sample:unguided"
            assert (p["chosen_source"], p["rejected_source"]) == (want_chosen, rejected_src), name
            for side, src in (("chosen", p["chosen_source"]), ("rejected", p["rejected_source"])):
                text = p[side][0]["content"]
                if src == "data:dsat":
                    assert text == row.dsat
                elif src == "data:sat":
                    assert text == row.sat
                else:
                    prompt = p[f"{side}_sample"]["prompt"]
                    assert prompt == (guided(row) if src == "sample:guided" else unguided(row.x)), (name, side)
            ranked = name == "iterdpo-unguided" or (name == "iterdpo-guided" and not has_complaint)
            assert p["chosen_by"] == ("reward_model" if ranked else "method")
            if ranked:
                assert p["scores"]["chosen"] > p["scores"]["rejected"]


def test_every_method_logs_the_same_metrics(runs):
    """The Lemma 1 quantities (and every other stage metric) are logged for every method alike."""
    keys = {name: set(stage_row(out)) for name, out in runs.items()}
    assert LEMMA1 <= keys["drift-guided"]
    assert all(k == keys["drift-guided"] for k in keys.values()), keys
    for name, out in runs.items():
        s = stage_row(out)
        assert s["pairs"] == s["sampler/pairs"] == len(read_pairs(out)) > 0, name
        assert (out / "iter1" / "config.json").exists()


def test_iterdpo_without_reward_model_and_spin_without_sat_file_fail_clearly(setup, tmp_path):
    proc = train(setup, "--out", str(tmp_path / "a"), "--method", "iterdpo", "--guidance", "unguided", check=False)
    assert proc.returncode != 0 and "--reward-model" in proc.stderr
    assert not (tmp_path / "a" / "pairs").exists()  # nothing was sampled
    missing = tmp_path / "nope.jsonl"
    proc = train(setup, "--out", str(tmp_path / "b"), "--method", "spin", "--sat-data", str(missing), check=False)
    assert proc.returncode != 0 and f"{missing}" in proc.stderr and "file not found" in proc.stderr
