"""Columns of numbers as CSV text, for every "export as CSV"."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import numpy as np

from app import files


def to_csv(columns: Mapping[str, Sequence[float] | np.ndarray]) -> str:
    """CSV with a header row; full float precision (repr) so a reader gets torch's exact numbers."""
    names = list(columns)
    arrays = [np.asarray(columns[n]).ravel() for n in names]
    lengths = {len(a) for a in arrays}
    if len(lengths) > 1:
        raise ValueError(f"columns differ in length: {dict(zip(names, map(len, arrays)))}")
    out = io.StringIO()
    out.write(",".join(names) + "\n")
    for row in zip(*arrays):
        out.write(",".join(_cell(v) for v in row) + "\n")
    return out.getvalue()


def _cell(value) -> str:
    """Integers (class indices) as integers; floats with full precision (repr) for torch's exact numbers."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return str(int(value))
    return repr(float(value))


def write_csv(path, columns) -> None:
    files.write_text(path, to_csv(columns))
