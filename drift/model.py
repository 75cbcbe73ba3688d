"""Any model: the folder `--model` names, checked before anything is written, then loaded once per
job and sharded, and checked once more on a few tokens before packed micro-batches are trusted.

    source = open_model(cfg.model, dist)          # path, tokenizer, side files; one line per problem
    policy = load_model(source.path, dist, bf16)  # fp32 master weights, FSDP2-sharded from rank 0
    packing_problem(policy, tokenizer, bf16)      # None, or why packed rows would leak
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import AutoConfig, AutoModelForCausalLM
from transformers.conversion_mapping import get_checkpoint_conversion_mapping

from . import dist as D
from .embedded import resolve_model
from .io import DataError, InputError, UsageError, could_be_hub_id
from .logprobs import sequence_logps
from .lora import add_adapters


# the files of a model folder that say how to use its weights: every exported stage folder carries
# them verbatim, so a checkpoint samples and chats exactly as the model it was trained from
SIDE_FILES = ("generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
              "added_tokens.json", "chat_template.jinja", "chat_template.json", "tokenizer.model", "vocab.json",
              "merges.txt", "vocab.txt", "spiece.model", "preprocessor_config.json", "processor_config.json")


@dataclass
class ModelSource:
    """What `--model` is: the path to load, its tokenizer, its use_cache setting and its side files
    (SIDE_FILES, read once at the start: name -> bytes)."""

    path: str
    tokenizer: object
    use_cache: bool
    side_files: dict

    @property
    def pad_id(self) -> int:
        """Padding's id: the tokenizer's pad token, else its EOS (padding is masked out either way)."""
        tok = self.tokenizer
        return tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id


def open_model(name_or_path, dist) -> ModelSource:
    """`--model` for a job of any number of ranks: rank 0 converts the embedded model if it is
    not yet, the others wait at a barrier and then find it."""
    from transformers import AutoTokenizer

    if dist.is_main:
        resolve_model(name_or_path)
    D.barrier()
    path = resolve_model(name_or_path)
    check_model_folder(path)
    problem = None
    if dist.is_main:  # rank 0 reads every weight once; the load then finds them in the page cache
        try:
            check_finite(path)
        except DataError as e:
            problem = str(e)
    problem = D.broadcast_object(problem)
    if problem:
        raise InputError(problem)
    try:
        tokenizer = AutoTokenizer.from_pretrained(path)
        use_cache = getattr(AutoConfig.from_pretrained(path).get_text_config(), "use_cache", True)
    except (OSError, ValueError) as e:
        raise DataError(path, None, None, f"cannot load the model ({str(e).splitlines()[0]})") from None
    return ModelSource(path, tokenizer, use_cache, side_files(path))


TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "tokenizer.model", "vocab.json", "spiece.model")
PICKLED_WEIGHTS = ("*.bin", "*.pt", "*.pth", "*.ckpt", "*.pkl")


def check_model_folder(path: str, auto_class=None) -> None:
    """What would fail once the run folder exists, said first as one DataError: a config that
    asks to run the model's own code, no tokenizer files, weights only in pickle files (drift
    reads safetensors, which cannot run code), a safetensors file that is truncated or not one,
    a weight whose shape is not the one the config makes, a weight the architecture needs that no
    file holds, an auto_map (code the folder names), an architecture transformers cannot build as
    auto_class (default: a causal LM). A hub id is left to transformers."""
    from safetensors import SafetensorError, safe_open

    folder = Path(path)
    if not folder.is_dir():
        if folder.exists():
            raise DataError(path, None, None, "a file, not a model folder")
        if not could_be_hub_id(str(path)):
            raise UsageError(f"no such folder: {path}")
        return  # a hub id: from_pretrained fetches it (or says it cannot)
    try:
        config = AutoConfig.from_pretrained(path, trust_remote_code=False)
    except ValueError as e:
        if "trust_remote_code" in str(e):
            raise DataError(folder / "config.json", None, None, "the model asks to run its own code "
                            "(trust_remote_code); drift runs no code from a model folder") from None
        raise DataError(folder / "config.json", None, None, f"not a model config ({str(e).splitlines()[0]})") from None
    except OSError as e:
        raise DataError(path, None, None, f"cannot read its config.json ({str(e).splitlines()[0]})") from None
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        raise DataError(path, None, None, f"no tokenizer files ({', '.join(TOKENIZER_FILES)}): the model folder "
                                          "is incomplete")
    weights = sorted(folder.glob("*.safetensors"))
    if not weights:
        pickled = sorted(p.name for pattern in PICKLED_WEIGHTS for p in folder.glob(pattern))
        raise DataError(path, None, None, f"weights only in pickle files ({', '.join(pickled)}): drift reads "
                        "safetensors, which cannot run code; convert them with save_pretrained(safe_serialization=True)"
                        if pickled else "no weights (*.safetensors)")
    for name in ("config.json", "tokenizer_config.json"):
        if (folder / name).is_file() and "auto_map" in _json_object(folder / name):
            raise DataError(folder / name, None, "auto_map", "the folder names its own code to run (auto_map); "
                            "drift runs no code from a model folder: use a folder of an architecture transformers has")
    try:
        with torch.device("meta"):
            model = (auto_class or AutoModelForCausalLM).from_config(config)
    except (ValueError, KeyError) as e:
        kind = "a causal language model" if auto_class is None else "a sequence-classification model"
        raise DataError(folder / "config.json", None, "architectures", f"{(config.architectures or [config.model_type])[0]} is "
                        f"not {kind} transformers can build ({str(e).splitlines()[0]})") from None
    expected = {k: list(v.shape) for k, v in model.state_dict().items()}
    tied = set(getattr(model, "all_tied_weights_keys", None) or {})  # written once, under the other name
    present = set()
    for file in weights:
        try:
            with safe_open(file, "pt") as f:
                for key in f.keys():
                    shape = f.get_slice(key).get_shape()
                    if key in expected and shape != expected[key]:
                        raise DataError(file, None, key, f"shape {shape}, where the model's config makes {expected[key]}")
                    present.add(key)
        except SafetensorError as e:
            raise DataError(file, None, None, f"not a readable safetensors file ({e})") from None
    prefix = getattr(model, "base_model_prefix", "") + "."
    missing = sorted(k for k in expected if k not in tied and k not in present and k.removeprefix(prefix) not in present)
    if missing and get_checkpoint_conversion_mapping(config.model_type) is None:  # else the loader renames keys
        raise DataError(path, None, missing[0], f"a weight {(config.architectures or [config.model_type])[0]} needs is in no "
                        f"*.safetensors file ({len(missing)} missing: {', '.join(missing[:3])}"
                        f"{', ...' if len(missing) > 3 else ''}); transformers would start it at random")


def check_finite(path: str) -> None:
    """Every weight of a local folder's *.safetensors finite, read one tensor at a time (rank 0,
    before the run folder; the load reads them again from the page cache)."""
    from safetensors import safe_open

    from safetensors import SafetensorError

    folder = Path(path)
    for file in sorted(folder.glob("*.safetensors")) if folder.is_dir() else []:
        try:
            with safe_open(file, "pt") as f:
                for key in f.keys():
                    tensor = f.get_tensor(key)
                    if not tensor.is_floating_point():
                        continue
                    if tensor.dtype.itemsize == 1:  # float8: no isfinite of its own
                        tensor = tensor.to(torch.float16)
                    if not torch.isfinite(tensor).all():
                        bad = int((~torch.isfinite(tensor)).sum())
                        raise DataError(file, None, key, f"{bad} of its {tensor.numel()} values are NaN or infinite: "
                                        "the model is broken")
        except (SafetensorError, OSError, RuntimeError) as e:
            raise DataError(file, None, None, f"not a readable safetensors file ({e})") from None


def _json_object(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise DataError(path, None, None, "not a JSON file") from None
    if not isinstance(value, dict):
        raise DataError(path, None, None, f"expected a JSON object, got {type(value).__name__}")
    return value


def side_files(path: str) -> dict[str, bytes]:
    """SIDE_FILES of a local folder, or of a hub id's cached snapshot."""
    from transformers.utils import cached_file

    found = {}
    for name in SIDE_FILES:
        if Path(path).is_dir():
            file = Path(path) / name
            file = file if file.is_file() else None
        else:
            file = cached_file(path, name, _raise_exceptions_for_missing_entries=False,
                               _raise_exceptions_for_connection_errors=False)
        if file is not None:
            found[name] = Path(file).read_bytes()
    return found


def load_model(path: str, dist: D.Dist, compute_dtype: torch.dtype, *, attn_implementation: str = "auto",
               activation_checkpointing: bool = False, frozen: bool = False, sharding: str = "auto", lora=None):
    """A HF causal LM with fp32 master weights, dropout off, FSDP2-sharded. Only rank 0 reads the
    weights; every rank builds the model on the meta device and receives its shard from rank 0, so
    a node holds one copy in host memory, not one per rank (14B on 8 ranks: 56 GB, not 450).
    frozen: a model that is never trained (the --ref base reference) keeps its shards in the
    compute dtype, half the memory in bf16 and the same numbers (FSDP casts to it anyway).
    sharding: over every rank, or hybrid (dist.hybrid_mesh).
    lora: a Config with lora_rank > 0: LoRA adapters on the decoder (drift/lora.py), fp32 and
    trained, the base frozen in the compute dtype; rank 0 draws the adapters' start (seeded) and
    sends it with the weights."""
    attn = {} if attn_implementation == "auto" else {"attn_implementation": attn_implementation}
    full, problem = None, None
    if dist.is_main:
        try:  # safetensors only: a pickled weight file is never read
            full = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32, use_safetensors=True, **attn)
        except (OSError, ValueError, RuntimeError) as e:
            problem = f"cannot load the weights ({str(e).splitlines()[0] if str(e) else type(e).__name__})"
        if lora is not None and full is not None:
            torch.manual_seed(lora.seed)
            add_adapters(full, lora)
    problem = D.broadcast_object(problem)  # the other ranks wait for the weights: they must hear of it
    if problem:
        raise DataError(path, None, None, problem)
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(path),
                                                 dtype=compute_dtype if frozen or lora else torch.float32, **attn)
    for m in model.modules():  # dropout would make policy != reference at step 0
        if isinstance(m, torch.nn.Dropout):
            m.p = 0.0
        if isinstance(getattr(m, "attention_dropout", None), float):
            m.attention_dropout = 0.0
    if lora is not None:  # after the model's own dropout is off: --lora-dropout is the adapters' own
        with torch.device("meta"):
            add_adapters(model, lora)
    model.config.use_cache = False
    if activation_checkpointing:  # non-reentrant: recompute each decoder layer in backward
        if hasattr(model, "activation_checkpointing_enable"):  # its name from transformers 5.2x on
            model.activation_checkpointing_enable()
        else:
            model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    return D.shard_from_rank0(model, full, compute_dtype, dist.device, D.hybrid_mesh(sharding, dist.device.type))


@torch.no_grad()
def packing_problem(model, tokenizer, compute_dtype: torch.dtype, chunk_size: int = 1024) -> str | None:
    """Whether this model computes packed rows as it computes sequences alone; the reason when it
    does not, else None. Packing relies on the model building a block-diagonal mask from position
    ids that restart (transformers does, for its own attention implementations); a model whose
    mask skips that would let every packed sequence attend to the ones before it, silently.

    Two checks on a few tokens, run the same on every rank (the forwards are collective):
      isolation: a sequence B packed after A and after A' (A reversed, the same length) must get
                 the same log-probs: only attention across the boundary could tell them apart, so
                 any difference is contamination, whatever the precision;
      positions: B packed after A must get the log-probs of B alone (positions restart at 0),
                 within the rounding of the compute dtype.
    """
    ids = lambda text: tokenizer(text, add_special_tokens=False)["input_ids"]  # noqa: E731
    a = (ids("The quick brown fox jumps over the lazy dog, and the dog sleeps on. ") * 2)[:24]
    prompt, reply = ids("Question: what is two plus two?"), ids(" Answer: four, of course it is four.")
    b = prompt + reply
    device = model.get_input_embeddings().weight.device
    rows = [a + b, a[::-1] + b, b + [b[0]] * len(a)]  # the last: B alone, then a sequence of padding
    seg = lambda r: [2 * r] * len(a) + [2 * r + 1] * len(b)  # noqa: E731
    segment_ids = torch.tensor([seg(0), seg(1), [4] * len(b) + [5] * len(a)], device=device)  # (3, T)
    position_ids = torch.tensor([list(range(len(a))) + list(range(len(b)))] * 2
                                + [list(range(len(b))) + list(range(len(a)))], device=device)  # (3, T)
    response = torch.zeros(3, len(a) + len(b), dtype=torch.long, device=device)  # (3, T)
    response[:2, len(a) + len(prompt):] = 1
    response[2, len(prompt): len(b)] = 1
    was_training = model.training
    model.eval()
    logps = sequence_logps(model, torch.tensor(rows, device=device), None, response, chunk_size,
                           position_ids=position_ids, segment_ids=segment_ids, n_rows=6).logps  # (6,)
    model.train(was_training)
    n = len(reply)
    after_a, after_reversed, alone = logps[1].item(), logps[3].item(), logps[4].item()
    tolerance = 1e-4 if compute_dtype == torch.float32 else 2e-2  # nats per token
    if abs(after_a - after_reversed) > 1e-4 * n:
        return (f"a packed sequence's log-probs depend on the sequence before it ({abs(after_a - after_reversed) / n:.2g} "
                "nats per token): this model's attention does not isolate packed sequences")
    if abs(after_a - alone) > tolerance * n:
        return (f"a packed sequence's log-probs differ from the same sequence alone ({abs(after_a - alone) / n:.2g} "
                "nats per token): this model does not restart positions at each packed sequence")
    return None
