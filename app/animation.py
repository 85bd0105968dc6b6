"""Animations as files: GIF through Pillow, MP4 through imageio-ffmpeg (an optional extra).

`write_animation` is a generator: the caller renders frame after frame (the window draws them,
the command line too) and sends nothing back; it yields after each frame so a progress bar can
move and Cancel can stop it (close() the generator: the half-written file is removed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from app import files
from app.errors import InputError

MAX_FRAMES = 300
FPS = 20
PALETTE_SAMPLES = 7   # frames the GIF's one palette is built from
RESERVED = 32         # of its 256 entries, kept for small areas in colours of their own
MISSED = 12           # a colour further than this (in any channel) from the palette gets an entry


def mp4_unavailable_reason() -> str | None:
    """None when MP4 can be written; else an English sentence saying why not."""
    try:
        import imageio_ffmpeg
        imageio_ffmpeg.get_ffmpeg_exe()
    except ImportError:
        return "MP4 needs the optional imageio-ffmpeg package (pip install imageio-ffmpeg)."
    except RuntimeError:
        return "imageio-ffmpeg is installed but found no ffmpeg program."
    return None


def frame_indices(count: int, max_frames: int = MAX_FRAMES) -> list[int]:
    """At most `max_frames` steps out of 0..count-1, evenly spread, always the first and the last."""
    if count <= 0:
        return []
    if count <= max_frames:
        return list(range(count))
    return sorted(set(np.linspace(0, count - 1, max_frames).round().astype(int).tolist()))


def write_animation(path: str | Path, indices: Sequence[int], render: Callable[[int], np.ndarray],
                    fps: int = FPS) -> Iterator[int]:
    """Render frame `i` for each of `indices` as an (h, w, 3) uint8 array and write them to `path`.

    Yields the number of frames done after each one; the file appears (atomically) only once
    every frame is written.
    """
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in (".gif", ".mp4"):
        raise InputError("an animation is written as .gif or .mp4, not '{ext}'", ext=ext)
    if ext == ".mp4" and (reason := mp4_unavailable_reason()):
        raise InputError(reason)
    if not indices:
        raise InputError("there is nothing to animate yet")
    with files.atomic_path(path) as tmp:
        if ext == ".gif":
            # One palette for the whole animation, from a few frames spread over it (every run's
            # and arrow's colour is in one of them): frames then differ only where something moved,
            # and GIF stores just that rectangle.
            writer = _GifWriter(tmp, fps, [_rgb(render(i)) for i in palette_samples(indices)])
        else:
            writer = _Mp4Writer(tmp, fps)
        try:
            for done, index in enumerate(indices, 1):
                writer.add(_rgb(render(index)))
                yield done
            writer.close()
        finally:
            writer.abort()


def _rgb(frame: np.ndarray) -> np.ndarray:
    frame = np.asarray(frame)
    if frame.ndim != 3 or frame.shape[2] not in (3, 4) or frame.dtype != np.uint8:
        raise ValueError(f"a frame must be an (h, w, 3) uint8 array, got {frame.shape} {frame.dtype}")
    return np.ascontiguousarray(frame[:, :, :3])


def palette_samples(indices: Sequence[int], count: int = PALETTE_SAMPLES) -> list[int]:
    """The first, the last and a few evenly spread frames between them."""
    picks = np.linspace(0, len(indices) - 1, min(count, len(indices))).round().astype(int)
    return [indices[i] for i in dict.fromkeys(picks.tolist())]


def shared_palette(samples: Sequence[np.ndarray]):
    """A 256-colour P image whose palette serves every frame, quantised from the samples stacked
    into one montage. Median cut gives big areas (the surface's shades) most entries, so a small
    marker in a colour of its own can fall into a neighbour's box: the colours it misses by more
    than MISSED get entries of their own, the most frequent first."""
    from PIL import Image
    width = max(s.shape[1] for s in samples)
    montage = np.zeros((sum(s.shape[0] for s in samples), width, 3), np.uint8)
    top = 0
    for sample in samples:
        montage[top:top + sample.shape[0], :sample.shape[1]] = sample
        top += sample.shape[0]
    image = Image.fromarray(montage, "RGB")
    base = image.quantize(colors=256 - RESERVED, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    colours = np.array(base.getpalette()[:3 * (256 - RESERVED)], np.int32).reshape(-1, 3)
    pixels = montage.reshape(-1, 3).astype(np.int32)
    error = np.abs(pixels - colours[np.asarray(base).reshape(-1)]).max(axis=1)
    missed = pixels[error > MISSED]
    extra = np.zeros((0, 3), np.int32)
    if len(missed):
        _bins, inverse, counts = np.unique(missed // 8, axis=0, return_inverse=True, return_counts=True)
        top_bins = np.argsort(-counts)[:RESERVED]
        extra = np.array([missed[inverse.reshape(-1) == b].mean(axis=0).round() for b in top_bins], np.int32)
    entries = np.vstack([colours, extra, np.zeros((256 - len(colours) - len(extra), 3), np.int32)])
    palette = Image.new("P", (1, 1))
    palette.putpalette(entries.astype(np.uint8).reshape(-1).tolist())
    return palette


class _GifWriter:
    """Frames quantised with one shared palette as they come (1 byte a pixel in memory), without
    dithering (dither noise differs from frame to frame and defeats GIF's frame deltas); saved at
    the end, each frame after the first stored as the rectangle that changed."""

    def __init__(self, path: Path, fps: int, samples: Sequence[np.ndarray]) -> None:
        self.path, self.duration = path, round(1000 / fps)
        self.palette = shared_palette(samples)
        self.size = (samples[0].shape[1], samples[0].shape[0])
        self.frames: list = []

    def add(self, frame: np.ndarray) -> None:
        from PIL import Image
        image = Image.fromarray(frame, "RGB")
        image = image.resize(self.size) if image.size != self.size else image
        self.frames.append(image.quantize(palette=self.palette, dither=Image.Dither.NONE))

    def close(self) -> None:
        first, *rest = self.frames
        # disposal 1 (leave the frame in place): the next frame's changed rectangle is drawn over it.
        first.save(self.path, format="GIF", save_all=True, append_images=rest, duration=self.duration,
                   loop=0, optimize=True, disposal=1)
        self.frames = []

    def abort(self) -> None:
        self.frames = []


class _Mp4Writer:
    """H.264 through imageio-ffmpeg's pipe; frames padded to even sizes as yuv420p requires."""

    def __init__(self, path: Path, fps: int) -> None:
        self.path, self.fps = path, fps
        self.pipe = None
        self.size: tuple[int, int] | None = None

    def add(self, frame: np.ndarray) -> None:
        import imageio_ffmpeg
        if self.pipe is None:
            h, w = frame.shape[:2]
            self.size = (w + w % 2, h + h % 2)
            self.pipe = imageio_ffmpeg.write_frames(str(self.path), self.size, fps=self.fps, codec="libx264",
                                                    pix_fmt_out="yuv420p", macro_block_size=1,
                                                    output_params=["-f", "mp4"], ffmpeg_log_level="error")
            self.pipe.send(None)
        w, h = self.size
        padded = np.zeros((h, w, 3), np.uint8)
        padded[:min(h, frame.shape[0]), :min(w, frame.shape[1])] = frame[:h, :w]
        self.pipe.send(padded.tobytes())

    def close(self) -> None:
        if self.pipe is not None:
            self.pipe.close()
            self.pipe = None

    def abort(self) -> None:
        self.close()


def catalog_strings() -> list[str]:
    """The reasons MP4 export may be off, shown translated in the window's tooltip."""
    return ["MP4 needs the optional imageio-ffmpeg package (pip install imageio-ffmpeg).",
            "imageio-ffmpeg is installed but found no ffmpeg program."]
