"""The DPO loss (paper Eq. 2), its gradient (Lemma 1) and the SPIN degeneration bound
(Proposition 1), checked against the math.

Symbols as in drift/loss.py:
  h(y) = log pi(y|x) - log pi_ref(y|x)
  u    = h(y+) - h(y-)
  s    = beta * u                      (s already contains beta)
  L    = -log sigmoid(s)               (Eq. 2)
  d    = grad log pi(y+|x) - grad log pi(y-|x)
  grad L = -beta * sigmoid(-s) * d     (Lemma 1)

Most properties are checked on a tabular policy: a softmax over a finite set of M responses,
pi(y|x) = softmax(features[x] @ theta + bias)[y], in float64 so equalities hold to 1e-10.
"""

from __future__ import annotations

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from drift.data import ChatEncoder, Pair, collate
from drift.logprobs import concatenated_logps
from drift.loss import dpo_loss, nll_loss, signal_weight
from drift.tiny import make_model, make_tokenizer

PROPERTY = settings(max_examples=30, deadline=None)
seeds = st.integers(0, 2**32 - 1)
betas = st.floats(0.01, 2.0)
scales = st.floats(0.1, 3.0)  # spread of the logits: small = near uniform, large = saturated sigmoids


class TabularPolicy:
    """pi(y|x) = softmax(features[x] @ theta + bias)[y] over M responses, for P prompts.

    The parameters are theta (D,) and bias (M,); pi_ref is a different, fixed softmax.
    """

    def __init__(self, seed: int, n_prompts: int, n_responses: int, dim: int, scale: float):
        g = torch.Generator().manual_seed(seed)
        f64 = dict(generator=g, dtype=torch.float64)
        self.features = torch.randn(n_prompts, n_responses, dim, **f64)  # (P, M, D)
        self.theta = (scale * torch.randn(dim, **f64)).requires_grad_()  # (D,)
        self.bias = (scale * torch.randn(n_responses, **f64)).requires_grad_()  # (M,)
        self.ref_logits = scale * torch.randn(n_prompts, n_responses, **f64)  # (P, M)
        self.params = [self.theta, self.bias]

    def logps(self) -> torch.Tensor:
        return torch.log_softmax(self.features @ self.theta + self.bias, dim=-1)  # (P, M)

    def ref_logps(self) -> torch.Tensor:
        return torch.log_softmax(self.ref_logits, dim=-1)  # (P, M)


def flat_grad(output: torch.Tensor, params) -> torch.Tensor:
    """grad of a scalar w.r.t. all parameters, concatenated into one vector."""
    grads = torch.autograd.grad(output, params, retain_graph=True, allow_unused=True)
    return torch.cat([torch.zeros_like(p).flatten() if g is None else g.flatten() for g, p in zip(grads, params)])


def random_pairs(seed: int, n_pairs: int, n_responses: int):
    """Pair b uses prompt b, a chosen response and a rejected one, drawn at random."""
    g = torch.Generator().manual_seed(seed + 1)
    chosen = torch.randint(n_responses, (n_pairs,), generator=g)  # (B,)
    rejected = torch.randint(n_responses, (n_pairs,), generator=g)  # (B,)
    return torch.arange(n_pairs), chosen, rejected


def pair_logps(policy: TabularPolicy, prompts, chosen, rejected):
    logps, ref = policy.logps(), policy.ref_logps()
    return logps[prompts, chosen], logps[prompts, rejected], ref[prompts, chosen], ref[prompts, rejected]


# ----------------------------------------------------------------------------- Lemma 1


@PROPERTY
@given(seed=seeds, beta=betas, scale=scales, n_pairs=st.integers(1, 6), n_responses=st.integers(2, 6))
def test_lemma1_gradient_identity(seed, beta, scale, n_pairs, n_responses):
    """Lemma 1: for every pair, grad_theta L = -beta * sigmoid(-s) * (grad log pi(y+) - grad log pi(y-)).

    Left side: autograd through dpo_loss called with its five arguments (per pair, losses[b]).
    Right side: built independently: s = beta * [(lp+ - lr+) - (lp- - lr-)] computed here, and
    grad log pi(y+), grad log pi(y-) taken separately by autograd. The batch mean of the losses
    must then have the mean of the right sides as its gradient.
    """
    policy = TabularPolicy(seed, n_pairs, n_responses, dim=3, scale=scale)
    pc, pr, rc, rr = pair_logps(policy, *random_pairs(seed, n_pairs, n_responses))
    losses, _, _ = dpo_loss(pc, pr, rc, rr, beta)
    assert losses.shape == (n_pairs,)

    rhs_all = []
    for b in range(n_pairs):
        s = beta * ((pc[b] - rc[b]) - (pr[b] - rr[b])).detach()
        d = flat_grad(pc[b], policy.params) - flat_grad(pr[b], policy.params)
        rhs = -beta * torch.sigmoid(-s) * d
        torch.testing.assert_close(flat_grad(losses[b], policy.params), rhs, rtol=1e-10, atol=1e-12)
        rhs_all.append(rhs)
    torch.testing.assert_close(
        flat_grad(losses.mean(), policy.params), torch.stack(rhs_all).mean(0), rtol=1e-10, atol=1e-12
    )


@PROPERTY
@given(
    seed=seeds,
    beta=betas,
    scale=scales,
    tau=st.floats(1e-3, 0.5),
    n_pairs=st.integers(1, 8),
    n_responses=st.integers(2, 6),
)
def test_lemma1_expected_gradient_lower_bound(seed, beta, scale, tau, n_pairs, n_responses):
    """Lemma 1's bound, with the expectation taken over the batch (empirical distribution):

        E||grad L|| = beta * E[sigmoid(-s) ||d||]            (the proof's first step, an equality)
                   >= beta * tau * E[||d|| 1{sigmoid(-s) >= tau}]
                    = beta * tau * p0 * Delta,

    p0 = fraction of pairs with sigmoid(-s) >= tau (sigmoid(-s) from signal_weight on the returned
    rewards), Delta = mean ||d|| over those pairs; per-pair gradients by autograd of losses[b].
    """
    policy = TabularPolicy(seed, n_pairs, n_responses, dim=3, scale=scale)
    pc, pr, rc, rr = pair_logps(policy, *random_pairs(seed, n_pairs, n_responses))
    losses, chosen_rewards, rejected_rewards = dpo_loss(pc, pr, rc, rr, beta)
    weight = signal_weight(chosen_rewards, rejected_rewards)  # sigmoid(-s), (B,)

    grad_norms = torch.stack([flat_grad(losses[b], policy.params).norm() for b in range(n_pairs)])  # (B,)
    d_norms = torch.stack(
        [(flat_grad(pc[b], policy.params) - flat_grad(pr[b], policy.params)).norm() for b in range(n_pairs)]
    )  # (B,)
    torch.testing.assert_close(grad_norms.mean(), beta * (weight * d_norms).mean(), rtol=1e-10, atol=1e-12)

    event = weight >= tau  # E = {sigmoid(-s) >= tau}
    p0 = event.double().mean()
    delta = d_norms[event].mean() if event.any() else torch.tensor(0.0, dtype=torch.float64)
    assert grad_norms.mean() >= beta * tau * p0 * delta * (1 - 1e-12)


def test_signal_weight_is_sigmoid_of_minus_s_hand_worked():
    """signal_weight = sigmoid(-s), s = chosen_reward - rejected_reward.

    Rewards 0.2 and -0.1 give s = 0.3 and sigmoid(-0.3) = 1 / (1 + e^0.3) = 0.4255574832;
    equal rewards give 1/2; a large margin s = 20 gives about e^-20 = 2.06e-9 (no signal left).
    """
    w = signal_weight(torch.tensor([0.2, 0.5, 10.0]), torch.tensor([-0.1, 0.5, -10.0]))
    torch.testing.assert_close(w, torch.tensor([0.4255574832, 0.5, 2.0611537e-9]), rtol=1e-6, atol=1e-12)


# ----------------------------------------------------------------------------- Proposition 1


def all_pairs_iid(policy: TabularPolicy, beta: float):
    """Every (y+, y-) in M x M with probability pi(y+) pi(y-): SPIN's fixed point, enumerated.

    Returns the per-pair losses (M*M,), the pair probabilities (M*M,), s (M*M,), the per-pair d
    (M*M, D+M) and h (M,), pi (M,) for the single prompt.
    """
    logps, ref = policy.logps()[0], policy.ref_logps()[0]  # (M,)
    M = logps.shape[0]
    plus, minus = torch.cartesian_prod(torch.arange(M), torch.arange(M)).unbind(1)  # (M*M,) each
    pi = logps.exp().detach()  # (M,)
    prob = pi[plus] * pi[minus]  # (M*M,), sums to 1
    losses, chosen_rewards, rejected_rewards = dpo_loss(logps[plus], logps[minus], ref[plus], ref[minus], beta)
    s = chosen_rewards - rejected_rewards  # (M*M,)
    scores = torch.stack([flat_grad(logps[y], policy.params) for y in range(M)])  # grad log pi(y), (M, D+M)
    d = scores[plus] - scores[minus]  # (M*M, D+M)
    h = (logps - ref).detach()  # (M,)
    return losses, prob, s, d, h, pi


@PROPERTY
@given(seed=seeds, beta=betas, scale=scales, n_responses=st.integers(2, 8), dim=st.integers(1, 4))
def test_proposition1_spin_signal_bounded_by_variance_of_s(seed, beta, scale, n_responses, dim):
    """Proposition 1, exactly (all M^2 pairs enumerated, no sampling): with y+, y- i.i.d. ~ pi,

        ||E[beta sigmoid(-s) d]|| <= beta/4 * sqrt(Var s) * sqrt(E||d||^2),   Var s = 2 beta^2 Var_pi h(Y).

    E[beta sigmoid(-s) d] = -E[grad L] = -grad sum_pairs pi(y+)pi(y-) L(y+, y-) (probabilities held
    fixed), by autograd through dpo_loss. The proof's first step, E[d] = 0, is checked too.
    """
    policy = TabularPolicy(seed, 1, n_responses, dim=dim, scale=scale)
    losses, prob, s, d, h, pi = all_pairs_iid(policy, beta)

    signal = -flat_grad((prob * losses).sum(), policy.params)  # E[beta sigmoid(-s) d]
    torch.testing.assert_close(signal, beta * (prob[:, None] * torch.sigmoid(-s)[:, None] * d).sum(0))
    torch.testing.assert_close((prob[:, None] * d).sum(0), torch.zeros(d.shape[1], dtype=torch.float64))

    var_s = (prob * s**2).sum() - (prob * s).sum() ** 2
    var_h = (pi * h**2).sum() - (pi * h).sum() ** 2
    # E[x^2] - E[x]^2 cancels: its rounding is a few ulps of E[s^2], not of the variance
    torch.testing.assert_close(var_s, 2 * beta**2 * var_h, rtol=1e-9, atol=1e-13 * (prob * s**2).sum().item() + 1e-15)

    bound = beta / 4 * var_s.clamp(min=0).sqrt() * (prob * (d**2).sum(1)).sum().sqrt()
    assert signal.norm() <= bound * (1 + 1e-9) + 1e-15


def test_proposition1_spin_signal_vanishes_at_reference_but_a_fixed_negative_keeps_it():
    """The contrast DRIFT is built on, worked out on pi = pi_ref = uniform over M = 3 responses,
    logits a as the parameters (grad_a log pi(y) = e_y - pi), beta = 0.1:

    SPIN (y+, y- i.i.d. ~ pi): h = 0, Var s = 0, so the bound forces E[grad L] = 0 exactly.
    DRIFT (y+ ~ pi, y- = response 0 fixed): s = 0, sigmoid(-s) = 1/2, so
        E[beta sigmoid(-s) d] = beta/2 * (E[e_{y+}] - e_0) = 0.05 * (pi - e_0) = 0.05 * (-2/3, 1/3, 1/3)
                              = (-1/30, 1/60, 1/60),   norm = 0.05 * sqrt(6)/3 = 0.0408248290.
    """
    beta = 0.1
    a = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    logps = torch.log_softmax(a, -1)  # (3,)
    ref = torch.log_softmax(torch.zeros(3, dtype=torch.float64), -1)
    pi = logps.exp().detach()

    plus, minus = torch.cartesian_prod(torch.arange(3), torch.arange(3)).unbind(1)
    spin_losses, _, _ = dpo_loss(logps[plus], logps[minus], ref[plus], ref[minus], beta)
    spin_grad = flat_grad((pi[plus] * pi[minus] * spin_losses).sum(), [a])
    torch.testing.assert_close(spin_grad, torch.zeros(3, dtype=torch.float64), rtol=0, atol=1e-15)

    plus, minus = torch.arange(3), torch.zeros(3, dtype=torch.long)
    drift_losses, _, _ = dpo_loss(logps[plus], logps[minus], ref[plus], ref[minus], beta)
    drift_signal = -flat_grad((pi * drift_losses).sum(), [a])
    torch.testing.assert_close(drift_signal, torch.tensor([-1 / 30, 1 / 60, 1 / 60], dtype=torch.float64))
    assert drift_signal.norm().item() == pytest.approx(0.0408248290, abs=1e-10)


# ----------------------------------------------------------------------------- closed forms


def hand_worked_logps(**kw):
    """policy chosen -10, ref chosen -12 -> h(y+) = 2; policy rejected -20, ref rejected -19 ->
    h(y-) = -1; so u = 3 and with beta = 0.1, s = 0.3."""
    pc, pr, rc, rr = torch.tensor([[-10.0], [-20.0], [-12.0], [-19.0]], dtype=torch.float64)  # (1,) each
    return dpo_loss(pc, pr, rc, rr, 0.1, **kw)


def test_sigmoid_loss_hand_worked():
    """Eq. 2 on u = 3, beta = 0.1, s = 0.3:
        L = -log sigmoid(0.3) = log(1 + e^-0.3) = log(1.7408182207) = 0.5543552445
        rewards: chosen = 0.1 * 2 = 0.2, rejected = 0.1 * (-1) = -0.1
    Token counts change nothing for the sigmoid loss: it is exactly Eq. 2, with no NLL term.
    """
    losses, chosen_rewards, rejected_rewards = hand_worked_logps()
    assert losses.item() == pytest.approx(0.5543552445, abs=1e-10)
    counted, _, _ = hand_worked_logps(chosen_n_tokens=torch.tensor([4]), rejected_n_tokens=torch.tensor([5]))
    assert counted.item() == losses.item()
    assert chosen_rewards.item() == pytest.approx(0.2, abs=1e-12)
    assert rejected_rewards.item() == pytest.approx(-0.1, abs=1e-12)


def test_conservative_dpo_label_smoothing_hand_worked():
    """Conservative DPO, eps = 0.1: L = -(1 - eps) log sigmoid(s) - eps log sigmoid(-s).
        -log sigmoid(0.3)  = 0.5543552445
        -log sigmoid(-0.3) = log(1 + e^0.3) = 0.8543552445   (= 0.5543552445 + 0.3)
        L = 0.9 * 0.5543552445 + 0.1 * 0.8543552445 = 0.5843552445
    """
    losses, _, _ = hand_worked_logps(label_smoothing=0.1)
    assert losses.item() == pytest.approx(0.5843552445, abs=1e-10)


def test_ipo_hand_worked_as_trl_defines_it():
    """IPO as TRL's loss_type="ipo": log-probs averaged over each response's tokens. With |y+| = 4
    and |y-| = 5 tokens the averaged log-probs are policy -10/4 = -2.5 and -20/5 = -4, reference
    -12/4 = -3 and -19/5 = -3.8, so
        u_avg = (-2.5 - (-4)) - (-3 - (-3.8)) = 1.5 - 0.8 = 0.7
        L = (u_avg - 1/(2 beta))^2 = (0.7 - 5)^2 = 18.49
    (the summed form would give (3 - 5)^2 = 4), and the rewards are beta times the averaged
    log-ratios: 0.1 * 2/4 = 0.05 and 0.1 * (-1/5) = -0.02. The token counts IPO needs add no NLL
    term: dpo_loss is the named loss alone."""
    n = dict(chosen_n_tokens=torch.tensor([4]), rejected_n_tokens=torch.tensor([5]))
    losses, chosen_rewards, rejected_rewards = hand_worked_logps(loss_type="ipo", **n)
    assert losses.item() == pytest.approx(18.49, abs=1e-10)
    assert (chosen_rewards.item(), rejected_rewards.item()) == pytest.approx((0.05, -0.02), abs=1e-12)
    with pytest.raises(ValueError, match="rejected_n_tokens"):  # the length average needs both lengths
        hand_worked_logps(loss_type="ipo", chosen_n_tokens=torch.tensor([4]))


def test_unknown_loss_type_raises():
    with pytest.raises(ValueError, match="loss_type"):
        hand_worked_logps(loss_type="hinge")


def test_rpo_nll_term_hand_worked():
    """L_total = L_DPO + alpha * NLL, NLL = -sum_b log pi(y+_b) / sum_b |y+_b| (one value for the batch).

    Pair 0: the hand-worked pair, L = 0.5543552445, chosen logps -10 over 4 tokens.
    Pair 1: policy/ref chosen -6/-7 (h = 1), rejected -8/-9 (h = 1): u = 0, L = ln 2 = 0.6931471806,
            chosen logps -6 over 6 tokens.
    NLL = (10 + 6) / (4 + 6) = 1.6, so with alpha = 0.001 the totals are
    [0.5543552445 + 0.0016, 0.6931471806 + 0.0016] = [0.5559552445, 0.6947471806].
    d NLL / d pc_b = -1 / 10 for each b.
    """
    pc = torch.tensor([-10.0, -6.0], dtype=torch.float64, requires_grad=True)
    n_tokens = torch.tensor([4, 6])
    losses, _, _ = dpo_loss(pc, torch.tensor([-20.0, -8.0]).double(), torch.tensor([-12.0, -7.0]).double(),
                            torch.tensor([-19.0, -9.0]).double(), 0.1, chosen_n_tokens=n_tokens)
    assert losses.tolist() == pytest.approx([0.5543552445, 0.6931471806], abs=1e-9)  # no NLL unless added
    nll = nll_loss(pc, n_tokens)
    assert nll.item() == pytest.approx(1.6, abs=1e-12)
    assert (losses + 0.001 * nll).tolist() == pytest.approx([0.5559552445, 0.6947471806], abs=1e-9)
    (grad,) = torch.autograd.grad(nll, pc)
    assert grad.tolist() == pytest.approx([-0.1, -0.1], abs=1e-12)


# ----------------------------------------------------------------------------- symmetries and shapes


@PROPERTY
@given(
    logps=st.lists(st.floats(-200.0, 0.0), min_size=1, max_size=8),
    beta=betas,
)
def test_policy_equal_to_reference_gives_ln2_and_zero_rewards(logps, beta):
    """At step 0 of a stage the policy IS the reference: h = 0, s = 0 and L = -log sigmoid(0) = ln 2
    for every pair, whatever the log-probs; the rewards are exactly zero (pitfall 5)."""
    chosen = torch.tensor(logps)
    rejected = chosen.flip(0) - 1.0
    losses, chosen_rewards, rejected_rewards = dpo_loss(chosen, rejected, chosen.clone(), rejected.clone(), beta)
    assert (losses - math.log(2)).abs().max().item() <= 1e-7
    assert torch.equal(chosen_rewards, torch.zeros_like(chosen))
    assert torch.equal(rejected_rewards, torch.zeros_like(chosen))


@PROPERTY
@given(
    values=st.lists(st.tuples(*[st.floats(-100.0, 0.0)] * 4), min_size=1, max_size=8),
    beta=betas,
)
def test_swapping_chosen_and_rejected_negates_s(values, beta):
    """Swapping y+ and y- maps s to -s. With L(s) = -log sigmoid(s):
        L(s) - L(-s) = log((1 + e^-s) / (1 + e^s)) = -s,
    and the two rewards trade places."""
    pc, pr, rc, rr = torch.tensor(values, dtype=torch.float64).unbind(1)
    losses, chosen_rewards, rejected_rewards = dpo_loss(pc, pr, rc, rr, beta)
    swapped, swapped_chosen, swapped_rejected = dpo_loss(pr, pc, rr, rc, beta)
    s = beta * ((pc - rc) - (pr - rr))
    torch.testing.assert_close(losses - swapped, -s, rtol=1e-9, atol=1e-9)
    assert torch.equal(swapped_chosen, rejected_rewards)
    assert torch.equal(swapped_rejected, chosen_rewards)


def test_shapes_and_rewards_are_detached_implicit_rewards():
    """losses, chosen_rewards, rejected_rewards all (B,); rewards = beta * (policy - ref), no grad."""
    g = torch.Generator().manual_seed(0)
    pc, pr = (-torch.rand(5, generator=g) * 50).requires_grad_(), (-torch.rand(5, generator=g) * 50).requires_grad_()
    rc, rr = -torch.rand(5, generator=g) * 50, -torch.rand(5, generator=g) * 50
    n_c, n_r = torch.full((5,), 7), torch.full((5,), 3)
    ipo = {"loss_type": "ipo", "chosen_n_tokens": n_c, "rejected_n_tokens": n_r}
    for kw in ({}, ipo, {"label_smoothing": 0.2}, {"chosen_n_tokens": n_c}):
        losses, chosen_rewards, rejected_rewards = dpo_loss(pc, pr, rc, rr, 0.3, **kw)
        assert losses.shape == chosen_rewards.shape == rejected_rewards.shape == (5,)
        assert losses.requires_grad and not chosen_rewards.requires_grad and not rejected_rewards.requires_grad
        per_token = kw is ipo  # IPO's rewards are per token, as its objective
        torch.testing.assert_close(chosen_rewards, 0.3 * (pc - rc).detach() / (n_c if per_token else 1))
        torch.testing.assert_close(rejected_rewards, 0.3 * (pr - rr).detach() / (n_r if per_token else 1))


# ----------------------------------------------------------------------------- direction of learning


@pytest.mark.parametrize("loss_type, lr", [("sigmoid", 0.5), ("ipo", 0.01)])
def test_gradient_descent_increases_the_margin_of_the_tabular_policy(loss_type, lr):
    """One descent step on L changes the margin m = log pi(y+) - log pi(y-) by, to first order,
        dm = -lr * <grad L, grad m> = lr * beta * sigmoid(-s) * ||d||^2 > 0      (sigmoid loss)
        dm = -lr * 2 (u - 1/(2 beta)) * ||d||^2 > 0 while u < 1/(2 beta)            (IPO)
    so a flipped sign anywhere makes the margin fall. Ten steps, beta 0.1, one pair (IPO's
    gradient is ~10x larger here, so it gets a smaller step).
    """
    policy = TabularPolicy(seed=3, n_prompts=1, n_responses=5, dim=3, scale=1.0)
    opt = torch.optim.SGD(policy.params, lr=lr)
    margins, losses = [], []
    for _ in range(10):
        pc, pr, rc, rr = pair_logps(policy, torch.tensor([0]), torch.tensor([1]), torch.tensor([3]))
        one = torch.ones(1)  # one-token responses: IPO's averaged log-probs are the summed ones
        loss, _, _ = dpo_loss(pc, pr, rc, rr, 0.1, loss_type=loss_type,
                              chosen_n_tokens=one, rejected_n_tokens=one)
        margins.append((pc - pr).item())
        losses.append(loss.item())
        opt.zero_grad()
        loss.sum().backward()
        opt.step()
    assert all(b > a for a, b in zip(margins, margins[1:])), margins
    assert all(b < a for a, b in zip(losses, losses[1:])), losses


def test_training_a_tiny_lm_on_one_pair_raises_chosen_over_rejected():
    """End to end through the sequence log-probs: at step 0 the policy equals the reference, so
    L = ln 2 and the rewards are exactly 0; then SGD on L raises log pi(y+|x) - log pi(y-|x)."""
    tok = make_tokenizer("chatml")
    model = make_model(tok, arch="qwen2")
    enc = ChatEncoder(tok)
    pairs = [
        enc.encode(Pair([{"role": "user", "content": "What is the capital of Australia?"}], "Canberra.", "Sydney.")),
        enc.encode(Pair([{"role": "user", "content": "Add 2 and 2."}], "4", "It is 5, probably.")),
    ]
    batch = collate(pairs, tok.pad_token_id)
    with torch.no_grad():
        ref_chosen, ref_rejected = concatenated_logps(model, batch)

    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    margins, mean_losses = [], []
    for step in range(4):
        chosen, rejected = concatenated_logps(model, batch)
        losses, chosen_rewards, rejected_rewards = dpo_loss(
            chosen.logps, rejected.logps, ref_chosen.logps, ref_rejected.logps, 0.1
        )
        if step == 0:
            assert (losses - math.log(2)).abs().max().item() <= 1e-7
            assert torch.equal(chosen_rewards, torch.zeros(2)) and torch.equal(rejected_rewards, torch.zeros(2))
        margins.append((chosen.logps - rejected.logps).detach())
        mean_losses.append(losses.mean().item())
        opt.zero_grad()
        losses.mean().backward()
        opt.step()
    assert (margins[-1] > margins[0]).all(), margins
    assert mean_losses[-1] < mean_losses[0], mean_losses
