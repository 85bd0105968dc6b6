"""The safe evaluator against plain Python running the same code (same run, same machine).

- a typed surface f(x, y) called once per optimizer step: compiled closures vs a Python lambda
  (target: ratio <= 1.5);
- a course program in the Tensor Lab (meta-device size checks included) vs the same statements
  as plain PyTorch;
- memory bombs: the evaluator's time to refuse each (target: well under 1 s).
"""

from __future__ import annotations

import statistics
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

COURSE = ("A = torch.arange(20.0).reshape(5, 4)\nB = A.sum(dim=0, keepdim=True)\nC = A / B\n"
          "x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()\nx.grad")
BOMBS = ("torch.zeros(10 ** 6, 10 ** 6)", "9 ** 9 ** 9", "a = torch.ones(10 ** 5, 1); b = torch.ones(1, 10 ** 5); a + b",
         "x = torch.ones(7000, 7000); x @ x", "[0] * 10 ** 10")


def best(fn, number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=7)) / number


def run() -> dict:
    import torch

    from app.evaluator import EvalError, compile_expression
    from app.tensor_program import Session

    surface = compile_expression("(x**2 + y - 11)**2 + (x + y**2 - 7)**2")
    plain = lambda x, y: (x**2 + y - 11)**2 + (x + y**2 - 7)**2
    point = torch.tensor([1.0, 2.0], requires_grad=True)
    x, y = point[0], point[1]
    ours, theirs = best(lambda: surface(x, y), 2000), best(lambda: plain(x, y), 2000)

    def direct() -> None:
        A = torch.arange(20.0).reshape(5, 4)
        B = A.sum(dim=0, keepdim=True)
        _ = A / B
        v = torch.arange(4.0, requires_grad=True)
        w = 2 * torch.dot(v, v)
        w.backward()

    program, baseline = best(lambda: Session().run(COURSE), 200), best(direct, 200)
    refusals = []
    for bomb in BOMBS:
        start = time.perf_counter()
        try:
            Session().run(bomb)
        except EvalError:
            refusals.append(time.perf_counter() - start)
        else:
            raise AssertionError(f"not refused: {bomb}")
    return {"surface_us": 1e6 * ours, "lambda_us": 1e6 * theirs, "program_us": 1e6 * program,
            "direct_us": 1e6 * baseline, "refusal_ms_max": 1e3 * max(refusals),
            "refusal_ms_median": 1e3 * statistics.median(refusals)}


if __name__ == "__main__":
    r = run()
    print(f"surface f(x, y): {r['surface_us']:.1f} us per call vs {r['lambda_us']:.1f} us for a plain lambda "
          f"(ratio {r['surface_us'] / r['lambda_us']:.2f}, target <= 1.5)")
    print(f"course program: {r['program_us']:.0f} us in the lab vs {r['direct_us']:.0f} us as plain PyTorch "
          f"(ratio {r['program_us'] / r['direct_us']:.1f}: parse, allow-list and meta-device size checks)")
    print(f"memory bombs: refused in {r['refusal_ms_median']:.2f} ms median, {r['refusal_ms_max']:.2f} ms at most "
          f"(target < 1000 ms)")
