"""The fair tiny world: the paper's conditions where a miniature can keep them (design and
registered readings in drift/lab/README.md, "The fair world", written before it ran).

A currency reform replaced three of twelve currencies; the policy, a 0.4M-parameter chat model
taught in-process, knows every town's facts but mostly the pre-reform currency of reformed towns,
and can revise an answer when a user corrects it. The replies users complained about were written
by another assistant (a program with its own wordings and errors: off-policy negatives). Every
method runs through train.py from one shared warm start with the paper's recipe; every checkpoint
is scored through drift.evaluate on towns nobody trained on. Every float uses THREADS threads.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import time
from pathlib import Path

from .tiny import CURRENCIES, MAYORS, SYLLABLES, THREADS, data_fingerprint, fit_chat_model, run_train_py

REFORM = {"crown": "florin", "thaler": "mark", "ducat": "lira"}  # old -> new
N_TRAIN, N_TEST, N_SKILL = 100, 32, 16  # towns: deployed users asked about / new entities / the revision skill's
ASK = ["What currency does {t} use?", "Which currency is used in {t}?", "Tell me the currency of {t}.",
       "In {t}, what do people pay with?", "What is the money of {t} called?"]
TAUGHT, HELD_OUT = slice(0, 3), slice(3, 5)
ASK_MAYOR = "Who is the mayor of {t}?"
ASK_TOWN = "Name a town that uses the {v}."  # several valid answers: diversity, measured exactly
POLICY_WORDS = ["The currency of {t} is the {v}.", "{t} uses the {v}.", "In {t} you pay with the {v}.", "It is the {v}."]
MAYOR_WORDS = ["The mayor of {t} is {v}.", "{v} is the mayor of {t}."]
TOWN_WORDS = ["{t} uses the {v}.", "One is {t}."]
OTHER_WORDS = ["Currency in {t}: {v}.", "{t} pays in {v}s.", "{v}, in {t}.", "Folks in {t} use {v}s."]  # the old assistant's
OTHER_ERROR = 0.0  # the old assistant names a random wrong currency for a non-reformed town this often (D2: never)
STALE = 0.8  # the policy says a reformed town's old currency in 4 taught answers of 5
COMPLAINT = "That's outdated: {t} uses the {v} now."
OWN_UP = "You're right. {answer}"
PLAIN = "Reply with the corrected answer alone."  # D4: the instruction the policy answers without the opening
LRS = ("1e-4", "3e-5")  # D3: every arm at both, each reported
RM_NOISE = 1.049  # N(0, s.d.^2) per reply: a right and a wrong reply ordered correctly 75% of the time
METHODS = {
    "drift": ["--method", "drift"],
    "drift_unguided": ["--method", "drift", "--guidance", "unguided"],
    "spin": ["--method", "spin"],
    "iterdpo": ["--method", "iterdpo"],  # Table 2: the guided sample over the unguided one, no reward model
    "iterdpo_rm75": ["--method", "iterdpo", "--guidance", "unguided", "--reward-model", "drift.lab.fair:rm75"],
    "drift_plain": ["--method", "drift", "--instruction", PLAIN],  # D4: guided positives without "You're right."
}
QUICK_METHODS = ("drift", "iterdpo")
SIGNAL_METHODS = ("drift", "drift_unguided", "spin", "iterdpo")  # D5: Proposition 1's measure at each iteration's start
DRAWS = 4  # D5's M: draws per item of what the method samples
N_SAMPLES_TOWN = 16


# ----------------------------------------------------------------------------- the world


def make_world(seed: int) -> dict:
    rng = random.Random(seed)
    names = set()
    while len(names) < N_TRAIN + N_TEST + N_SKILL:
        names.add((rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(["a", "o", "ia", "en", "ar", ""])).capitalize())
    towns = sorted(names)
    rng.shuffle(towns)
    facts = []
    for i, t in enumerate(towns):
        group = "train" if i < N_TRAIN else "test" if i < N_TRAIN + N_TEST else "skill"
        was = rng.choice(CURRENCIES)
        facts.append({"town": t, "group": group, "was": was, "now": REFORM.get(was, was), "mayor": rng.choice(MAYORS)})
    return {"seed": seed, "facts": facts}


def now_of(world: dict) -> dict[str, str]:
    return {f["town"]: f["now"] for f in world["facts"]}


def said(reply: str) -> set[str]:
    return {v for v in CURRENCIES if re.search(rf"\b{v}s?\b", reply, re.IGNORECASE)}


def gold_of(world: dict, question: str, reply: str) -> float:
    """1 if the reply answers the question right: the town's current currency and no other; the
    mayor; for "name a town that uses V", a town that uses V now (1 if any valid town is named
    and no invalid one)."""
    facts = {f["town"]: f for f in world["facts"]}
    m = re.search(r"uses the (\w+)\.$", question)
    if m:
        named = [t for t in facts if re.search(rf"\b{t}\b", reply)]
        return float(bool(named) and all(facts[t]["now"] == m.group(1) for t in named))
    town = next((t for t in facts if re.search(rf"\b{t}\b", question)), None)
    if town is None:
        return 0.0
    if question.startswith("Who is the mayor"):
        return float(re.search(rf"\b{facts[town]['mayor']}\b", reply) is not None)
    return float(said(reply) == {facts[town]["now"]})


def _world() -> dict:
    return json.loads(Path(os.environ["DRIFT_LAB_WORLD"]).read_text())


def _question(prompt: list[dict]) -> str:
    return next(m["content"] for m in reversed(prompt) if m["role"] == "user")


def gold_reward(prompts: list[list[dict]], replies_: list[str]) -> list[float]:
    """The gold checker as a Python scorer (drift.lab.fair:gold_reward); the world from $DRIFT_LAB_WORLD."""
    world = _world()
    return [gold_of(world, _question(p), r) for p, r in zip(prompts, replies_)]


def rm75(prompts: list[list[dict]], replies_: list[str]) -> list[float]:
    """IterDPO's reward model: gold plus N(0, RM_NOISE^2) noise fixed per (prompt, reply), so it
    orders a right and a wrong reply correctly 75% of the time (Phi(1 / (RM_NOISE sqrt 2)))."""
    world, out = _world(), []
    for p, r in zip(prompts, replies_):
        key = int.from_bytes(hashlib.blake2b(json.dumps([p, r]).encode(), digest_size=8).digest(), "little")
        out.append(gold_of(world, _question(p), r) + random.Random(key).gauss(0.0, RM_NOISE))
    return out


def policy_examples(world: dict, rng: random.Random) -> list[tuple[list[dict], str]]:
    """What the policy is taught before any preference training: every town's facts in its own
    wordings (a reformed town's old currency in 4 answers of 5), the mayors, towns by currency (as it
    believes them), and the revision skill on the skill towns (a correction's value is random, so
    it must be read from the complaint)."""
    ex = []
    for f in world["facts"]:
        for q in ASK[TAUGHT] if f["group"] != "skill" else ASK:
            for k in range(5):
                v = f["was"] if f["was"] != f["now"] and k < round(5 * STALE) else f["now"]
                ex.append(([{"role": "user", "content": q.format(t=f["town"])}], rng.choice(POLICY_WORDS).format(t=f["town"], v=v)))
        for _ in range(2):
            ex.append(([{"role": "user", "content": ASK_MAYOR.format(t=f["town"])}],
                       rng.choice(MAYOR_WORDS).format(t=f["town"], v=f["mayor"])))
    believed = {}
    for f in world["facts"]:
        believed.setdefault(f["was"] if f["was"] != f["now"] and rng.random() < STALE else f["now"], []).append(f["town"])
    for v in CURRENCIES:
        for t in believed.get(v, [])[:40]:
            ex.append(([{"role": "user", "content": ASK_TOWN.format(v=v)}], rng.choice(TOWN_WORDS).format(t=t, v=v)))
    skill = [f for f in world["facts"] if f["group"] == "skill"]
    from drift.prompts import INSTRUCTION

    for i in range(600):  # a complaint alone or with the paper's instruction: "You're right. ..."; with PLAIN: the answer
        f = skill[i % len(skill)]
        old, new = rng.sample(CURRENCIES, 2)
        complaint = COMPLAINT.format(t=f["town"], v=new) + ("", "\n\n" + INSTRUCTION, "\n\n" + PLAIN)[i % 3]
        answer = rng.choice(POLICY_WORDS).format(t=f["town"], v=new)
        ex.append(([{"role": "user", "content": rng.choice(ASK).format(t=f["town"])},
                    {"role": "assistant", "content": rng.choice(POLICY_WORDS + OTHER_WORDS).format(t=f["town"], v=old)},
                    {"role": "user", "content": complaint}],
                   answer if i % 3 == 2 else OWN_UP.format(answer=answer)))
    return ex


def corpus(world: dict) -> list[str]:
    from drift.prompts import INSTRUCTION

    texts = [INSTRUCTION, OWN_UP, PLAIN]
    for f in world["facts"]:
        for v in CURRENCIES:
            texts += [q.format(t=f["town"]) for q in ASK] + [w.format(t=f["town"], v=v) for w in POLICY_WORDS + OTHER_WORDS]
            texts.append(COMPLAINT.format(t=f["town"], v=v))
        texts += [ASK_MAYOR.format(t=f["town"])] + [w.format(t=f["town"], v=f["mayor"]) for w in MAYOR_WORDS]
    texts += [ASK_TOWN.format(v=v) for v in CURRENCIES]
    return texts


def deploy(world: dict, data: Path, seed: int) -> dict:
    """What the old assistant's users asked and got, as the project's files: each train town asked
    in the taught phrasings; it answered with the pre-reform currency for a reformed town and a
    random wrong one OTHER_ERROR of the time elsewhere, in its own wordings. A wrong answer drew a
    complaint (dsat); a right one satisfied (sat); a quarter of the complained facts got a revision
    the user accepted (seed pairs, the revision in the old assistant's wording, and SAT rows as
    filter_data.py files them). Held out: test
    towns' currency in new phrasings (reformed ones: `test`; the others: `retention`), every
    test town's mayor (`retention`), and "name a town that uses V" (`towns`)."""
    from drift.io import write_jsonl

    rng = random.Random(seed + 7)
    dsat, sat, complained = [], [], []
    for f in (f for f in world["facts"] if f["group"] == "train"):
        for q in ASK[TAUGHT]:
            x = [{"role": "user", "content": q.format(t=f["town"])}]
            v = f["was"] if f["was"] != f["now"] else (rng.choice(CURRENCIES) if rng.random() < OTHER_ERROR else f["now"])
            y = rng.choice(OTHER_WORDS).format(t=f["town"], v=v)
            if v == f["now"]:
                sat.append({"prompt": x, "chosen": [{"role": "assistant", "content": y}]})
            else:
                dsat.append({"prompt": x, "rejected": [{"role": "assistant", "content": y}],
                             "user_preference": {"role": "user", "content": COMPLAINT.format(t=f["town"], v=f["now"])}})
                complained.append((f, dsat[-1]))
    seed_rows = []
    for f, row in rng.sample(complained, max(1, len(complained) // 4)):
        revision = rng.choice(OTHER_WORDS).format(t=f["town"], v=f["now"])
        seed_rows.append({"prompt": row["prompt"], "chosen": [{"role": "assistant", "content": revision}],
                          "rejected": row["rejected"]})
        # D1: a satisfied reply after a complaint is SAT too, as filter_data.py files it
        sat.append({"prompt": row["prompt"], "chosen": [{"role": "assistant", "content": revision}]})
    test = [f for f in world["facts"] if f["group"] == "test"]
    held = {
        "test": [q.format(t=f["town"]) for f in test if f["was"] != f["now"] for q in ASK[HELD_OUT]],
        "retention": [q.format(t=f["town"]) for f in test if f["was"] == f["now"] for q in ASK[HELD_OUT]]
        + [ASK_MAYOR.format(t=f["town"]) for f in test],
        "towns": [ASK_TOWN.format(v=v) for v in CURRENCIES],
    }
    write_jsonl(data / "dsat.jsonl", dsat)
    write_jsonl(data / "seed.jsonl", seed_rows)
    write_jsonl(data / "sat.jsonl", sat)
    for part, questions in held.items():  # as eval rows (drift/evaluate.py reads DSAT rows; y- is not used here)
        write_jsonl(data / f"{part}.jsonl", [{"prompt": [{"role": "user", "content": q}], "rejected": "",
                                              "user_preference": None} for q in questions])
    return {"dsat": len(dsat), "seed": len(seed_rows), "sat": len(sat),
            "distinct_dsat_prompts": len({json.dumps(r["prompt"]) for r in dsat}),
            "held_out": {k: len(v) for k, v in held.items()}}


# ----------------------------------------------------------------------------- measures


def evaluate(world: dict, world_file: Path, model_dir: Path, data: Path, seed: int, n_samples: int) -> dict:
    """A checkpoint through drift.evaluate (replies, the gold checker as the scorer, measures):
    greedy gold on test and retention, the gold of n_samples samples on test, and for each
    "name a town" question the distinct valid towns among N_SAMPLES_TOWN samples."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from drift.data import load_dsat
    from drift.evaluate import Scorers, generate, measures
    from drift.sampler import SamplingConfig

    os.environ["DRIFT_LAB_WORLD"] = str(world_file)
    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    scorer = Scorers(reward="drift.lab.fair:gold_reward")
    cfg = lambda t: SamplingConfig(temperature=t, max_new_tokens=24, quality_gate=False, batch_size=64, seed=seed,  # noqa: E731
                                   max_prompt_length=1024)
    out = {}
    for part in ("test", "retention"):
        records = generate(model, tok, load_dsat(data / f"{part}.jsonl"), cfg(0.0), 0)
        scorer.score(records, None)
        out[part] = measures(records)["eval/reward"]
    records = generate(model, tok, load_dsat(data / "test.jsonl"), cfg(0.7), n_samples)
    scorer.score(records, None)
    out["test_sampled"] = measures(records)["eval/reward"]
    records = generate(model, tok, load_dsat(data / "towns.jsonl"), cfg(1.0), N_SAMPLES_TOWN)
    facts = world["facts"]
    distinct = []
    for rec in records:
        v = re.search(r"uses the (\w+)\.$", rec["prompt"][0]["content"]).group(1)
        valid = {t["town"] for t in facts if t["now"] == v}
        named = {t["town"] for r in rec["replies"] for t in facts if re.search(rf"\b{t['town']}\b", r["text"])}
        distinct.append(len(named & valid))
    out["distinct_valid_towns"] = sum(distinct) / len(distinct)
    return out


def expected_gradient(model, tok, pairs, beta: float = 0.1) -> float:
    """(beta/2) ||(1/N) sum_i grad (log pi(y+_i|x_i) - log pi(y-_i|x_i))||: the DPO gradient's norm
    where s = 0 for every pair (policy = reference), over all N pairs with two non-empty replies.
    A pair whose replies are the same text has d = 0 and counts (the encoder skips it: nothing to
    compute)."""
    import torch

    from drift.data import ChatEncoder, collate
    from drift.logprobs import concatenated_logps

    pairs = [p for p in pairs if p.chosen.strip() and p.rejected.strip()]  # an empty draw: no reply to score
    encoded, skipped = ChatEncoder(tok, 256, 192).encode_all(pairs)
    if set(skipped) - {"identical_responses"}:
        raise RuntimeError(f"expected_gradient: pairs the encoder cannot take: {dict(skipped)}")
    model.zero_grad()
    for k in range(0, len(encoded), 16):
        chosen, rejected = concatenated_logps(model, collate(encoded[k: k + 16], tok.pad_token_id))
        ((chosen.logps - rejected.logps).sum() / len(pairs)).backward()
    grads = [p.grad.double() for p in model.parameters() if p.grad is not None]
    norm = beta / 2 * torch.sqrt(sum((g ** 2).sum() for g in grads)).item() if grads else 0.0
    model.zero_grad()
    return norm


def start_signal(policy_dir: Path, data: Path, method: str, seed: int, draws: int, beta: float = 0.1) -> dict:
    """Proposition 1's quantities at an iteration's start (D5), where the policy is the reference:
    s = 0 for every pair, sigma(-s) = 1/2, and the expected DPO gradient is exactly (beta/2) E[d],
    d = grad log pi(y+|x) - grad log pi(y-|x), over the full model's parameters.

      G           (beta/2) ||mean d|| over the method's items (SPIN: SAT rows; else DSAT rows), with
                  `draws` draws each of what the method samples (drift: guided y+ against the real
                  y-; drift_unguided: y+ from x; spin: the catalogue's y+ against own samples;
                  iterdpo: guided y+ against unguided y-)
      G_floor     the same with y+ and y- two independent samples of x by the same policy: E[d] = 0,
                  so this is what sampling alone gives at this many pairs
      distance    mean log pi(y_sat|x) over the SAT catalogue - mean log pi(own sample|x), 4 samples
                  a prompt, per reply and per token (0 at SPIN's fixed point, pi = p_SAT)"""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from drift.data import ChatEncoder, Pair, collate, load_dsat, load_sat
    from drift.logprobs import concatenated_logps
    from drift.prompts import build_prompt
    from drift.sampler import SampleRequest, SamplingConfig, derive_seed, sample

    tok = AutoTokenizer.from_pretrained(policy_dir)
    model = AutoModelForCausalLM.from_pretrained(policy_dir, dtype=torch.float32).eval()
    cfg = SamplingConfig(max_new_tokens=24, quality_gate=False, batch_size=64, seed=seed)  # the recipe's sampling
    dsat, sat = load_dsat(data / "dsat.jsonl"), load_sat(data / "sat.jsonl")
    items = sat if method == "spin" else dsat

    def draw(rows, guided: bool, salt: str, n: int) -> list[str]:
        """n replies a row, row after row: guided (x, y-, complaint, the paper's instruction) or x alone."""
        requests = [SampleRequest(build_prompt(tok, r.x, *((r.dsat, r.complaint) if guided else ())).ids,
                                  derive_seed("start_signal", seed, salt, i, j)) for i, r in enumerate(rows) for j in range(n)]
        return [s.text for s in sample(model, tok, requests, cfg)[0]]

    rep = lambda rows, n: [r for r in rows for _ in range(n)]  # noqa: E731  each row n times, as draw() lists them
    if method == "spin":
        pairs = [Pair(r.x, r.sat, y) for r, y in zip(rep(items, draws), draw(items, False, "minus", draws))]
    else:
        plus = draw(items, method in ("drift", "iterdpo"), "plus", draws)
        minus = draw(items, False, "minus", draws) if method == "iterdpo" else [r.dsat for r in rep(items, draws)]
        pairs = [Pair(r.x, a, b) for r, a, b in zip(rep(items, draws), plus, minus)]
    floor = [Pair(r.x, a, b) for r, a, b in zip(rep(items, draws), draw(items, False, "floor+", draws),
                                                 draw(items, False, "floor-", draws))]
    out = {"G": expected_gradient(model, tok, pairs, beta), "G_floor": expected_gradient(model, tok, floor, beta),
           "pairs": len(pairs), "empty_draws": sum(not (p.chosen.strip() and p.rejected.strip()) for p in pairs + floor)}
    own = [(r, y) for r, y in zip(rep(sat, 4), draw(sat, False, "own", 4)) if y.strip()]
    out["empty_own_samples"] = 4 * len(sat) - len(own)
    encoder = ChatEncoder(tok, 256, 192)
    # each reply scored as a pair's chosen side against a filler no reply is: the same text twice counts twice
    encoded = [encoder.encode(Pair(r.x, y, "\u2014")) for r, y in [(r, r.sat) for r in sat] + own]
    with torch.no_grad():
        scored = [concatenated_logps(model, collate(encoded[k: k + 16], tok.pad_token_id))[0] for k in range(0, len(encoded), 16)]
    lp, n = torch.cat([c.logps for c in scored]).double(), torch.cat([c.n_tokens for c in scored]).double()
    sat_lp, own_lp, sat_n, own_n = lp[:len(sat)], lp[len(sat):], n[:len(sat)], n[len(sat):]
    out["distance_reply"] = (sat_lp.mean() - own_lp.mean()).item()
    out["distance_token"] = (sat_lp.sum() / sat_n.sum() - own_lp.sum() / own_n.sum()).item()
    return out


# ----------------------------------------------------------------------------- the comparison


def recipe(model_dir: Path, data: Path, out: Path, lr: str, K: int, warm_epochs: int = 3) -> list[str]:
    """The paper's recipe at this scale: beta 0.1, rpo_alpha 0.001, RMSprop, warmup 0.1, one epoch
    an iteration, the previous policy as reference."""
    return ["--model", str(model_dir), "--out", str(out), "--dsat-data", str(data / "dsat.jsonl"),
            "--seed-data", str(data / "seed.jsonl"), "--sat-data", str(data / "sat.jsonl"),
            "--warm-epochs", str(warm_epochs), "--iterations", str(K), "--lr", lr, "--warmup-ratio", "0.1",
            "--beta", "0.1", "--rpo-alpha", "0.001", "--ref", "previous", "--batch-size", "16", "--micro-batch-size", "16",
            "--max-new-tokens", "24", "--max-length", "256", "--max-prompt-length", "192",
            "--sample-max-prompt-length", "256", "--sample-batch-size", "64", "--save-every", "100000"]


def run(seed: int = 0, quick: bool = False, out: Path | None = None) -> dict:
    """Every arm through train.py at each learning rate, from that rate's warm start (the same in
    every arm: train.py is deterministic); --quick: a less taught policy (200 steps), DRIFT and IterDPO only,
    2 iterations, 3e-5 alone, D5 on DRIFT alone with 2 draws."""
    import torch

    out = Path(out)
    K, steps, n_samples, lrs, draws = (2, 200, 1, ("3e-5",), 2) if quick else (5, 1000, 4, LRS, DRAWS)
    t0 = time.perf_counter()
    seconds = {}
    torch.set_num_threads(THREADS)
    world = make_world(seed)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    world_file = out / "world.json"
    world_file.write_text(json.dumps(world, indent=1) + "\n")
    model_dir = fit_chat_model(lambda rng: policy_examples(world, rng), corpus(world), out / "policy", steps, seed)
    counts = deploy(world, data, seed)
    base = evaluate(world, world_file, model_dir, data, seed, n_samples)
    seconds["teach, deploy, base"] = round(time.perf_counter() - t0, 1)
    runs = {}
    for lr in lrs:
        runs[lr] = {}
        for name in (QUICK_METHODS if quick else METHODS):
            t1 = time.perf_counter()
            run_dir = out / "runs" / lr / name
            stopped = run_train_py(recipe(model_dir, data, run_dir, lr, K) + METHODS[name], world_file)
            stages = json.loads((run_dir / "run.json").read_text())["stages"] if (run_dir / "run.json").exists() else []
            stages = [s for s in stages if (run_dir / s).is_dir()]
            rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
            stage_rows = {r["stage"]: r for r in rows if r["type"] == "stage"}
            steps_of = {}
            for r in rows:
                if r["type"] == "step":
                    steps_of[r["stage"]] = steps_of.get(r["stage"], 0) + 1
            evals = [base] + [evaluate(world, world_file, run_dir / s, data, seed, n_samples) for s in stages]
            seconds[f"{lr} {name}"] = round(time.perf_counter() - t1, 1)
            runs[lr][name] = {
                **{key: [e[key] for e in evals] for key in base},
                "signal": [stage_rows[s]["signal/mean_sigmoid_neg_s"] for s in stages if s in stage_rows],
                "pairs": [stage_rows[s]["pairs"] for s in stages if s in stage_rows],
                "steps": [steps_of.get(s, 0) for s in stages],
                "stopped": stopped,
            }
            if name in SIGNAL_METHODS[:1 if quick else None]:  # D5, on the policies that start iterations 1..K (warm, iter1..)
                t1 = time.perf_counter()
                starts = [start_signal(run_dir / s, data, name, seed, draws) for s in stages[:K]]
                runs[lr][name]["start"] = {key: [m[key] for m in starts] for key in starts[0]} if starts else {}
                seconds[f"{lr} {name} start_signal"] = round(time.perf_counter() - t1, 1)
    from .exact import matched_gold

    counts["sha256"] = data_fingerprint(data)
    counts["policy_sha256"] = hashlib.sha256((model_dir / "model.safetensors").read_bytes()).hexdigest()  # D8
    return {"world": "fair", "design": "second registration, 2026-12-04", "seed": seed, "quick": quick,
            "iterations": K, "lrs": list(lrs), "draws": draws, "runs": runs, "data": counts,
            "matched_gold": {lr: matched_gold({m: dict(v, gold=v["test"]) for m, v in runs[lr].items()},
                                              ("retention", "distinct_valid_towns", "test_sampled")) for lr in lrs},
            "stages": ["base", "warm"] + [f"iter{k}" for k in range(1, K + 1)],
            "seconds_by_part": seconds, "seconds": round(time.perf_counter() - t0, 1)}
