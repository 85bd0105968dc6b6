"""A virtual X screen for machines without one (CI, a server, `make run` over ssh)."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys


def needs_virtual_display() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return False
    return shutil.which("Xvfb") is not None


def start_virtual_display(size: str = "1920x1080x24", shared: bool = False) -> str:
    """Start Xvfb with GLX on a free display number, point DISPLAY at it, stop it at exit.

    Unless `shared` (several processes in turn, as the benchmarks run), Xvfb ends by itself when
    its one client disconnects, so a killed app leaves no orphaned server behind.
    """
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "+extension", "GLX",
         "+render", "-nolisten", "tcp", "-noreset" if shared else "-terminate"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()   # Xvfb writes the display number once it is ready
    if not number:
        proc.kill()
        raise RuntimeError("Xvfb did not start")
    atexit.register(proc.terminate)
    os.environ["DISPLAY"] = f":{number}"
    return os.environ["DISPLAY"]


def ensure_display(shared: bool = False) -> str | None:
    """Start a virtual screen where there is none; returns its DISPLAY, or None if one was there."""
    return start_virtual_display(shared=shared) if needs_virtual_display() else None
