"""The Optimizer Arena panel: drawn positions follow the trajectory step by step, clicks add starts,
exports decode, MP4 says why it is off, and long races never block the window."""

from __future__ import annotations

import sys
import time

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog

from app import arena, trajectories
from app.arena import ArenaConfig, Racer
from widgets import theme as themes

SMALL = ArenaConfig(racers=(Racer("adam", (("lr", 0.1),)), Racer("sgd", (("lr", 0.01), ("momentum", 0.9)))),
                    starts=((-4.0, 0.0), (1.0, 0.0)), steps=40)


@pytest.fixture
def panel(arena_panel):
    return arena_panel


def computed(qtbot, panel, config: ArenaConfig = SMALL):
    with qtbot.waitSignal(panel.worker.finished, timeout=20_000):
        panel.controls.set_config(config)
    return panel.trajectories


def expected_heads(runs, k):
    return np.array([t.points[min(k, len(t.points) - 1)] for t in runs])


def test_step_and_step_back_draw_the_trajectory(qtbot, panel):
    runs = computed(qtbot, panel)
    assert [t.spec.label() for t in runs] == ["Adam lr=0.1", "Adam lr=0.1", "SGD lr=0.01 momentum=0.9",
                                              "SGD lr=0.01 momentum=0.9"]
    playback = panel.view.playback
    assert playback.count() == max(len(t.points) for t in runs)
    for _ in range(5):
        playback.step(1)
    playback.step(-1)
    assert playback.position() == 4
    np.testing.assert_allclose(panel.view.contour.drawn_heads(), expected_heads(runs, 4))
    mapping = panel.view.scene.mapping
    scene_expected = np.vstack([mapping.positions(t.points[4:5], t.loss[4:5]) for t in runs])
    np.testing.assert_allclose(panel.view.scene.drawn_heads(), scene_expected, rtol=1e-6)
    x, y = panel.view.contour.paths[0].getData()
    np.testing.assert_array_equal(np.c_[x, y], runs[0].points[:5])
    assert "step 4" in panel.view.readout.text()


def test_arrows_point_along_minus_gradient_and_update(qtbot, panel):
    runs = computed(qtbot, panel)
    panel.view.playback.set_position(3)
    line, _head = panel.view.contour.arrows["gradient"]
    x, y = line.getData()
    direction = np.array([x[1] - x[0], y[1] - y[0]])
    g = -runs[0].grad[3]
    assert np.allclose(direction / np.linalg.norm(direction), g / np.linalg.norm(g))
    line, _head = panel.view.contour.arrows["update"]
    x, y = line.getData()
    u = runs[0].update[3]
    assert np.allclose(np.array([x[1] - x[0], y[1] - y[0]]) / np.hypot(x[1] - x[0], y[1] - y[0]), u / np.hypot(*u))


def test_keyboard_steps_and_table(qtbot, panel):
    runs = computed(qtbot, panel)
    panel.view.playback.step(1)
    assert panel.view.table.rowCount() == len(runs)
    assert panel.view.table.item(0, 1).text() in ("converged", "out of steps", "diverged")
    panel.view.table.selectRow(2)
    assert panel.view.selected == 2 and "SGD" in panel.view.readout.text()


def test_a_click_on_the_map_adds_a_start(qtbot, panel):
    computed(qtbot, panel)
    with qtbot.waitSignal(panel.worker.finished, timeout=20_000):
        panel.view.contour.clicked.emit(2.5, -1.25)
    assert panel.controls.config.starts[-1] == (2.5, -1.25)
    assert len(panel.trajectories) == 6


def test_course_experiment_is_one_click_and_the_window_stays_live(qtbot, panel):
    """4 × 20,000 steps: the first steps are on screen long before the last are computed."""
    panel.controls.course_button.click()
    assert panel.controls.config == arena.COURSE_EXPERIMENT
    qtbot.waitUntil(lambda: panel.view.playback.count() > 1, timeout=20_000)
    assert panel.worker.is_running()   # still computing, yet the event loop drew the first chunk
    panel.stop()
    assert not panel.worker.is_running() and panel.progress.isHidden()


def test_bad_typed_surface_shows_an_error_and_refuses_export(qtbot, panel, tmp_path):
    computed(qtbot, panel)
    panel.controls.set_config(ArenaConfig(surface="custom", expression="x + import", starts=((0.0, 0.0),)))
    qtbot.waitUntil(lambda: panel.message.isVisible())
    assert "Column" in panel.message.text()
    with pytest.raises(ValueError, match="Fix the input first"):
        panel.export(str(tmp_path / "a.csv"))


def test_typed_surface_races(qtbot, panel):
    runs = computed(qtbot, panel, ArenaConfig(surface="custom", expression="x**2 + 3*y**2",
                                              racers=(Racer("sgd", (("lr", 0.1),)),), starts=((2.0, 1.0),), steps=30))
    assert runs[0].points[1, 0] == pytest.approx(2.0 * (1 - 2 * 0.1), rel=1e-6)


def test_gif_export_has_a_frame_per_step(qtbot, panel, tmp_path):
    from PIL import Image
    runs = computed(qtbot, panel, ArenaConfig(racers=(Racer("sgd", (("lr", 0.002),)),), starts=((-4.0, 0.0),),
                                              steps=14))
    panel.export(str(tmp_path / "race.gif"))
    with Image.open(tmp_path / "race.gif") as image:
        assert image.n_frames == len(runs[0].points) == 15


def test_cancelled_gif_export_leaves_no_file(qtbot, panel, tmp_path):
    computed(qtbot, panel)
    QTimer.singleShot(0, lambda: [d.cancel() for d in panel.findChildren(QProgressDialog)])
    with pytest.raises(ValueError, match="cancelled"):
        panel.export(str(tmp_path / "race.gif"))
    assert list(tmp_path.iterdir()) == []


def test_png_and_csv_export(qtbot, panel, tmp_path):
    from PySide6.QtGui import QImage
    runs = computed(qtbot, panel)
    panel.export(str(tmp_path / "arena.png"))
    assert QImage(str(tmp_path / "arena.png")).width() > 400
    panel.export(str(tmp_path / "runs.csv"))
    lines = (tmp_path / "runs.csv").read_text().splitlines()
    assert len(lines) == 1 + sum(len(t.points) for t in runs)


def test_mp4_is_disabled_with_the_reason_when_imageio_ffmpeg_is_missing(qtbot, monkeypatch):
    from widgets.arena_panel import ArenaPanel
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)   # `import imageio_ffmpeg` now fails
    p = ArenaPanel()
    qtbot.addWidget(p)
    assert not p.mp4_button.isEnabled()
    assert "imageio-ffmpeg" in p.mp4_button.toolTip()
    assert "mp4" not in p.export_formats()


def test_state_round_trip_and_damaged_state(qtbot, panel):
    import json
    from widgets.arena_panel import ArenaPanel
    computed(qtbot, panel, arena.SGD_VS_ADAM)
    saved = json.loads(json.dumps(panel.state()))
    other = ArenaPanel()
    qtbot.addWidget(other)
    other.set_state(saved)
    assert other.controls.config == arena.SGD_VS_ADAM
    other.set_state({"config": {"racers": [{"optimizer": "nope"}]}, "mode": 3})
    assert other.controls.config == arena.SGD_VS_ADAM


def test_theme_and_language_changes_redraw_the_same_runs(qtbot, panel):
    from widgets import i18n
    runs = computed(qtbot, panel)
    panel.view.playback.set_position(7)
    panel.apply_theme(themes.get("dark"))
    assert panel.trajectories == runs and panel.view.playback.position() == 7
    i18n.set_language("zh_CN")
    try:
        qtbot.waitUntil(lambda: panel.controls.course_button.text() == "课程实验：Adam 从 4 个起点出发")
        assert panel.view.table.item(0, 1).text() in ("已收敛", "步数用完")
        assert "起点" in panel.view.losses.plot.legend.items[0][1].text
    finally:
        i18n.set_language("en")


def test_window_lists_the_arena_and_exports_it(qtbot, window, tmp_path):
    panel = next(p for p in window.panels if p.key == "arena")
    panel.autoplay = False
    panel.controls.set_config(SMALL)   # hidden: computed when shown
    window.show_panel("arena")
    assert window.current_panel() is panel
    qtbot.waitUntil(lambda: not panel.worker.is_running() and panel.trajectories[0] is not None, timeout=20_000)
    assert window.export_to(str(tmp_path / "runs.csv"))
    assert {"png", "csv", "gif"} <= set(panel.export_formats())


def test_command_line_png_and_gif(qtbot, tmp_path, capsys):
    import main
    from PIL import Image
    code = main.main(["optimize", "--optimizer", "sgd", "--lr", "0.01", "--start", "-4,0", "--start", "4,0",
                      "--steps", "9", "--out", str(tmp_path / "race.gif")])
    assert code == 0
    with Image.open(tmp_path / "race.gif") as image:
        assert image.n_frames == 10
    assert main.main(["optimize", "--optimizer", "adam", "--start", "-4,0", "--steps", "5",
                      "--out", str(tmp_path / "race.png")]) == 0
    assert (tmp_path / "race.png").stat().st_size > 10_000


def test_runs_unchanged_by_drawing(qtbot, panel):
    """The panel draws the runner's numbers: the same config run directly gives the same points."""
    runs = computed(qtbot, panel)
    direct = trajectories.run_all(SMALL.resolve_surface(), SMALL.specs())
    for shown, expected in zip(runs, direct):
        np.testing.assert_array_equal(shown.points, expected.points)


def test_dragging_the_3d_picture_rotates_the_view_and_the_window_stays_raster(qtbot, panel):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtOpenGLWidgets import QOpenGLWidget

    computed(qtbot, panel)
    # The GL view renders off screen: a QOpenGLWidget in the window would make Qt compose the
    # whole window through OpenGL (slow on a software renderer).
    assert panel.findChildren(QOpenGLWidget) == []
    display = panel.view.scene_display
    before = panel.view.scene.opts["azimuth"]

    def event(kind, x, buttons):
        return QMouseEvent(kind, QPointF(x, 100), QPointF(x, 100), Qt.MouseButton.LeftButton, buttons,
                           Qt.KeyboardModifier.NoModifier)

    display.mousePressEvent(event(QMouseEvent.Type.MouseButtonPress, 100, Qt.MouseButton.LeftButton))
    display.mouseMoveEvent(event(QMouseEvent.Type.MouseMove, 160, Qt.MouseButton.LeftButton))
    display.mouseReleaseEvent(event(QMouseEvent.Type.MouseButtonRelease, 160, Qt.MouseButton.NoButton))
    assert panel.view.scene.opts["azimuth"] != before
    assert display.frame.size() == display.size()


def test_thinned_paths_keep_the_first_and_last_point():
    from widgets.arena_plots import thinned
    points = np.c_[np.arange(5001.0), np.zeros(5001)]
    kept = thinned(points, 800)
    assert len(kept) <= 802 and kept[0, 0] == 0 and kept[-1, 0] == 5000
    assert np.all(np.diff(kept[:, 0]) > 0)
    assert thinned(points[:10], 800) is not None and len(thinned(points[:10], 800)) == 10


def test_chunks_arriving_together_are_drawn_once_and_the_last_when_the_race_ends(qtbot, panel, monkeypatch):
    runs = computed(qtbot, panel)
    calls = []
    draw = panel.view.update_runs
    monkeypatch.setattr(panel.view, "update_runs", lambda grown: (calls.append(sorted(grown)), draw(grown)))
    now = [time.monotonic() + 1000]
    panel.redraws.clock = lambda: now[0]   # a fake clock, long after the last redraw; it stands still
    for index, t in enumerate(runs * 3):   # three chunks a run within one redraw period
        panel._partial(trajectories.RaceUpdate(index % len(runs), t, 0.5))
    assert calls == [[0]]                  # the first drawn at once, the rest wait
    panel._finished()
    assert calls == [[0], list(range(len(runs)))]   # the race ended: what waited is drawn now, together
    assert not panel.redraws.timer.isActive()
