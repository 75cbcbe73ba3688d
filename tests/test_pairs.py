"""The pair builders of drift/pairs.py against the paper's Table 2 and section 4.1, and the reward
model of drift/reward.py. Golden checks: for each method and guidance, where each side of every
pair comes from and the exact prompt each sampled side was drawn from.

  method   chosen y+                     rejected y-
  drift    sample(guided prompt)         the real DSAT reply        (unguided: chosen ~ x alone)
  spin     the real SAT reply            sample(x)
  iterdpo  sample(guided prompt)         sample(x)                  (unguided or no complaint: two
                                                                     samples of x, ranked by the RM)

Tiny offline chat model (taught to end its replies) and a tiny DeBERTa reward model built from a
config; CPU, a few seconds."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import torch
from transformers import AutoModelForSequenceClassification, BertTokenizerFast, DebertaV2Config

from drift.io import DataError, UsageError
from drift.data import Row, load_sat
from drift.pairs import NEEDS_REWARD_MODEL, build_pairs, check_inputs
from drift.prompts import build_prompt
from drift.reward import RewardModel, question, winner
from drift.sampler import SampleRequest, SamplingConfig, derive_seed, sample

X1 = [{"role": "user", "content": "What is the capital of Australia?"}]
X2 = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Write a poem about the sea."},
    {"role": "assistant", "content": "The sea is blue."},
    {"role": "user", "content": "Make it rhyme."},
]
DSAT = [
    Row(X1, dsat="Sydney.", complaint="That is wrong, it is Canberra."),
    Row(X2, dsat="Blue sea, blue.", complaint="That does not rhyme."),
    Row(X1, dsat="It is Sydney, I think."),  # no complaint: an UltraFeedback row
]
SAT = [Row(X1, sat="The capital is Canberra."), Row(X2, sat="The sea is wide, the waves collide.")]
# every draw is kept (the gate is tested with scripted draws in test_sampler.py), so the counts
# below do not depend on what a random tiny model happens to write
CFG = SamplingConfig(max_new_tokens=16, batch_size=4, seed=7, quality_gate=False)


pytestmark = pytest.mark.usefixtures("one_thread")  # tok, model: tests/conftest.py


@pytest.fixture(scope="module")
def rm_dir(tmp_path_factory):
    """A tiny DeBERTa-v2 sequence classifier with one regression logit (the paper's reward model
    is a DeBERTa-v3 with one logit) and a WordPiece tokenizer that encodes (question, answer) pairs
    as [CLS] q [SEP] a [SEP] with token types, as DeBERTa's does."""
    path = tmp_path_factory.mktemp("rm")
    chars = "abcdefghijklmnopqrstuvwxyz0123456789.,?!:;'\"-()"
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list(chars) + [f"##{c}" for c in chars]
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n")
    rm_tok = BertTokenizerFast(str(path / "vocab.txt"), model_max_length=64)
    config = DebertaV2Config(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                             intermediate_size=64, max_position_embeddings=64, num_labels=1, pad_token_id=0)
    torch.manual_seed(0)
    AutoModelForSequenceClassification.from_config(config).save_pretrained(path)
    rm_tok.save_pretrained(path)
    return path


def unguided_prompt(tok, x):
    return build_prompt(tok, x).text


def guided_prompt(tok, row):
    return build_prompt(tok, row.x, row.dsat, row.complaint).text


def by_index(pairs):
    return {p["index"]: p for p in pairs}


def reply(p, side):
    return p[side][0]["content"]


def texts(p):
    return reply(p, "chosen"), reply(p, "rejected")


# ----------------------------------------------------------------------------- golden checks per method


def test_drift_guided_chosen_is_a_guided_sample_rejected_the_real_dsat_reply(tok, model):
    pairs, counts = build_pairs(model, tok, DSAT, "drift", True, CFG, iteration=1)
    assert len(pairs) == counts["pairs"] == counts["kept"] == 3
    for i, p in by_index(pairs).items():
        row = DSAT[i]
        assert p["prompt"] == row.x  # the training prompt is x alone, whatever the sampling prompt
        assert reply(p, "rejected") == row.dsat and p["rejected_source"] == "data:dsat"
        assert "rejected_sample" not in p and p["chosen_by"] == "method"
        s = p["chosen_sample"]
        if row.complaint:  # x + y- + complaint + instruction
            assert p["chosen_source"] == "sample:guided" and s["prompt"] == guided_prompt(tok, row)
            assert row.dsat in s["prompt"] and row.complaint in s["prompt"]
        else:  # UltraFeedback: no complaint, so the guided prompt falls back to x alone
            assert p["chosen_source"] == "sample:unguided" and s["prompt"] == unguided_prompt(tok, row.x)


def test_drift_unguided_samples_chosen_from_the_conversation_alone(tok, model):
    pairs, _ = build_pairs(model, tok, DSAT, "drift", False, CFG, iteration=1)
    assert len(pairs) == 3
    for i, p in by_index(pairs).items():
        assert p["chosen_source"] == "sample:unguided" and p["rejected_source"] == "data:dsat"
        assert p["chosen_sample"]["prompt"] == unguided_prompt(tok, DSAT[i].x)
        assert DSAT[i].dsat not in p["chosen_sample"]["prompt"]


def test_spin_chosen_is_the_real_sat_reply_rejected_a_sample_of_the_conversation_before_it(tok, model):
    pairs, counts = build_pairs(model, tok, SAT, "spin", True, CFG, iteration=1)
    assert len(pairs) == counts["kept"] == 2
    for i, p in by_index(pairs).items():
        assert p["prompt"] == SAT[i].x
        assert reply(p, "chosen") == SAT[i].sat and p["chosen_source"] == "data:sat"
        assert p["rejected_source"] == "sample:unguided" and "chosen_sample" not in p
        assert p["rejected_sample"]["prompt"] == unguided_prompt(tok, SAT[i].x)
    # SPIN has no complaint to show: --guidance does not change its pairs
    unguided, _ = build_pairs(model, tok, SAT, "spin", False, CFG, iteration=1)
    assert [texts(p) for p in unguided] == [texts(p) for p in pairs]


def test_iterdpo_guided_chosen_from_the_guided_prompt_rejected_from_the_conversation(tok, model):
    rows = DSAT[:2]  # both have a complaint: no reward model needed
    pairs, counts = build_pairs(model, tok, rows, "iterdpo", True, CFG, iteration=1)
    assert len(pairs) == 2 and counts["kept"] == 4 and counts["tie"] == 0
    for i, p in by_index(pairs).items():
        assert p["prompt"] == rows[i].x and p["chosen_by"] == "method" and "scores" not in p
        assert p["chosen_source"] == "sample:guided" and p["chosen_sample"]["prompt"] == guided_prompt(tok, rows[i])
        # the rejected context does not reveal the DSAT reply, the complaint or the instruction
        assert p["rejected_source"] == "sample:unguided"
        assert p["rejected_sample"]["prompt"] == unguided_prompt(tok, rows[i].x)
        assert rows[i].dsat not in (reply(p, "chosen"), reply(p, "rejected"))  # y- is in neither side


def test_iterdpo_ranks_two_samples_of_x_when_unguided_or_without_complaint(tok, model, rm_dir):
    """IterDPO unguided (and any row without a complaint, guided or not): two samples of the same
    prompt x; the one the reward model scores higher is chosen."""
    rm = RewardModel(rm_dir, batch_size=3)
    for guided in (False, True):
        rows = DSAT if not guided else DSAT[2:]  # guided: only the row without a complaint is ranked
        pairs, counts = build_pairs(model, tok, rows, "iterdpo", guided, CFG, iteration=1, score=rm.score)
        assert counts["kept"] == 2 * len(rows) and len(pairs) + counts["tie"] == len(rows)
        for i, p in by_index(pairs).items():
            x_prompt = unguided_prompt(tok, rows[i].x)
            assert p["chosen_by"] == "reward_model"
            assert p["chosen_source"] == p["rejected_source"] == "sample:unguided"
            assert p["chosen_sample"]["prompt"] == p["rejected_sample"]["prompt"] == x_prompt
            assert {p["chosen_sample"]["stream"], p["rejected_sample"]["stream"]} == {"a", "b"}
            chosen, rejected = rm.score([rows[i].x] * 2, [reply(p, "chosen"), reply(p, "rejected")])
            assert chosen > rejected
            assert p["scores"] == pytest.approx({"chosen": chosen, "rejected": rejected}, abs=1e-5)


def test_the_higher_score_is_chosen_and_ties_are_dropped(tok, model):
    """Draw "b" scored higher -> chosen = draw b; equal scores -> the pair is dropped and counted."""
    rows = DSAT[:2]

    def ranked(scores, cfg=CFG):
        return build_pairs(model, tok, rows, "iterdpo", False, cfg, iteration=1, score=lambda p, r: scores)

    base, _ = ranked([0.0, 1.0, 0.0, 1.0])
    assert [p["chosen_sample"]["stream"] for p in base] == ["b", "b"]
    assert all(p["scores"] == {"chosen": 1.0, "rejected": 0.0} for p in base)
    flipped, _ = ranked([1.0, 0.0, 1.0, 0.0])
    assert [texts(p) for p in flipped] == [texts(p)[::-1] for p in base]
    tied, counts = ranked([0.5, 0.5, 0.0, 2.0])
    assert counts["tie"] == 1 and [p["index"] for p in tied] == [1] and counts["pairs"] == 1
    # two draws of the same text are a tie whatever their scores (batching can move a score by 1 ulp)
    same_cfg = SamplingConfig(max_new_tokens=4, temperature=0, quality_gate=False)  # greedy: the same text twice
    same, counts = ranked([0.0, 1.0, 0.0, 1.0], same_cfg)
    assert same == [] and counts["tie"] == 2
    assert winner(1.0, 1.0) is None and winner(2.0, 1.0) == 0 and winner(-3.0, 1.0) == 1


def test_every_method_reports_the_same_count_keys(tok, model):
    keys = set()
    for method, rows in (("drift", DSAT), ("spin", SAT), ("iterdpo", DSAT[:2])):
        _, counts = build_pairs(model, tok, rows, method, True, CFG, iteration=1)
        keys.add(frozenset(counts))
    assert len(keys) == 1


# ----------------------------------------------------------------------------- seeds and provenance


def test_samples_are_reproducible_from_their_record_and_streams_differ(tok, model):
    """A side's sample is what the policy draws from the recorded prompt with seed
    derive_seed(seed, iteration, row, stream); the two draws of one prompt use different seeds."""
    pairs, _ = build_pairs(model, tok, DSAT[:2], "iterdpo", False, CFG, iteration=3, score=lambda p, r: [0.0, 1.0] * 2)
    for p in pairs:
        for side in ("chosen", "rejected"):
            rec = p[f"{side}_sample"]
            ids = tok(rec["prompt"], add_special_tokens=False)["input_ids"]
            seed = derive_seed(CFG.seed, 3, p["index"], rec["stream"])
            (again,), _ = sample(model, tok, [SampleRequest(ids, seed)], CFG)
            assert again.text == reply(p, side) and again.seed == rec["seed"]
        assert p["chosen_sample"]["seed"] != p["rejected_sample"]["seed"]
        assert p["iteration"] == 3 and p["method"] == "iterdpo" and p["guidance"] == "unguided"
        assert {"temperature", "top_p", "max_new_tokens"} <= p["sampling"].keys()


def test_paper_prompt_style_on_both_sides(tok, model):
    cfg = SamplingConfig(max_new_tokens=4, quality_gate=False)  # the tiny model never learnt this layout
    pairs, _ = build_pairs(model, tok, DSAT[:1], "iterdpo", True, cfg, iteration=1, layout="paper")
    (p,) = pairs
    assert p["chosen_source"] == "sample:paper" and p["rejected_source"] == "sample:paper-unguided"
    assert p["rejected_sample"]["prompt"].endswith("User: What is the capital of Australia?\nAssistant: ")


# ----------------------------------------------------------------------------- failing early


def cfg_ns(**kw):
    return SimpleNamespace(**({"method": "drift", "guidance": "guided", "reward_model": "", "dsat_data": "",
                               "sat_data": ""} | kw))


def test_missing_reward_model_fails_before_any_sampling(tmp_path, tok):
    with pytest.raises(ValueError, match="--reward-model"):  # model=None: no sampling was attempted
        build_pairs(None, tok, DSAT, "iterdpo", False, CFG, iteration=1)
    with pytest.raises(ValueError, match="--reward-model"):  # guided, but a row has no complaint
        build_pairs(None, tok, DSAT, "iterdpo", True, CFG, iteration=1)
    dsat = tmp_path / "dsat.jsonl"
    dsat.write_text(
        '{"prompt": [{"role": "user", "content": "hi"}], "rejected": [{"role": "assistant", "content": "no"}],'
        ' "user_preference": {"role": "user", "content": "bad"}}\n'
    )
    check_inputs(cfg_ns(method="iterdpo", dsat_data=str(dsat)))  # guided, every row has a complaint: fine
    with pytest.raises(UsageError, match="--reward-model") as e:
        check_inputs(cfg_ns(method="iterdpo", guidance="unguided", dsat_data=str(dsat)))
    assert NEEDS_REWARD_MODEL in str(e.value)
    check_inputs(cfg_ns(method="iterdpo", guidance="unguided", dsat_data=str(dsat), reward_model="drift.lab.tiny:gold_reward"))
    check_inputs(cfg_ns(method="iterdpo", guidance="unguided", dsat_data=str(dsat), reward_model="some/rm"))  # a hub id
    not_a_model = tmp_path / "folder"
    not_a_model.mkdir()
    with pytest.raises(UsageError, match="not a model folder or module:function"):  # checked before any training
        check_inputs(cfg_ns(method="iterdpo", guidance="unguided", dsat_data=str(dsat), reward_model=str(not_a_model)))


def test_spin_names_a_missing_or_malformed_sat_file(tmp_path):
    missing = tmp_path / "sat.jsonl"
    with pytest.raises(DataError, match="file not found") as e:
        check_inputs(cfg_ns(method="spin", sat_data=str(missing)))
    assert str(missing) in str(e.value)
    missing.write_text('{"prompt": [{"role": "user", "content": "hi"}], "chosen": "ok"}\n'
                       '{"prompt": [{"role": "user", "content": "x"}]}\n')
    with pytest.raises(DataError, match="line 2, field 'chosen'"):
        load_sat(missing)


# ----------------------------------------------------------------------------- the reward model


def test_question_is_the_user_turn_or_the_conversation_as_text():
    assert question(X1) == "What is the capital of Australia?"
    assert question([{"role": "system", "content": "S"}] + X1) == "What is the capital of Australia?"
    assert question(X2) == "User: Write a poem about the sea.\n\nAssistant: The sea is blue.\n\nUser: Make it rhyme."


def test_reward_scores_do_not_depend_on_batching_or_ranks_padding(rm_dir):
    """Right padding with an attention mask: a text scores the same alone and in a padded batch."""
    rm = RewardModel(rm_dir, batch_size=1)
    prompts = [X1, X2, X1, X2, X1]
    replies = ["canberra.", "the sea is wide, the waves collide and then some", "sydney", "", "a b c d e f g"]
    alone = rm.score(prompts, replies)
    rm.batch_size = 4
    assert rm.score(prompts, replies) == pytest.approx(alone, abs=1e-5)
    assert len(set(alone)) == len(alone)


def test_reward_truncation_keeps_the_latest_request_and_fits(rm_dir):
    """Past the model's 64 tokens the answer keeps its start and the question its END (the latest
    user turn), never an error."""
    rm = RewardModel(rm_dir)
    assert rm.max_length == 64
    long_x = [{"role": "user", "content": "old " * 40}, {"role": "assistant", "content": "ok"},
              {"role": "user", "content": "newest ask"}]
    q, a, _ = rm._pair(question(long_x), "answer " * 50)
    enc = rm.tokenizer(q, a, truncation="only_first", max_length=rm.max_length)
    assert len(enc["input_ids"]) <= 64
    text = rm.tokenizer.decode(enc["input_ids"])
    assert "newest ask" in text and "answer" in text
    (score,) = rm.score([long_x], ["answer " * 50])
    assert isinstance(score, float)


def test_reward_model_with_three_labels_is_refused(tmp_path, rm_dir):
    model = AutoModelForSequenceClassification.from_pretrained(rm_dir, num_labels=3, ignore_mismatched_sizes=True)
    model.save_pretrained(tmp_path)
    BertTokenizerFast.from_pretrained(rm_dir).save_pretrained(tmp_path)
    with pytest.raises(ValueError, match="3 labels"):
        RewardModel(tmp_path)


def test_a_rows_pair_depends_on_its_index_not_on_its_batch_mates(tok, model):
    """Seeds derive from (seed, iteration, row index in the file, side): a row drawn alone with
    its file index gets exactly the pair it gets in the full pass (sample.py's chunks rely on it)."""
    full, _ = build_pairs(model, tok, DSAT, "drift", True, CFG, iteration=2)
    alone, _ = build_pairs(model, tok, DSAT[1:2], "drift", True, CFG, iteration=2, indices=[1])
    assert alone == [p for p in full if p["index"] == 1]
    shifted, _ = build_pairs(model, tok, DSAT[1:2], "drift", True, CFG, iteration=2, indices=[5])
    assert reply(shifted[0], "chosen") != reply(alone[0], "chosen") or shifted[0]["chosen_sample"]["seed"] != alone[0]["chosen_sample"]["seed"]


# ----------------------------------------------------------------------------- --instruction


def test_an_instruction_of_the_users_ends_every_guided_prompt_and_only_those(tok, model, tmp_path):
    """--instruction reaches the guided prompts through Config -> SamplingConfig -> build_pairs:
    each guided sample's prompt ends with it in place of the paper's, and nothing else changes."""
    import dataclasses

    from drift.config import parse_config
    from drift.prompts import INSTRUCTION

    mine = "Reply with the corrected answer alone."
    cfg = parse_config(["--dsat-data", "d.jsonl", "--seed-data", "s.jsonl", "--out", str(tmp_path / "o"),
                        "--instruction", mine])
    assert SamplingConfig.from_config(cfg).instruction == mine
    assert SamplingConfig.from_config(parse_config(["--dsat-data", "d.jsonl", "--seed-data", "s.jsonl", "--out",
                                                    str(tmp_path / "p")])).instruction == INSTRUCTION
    paper, _ = build_pairs(model, tok, DSAT, "drift", True, CFG, iteration=1)
    ours, _ = build_pairs(model, tok, DSAT, "drift", True, dataclasses.replace(CFG, instruction=mine), iteration=1)
    for a, b in zip(by_index(paper).values(), by_index(ours).values()):
        if a["chosen_source"] == "sample:guided":
            assert INSTRUCTION in a["chosen_sample"]["prompt"] and INSTRUCTION not in b["chosen_sample"]["prompt"]
            assert b["chosen_sample"]["prompt"] == a["chosen_sample"]["prompt"].replace(INSTRUCTION, mine)
        else:  # no complaint: no instruction either way
            assert b["chosen_sample"]["prompt"] == a["chosen_sample"]["prompt"]


@pytest.mark.parametrize("extra, message", [
    (["--instruction", "  "], "--instruction   : must not be empty"),
    (["--instruction", "x" * 10_001], "must be at most 10,000 characters"),
    (["--instruction", "caf\ud800"], "invalid Unicode \\(U\\+D800"),
    (["--instruction", "Be plain.", "--guidance", "unguided"], "--guidance unguided samples from the conversation alone"),
    (["--instruction", "Be plain.", "--method", "spin", "--sat-data", "s.jsonl"], "--method spin samples from"),
])
def test_an_instruction_that_cannot_apply_is_refused(extra, message, tmp_path):
    from drift.config import parse_config

    with pytest.raises(UsageError, match=message):
        parse_config(["--dsat-data", "d.jsonl", "--seed-data", "s.jsonl", "--out", str(tmp_path), *extra])


@pytest.mark.parametrize("extra", [["--samples", "--guidance", "unguided"], ["--judge"], ["--export", "alpaca_eval"]])
def test_sample_py_refuses_an_instruction_where_nothing_is_guided(extra):
    import sample

    with pytest.raises(UsageError, match="--instruction"):
        sample.parse_args(["--input", "x.jsonl", "--out", "o", "--instruction", "Be plain.", *extra])
