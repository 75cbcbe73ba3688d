"""Everything distributed lives here, so the training loop reads the same on 1 process and on 64.

A process group is always created (world size 1 included): FSDP2 needs one, and it means
collectives never need an `if world_size > 1`. NCCL on GPU, gloo on CPU.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict
from torch.distributed.fsdp import MixedPrecisionPolicy, fully_shard


@dataclass
class Dist:
    rank: int
    world_size: int
    local_rank: int
    device: torch.device

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def setup(timeout_minutes: int = 30) -> Dist:
    """Join (or, without torchrun, create) the process group and pick this rank's device."""
    if "RANK" not in os.environ:  # plain `python train.py`: a group of one
        os.environ.update(RANK="0", WORLD_SIZE="1", LOCAL_RANK="0", MASTER_ADDR="127.0.0.1")
        os.environ.setdefault("MASTER_PORT", str(_free_port()))
    local_rank = int(os.environ["LOCAL_RANK"])
    if torch.cuda.is_available():
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
        backend = "nccl"
    else:
        device, backend = torch.device("cpu"), "gloo"
    if not dist.is_initialized():
        dist.init_process_group(backend, timeout=datetime.timedelta(minutes=timeout_minutes))
    return Dist(dist.get_rank(), dist.get_world_size(), local_rank, device)


def teardown():
    if dist.is_initialized():
        dist.destroy_process_group()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def decoder_layers(model) -> torch.nn.ModuleList:
    """The repeated transformer blocks of a HF causal LM (model.model.layers for Llama/Qwen)."""
    base = getattr(model, model.base_model_prefix)
    for name in ("layers", "h", "blocks"):
        if isinstance(getattr(base, name, None), torch.nn.ModuleList):
            return getattr(base, name)
    raise ValueError(f"cannot find the decoder layers of {type(model).__name__}")


def shard(model, compute_dtype: torch.dtype, device: torch.device):
    """FSDP2: fully_shard each decoder layer, then the root. Parameters stay fp32 (the master
    copy: at lr 5e-7 bf16 updates would round to zero); compute runs in `compute_dtype` and
    gradients are reduced in fp32."""
    mp = MixedPrecisionPolicy(param_dtype=compute_dtype, reduce_dtype=torch.float32)
    model.to(device)
    for layer in decoder_layers(model):
        fully_shard(layer, mp_policy=mp)
    fully_shard(model, mp_policy=mp)
    return model


def full_state_dict(model) -> dict[str, torch.Tensor]:
    """The whole model's weights on rank 0's CPU (an empty dict on the other ranks)."""
    return get_model_state_dict(model, options=StateDictOptions(full_state_dict=True, cpu_offload=True))


def all_reduce_sum(t: torch.Tensor) -> torch.Tensor:
    dist.all_reduce(t, op=dist.ReduceOp.SUM)
    return t


def barrier():
    dist.barrier()
