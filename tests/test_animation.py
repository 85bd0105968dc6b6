"""GIF and MP4 writing: frames decoded back and counted; a cancelled export leaves no file."""

from __future__ import annotations

import numpy as np
import pytest

from app import animation


def _frame(i: int) -> np.ndarray:
    frame = np.zeros((40, 60, 3), np.uint8)
    frame[:, : 5 + i] = (255, 128, 0)   # every frame differs (GIF merges identical ones)
    return frame


def test_gif_has_one_frame_per_index(tmp_path):
    from PIL import Image
    path = tmp_path / "race.gif"
    done = list(animation.write_animation(path, list(range(12)), _frame))
    assert done == list(range(1, 13))
    with Image.open(path) as image:
        assert image.n_frames == 12 and image.size == (60, 40)


def test_closing_the_generator_cancels_and_leaves_no_file(tmp_path):
    path = tmp_path / "race.gif"
    frames = animation.write_animation(path, list(range(12)), _frame)
    next(frames)
    frames.close()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(animation.mp4_unavailable_reason() is not None, reason="imageio-ffmpeg not installed")
def test_mp4_has_one_frame_per_index(tmp_path):
    import imageio_ffmpeg
    path = tmp_path / "race.mp4"
    list(animation.write_animation(path, list(range(9)), lambda i: _frame(i)[:39, :59]))   # odd sizes pad
    frames, _seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    assert frames == 9


def test_mp4_without_imageio_ffmpeg_says_why(monkeypatch, tmp_path):
    import sys
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)   # import now fails
    assert "imageio-ffmpeg" in animation.mp4_unavailable_reason()
    with pytest.raises(ValueError, match="imageio-ffmpeg"):
        next(animation.write_animation(tmp_path / "a.mp4", [0], _frame))


def test_frame_indices_keep_first_and_last():
    assert animation.frame_indices(5) == [0, 1, 2, 3, 4]
    picked = animation.frame_indices(20_001, 150)
    assert picked[0] == 0 and picked[-1] == 20_000 and len(picked) == 150
    assert animation.frame_indices(0) == []
