"""Stops that lose nothing. The first SIGINT (Ctrl-C) or SIGTERM (a scheduler's preemption,
Slurm's --signal) asks the run to stop at its next safe point: the end of the current optimizer
step, which then saves a resumable state, or of the current sampling batch (sampling starts again
from the stage's state on --resume, each prompt with its own seed: the same pairs). The run then
says where it stopped and how to go on, and exits 130 (SIGINT) or 143 (SIGTERM). A second signal
ends it at once, as Ctrl-C did before, unless it comes within REPEAT seconds of the first: under
torchrun a worker gets the terminal's or the scheduler's signal and torchrun's forwarded copy of it
a moment later, which is one request.

Under torchrun a signal may reach one rank only: the ranks agree on the step to stop at with one
all-reduce a step (any_rank), so every rank saves the same state; while sampling, a rank without
the signal samples its share to the end before they agree. (No rank asks the process group's
store: torchrun hosts it, and a torchrun killed outright takes it along while its workers, told by
their parent-death signal, SIGTERM, still stop as above.) torchrun itself kills its workers with
SIGKILL 30 s after forwarding a signal unless told to wait longer (--shutdown-timeout, or
TORCH_ELASTIC_SHUTDOWN_TIMEOUT): a step and a save of a large model need more.
"""

from __future__ import annotations

import signal
import sys
import time

import torch

from . import dist as D
from .io import Stopped  # noqa: F401 -- raised by the scripts once a stop is done

EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}
REPEAT = 5.0  # seconds within which a second signal is the same request (torchrun's forwarded copy)


class Stopper:
    """The stop signals' handler for one run (install() in the main thread). `requested()` is
    cheap and local (this rank's flag); `agreed(device)` is a collective that every rank calls at
    the same point."""

    def __init__(self):
        self.signum: int | None = None
        self._first = None  # when this process's first signal came
        self._before: dict = {}

    def install(self) -> "Stopper":
        for s in EXIT:
            self._before[s] = signal.signal(s, self._handle)
        return self

    def uninstall(self) -> None:
        for s, handler in self._before.items():
            signal.signal(s, handler)
        self._before = {}

    def settle(self) -> None:
        """Ignore further signals: the stop is done and the process is saying so (torchrun signals
        the ranks still running once one has exited)."""
        for s in EXIT:
            signal.signal(s, signal.SIG_IGN)

    def _handle(self, signum, frame):
        now = time.monotonic()
        if self._first is not None:
            if now - self._first < REPEAT:  # the same request, delivered twice
                return
            raise KeyboardInterrupt  # a second request: at once
        self._first = now
        self.signum = signum
        print(f"\n{signal.Signals(signum).name}: stopping at the end of the current step or sampling batch "
              "(a second signal stops at once)", file=sys.stderr, flush=True)

    def requested(self) -> bool:
        """Whether this rank has been asked to stop (local: no collective)."""
        return self.signum is not None

    def agreed(self, device: torch.device) -> bool:
        """Whether any rank has been asked to stop (the same answer on every rank; collective)."""
        stop = D.any_rank(self.requested(), device)
        if stop and self.signum is None:  # another rank's signal
            self.signum = signal.SIGTERM
        return stop

    @property
    def code(self) -> int:
        return EXIT.get(self.signum, 130)
