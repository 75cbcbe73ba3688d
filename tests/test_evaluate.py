"""Per-stage evaluation (drift/evaluate.py) and the local judge (drift/judge.py): the judge's verdict
is the brute-force comparison of the labels' summed log-probs in both orders, position bias cancels,
every logged number is what the saved replies give when rescored, 2 ranks log what 1 rank logs,
sample.py --judge after the fact gives the in-run numbers, best.json follows its stated rule."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from forked import run_train

from drift.evaluate import best_stage, measures
from drift.judge import COMPARE_FIELDS, COMPARE_RUBRIC, Judge, fill, read_rubric, transcript, wilson, win_rate
from drift.logprobs import naive_sequence_logps
from drift.tiny import make_model, make_tokenizer
from scorers import n_chars

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "filtered"
CONV = [{"role": "user", "content": "What is the capital of Australia?"},
        {"role": "assistant", "content": "Sydney."}, {"role": "user", "content": "No. Try again {please}."}]


@pytest.fixture(scope="module")
def tiny_judge():
    torch.manual_seed(0)
    tok = make_tokenizer("chatml")
    return Judge(make_model(tok).eval(), tok, read_rubric(COMPARE_RUBRIC, COMPARE_FIELDS))


def brute_force_logp(judge: Judge, text: str, label: str) -> float:
    """log p(label | the judge's prompt for text), from full logits (drift.logprobs' naive path)."""
    p = judge.prompt_ids(text)
    y = judge.tokenizer(label, add_special_tokens=False)["input_ids"]
    ids = torch.tensor([p + y])
    response = torch.tensor([[0] * len(p) + [1] * len(y)])
    return naive_sequence_logps(judge.model, ids, torch.ones_like(ids), response).logps.item()


def test_the_verdict_is_the_brute_force_comparison_of_label_logps_in_both_orders(tiny_judge):
    items = [(CONV, "Canberra is the capital.", "Sydney, as I said."), (CONV[:1], "short", "a much longer reply here")]
    margins = tiny_judge.compare(items)
    for (conv, a, b), m in zip(items, margins):
        text = lambda x, y: fill(tiny_judge.rubric, conversation=transcript(conv), reply_a=x, reply_b=y)  # noqa: E731
        first = brute_force_logp(tiny_judge, text(a, b), "A") - brute_force_logp(tiny_judge, text(a, b), "B")
        second = brute_force_logp(tiny_judge, text(b, a), "B") - brute_force_logp(tiny_judge, text(b, a), "A")
        assert m == pytest.approx(first + second, abs=1e-4)
        assert abs(first) > 1e-6 and abs(second) > 1e-6  # both orders carry a value of their own
    # the same reply on both sides is an exact tie
    assert tiny_judge.compare([(CONV, "same", "same")]) == [0.0]


def test_single_token_labels_are_read_from_one_forward_of_the_prompt(tiny_judge):
    """A and B are one token each: the judge forwards each prompt once and reads both labels at its
    last position (drift.logprobs.next_token_logps), where scoring prompt + label rows runs each
    prompt once per label; the margins equal the per-label rows' to 1e-6 (fp32, CPU), from half the rows."""
    items = [(CONV, "Canberra is the capital.", "Sydney, as I said."), (CONV[:1], "short", "a much longer reply here"),
             (CONV[1:], "yes", "no")]
    rows = []
    count = lambda m, args, kwargs: rows.append(kwargs["input_ids"].shape[0])  # noqa: E731
    hook = tiny_judge.model.register_forward_pre_hook(count, with_kwargs=True)
    try:
        margins = tiny_judge.compare(items)
        one_forward, rows[:] = sum(rows), []
        label_ids = [tiny_judge.tokenizer(x, add_special_tokens=False)["input_ids"] for x in ("A", "B")]
        assert all(len(ids) == 1 for ids in label_ids)
        prompts = [tiny_judge.fit(conv, lambda text, x=x, y=y: fill(tiny_judge.rubric, conversation=text, reply_a=x,
                                                                     reply_b=y))
                   for conv, a, b in items for x, y in ((a, b), (b, a))]
        with torch.no_grad():  # the per-label rows: every prompt followed by each label
            logps = tiny_judge._score([(p, ids) for p in prompts for ids in label_ids]).view(len(prompts), 2)
        per_label = sum(rows)
    finally:
        hook.remove()
    expected = [(logps[2 * i, 0] - logps[2 * i, 1] + logps[2 * i + 1, 1] - logps[2 * i + 1, 0]).item()
                for i in range(len(items))]
    assert margins == pytest.approx(expected, abs=1e-6)
    assert one_forward == len(prompts) and per_label == 2 * len(prompts)


class TextJudge(Judge):
    """A judge whose label scores are a function of the filled rubric's text (no model)."""

    def __init__(self, scores):
        self.rubric, self.scores = read_rubric(COMPARE_RUBRIC, COMPARE_FIELDS), scores

    def fit(self, conversation, render):
        return render(transcript(conversation))

    def label_logps(self, prompts, labels):
        return [self.scores(p) for p in prompts]


def test_the_swapped_order_enters_the_margin():
    # "A" scores 1 when the good reply is first, 0.3 when it is second; "B" always 0
    judge = TextJudge(lambda text: [1.0 if "[Reply A]\ngood" in text else 0.3, 0.0])
    (m,) = judge.compare([(CONV, "good", "bad")])
    assert m == pytest.approx((1.0 - 0.0) + (0.0 - 0.3))  # a first: A - B; a second: B - A


def test_a_judge_that_always_prefers_position_a_scores_one_half():
    judge = TextJudge(lambda text: [0.0, -5.0])
    margins = judge.compare([(CONV, f"reply {i}", "y-") for i in range(7)])
    assert margins == [0.0] * 7
    records = [{"index": i, "replies": [{"text": "r", "n_tokens": 1, "cut": False, "vs_rejected": m}]}
               for i, m in enumerate(margins)]
    assert measures(records)["eval/win_vs_rejected"] == 0.5


def test_win_rate_is_a_mean_over_conversations_with_a_wilson_interval():
    w = win_rate([[1.0, -1.0], [2.0], [-3.0], [0.0]])  # 0.5, 1, 0, 0.5
    assert w["rate"] == pytest.approx(0.5) and w["n"] == 4
    low, high = wilson(0.5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)  # the textbook value
    assert wilson(1.0, 5)[1] == 1.0 and wilson(0.0, 5)[0] == 0.0


def test_best_stage_follows_its_stated_rule():
    rows = [{"stage": "base", "eval/win_vs_rejected": 0.2, "eval/reward": 1.0},
            {"stage": "warm", "eval/win_vs_rejected": 0.6, "eval/win_vs_base": 0.4, "eval/reward": 3.0},
            {"stage": "iter1", "eval/win_vs_rejected": 0.6, "eval/win_vs_base": 0.45, "eval/reward": 2.0}]
    assert best_stage(rows, "auto")["stage"] == "warm"  # a tie: the earliest
    assert best_stage(rows, "reward")["stage"] == "warm"
    assert best_stage(rows, "judge_vs_base")["stage"] == "base"  # every stage loses to base: base (0.5)
    assert best_stage([{"stage": "base", "eval/len": 3}], "auto")["stage"] is None


def test_a_rubric_without_its_fields_is_refused(tmp_path):
    from drift.io import UsageError

    (tmp_path / "r.txt").write_text("Which is better, {reply_a} or {reply_b}?")
    with pytest.raises(UsageError, match="lacks {conversation}"):
        read_rubric(tmp_path / "r.txt", COMPARE_FIELDS)


# ----------------------------------------------------------------------------- train.py and sample.py


def flags(model: Path) -> list[str]:
    return ["--model", str(model), "--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "12",
            "--lr", "1e-3", "--warm-epochs", "1", "--iterations", "1", "--sample-batch-size", "4",
            "--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl"),
            "--eval-data", str(SAMPLE / "test" / "dsat.jsonl"), "--eval-samples", "2",
            "--eval-reward-model", "scorers:n_chars", "--judge-model", str(model)]


def eval_rows(out: Path) -> list[dict]:
    return [r for r in map(json.loads, (out / "metrics.jsonl").read_text().splitlines()) if r["type"] == "eval"]


@pytest.fixture(scope="module")
def evaluated_run(tiny_chat_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("evaluated") / "out"
    proc = run_train(flags(tiny_chat_dir) + ["--out", str(out)], out.parent)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "best stage:" in proc.stdout
    return out


def test_every_logged_number_is_what_the_saved_replies_give(evaluated_run):
    rows = eval_rows(evaluated_run)
    assert [r["stage"] for r in rows] == ["base", "warm", "iter1"]
    for row in rows:
        records = [json.loads(line) for line in (evaluated_run / "eval" / f"{row['stage']}.jsonl").read_text().splitlines()]
        replies = [(rec, r) for rec in records for r in rec["replies"]]
        assert len(replies) == 2 * len(records) and all(r["seed"] for _, r in replies)
        # the scorer run again on the saved replies gives the logged mean
        rescored = n_chars([rec["prompt"] for rec, _ in replies], [r["text"] for _, r in replies])
        assert row["eval/reward"] == pytest.approx(sum(rescored) / len(rescored), rel=1e-12)
        assert row["eval/reward_rejected"] == pytest.approx(sum(len(rec["rejected"]) for rec in records) / len(records))
        # the win rates from the saved margins, by hand: per conversation, then the mean
        per_conv = [sum(1.0 if r["vs_rejected"] > 0 else 0.5 if r["vs_rejected"] == 0 else 0.0 for r in rec["replies"])
                    / len(rec["replies"]) for rec in records]
        assert row["eval/win_vs_rejected"] == pytest.approx(sum(per_conv) / len(per_conv))
        assert ("eval/win_vs_base" in row) == (row["stage"] != "base")
        assert {k: v for k, v in row.items() if k.startswith("eval/")} == measures(records)
    best = json.loads((evaluated_run / "best.json").read_text())
    values = {r["stage"]: r["eval/win_vs_rejected"] for r in rows}
    assert best["criterion"] == "eval/win_vs_rejected" and best["stages"] == values
    assert best["stage"] == next(s for s in values if values[s] == max(values.values()))


def test_sample_py_judge_gives_the_in_run_numbers(evaluated_run, tiny_chat_dir, tmp_path):
    import sample

    out = tmp_path / "cmp"
    argv = ["--judge", "--model", str(tiny_chat_dir), str(evaluated_run / "warm"), str(evaluated_run / "iter1"),
            "--input", str(SAMPLE / "test" / "dsat.jsonl"), "--out", str(out), "--eval-samples", "2",
            "--max-new-tokens", "12", "--sample-batch-size", "4", "--eval-reward-model", "scorers:n_chars",
            "--judge-model", str(tiny_chat_dir)]
    assert sample.main(argv) == 0
    after = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    during = eval_rows(evaluated_run)
    assert [r["stage"] for r in after] == ["base", "warm", "iter1"]
    for a, b in zip(during, after):
        assert {k: v for k, v in a.items() if k.startswith("eval/")} == {k: v for k, v in b.items() if k.startswith("eval/")}
    assert json.loads((out / "best.json").read_text())["stage"] == json.loads((evaluated_run / "best.json").read_text())["stage"]


def test_two_ranks_log_what_one_rank_logs(evaluated_run, tiny_chat_dir, tmp_path):
    """The same replies, rewards and judge margins on 2 ranks as on 1 (float rounding aside: the
    ranks run with another thread count), and each rank count's logged numbers are its saved
    replies rescored. A win rate is compared only where no margin lies within rounding of 0: the
    tiny judge is a random model whose label log-probs nearly tie, so the sign of such a margin is
    noise, not a property."""
    out = tmp_path / "two"
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")]), "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", str(_free_port()),
           "train.py", *flags(tiny_chat_dir), "--out", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for a, b in zip(eval_rows(evaluated_run), eval_rows(out), strict=True):
        stage = a["stage"]
        one = [json.loads(x) for x in (evaluated_run / "eval" / f"{stage}.jsonl").read_text().splitlines()]
        two = [json.loads(x) for x in (out / "eval" / f"{stage}.jsonl").read_text().splitlines()]
        assert {k: v for k, v in b.items() if k.startswith("eval/")} == measures(two)
        r1 = [r for rec in one for r in rec["replies"]]
        r2 = [r for rec in two for r in rec["replies"]]
        assert [r["text"] for r in r1] == [r["text"] for r in r2] and [r["reward"] for r in r1] == [r["reward"] for r in r2]
        near_zero = set()
        for key in ("vs_rejected", "vs_base"):
            for x, y in zip(r1, r2):
                if key in x:
                    assert math.isclose(x[key], y[key], rel_tol=1e-4, abs_tol=1e-5), (stage, key, x[key], y[key])
                    if abs(x[key]) < 1e-5:
                        near_zero.add(key)
        for k, v in a.items():
            if k.startswith("eval/") and not any(f"_{key}" in k for key in near_zero):
                assert math.isclose(v, b[k], rel_tol=1e-5, abs_tol=1e-6), (stage, k, v, b[k])


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("extra, message", [
    (["--judge-model", "embedded"], "--judge-model scores the held-out evaluation: pass --eval-data"),
    (["--eval-data", str(SAMPLE / "test" / "dsat.jsonl"), "--select-by", "reward"], "--select-by reward needs --eval-reward-model"),
    (["--eval-data", str(SAMPLE / "test" / "dsat.jsonl"), "--judge-rubric", "r.txt"], "--judge-rubric without --judge-model"),
])
def test_evaluation_flags_that_disagree_are_refused(extra, message, tmp_path):
    from drift.config import parse_config
    from drift.io import UsageError

    with pytest.raises(UsageError, match=message):
        parse_config(["--dsat-data", "d.jsonl", "--seed-data", "s.jsonl", "--out", str(tmp_path), *extra])


def test_a_rubric_without_its_fields_stops_the_run_before_its_folder_is_written(tiny_chat_dir, tmp_path):
    (tmp_path / "r.txt").write_text("{reply_a} or {reply_b}?")
    out = tmp_path / "out"
    proc = run_train(flags(tiny_chat_dir) + ["--out", str(out), "--judge-rubric", str(tmp_path / "r.txt")], tmp_path)
    assert proc.returncode == 1 and "lacks {conversation}" in proc.stderr.strip().splitlines()[-1]
    assert not out.exists()


def test_a_conversation_with_braces_stays_text_in_the_rubric():
    text = fill("{conversation} | {reply_a} | {reply_b}", conversation="print('{reply_a}')", reply_a="A!", reply_b="B!")
    assert text == "print('{reply_a}') | A! | B!"


def test_sample_py_judge_refuses_flags_it_would_ignore(capsys):
    import sample
    from drift.io import UsageError

    with pytest.raises(UsageError, match="--n-samples do not apply to --judge"):
        sample.parse_args(["--judge", "--input", "x.jsonl", "--out", "o", "--n-samples", "4"])
