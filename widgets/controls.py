"""Small pieces shared by panels: a slider with a spin box, a list-of-numbers field, the red
error line, a scrolling column of controls."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QSlider, QWidget

ERROR_COLOUR = "#d03030"

from widgets.i18n import tr

_SLIDER_STEPS = 1000


class ErrorLine(QLabel):
    """The red line above a panel's controls that says, in one sentence, what input to fix.

    Hidden while there is nothing to say, so it never takes room from the controls.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()


def scrolling_column(content: QWidget, minimum_width: int = 0, maximum_width: int = 16777215) -> QScrollArea:
    """A panel's column of controls that scrolls rather than squeezes: long Chinese captions or a
    small projector window never cut text off, and it never scrolls sideways."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(minimum_width)
    area.setMaximumWidth(maximum_width)
    return area


class SliderSpin(QWidget):
    """A slider and a spin box bound to the same float; the spin box takes exact typed values."""

    valueChanged = Signal(float)

    def __init__(self, minimum: float, maximum: float, value: float, decimals: int = 3,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min, self._max = minimum, maximum
        self.label = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, _SLIDER_STEPS)
        self.spin = QDoubleSpinBox()
        self.spin.setDecimals(decimals)
        self.spin.setRange(minimum, maximum)
        self.spin.setSingleStep(10 ** -min(decimals, 2))
        self.spin.setKeyboardTracking(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self.slider.valueChanged.connect(self._slider_moved)
        self.spin.valueChanged.connect(self._spin_changed)
        self.setValue(value)

    def value(self) -> float:
        return self.spin.value()

    def setValue(self, value: float) -> None:
        self.spin.setValue(value)

    def _slider_moved(self, position: int) -> None:
        value = self._min + (self._max - self._min) * position / _SLIDER_STEPS
        self.spin.setValue(round(value, self.spin.decimals()))

    def _spin_changed(self, value: float) -> None:
        position = round((value - self._min) / (self._max - self._min) * _SLIDER_STEPS)
        self.slider.blockSignals(True)   # the spin box is the source of truth; no bounce back
        self.slider.setValue(position)
        self.slider.blockSignals(False)
        self.valueChanged.emit(value)


class NumberListEdit(QLineEdit):
    """A field of comma-separated numbers; emits the parsed list, marks bad input red and says why."""

    numbersChanged = Signal(list)
    invalid = Signal(str)

    def __init__(self, values: list[float], minimum_count: int = 2, maximum_count: int = 12,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts = (minimum_count, maximum_count)
        self.hint = ""   # the owner's tooltip; an error replaces it until the input parses again
        self.setText(", ".join(f"{v:g}" for v in values))
        self.editingFinished.connect(self._parse)

    def values(self) -> list[float]:
        return parse_numbers(self.text(), *self._counts)

    def _parse(self) -> None:
        try:
            numbers = self.values()
        except ValueError as exc:
            self.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR_COLOUR}; }}")
            self.setToolTip(str(exc))
            self.invalid.emit(str(exc))
            return
        self.setStyleSheet("")
        self.setToolTip(self.hint)
        self.numbersChanged.emit(numbers)


def parse_numbers(text: str, minimum_count: int, maximum_count: int) -> list[float]:
    """Parse '2, 1, 0.1' into floats; a translated one-line ValueError says what is wrong."""
    parts = [p for p in text.replace(";", ",").replace("，", ",").split(",") if p.strip()]
    numbers = []
    for part in parts:
        try:
            value = float(part)
        except ValueError:
            raise ValueError(tr("'{0}' is not a number").format(part.strip())) from None
        if not math.isfinite(value):
            raise ValueError(tr("numbers must be finite"))
        numbers.append(value)
    if not minimum_count <= len(numbers) <= maximum_count:
        raise ValueError(tr("give between {0} and {1} numbers").format(minimum_count, maximum_count))
    return numbers
