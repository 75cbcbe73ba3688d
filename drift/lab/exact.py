"""The exact world: a tabular softmax policy and a gold reward, every expectation computed exactly.

96 prompts with 24 candidate responses each, a gold reward r*(x, y) = u^2, a tabular softmax policy,
the deployment's DSAT, SAT and seed rows drawn from it, guidance as a tilt toward better replies,
and the four methods trained with drift.loss.dpo_loss by exact-sum SGD; Lemma 1's and
Proposition 1's quantities measured exactly after every stage. The design, with every number and
its reason, and the results: drift/lab/README.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from drift.loss import dpo_loss

X, Y = 96, 24
KAPPA, RM_NOISE, BETA, TAU, ETA, BATCH = 4.0, 0.25, 0.1, 0.25, 10.0, 16
HIGH, KEEP = 0.64, 1.0 / (4 * 24)
METHODS = ("drift", "drift_unguided", "spin", "iterdpo")


@dataclass
class World:
    r: torch.Tensor  # gold reward (X, Y)
    r_rm: torch.Tensor  # the reward model's view (X, Y)
    theta0: torch.Tensor  # deployed logits (X, Y)
    dsat: list  # (x, y-)
    sat: list  # (x, y_sat)
    seed: list  # (x, y+, y-)


def make_world(seed: int) -> World:
    g = torch.Generator().manual_seed(seed)
    u = torch.rand(X, Y, generator=g, dtype=torch.float64)
    r = u ** 2
    theta0 = 2 * r + torch.randn(X, Y, generator=g, dtype=torch.float64)
    r_rm = r + RM_NOISE * torch.randn(X, Y, generator=g, dtype=torch.float64)
    pi0 = theta0.softmax(-1)
    dsat, satisfied = [], []
    for x in range(X):
        for y in torch.multinomial(pi0[x], 8, replacement=True, generator=g).tolist():
            happy = torch.rand(1, generator=g, dtype=torch.float64).item() < r[x, y].item()
            (satisfied if happy else dsat).append((x, y))
    keep = torch.randperm(len(satisfied), generator=g)[: len(dsat) // 2].tolist()
    sat = [satisfied[i] for i in sorted(keep)]
    guided0 = guide(pi0, r)
    seed_pairs = []
    for i, (x, y_minus) in enumerate(dsat):
        if i % 8:
            continue
        while True:  # the user keeps asking until a revision satisfies them
            y = torch.multinomial(guided0[x], 1, generator=g).item()
            if torch.rand(1, generator=g, dtype=torch.float64).item() < r[x, y].item():
                break
        seed_pairs.append((x, y, y_minus))
    return World(r, r_rm, theta0, dsat, sat, seed_pairs)


def guide(pi: torch.Tensor, r: torch.Tensor) -> torch.Tensor:
    """guide(pi)(y|x) ∝ pi(y|x) exp(kappa r*(x, y)): (X, Y) rows that sum to 1."""
    w = pi * torch.exp(KAPPA * r)
    return w / w.sum(-1, keepdim=True)


# ----------------------------------------------------------------------------- pairs


def pair_distribution(method: str, world: World, pi: torch.Tensor) -> list[tuple[int, torch.Tensor, float]]:
    """The stage's pairs as a distribution: a list of (x, P, w) with P a (Y, Y) matrix of
    probabilities over (y+, y-) for one row of the data, w the row's weight (rows are equally likely)."""
    rows = []
    if method in ("drift", "drift_unguided"):
        q = guide(pi, world.r) if method == "drift" else pi
        for x, y_minus in world.dsat:
            P = torch.zeros(Y, Y, dtype=torch.float64)
            P[:, y_minus] = q[x]
            rows.append((x, P))
    elif method == "spin":
        for x, y_sat in world.sat:
            P = torch.zeros(Y, Y, dtype=torch.float64)
            P[y_sat, :] = pi[x]
            rows.append((x, P))
    elif method == "iterdpo":
        for x, _ in world.dsat:
            joint = torch.outer(pi[x], pi[x])  # (a, b), independent draws
            better = (world.r_rm[x][:, None] > world.r_rm[x][None, :]).to(joint.dtype)  # [c, r]: c beats r
            rows.append((x, (joint + joint.T) * better))  # either order of the draw; a == b is a tie
    else:
        raise ValueError(f"unknown method {method!r}")
    for _, P in rows:
        P.fill_diagonal_(0)  # y+ = y-: no signal, and train.py drops such pairs too
    return rows


def draw_pairs(method: str, world: World, pi: torch.Tensor, g: torch.Generator) -> list[tuple[int, int, int]]:
    """One stage's training pairs (x, y+, y-), drawn from the pair distribution."""
    pairs = []
    for x, P in pair_distribution(method, world, pi):
        if torch.rand(1, generator=g, dtype=torch.float64).item() >= P.sum().item():
            continue  # the draw gave y+ = y- (or IterDPO's two draws were one reply): dropped
        k = torch.multinomial(P.flatten() / P.sum(), 1, generator=g).item()
        pairs.append((x, k // Y, k % Y))
    return pairs


# ----------------------------------------------------------------------------- training


def train_epoch(theta: torch.Tensor, ref: torch.Tensor, pairs: list, g: torch.Generator) -> tuple[torch.Tensor, float]:
    """One epoch of DPO (drift.loss.dpo_loss) with SGD: the new logits and the mean sigma(-s)."""
    theta = theta.clone().requires_grad_(True)
    ref_logp = ref.log_softmax(-1)
    order = torch.randperm(len(pairs), generator=g).tolist()
    signal = []
    for start in range(0, len(order), BATCH):
        batch = torch.tensor([pairs[i] for i in order[start: start + BATCH]])  # (b, 3)
        x, yp, ym = batch.unbind(1)
        logp = theta.log_softmax(-1)  # (X, Y)
        losses, chosen_r, rejected_r = dpo_loss(logp[x, yp], logp[x, ym], ref_logp[x, yp], ref_logp[x, ym], BETA)
        theta.grad = None
        losses.sum().backward()
        with torch.no_grad():
            theta -= ETA * theta.grad
        signal.append(torch.sigmoid(-(chosen_r - rejected_r)).mean().item())
    return theta.detach(), sum(signal) / max(len(signal), 1)


def gradient_stats(method_rows: list, theta: torch.Tensor, ref: torch.Tensor) -> dict:
    """Lemma 1 and Proposition 1 quantities, exactly, over a pair distribution at (theta, ref).

    For a tabular policy d = e_{x,y+} - e_{x,y-}, so ||d|| = sqrt(2) (0 when y+ = y-) and the
    per-pair gradient of l = -log sigma(s) is -beta sigma(-s) d."""
    logp, ref_logp = theta.log_softmax(-1), ref.log_softmax(-1)
    h = logp - ref_logp  # (X, Y) log-ratios
    n = len(method_rows)
    E_norm = P_E = E_norm_given_E_num = E_sigma = E_s = E_s2 = E_d2 = 0.0
    E_grad = torch.zeros_like(theta)  # E[sigma(-s) d]
    E_d = torch.zeros_like(theta)
    for x, P in method_rows:
        s = BETA * (h[x][:, None] - h[x][None, :])  # (Y+, Y-)
        sig = torch.sigmoid(-s)
        dn = math.sqrt(2) * (1 - torch.eye(Y, dtype=theta.dtype))  # ||d||
        E_norm += (P * sig * dn).sum().item() / n
        event = (sig >= TAU).to(theta.dtype)
        P_E += (P * event).sum().item() / n
        E_norm_given_E_num += (P * event * dn).sum().item() / n
        E_sigma += (P * sig).sum().item() / n
        E_s += (P * s).sum().item() / n
        E_s2 += (P * s * s).sum().item() / n
        E_d2 += (P * dn * dn).sum().item() / n
        w = P * sig
        E_grad[x] += (w.sum(1) - w.sum(0)) / n  # the +e_{y+} and -e_{y-} parts
        E_d[x] += (P.sum(1) - P.sum(0)) / n
    mass = sum(P.sum().item() for _, P in method_rows) / n  # < 1 for IterDPO (ties dropped)
    E_norm, P_E, E_sigma = E_norm / mass, P_E / mass, E_sigma / mass
    var_s = max(E_s2 / mass - (E_s / mass) ** 2, 0.0)
    lemma1 = BETA * TAU * P_E * (E_norm_given_E_num / mass / P_E if P_E else 0.0)
    prop1 = BETA / 4 * math.sqrt(var_s) * math.sqrt(E_d2 / mass)
    return {
        "E_grad_norm": BETA * E_norm,  # E||grad l||
        "lemma1_bound": lemma1,
        "norm_E_grad": BETA * (E_grad / mass).norm().item(),  # ||E grad l||
        "prop1_bound": prop1,
        "fixed_point_gap": BETA * E_sigma * (E_d / mass).norm().item(),
        "frac_above_tau": P_E,
        "mean_sigmoid_neg_s": E_sigma,
    }


def policy_stats(theta: torch.Tensor, r: torch.Tensor) -> dict:
    pi = theta.softmax(-1)
    high = r >= HIGH
    return {
        "gold": (pi * r).sum(-1).mean().item(),
        "entropy": -(pi * pi.clamp_min(1e-300).log()).sum(-1).mean().item(),
        "coverage": ((pi >= KEEP) & high).sum().item() / high.sum().item(),
    }


def at_gold(gold: list[float], values: list[float], level: float) -> float | None:
    """A measure at the point where a method's trajectory (warm, iter1, ...) first reaches gold
    `level`, interpolated linearly between the two stages around it; None if it never does."""
    for k in range(1, len(gold)):
        lo, hi = gold[k - 1], gold[k]
        if lo <= level <= hi and hi > lo:
            t = (level - lo) / (hi - lo)
            return values[k - 1] + t * (values[k] - values[k - 1])
        if lo == level:
            return values[k - 1]
    return values[-1] if gold and gold[-1] == level else None


def matched_gold(methods: dict, keys: tuple[str, ...], n_levels: int = 5) -> dict:
    """Each measure compared at equal gold utility rather than at equal iteration: at n_levels
    gold levels spread over the range every method reaches from the shared warm start (from the
    warm start's gold to the lowest final gold), each method's measure where it first gets there."""
    trajectories = {m: v["gold"][1:] for m, v in methods.items()}  # from the warm start on
    low = max(min(g) for g in trajectories.values())
    high = min(max(g) for g in trajectories.values())
    levels = [low + (high - low) * (i + 1) / n_levels for i in range(n_levels)] if high > low else []
    return {"levels": levels, **{key: {m: [at_gold(trajectories[m], v[key][1:], lv) for lv in levels]
                                      for m, v in methods.items()} for key in keys}}


def run(seed: int = 0, quick: bool = False, iterations: int | None = None) -> dict:
    """Every method from the same warm start; returns lab.json's content for this world."""
    K = iterations or (3 if quick else 5)
    world = make_world(seed)
    g = torch.Generator().manual_seed(seed + 1)
    warm, epoch_signals = world.theta0, []
    for _ in range(3):  # the warm start: 3 epochs on the seed pairs, its reference the deployed policy
        warm, sig = train_epoch(warm, world.theta0, world.seed, g)
        epoch_signals.append(sig)
    warm_signal = sum(epoch_signals) / len(epoch_signals)
    base_stats, warm_stats = policy_stats(world.theta0, world.r), policy_stats(warm, world.r)
    methods = {}
    for method in METHODS:
        g = torch.Generator().manual_seed(seed + 2)  # every method draws from its own copy of the same stream
        theta, rows = warm, {k: [base_stats[k], warm_stats[k]] for k in base_stats}
        signal, grads = [warm_signal], []
        for _ in range(K):
            ref = theta
            pairs = draw_pairs(method, world, ref.softmax(-1), g)
            theta, sig = train_epoch(ref, ref, pairs, g)
            signal.append(sig)
            grads.append(gradient_stats(pair_distribution(method, world, ref.softmax(-1)), theta, ref))
            for k, v in policy_stats(theta, world.r).items():
                rows[k].append(v)
        methods[method] = {"gold": rows["gold"], "signal": signal, "entropy": rows["entropy"],
                           "coverage": rows["coverage"], "n_pairs": len(pairs),
                           **{k: [s[k] for s in grads] for k in grads[0]}}
    return {"world": "exact", "seed": seed, "quick": quick, "iterations": K, "methods": methods,
            "matched_gold": matched_gold(methods, ("coverage", "entropy")),
            "data": {"prompts": X, "responses": Y, "dsat": len(world.dsat), "sat": len(world.sat),
                     "seed_pairs": len(world.seed)},
            "params": {"kappa": KAPPA, "rm_noise": RM_NOISE, "beta": BETA, "tau": TAU, "eta": ETA, "batch": BATCH,
                       "high_reward": HIGH, "keep_mass": KEEP},
            "stages": ["base", "warm"] + [f"iter{k}" for k in range(1, K + 1)]}
