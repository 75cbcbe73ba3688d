"""LoRA adapters (--lora-rank R): the base weights frozen, each targeted linear layer W of the
decoder computing W x + (alpha / R) B A x, with A (R, in) and B (out, R) trained (Hu et al.,
2021). Built with peft's layers, injected into the plain Hugging Face model (no wrapper: FSDP2,
the log-probs and the sampler see the model they always see).

One adapter goes through the whole run; it is never merged while training. The paper's reference
then costs no second model:
  --ref previous  the policy at the stage's start (base + adapter as it stands): the reference
                  pass runs the policy itself, before its first update, as with full weights;
  --ref base      the base model: the same pass with the adapters switched off (adapters_off).
Every stage's adapter is relative to the same base model (--model), so each stage folder gets a
merged Hugging Face folder (W + (alpha / R) B A, in the export dtype) and, in OUT/<stage>/adapter,
the adapter in peft's own format, which PeftModel.from_pretrained(base, folder) loads.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import torch

from . import dist as D

ADAPTER = "adapter"  # OUT/<stage>/adapter: the stage's adapter in peft's format
PEFT_PREFIX = "base_model.model."  # how peft names a weight in adapter_model.safetensors


def lora_config(cfg, targets: list[str] | str | None = None):
    from peft import LoraConfig

    names = cfg.lora_target_modules.strip()
    if targets is None:
        targets = "all-linear" if names == "all-linear" else [m.strip() for m in names.split(",") if m.strip()]
    return LoraConfig(r=cfg.lora_rank, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                      target_modules=targets, bias="none", task_type="CAUSAL_LM")


def text_linears(model) -> dict[str, torch.nn.Linear]:
    """The linear layers of the text decoder's layers, by their path in `model` (a multimodal
    wrapper's vision tower left out: the run trains on text)."""
    decoder = model.get_decoder() if hasattr(model, "get_decoder") else model
    inside = {id(m) for layer in D.decoder_layers(decoder) for m in layer.modules()}
    return {name: m for name, m in model.named_modules() if isinstance(m, torch.nn.Linear) and id(m) in inside}


def linear_names(model) -> list[str]:
    """The names (the last part of the path) of the text decoder's linear layers: what
    --lora-target-modules may name."""
    return sorted({name.rsplit(".", 1)[-1] for name in text_linears(model)})


def _targets(model, wanted: list[str]) -> list[str]:
    """peft's target_modules for `wanted` (short names): those names where they match nothing
    outside the text decoder, else every matching module's whole path."""
    linears = text_linears(model)
    elsewhere = [name for name, m in model.named_modules() if isinstance(m, torch.nn.Linear)
                 and name not in linears and name.rsplit(".", 1)[-1] in wanted]
    return [n for n in linears if n.rsplit(".", 1)[-1] in wanted] if elsewhere else wanted


def add_adapters(model, cfg):
    """`model` with LoRA adapters on the targeted linear layers of its decoder, in fp32 (the
    trained master weights), everything else frozen. A fixed torch seed before the call gives the
    same A on every process (B starts at zero: the policy starts as the base model). Raises
    ValueError with one line when the targets are not the model's or peft cannot wrap it."""
    from peft import inject_adapter_in_model
    from peft.tuners.lora import Linear as LoraLinear

    have = linear_names(model)
    names = cfg.lora_target_modules.strip()
    wanted = have if names == "all-linear" else [m.strip() for m in names.split(",") if m.strip()]
    missing = [m for m in wanted if m not in have]
    if missing:
        raise ValueError(f"--lora-target-modules {','.join(missing)}: not a linear layer of this model's decoder; "
                         f"it has {','.join(have) or 'none'}")
    if not wanted:
        raise ValueError("this model's decoder has no linear layers for LoRA to adapt")
    for p in model.parameters():
        p.requires_grad_(False)
    try:
        inject_adapter_in_model(lora_config(cfg, _targets(model, wanted)), model)
    except (ValueError, TypeError, RuntimeError) as e:
        raise ValueError(f"peft cannot add LoRA adapters to this model ({str(e).splitlines()[0]})") from None
    decoder = model.get_decoder() if hasattr(model, "get_decoder") else model
    in_layers = {id(m) for layer in D.decoder_layers(decoder) for m in layer.modules()}
    for name, m in model.named_modules():
        if hasattr(m, "lora_A") and (not isinstance(m, LoraLinear) or id(m) not in in_layers or m.fan_in_fan_out):
            raise ValueError(f"peft cannot add LoRA adapters to this model as drift merges them ({name}: "
                             f"{type(m).__name__})")
    for m in D.adapter_modules(model):
        m.float()
        m.requires_grad_(True)
    return model


def on_meta(config, cfg):
    """The model of `config` with cfg's adapters, built on the meta device (no weights)."""
    from transformers import AutoModelForCausalLM

    with torch.device("meta"):
        return add_adapters(AutoModelForCausalLM.from_config(config), cfg)


def lora_problem(config, cfg) -> str | None:
    """Why this model (its config) cannot take cfg's adapters, or None: said before anything is
    written."""
    try:
        on_meta(config, cfg)
    except ValueError as e:
        return str(e)
    return None


def has_adapters(model) -> bool:
    return any(hasattr(m, "lora_A") for m in model.modules())


@contextmanager
def adapters_off(model):
    """The base model: every adapter switched off for the block (the --ref base reference pass),
    then on again, each parameter's requires_grad as it was."""
    from peft.tuners.tuners_utils import BaseTunerLayer

    layers = [m for m in model.modules() if isinstance(m, BaseTunerLayer)]
    trained = {name: p.requires_grad for name, p in model.named_parameters()}
    for m in layers:
        m.enable_adapters(False)
    try:
        yield model
    finally:
        for m in layers:
            m.enable_adapters(True)
        for name, p in model.named_parameters():
            if name in trained:
                p.requires_grad_(trained[name])


def scaling(cfg) -> float:
    return cfg.lora_alpha / cfg.lora_rank


def merged(state: dict[str, torch.Tensor], cfg) -> dict[str, torch.Tensor]:
    """A full state dict of the adapted model (its names: x.base_layer.weight, x.lora_A.default.weight,
    ...) as the plain model's (x.weight = W + (alpha / R) B A, computed in fp32), for its folder."""
    s, out = scaling(cfg), {}
    for name, t in state.items():
        if ".lora_A." in name or ".lora_B." in name:
            continue
        plain = name.replace(".base_layer.", ".")
        if name.endswith(".base_layer.weight"):
            stem = name[: -len(".base_layer.weight")]
            a, b = state[f"{stem}.lora_A.default.weight"].float(), state[f"{stem}.lora_B.default.weight"].float()
            t = t.float() + s * (b @ a)
        out[plain] = t
    return out


def adapter_state(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """The adapter's weights named as peft saves them (base_model.model.<path>.lora_A.weight)."""
    return {PEFT_PREFIX + name.replace(".default.", "."): t.float().contiguous() for name, t in state.items()
            if ".lora_A." in name or ".lora_B." in name}


def save_adapter(folder: Path, state: dict[str, torch.Tensor], cfg, base: str) -> None:
    """folder/adapter_config.json and folder/adapter_model.safetensors (fp32), as
    PeftModel.save_pretrained writes them, from the adapted model's full state dict:
    PeftModel.from_pretrained(base model, folder) loads it."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    config = lora_config(cfg, adapted_targets(state))
    config.base_model_name_or_path = base
    config.inference_mode = True  # as PeftModel.save_pretrained writes it
    config.save_pretrained(str(folder))
    save_file(adapter_state(state), str(folder / "adapter_model.safetensors"), metadata={"format": "pt"})


def adapted_targets(state: dict[str, torch.Tensor]) -> list[str]:
    """peft's target_modules for the adapters in `state`: their short names (q_proj, ...), or
    their whole paths where a short name is also a module without an adapter (a vision tower's)."""
    paths = sorted({name.split(".lora_A.")[0] for name in state if ".lora_A." in name})
    short = {p.rsplit(".", 1)[-1] for p in paths}
    plain = {name.rsplit(".", 1)[0] for name in state if ".lora_" not in name and ".base_layer." not in name}
    return paths if any(p.rsplit(".", 1)[-1] in short for p in plain) else sorted(short)
