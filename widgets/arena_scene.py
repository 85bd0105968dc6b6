"""The surface in 3-D (pyqtgraph.opengl): colour-mapped heights, minima marked, trajectories on top.

Everything is drawn in a box of fixed size whatever the surface's units, so the camera never has
to move when the surface changes: x and y map to [-5, 5], heights to [0, HEIGHT]. Trajectories
are computed ahead; a frame only slices the precomputed positions and calls setData.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from app import surfaces
from app.trajectories import Trajectory
from widgets.theme import Theme

BOX = 10.0
HEIGHT = 4.0
LIFT = 0.04    # trajectories float a little above the surface so it cannot hide them
COLORMAP = "viridis"


def _on_top() -> dict:
    """Blended, without depth test: a path stays visible where a hill lies between it and the eye."""
    from OpenGL import GL
    return {GL.GL_DEPTH_TEST: False, GL.GL_BLEND: True, GL.GL_CULL_FACE: False,
            "glBlendFuncSeparate": (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA, GL.GL_ONE, GL.GL_ONE_MINUS_SRC_ALPHA)}


class Mapping:
    """From surface coordinates (x, y, f) to the scene's box, with the same height transform
    (linear or log) for the surface and the points on it."""

    def __init__(self, grid: surfaces.Grid, bounds, log: bool) -> None:
        x0, x1, y0, y1 = bounds
        self.centre = ((x0 + x1) / 2, (y0 + y1) / 2)
        self.scale = BOX / max(x1 - x0, y1 - y0)
        self.log = log
        self.floor = float(np.nanmin(grid.z)) if np.isfinite(grid.z).any() else 0.0
        heights = self._transform(grid.z)
        self.low = float(np.nanmin(heights)) if np.isfinite(heights).any() else 0.0
        high = float(np.nanmax(heights)) if np.isfinite(heights).any() else 1.0
        self.range = high - self.low if high > self.low else 1.0

    def _transform(self, f: np.ndarray) -> np.ndarray:
        f = np.asarray(f, dtype=float)
        if not self.log:
            return f
        with np.errstate(invalid="ignore"):
            return np.log10(1.0 + np.maximum(f - self.floor, 0.0))

    def height(self, f: np.ndarray) -> np.ndarray:
        """Scene height of surface values f, clipped to the box (a point far above stays on its lid)."""
        h = (self._transform(f) - self.low) / self.range * HEIGHT
        return np.clip(np.nan_to_num(h, nan=HEIGHT), 0.0, HEIGHT)

    def xy(self, points: np.ndarray) -> np.ndarray:
        return (np.asarray(points, dtype=float) - self.centre) * self.scale

    def positions(self, points: np.ndarray, loss: np.ndarray) -> np.ndarray:
        """(m, 3) float32 scene positions of a trajectory, lifted above the surface."""
        out = np.empty((len(points), 3), dtype=np.float32)
        out[:, :2] = self.xy(points)
        out[:, 2] = self.height(loss) + LIFT
        return out


def colours(z: np.ndarray) -> np.ndarray:
    """(n*n, 4) float RGBA from scene heights (pyqtgraph 0.14 needs the flat shape)."""
    cmap = pg.colormap.get(COLORMAP)
    t = np.clip(np.nan_to_num(z / HEIGHT, nan=1.0), 0.0, 1.0).ravel()
    return cmap.map(t, mode="float")


class SurfaceScene(gl.GLViewWidget):
    """The GL view: one surface, its marked points, and one line and one head per run."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumSize(240, 200)
        self.setCameraPosition(distance=15, elevation=35, azimuth=-60)
        self.opts["center"] = pg.Vector(0, 0, HEIGHT / 3)
        self.mapping: Mapping | None = None
        self.surface_item: gl.GLSurfacePlotItem | None = None
        self.markers = gl.GLScatterPlotItem(pos=np.zeros((0, 3)), size=10, pxMode=True)
        # On top, like the paths: with the depth test, a minimum's marker sat under the mesh (the
        # grid's lowest vertex lies above the true minimum, steeply so in log height) and two of
        # Himmelblau's four minima, and half of every saddle's dot, were hidden.
        self.markers.setGLOptions(_on_top())
        self.markers.setDepthValue(5)   # drawn after the surface, under the paths and heads
        self.heads = gl.GLScatterPlotItem(pos=np.zeros((0, 3)), size=14, pxMode=True)
        self.heads.setGLOptions(_on_top())
        self.heads.setDepthValue(20)   # drawn after the surface
        self.lines: list[gl.GLLinePlotItem] = []
        self.paths: list[np.ndarray] = []        # (m, 3) precomputed scene positions per run
        self.run_colours: list[tuple[float, ...]] = []
        self.addItem(self.markers)
        self.addItem(self.heads)

    def set_surface(self, grid: surfaces.Grid, surface: surfaces.Surface, log: bool, theme: Theme) -> None:
        """A new surface (or height scale): uploads the mesh; trajectories must be set again."""
        self.setBackgroundColor(theme.plot_background)
        self.mapping = Mapping(grid, surface.bounds, log)
        x = self.mapping.xy(np.c_[grid.x, grid.y])
        z = self.mapping.height(grid.z).astype(np.float32)
        if self.surface_item is None:
            self.surface_item = gl.GLSurfacePlotItem(x=x[:, 0], y=x[:, 1], z=z, colors=colours(z),
                                                     computeNormals=False, smooth=False)
            self.surface_item.setGLOptions("opaque")
            self.addItem(self.surface_item)
        else:
            self.surface_item.setData(x=x[:, 0], y=x[:, 1], z=z, colors=colours(z))
        marked = [(p, (0.95, 0.15, 0.15, 1.0)) for p in surface.minima]
        marked += [(p, (1.0, 1.0, 1.0, 1.0)) for p in surface.maxima + surface.saddles]
        if marked:
            points = np.array([p for p, _c in marked], dtype=float)
            f = np.broadcast_to(surface(*(_tensor(points[:, i]) for i in range(2))).detach().numpy(), len(points))
            self.markers.setData(pos=self.mapping.positions(points, f) + [0, 0, LIFT],
                                 color=np.array([c for _p, c in marked]), size=10)
        else:
            self.markers.setData(pos=np.zeros((0, 3)))

    def set_runs(self, trajectories: list[Trajectory | None], run_colours: list[str]) -> None:
        """One line per run (precomputed positions); drawn up to the frame set_frame gives."""
        while len(self.lines) < len(trajectories):
            # Smoothed GL lines cost llvmpipe (software GL) several ms a frame; plain 3-px lines read fine.
            line = gl.GLLinePlotItem(pos=np.zeros((0, 3)), width=3, antialias=False, mode="line_strip")
            line.setGLOptions(_on_top())
            line.setDepthValue(10)
            self.addItem(line)
            self.lines.append(line)
        for line in self.lines[len(trajectories):]:
            line.setData(pos=np.zeros((0, 3)))
        self.run_colours = [QColor(c).getRgbF() for c in run_colours]
        self.paths = []
        for index, t in enumerate(trajectories):
            self.update_run(index, t)

    def update_run(self, index: int, trajectory: Trajectory | None) -> None:
        path = (self.mapping.positions(trajectory.points, trajectory.loss)
                if trajectory is not None and self.mapping is not None else np.zeros((0, 3), np.float32))
        while len(self.paths) <= index:
            self.paths.append(np.zeros((0, 3), np.float32))
        self.paths[index] = path
        self.lines[index].setData(color=self.run_colours[index])

    def set_frame(self, step: int) -> None:
        """Draw every run up to `step` (a finished run stays at its last point)."""
        heads, head_colours = [], []
        from widgets.arena_plots import thinned
        for index, path in enumerate(self.paths):
            shown = thinned(path[:step + 1])
            self.lines[index].setData(pos=shown)
            if len(shown):
                heads.append(shown[-1])
                head_colours.append(self.run_colours[index])
        if heads:
            self.heads.setData(pos=np.array(heads), color=np.array(head_colours))
        else:
            self.heads.setData(pos=np.zeros((0, 3)))

    def update(self) -> None:
        """Off screen, the display renders each frame through grabFramebuffer(): the repaint that
        pyqtgraph's items ask for on every setData would render the same frame a second time."""
        if not self.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen):
            super().update()

    def opts_background(self) -> QColor:
        return QColor.fromRgbF(*self.opts["bgcolor"])

    def drawn_heads(self) -> np.ndarray:
        """Scene positions of the run heads as drawn (for tests)."""
        return np.asarray(self.heads.pos)

    def image(self) -> np.ndarray:
        """The current picture as (h, w, 3) uint8 RGB."""
        from widgets.arena_images import qimage_to_rgb
        return qimage_to_rgb(self.grabFramebuffer())


def _tensor(values: np.ndarray):
    import torch
    return torch.as_tensor(values, dtype=torch.float64)


class SceneDisplay(QWidget):
    """Shows the GL scene as a picture, and passes mouse drags and the wheel on to it.

    The GL view renders off screen (a hidden top-level QOpenGLWidget) and this plain widget
    paints the frame it returns. A QOpenGLWidget inside the main window would switch the whole
    window to OpenGL composition: on a software renderer every repaint of any panel then goes
    through llvmpipe and a full-window swap (a map-only repaint measured 22-28 fps that way,
    66-94 fps without). Here the window stays raster and only the 3-D picture costs GL time.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(240, 200)
        self.setMouseTracking(False)
        self.scene = SurfaceScene()
        self.scene.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.scene.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)   # never keeps the app alive
        self.scene.resize(self.size())
        self.scene.show()
        self.frame = QImage()
        scene = self.scene
        # The scene has no parent (a child would join the window): it goes when this widget goes.
        self.destroyed.connect(lambda *_: _delete(scene))

    def refresh(self) -> None:
        """Render the scene now and show it (skipped while hidden)."""
        if self.isVisible():
            self.frame = self.scene.grabFramebuffer()
            self.update()

    def image(self) -> QImage:
        return self.scene.grabFramebuffer()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.scene.opts_background())
        painter.drawImage(0, 0, self.frame)
        painter.end()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scene.resize(self.size())
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.scene.resize(self.size())
        self.refresh()

    # Rotate with a left drag, pan with the middle button or Ctrl, zoom with the wheel: the GL
    # view's own handlers, on the same coordinates (both widgets have the same size).
    def mousePressEvent(self, event) -> None:
        self.scene.mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        self.scene.mouseMoveEvent(event)
        self.refresh()

    def mouseReleaseEvent(self, event) -> None:
        self.scene.mouseReleaseEvent(event)

    def wheelEvent(self, event) -> None:
        self.scene.wheelEvent(event)
        self.refresh()


def _delete(widget) -> None:
    import shiboken6
    if shiboken6.isValid(widget):
        widget.close()
        shiboken6.delete(widget)
