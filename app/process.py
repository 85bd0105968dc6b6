"""Facts about the running process that the smoke test and the benchmarks report."""

from __future__ import annotations

import os
import time

_IMPORTED_AT = time.time()


def seconds_since_start() -> float:
    """Wall-clock seconds since this process was created (since this module loaded where /proc is absent)."""
    try:
        with open(f"/proc/{os.getpid()}/stat") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])   # both counted from boot, to 1/100 s
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time() - _IMPORTED_AT
