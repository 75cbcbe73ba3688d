"""The DPO loss DRIFT trains with (paper Eq. 2) and its common variants.

Symbols, used the same way everywhere in this project:
  x          the prompt (the conversation before the dissatisfying reply)
  y+, y-     chosen (a fresh policy sample) and rejected (the real DSAT reply)
  pi, pi_ref the policy being trained and the frozen reference
  h(y)       = log pi(y|x) - log pi_ref(y|x), the log-ratio of one response
  beta       the KL-regularisation strength (0.1 in the paper)
  s          = beta * (h(y+) - h(y-)), the scaled margin. Note s already contains beta.

Eq. 2 (sigmoid loss):   L = -log sigmoid(s)
Its gradient (Lemma 1): grad L = -beta * sigmoid(-s) * (grad log pi(y+|x) - grad log pi(y-|x)),
so sigmoid(-s) is the per-pair weight of the learning signal; train.py logs its mean.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def dpo_loss(
    policy_chosen_logps: torch.Tensor,
    policy_rejected_logps: torch.Tensor,
    ref_chosen_logps: torch.Tensor,
    ref_rejected_logps: torch.Tensor,
    beta: float = 0.1,
    *,
    loss_type: str = "sigmoid",
    label_smoothing: float = 0.0,
    chosen_n_tokens: torch.Tensor | None = None,
    rejected_n_tokens: torch.Tensor | None = None,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Per-pair DPO loss: Eq. 2 and its named variants, nothing else.

    Args:
        policy_chosen_logps:   log pi(y+|x), summed over response tokens, (B,)
        policy_rejected_logps: log pi(y-|x), (B,)
        ref_chosen_logps:      log pi_ref(y+|x), (B,)
        ref_rejected_logps:    log pi_ref(y-|x), (B,)
        beta: KL strength.
        loss_type: with u = h(y+) - h(y-) (so s = beta * u)
            "sigmoid": L = -log sigmoid(s)                                    (paper Eq. 2)
                       with label_smoothing eps > 0 this is conservative DPO:
                       L = -(1 - eps) log sigmoid(s) - eps log sigmoid(-s)
            "ipo":     L = (u_avg - 1 / (2 beta))^2                           (IPO, Azar et al.)
                       as TRL defines it: u_avg uses log-probs averaged over each response's
                       tokens, u_avg = h(y+) / |y+| - h(y-) / |y-|; its rewards are beta times
                       those averaged log-ratios
        chosen_n_tokens, rejected_n_tokens: response token counts, (B,) each; IPO needs them,
            the sigmoid loss ignores them.

    The authors' extra NLL term is `nll_loss`, added by the caller (trainer.py) with its weight.

    Returns:
        losses:           (B,)
        chosen_rewards:   beta * h(y+), (B,), detached
        rejected_rewards: beta * h(y-), (B,), detached
    """
    chosen_logratios = policy_chosen_logps - ref_chosen_logps  # h(y+), (B,)
    rejected_logratios = policy_rejected_logps - ref_rejected_logps  # h(y-), (B,)

    if loss_type == "sigmoid":
        u = chosen_logratios - rejected_logratios  # (B,)
        losses = -(1 - label_smoothing) * F.logsigmoid(beta * u) - label_smoothing * F.logsigmoid(-beta * u)
    elif loss_type == "ipo":
        if chosen_n_tokens is None or rejected_n_tokens is None:
            raise ValueError("loss_type 'ipo' averages log-probs over each response: pass chosen_n_tokens and rejected_n_tokens")
        chosen_logratios = chosen_logratios / chosen_n_tokens.clamp(min=1)  # (B,)
        rejected_logratios = rejected_logratios / rejected_n_tokens.clamp(min=1)  # (B,)
        losses = (chosen_logratios - rejected_logratios - 1 / (2 * beta)) ** 2
    else:
        raise ValueError(f"unknown loss_type {loss_type!r}: use 'sigmoid' or 'ipo'")

    chosen_rewards = beta * chosen_logratios.detach()  # (B,)
    rejected_rewards = beta * rejected_logratios.detach()  # (B,)
    return losses, chosen_rewards, rejected_rewards


def nll_loss(policy_chosen_logps: torch.Tensor, chosen_n_tokens: torch.Tensor) -> torch.Tensor:
    """The NLL term the authors added to DPO (TRL's rpo_alpha, weight 0.001 in their configs):
    the mean per-token cross-entropy of the batch's chosen responses, a scalar,

        NLL = -sum_b log pi(y+_b|x_b) / sum_b |y+_b|

    The trainer adds rpo_alpha * NLL to the loss, taken over the global batch (TRL took it over
    each device's micro-batch): each pair carries -log pi(y+|x) / (the global batch's mean |y+|),
    whose mean over the batch is this NLL, so the number of ranks and micro-batches changes nothing.
    """
    return -policy_chosen_logps.sum() / chosen_n_tokens.sum().clamp(min=1)


def signal_weight(chosen_rewards: torch.Tensor, rejected_rewards: torch.Tensor) -> torch.Tensor:
    """sigmoid(-s), the per-pair weight of Lemma 1's gradient, from the implicit rewards: (B,)."""
    return torch.sigmoid(-(chosen_rewards - rejected_rewards))
