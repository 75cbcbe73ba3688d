"""From raw chat logs to DRIFT rows (filter_data.py --format chat, drift/finder.py): every layout
gives the same rows, bad records are one line or a counted skip, every rule fires on what it names
and not on neutral turns, the judge finder's label is the brute-force softmax of its label log-probs
(on a tiny model taught to emit them), and --compare-labels reports what a hand count gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch

import filter_data
from drift.data import load_dsat, load_pairs, load_sat
from drift.finder import DSAT_RULES, SAT_RULES, WEAK_DSAT_RULES, JudgeFinder, Turn, compare, rule_label, turns_of
from drift.io import DataError
from drift.judge import Judge, fill, transcript
from drift.logprobs import naive_sequence_logps
from drift.tiny import make_model, make_tokenizer

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "synthetic_sat_dsat_annotation.json"

# one conversation: a complaint, then a revision the user thanks for, then a new question
CONVERSATION = [
    ("system", "Be brief."),
    ("user", "What is the capital of Australia?"),
    ("assistant", "Sydney."),
    ("user", "That's wrong, it's Canberra."),
    ("assistant", "You're right: Canberra."),
    ("user", "Thanks! And of Canada?"),
    ("assistant", "Ottawa."),
]


def layouts(messages=CONVERSATION) -> dict[str, dict]:
    openai = {"messages": [{"role": r, "content": c} for r, c in messages]}
    sharegpt = {"conversations": [{"from": {"user": "human", "assistant": "gpt"}.get(r, r), "value": c} for r, c in messages]}
    wildchat = {"conversation": [{"role": r, "content": c, "language": "English", "timestamp": None} for r, c in messages],
                "model": "gpt-4", "toxic": False}
    parts = {"messages": [{"role": r, "content": [{"type": "text", "text": c}]} for r, c in messages]}
    return {"openai": openai, "sharegpt": sharegpt, "wildchat": wildchat, "openai_parts": parts}


def run_filter(tmp_path: Path, name: str, rows, *extra: str, as_array: bool = False) -> tuple[Path, dict]:
    path = tmp_path / name
    path.write_text(json.dumps(rows) if as_array else "".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / (name + ".out")
    assert filter_data.main(["--input", str(path), "--format", "chat", "--out", str(out), *extra]) == 0
    return out, json.loads((out / "stats.json").read_text())


def rows_of(out: Path) -> dict[str, list[dict]]:
    return {k: [json.loads(x) for x in (out / f"{k}.jsonl").read_text().splitlines()] for k in ("dsat", "sat", "seed")}


def test_every_layout_gives_the_same_rows(tmp_path):
    found = {}
    for name, row in layouts().items():
        out, stats = run_filter(tmp_path, f"{name}.jsonl", [row])
        found[name] = rows_of(out)
        assert stats["skipped"] == {}
    out, _ = run_filter(tmp_path, "array.json", [layouts()["sharegpt"]], as_array=True)
    found["array"] = rows_of(out)
    pyarrow = pytest.importorskip("pyarrow.parquet")  # an optional extra (requirements-extra.txt)
    pyarrow.write_table(__import__("pyarrow").Table.from_pylist([layouts()["wildchat"]]), tmp_path / "c.parquet")
    assert filter_data.main(["--input", str(tmp_path / "c.parquet"), "--format", "chat", "--out", str(tmp_path / "pq")]) == 0
    found["parquet"] = rows_of(tmp_path / "pq")
    first = found["openai"]
    assert all(rows == first for rows in found.values())
    system, q, sydney, complaint, canberra, thanks = [{"role": r, "content": c} for r, c in CONVERSATION[:6]]
    (dsat,), (sat,), (seed,) = first["dsat"], first["sat"], first["seed"]
    assert dsat["prompt"] == [system, q] and dsat["rejected"] == [sydney] and dsat["user_preference"] == complaint
    assert dsat["finder"] == {"finder": "rules", "rule": "correction"}
    assert sat["prompt"] == [system, q, sydney, complaint] and sat["chosen"] == [canberra]
    assert sat["finder"] == {"finder": "rules", "rule": "thanks"}
    assert seed["chosen"] == [canberra] and seed["rejected"] == [sydney] and seed["prompt"] == [system, q]


def test_the_rows_written_are_what_train_py_reads(tmp_path):
    rows = [layouts()["openai"]] + [
        {"messages": [{"role": "user", "content": f"Question {i}?"}, {"role": "assistant", "content": f"Answer {i}."},
                      {"role": "user", "content": "No, that's not it."}]} for i in range(5)]
    out, stats = run_filter(tmp_path, "logs.jsonl", rows, "--test-size", "2")
    assert len(load_dsat(out / "dsat.jsonl")) + len(load_dsat(out / "test" / "dsat.jsonl")) == 6
    assert len(load_sat(out / "sat.jsonl")) + len(load_sat(out / "test" / "sat.jsonl")) == 1
    assert len(load_pairs(out / "seed.jsonl")) + len(load_pairs(out / "test" / "seed.jsonl")) == 1
    assert stats["finder"]["labels"] == {"dsat": 6, "sat": 1, "neither": 0}
    assert stats["finder"]["decided_by"] == {"correction": 6, "thanks": 1}
    assert stats["conversations"]["read"] == 6 and stats["test"]["dsat"] == 2


def test_bad_records_are_one_line_or_a_counted_skip(tmp_path):
    good = layouts()["openai"]
    # the first record says what the file is: not a chat file at all is one line naming file and line
    path = tmp_path / "other.jsonl"
    path.write_text(json.dumps({"prompt": "x", "completion": "y"}) + "\n")
    with pytest.raises(DataError, match=r"other.jsonl, line 1.*none of the columns messages, conversation, conversations"):
        filter_data.run(["--input", str(path), "--format", "chat", "--out", str(tmp_path / "o")])
    path.write_text("[1, 2]")
    with pytest.raises(DataError, match="expected a JSON object"):
        filter_data.run(["--input", str(path), "--format", "chat", "--out", str(tmp_path / "o")])
    # later records that cannot be used are skipped and counted by reason, with where it first happened
    bad = [
        {"messages": [{"role": "user", "content": "hi"}, {"role": "tool", "content": "x"}]},
        {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "u"}}]}]},
        {"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]},
        {"messages": [{"role": "user", "content": "  "}]},
        {"messages": "not a list"},
        {"text": "no conversation"},
    ]
    _, stats = run_filter(tmp_path, "mixed.jsonl", [good, *bad])
    assert stats["skipped"] == {"empty_content": 1, "missing_field": 1, "non_text_content": 1,
                                "roles_not_alternating": 1, "unknown_role": 1, "wrong_type": 1}
    assert stats["first_skipped_at"]["unknown_role"] == "mixed.jsonl line 2, field 'messages'"
    assert stats["rows"] == {"dsat": 1, "sat": 1, "seed": 1}


RULE_EXAMPLES = {
    "correction": ["That's wrong, it is 42.", "You are mistaken about the date.", "this is incorrect",
                   "That's not true.", "Gd is gadolinium, not gold."],
    "contradiction": ["That doesn't start with J.", "It isn't, 91 = 7 x 13.", "But it wasn't in 1990."],
    "negation": ["No, I meant the other one.", "Nope.", "no that's the old version"],
    "retry": ["Try again please.", "Can you redo it?", "Give it another shot"],
    "not_what_asked": ["That's not what I asked for.", "You ignored my second point.", "I said one sentence."],
    "does_not_work": ["The code doesn't work.", "Still broken after the change.", "This makes no sense."],
    "style_complaint": ["Way too long.", "Can you make it shorter?", "Too vague, be specific."],
    "negated_praise": ["Hmm, not helpful.", "This answer is not useful"],
    "thanks": ["Thanks!", "Yes, thank you.", "ok thx", "👍"],
    "praise": ["Perfect, that's it.", "Great answer.", "That's very helpful", "Got it, makes sense."],
    "it_worked": ["It works now.", "That fixed it, cheers", "Works."],
    "again": ["Same error as before.", "You've said that already.", "I'll ask again: which one is faster?"],
    "already_tried": ["I already tried restarting it.", "Already checked the cable."],
    "ignored": ["You changed the function name.", "Why did you remove my comments?", "I meant the red one."],
    "unresolved": ["Your patch does not resolve the leak.", "Now it says access denied.", "It still crashes on startup."],
    "style_request": ["Give me the short version.", "Please answer in English.", "I wanted one name rather than a list"],
    "gave_up": ["Forget it.", "never mind, I'll do it myself"],
    "however": ["The meeting is on Tuesday though.", "However, the report is not due until May."],
    "evasion": ["Okay, but what is the total?", "So is it safe or not?"],
    "other_language": ["Está mal, son 12.", "Eso no funciona todavía"],
    "own_words": ["i literally said under 100 words", "The deadline I gave was Friday.", "Please answer what I asked."],
    "complaint_question": ["Did you even look at the file?", "How is this what I wanted?", "Is there a person I can talk to?",
                           "Where's the third example I asked for?", "Fine, but which one, though?", "Are you sure about that?",
                           "why would a restart fix a DNS issue"],
    "frustration": ["What a waste of my evening.", "You keep making things up.", "ugh. whatever", "Stop apologizing and fix it.", "I'll just ask my accountant instead.",
                    "you've conflated two things"],
    "too_much": ["That's too technical for a ten year old.", "can't read all that", "In one line, please.",
                 "I only need the command.", "write it in plain english", "That's well over 50 words."],
    "symptom": ["It crashes when I click save.", "the stain is still there", "Tried it, the leak is worse now.",
                "Now I get a permission error.", "Still off by one.", "the crust is still soggy",
                "reinstalled, same ImportError", "Formula gives #N/A on every row."],
    "not_good": ["Not even close.", "I'm afraid that misses the point.", "I don't think so, the vote was in 1998.",
                 "the totals are wrong", "it's kilograms not pounds",
                 "that can't be right, it's 40", "I'm not entirely convinced.", "Hmm, I rather thought it was in May."],
    "other_language_words": ["non, pas du tout", "nee, dat klopt niet", "ho detto senza glutine"],
    "confirmed": ["Yes, that's the one.", "That is exactly what I was looking for."],
    "loved": ["I love this version.", "Spot on.", "Superb work"],
    "approval": ["the baking soda trick worked!", "All good on my side.", "This helps a lot, much appreciated", "🚀",
                 "That'll do.", "ok valid", "not bad at all", "no errors anymore"],
    "moved_on": ["popup gone. now how do I center the footer?", "Part one done! next: the budget table."],
    "other_language_thanks": ["obrigado, ficou ótimo", "grazie mille", "salamat!"],
    "said_otherwise": ["The manual says otherwise.", "my coach said the exact opposite", "you have the signs backwards",
                       "isn't that backwards?", "This contradicts the label on the bottle."],
    "non_answer": ["Bit of a non-answer, that.", "that skipped the actual question", "so much text and no answer",
                   "It's all caveats."],
    "not_how": ["Pretty sure that's not how it works.", "thats not how the scoring goes"],
    "incredulous": ["Three hours?? It's a 20 minute walk.", "Three cups of salt? Really?", "really?"],
    "lost": ["i don't get any of this", "Sorry, I not understand this part."],
    "tried_already": ["We tried all of that last week.", "did that already, no change"],
    "went_elsewhere": ["I'll just ask my sister.", "screw it, I'll rebuild the whole thing", "ok forget, I'll work it out",
                       "I'm done, going to do it by hand", "Not to worry, I'll manage."],
    "after_trying": ["tried it, the door squeaks like mad", "Tried that and now the screen flickers", "the paint went even darker"],
    "ok_next": ["ok. and how long do I let it rest?", "Alright, what about the second form?", "fine, then what about the crust?"],
    "went_well": ["the sauce came out way tastier", "Balances match mine exactly.", "My boss loved it!", "Brill.",
                  "sounds good to me", "those hooks made a huge difference"],
    "length": ["wow, that's a lot", "mate that's an essay", "6 paragraphs for a yes or no?", "could you condense that?",
               "skip the theory, I just need the steps", "tl;dr?", "can you put it more simply?", "honestly more than I needed"],
    "thanks_anyway": ["ok, thanks anyway", "Thank you for trying."],
    "you_are": ["you're overcomplicating this", "Honestly it makes me sound desperate."],
    "other_number": ["I get 41.5", "my calculator says 12.75"],
    "no_idiom": ["yeah no, that won't fit", "hmm, no", "Nine hours of sleep for a toddler? nah"],
    "other_script_words": ["ちょっと長すぎます", "यह सही नहीं है", "это не то"],
    "doubting_question": ["Wouldn't that strip the varnish?", "isn't 3 squared 9?", "pretty sure it's the other pedal"],
    "next_item": ["Made it home. Next, the backups?", "the vet sorted it. now what can he eat", "yay! what about dessert", "yesss"],
    "other_script_thanks": ["ありがとう！", "спасибо большое", "धन्यवाद"],
    "done_next": ["Installed. How do I make it start on boot?", "booked it. anything else I should pack?",
                  "sent. what now?"],
}
NEUTRAL = ["And what about Canada?", "Can you also translate it into French?", "How long should I boil an egg?",
           "Write a poem about the sea.", "What does 'no-op' mean in code?", "Now do the same for Python 3.12.",
           "Is the same true for Java?", "Can you make a list of ten names?", "Then write the conclusion.",
           "Tell me more about the second option.", "What happens if the test fails?",
           # the general families' words where they judge nothing
           "is it wrong to wear white to a wedding", "what's wrong with using globals in general?",
           "I asked my manager and she agreed, so go with the second plan.", "Why does my code still fail on Windows?",
           "Can you do the same again for chapter two?", "does it work on a Mac?", "I'm afraid of flying, any tips",
           "no rush, but could you also add a title", "wait who was the first president again", "I got it from the library",
           "enter a valid date in the form",
           # new requests that name what the families read, and a user's own mistake
           "Now add error handling to the function.", "Make it retry if the request fails.", "Explain how photosynthesis works.",
           "Write an amazing intro", "print the list backwards", "Sorry, I was wrong, the meeting is Tuesday", "I miss my dog so much",
           "Have you read Moby Dick?", "Do you see any problems with my plan?", "Non profit ideas for a school club",
           "Sweet potato recipes for dinner", "How many goals did Salah score this season?", "Yes, sure.",
           # the third round's words where they judge nothing
           "can you read the list backwards for me", "which way is counter-clockwise again", "I'll ask my landlord tomorrow and tell you",
           "We tried the Thai place last night, what else is near the river?", "Does the warranty say otherwise anywhere?",
           "ok but first, how much flour in total?", "I'll try this and report back", "Tried it on, fits fine.",
           "so what happens next?", "asked my boss, she wants two versions", "write a beautiful toast for my sister",
           "how do I make the sound smoother?", "does the colour match the curtains?",
           # the fourth round's words where they judge nothing
           "write an essay on the causes of the war", "how much is a lot of salt?", "I get paid on the 15th, when should I pay rent?",
           "isn't there a quicker route through town?", "it's a cotton blend btw, not wool", "oh by the way, not Tuesday: Wednesday",
           "do you know any short stories about the sea?", "what does tl;dr mean?"]


# turns a review wrote against the third and fourth rounds (none from any set), with the labels the
# rules give them: no longer approval where they complain ("Still nothing. Now what?" is a question,
# which the plain-word families leave alone), no longer a complaint where they are neutral
REVIEW_TURNS = [
    ("Frustrated. Why does it keep timing out?", "neither"), ("Stumped. what now?", "neither"), ("it crashed. now what?", "neither"),
    ("Still nothing. Now what?", "neither"), ("Disappointed. Next idea?", "neither"), ("这个不是很好", "neither"),
    ("I want to check out the new mall tomorrow", "neither"), ("I need a tie that matches the suit", "neither"),
    ("oh that's even better!", "neither"), ("How can I make it even faster?", "neither"), ("ah no worries, thanks!", "sat"),
    ("yeah no problem, thanks", "sat"), ("Yeah, no rush.", "neither"), ("what does x ?? y do in typescript?", "neither"),
    ("Write 3 paragraphs about the sea.", "neither"), ("I have a lot of reading to do this week, make me a schedule", "neither"),
    ("the drive is quite long, any podcast suggestions?", "neither"), ("A lot of people say I should learn rust first", "neither"),
    ("What's a word that reads the same backwards?", "neither"), ("I have to walk backwards down the stairs", "neither"),
    ("I'll just go with the second one then", "neither"), ("I'm done with the intro, can you help with the conclusion?", "neither"),
    ("what's the whole point of a trust?", "neither"), ("i don't get any notifications on my phone", "neither"),
    ("I'm giving up on sugar for lent. Any dessert ideas", "neither"),
    # an aside that calls the reply wrong outright is still a complaint
    ("btw that's wrong", "dsat"), ("by the way you got it wrong", "dsat"), ("That's not true btw", "dsat"),
    ("btw this is wrong, the capital is Canberra", "dsat"),
    ("ok. and what about naps?", "sat"), ("right, and which one is cheaper?", "sat"),
    ("thanks, I'll just ask my sister", "sat"),  # a thank-you outweighs a weak sign
]


def test_the_review_turns_get_their_labels():
    assert [(t, rule_label(t)[0]) for t, _ in REVIEW_TURNS] == REVIEW_TURNS


@pytest.mark.parametrize("rule", [name for name, _ in DSAT_RULES + SAT_RULES + WEAK_DSAT_RULES])
def test_each_rule_fires_on_what_it_names(rule):
    kind = "sat" if rule in dict(SAT_RULES) else "dsat"
    for text in RULE_EXAMPLES[rule]:
        label, fired = rule_label(text)
        assert label == kind, (rule, text, fired)
        if rule != "it_worked" or "cheers" not in text:  # a turn may hit an earlier rule of its kind
            assert fired == rule, (rule, text, fired)


def test_a_repeated_request_and_the_precedence_of_complaints():
    assert rule_label("How do I sort a list in Python by key?", "how do I sort a list in python by key") == \
        ("dsat", "repeat_request")
    assert rule_label("How do I sort a dict?", "How do I sort a list in Python?")[0] == "neither"
    assert rule_label("Thanks, but that's wrong.") == ("dsat", "correction")  # a complaint wins over thanks
    assert rule_label("that\u2019s wrong") == ("dsat", "correction")  # a phone's curly apostrophe
    assert rule_label("You got it wrong.") == ("dsat", "correction")
    assert rule_label("no more errors, thanks") == ("sat", "thanks")  # approval in negative words
    assert rule_label("Great, it's all working again.")[0] == "sat"
    for text in ("No more build errors!", "0 errors now", "runs without any errors now", "Thanks, again!"):
        assert rule_label(text)[0] == "sat", text
    for text in ("It never worked.", "It no longer works.", "This is way off.", "Meh.", "That's completely made up.",
                 "Not what I was after."):
        assert rule_label(text)[0] == "dsat", text
    assert rule_label("Not fixed. What now?")[0] != "sat"
    for question in ("Isn't there a faster way?", "How long is too long for a nap?", "What is wrong with my code?"):
        assert rule_label(question) == ("neither", None), question  # new requests, not complaints
    for text in NEUTRAL:
        assert rule_label(text) == ("neither", None), text


def test_turns_are_the_user_turns_after_a_reply():
    messages = [{"role": r, "content": c} for r, c in CONVERSATION]
    turns = turns_of(messages)
    assert sorted(turns) == [2, 4]  # the last reply has no user turn after it
    assert turns[2] == Turn(messages[:3], "That's wrong, it's Canberra.", "What is the capital of Australia?")


# ----------------------------------------------------------------------------- the judge finder

RUBRIC = "{conversation}|{reply}|{feedback}|"


@pytest.fixture(scope="module")
def taught_judge():
    """A tiny chat model taught to answer D after feedback with "wrong" and S after "thanks"."""
    torch.manual_seed(0)
    tok = make_tokenizer("chatml")
    model = make_model(tok)
    judge = Judge(model, tok, RUBRIC, max_length=512)
    examples = [(f"q{i}", f"r{i}", fb, label) for i in range(4)
                for fb, label in (("that is wrong", "D"), ("thanks a lot", "S"))]
    rows = []
    for q, r, fb, label in examples:
        p = judge.prompt_ids(fill(RUBRIC, conversation=transcript([{"role": "user", "content": q}]), reply=r, feedback=fb))
        y = tok(label, add_special_tokens=False)["input_ids"]
        rows.append((p, y))
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(60):
        T = max(len(p) + len(y) for p, y in rows)
        ids = torch.full((len(rows), T), judge.pad_id)
        mask, resp = torch.zeros(len(rows), T, dtype=torch.long), torch.zeros(len(rows), T, dtype=torch.long)
        for k, (p, y) in enumerate(rows):
            ids[k, : len(p) + len(y)] = torch.tensor(p + y)
            mask[k, : len(p) + len(y)] = 1
            resp[k, len(p): len(p) + len(y)] = 1
        loss = -naive_sequence_logps(model, ids, mask, resp).logps.mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    return judge


def test_the_judge_finder_is_the_softmax_of_its_label_logps(taught_judge):
    finder = JudgeFinder(taught_judge, min_confidence=0.5)
    turns = [Turn([{"role": "user", "content": "q1"}, {"role": "assistant", "content": "r1"}], fb, "q1")
             for fb in ("that is wrong", "thanks a lot")]
    found = finder.label(turns)
    assert [label for label, _ in found] == ["dsat", "sat"]  # what it was taught
    for turn, (_, detail) in zip(turns, found):
        text = fill(RUBRIC, conversation=transcript(turn.conversation[:-1]), reply="r1", feedback=turn.feedback)
        p = taught_judge.prompt_ids(text)
        logps = []
        for label in ("D", "S", "N"):
            y = taught_judge.tokenizer(label, add_special_tokens=False)["input_ids"]
            ids = torch.tensor([p + y])
            logps.append(naive_sequence_logps(taught_judge.model, ids, torch.ones_like(ids),
                                              torch.tensor([[0] * len(p) + [1] * len(y)])).logps.item())
        brute = torch.softmax(torch.tensor(logps), 0).tolist()
        assert [detail["p"][k] for k in ("dsat", "sat", "neither")] == pytest.approx(brute, abs=1e-4)
        assert detail["confidence"] == pytest.approx(max(brute), abs=1e-4)
    # a label under --min-confidence is neither, and says why
    strict = JudgeFinder(taught_judge, min_confidence=1.0)
    assert all(label == "neither" and d["why"] == "low_confidence" for label, d in strict.label(turns))


# ----------------------------------------------------------------------------- --compare-labels


def test_compare_counts_by_hand():
    pairs = [("dsat", "dsat", "a"), ("dsat", "neither", "b"), ("sat", "sat", "c"), ("sat", "dsat", "d"),
             ("neither", "sat", "e"), ("neither", "neither", "f")]
    r = compare(pairs)
    assert r["confusion"] == {"dsat": {"dsat": 1, "sat": 0, "neither": 1}, "sat": {"dsat": 1, "sat": 1, "neither": 0},
                              "neither": {"dsat": 0, "sat": 1, "neither": 1}}
    assert r["scores"]["dsat"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "gold": 2, "found": 2, "agreed": 1}
    assert r["scores"]["sat"]["precision"] == 0.5 and r["scores"]["sat"]["recall"] == 0.5
    assert r["examples"] == {"dsat->neither": ["b"], "sat->dsat": ["d"], "neither->sat": ["e"]}


def test_compare_labels_on_the_bundled_sample_matches_a_hand_count(tmp_path):
    """The sample's 40 user turns after a reply (data/sample/README.md): 19 DSAT (17 rows kept + 2
    duplicates), 17 SAT (16 + 1), 4 neither (both labels true, both null, both false, a new topic)."""
    assert filter_data.main(["--input", str(SAMPLE), "--format", "wildfeedback-annotation", "--compare-labels",
                             "--out", str(tmp_path)]) == 0
    r = json.loads((tmp_path / "compare_labels.json").read_text())
    assert r["turns"] == 40 and r["gold_counts"] == {"dsat": 19, "sat": 17, "neither": 4}
    # the rules' labels, counted by hand from the sample's user turns
    # ("OK, that's right, but you should show the working next time", both labels true, reads as SAT)
    assert r["confusion"] == {"dsat": {"dsat": 16, "sat": 0, "neither": 3}, "sat": {"dsat": 0, "sat": 15, "neither": 2},
                              "neither": {"dsat": 0, "sat": 2, "neither": 2}}
    assert not (tmp_path / "dsat.jsonl").exists()


def test_the_committed_finder_evaluation_is_what_the_rules_give():
    """bench/results/finder_eval.json (the README's numbers) is what the rules score today on
    data/finder_eval/, all six halves: a rule changed without rerunning `python bench/finder_eval.py`
    fails here."""
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "bench"))
    from finder_eval import evaluate

    committed = json.loads((root / "bench" / "results" / "finder_eval.json").read_text())
    result = evaluate()
    for half in ("dev", "test", "fresh", "fresh2", "fresh3", "fresh4"):
        assert result[half]["scores"] == committed[half]["scores"], half
    assert result["targets_met"] == committed["targets_met"]


@pytest.mark.parametrize("build", ["data/finder_eval/build.py", "data/finder_eval/fresh/build.py",
                                   "data/finder_eval/fresh2/build.py", "data/finder_eval/fresh3/build.py",
                                   "data/finder_eval/fresh4/build.py"])
def test_the_evaluation_sets_are_what_their_build_scripts_write(tmp_path, build):
    """Each hand-labelled set is its script's output, byte for byte (a fixed seed, the standard
    library alone), and the script's --help writes nothing."""
    root = Path(__file__).resolve().parent.parent
    script = tmp_path / "build.py"
    script.write_text((root / build).read_text(encoding="utf-8"), encoding="utf-8")
    r = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "usage" in r.stdout and sorted(p.name for p in tmp_path.iterdir()) == ["build.py"]
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    written = (tmp_path / "conversations.jsonl").read_bytes()
    assert written == (root / build).with_name("conversations.jsonl").read_bytes()
    for line in written.decode("utf-8").splitlines():  # every label on a user turn that follows a reply
        conv = json.loads(line)
        roles = [m["role"] for m in conv["messages"]]
        assert roles == ["user", "assistant"] * (len(roles) // 2)
        assert [x["turn"] for x in conv["labels"]] == list(range(2, len(roles), 2))
        assert {x["label"] for x in conv["labels"]} <= {"dsat", "sat", "neither"}


def test_a_family_split_in_two_matches_where_its_whole_pattern_does():
    """drift.finder searches a family's '^' branches once at the start and the others along the turn
    (for speed): on every example, neutral and evaluation turn, each family fires exactly where its
    whole pattern does, and its branches join back to the pattern."""
    import re

    from drift.finder import WEAK_DSAT_RULES, _branches, _Family

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "bench"))
    from finder_eval import labelled_turns

    texts = [t.lower() for ts in RULE_EXAMPLES.values() for t in ts] + [t.lower() for t in NEUTRAL]
    texts += [turn.feedback.lower() for *_, turn in labelled_turns()]
    texts += ["", "^", "a|b", "ok. " * 50 + "?", "[x] (y) \\ z"]
    for name, pattern in DSAT_RULES + SAT_RULES + WEAK_DSAT_RULES:
        assert "|".join(_branches(pattern)) == pattern, name
        whole, family = re.compile(pattern), _Family(pattern)
        assert [bool(whole.search(t)) for t in texts] == [family.search(t) for t in texts], name
    assert _branches(r"a(b|c)|[|^]|\||d") == ["a(b|c)", "[|^]", "\\|", "d"]
    assert _branches(r"[]|]|[^]|]|(?<=a|b)c|x") == ["[]|]", "[^]|]", "(?<=a|b)c", "x"]
    with pytest.raises(ValueError):
        _Family(r"(?i)a|^b")
