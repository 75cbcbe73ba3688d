"""Filter a preference dataset, or raw chat logs, into DRIFT's training files (Algorithm 1, step 3), streamed.

    python filter_data.py --input sat_dsat_annotation.json --format wildfeedback-annotation --out data/wildfeedback --test-size 100
    python filter_data.py --input data/sample/synthetic_sat_dsat_annotation.json --format wildfeedback-annotation --out data/sample/filtered --test-size 3
    python filter_data.py --input logs.jsonl --format chat --out data/mine --test-size 100                    # your own logs
    python filter_data.py --input data/sample/synthetic_sat_dsat_annotation.json --format wildfeedback-annotation --compare-labels --out out/compare

--format: wildfeedback-annotation (WildFeedback's sat_dsat_annotation.json: dsat, sat and seed),
wildfeedback (its ShareGPT file: dsat, no complaint text), ultrafeedback (UltraFeedback binarized,
JSONL or parquet: dsat and sat), drift-jsonl (the authors' released files), chat (raw conversations,
one a record: OpenAI {"messages"}, ShareGPT {"conversations"} or WildChat {"conversation"}; JSON
array, JSONL or parquet), whose user turns a finder labels (--finder rules | judge, drift/finder.py).
Writes OUT/dsat.jsonl, sat.jsonl and seed.jsonl (drift/data.py's layouts), OUT/test/ (--test-size N
whole conversations held out) and stats.json, atomically, and prints a table like the paper's
Table 1. A record that cannot be used is skipped and counted by reason; a file of another format is
one line. --compare-labels measures the finder against the labels an annotation file carries.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from contextlib import ExitStack
from functools import partial
from itertools import islice
from pathlib import Path

from drift.filtering import KINDS, OUTPUTS, READERS, FilterStats, annotation_conversations, iter_records
from drift.finder import compare, load_finder, print_comparison, turns_of
from drift.io import SEED_RANGE, ArgumentParser, DataError, atomic_open, cli, leave, number, out_folder, write_json


def parse_args(argv=None) -> argparse.Namespace:
    p = ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", nargs="+", required=True, type=Path, help="input file(s), read in order")
    p.add_argument("--format", required=True, choices=list(READERS), help="what the input files are")
    p.add_argument("--out", required=True, type=out_folder, help="output folder")
    p.add_argument("--test-size", type=number(int, 0, 10**9), default=0,
                   help="conversations to hold out in OUT/test/, whole (the authors held out 100 pairs)")
    p.add_argument("--seed", type=number(int, *SEED_RANGE), default=42, help="seed for drawing the held-out rows")
    p.add_argument("--max-rows", type=number(int, 0, 10**12), default=None,
                   help="stop after this many input rows (utterances for wildfeedback-annotation); "
                        "for a quick look")
    p.add_argument("--provenance", action="store_true",
                   help='add "source": {"file", "element" | "line"} to every row')
    find = p.add_argument_group("finding dissatisfaction in raw conversations (--format chat, --compare-labels)")
    find.add_argument("--finder", choices=["rules", "judge"], default="rules",
                      help="rules: named cues (drift/finder.py); judge: a local chat model reads each turn (default rules)")
    find.add_argument("--judge-model", default=None, help="the judge's model folder, hub id or 'embedded' (--finder judge)")
    find.add_argument("--judge-rubric", default=None, help="its rubric, with {conversation}, {reply} and {feedback} "
                                                           "(default presets/judge_feedback.txt)")
    find.add_argument("--min-confidence", type=number(float, 0, 1), default=None,
                      help="a judge label whose probability is lower is 'neither' (default 0.5; --finder judge)")
    find.add_argument("--compare-labels", action="store_true",
                      help="with --format wildfeedback-annotation: run the finder on its conversations and compare "
                           "with the file's GPT-4 labels (OUT/compare_labels.json); no training files are written")
    args = p.parse_args(argv)
    if args.finder == "judge" and not args.judge_model:
        p.error("--finder judge needs --judge-model (a chat model folder, hub id or 'embedded')")
    if args.finder != "judge" and (args.judge_model or args.judge_rubric or args.min_confidence is not None):
        p.error("--judge-model, --judge-rubric and --min-confidence go with --finder judge")
    args.min_confidence = 0.5 if args.min_confidence is None else args.min_confidence
    if args.compare_labels and (args.test_size or args.provenance):
        p.error("--compare-labels writes no training files: --test-size and --provenance do not apply")
    if args.compare_labels and args.format != "wildfeedback-annotation":
        p.error("--compare-labels reads labels the file carries: --format wildfeedback-annotation")
    if args.format not in ("chat",) and not args.compare_labels and args.finder == "judge":
        p.error(f"--finder labels raw conversations: --format chat or --compare-labels, not --format {args.format}")
    if args.out.exists() and not args.out.is_dir():
        p.error(f"--out {args.out} is a file; it names the output folder")
    return args


def writes(finder) -> bool:
    """Whether this process writes the outputs: always, but under torchrun with a judge, rank 0 alone."""
    return getattr(getattr(finder, "judge", None), "rank", 0) == 0


def filter_files(args: argparse.Namespace, finder=None) -> FilterStats:
    """Read every input, write OUT/<kind>.jsonl for each kind the format produces."""
    stats = FilterStats()
    examples = partial(READERS["chat"], finder=finder) if args.format == "chat" else READERS[args.format]
    main = writes(finder)
    with ExitStack() as stack:
        files = {kind: stack.enter_context(atomic_open(args.out / f"{kind}.jsonl") if main else open(os.devnull, "w"))
                 for kind in OUTPUTS[args.format]}
        for path in args.input:
            records = iter_records(path, array_only=args.format == "wildfeedback-annotation")
            if args.max_rows is not None:
                if args.max_rows <= stats.input_rows:
                    break
                records = islice(records, args.max_rows - stats.input_rows)
            before = stats.input_rows
            for kind, row, source in examples(path, records, stats):
                if args.provenance:
                    row = {**row, "source": source}
                files[kind].write(_json_line(row))
            if stats.input_rows == before:  # nothing is written (the outputs are published only on success)
                raise DataError(path, None, None, "no rows in the file (an empty array or file): nothing to filter")
    return stats


def _json_line(row: dict) -> str:
    # U+0085, U+2028 and U+2029 are valid raw inside JSON strings, but str.splitlines() and some
    # editors take them for line breaks; escaped, every reader sees one row per line.
    line = json.dumps(row, ensure_ascii=False)
    for ch in ("\x85", "\u2028", "\u2029"):
        line = line.replace(ch, f"\\u{ord(ch):04x}")
    return line + "\n"


def conversation_key(row: dict) -> str:
    """What a row's conversation is known by: its opening (the system message, if any, and the
    first user turn). Every row filtered from one conversation shares it (each row's prompt starts
    where the conversation starts); two conversations that open with the same words share it too,
    and are held out together: a held-out split may take a little more than it must, never less."""
    prompt = row["prompt"]
    opening = prompt[:2] if prompt[0]["role"] == "system" else prompt[:1]
    return json.dumps(opening, ensure_ascii=False, sort_keys=True)


def split_off_test(out: Path, kinds: tuple[str, ...], test_size: int, seed: int) -> tuple[dict, int]:
    """Hold out `test_size` whole conversations, drawn with `seed` from those that gave a DSAT row:
    every row of them (DSAT, SAT and seed pairs alike) moves from OUT/<kind>.jsonl to
    OUT/test/<kind>.jsonl, so nothing of a held-out conversation stays in a training file.
    Streams each file twice (its keys, then the split). Returns ({kind: rows held out}, the number
    of conversations held out)."""
    if test_size == 0:
        for kind in kinds:
            (out / "test" / f"{kind}.jsonl").unlink(missing_ok=True)  # a stale split from an earlier run would mislead
        return {kind: 0 for kind in kinds}, 0
    candidates = {}  # key -> None, in order of first appearance (dicts keep it)
    with open(out / "dsat.jsonl", encoding="utf-8") as f:
        for line in f:
            candidates.setdefault(conversation_key(json.loads(line)), None)
    held_out = set(random.Random(seed).sample(list(candidates), min(test_size, len(candidates))))
    moved = {}
    for kind in kinds:
        path, test_path = out / f"{kind}.jsonl", out / "test" / f"{kind}.jsonl"
        moved[kind] = 0
        with open(path, encoding="utf-8") as f, atomic_open(test_path) as test, atomic_open(path) as train:
            for line in f:
                is_test = conversation_key(json.loads(line)) in held_out
                (test if is_test else train).write(line)
                moved[kind] += is_test
    return moved, len(held_out)


def summary(args: argparse.Namespace, stats: FilterStats, test: dict) -> dict:
    out = {
        "format": args.format,
        "inputs": [str(p) for p in args.input],
        "options": {"test_size": args.test_size, "seed": args.seed, "max_rows": args.max_rows},
        "input_rows": stats.input_rows,
        "rows": {k: stats.kept[k] for k in OUTPUTS[args.format]},  # train + test
        "train": {k: stats.kept[k] - test[k] for k in OUTPUTS[args.format]},
        "test": test,
        "duplicates_dropped": {k: stats.duplicates[k] for k in OUTPUTS[args.format]},
        "skipped_unit": "conversations" if args.format in ("wildfeedback-annotation", "chat") else "rows",
        "skipped": dict(sorted(stats.skipped.items())),
        "first_skipped_at": dict(sorted(stats.first_skipped_at.items())),
        "user_preference_null": stats.user_preference_null,
    }
    if args.format == "chat":
        out["finder"] = {"finder": args.finder, "labels": {k: stats.replies[k] for k in ("dsat", "sat", "neither")},
                         "decided_by": dict(sorted(stats.rules.items()))}
        if args.finder == "judge":
            out["finder"] |= {"judge_model": args.judge_model, "min_confidence": args.min_confidence}
    if args.format in ("wildfeedback-annotation", "chat"):
        out["conversations"] = {
            "read": stats.conversations,
            "skipped": sum(stats.skipped.values()),
            "unique": stats.unique_conversations,
            **{f"with_{k}": stats.conversations_with[k] for k in KINDS},
        }
        out["replies"] = dict(sorted(stats.replies.items()))
        if args.format == "wildfeedback-annotation":
            out["label_values_not_bool"] = stats.label_values_not_bool
    return out


def print_table(s: dict) -> None:
    """The paper's Table 1 (conversations per category), with the rows written next to it."""
    conv = s.get("conversations")
    print(f"\n{'Category':<22}{'# Conversations':>16}{'# Rows':>10}")
    if conv:
        print(f"{'Unique conversations':<22}{conv['unique']:>16,}{'':>10}")
    for kind, label in (("dsat", "DSAT"), ("sat", "SAT"), ("seed", "DSAT -> SAT")):
        if kind in s["rows"]:
            n_conv = f"{conv['with_' + kind]:,}" if conv else "-"
            print(f"{label:<22}{n_conv:>16}{s['rows'][kind]:>10,}")
    print(f"\ninput rows: {s['input_rows']:,}" + (f", conversations read: {conv['read']:,}" if conv else ""))
    skipped = ", ".join(f"{r} {n:,}" for r, n in s["skipped"].items()) or "none"
    print(f"skipped {s['skipped_unit']}: {skipped}")
    dups = ", ".join(f"{k} {n:,}" for k, n in s["duplicates_dropped"].items() if n) or "none"
    print(f"duplicate rows dropped: {dups}")
    if "dsat" in s["rows"]:
        print(f"dsat rows without complaint text (user_preference null): {s['user_preference_null']:,}")
    if any(s["test"].values()):
        print(f"held out in test/: {s['held_out_conversations']} conversations, "
              + ", ".join(f"{k} {n:,}" for k, n in s["test"].items()))


def main(argv=None) -> int:
    """The exit status: 0, or 1 with one line on stderr for bad input, 130 interrupted."""
    return cli(lambda: run(argv), resume_hint="run the same command again")


def compare_labels(args: argparse.Namespace, finder) -> None:
    """--compare-labels: the finder's label of every user turn after an Agent reply against the
    file's (dsat and sat as filter_data reads them, everything else neither), written to
    OUT/compare_labels.json and printed."""
    stats, pairs = FilterStats(), []
    for path in args.input:
        records = iter_records(path, array_only=True)
        if args.max_rows is not None:
            records = islice(records, max(0, args.max_rows - stats.input_rows))
        for _, _, messages, labels in annotation_conversations(path, records, stats):
            turns = turns_of(messages)
            found = finder.label(list(turns.values()))
            for (j, turn), (label, _) in zip(turns.items(), found):
                gold = labels[j] if labels[j] in ("dsat", "sat") else "neither"
                pairs.append((gold, label, turn.feedback))
    if not pairs:
        raise DataError(args.input[0], None, None, f"no usable conversation to compare (skipped: {dict(stats.skipped)})")
    result = compare(pairs) | {"finder": args.finder, "inputs": [str(p) for p in args.input],
                               "conversations": stats.conversations, "skipped": dict(stats.skipped),
                               "gold_rule": "dsat / sat as filter_data.py reads the file's labels (Preceeding YES, "
                                            "one label true); neutral, unclear and not-preceeding turns are neither"}
    if not writes(finder):
        return
    write_json(args.out / "compare_labels.json", result)
    print_comparison(result)
    print(f"\nwrote {args.out / 'compare_labels.json'}")


def run(argv=None) -> None:
    args = parse_args(argv)
    finder = load_finder(args) if args.format == "chat" or args.compare_labels else None
    if args.compare_labels:
        return compare_labels(args, finder)
    stats = filter_files(args, finder)
    if not writes(finder):
        return
    units = stats.conversations if args.format in ("wildfeedback-annotation", "chat") else stats.input_rows
    if units and sum(stats.skipped.values()) >= units:  # every row (conversation) unusable: not this format
        first = ", ".join(f"{reason} at {where}" for reason, where in list(stats.first_skipped_at.items())[:2])
        raise DataError(args.input[0], None, None, f"none of its {units:,} {'conversations' if units != stats.input_rows else 'rows'} "
                                                   f"is usable as {args.format} (skipped: {dict(stats.skipped)}; first: {first}); "
                                                   "is --format right?")
    test, held_out = split_off_test(args.out, OUTPUTS[args.format], args.test_size, args.seed)
    if held_out < args.test_size:
        print(f"warning: --test-size {args.test_size} is more than the {held_out} conversations with a DSAT row; "
              "all of them went to test/", file=sys.stderr)
    s = summary(args, stats, test) | {"held_out_conversations": held_out}
    write_json(args.out / "stats.json", s)
    print_table(s)
    print(f"\nwrote {', '.join(f'{k}.jsonl' for k in test)} and stats.json to {args.out}")


if __name__ == "__main__":
    leave(main())
