"""The cyclic garbage collector, paused while a stage builds many small objects.

Comparing two editions makes hundreds of thousands of small objects — the alignment's lists and
sets, a region's tokens, word diffs, the report's pieces of text — none of them in reference
cycles, so reference counting frees each as soon as it is dropped. The cyclic collector, left
running, still wakes every few hundred allocations and now and then walks every live object
again, the two editions' trees included: about a fifth of a comparison's time, with nothing to
find. :func:`paused` stops it for the length of a stage and restores it after; nested pauses
leave it to the outermost. What a stage leaves in cycles (if anything) is collected at the
collector's next run, as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector stopped (restored as it was after)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
