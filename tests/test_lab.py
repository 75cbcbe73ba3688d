"""The paper in miniature (drift/lab): the exact world's theory holds at every iteration, and its
measurements move the way a correct DPO moves them; the tiny world runs end to end through
train.py and shows the effect its full run establishes."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from drift.lab import exact, tiny

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", params=[0, 7])
def exact_run(request):
    return exact.run(seed=request.param, quick=True)


def test_lab_json_has_what_the_report_promises(exact_run):
    K = exact_run["iterations"]
    assert exact_run["world"] == "exact" and isinstance(exact_run["seed"], int)
    assert set(exact_run["methods"]) == {"drift", "drift_unguided", "spin", "iterdpo"}
    for m in exact_run["methods"].values():
        assert len(m["gold"]) == K + 2 and len(m["signal"]) == K + 1  # base, warm, iters / warm, iters
        assert all(0 <= g <= 1 for g in m["gold"])


def test_lemma1_and_proposition1_bounds_hold_at_every_iteration_of_every_method(exact_run):
    """Lemma 1: E||grad l|| >= beta tau P(sigma(-s) >= tau) E[||d|| | that event]. Proposition 1,
    by the same Cauchy-Schwarz step off the fixed point: ||E grad l|| <= beta/4 sqrt(Var s)
    sqrt(E||d||^2) + beta E[sigma(-s)] ||E d||. Exact sums, so up to rounding only."""
    for name, m in exact_run["methods"].items():
        for k in range(exact_run["iterations"]):
            assert m["E_grad_norm"][k] >= m["lemma1_bound"][k] - 1e-12, (name, k)
            assert m["norm_E_grad"][k] <= m["prop1_bound"][k] + m["fixed_point_gap"][k] + 1e-12, (name, k)
            assert m["norm_E_grad"][k] <= m["E_grad_norm"][k] + 1e-12  # Jensen


def test_every_method_raises_the_gold_utility_above_the_warm_start(exact_run):
    """A DPO that pushes the chosen reply up and the rejected one down raises J in this world for
    every method (the chosen side is better on average for each); a swapped loss sign or swapped
    pair sides would make it fall. DRIFT's guided positives raise it the most."""
    methods = exact_run["methods"]
    for name, m in methods.items():
        assert m["gold"][-1] > m["gold"][1] + 0.02, name
        assert all(b > a for a, b in zip(m["gold"][1:], m["gold"][2:])), name
    assert methods["drift"]["gold"][-1] == max(m["gold"][-1] for m in methods.values())


def test_the_stage_gradient_is_lemma1s_formula():
    """Autograd through drift.loss.dpo_loss on the tabular policy equals -beta sigma(-s) d summed
    over the pairs, d = e_{x,y+} - e_{x,y-}: the identity the whole analysis rests on."""
    from drift.loss import dpo_loss

    g = torch.Generator().manual_seed(0)
    theta = torch.randn(exact.X, exact.Y, generator=g, dtype=torch.float64, requires_grad=True)
    ref = torch.randn(exact.X, exact.Y, generator=g, dtype=torch.float64)
    pairs = torch.stack([torch.randint(0, n, (64,), generator=g) for n in (exact.X, exact.Y, exact.Y)], 1)
    x, yp, ym = pairs.unbind(1)
    logp, ref_logp = theta.log_softmax(-1), ref.log_softmax(-1)
    losses, cr, rr = dpo_loss(logp[x, yp], logp[x, ym], ref_logp[x, yp], ref_logp[x, ym], exact.BETA)
    losses.sum().backward()
    weight = torch.sigmoid(-(cr - rr))  # sigma(-s)
    expected = torch.zeros_like(theta)
    expected.index_put_((x, yp), -exact.BETA * weight, accumulate=True)
    expected.index_put_((x, ym), exact.BETA * weight, accumulate=True)
    torch.testing.assert_close(theta.grad, expected)


def test_the_exact_world_is_reproducible():
    """Same seed, same numbers (its wall time, about 2 s, is what `python -m drift.lab exact` prints,
    not a test's business)."""
    assert exact.run(seed=3) == exact.run(seed=3)


@pytest.mark.slow
def test_the_tiny_world_runs_through_train_py_from_one_shared_warm_start(tmp_path):
    """--quick end to end: the deployed model taught, the deployment's files, DRIFT and IterDPO
    through train.py, every checkpoint scored. Only what holds on any processor is asserted (the
    world itself, and so every number, differs between CPUs: README, "The paper in miniature"):
    the files and counts agree with lab.json, every measure is a fraction of its held-out set,
    every stage's signal is a probability, and both methods start from the same base model and
    the same warm start (two train.py runs, one thread count: the same weights, the same scores).
    That the world pins its own thread count (another outer count, the same lab.json) is
    bench/lab_threads.py's, with its committed result; the suite checks the pin (here, in the fair
    world's test and in test_train_py_children_get_the_worlds_thread_count)."""
    out = tmp_path / "tiny"
    # no timeout: a loaded 2-core machine takes several times as long as an idle one
    proc = subprocess.run([sys.executable, "-m", "drift.lab", "tiny", "--quick", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((out / "lab.json").read_text())
    assert result["world"] == "tiny" and set(result["methods"]) == {"drift", "iterdpo"}
    assert result["machine"]["threads"] == tiny.THREADS and result["machine"]["torch"] == torch.__version__
    data = result["data"]
    for name in ("dsat", "sat", "seed"):
        assert len((out / "data" / f"{name}.jsonl").read_text().splitlines()) == data[name]
    assert data["sha256"] == tiny.data_fingerprint(out / "data")
    held_out = json.loads((out / "data" / "held_out.json").read_text())
    n_stale, n_untouched = len(held_out["stale_new_words"]), len(held_out["untouched"])
    drift, iterdpo = result["methods"]["drift"], result["methods"]["iterdpo"]
    K = result["iterations"]
    for m in (drift, iterdpo):
        assert not m["stopped"] and len(m["gold"]) == K + 2 and len(m["signal"]) == K + 1
        assert all(math.isfinite(s) and 0 < s < 1 for s in m["signal"])
        assert all((g * n_stale).is_integer() and 0 <= g <= 1 for g in m["gold"])  # greedy: one reply each
        assert all((g * n_untouched).is_integer() and 0 <= g <= 1 for g in m["untouched"])
        assert m["pairs"][0] <= data["seed"] and all(0 < p <= data["dsat"] for p in m["pairs"][1:])
    for key in ("gold", "untouched", "gold_sampled", "distinct2"):
        assert drift[key][:2] == iterdpo[key][:2], key  # base and warm
    assert drift["signal"][0] == iterdpo["signal"][0] and drift["pairs"][0] == iterdpo["pairs"][0]
    assert (out / "lab.png").exists() and "held-out gold" in proc.stdout


@pytest.mark.slow
def test_the_fair_world_runs_as_registered_at_its_own_thread_count(tmp_path):
    """--quick end to end with one thread outside: the world runs at its own count (that another
    outer count gives the same lab.json is bench/lab_threads.py's, with its committed result).
    What the second registration promises and any processor keeps: off-policy negatives (no
    rejected reply in a wording the policy was taught), every complaint deserved (a reformed town,
    D2), every accepted revision in SAT as well as in seed (D1), test and retention towns that no
    training file mentions, every measure a fraction (or a count) of its set, one shared base and
    warm start for both arms, Proposition 1's measures at each iteration's start (D5), and the
    taught policy's weights in the fingerprint (D8)."""
    from drift.lab import fair

    out = tmp_path / "a"
    env = os.environ | {"PYTHONPATH": str(ROOT)} | dict.fromkeys(tiny.THREAD_VARIABLES, "1")
    proc = subprocess.run([sys.executable, "-m", "drift.lab", "fair", "--quick", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((out / "lab.json").read_text())
    assert result["machine"]["threads"] == tiny.THREADS != 1
    world = json.loads((out / "world.json").read_text())
    facts = {f["town"]: f for f in world["facts"]}
    data = out / "data"
    rows = {k: [json.loads(x) for x in (data / f"{k}.jsonl").read_text().splitlines()] for k in ("dsat", "sat", "seed")}
    assert result["data"]["dsat"] == len(rows["dsat"]) == result["data"]["distinct_dsat_prompts"] >= 40
    policy_words = [w.split("{")[0] for w in fair.POLICY_WORDS if not w.startswith("{")]
    for row in rows["dsat"]:
        y, question = row["rejected"][0]["content"], row["prompt"][0]["content"]
        assert not any(y.startswith(w) for w in policy_words) and fair.gold_of(world, question, y) == 0
        town = next(t for t in facts if re.search(rf"\b{t}\b", question))
        assert facts[town]["was"] != facts[town]["now"]  # D2: only the reform draws complaints
    sat = {json.dumps([r["prompt"], r["chosen"]]) for r in rows["sat"]}
    assert rows["seed"] and all(json.dumps([r["prompt"], r["chosen"]]) in sat for r in rows["seed"])  # D1
    held_towns = {f["town"] for f in world["facts"] if f["group"] == "test"}
    training_text = json.dumps(rows)
    assert not any(re.search(rf"\b{t}\b", training_text) for t in held_towns)
    assert len(result["data"]["policy_sha256"]) == 64 and list(result["runs"]) == ["3e-5"]
    runs = result["runs"]["3e-5"]
    for m in runs.values():
        assert not m["stopped"] and len(m["test"]) == result["iterations"] + 2
        assert all(0 <= v <= 1 for key in ("test", "retention", "test_sampled") for v in m[key])
        assert all(0 <= v <= 16 for v in m["distinct_valid_towns"])
    start = runs["drift"]["start"]
    assert len(start["G"]) == len(start["G_floor"]) == result["iterations"]
    assert all(v >= 0 for v in start["G"] + start["G_floor"]) and all(map(math.isfinite, start["distance_token"]))
    drift_, iterdpo = runs["drift"], runs["iterdpo"]
    for key in ("test", "retention", "test_sampled", "distinct_valid_towns"):
        assert drift_[key][:2] == iterdpo[key][:2], key  # base and warm: one shared warm start
    assert "learning rate 3e-5" in proc.stdout and "G_floor" in proc.stdout


def test_train_py_children_get_the_worlds_thread_count(monkeypatch, tmp_path):
    """Every arm's train.py child runs at the world's own thread count whatever the outer
    environment says, and outside any torchrun job: the lab's numbers do not move with either."""
    seen = {}

    def fake_run(argv, **kwargs):
        seen.update(kwargs["env"])
        return subprocess.CompletedProcess(argv, 0, "", "")

    monkeypatch.setattr(tiny.subprocess, "run", fake_run)
    for key in tiny.THREAD_VARIABLES + ("RANK", "WORLD_SIZE"):
        monkeypatch.setenv(key, "1")
    assert tiny.run_train_py(["--help"], tmp_path / "world.json") is None
    assert all(seen[key] == str(tiny.THREADS) for key in tiny.THREAD_VARIABLES) and tiny.THREADS != 1
    assert "RANK" not in seen and "WORLD_SIZE" not in seen and seen["DRIFT_LAB_WORLD"] == str(tmp_path / "world.json")


def test_the_expected_gradient_at_an_iterations_start_is_half_beta_times_the_mean_d(tiny_chat_dir):
    """fair.expected_gradient = (beta/2) ||(1/N) sum_i (grad log pi(y+_i) - grad log pi(y-_i))||,
    computed here pair by pair with torch.autograd.grad on the log-probs of each reply alone; a pair
    with the same reply twice adds d = 0 but counts in N; swapping every pair's sides changes nothing."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from drift.data import ChatEncoder, Pair, collate
    from drift.lab.fair import expected_gradient
    from drift.logprobs import concatenated_logps

    tok = AutoTokenizer.from_pretrained(tiny_chat_dir)
    model = AutoModelForCausalLM.from_pretrained(tiny_chat_dir, dtype=torch.float32)
    x = lambda q: [{"role": "user", "content": q}]  # noqa: E731
    pairs = [Pair(x("What is 2+2?"), "Four.", "It is five."), Pair(x("Name a colour."), "Blue.", "A table."),
             Pair(x("Say hi."), "Hello there!", "Bye.")]
    params = [p for p in model.parameters() if p.requires_grad]
    total = [torch.zeros_like(p, dtype=torch.float64) for p in params]
    for pair in pairs:
        chosen, rejected = concatenated_logps(model, collate([ChatEncoder(tok, 256, 192).encode(pair)], tok.pad_token_id))
        for t, g in zip(total, torch.autograd.grad((chosen.logps - rejected.logps).sum(), params, allow_unused=True)):
            if g is not None:
                t += g.double()
    want = lambda n: 0.1 / 2 * torch.sqrt(sum((t / n).pow(2).sum() for t in total)).item()  # noqa: E731
    assert math.isclose(expected_gradient(model, tok, pairs, 0.1), want(3), rel_tol=1e-5)
    same = pairs + [Pair(x("Say hi."), "Hello there!", "Hello there!")]
    assert math.isclose(expected_gradient(model, tok, same, 0.1), want(4), rel_tol=1e-5)
    swapped = [Pair(p.prompt, p.rejected, p.chosen) for p in pairs]
    assert math.isclose(expected_gradient(model, tok, swapped, 0.1), want(3), rel_tol=1e-5)
    assert expected_gradient(model, tok, [Pair(x("Hi"), "Same.", "Same.")], 0.1) == 0.0


def test_the_fair_worlds_readings_follow_the_registration():
    """drift.lab.readings on made-up seeds: C1 per baseline in questions (2 or more: confirm, -2 or
    less: refute), C2 not testable where SPIN never nears its catalogue, C2' by G / G_floor, the
    opening's part in forgetting, and each verdict from 2 seeds of 3."""
    from drift.lab.readings import readings

    def seed(k, drift_best, spin_best, spin_distance, drift_ratio, plain_gain):
        n = {"test": 20, "retention": 80, "towns": 12}
        run = lambda best, keep: {"test": [0.05, 0.05, best / 20, best / 20], "retention": [0.5, 0.5, 0.5, keep / 80]}  # noqa: E731
        start = lambda ratio, d: {"G": [ratio, ratio], "G_floor": [1.0, 1.0], "distance_token": [d, d]}  # noqa: E731
        runs = {"drift": run(drift_best, 40) | {"start": start(drift_ratio, -1.0)},
                "spin": run(spin_best, 30) | {"start": start(1.0, spin_distance)},
                "drift_unguided": run(drift_best - 1, 40), "drift_plain": run(drift_best, 40 + plain_gain)}
        return {"world": "fair", "seed": k, "lrs": ["3e-5"], "data": {"held_out": n}, "runs": {"3e-5": runs},
                "matched_gold": {"3e-5": {"levels": []}}}

    out = readings([seed(0, 8, 5, -8.0, 10.0, 5), seed(1, 8, 6, -7.0, 9.0, 1), seed(2, 5, 7, -6.0, 1.5, 0)])
    v, per = out["by_lr"]["3e-5"]["verdicts"], out["by_lr"]["3e-5"]["per_seed"]
    assert [p["C1"]["spin"]["margin"] for p in per] == [3, 2, -2]
    assert v["C1 spin"] == "confirm" and v["C2"] == "not testable" and v["C2'"] == "confirm"
    assert v["F opening"] == "not the opening" and v["C3"] == "cannot tell"
    assert [p["guided_minus_unguided_best"] for p in per] == [1, 1, 1]
    out = readings([seed(0, 4, 8, 0.05, 1.0, 0)] * 2 + [seed(2, 8, 5, -6.0, 5.0, 0)])
    v = out["by_lr"]["3e-5"]["verdicts"]
    assert v["C1 spin"] == "refute" and v["C2"] == "confirm" and v["C2'"] == "refute"
