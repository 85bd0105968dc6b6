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
        writer = _GifWriter(tmp, fps) if ext == ".gif" else _Mp4Writer(tmp, fps)
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


class _GifWriter:
    """Frames quantized to 256 colours as they come (1 byte a pixel in memory), saved at the end."""

    def __init__(self, path: Path, fps: int) -> None:
        self.path, self.duration = path, round(1000 / fps)
        self.frames: list = []

    def add(self, frame: np.ndarray) -> None:
        from PIL import Image
        image = Image.fromarray(frame, "RGB")
        if self.frames:
            image = image.resize(self.frames[0].size) if image.size != self.frames[0].size else image
        self.frames.append(image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE))

    def close(self) -> None:
        first, *rest = self.frames
        first.save(self.path, format="GIF", save_all=True, append_images=rest, duration=self.duration,
                   loop=0, optimize=False)
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
