"""Figures (数据) as the texts see them: a value that prints as the prose writes it.

``{{ 受理案件数 }}`` prints ``18``; with the approximate marker ``余`` it prints ``320余``; the
filter ``with_unit`` adds the unit (and a marker that follows the unit, such as ``以上``).
"""

from __future__ import annotations

from lawgov_report.model import Figure

# Markers that stand between the number and the unit ("320余人次"); the others follow the unit
# ("98%以上").
MARKERS_BEFORE_UNIT = frozenset({"余", "多", "几"})


def format_number(value) -> str:
    """A number as Chinese official prose writes it: 18, 98.5, 13000 (no grouping by default)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


class FigureValue:
    """A figure inside a text: prints as its number, and exposes ``value``, ``unit``, ``label`` …"""

    __slots__ = ("name", "label", "value", "unit", "approx", "previous", "category", "note")

    def __init__(self, name: str, figure: Figure, value=None):
        self.name = name
        self.label = figure.label or name
        self.value = figure.value if value is None else value
        self.unit = figure.unit
        self.approx = figure.approx
        self.previous = figure.previous
        self.category = figure.category
        self.note = figure.note

    def __str__(self) -> str:
        text = format_number(self.value)
        if self.approx in MARKERS_BEFORE_UNIT:
            text += self.approx
        return text

    def with_unit(self) -> str:
        """``320余人次``, ``98%以上``."""
        text = str(self) + self.unit
        if self.approx and self.approx not in MARKERS_BEFORE_UNIT:
            text += self.approx
        return text

    # Arithmetic in texts ({{ 受理数 - 结案数 }}) works on the value.
    def _num(self, other):
        return other.value if isinstance(other, FigureValue) else other

    def __add__(self, o): return self.value + self._num(o)
    def __radd__(self, o): return self._num(o) + self.value
    def __sub__(self, o): return self.value - self._num(o)
    def __rsub__(self, o): return self._num(o) - self.value
    def __mul__(self, o): return self.value * self._num(o)
    def __rmul__(self, o): return self._num(o) * self.value
    def __truediv__(self, o): return self.value / self._num(o)
    def __rtruediv__(self, o): return self._num(o) / self.value
    def __eq__(self, o): return self.value == self._num(o)
    def __lt__(self, o): return self.value < self._num(o)
    def __le__(self, o): return self.value <= self._num(o)
    def __gt__(self, o): return self.value > self._num(o)
    def __ge__(self, o): return self.value >= self._num(o)
    def __hash__(self): return hash((self.name, self.value))
    def __float__(self): return float(self.value)
    def __int__(self): return int(self.value)
    def __round__(self, n=None): return round(self.value, n)
