"""Small tensors on one thread, for the calling thread only.

torch splits an op over its intra-op threads (OpenMP here) once a tensor is big enough (a 64×64 map,
a few thousand rows). For the Training panel's tiny networks that split costs more than the work, and
when the other core is busy the second OpenMP thread waits for a scheduler slice: on this 2-core
machine under load each split op took ~8 ms instead of 0.04 ms (README, Training figures).

`torch.set_num_threads` is not purely global: it stores a process-wide default (read once by each
thread the first time it runs a parallel op) and sets the OpenMP thread count of the *calling* thread.
So setting 1 and restoring the old count around each piece of small work keeps it on one thread
while every other thread (the window, the Optimizer Arena's big batched tensors) keeps its own count.
The work is kept short (one epoch, one map) so the process-wide default is 1 only briefly.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torch


@contextlib.contextmanager
def single_threaded() -> Iterator[None]:
    """Run the block's torch ops on the calling thread alone, then restore its thread count."""
    previous = torch.get_num_threads()
    if previous == 1:
        yield
        return
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
