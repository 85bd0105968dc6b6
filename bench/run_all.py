"""`make bench`: every benchmark, each measured against a baseline in the same run."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    from widgets.display import ensure_display
    ensure_display(shared=True)   # one screen for every benchmark
    for script in ("startup.py", "redraw.py", "evaluator.py", "stepper.py", "arena_fps.py", "basins.py",
                   "training.py"):
        subprocess.run([sys.executable, str(HERE / script)], check=True)
