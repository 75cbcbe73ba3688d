"""filter_data.py: every rule of the WildFeedback filter, the other formats, and streaming.

Fixtures are built in the real schemas (sat_dsat_annotation rows with the misspelled columns,
ShareGPT rows, UltraFeedback binarized rows, the authors' JSONL rows). The one slow test
streams a generated 256 MB annotation file and checks the peak memory and every count.
"""

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import filter_data
from drift.io import DataError
from drift.jsonstream import iter_json_array

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "synthetic_sat_dsat_annotation.json"

# ----------------------------------------------------------------------------------------------
# helpers

LABELS = {None: (False, False), "dsat": (False, True), "sat": (True, False), "neutral": (False, False),
          "both": (True, True), "null": (None, None)}


def conversation(*turns, agent_labels=None):
    """sat_dsat_annotation rows for a conversation. Turns alternate User, Agent, ...; a user turn
    is "text" or ("text", label) where label judges the reply before it, or ("text", label,
    {column: value}) to override columns (None deletes the column). Agent rows repeat their
    turn's User labels, as in the real data, unless agent_labels gives theirs."""
    rows = []
    for i, turn in enumerate(turns):
        text, label, override = (turn, None, {}) if isinstance(turn, str) else (tuple(turn) + ({},))[:3]
        if i % 2 == 1:
            label = agent_labels or rows[-1]["_label"]
        sat, dsat = LABELS[label]
        row = {"UtterranceId": i, "TurnId": i // 2 + 1, "Role": "User" if i % 2 == 0 else "Agent",
               "Content": text, "Preceeding": "YES" if i else "NO", "State": "FEEDBACK",
               "Satisfaction": sat, "Satisfaction-Justificiation": "",
               "Disatisfaction": dsat, "Dissatisfaction-Justificiation": "", "_label": label}
        for k, v in override.items():
            if v is None:
                row.pop(k, None)
            else:
                row[k] = v
        rows.append(row)
    return [{k: v for k, v in r.items() if k != "_label"} for r in rows]


def user(text):
    return {"role": "user", "content": text}


def assistant(text):
    return {"role": "assistant", "content": text}


def dumps(row) -> str:
    """Raw UTF-8 where possible; a lone surrogate can only be written as a \\ud800 escape."""
    text = json.dumps(row, ensure_ascii=False)
    return text if not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text) else json.dumps(row)


def write_array(path, rows):
    path.write_text("[\n" + ",\n".join(dumps(r) for r in rows) + "\n]", encoding="utf-8")
    return path


def write_lines(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def read_rows(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").split("\n") if line]


def run(tmp_path, rows=None, fmt="wildfeedback-annotation", *extra, input_path=None, out="out"):
    """Run filter_data.main in-process; returns ({kind: rows}, stats)."""
    if input_path is None:
        input_path = write_array(tmp_path / "in.json", rows)
    out = tmp_path / out
    rc = filter_data.main(["--input", str(input_path), "--format", fmt, "--out", str(out), *extra])
    assert rc == 0
    outputs = {p.stem: read_rows(p) for p in out.glob("*.jsonl")}
    return outputs, json.loads((out / "stats.json").read_text())


# A DSAT reply, the complaint, a revision the user accepts: the smallest conversation that
# exercises all three outputs.
CAPITAL = conversation("What is the capital of Australia?", "Sydney.",
                       ("Wrong, it's Canberra.", "dsat"), "Sorry, it is Canberra.",
                       ("Thanks.", "sat"))


# ----------------------------------------------------------------------------------------------
# the incremental JSON array reader

VALUES = [{"a": "héllo 😀 \u2028 \\ \" q", "n": [1, 2.5, -3e10, None, True, False]},
          {"x": {"y": [{}]}, "s": "中文 \t tab"}, 123, 0.5, -1e-05, "str", [], 12345678901234567890, {}]


@pytest.mark.parametrize("indent", [None, 0, 2])
@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
def test_stream_equals_json_load_for_any_chunk_boundary(tmp_path, indent, ensure_ascii, chunk):
    """Elements split anywhere across chunk boundaries (inside escapes like \\ud83d\\ude00,
    inside numbers and literals, inside multi-byte characters) decode exactly as json.load."""
    path = tmp_path / "a.json"
    path.write_text(json.dumps(VALUES, indent=indent, ensure_ascii=ensure_ascii), encoding="utf-8")
    assert [v for _, _, v in iter_json_array(path, chunk_chars=chunk)] == VALUES


text = st.text(st.characters(blacklist_categories=("Cs",)))  # no lone surrogates: not UTF-8
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12)


@settings(max_examples=100, deadline=None)
@given(values=st.lists(json_values, max_size=6), chunk=st.integers(1, 40),
       indent=st.sampled_from([None, 1]), ensure_ascii=st.booleans())
def test_stream_property_any_array(tmp_path_factory, values, chunk, indent, ensure_ascii):
    path = tmp_path_factory.mktemp("p") / "a.json"
    text = json.dumps(values, indent=indent, ensure_ascii=ensure_ascii)
    path.write_text(text, encoding="utf-8")
    got = [(i, v) for i, _, v in iter_json_array(path, chunk_chars=chunk)]
    assert got == list(enumerate(json.loads(text)))


def test_every_truncation_is_an_error_never_a_short_read(tmp_path):
    """Any proper prefix of a valid file (a cut download) raises DataError naming the file."""
    text = json.dumps(VALUES[:3], indent=1, ensure_ascii=False)
    path = tmp_path / "cut.json"
    for cut in range(len(text)):
        path.write_text(text[:cut], encoding="utf-8")
        for chunk in (1, 5, 1 << 20):
            with pytest.raises(DataError) as e:
                list(iter_json_array(path, chunk_chars=chunk))
            assert "cut.json" in str(e.value)


@pytest.mark.parametrize("text, message", [
    ('{"UtterranceId": 0}', "expected a JSON array"),
    ('{"a": 1}\n{"a": 2}\n', "expected a JSON array"),
    ("", "empty"),
    ("  \n ", "empty"),
    ("[1, 2,]", "trailing ','"),
    ("[1 2]", "expected ',' or ']' after element [0]"),
    ("[1] [2]", "after the closing ']'"),
    ('[{"a": 1},\n {"b": 2},\n {"c": tru},\n {"d": 4}]', "line 3: element [2] is not valid JSON"),
    ('[{"a": 1}, {"b": "x', "ends inside element [1]"),
    ('[{"a": 1}, {"b": 2}', "without the closing ']'"),
])
def test_malformed_arrays_name_file_line_and_element(tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="bad.json") as e:
        list(iter_json_array(path, chunk_chars=4))
    assert message in str(e.value)


def test_element_larger_than_chunk_and_the_memory_bound(tmp_path):
    big = {"Content": "x" * 300_000 + "é" * 1000}
    path = tmp_path / "big.json"
    path.write_text(json.dumps([big, {"n": 1}, big]), encoding="utf-8")
    assert [v for _, _, v in iter_json_array(path, chunk_chars=1024)] == [big, {"n": 1}, big]
    with pytest.raises(DataError, match=r"element \[0\] is longer than"):
        list(iter_json_array(path, chunk_chars=1024, max_element_chars=100_000))


def test_not_utf8_is_a_data_error(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('[{"Content": "caf\xe9"}]'.encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        list(iter_json_array(path))


# ----------------------------------------------------------------------------------------------
# wildfeedback-annotation: one test per rule

def test_dsat_sat_and_seed_rows_in_the_authors_schema(tmp_path):
    out, stats = run(tmp_path, CAPITAL)
    q, bad, complaint, good = (user("What is the capital of Australia?"), assistant("Sydney."),
                               user("Wrong, it's Canberra."), assistant("Sorry, it is Canberra."))
    assert out["dsat"] == [{"prompt": [q], "rejected": [bad], "user_preference": complaint}]
    assert out["sat"] == [{"prompt": [q, bad, complaint], "chosen": [good]}]
    assert out["seed"] == [{"prompt": [q], "chosen": [good], "rejected": [bad]}]
    assert list(out["dsat"][0]) == ["prompt", "rejected", "user_preference"]  # no extra keys
    assert stats["rows"] == {"dsat": 1, "sat": 1, "seed": 1}
    assert stats["conversations"]["read"] == stats["conversations"]["unique"] == 1


def test_label_comes_from_the_next_user_row_and_agent_labels_are_ignored(tmp_path):
    # every Agent row says DSAT, every User row says SAT: only SAT rows may come out
    rows = conversation("Q1", "A1", ("thanks, next: Q2", "sat"), "A2", ("great", "sat"), agent_labels="dsat")
    out, stats = run(tmp_path, rows)
    assert out["dsat"] == [] and out["seed"] == []
    assert [r["chosen"][0]["content"] for r in out["sat"]] == ["A1", "A2"]
    # and the reverse: Agent rows say SAT, the User rows say DSAT
    rows = conversation("Q1", "A1", ("wrong", "dsat"), "A2", agent_labels="sat")
    out, _ = run(tmp_path, rows, out="out2")
    assert out["sat"] == [] and [r["rejected"][0]["content"] for r in out["dsat"]] == ["A1"]


def test_preceeding_no_labels_are_not_about_the_reply_before(tmp_path):
    rows = conversation("Q1", "A1", ("new topic: Q2", "dsat", {"Preceeding": "NO"}), "A2",
                        ("thanks", "sat", {"Preceeding": "NO"}))
    out, stats = run(tmp_path, rows)
    assert out == {"dsat": [], "sat": [], "seed": []}
    assert stats["replies"] == {"not_preceeding": 2}


@pytest.mark.parametrize("sat, dsat, expected", [
    (False, True, "dsat"), (None, True, "dsat"), ("missing", True, "dsat"),
    (True, False, "sat"), (True, None, "sat"), (True, "missing", "sat"),
    (True, True, "unclear"), (None, None, "unclear"), ("missing", "missing", "unclear"),
    (False, None, "unclear"), (False, False, "neutral"),
])
def test_which_label_combinations_count(tmp_path, sat, dsat, expected):
    override = {"Satisfaction": sat, "Disatisfaction": dsat}
    # None in `conversation` overrides deletes a column; write explicit nulls afterwards
    rows = conversation("Q", "A", ("follow-up", None, {k: v for k, v in override.items() if v != "missing" and v is not None}))
    for k, v in override.items():
        if v == "missing":
            rows[2].pop(k)
        elif v is None:
            rows[2][k] = None
    out, stats = run(tmp_path, rows)
    assert stats["replies"] == {expected: 1}
    assert len(out["dsat"]) == (expected == "dsat") and len(out["sat"]) == (expected == "sat")


def test_last_reply_of_a_conversation_has_no_label(tmp_path):
    rows = conversation("Q", "A1", ("wrong", "dsat"), "A2", agent_labels="sat")
    out, stats = run(tmp_path, rows)
    assert stats["replies"] == {"dsat": 1, "last_reply": 1}
    assert out["sat"] == [] and out["seed"] == []


def test_seed_needs_the_very_next_reply_to_be_sat(tmp_path):
    rows = conversation("Q", "A1", ("wrong", "dsat"), "A2", ("still wrong", "dsat"), "A3", ("yes!", "sat"))
    out, _ = run(tmp_path, rows)
    assert len(out["dsat"]) == 2 and len(out["sat"]) == 1
    (seed,) = out["seed"]  # A2 -> A3 only; A1 -> A2 was DSAT -> DSAT
    assert seed["rejected"] == [assistant("A2")] and seed["chosen"] == [assistant("A3")]
    assert seed["prompt"] == [user("Q"), assistant("A1"), user("wrong")]
    # a SAT judged with Preceeding NO does not make a seed
    rows = conversation("Q", "A1", ("wrong", "dsat"), "A2", ("thanks", "sat", {"Preceeding": "NO"}))
    out, _ = run(tmp_path, rows, out="out2")
    assert len(out["dsat"]) == 1 and out["seed"] == [] and out["sat"] == []


def test_conversations_start_at_utterance_id_zero(tmp_path):
    a = conversation("Q1", "A1", ("wrong", "dsat"))
    b = conversation("Q2", "B1", ("wrong too", "dsat"))
    out, stats = run(tmp_path, a + b)
    assert [r["prompt"] for r in out["dsat"]] == [[user("Q1")], [user("Q2")]]  # nothing leaks across
    assert stats["conversations"]["read"] == 2


@pytest.mark.parametrize("reason, damage", [
    ("roles_not_alternating", lambda rows: rows[2].update(Role="Agent")),
    ("roles_not_alternating", lambda rows: rows[0].update(Role="Agent")),
    ("empty_content", lambda rows: rows[1].update(Content="")),
    ("empty_content", lambda rows: rows[2].update(Content=" \n\t")),
    ("missing_field", lambda rows: rows[1].pop("Content")),
    ("missing_field", lambda rows: rows[2].update(Role=None)),
    ("missing_field", lambda rows: rows[3].pop("UtterranceId")),
    ("wrong_type", lambda rows: rows[1].update(Content=["not", "a", "string"])),
    ("wrong_type", lambda rows: rows[3].update(UtterranceId="3")),
    ("wrong_type", lambda rows: rows[2].update(Role=1)),
    ("unknown_role", lambda rows: rows[1].update(Role="Assistant")),
    ("utterance_ids_not_consecutive", lambda rows: rows[3].update(UtterranceId=7)),
    ("invalid_unicode", lambda rows: rows[1].update(Content="bad \ud800 surrogate")),
])
def test_broken_conversations_are_skipped_whole_and_counted(tmp_path, reason, damage):
    """The damaged conversation is skipped and counted by reason; its neighbours lose nothing."""
    before = conversation("Q0", "R0", ("no", "dsat"), "R0b", ("ok", "sat"))
    broken = conversation("Q1", "R1", ("wrong", "dsat"), "R1b", ("ok", "sat"))
    after = conversation("Q2", "R2", ("no", "dsat"))
    damage(broken)
    out, stats = run(tmp_path, before + broken + after)
    assert stats["skipped"] == {reason: 1}
    assert stats["first_skipped_at"][reason].startswith("in.json element [")
    clean, _ = run(tmp_path, before + after, out="clean")
    assert out == clean


def test_an_unreadable_id_on_a_first_row_costs_one_conversation(tmp_path):
    a = conversation("Q0", "R0", ("no", "dsat"))
    b = conversation("Q1", "R1", ("wrong", "dsat"))
    c = conversation("Q2", "R2", ("no", "dsat"))
    b[0]["UtterranceId"] = None  # cannot tell it starts a conversation, but the next row is id 1
    out, stats = run(tmp_path, a + b + c)
    assert stats["skipped"] == {"missing_field": 1}
    assert [r["rejected"][0]["content"] for r in out["dsat"]] == ["R0", "R2"]


def test_exact_duplicates_are_dropped_and_counted(tmp_path):
    prefix = CAPITAL[:3]  # the same conversation logged again, cut after the complaint
    other_complaint = conversation(*[r["Content"] for r in CAPITAL[:2]], ("No! Canberra.", "dsat"))
    out, stats = run(tmp_path, CAPITAL + CAPITAL + prefix + other_complaint)
    assert stats["rows"] == {"dsat": 1, "sat": 1, "seed": 1}
    # same prompt and rejected = a duplicate, whatever the complaint says
    assert stats["duplicates_dropped"] == {"dsat": 3, "sat": 1, "seed": 1}
    assert stats["conversations"]["unique"] == 3 and stats["conversations"]["with_dsat"] == 1


def test_unicode_survives_unchanged(tmp_path):
    texts = ["¿Cómo se dice 'thank you' en japonés? 🙏", "ありがとう (arigatō) \u2028 ok",
             ("Не так, это \"неверно\" \\ 😡", "dsat")]
    out, _ = run(tmp_path, conversation(*texts))
    (row,) = out["dsat"]
    assert row["prompt"][0]["content"] == texts[0]
    assert row["rejected"][0]["content"] == texts[1]
    assert row["user_preference"]["content"] == texts[2][0]
    # escaped in the input (\uXXXX, surrogate pairs) reads the same
    path = tmp_path / "escaped.json"
    path.write_text(json.dumps(conversation(*texts), ensure_ascii=True))
    escaped, _ = run(tmp_path, input_path=path, out="escaped")
    assert escaped["dsat"] == out["dsat"]


@pytest.mark.parametrize("content, fmt, message", [
    ([{"conversations": [{"from": "human", "value": "hi"}], "rejected": {"from": "gpt", "value": "x"}}],
     "wildfeedback-annotation", "field 'UtterranceId': element [0]: not a sat_dsat_annotation row"),
    ([CAPITAL[0], "a string"], "wildfeedback-annotation", "element [1]: expected a JSON object"),
    ([{"prompt": "hi", "chosen": "a"}], "wildfeedback", "not a WildFeedback (ShareGPT) row"),
    ([{"UtterranceId": 0, "Role": "User"}], "ultrafeedback", "not an UltraFeedback binarized row"),
    ([{"conversations": []}], "drift-jsonl", "field 'prompt'"),
])
def test_a_file_that_is_not_its_format_is_a_clear_error(tmp_path, capsys, content, fmt, message):
    path = write_array(tmp_path / "wrong.json", content)
    assert filter_data.main(["--input", str(path), "--format", fmt, "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "wrong.json" in err and message in err
    assert not (tmp_path / "o" / "dsat.jsonl").exists()  # nothing half-written


def test_jsonl_or_an_object_given_as_the_annotation_array_is_an_error(tmp_path, capsys):
    path = write_lines(tmp_path / "rows.jsonl", CAPITAL)
    assert filter_data.main(["--input", str(path), "--format", "wildfeedback-annotation",
                             "--out", str(tmp_path / "o")]) == 1
    assert "rows.jsonl, line 1: expected a JSON array" in capsys.readouterr().err


def test_truncated_file_fails_and_keeps_the_previous_outputs(tmp_path, capsys):
    good, _ = run(tmp_path, CAPITAL)
    path = tmp_path / "cut.json"
    path.write_text(json.dumps(CAPITAL * 3)[:-40])
    assert filter_data.main(["--input", str(path), "--format", "wildfeedback-annotation",
                             "--out", str(tmp_path / "out")]) == 1
    assert "cut.json" in capsys.readouterr().err
    assert read_rows(tmp_path / "out" / "dsat.jsonl") == good["dsat"]
    assert not list((tmp_path / "out").glob(".*.tmp"))


junk = st.sampled_from([
    lambda c: c[1].update(Content=""), lambda c: c[0].update(Role="Agent"), lambda c: c[1].pop("Content"),
    lambda c: c[1].update(Content=7), lambda c: c[2].update(UtterranceId=5), lambda c: c.pop(1),
])
turn_label = st.sampled_from(["dsat", "sat", "neutral", "both", "null"])


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_no_valid_row_is_lost_among_broken_conversations(tmp_path_factory, data):
    """Interleaving broken conversations changes nothing in what the valid ones give."""
    valid = []
    for c in range(data.draw(st.integers(1, 6))):
        n = data.draw(st.integers(1, 7))
        turns = [f"q{c}"] + [f"a{c}.{i}" if i % 2 else (f"u{c}.{i}", data.draw(turn_label)) for i in range(1, n)]
        valid.append(conversation(*turns))
    mixed = []
    for conv in valid:
        if data.draw(st.booleans()):
            broken = conversation("bq", "ba", ("bc", "dsat"), "bd", ("be", "sat"))
            data.draw(junk)(broken)
            mixed.append(broken)
        mixed.append(conv)
    tmp = tmp_path_factory.mktemp("lost")
    clean, clean_stats = run(tmp, [r for c in valid for r in c], out="clean")
    out, stats = run(tmp, [r for c in mixed for r in c], out="mixed")
    assert out == clean
    assert stats["conversations"]["read"] - sum(stats["skipped"].values()) == clean_stats["conversations"]["read"]


# ----------------------------------------------------------------------------------------------
# the command line

def test_bundled_sample_outputs_are_what_the_command_writes(tmp_path):
    """data/sample/filtered is `filter_data.py ... --test-size 3`: the demo shows 3 held-out
    DSAT conversations from filtered/test/dsat.jsonl."""
    out, stats = run(tmp_path, None, "wildfeedback-annotation", "--test-size", "3", input_path=SAMPLE)
    committed = ROOT / "data" / "sample" / "filtered"
    for kind in ("dsat", "sat", "seed"):
        assert out[kind] == read_rows(committed / f"{kind}.jsonl"), f"re-run filter_data.py on the sample ({kind})"
        held_out = read_rows(tmp_path / "out" / "test" / f"{kind}.jsonl")
        assert held_out == read_rows(committed / "test" / f"{kind}.jsonl") and len(held_out) >= 3
    assert len(out["dsat"]) >= 12 and len(out["seed"]) >= 4
    assert set(stats["skipped"]) == {"empty_content", "missing_field", "roles_not_alternating"}
    assert all(stats["duplicates_dropped"].values())
    assert {"dsat", "sat", "unclear", "neutral", "not_preceeding", "last_reply"} <= set(stats["replies"])


def test_printed_table_mirrors_table_1(tmp_path, capsys):
    run(tmp_path, CAPITAL)
    printed = capsys.readouterr().out
    for label in ("Unique conversations", "DSAT", "SAT", "DSAT -> SAT", "# Conversations", "# Rows"):
        assert label in printed


def test_test_split_holds_out_whole_conversations_and_is_seeded(tmp_path):
    """--test-size 3 holds out 3 conversations with a DSAT row, whole: each output file splits into
    train + test with nothing lost, and no training file keeps a row (DSAT, SAT or seed pair) of a
    held-out conversation, nor the text of any held-out reply."""
    full, _ = run(tmp_path, input_path=SAMPLE, out="full")
    a, stats = run(tmp_path, None, "wildfeedback-annotation", "--test-size", "3", input_path=SAMPLE, out="a")
    b, _ = run(tmp_path, None, "wildfeedback-annotation", "--test-size", "3", input_path=SAMPLE, out="b")
    c, _ = run(tmp_path, None, "wildfeedback-annotation", "--test-size", "3", "--seed", "7", input_path=SAMPLE, out="c")
    test = {kind: read_rows(tmp_path / "a" / "test" / f"{kind}.jsonl") for kind in ("dsat", "sat", "seed")}
    assert stats["held_out_conversations"] == 3
    assert len({filter_data.conversation_key(r) for r in test["dsat"]}) == 3
    held = {filter_data.conversation_key(r) for rows in test.values() for r in rows}
    training_text = json.dumps([a[k] for k in a])
    for kind in ("dsat", "sat", "seed"):
        assert stats["test"][kind] == len(test[kind]) and stats["train"][kind] == len(full[kind]) - len(test[kind])
        assert sorted(map(json.dumps, a[kind] + test[kind])) == sorted(map(json.dumps, full[kind]))
        assert not any(filter_data.conversation_key(r) in held for r in a[kind])
        assert test[kind] == read_rows(tmp_path / "b" / "test" / f"{kind}.jsonl")  # same seed, same split
        for r in test[kind]:
            for side in ("chosen", "rejected"):
                assert r.get(side) is None or r[side][0]["content"] not in training_text
    assert test["seed"] and test["sat"]  # the sample's held-out conversations had revisions: they went too
    assert any(read_rows(tmp_path / "c" / "test" / f"{k}.jsonl") != test[k] for k in ("dsat", "sat", "seed"))
    # a later run without a split removes the stale test files
    run(tmp_path, None, input_path=SAMPLE, out="a")
    assert not list((tmp_path / "a" / "test").glob("*.jsonl"))


def test_every_row_of_a_held_out_conversation_goes_with_it(tmp_path):
    """Conversations with DSAT, SAT and DSAT->SAT rows, of several lengths, held out one by one:
    with --test-size 1 and every seed, the conversation drawn leaves no row in training."""
    convs = [conversation(f"question {i}?", f"bad answer {i}", (f"wrong {i}", "dsat"), f"better answer {i}",
                          ("thanks", "sat"), f"more {i}", (f"and again {i}", "dsat"), f"last {i}")
             for i in range(5)]
    rows = [r for c in convs for r in c]
    for seed in range(5):
        out, stats = run(tmp_path, rows, "wildfeedback-annotation", "--test-size", "1", "--seed", str(seed),
                         out=f"s{seed}")
        test = {k: read_rows(tmp_path / f"s{seed}" / "test" / f"{k}.jsonl") for k in ("dsat", "sat", "seed")}
        (opening,) = {r["prompt"][0]["content"] for rows_ in test.values() for r in rows_}
        assert (len(test["dsat"]), len(test["sat"]), len(test["seed"])) == (2, 1, 1)
        assert all(r["prompt"][0]["content"] != opening for k in out for r in out[k])


def test_max_rows_reads_only_that_many_input_rows(tmp_path):
    out, stats = run(tmp_path, CAPITAL * 2 + conversation("Q", "A", ("bad", "dsat")), "wildfeedback-annotation",
                     "--max-rows", "4")
    assert stats["input_rows"] == 4
    # the cut conversation ends on the revision, which then has no label
    assert len(out["dsat"]) == 1 and out["sat"] == [] and stats["replies"]["last_reply"] == 1


def test_provenance_is_opt_in(tmp_path):
    plain, _ = run(tmp_path, CAPITAL)
    traced, _ = run(tmp_path, CAPITAL, "wildfeedback-annotation", "--provenance", out="traced")
    assert "source" not in plain["dsat"][0]
    assert traced["dsat"][0]["source"] == {"file": "in.json", "element": 1, "line": 3}
    assert {k: v for k, v in traced["dsat"][0].items() if k != "source"} == plain["dsat"][0]


def test_unknown_format_is_a_usage_error(tmp_path):
    r = subprocess.run([sys.executable, "filter_data.py", "--input", str(SAMPLE), "--format", "sharegpt",
                        "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.count("\n") == 1  # one line, bad input
    assert "invalid choice: 'sharegpt'" in r.stderr and "wildfeedback-annotation" in r.stderr


def test_missing_input_file(tmp_path, capsys):
    assert filter_data.main(["--input", str(tmp_path / "nope.json"), "--format", "wildfeedback",
                             "--out", str(tmp_path / "o")]) == 1
    assert "nope.json: file not found" in capsys.readouterr().err


# ----------------------------------------------------------------------------------------------
# the other formats

def sharegpt(*turns, rejected="bad reply"):
    roles = ["human", "gpt"]
    return {"conversations": [{"from": roles[i % 2], "value": t} for i, t in enumerate(turns)],
            "chosen": {"from": "gpt", "value": "a GPT-4 rewrite"}, "rejected": {"from": "gpt", "value": rejected}}


@pytest.mark.parametrize("writer", [write_array, write_lines])
def test_wildfeedback_sharegpt_rows_have_no_complaint(tmp_path, writer):
    rows = [sharegpt("Q", "A", "that's wrong"),
            sharegpt("Q", "A", "that's wrong"),  # duplicate
            sharegpt("Q2", rejected=""),  # empty reply
            sharegpt("Q3", "A3"),  # ends on the assistant: not a prompt
            {**sharegpt("Q4"), "conversations": [{"from": "bot", "value": "Q4"}]},
            {"conversations": [{"from": "human", "value": "Q5"}]},  # no rejected
            sharegpt("Q6 ✓")]
    out, stats = run(tmp_path, None, "wildfeedback", input_path=writer(tmp_path / "wf.json", rows))
    assert out["dsat"] == [
        {"prompt": [user("Q"), assistant("A"), user("that's wrong")], "rejected": [assistant("bad reply")],
         "user_preference": None},
        {"prompt": [user("Q6 ✓")], "rejected": [assistant("bad reply")], "user_preference": None}]
    assert set(out) == {"dsat"}
    assert stats["user_preference_null"] == 2 and stats["duplicates_dropped"] == {"dsat": 1}
    assert stats["skipped"] == {"empty_content": 1, "prompt_not_ending_with_user": 1, "unknown_role": 1,
                                "missing_field": 1}
    assert stats["skipped_unit"] == "rows"


def ultra(prompt, chosen, rejected):
    return {"prompt": prompt, "prompt_id": "0" * 64,
            "chosen": [user(prompt), assistant(chosen)], "rejected": [user(prompt), assistant(rejected)],
            "messages": [user(prompt), assistant(chosen)], "score_chosen": 8.0, "score_rejected": 4.0}


def ultra_rows():
    broken = ultra("P3", "good", "bad")
    broken["chosen"] = [user("P3")]  # no reply
    return [ultra("P1", "good 1", "bad 1"), ultra("P2", "good 2", ""), broken, ultra("P1", "good 1", "bad 1")]


def test_ultrafeedback_gives_drift_negatives_and_spin_positives(tmp_path):
    out, stats = run(tmp_path, None, "ultrafeedback", input_path=write_lines(tmp_path / "uf.jsonl", ultra_rows()))
    assert out["dsat"] == [{"prompt": [user("P1")], "rejected": [assistant("bad 1")], "user_preference": None},
                           {"prompt": [user("P3")], "rejected": [assistant("bad")], "user_preference": None}]
    assert out["sat"] == [{"prompt": [user("P1")], "chosen": [assistant("good 1")]},
                          {"prompt": [user("P2")], "chosen": [assistant("good 2")]}]
    assert stats["skipped"] == {"rejected: empty_content": 1, "chosen: reply_not_assistant": 1}
    assert stats["duplicates_dropped"] == {"dsat": 1, "sat": 1} and stats["user_preference_null"] == 2


def test_ultrafeedback_parquet(tmp_path):
    import pyarrow as pa  # requirements-extra.txt
    import pyarrow.parquet as pq
    path = tmp_path / "train_prefs.parquet"
    pq.write_table(pa.Table.from_pylist(ultra_rows()), path)
    out, _ = run(tmp_path, None, "ultrafeedback", input_path=path, out="pq")
    jsonl, _ = run(tmp_path, None, "ultrafeedback", input_path=write_lines(tmp_path / "uf.jsonl", ultra_rows()))
    assert out == jsonl


def test_drift_jsonl_round_trips_our_own_outputs(tmp_path):
    """The authors' schema in, the same rows out: their files work unchanged."""
    ours, _ = run(tmp_path, input_path=SAMPLE)
    inputs = [str(tmp_path / "out" / f"{k}.jsonl") for k in ("dsat", "sat", "seed")]
    assert filter_data.main(["--input", *inputs, "--format", "drift-jsonl", "--out", str(tmp_path / "again")]) == 0
    for kind in ("dsat", "sat", "seed"):
        assert read_rows(tmp_path / "again" / f"{kind}.jsonl") == ours[kind]


def test_drift_jsonl_normalises_and_validates(tmp_path):
    rows = [
        {"prompt": "hi", "rejected": "bad", "user_preference": "be nicer"},  # strings -> messages
        {"prompt": [user("hi")], "rejected": {"role": "assistant", "content": "bad 2"}},  # no complaint
        {"prompt": [{"role": "system", "content": "Be brief."}, user("q")], "chosen": [assistant("c")],
         "rejected": [assistant("r")], "extra": 1},
        {"prompt": [user("q"), assistant("a")], "rejected": [assistant("r")]},  # prompt ends with assistant
        {"prompt": [user("q")], "rejected": [assistant("r1"), assistant("r2")]},
        {"prompt": [user("q")], "chosen": [user("not a reply")]},
        {"prompt": [user("q")]},
    ]
    out, stats = run(tmp_path, None, "drift-jsonl", input_path=write_lines(tmp_path / "dsat_data.jsonl", rows))
    assert out["dsat"] == [
        {"prompt": [user("hi")], "rejected": [assistant("bad")], "user_preference": user("be nicer")},
        {"prompt": [user("hi")], "rejected": [assistant("bad 2")], "user_preference": None}]
    assert out["seed"] == [{"prompt": [{"role": "system", "content": "Be brief."}, user("q")],
                            "chosen": [assistant("c")], "rejected": [assistant("r")]}]
    assert out["sat"] == []
    assert stats["skipped"] == {"prompt_not_ending_with_user": 1, "reply_not_one_message": 1,
                                "reply_not_assistant": 1, "missing_field": 1}
    assert stats["first_skipped_at"]["missing_field"] == "dsat_data.jsonl line 7, field 'chosen/rejected'"


# ----------------------------------------------------------------------------------------------
# streaming at scale

def write_synthetic_annotation(path, target_bytes: float, seed: int = 0) -> dict:
    """Write a sat_dsat_annotation-style JSON array of about `target_bytes` (every conversation
    distinct, replies of 0.3-2 kB) and return the counts the filter must find in it."""
    rng = random.Random(seed)
    words = "the a reply user answer wrong please fix code python list capital number again why é 中文".split()
    paragraphs = [" ".join(rng.choice(words) for _ in range(n)) for n in (40, 120, 300)]
    expected = {"dsat": 0, "sat": 0, "seed": 0, "input_rows": 0, "conversations": 0}
    written, first = 0, True
    with open(path, "w", encoding="utf-8") as f:
        f.write("[\n")
        while written < target_bytes:
            c, n = expected["conversations"], rng.randint(1, 9)
            labels = [None] + [rng.choice(["dsat", "dsat", "sat", None, None, None]) for _ in range(1, n)]
            for i in range(n):
                judged = labels[i + 1] if i % 2 and i + 1 < n else None  # what the next row says of reply i
                expected[judged] = expected.get(judged, 0) + 1
                if judged == "dsat" and i + 3 < n and labels[i + 3] == "sat":
                    expected["seed"] += 1
                sat, dsat = LABELS[labels[i] if i % 2 == 0 else labels[i - 1]]
                row = {"UtterranceId": i, "TurnId": i // 2 + 1, "Role": "User" if i % 2 == 0 else "Agent",
                       "Content": f"[{c}.{i}] {paragraphs[rng.randrange(3)]}", "Preceeding": "YES" if i else "NO",
                       "State": "FEEDBACK", "Satisfaction": sat, "Satisfaction-Justificiation": "",
                       "Disatisfaction": dsat, "Dissatisfaction-Justificiation": ""}
                text = ("" if first else ",\n") + json.dumps(row, ensure_ascii=False)
                f.write(text)
                written += len(text.encode())
                first = False
                expected["input_rows"] += 1
            expected["conversations"] += 1
        f.write("\n]\n")
    return expected


@pytest.mark.slow
def test_streaming_a_256mb_file_in_bounded_memory(tmp_path):
    path = tmp_path / "sat_dsat_annotation.json"
    expected = write_synthetic_annotation(path, 256e6)
    # getrusage(RUSAGE_CHILDREN) in a fresh interpreter sees only the one command it waits for
    measure = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    r = subprocess.run([sys.executable, "-c", measure, sys.executable, "filter_data.py", "--input", str(path),
                        "--format", "wildfeedback-annotation", "--out", str(tmp_path / "out")],
                       cwd=ROOT, capture_output=True, text=True, check=True)
    peak_mb = int(r.stdout) / 1024  # ru_maxrss is in KiB on Linux
    print(f"peak RSS {peak_mb:.0f} MB for a {path.stat().st_size / 1e6:.0f} MB file")
    assert peak_mb < 200
    stats = json.loads((tmp_path / "out" / "stats.json").read_text())
    assert stats["input_rows"] == expected["input_rows"]
    assert stats["conversations"]["read"] == stats["conversations"]["unique"] == expected["conversations"]
    assert stats["rows"] == {k: expected[k] for k in ("dsat", "sat", "seed")}
