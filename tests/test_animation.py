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


RUN_COLOURS = ((31, 119, 180), (214, 39, 40))   # two runs' markers


def _race_frame(i: int) -> np.ndarray:
    """A smooth background of far more than 256 colours, run 0's marker moving from the start and
    run 1's appearing only in the late frames (its colour must still be in the shared palette)."""
    y, x = np.mgrid[0:60, 0:90]
    frame = np.stack([x * 2.8, y * 4.2, (x + y) * 1.7], axis=-1).astype(np.uint8)
    frame[20:26, 2 + 2 * i:8 + 2 * i] = RUN_COLOURS[0]
    if i >= 24:
        frame[40:46, 80 - i:86 - i] = RUN_COLOURS[1]
    return frame


def test_gif_keeps_each_runs_colour_at_its_marker(tmp_path):
    from PIL import Image
    path = tmp_path / "race.gif"
    list(animation.write_animation(path, list(range(30)), _race_frame))
    with Image.open(path) as image:
        assert image.n_frames == 30
        for i in range(30):
            image.seek(i)
            decoded = np.asarray(image.convert("RGB")).astype(int)
            assert np.abs(decoded[23, 5 + 2 * i] - RUN_COLOURS[0]).max() <= 12
            if i >= 24:
                assert np.abs(decoded[43, 83 - i] - RUN_COLOURS[1]).max() <= 12
            # and the background is still close to what was drawn (one palette fits all frames)
            assert np.abs(decoded[55, 10] - _race_frame(i)[55, 10]).max() <= 24


def test_palette_samples_spread_over_the_animation():
    assert animation.palette_samples(list(range(0, 300, 3)), 5) == [0, 75, 150, 222, 297]
    assert animation.palette_samples([4, 9], 7) == [4, 9]
