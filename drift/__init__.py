"""DRIFT: Dissatisfaction-Refined Iterative preFerence Training.

Vocabulary used everywhere in this package:
  chosen   = y+ = a fresh sample from the current policy (the "improved" reply),
  rejected = y- = the real reply the user was dissatisfied with (DSAT).
  `*_logps` are per-sequence sums of token log-probs, shape (B,);
  `*_token_logps` are per-token values.
"""

__version__ = "0.3.0"
