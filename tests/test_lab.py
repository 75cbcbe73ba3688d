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
    That the world pins its own thread count (another outer count, the same lab.json) is the fair
    world's test: the same pin, and one run of each world is enough for the suite."""
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
def test_the_fair_world_runs_as_registered_and_its_numbers_do_not_depend_on_the_outer_thread_count(tmp_path):
    """--quick end to end twice, the second with another thread count outside: the same lab.json.
    What the design promises and any processor keeps: off-policy negatives (no rejected reply in
    a wording the policy was taught), over a hundred distinct DSAT prompts, test and retention
    towns that no training file mentions, every measure a fraction (or a count) of its set, and
    one shared base and warm start for both arms."""
    from drift.lab import fair

    results = []
    for name, threads in (("a", None), ("b", "1")):
        out = tmp_path / name
        env = os.environ | {"PYTHONPATH": str(ROOT)} | ({"OMP_NUM_THREADS": threads} if threads else {})
        proc = subprocess.run([sys.executable, "-m", "drift.lab", "fair", "--quick", "--out", str(out)], cwd=ROOT,
                              capture_output=True, text=True, env=env)
        assert proc.returncode == 0, proc.stderr[-3000:]
        results.append(json.loads((out / "lab.json").read_text()))
    a, b = ({k: v for k, v in r.items() if k != "seconds"} for r in results)
    assert a == b
    out, result = tmp_path / "a", results[0]
    world = json.loads((out / "world.json").read_text())
    data = out / "data"
    rows = {k: [json.loads(x) for x in (data / f"{k}.jsonl").read_text().splitlines()] for k in ("dsat", "sat", "seed")}
    assert result["data"]["dsat"] == len(rows["dsat"]) == result["data"]["distinct_dsat_prompts"] >= 100
    policy_words = [w.split("{")[0] for w in fair.POLICY_WORDS if not w.startswith("{")]
    for row in rows["dsat"]:
        y = row["rejected"][0]["content"]
        assert not any(y.startswith(w) for w in policy_words) and fair.gold_of(world, row["prompt"][0]["content"], y) == 0
    held_towns = {f["town"] for f in world["facts"] if f["group"] == "test"}
    training_text = json.dumps(rows)
    assert not any(re.search(rf"\b{t}\b", training_text) for t in held_towns)
    for m in result["methods"].values():
        assert not m["stopped"] and len(m["test"]) == result["iterations"] + 2
        assert all(0 <= v <= 1 for key in ("test", "retention", "test_sampled") for v in m[key])
        assert all(0 <= v <= 16 for v in m["distinct_valid_towns"])
        assert all(v is not None and v >= 0 for v in m["end_var_s"] + m["end_norm_mean_grad"])
    drift_, iterdpo = result["methods"]["drift"], result["methods"]["iterdpo"]
    for key in ("test", "retention", "test_sampled", "distinct_valid_towns"):
        assert drift_[key][:2] == iterdpo[key][:2], key  # base and warm: one shared warm start
