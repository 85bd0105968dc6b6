"""Where to put labels so that none covers another: a greedy search along each edge of a drawing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Along an edge, from its source: near the source first (edges fan out there), then further on.
FRACTIONS = (0.22, 0.32, 0.42, 0.52, 0.62, 0.72, 0.15, 0.8)


@dataclass(frozen=True)
class Box:
    x: float   # left
    y: float   # top
    w: float
    h: float

    def intersects(self, other: Box, gap: float = 0.0) -> bool:
        return not (self.x + self.w + gap <= other.x or other.x + other.w + gap <= self.x
                    or self.y + self.h + gap <= other.y or other.y + other.h + gap <= self.y)


Point = tuple[float, float]


def place_on_segments(segments: Sequence[tuple[Point, Point]], sizes: Sequence[tuple[float, float]],
                      obstacles: Sequence[Box] = (), fractions: Sequence[float] = FRACTIONS,
                      gap: float = 2.0) -> list[Box | None]:
    """For each segment, a box of its size on the segment (or just above or below it), overlapping
    no obstacle and no box placed before it; None where every candidate is taken (show it on hover)."""
    taken = list(obstacles)
    placed: list[Box | None] = []
    for segment, size in zip(segments, sizes):
        box = place_on_segment(segment, size, taken, fractions, gap)
        if box is not None:
            taken.append(box)
        placed.append(box)
    return placed


def place_on_segment(segment: tuple[Point, Point], size: tuple[float, float], taken: Sequence[Box],
                     fractions: Sequence[float] = FRACTIONS, gap: float = 2.0) -> Box | None:
    """One box on (or beside) one segment, clear of `taken`; None if there is no room."""
    ((x1, y1), (x2, y2)), (w, h) = segment, size
    # On the edge, then just above or below it, then clear of the units' circles (radius ≈ 22).
    for dy in (0.0, -(h / 2 + 3), h / 2 + 3, -(h / 2 + 24), h / 2 + 24):
        for t in fractions:
            cx, cy = x1 + t * (x2 - x1), y1 + t * (y2 - y1) + dy
            box = Box(cx - w / 2, cy - h / 2, w, h)
            if not any(box.intersects(other, gap) for other in taken):
                return box
    return None


# On its own edge only, middle first: a label beside its line reads as belonging to a neighbour.
CLEAR_FRACTIONS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74)


def place_on_segment_clear(segment: tuple[Point, Point], size: tuple[float, float], taken: Sequence[Box],
                           others: Sequence[tuple[Point, Point]], fractions: Sequence[float] = CLEAR_FRACTIONS,
                           gap: float = 2.0) -> Box | None:
    """A box centred on `segment` that overlaps nothing in `taken` and that none of the `others`
    segments passes through, so the label plainly names its own line; None if there is no such place."""
    ((x1, y1), (x2, y2)), (w, h) = segment, size
    for t in fractions:
        cx, cy = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
        box = Box(cx - w / 2, cy - h / 2, w, h)
        if any(box.intersects(other, gap) for other in taken):
            continue
        if not any(segment_crosses(other, box) for other in others):
            return box
    return None


def segment_crosses(segment: tuple[Point, Point], box: Box) -> bool:
    """Whether the segment passes through the box (Liang–Barsky clipping)."""
    (x1, y1), (x2, y2) = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - box.x), (dx, box.x + box.w - x1), (-dy, y1 - box.y), (dy, box.y + box.h - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            low = max(low, r)
        else:
            high = min(high, r)
        if low > high:
            return False
    return True


def column_positions(counts: Sequence[int], width: float, height: float, margin: float,
                     top: float = 0.0, last_gap: float = 1.0, vmargin: float | None = None) -> list[list[Point]]:
    """Centres of the units of a layered network: one column per layer, units spread evenly;
    the last column sits `last_gap` of a normal spacing after the one before it."""
    columns = len(counts)
    steps = [0.0] + [min(c, columns - 2) + (last_gap if c == columns - 1 else 0.0) for c in range(1, columns)]
    span = steps[-1] or 1.0
    xs = [margin + (width - 2 * margin) * (s / span if columns > 1 else 0.5) for s in steps]
    vmargin = margin if vmargin is None else vmargin
    out = []
    for x, n in zip(xs, counts):
        usable = height - 2 * vmargin - top
        spacing = usable / max(n, 1)
        out.append([(x, top + vmargin + spacing * (i + 0.5)) for i in range(n)])
    return out


def place_near(centre: Point, radius: float, size: tuple[float, float], taken: list[Box],
               gap: float = 2.0) -> Box | None:
    """A box of `size` just below, above, right or left of a circle at `centre`, clear of `taken`;
    last, below or above but flush with the circle's right or left side (a wide label near the
    picture's edge, such as the loss formula beside the right border)."""
    (x, y), (w, h) = centre, size
    below, above = y + radius + 4, y - radius - 4 - h
    for left, top in ((x - w / 2, below), (x - w / 2, above), (x + radius + 6, y - h / 2), (x - radius - 6 - w, y - h / 2),
                      (x + radius - w, below), (x + radius - w, above), (x - radius, below), (x - radius, above)):
        box = Box(left, top, w, h)
        if not any(box.intersects(other, gap) for other in taken):
            return box
    return None
