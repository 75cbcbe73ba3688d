"""Which side of each pair is real and which is sampled: the paper's Table 2 (section 4.1).

chosen = y+, rejected = y-, x = the conversation before the reply. A side is Real (taken from the
data) or Fresh (sampled from the current policy; guided: prompted with x, the DSAT reply, the
user's complaint and the instruction to improve, prompts.py; else with x alone).

  method   reads  chosen y+                 rejected y-                 under --guidance unguided
  drift    dsat   Fresh, guided             Real: the DSAT reply        chosen ~ x alone
  spin     sat    Real: the SAT reply       Fresh from x                the same: SPIN is never guided
  iterdpo  dsat   Fresh, guided             Fresh from x                two draws from x, ranked

A row without a complaint (UltraFeedback) cannot be guided: DRIFT samples from x alone, and
IterDPO draws two replies to x and a reward model ranks them, as under --guidance unguided.
Every stage's reference is the policy it starts from: for SPIN, its "opponent".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Real:
    """A side taken from the data."""

    source: str  # "data:dsat" | "data:sat"
    text: str


@dataclass
class Fresh:
    """A side sampled from the current policy."""

    guided: bool  # prompted with x + the DSAT reply + the complaint + the instruction; else x alone
    stream: str  # its seed stream: "chosen", "rejected", or "a" / "b" for two draws a reward model orders


@dataclass
class Plan:
    chosen: Real | Fresh
    rejected: Real | Fresh
    ranked: bool = False  # two Fresh sides, put in order by the reward model once sampled


def drift(row, guided: bool) -> Plan:
    """The real DSAT reply is the negative; the positive is fresh from the current policy."""
    return Plan(chosen=Fresh(guided, "chosen"), rejected=Real("data:dsat", row.dsat))


def spin(row, guided: bool) -> Plan:
    """The real SAT reply is the positive; the negative is the policy's own reply to the same x."""
    return Plan(chosen=Real("data:sat", row.sat), rejected=Fresh(False, "rejected"))


def iterdpo(row, guided: bool) -> Plan:
    """Both sides fresh: the guided prompt's reply over x's, or, with no guidance to tell them
    apart, two replies to x in the reward model's order."""
    if guided and row.complaint:
        return Plan(chosen=Fresh(True, "chosen"), rejected=Fresh(False, "rejected"))
    return Plan(chosen=Fresh(False, "a"), rejected=Fresh(False, "b"), ranked=True)


METHODS = {"drift": (drift, "dsat"), "spin": (spin, "sat"), "iterdpo": (iterdpo, "dsat")}  # builder, rows it reads
GUIDANCE = ("guided", "unguided")
