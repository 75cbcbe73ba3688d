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


def shard(model, compute_dtype: torch.dtype, device: torch.device | None):
    """FSDP2: fully_shard each decoder layer, then the root. Parameters stay fp32 (the master
    copy: at lr 5e-7 bf16 updates would round to zero); compute runs in `compute_dtype` and
    gradients are reduced in fp32. device None: the model stays where it is (the meta device)."""
    mp = MixedPrecisionPolicy(param_dtype=compute_dtype, reduce_dtype=torch.float32)
    if device is not None:
        model.to(device)
    for layer in decoder_layers(model):
        fully_shard(layer, mp_policy=mp)
    fully_shard(model, mp_policy=mp)
    return model


def shard_from_rank0(model, full, compute_dtype: torch.dtype, device: torch.device):
    """Shard `model`, built on the meta device on every rank, and fill it with the weights of
    `full`, the loaded model that only rank 0 holds (None elsewhere): one copy of the weights in
    host memory per job, not one per rank. The weights are broadcast one tensor at a time and
    each rank copies its slice of dim 0 (FSDP2's Shard(0), torch.chunk's split) into its shard, so
    a rank holds at most its shard plus one full tensor (rank 0: the whole model as well). Buffers
    (the rotary embedding's inv_freq, not in the state dict) are copied whole."""
    shard(model, compute_dtype, None)
    model.to_empty(device=device)
    theirs = dict(full.named_parameters()) | dict(full.named_buffers()) if full is not None else {}
    rank, world = dist.get_rank(), dist.get_world_size()
    with torch.no_grad():
        for name, p in list(model.named_parameters()) + list(model.named_buffers()):  # the same order on every rank
            tensor = theirs[name].detach().to(device) if full is not None else torch.empty(p.shape, dtype=p.dtype, device=device)
            dist.broadcast(tensor, src=0)
            if hasattr(p, "to_local"):  # a sharded parameter: this rank's rows
                local = p.to_local()
                start = rank * -(-p.shape[0] // world)  # torch.chunk: ceil(n / world) rows a rank
                local.copy_(tensor.narrow(0, min(start, p.shape[0]), local.shape[0]))
            else:
                p.copy_(tensor)
            del tensor
    return model


def full_state_dict(model) -> dict[str, torch.Tensor]:
    """The whole model's weights on rank 0's CPU (an empty dict on the other ranks)."""
    return get_model_state_dict(model, options=StateDictOptions(full_state_dict=True, cpu_offload=True))


def all_reduce_sum(t: torch.Tensor) -> torch.Tensor:
    dist.all_reduce(t, op=dist.ReduceOp.SUM)
    return t


def barrier():
    dist.barrier()
