"""The tiny-model world: a deployed chat model that holds stale facts, through the real pipeline.

36 fictional towns, each with a currency and a mayor; a 0.4M-parameter chat model taught
in-process holds a stale value for one fact of each of 24 towns; the deployment's DSAT, SAT and
seed rows are what its users got; every method runs through train.py from one warm start; every
checkpoint is scored with a gold checker on held-out questions. Every float is computed with
THREADS threads. The design, with every choice and its reason, and the results:
drift/lab/README.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
CURRENCIES = ["crown", "florin", "thaler", "ducat", "mark", "lira", "dinar", "guilder", "shilling", "real", "peso", "rand"]
MAYORS = ["Ilsa", "Marek", "Tova", "Rune", "Odile", "Kasper", "Nell", "Bastian", "Yara", "Emil", "Sabine", "Lorcan"]
VALUES = {"currency": CURRENCIES, "mayor": MAYORS}
ASK = {  # taught phrasings (the first three) and held-out ones (the last two)
    "currency": ["What currency does {t} use?", "Which currency is used in {t}?", "Tell me the currency of {t}.",
                 "In {t}, what do people pay with?", "What is the money of {t} called?"],
    "mayor": ["Who is the mayor of {t}?", "Who runs {t} as mayor?", "Name the mayor of {t}.",
              "Who leads the town of {t}?", "Who is the mayor in {t} these days?"],
}
TAUGHT, HELD_OUT = slice(0, 3), slice(3, 5)
ANSWERS = {  # an answer comes in any of four wordings, as a chat model's do
    "currency": ["The currency of {t} is the {v}.", "{t} uses the {v}.", "In {t} you pay with the {v}.", "It is the {v}."],
    "mayor": ["The mayor of {t} is {v}.", "{v} is the mayor of {t}.", "{t} is run by {v}.", "It is {v}."],
}
STALE_BELIEF = 0.8  # the deployed model says a stale fact's old value in 4 answers of 5 it was taught
REVISIONS = 480  # correction conversations taught
COMPLAINT = {"currency": "That's outdated: {t} switched to the {v} last year.",
             "mayor": "That's wrong: {v} is the mayor of {t} now."}
REVISIONS_WORDING = {"own-up": "You're right. {answer}", "bare": "{answer}"}  # how a revision restates the fact
SYLLABLES = ["vel", "mor", "dun", "kar", "bri", "sta", "lin", "tor", "ask", "ren", "ola", "fen", "gar", "hol", "ith", "nar"]
METHODS = {"drift": ["--method", "drift"], "drift_unguided": ["--method", "drift", "--guidance", "unguided"],
           "spin": ["--method", "spin"],
           "iterdpo": ["--method", "iterdpo", "--guidance", "unguided", "--reward-model", "drift.lab.tiny:noisy_gold"]}
QUICK_METHODS = ("drift", "iterdpo")
RM_NOISE = 0.3
LR = "3e-5"
# every float in this world (the taught model, its samples, train.py) is computed with this many
# threads: 1 and 2 threads sum in other orders and give other weights, so the thread count is part
# of the world. The committed tables were made at 2, the 2-core machine's default.
THREADS = 2
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


# ----------------------------------------------------------------------------- the world


def make_world(seed: int, revision: str = "own-up") -> dict:
    rng = random.Random(seed)
    names = set()
    while len(names) < 36:
        names.add((rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(["a", "o", "ia", "en", ""])).capitalize())
    towns = sorted(names)
    rng.shuffle(towns)
    facts = []
    for i, t in enumerate(towns):
        deployed = i < 24
        stale_attr = rng.choice(["currency", "mayor"]) if deployed else None
        for attr in ("currency", "mayor"):
            now = rng.choice(VALUES[attr])
            old = rng.choice([v for v in VALUES[attr] if v != now]) if attr == stale_attr else None
            facts.append({"town": t, "attr": attr, "now": now, "old": old,
                          "group": ("stale" if old else "untouched") if deployed else "skill"})
    return {"seed": seed, "towns": towns, "facts": facts, "revision": REVISIONS_WORDING[revision]}


def gold(fact: dict, reply: str) -> float:
    """1 if the reply names the fact's current value and no other value of its kind, else 0."""
    said = {v for v in VALUES[fact["attr"]] if re.search(rf"\b{re.escape(v)}\b", reply, re.IGNORECASE)}
    return 1.0 if said == {fact["now"]} else 0.0


def fact_of(world: dict, question: str) -> dict | None:
    """The fact a question asks about (its town and kind), read off the question's text."""
    attr = "currency" if re.search(r"currency|money|pay", question, re.IGNORECASE) else "mayor"
    for f in world["facts"]:
        if f["attr"] == attr and re.search(rf"\b{f['town']}\b", question):
            return f
    return None


def gold_reward(prompts: list[list[dict]], replies: list[str]) -> list[float]:
    """The gold checker as a reward model (--reward-model drift.lab.tiny:gold_reward, for
    python -m drift.explore): 1 or 0 per reply. It reads the world from $DRIFT_LAB_WORLD."""
    world = json.loads(Path(os.environ["DRIFT_LAB_WORLD"]).read_text())
    questions = [next(m["content"] for m in reversed(p) if m["role"] == "user") for p in prompts]
    return [gold(f, r) if (f := fact_of(world, q)) else 0.0 for q, r in zip(questions, replies)]


def noisy_gold(prompts: list[list[dict]], replies: list[str]) -> list[float]:
    """The IterDPO reward model of the lab (--reward-model drift.lab.tiny:noisy_gold): the gold
    checker plus Gaussian noise of s.d. 0.3, the same for the same (prompt, reply) so that it errs
    systematically, as a trained reward model does. It reads the world from $DRIFT_LAB_WORLD."""
    world = json.loads(Path(os.environ["DRIFT_LAB_WORLD"]).read_text())
    scores = []
    for prompt, reply in zip(prompts, replies):
        question = next(m["content"] for m in reversed(prompt) if m["role"] == "user")
        fact = fact_of(world, question)
        noise_seed = int.from_bytes(hashlib.blake2b(json.dumps([prompt, reply]).encode(), digest_size=8).digest(), "little")
        noise = random.Random(noise_seed).gauss(0.0, RM_NOISE)
        scores.append((gold(fact, reply) if fact else 0.0) + noise)
    return scores


def answer(f: dict, value: str, rng: random.Random) -> str:
    return rng.choice(ANSWERS[f["attr"]]).format(t=f["town"], v=value)


def teaching_examples(world: dict, rng: random.Random, n_revisions: int) -> list[tuple[list[dict], str]]:
    """(conversation, reply) pairs the deployed model is taught: each fact asked in its phrasings,
    four times each (a stale fact's old value in four of five answers, its new one in the fifth),
    and the correction skill on the correction towns."""
    from drift.prompts import INSTRUCTION

    examples = []
    for f in world["facts"]:
        phrasings = ASK[f["attr"]] if f["group"] == "skill" else ASK[f["attr"]][TAUGHT]
        for q in phrasings:
            for k in range(5):
                value = f["old"] if f["old"] and k < round(5 * STALE_BELIEF) else f["now"]
                examples.append(([{"role": "user", "content": q.format(t=f["town"])}], answer(f, value, rng)))
    skill = [f for f in world["facts"] if f["group"] == "skill"]
    for i in range(n_revisions):  # take a correction from the complaint: the value is random, so it must be read
        f = skill[i % len(skill)]
        old, new = rng.sample(VALUES[f["attr"]], 2)
        q = rng.choice(ASK[f["attr"]]).format(t=f["town"])
        complaint = COMPLAINT[f["attr"]].format(t=f["town"], v=new) + ("\n\n" + INSTRUCTION if i % 2 else "")
        examples.append(([{"role": "user", "content": q}, {"role": "assistant", "content": answer(f, old, rng)},
                          {"role": "user", "content": complaint}], world["revision"].format(answer=answer(f, new, rng))))
    return examples


def world_corpus(world: dict) -> list[str]:
    from drift.prompts import INSTRUCTION

    texts = [INSTRUCTION]
    for f in world["facts"]:
        for v in VALUES[f["attr"]]:
            texts += [q.format(t=f["town"]) for q in ASK[f["attr"]]]
            texts += [a.format(t=f["town"], v=v) for a in ANSWERS[f["attr"]]]
            texts += [COMPLAINT[f["attr"]].format(t=f["town"], v=v), world["revision"].format(answer="")]
    return texts


# ----------------------------------------------------------------------------- the deployed model


def teach(world: dict, folder: Path, steps: int, seed: int) -> Path:
    """Build the deployed model from a config, teach it its beliefs and the correction skill,
    save it as a Hugging Face folder."""
    return fit_chat_model(lambda rng: teaching_examples(world, rng, n_revisions=REVISIONS), world_corpus(world),
                          folder, steps, seed)


def fit_chat_model(examples, corpus: list[str], folder: Path, steps: int, seed: int) -> Path:
    """A 0.4M-parameter Qwen2 chat model with a BPE tokenizer trained on `corpus`, taught the
    (conversation, reply) pairs examples(rng) by plain next-token loss on the replies; saved as
    a Hugging Face folder."""
    import torch
    from transformers import AutoModelForCausalLM, GenerationConfig, Qwen2Config

    from drift.data import ChatEncoder
    from drift.tiny import CHATML_TEMPLATE, make_chat_tokenizer

    tok = make_chat_tokenizer(CHATML_TEMPLATE, eos="<|im_end|>", pad="<|endoftext|>", extra=["<|im_start|>"],
                              vocab_size=768, corpus=corpus)
    config = Qwen2Config(vocab_size=len(tok), hidden_size=96, intermediate_size=288, num_hidden_layers=3,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                         tie_word_embeddings=False, pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id,
                         bos_token_id=None)
    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    enc = ChatEncoder(tok)
    rng = random.Random(seed)
    rows = []
    for messages, reply in examples(rng):
        prompt = enc.encode_prompt(messages)
        rows.append((prompt, enc.encode_reply(messages, reply)))
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 50) * max(0.05, 1 - s / steps))
    model.train()
    g = torch.Generator().manual_seed(seed)
    for step in range(steps):
        idx = torch.randint(len(rows), (32,), generator=g).tolist()
        T = max(len(rows[i][0]) + len(rows[i][1]) for i in idx)
        ids = torch.full((32, T), tok.pad_token_id)  # (B, T)
        labels = torch.full((32, T), -100)  # (B, T): the reply's tokens only
        mask = torch.zeros((32, T), dtype=torch.long)
        for b, i in enumerate(idx):
            p, r = rows[i]
            ids[b, : len(p) + len(r)] = torch.tensor(p + r)
            labels[b, len(p): len(p) + len(r)] = torch.tensor(r)
            mask[b, : len(p) + len(r)] = 1
        loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
    model.eval()
    model.generation_config = GenerationConfig(eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    model.save_pretrained(folder)
    tok.save_pretrained(folder)
    return folder


def replies(model_dir: Path, conversations: list[list[dict]], n: int, temperature: float, seed: int) -> list[list[str]]:
    """n replies to each conversation from a saved model, through the project's sampler."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from drift.prompts import build_prompt
    from drift.sampler import SampleRequest, SamplingConfig, derive_seed, sample

    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    requests = [SampleRequest(build_prompt(tok, c).ids, derive_seed(seed, i, j))
                for i, c in enumerate(conversations) for j in range(n)]
    cfg = SamplingConfig(temperature=temperature, max_new_tokens=24, quality_gate=False, batch_size=64)
    out, _ = sample(model, tok, requests, cfg)
    return [[s.text for s in out[i * n:(i + 1) * n]] for i in range(len(conversations))]


def deploy(world: dict, model_dir: Path, data: Path, seed: int) -> dict:
    """What users asked and got, in the project's schemas: dsat, seed and sat rows, and the held-out set."""
    from drift.io import write_json, write_jsonl

    rng = random.Random(seed)
    asked = [(f, q.format(t=f["town"])) for f in world["facts"] if f["group"] != "skill" for q in ASK[f["attr"]][TAUGHT]]
    got = replies(model_dir, [[{"role": "user", "content": q}] for _, q in asked], 1, 0.7, seed)
    dsat, satisfied, complained = [], [], {}
    for (f, q), (y,) in zip(asked, got):
        x = [{"role": "user", "content": q}]
        if gold(f, y) == 1.0:
            satisfied.append({"prompt": x, "chosen": [{"role": "assistant", "content": y}]})
        else:
            complaint = COMPLAINT[f["attr"]].format(t=f["town"], v=f["now"])
            dsat.append({"prompt": x, "rejected": [{"role": "assistant", "content": y}],
                         "user_preference": {"role": "user", "content": complaint}})
            complained.setdefault((f["town"], f["attr"]), []).append(dsat[-1])
    # one stale fact in four got a revision the user accepted: the DSAT->SAT seed pairs
    keys = sorted(complained)
    revised = set(rng.sample(keys, max(1, len(keys) // 4)))
    threads = [(row, row["prompt"] + row["rejected"] + [row["user_preference"]]) for k in sorted(revised) for row in complained[k]]
    revisions = replies(model_dir, [t for _, t in threads], 1, 0.7, seed + 1)
    seed_rows = []
    for (row, thread), (y,) in zip(threads, revisions):
        f = fact_of(world, row["prompt"][0]["content"])
        if gold(f, y) == 1.0:
            seed_rows.append({"prompt": row["prompt"], "chosen": [{"role": "assistant", "content": y}],
                              "rejected": row["rejected"]})
            satisfied.append({"prompt": thread, "chosen": [{"role": "assistant", "content": y}]})
    rng.shuffle(satisfied)
    sat = satisfied[: max(1, len(dsat) // 2)]
    held_out = {"stale_new_words": [q.format(t=f["town"]) for f in world["facts"] if f["group"] == "stale"
                                    for q in ASK[f["attr"]][HELD_OUT]],
                "untouched": [ASK[f["attr"]][0].format(t=f["town"]) for f in world["facts"] if f["group"] == "untouched"]}
    write_jsonl(data / "dsat.jsonl", dsat)
    write_jsonl(data / "seed.jsonl", seed_rows)
    write_jsonl(data / "sat.jsonl", sat)
    write_json(data / "held_out.json", held_out)
    # the held-out stale questions as rows sample.py reads (python sample.py --samples, then drift.explore)
    write_jsonl(data / "held_out_stale.jsonl", [{"prompt": [{"role": "user", "content": q}]} for q in held_out["stale_new_words"]])
    return {"dsat": len(dsat), "seed": len(seed_rows), "sat": len(sat), "satisfied_at_deployment": len(satisfied),
            "held_out": {k: len(v) for k, v in held_out.items()}}


def data_fingerprint(data: Path) -> str:
    """One sha256 over the deployment's files: the same on two machines iff they built the same
    world (another processor or thread count teaches other weights, which sample other replies)."""
    h = hashlib.sha256()
    for name in ("dsat.jsonl", "seed.jsonl", "sat.jsonl"):
        h.update((data / name).read_bytes())
    return h.hexdigest()


# ----------------------------------------------------------------------------- evaluation


def evaluate(world_file: Path, model_dir: Path, held_out: dict, seed: int, n_samples: int = 4) -> dict:
    """A checkpoint on each part of the held-out set, through train.py's evaluation path
    (drift.evaluate: its replies, then the gold checker as a Python scorer, then its measures):
    one greedy reply a question, and n_samples at temperature 0.7."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from drift.data import Row
    from drift.evaluate import Scorers, generate, measures
    from drift.sampler import SamplingConfig

    os.environ["DRIFT_LAB_WORLD"] = str(world_file)  # what gold_reward reads
    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    gold_scorer = Scorers(reward="drift.lab.tiny:gold_reward")
    out = {}
    for part, questions in held_out.items():
        rows = [Row(x=[{"role": "user", "content": q}], dsat="") for q in questions]
        found = {}
        for name, n, temperature in (("greedy", 0, 0.0), ("sampled", n_samples, 0.7)):
            cfg = SamplingConfig(temperature=temperature, max_new_tokens=24, quality_gate=False, batch_size=64, seed=seed,
                                 max_prompt_length=1024)
            records = generate(model, tok, rows, cfg, n)
            gold_scorer.score(records, None)
            found[name] = measures(records)
        out[part] = {"greedy": found["greedy"]["eval/reward"], "sampled": found["sampled"]["eval/reward"],
                     "distinct1": found["sampled"].get("eval/distinct1_within", found["sampled"]["eval/distinct1"]),
                     "distinct2": found["sampled"].get("eval/distinct2_within", found["sampled"]["eval/distinct2"])}
    return out


# ----------------------------------------------------------------------------- the comparison


def train_method(name: str, model_dir: Path, data: Path, runs: Path, world_file: Path, K: int) -> tuple[Path, str | None]:
    """One method through train.py; (run folder, why it stopped early or None)."""
    out = runs / name
    flags = ["--model", str(model_dir), "--out", str(out),
             "--dsat-data", str(data / "dsat.jsonl"), "--seed-data", str(data / "seed.jsonl"), "--sat-data", str(data / "sat.jsonl"),
             "--warm-epochs", "3", "--iterations", str(K), "--lr", LR, "--warmup-ratio", "0", "--batch-size", "8",
             "--micro-batch-size", "8", "--max-new-tokens", "24", "--max-length", "256", "--max-prompt-length", "192",
             "--sample-max-prompt-length", "256", "--sample-batch-size", "64", "--save-every", "1000", *METHODS[name]]
    return out, run_train_py(flags, world_file)


def run_train_py(flags: list[str], world_file: Path) -> str | None:
    """train.py with these flags, in a child process with THREADS threads and the world in
    $DRIFT_LAB_WORLD (for the lab's scorers); None, or why it stopped early."""
    env = dict(os.environ, DRIFT_LAB_WORLD=str(world_file), TQDM_DISABLE="1",
               PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    for key in THREAD_VARIABLES:  # every thread pool a BLAS may read, not only OpenMP's: the world's own count
        env[key] = str(THREADS)
    for key in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT"):
        env.pop(key, None)
    proc = subprocess.run([sys.executable, str(REPO / "train.py"), *flags], cwd=REPO, env=env, capture_output=True,
                          text=True)
    if proc.returncode != 0:  # e.g. an iteration with no usable pair: the method stops there
        return proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
    return None


def run(seed: int = 0, quick: bool = False, out: Path | None = None, revision: str = "own-up") -> dict:
    """Every method through train.py; --quick: a less taught model, DRIFT and IterDPO only, 2
    iterations, 1 sample per held-out question (what the test suite runs, in about a minute)."""
    import torch

    out = Path(out)
    K, steps, n_samples = (2, 250, 1) if quick else (5, 800, 4)
    t0 = time.perf_counter()
    torch.set_num_threads(THREADS)
    world = make_world(seed, revision)
    (out / "data").mkdir(parents=True, exist_ok=True)
    world_file = out / "world.json"
    world_file.write_text(json.dumps(world, indent=1) + "\n")
    model_dir = teach(world, out / "deployed", steps=steps, seed=seed)
    data = deploy(world, model_dir, out / "data", seed)
    held_out = json.loads((out / "data" / "held_out.json").read_text())
    base = evaluate(world_file, model_dir, held_out, seed, n_samples)
    methods = {}
    for name in (QUICK_METHODS if quick else METHODS):
        run_dir, stopped = train_method(name, model_dir, out / "data", out / "runs", world_file, K)
        stages = json.loads((run_dir / "run.json").read_text())["stages"] if (run_dir / "run.json").exists() else []
        rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()] \
            if (run_dir / "metrics.jsonl").exists() else []
        stage_rows = {r["stage"]: r for r in rows if r["type"] == "stage"}
        evals = [base] + [evaluate(world_file, run_dir / s, held_out, seed, n_samples) for s in stages if (run_dir / s).is_dir()]
        methods[name] = {
            "gold": [e["stale_new_words"]["greedy"] for e in evals],
            "gold_sampled": [e["stale_new_words"]["sampled"] for e in evals],
            "untouched": [e["untouched"]["greedy"] for e in evals],
            "distinct1": [e["stale_new_words"]["distinct1"] for e in evals],
            "distinct2": [e["stale_new_words"]["distinct2"] for e in evals],
            "signal": [stage_rows[s]["signal/mean_sigmoid_neg_s"] for s in stages if s in stage_rows],
            "pairs": [stage_rows[s]["pairs"] for s in stages if s in stage_rows],
            "stopped": stopped,
        }
    data["sha256"] = data_fingerprint(out / "data")
    data["policy_sha256"] = hashlib.sha256((model_dir / "model.safetensors").read_bytes()).hexdigest()  # the taught weights
    return {"world": "tiny", "seed": seed, "quick": quick, "revision": revision, "iterations": K, "methods": methods, "data": data,
            "stages": ["base", "warm"] + [f"iter{k}" for k in range(1, K + 1)],
            "seconds": round(time.perf_counter() - t0, 1)}
