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
OTHER_ERROR = 0.3  # the old assistant names a random wrong currency for a non-reformed town this often
STALE = 0.8  # the policy says a reformed town's old currency in 4 taught answers of 5
COMPLAINT = "That's outdated: {t} uses the {v} now."
OWN_UP = "You're right. {answer}"
LRS = ("1e-4", "3e-5", "1e-5")  # the learning rate rule's candidates, largest first
RETENTION_KEEP = 0.95  # ... the largest whose warm start keeps retention at this share of the base model's or more
RM_NOISE = 1.049  # N(0, s.d.^2) per reply: a right and a wrong reply ordered correctly 75% of the time
METHODS = {
    "drift": ["--method", "drift"],
    "drift_unguided": ["--method", "drift", "--guidance", "unguided"],
    "spin": ["--method", "spin"],
    "iterdpo": ["--method", "iterdpo"],  # Table 2: the guided sample over the unguided one, no reward model
    "iterdpo_rm75": ["--method", "iterdpo", "--guidance", "unguided", "--reward-model", "drift.lab.fair:rm75"],
}
QUICK_METHODS = ("drift", "iterdpo")
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

    for i in range(400):
        f = skill[i % len(skill)]
        old, new = rng.sample(CURRENCIES, 2)
        complaint = COMPLAINT.format(t=f["town"], v=new) + ("\n\n" + INSTRUCTION if i % 2 else "")
        ex.append(([{"role": "user", "content": rng.choice(ASK).format(t=f["town"])},
                    {"role": "assistant", "content": rng.choice(POLICY_WORDS + OTHER_WORDS).format(t=f["town"], v=old)},
                    {"role": "user", "content": complaint}],
                   OWN_UP.format(answer=rng.choice(POLICY_WORDS).format(t=f["town"], v=new))))
    return ex


def corpus(world: dict) -> list[str]:
    from drift.prompts import INSTRUCTION

    texts = [INSTRUCTION, OWN_UP]
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
    the user accepted (seed pairs, the revision in the old assistant's wording). Held out: test
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


def pair_measures(policy_dir: Path, ref_dir: Path, pairs_path: Path, beta: float = 0.1) -> dict:
    """Proposition 1's quantities over an iteration's pairs at its end (the policy it ended with
    against the reference it started from): the mean of sigmoid(-s), Var(s) and the norm of the
    mean DPO gradient (1/N) sum grad l_i, on the real model."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from drift.data import ChatEncoder, collate, load_pairs
    from drift.logprobs import concatenated_logps
    from drift.loss import dpo_loss, signal_weight

    tok = AutoTokenizer.from_pretrained(policy_dir)
    policy = AutoModelForCausalLM.from_pretrained(policy_dir, dtype=torch.float32)
    ref = AutoModelForCausalLM.from_pretrained(ref_dir, dtype=torch.float32).eval()
    for m in (policy, ref):
        for module in m.modules():
            if isinstance(module, torch.nn.Dropout):
                module.p = 0.0
    encoded, _ = ChatEncoder(tok, 256, 192).encode_all(load_pairs(pairs_path))
    if not encoded:
        return {}
    pad = tok.pad_token_id
    s_all, weights = [], []
    policy.zero_grad()
    for k in range(0, len(encoded), 16):
        batch = collate(encoded[k: k + 16], pad)
        with torch.no_grad():
            rc, rr = concatenated_logps(ref, batch)
        pc, pr = concatenated_logps(policy, batch)
        losses, chosen_r, rejected_r = dpo_loss(pc.logps, pr.logps, rc.logps, rr.logps, beta=beta)[:3]
        (losses.sum() / len(encoded)).backward()
        s_all.append((chosen_r - rejected_r).detach().double())
        weights.append(signal_weight(chosen_r.detach().double(), rejected_r.detach().double()))
    grad = torch.sqrt(sum((p.grad ** 2).sum() for p in policy.parameters() if p.grad is not None)).item()
    s = torch.cat(s_all)
    return {"mean_sigmoid_neg_s": torch.cat(weights).mean().item(), "var_s": s.var(unbiased=False).item(),
            "norm_mean_grad": grad, "pairs": len(s)}


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


def choose_lr(model_dir: Path, data: Path, out: Path, world: dict, world_file: Path, seed: int, base: dict) -> tuple[str, dict]:
    """The rule stated before the runs: the largest of LRS whose shared warm start keeps greedy
    retention at RETENTION_KEEP of the base model's or more (the smallest if none does)."""
    tried = {}
    for lr in LRS:
        folder = out / "lr" / lr
        stopped = run_train_py(recipe(model_dir, data, folder, lr, 0), world_file)
        if stopped:
            raise RuntimeError(f"the warm start at lr {lr} failed: {stopped}")
        tried[lr] = evaluate(world, world_file, folder / "warm", data, seed, 1)["retention"]
        if tried[lr] >= RETENTION_KEEP * base["retention"]:
            return lr, tried
    return LRS[-1], tried


def run(seed: int = 0, quick: bool = False, out: Path | None = None) -> dict:
    """Every arm through train.py from the shared warm start; --quick: a less taught policy, DRIFT
    and IterDPO only, 2 iterations, the learning rate rule skipped (3e-5)."""
    import torch

    out = Path(out)
    K, steps, n_samples = (2, 400, 1) if quick else (5, 1000, 4)
    t0 = time.perf_counter()
    torch.set_num_threads(THREADS)
    world = make_world(seed)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    world_file = out / "world.json"
    world_file.write_text(json.dumps(world, indent=1) + "\n")
    model_dir = fit_chat_model(lambda rng: policy_examples(world, rng), corpus(world), out / "policy", steps, seed)
    counts = deploy(world, data, seed)
    base = evaluate(world, world_file, model_dir, data, seed, n_samples)
    lr, tried = ("3e-5", {}) if quick else choose_lr(model_dir, data, out, world, world_file, seed, base)
    methods = {}
    for name in (QUICK_METHODS if quick else METHODS):
        run_dir = out / "runs" / name
        stopped = run_train_py(recipe(model_dir, data, run_dir, lr, K) + METHODS[name], world_file)
        stages = json.loads((run_dir / "run.json").read_text())["stages"] if (run_dir / "run.json").exists() else []
        stages = [s for s in stages if (run_dir / s).is_dir()]
        rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
        stage_rows = {r["stage"]: r for r in rows if r["type"] == "stage"}
        evals = [base] + [evaluate(world, world_file, run_dir / s, data, seed, n_samples) for s in stages]
        pairs = [pair_measures(run_dir / s, run_dir / p, run_dir / "pairs" / f"{s}.jsonl")
                 for p, s in zip(stages, stages[1:])]
        methods[name] = {
            **{key: [e[key] for e in evals] for key in base},
            "signal": [stage_rows[s]["signal/mean_sigmoid_neg_s"] for s in stages if s in stage_rows],
            **{f"end_{key}": [p.get(key) for p in pairs] for key in ("mean_sigmoid_neg_s", "var_s", "norm_mean_grad")},
            "pairs": [stage_rows[s]["pairs"] for s in stages if s in stage_rows],
            "stopped": stopped,
        }
    from .exact import matched_gold

    counts["sha256"] = data_fingerprint(data)
    return {"world": "fair", "seed": seed, "quick": quick, "iterations": K, "lr": lr, "lr_rule": tried,
            "methods": methods, "data": counts,
            "matched_gold": matched_gold({m: dict(v, gold=v["test"]) for m, v in methods.items()},
                                         ("retention", "distinct_valid_towns", "test_sampled")),
            "stages": ["base", "warm"] + [f"iter{k}" for k in range(1, K + 1)],
            "seconds": round(time.perf_counter() - t0, 1)}
