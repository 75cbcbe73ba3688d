"""The training state's tensors on disk without pickle: each rank writes the rows it holds of
every parameter and optimizer tensor to rank{R}.safetensors (a JSON header and raw bytes: reading
one runs no code), and a resume on any number of ranks reads back the rows it needs.

FSDP2 shards dim 0 as torch.chunk does: with N rows and W ranks, rank r holds rows
[r * ceil(N / W), min(N, (r + 1) * ceil(N / W))). A reader with another rank count takes its
rows from whichever files hold them (safetensors reads a slice without the rest). No rank ever
gathers the whole model: writing costs a rank its own shard, reading at most its shard.

    index, digest = write_shards(folder, rank, {"model": named_parameters, "optim": named_state})
    read_into(folder, index, world_size_written, "model/NAME", parameter)   # on any number of ranks
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import torch
from safetensors import safe_open


def local_rows(t: torch.Tensor) -> torch.Tensor:
    """This rank's rows of a (possibly sharded) tensor: a DTensor's local shard, else the tensor."""
    return t.to_local() if hasattr(t, "to_local") else t


def row_range(n: int, rank: int, world_size: int) -> tuple[int, int]:
    """[start, stop) of the rows rank holds of an n-row tensor sharded over world_size (torch.chunk)."""
    per = -(-n // world_size)
    start = min(n, rank * per)
    return start, min(n, start + per)


def shard_file(folder: Path, rank: int) -> Path:
    return Path(folder) / f"rank{rank:05d}.safetensors"


SAFETENSORS_DTYPES = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
                      torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8",
                      torch.bool: "BOOL"}


def save_tensors(path: Path, tensors: dict[str, torch.Tensor]) -> dict:
    """Write tensors to a safetensors file and return {"bytes", "sha256"} of the file, hashed as it
    is written (not read back). The format: an 8-byte little-endian header length, a JSON header
    giving each tensor's dtype, shape and byte range, then the tensors' bytes. A tensor comes to
    the host one at a time, so writing costs the host one tensor, not a rank's whole shard."""
    header, offset = {}, 0
    for name, t in tensors.items():
        n = t.numel() * t.element_size()
        header[name] = {"dtype": SAFETENSORS_DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + n]}
        offset += n
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the data starts 8-byte aligned
    h = hashlib.sha256()
    try:
        with open(path, "wb") as f:
            for chunk in (len(text).to_bytes(8, "little"), text):
                f.write(chunk)
                h.update(chunk)
            for t in tensors.values():
                data = t.detach().to("cpu").contiguous().reshape(-1).view(torch.uint8).numpy()
                f.write(data)
                h.update(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        raise OSError(e.errno, e.strerror, str(path)) from None
    return {"bytes": 8 + len(text) + offset, "sha256": h.hexdigest()}


def file_digest(path: Path) -> dict:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return {"bytes": os.path.getsize(path), "sha256": h.hexdigest()}


def check_file(path: Path, expected: dict) -> str | None:
    """Why `path` is not the file recorded as `expected` ({"bytes", "sha256"}), or None."""
    if not path.is_file():
        return f"{path} is missing"
    if os.path.getsize(path) != expected["bytes"] or file_digest(path)["sha256"] != expected["sha256"]:
        return f"{path} is not the file the state recorded (size or sha256 differ)"
    return None


def write_shards(folder: Path, rank: int, groups: dict[str, dict[str, torch.Tensor]]) -> tuple[dict, dict]:
    """This rank's rows of every tensor of every group ("model", "optim", ...) in one file.
    Returns (index, digest): index = {"group/name": {"shape": global shape, "dtype", "sharded": bool}}."""
    tensors, index = {}, {}
    for group, named in groups.items():
        for name, t in named.items():
            key = f"{group}/{name}"
            tensors[key] = local_rows(t)
            index[key] = {"shape": list(t.shape), "dtype": str(t.dtype).removeprefix("torch."),
                          "sharded": hasattr(t, "to_local")}
    return index, save_tensors(shard_file(folder, rank), tensors)


def read_into(folder: Path, index: dict, written_world: int, key: str, target: torch.Tensor) -> None:
    """Fill `target` (a DTensor: this rank's rows; else the whole tensor) with the saved tensor `key`."""
    entry = index.get(key)
    if entry is None:
        raise KeyError(f"{key} is not in the saved state")
    if list(target.shape) != entry["shape"]:
        raise ValueError(f"{key}: the saved tensor has shape {entry['shape']}, the model's {list(target.shape)}")
    local = local_rows(target)
    if not entry["sharded"]:  # the same on every rank: rank 0's copy
        with safe_open(shard_file(folder, 0), "pt") as f:
            local.copy_(f.get_tensor(key))
        return
    from .dist import shard_of

    want = row_range(entry["shape"][0], *shard_of(target))
    for r in range(written_world):
        have = row_range(entry["shape"][0], r, written_world)
        lo, hi = max(want[0], have[0]), min(want[1], have[1])
        if lo >= hi:
            continue
        with safe_open(shard_file(folder, r), "pt") as f:
            rows = f.get_slice(key)[lo - have[0]: hi - have[0]]
        local[lo - want[0]: hi - want[0]].copy_(rows)
