"""Everything distributed lives here, so the training loop reads the same on 1 process and on 64.

A process group is always created (world size 1 included): FSDP2 needs one, and it means
collectives never need an `if world_size > 1`. NCCL on GPU, gloo on CPU.
"""

from __future__ import annotations

import datetime
import os
from contextlib import contextmanager
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict
from torch.distributed.fsdp import MixedPrecisionPolicy, fully_shard


started = False  # this process joined a process group (drift.io.leave ends it at once)


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
    global started
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if torch.cuda.is_available():
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
        backend = "nccl"
    else:
        device, backend = torch.device("cpu"), "gloo"
    if not dist.is_initialized():
        timeout = datetime.timedelta(minutes=timeout_minutes)
        if "RANK" in os.environ:  # torchrun says who we are
            dist.init_process_group(backend, timeout=timeout)
        else:  # plain `python train.py`: a group of one, and nothing written to the environment
            dist.init_process_group(backend, init_method=f"tcp://127.0.0.1:{_free_port()}", rank=0, world_size=1,
                                    timeout=timeout)
    started = True
    return Dist(dist.get_rank(), dist.get_world_size(), local_rank, device)


def teardown():
    if dist.is_initialized():
        dist.destroy_process_group()


def release():
    """As a script ends (drift.io.cli): destroy a group of one (tests run several scripts in one
    process). A group of several ranks is left to drift.io.leave, which ends the process at once:
    destroying it joins gloo's threads while the other ranks leave, and that aborted a finished rank
    now and then ('terminate called without an active exception', once in a full run of the suite
    after leave() ended processes at once)."""
    if dist.is_initialized() and dist.get_world_size() == 1:
        dist.destroy_process_group()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def decoder_layers(model) -> list[torch.nn.Module]:
    """The repeated blocks FSDP2 shards one by one: the modules whose classes Hugging Face marks as
    never to be split (`_no_split_modules`, collected over every sub-model): the decoder layers,
    wherever they sit (model.model.layers in Llama or Qwen, model.model.language_model.layers in
    Gemma-3's multimodal wrapper), and a vision tower's encoder layers when there is one."""
    names = set()
    for m in model.modules():
        names.update(getattr(m, "_no_split_modules", None) or ())
    blocks = [m for m in model.modules() if any(c.__name__ in names for c in type(m).__mro__)]  # FSDP subclasses too
    if not blocks:
        raise ValueError(f"cannot find the decoder layers of {type(model).__name__} (it names no _no_split_modules)")
    return blocks


def adapter_modules(module) -> list[torch.nn.Module]:
    """The LoRA adapters' own linear layers (A and B) inside `module` (drift/lora.py): the units
    FSDP2 shards apart from the frozen weights around them (one dtype per unit)."""
    return [m for m in module.modules() if hasattr(m, "lora_A")
            for m in (*m.lora_A.values(), *m.lora_B.values())]


def hybrid_mesh(sharding: str, device_type: str):
    """The mesh of --sharding: None shards over every rank (full); hybrid (HSDP) shards within a
    node and replicates across nodes, a (nodes, ranks a node) mesh: a step's gathers and
    reduce-scatters stay on the node's fast links, and only the sharded gradient's all-reduce, 4 N /
    (ranks a node) bytes a rank, crosses between nodes, where full sharding sends about 8 N a rank
    each micro-batch. auto = hybrid when the job spans several nodes (torchrun's LOCAL_WORLD_SIZE)."""
    world = dist.get_world_size()
    local = int(os.environ.get("LOCAL_WORLD_SIZE", str(world)))
    hybrid = sharding == "hybrid" or (sharding == "auto" and local < world)
    if not hybrid or local >= world or world % local:
        return None
    from torch.distributed.device_mesh import init_device_mesh

    return init_device_mesh(device_type, (world // local, local), mesh_dim_names=("replicate", "shard"))


def shard(model, compute_dtype: torch.dtype, device: torch.device | None, mesh=None):
    """FSDP2: fully_shard each decoder layer, then the root. Parameters stay fp32 (the master
    copy: at lr 5e-7 bf16 updates would round to zero); compute runs in `compute_dtype` and
    gradients are reduced in fp32. device None: the model stays where it is (the meta device).
    mesh: hybrid_mesh's, or None for every rank. A layer's LoRA adapters (fp32, trained) are a unit
    of their own inside it, apart from its frozen weights (compute dtype): one dtype per unit."""
    mp = MixedPrecisionPolicy(param_dtype=compute_dtype, reduce_dtype=torch.float32)
    if device is not None:
        model.to(device)
    for layer in decoder_layers(model):
        if adapters := adapter_modules(layer):
            fully_shard(adapters, mp_policy=mp, mesh=mesh)
        fully_shard(layer, mp_policy=mp, mesh=mesh)
    fully_shard(model, mp_policy=mp, mesh=mesh)
    return model


def shard_of(t) -> tuple[int, int]:
    """(this rank's shard, the number of shards) of a parameter: its coordinate on the mesh
    dimension it is sharded along (the node's ranks under hybrid sharding); (0, 1) for a tensor
    every rank holds whole."""
    if not hasattr(t, "placements"):
        return 0, 1
    dim = next((i for i, pl in enumerate(t.placements) if pl.is_shard()), None)
    if dim is None:
        return 0, 1
    return t.device_mesh.get_local_rank(dim), t.device_mesh.size(dim)


def is_hybrid(model) -> bool:
    """Whether the model is sharded within nodes and replicated across them (hybrid_mesh)."""
    p = next(model.parameters(), None)
    return p is not None and hasattr(p, "device_mesh") and p.device_mesh.ndim > 1


def writes_shards(model) -> bool:
    """Whether this rank writes its shards to a saved state: every rank under full sharding; under
    hybrid sharding the first node's (the others hold copies of the same rows)."""
    p = next(model.parameters())
    if not hasattr(p, "placements"):
        return dist.get_rank() == 0
    dims = [i for i, pl in enumerate(p.placements) if not pl.is_shard()]
    return all(p.device_mesh.get_local_rank(i) == 0 for i in dims)


def shard_from_rank0(model, full, compute_dtype: torch.dtype, device: torch.device, mesh=None):
    """Shard `model`, built on the meta device on every rank, and fill it with the weights of
    `full`, the loaded model that only rank 0 holds (None elsewhere): one copy of the weights in
    host memory per job, not one per rank. The weights are broadcast one tensor at a time and
    each rank copies its slice of dim 0 (FSDP2's Shard(0), torch.chunk's split) into its shard, so
    a rank holds at most its shard plus one full tensor (rank 0: the whole model as well). Buffers
    (the rotary embedding's inv_freq, not in the state dict) are copied whole."""
    shard(model, compute_dtype, None, mesh)
    model.to_empty(device=device)
    theirs = dict(full.named_parameters()) | dict(full.named_buffers()) if full is not None else {}
    with torch.no_grad():
        for name, p in list(model.named_parameters()) + list(model.named_buffers()):  # the same order on every rank
            tensor = (theirs[name].detach().to(device, p.dtype) if full is not None
                      else torch.empty(p.shape, dtype=p.dtype, device=device))
            dist.broadcast(tensor, src=0)
            if hasattr(p, "to_local"):  # a sharded parameter: this rank's rows
                local = p.to_local()
                index, count = shard_of(p)
                start = index * -(-p.shape[0] // count)  # torch.chunk: ceil(n / shards) rows a shard
                local.copy_(tensor.narrow(0, min(start, p.shape[0]), local.shape[0]))
            else:
                p.copy_(tensor)
            del tensor
    return model


def reshard(model) -> None:
    """Free every gathered weight of an FSDP2 model. A forward without backward (the reference
    pass, a check) leaves the root module's weights gathered, and while they are the model's
    parameters are those gathered copies: an optimizer built then would update copies that the
    next gather overwrites. Call this after such forwards."""
    from torch.distributed.fsdp import FSDPModule

    for m in model.modules():
        if isinstance(m, FSDPModule):
            m.reshard()


def full_state_dict(model) -> dict[str, torch.Tensor]:
    """The whole model's weights on rank 0's CPU (an empty dict on the other ranks)."""
    return get_model_state_dict(model, options=StateDictOptions(full_state_dict=True, cpu_offload=True))


def all_reduce_sum(t: torch.Tensor) -> torch.Tensor:
    dist.all_reduce(t, op=dist.ReduceOp.SUM)
    return t


def any_rank(flag: bool, device: torch.device) -> bool:
    """Whether `flag` holds on any rank (every rank gets the same answer)."""
    t = torch.tensor([float(flag)], device=device)
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return bool(t.item())


def all_reduce_min(t: torch.Tensor) -> torch.Tensor:
    dist.all_reduce(t, op=dist.ReduceOp.MIN)
    return t


def barrier():
    dist.barrier()


def broadcast_object(obj):
    """Rank 0's `obj` (JSON-able) on every rank."""
    box = [obj]
    dist.broadcast_object_list(box, src=0)
    return box[0]


def gather_objects(obj) -> list:
    """Every rank's `obj` (JSON-able), in rank order, on every rank."""
    out = [None] * dist.get_world_size()
    dist.all_gather_object(out, obj)
    return out


def report_error(message: str, seconds: float = 30.0) -> None:
    """Say a rank's error on stderr once: by rank 0 alone when every rank stops on the same one,
    else by each rank that has it, with its rank (an error only one node's ranks meet, a file they
    cannot read, say, must not end the job without a word). The ranks meet through the process
    group's store, which needs no collective: a rank still computing never answers, and after
    `seconds` the others speak for themselves. Then they wait for each other, so that torchrun,
    which stops the job when the first rank exits, does not stop one before it has spoken."""
    import sys

    if not dist.is_initialized() or dist.get_world_size() == 1:
        print(f"error: {message}", file=sys.stderr, flush=True)
        return
    rank, world = dist.get_rank(), dist.get_world_size()
    timeout = datetime.timedelta(seconds=seconds)
    try:
        store = dist.distributed_c10d._get_default_store()
        store.set(f"drift/error/{rank}", message)
        store.wait([f"drift/error/{r}" for r in range(world)], timeout)
        same = all(store.get(f"drift/error/{r}").decode() == message for r in range(world))
    except Exception:  # a rank that did not stop (or a store that is gone): each speaks for itself
        store, same = None, False
    if not same:
        print(f"error on rank {rank}: {message}", file=sys.stderr, flush=True)
    elif rank == 0:
        print(f"error: {message}", file=sys.stderr, flush=True)
    if store is not None and same:
        try:
            store.set(f"drift/said/{rank}", "1")
            store.wait([f"drift/said/{r}" for r in range(world)], timeout)
        except Exception:
            pass


@contextmanager
def gathered(model):
    """Hold an FSDP2-sharded model's full weights through a pass of many forwards (sampling): FSDP
    would otherwise all-gather every layer at every forward, i.e. at every generated token, and
    with the weights held a forward needs no collective, so each rank goes at its own pace. On
    exit the weights are resharded and every module but the root goes back to resharding after
    forward, FSDP2's own default for `fully_shard(layer)...; fully_shard(model)`. A plain model,
    or one already inside gathered(): nothing to do."""
    from torch.distributed.fsdp import FSDPModule

    fsdp_modules = [m for m in model.modules() if isinstance(m, FSDPModule)]
    if not fsdp_modules or getattr(model, "_drift_gathered", False):
        yield model
        return
    for m in fsdp_modules:
        m.set_reshard_after_forward(False, recurse=False)
        m.unshard()
    model._drift_gathered = True
    try:
        yield model
    finally:
        model._drift_gathered = False
        for m in fsdp_modules:
            m.reshard()
            m.set_reshard_after_forward(m is not fsdp_modules[0], recurse=False)


@contextmanager
def sampling_mode(model):
    """eval mode (dropout off), no autograd, FSDP weights gathered; the training mode comes back
    after. no_grad rather than inference_mode: FSDP keeps using these parameter tensors in training."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad(), gathered(model):
            yield
    finally:
        model.train(was_training)
