"""Any decoder-only chat model transformers loads: tiny configs of Qwen2, Llama, Mistral, Gemma-2
(logits soft-capped), Gemma-3 (the multimodal wrapper Gemma3ForConditionalGeneration that
Gemma-3-12B-it, the paper's Table 7 model, loads as) and Phi-3, each with its real chat template,
through the chunked log-probs, one DPO step of train.py and an export that loads back as it came."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from chat_templates import TEMPLATES
from forked import train
from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

from drift import dist as D
from drift.logprobs import naive_sequence_logps, sequence_logps
from drift.tiny import ARCHS, make_chat_tokenizer, make_model

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "sample" / "filtered" / "seed.jsonl"
TEMPLATE = {"qwen2": "qwen2.5", "llama": "llama3.1", "mistral": "mistral", "gemma2": "gemma3", "gemma3": "gemma3",
            "phi3": "phi3"}
SAMPLING = dict(do_sample=True, temperature=0.7, top_p=0.8, top_k=20, repetition_penalty=1.05)  # Qwen2.5-Instruct's


def tiny(arch: str, **config):
    template, specials, _, _ = TEMPLATES[TEMPLATE[arch]]
    tok = make_chat_tokenizer(template, **specials)
    return tok, make_model(tok, arch=arch, **config)


@pytest.mark.parametrize("arch", ARCHS)
def test_chunked_logps_and_gradients_equal_the_naive_ones(arch):
    """sum_t log softmax(logits_t)[y_t] over the response, chunked with the head applied by hand,
    equals the full-logits computation, value and gradient; for Gemma-2 through its soft-cap
    (cap tanh(z / cap), here cap 2 so that it bends the logits)."""
    tok, model = tiny(arch, **({"final_logit_softcapping": 2.0} if arch == "gemma2" else {}))
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(5, len(tok), (2, 14), generator=g)  # (B, T)
    mask, response = torch.ones_like(ids), torch.zeros_like(ids)
    response[:, 7:] = 1
    mask[1, 12:] = 0  # a right-padded row
    response[1, 12:] = 0
    grads = []
    for fn in (lambda: sequence_logps(model, ids, mask, response, chunk_size=5),
               lambda: naive_sequence_logps(model, ids, mask, response)):
        model.zero_grad()
        out = fn()
        out.logps.sum().backward()
        grads.append((out.logps.detach(), {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}))
    (a, ga), (b, gb) = grads
    torch.testing.assert_close(a, b, atol=1e-5, rtol=1e-5)
    assert ga.keys() == gb.keys()
    for name in ga:
        torch.testing.assert_close(ga[name], gb[name], atol=1e-5, rtol=1e-4)


def test_fsdp2_shards_the_decoder_layers_of_every_architecture():
    """drift.dist.decoder_layers finds the repeated blocks wherever they sit, the text decoder's
    layers under model.language_model in Gemma-3's wrapper included."""
    for arch in ARCHS:
        _, model = tiny(arch)
        blocks = D.decoder_layers(model)
        decoder = [b for b in blocks if type(b).__name__.endswith("DecoderLayer")]
        assert len(decoder) == 2, (arch, [type(b).__name__ for b in blocks])


@pytest.mark.slow
@pytest.mark.parametrize("arch", ARCHS)
def test_one_dpo_step_and_an_export_that_loads_back(arch, tmp_path):
    """train.py on a tiny model of each architecture: one warm-start step (4 seed pairs), then the
    exported folder loads with AutoModelForCausalLM as the same class with the same weights' names,
    its tokenizer renders the same chat template, and its generation config is the source's (the
    sampling defaults included), so an evaluation samples it as it samples the base model."""
    tok, model = tiny(arch)
    model.generation_config = GenerationConfig(**SAMPLING, eos_token_id=model.generation_config.eos_token_id,
                                               pad_token_id=tok.pad_token_id)
    source = tmp_path / "source"
    model.save_pretrained(source)
    tok.save_pretrained(source)
    seed = tmp_path / "seed.jsonl"
    seed.write_text("".join(SEED.read_text().splitlines(keepends=True)[:4]))
    out = tmp_path / "out"
    code, err, _ = train(["--model", str(source), "--out", str(out), "--seed-data", str(seed), "--iterations", "0",
                          "--warm-epochs", "1", "--batch-size", "4", "--micro-batch-size", "2", "--lr", "1e-3",
                          "--warmup-ratio", "0"], tmp_path)
    assert code == 0, err
    rows = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert rows[0]["type"] == "step" and abs(rows[0]["loss/dpo"] - 0.6931471805599453) < 1e-6
    exported = AutoModelForCausalLM.from_pretrained(out / "warm")
    assert type(exported) is type(AutoModelForCausalLM.from_pretrained(source))
    assert exported.state_dict().keys() == model.state_dict().keys()
    moved = [k for k, v in exported.state_dict().items() if not torch.equal(v, model.state_dict()[k])]
    assert any("embed_tokens" in k for k in moved) and any("layers.1." in k for k in moved)
    assert GenerationConfig.from_pretrained(out / "warm").to_dict() == GenerationConfig.from_pretrained(source).to_dict()
    assert AutoTokenizer.from_pretrained(out / "warm").chat_template == tok.chat_template
    for name in ("generation_config.json", "tokenizer.json", "tokenizer_config.json"):
        assert (out / "warm" / name).read_bytes() == (source / name).read_bytes(), name
