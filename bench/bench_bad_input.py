"""A battery of bad inputs across train.py, sample.py and filter_data.py, each run as a user would
(the script's main() in a fresh child process), counted by how it ended:

  one line          exit 1, one `error: ...` line last on stderr, nothing written (no run folder,
                    no output file); for filter_data.py also a counted skip (exit 0, the broken
                    conversation left out and counted in OUT/stats.json)
  traceback         a Python traceback on stderr (whatever the exit status)
  wrongly accepted  exit 0 where the input should have been refused, or a folder or file written
                    before the refusal

    python bench/bench_bad_input.py            # every case (about 260), a few minutes on 2 cores
    python bench/bench_bad_input.py --quick    # one case in eight (the suite runs this)

Cases: every number flag of train.py and sample.py below its range, above it, not finite and not
a number; every data file a run reads, broken line by line (not JSON, not an object, a field
missing or of another type, invalid Unicode, empty, binary, nested too deep); model folders
broken in each way a folder breaks (a weight missing, truncated, NaN, another architecture,
auto_map, pickle only, no tokenizer); sample.py's partial file damaged; output folders that
must not be used. Writes bench/results/bad_input.{json,md}. The target: no traceback, nothing
wrongly accepted.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing as mp
import shutil
import sys
import tempfile
from dataclasses import fields
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from common import command_line, machine, table  # noqa: E402

SAMPLE = REPO / "data" / "sample" / "filtered"
TRAIN = ["--batch-size", "4", "--micro-batch-size", "2", "--max-new-tokens", "8", "--warm-epochs", "1",
         "--iterations", "1", "--sample-batch-size", "8"]


# ----------------------------------------------------------------------------- one case, in a child


def _child(script: str, argv: list[str], out: str, queue) -> None:
    import os

    err = io.StringIO()
    code = None
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            if script == "train":
                import train

                from drift.io import cli

                sys.argv = ["train.py", *argv]
                code = cli(train.main)
            elif script == "sample":
                import sample

                code = sample.main(argv)
            else:
                import filter_data

                code = filter_data.main(argv)
        except BaseException:  # noqa: BLE001 -- what escaped the script's own handling
            import traceback

            err.write(traceback.format_exc())
            code = -1
    stats = os.path.join(os.path.dirname(out), "stats.json")  # filter_data.py's counts, where it wrote them
    skipped = sum(json.load(open(stats))["skipped"].values()) if os.path.exists(stats) else 0
    queue.put({"code": code, "stderr": err.getvalue(), "written": os.path.exists(out), "skipped": skipped})


def run_case(script: str, argv: list[str], out: Path) -> dict:
    queue = mp.get_context("fork").Queue()
    p = mp.get_context("fork").Process(target=_child, args=(script, argv, str(out), queue))
    p.start()
    p.join()
    return queue.get() if not queue.empty() else {"code": p.exitcode, "stderr": "", "written": out.exists(), "skipped": 0}


def verdict(result: dict, skip_ok: bool) -> str:
    err = result["stderr"]
    if "Traceback (most recent call last)" in err:
        return "traceback"
    lines = [line for line in err.strip().splitlines() if line.strip()]
    if result["code"] == 1 and lines and lines[-1].startswith("error: ") and not result["written"]:
        return "one line"
    if result["code"] == 0 and skip_ok and result["skipped"] > 0:
        return "one line"  # filter_data.py: the broken conversation left out and counted in stats.json
    return "wrongly accepted"


# ----------------------------------------------------------------------------- the cases


def number_cases(model: Path, tmp: Path) -> list[tuple]:
    """Every number flag of train.py (and sample.py's own) beyond its range, not finite, not a number."""
    from drift.config import Config

    cases = []
    data = ["--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl")]
    for f in fields(Config):
        if f.type not in ("int", "float") or f.name == "seed":
            continue
        flag = "--" + f.name.replace("_", "-")
        for value in ("-1", "1e15" if f.type == "float" else "1000000000000", "nan", "abc"):
            out = tmp / f"num-{f.name}-{value}"
            cases.append((f"train {flag} {value}", "train", ["--model", str(model), "--out", str(out), *TRAIN,
                                                             *data, flag, value], out, False))
    for flag in ("--n-samples", "--iteration", "--chunk-size", "--limit", "--max-new-tokens", "--temperature"):
        for value in ("-1", "10000000000000", "abc"):
            out = tmp / f"sample-{flag}-{value}.jsonl"
            cases.append((f"sample {flag} {value}", "sample", ["--model", str(model), "--input",
                                                               str(SAMPLE / "dsat.jsonl"), "--out", str(out), flag,
                                                               value], out, False))
    return cases


def broken_lines(good: str) -> dict[str, str]:
    """A JSONL file's first row, broken each way a line breaks."""
    row = json.loads(good)
    first = next(iter(row))
    text_field = next(k for k, v in row.items() if isinstance(v, list))
    variants = {
        "not JSON": "{not json",
        "not an object": "[1, 2]",
        "a number": "5",
        "field missing": json.dumps({k: v for k, v in row.items() if k != first}),
        "field a number": json.dumps(row | {first: 5}),
        "field null": json.dumps(row | {first: None}),
        "nested deep": "[" * 5000 + "]" * 5000,
        "lone surrogate": json.dumps(row).replace('"content": "', '"content": "\\ud800', 1),
        "non-character": json.dumps(row).replace('"content": "', '"content": "\\ufdd0', 1),
        "role unknown": json.dumps(row | {text_field: [{"role": "robot", "content": "x"}]}),
        "empty message list": json.dumps(row | {text_field: []}),
        "message not an object": json.dumps(row | {text_field: ["text"]}),
    }
    return variants


def data_cases(model: Path, tmp: Path) -> list[tuple]:
    cases = []
    for name, flag, runs in (("dsat", "--dsat-data", ("train", "sample")), ("seed", "--seed-data", ("train",))):
        lines = (SAMPLE / f"{name}.jsonl").read_text().splitlines()
        variants = broken_lines(lines[0]) | {"empty file": None, "binary": None}
        for kind, line in variants.items():
            path = tmp / f"{name}-{kind.replace(' ', '_')}.jsonl"
            if kind == "empty file":
                path.write_text("")
            elif kind == "binary":
                path.write_bytes(b"\x00\xff\xfe\x80" * 8)
            else:
                path.write_text("\n".join([lines[1], line] + lines[2:]) + "\n", errors="surrogatepass")
            for script in runs:
                if script == "train":
                    out = tmp / f"out-{name}-{kind}"
                    other = ["--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl")]
                    other[other.index(flag) + 1] = str(path)
                    cases.append((f"train {flag} {kind}", "train", ["--model", str(model), "--out", str(out), *TRAIN,
                                                                    *other], out, False))
                else:
                    out = tmp / f"sample-{name}-{kind}.jsonl"
                    cases.append((f"sample --input {kind}", "sample", ["--model", str(model), "--input", str(path),
                                                                       "--out", str(out)], out, False))
    # filter_data.py --format chat: a broken conversation is a counted skip or one line
    chat = json.dumps({"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hello."},
                                    {"role": "user", "content": "That's wrong."}]})
    for kind, line in broken_lines(chat).items():
        path = tmp / f"chat-{kind.replace(' ', '_')}.jsonl"
        path.write_text(chat + "\n" + line + "\n" + chat.replace("hi", "hello") + "\n", errors="surrogatepass")
        out = tmp / f"filtered-{kind}"
        cases.append((f"filter_data chat {kind}", "filter", ["--input", str(path), "--format", "chat", "--out",
                                                              str(out)], out / "nothing", True))
    for kind, content in (("empty array", "[]"), ("empty file", ""), ("object", "{}"), ("binary", None)):
        path = tmp / f"annotation-{kind.replace(' ', '_')}.json"
        path.write_bytes(b"\x00\xff" * 8) if content is None else path.write_text(content)
        out = tmp / f"annotation-out-{kind}"
        cases.append((f"filter_data annotation {kind}", "filter", ["--input", str(path), "--format",
                                                                    "wildfeedback-annotation", "--out", str(out)],
                      out / "dsat.jsonl", False))
    return cases


def model_cases(model: Path, tmp: Path) -> list[tuple]:
    import torch
    from safetensors.torch import load_file, save_file

    def folder(name, change):
        dest = tmp / f"model-{name}"
        shutil.copytree(model, dest)
        change(dest)
        return dest

    def weights(change):
        def apply(dest):
            tensors = load_file(dest / "model.safetensors")
            change(tensors)
            save_file(tensors, dest / "model.safetensors")
        return apply

    def config(name, **values):
        def apply(dest):
            value = json.loads((dest / name).read_text())
            (dest / name).write_text(json.dumps(value | values))
        return apply

    broken = {
        "weight missing": weights(lambda t: t.pop("model.norm.weight")),
        "weight NaN": weights(lambda t: t["model.norm.weight"].fill_(float("nan"))),
        "weight inf": weights(lambda t: t["lm_head.weight"].fill_(float("inf"))),
        "weight wrong shape": weights(lambda t: t.update({"model.norm.weight": torch.ones(3)})),
        "truncated": lambda d: (d / "model.safetensors").write_bytes((d / "model.safetensors").read_bytes()[:999]),
        "no weights": lambda d: (d / "model.safetensors").unlink(),
        "pickle only": lambda d: ((d / "model.safetensors").unlink(), (d / "pytorch_model.bin").write_bytes(b"x")),
        "other architecture": config("config.json", model_type="gpt2", architectures=["GPT2LMHeadModel"]),
        "unknown architecture": config("config.json", model_type="no-such-lm"),
        "auto_map in config": config("config.json", auto_map={"AutoModelForCausalLM": "x.Y"}),
        "auto_map in tokenizer": config("tokenizer_config.json", auto_map={"AutoTokenizer": ["x.Y", None]}),
        "config not JSON": lambda d: (d / "config.json").write_text("{"),
        "no tokenizer": lambda d: [(d / n).unlink() for n in ("tokenizer.json", "tokenizer_config.json")],
    }
    cases = []
    for kind, change in broken.items():
        path = folder(kind.replace(" ", "_"), change)
        out = tmp / f"out-model-{kind}"
        data = ["--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl")]
        cases.append((f"train --model {kind}", "train", ["--model", str(path), "--out", str(out), *TRAIN, *data],
                      out, False))
        out = tmp / f"sample-model-{kind}.jsonl"
        cases.append((f"sample --model {kind}", "sample", ["--model", str(path), "--input", str(SAMPLE / "dsat.jsonl"),
                                                           "--out", str(out)], out, False))
    for kind in ("not a folder", "missing"):
        path = tmp / "dsat-as-model.jsonl" if kind == "not a folder" else tmp / "no-such-folder"
        if kind == "not a folder":
            path.write_text("x")
        out = tmp / f"out-model-{kind}"
        cases.append((f"train --model {kind}", "train", ["--model", str(path), "--out", str(out), *TRAIN,
                                                         "--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data",
                                                         str(SAMPLE / "seed.jsonl")], out, False))
    return cases


def other_cases(model: Path, tmp: Path) -> list[tuple]:
    cases = []
    for content in (b"[1,2]\n", b"\xff\xfe\n", b'{"header": 5}\n', b'{"header": {}}\n{"rows": 5, "counts": {}}\n'):
        out = tmp / f"partial-{len(cases)}.jsonl"
        Path(str(out) + ".partial.jsonl").write_bytes(content)
        cases.append((f"sample partial {content[:12]!r}", "sample", ["--model", str(model), "--input",
                                                                     str(SAMPLE / "dsat.jsonl"), "--out", str(out)],
                      out, False))
    data = ["--dsat-data", str(SAMPLE / "dsat.jsonl"), "--seed-data", str(SAMPLE / "seed.jsonl")]
    for value in ("", ".", "/", str(REPO), str(REPO.parent)):
        cases.append((f"train --out {value!r}", "train", ["--model", str(model), *TRAIN, *data, "--out", value],
                      tmp / "never", False))
        cases.append((f"filter_data --out {value!r}", "filter", ["--input", str(SAMPLE / "dsat.jsonl"), "--format",
                                                                  "drift-jsonl", "--out", value], tmp / "never", False))
    for flags in (["--batch-size", "400"], ["--max-new-tokens", "5000"], ["--batch-size", "3", "--micro-batch-size", "2"],
                  ["--report-to", "comet"], ["--report-to", "wandb,wandb"], ["--preset", "no-such-preset"]):
        out = tmp / f"out-flags-{'_'.join(flags)}"
        cases.append((f"train {' '.join(flags)}", "train", ["--model", str(model), "--out", str(out), *TRAIN, *data,
                                                            *flags], out, False))
    return cases


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="one case in eight, no results written (the suite's check)")
    p.add_argument("--out", default=str(REPO / "bench" / "results"), help="folder for bad_input.json and .md")
    args = p.parse_args(argv)
    import torch

    import filter_data  # noqa: F401 -- imported once here: every forked case starts with them
    import sample  # noqa: F401
    import train  # noqa: F401

    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        from drift.tiny import save_tiny_chat

        model = save_tiny_chat(tmp / "tiny")
        cases = number_cases(model, tmp) + data_cases(model, tmp) + model_cases(model, tmp) + other_cases(model, tmp)
        if args.quick:
            cases = cases[::8]
        results = []
        for name, script, argv_, out, skip_ok in cases:
            result = run_case(script, argv_, out)
            results.append({"case": name, "script": script, "verdict": verdict(result, skip_ok), "code": result["code"],
                            "last_line": (result["stderr"].strip().splitlines() or [""])[-1][:300]})
    counts = {v: sum(r["verdict"] == v for r in results) for v in ("one line", "traceback", "wrongly accepted")}
    print(f"{len(results)} cases: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    for r in results:
        if r["verdict"] != "one line":
            print(f"  {r['verdict']}: {r['case']}: {r['last_line']}")
    if not args.quick:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "bad_input.json").write_text(json.dumps({"machine": machine(1), "command": command_line(),
                                                        "counts": counts, "cases": results}, indent=1) + "\n")
        by_script = [[s, *(sum(r["script"] == s and r["verdict"] == v for r in results) for v in counts)]
                     for s in ("train", "sample", "filter")]
        (out / "bad_input.md").write_text(
            f"# Bad inputs\n\n`{command_line()}` on {machine(1)}\n\n"
            + table(["script", *counts], by_script) + f"\n\n{len(results)} cases in all.\n")
    return 0 if counts["traceback"] == counts["wrongly accepted"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
