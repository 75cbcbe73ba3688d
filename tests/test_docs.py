"""Every command in every markdown file runs as written: each one is extracted (```bash blocks and
inline `python ...` / `torchrun ...` spans), its script found, its flags parsed by that script's
own parser, every repository file it names present, and the cheap ones run for real (the bundled
sample's filtering, reproducing the committed files; the exact world). The expensive ones (a 7B
run, the benchmarks) have their equivalents elsewhere in the suite."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MARKDOWN = sorted(p for p in ROOT.rglob("*.md") if not any(part in (".git", "out") for part in p.relative_to(ROOT).parts))
# placeholders a reader substitutes, and what they stand for in a parse
PLACEHOLDERS = {"$MASTER_HOST": "localhost", "$m": "drift", "RUN/iterK": "out/run/iter1", "PATH_OR_MODULE:FUNCTION": "m:f"}


def commands() -> list[tuple[str, list[str]]]:
    """(file, argv) of every command in the markdown files."""
    found = []
    for path in MARKDOWN:
        text = path.read_text()
        blocks = re.findall(r"```(?:bash|sh)\n(.*?)```", text, re.S)
        spans = re.findall(r"`((?:python|torchrun) [^`]+)`", text)
        for line in [line for b in blocks for line in b.replace("\\\n", " ").splitlines()] + spans:
            line = line.split(" #")[0].strip()
            if not line or line.startswith("#") or line.startswith(("for ", "done")):
                continue
            line = re.sub(r"^do\s+", "", line)
            for part in line.split("&&"):
                for key, value in PLACEHOLDERS.items():
                    part = part.replace(key, value)
                argv = shlex.split(part)
                while argv and re.fullmatch(r"[A-Z_]+=\S+", argv[0]):  # VAR=value before a command
                    argv = argv[1:]
                if argv and argv[-1] == ";":
                    argv = argv[:-1]
                if argv:
                    found.append((str(path.relative_to(ROOT)), argv))
    return found


COMMANDS = commands()


def script_and_args(argv: list[str]) -> tuple[str, list[str]]:
    """The python script (or -m module) a command runs and its arguments."""
    if argv[0] == "torchrun":
        i = next(i for i, a in enumerate(argv) if a.endswith(".py"))
        return argv[i], argv[i + 1:]
    assert argv[0] == "python", argv
    if argv[1] == "-m":
        return argv[2], argv[3:]
    return argv[1], argv[2:]


def test_the_markdown_holds_the_commands_a_user_needs():
    scripts = {script_and_args(argv)[0] for _, argv in COMMANDS if argv[0] != "pip"}
    assert {"train.py", "sample.py", "filter_data.py", "drift.lab", "pytest"} <= scripts, scripts


@pytest.mark.parametrize("where, argv", COMMANDS, ids=[f"{w}:{' '.join(a)[:60]}" for w, a in COMMANDS])
def test_every_command_parses_and_names_files_that_exist(where, argv):
    """pip's -r and -c files exist; a script's flags pass its own parser (choices, ranges,
    presets); a repository file it reads exists."""
    if argv[0] == "pip":
        for flag, value in zip(argv, argv[1:]):
            if flag in ("-r", "-c"):
                assert (ROOT / value).is_file(), (where, value)
        return
    script, args = script_and_args(argv)
    if script == "pytest":
        return
    if script.endswith(".py") and "/" in script:  # bench/...: its flags are the script's
        source = (ROOT / script).read_text()
        assert all(a in source for a in args if a.startswith("--")), (where, argv)
        return
    parse = {
        "train.py": lambda a: __import__("drift.config", fromlist=["parse_config"]).parse_config(a),
        "sample.py": lambda a: __import__("sample").parse_args(a),
        "filter_data.py": lambda a: __import__("filter_data").parse_args(a),
        "drift.lab": lambda a: __import__("drift.lab.__main__", fromlist=["build_parser"]).build_parser().parse_args(a),
        "drift.plot": lambda a: __import__("drift.plot", fromlist=["build_parser"]).build_parser().parse_args(a),
        "drift.explore": lambda a: __import__("drift.explore", fromlist=["build_parser"]).build_parser().parse_args(a),
        "drift.report": lambda a: __import__("drift.report", fromlist=["build_parser"]).build_parser().parse_args(a),
        "drift.lab.readings": lambda a: __import__("drift.lab.readings", fromlist=["build_parser"]).build_parser().parse_args(a),
    }[script]
    if "--help" in args or "-h" in args:
        with pytest.raises(SystemExit) as e:
            parse(args)
        assert e.value.code == 0, (where, argv)
        return
    parse(args)
    outputs = {args[i + 1] for i, a in enumerate(args[:-1]) if a in ("--out", "--output")}
    for a in args:
        if a not in outputs and a.startswith(("data/sample/", "presets/", "drift/", "bench/")):
            assert (ROOT / a).exists(), (where, a)


def test_the_bundled_samples_filtering_command_reproduces_the_committed_files(tmp_path):
    import filter_data

    (argv,) = [a for _, a in COMMANDS if "filter_data.py" in a and "data/sample/filtered" in a]
    _, args = script_and_args(argv)
    args[args.index("--out") + 1] = str(tmp_path)
    assert filter_data.main([str(ROOT / a) if a.startswith("data/") else a for a in args]) == 0
    committed = ROOT / "data" / "sample" / "filtered"
    for name in ("dsat.jsonl", "sat.jsonl", "seed.jsonl", "test/dsat.jsonl"):
        assert (tmp_path / name).read_text() == (committed / name).read_text(), name


def test_the_exact_worlds_command_runs(tmp_path):
    from drift.lab.__main__ import main

    (argv,) = {tuple(a) for _, a in COMMANDS if a[:4] == ["python", "-m", "drift.lab", "exact"]}
    args = list(argv[3:])
    args[args.index("--out") + 1] = str(tmp_path)
    assert main(args + ["--quick"]) == 0 and (tmp_path / "lab.json").exists()
