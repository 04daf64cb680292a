"""Figures (数据) as the texts see them: a value that prints as the prose writes it.

``{{ 受理案件数 }}`` prints ``18``; with the approximate marker ``余`` it prints ``320余``; the
filter ``with_unit`` adds the unit (and a marker that follows the unit, such as ``以上``). A figure's
kind (整数 integer, 小数 decimal, 百分比 percentage) and its decimal places decide how it prints in
the prose and in the statistics table (统计表).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from lawgov_report.numerals import to_chinese
from lawgov_report.source.model import Figure

# Markers that stand between the number and the unit ("320余人次"), those written before the number
# ("超过600项", "近480批次", "约30%"); the others follow the unit ("98%以上").
MARKERS_BEFORE_UNIT = frozenset({"余", "多", "几"})
MARKERS_BEFORE_NUMBER = frozenset({"超过", "超", "逾", "近", "将近", "接近", "约", "大约", "不少于", "不低于",
                                   "不足", "不到", "不超过", "多达", "高达"})
PERCENT_UNITS = frozenset({"%", "％"})
INTEGER, DECIMAL, PERCENTAGE = "integer", "decimal", "percentage"
# Words that make a figure a change (增长率, 同比增长, 增减) rather than a share: it may be negative, and
# in % may pass 100. A figure's ``growth`` key says so explicitly; without it, its name or label does.
GROWTH_WORDS = ("增长", "增幅", "增减", "增速", "涨幅", "降幅", "同比", "环比", "下降", "降低", "减少", "变化", "变动")
# One scan for all the words: testing them one by one (26 substring tests a figure) cost 2.5 ms a
# render of a 50x report's 1,900 figures.
_GROWTH_WORD = re.compile("|".join(map(re.escape, GROWTH_WORDS)))


def is_growth(name: str, label: str | None, growth: bool | None) -> bool:
    """Whether a figure is a change (增长率 …): its ``growth`` key, else a word of its name or label."""
    if growth is not None:
        return growth
    return _GROWTH_WORD.search(name) is not None or (bool(label) and _GROWTH_WORD.search(label) is not None)


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


# The quanta of 0 to 15 decimals, made once: a 50x report rounds 4,000 numbers a render.
_QUANTA = tuple(Decimal(1).scaleb(-digits) for digits in range(16))


def round_half_up(value, digits: int) -> Decimal:
    """Round as Excel and WPS do (half away from zero), not as Python's round() (half to even)."""
    quantum = _QUANTA[digits] if 0 <= digits < 16 else Decimal(1).scaleb(-digits)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def decimals_of(value) -> int:
    """How many decimal places a clerk wrote: 98.5 -> 1, 100 -> 0."""
    if isinstance(value, float) and not value.is_integer():
        text = repr(value)
        return len(text.split(".")[1]) if "." in text and "e" not in text else 6
    return 0


def infer_kind(unit: str, value) -> str:
    """The kind a figure has when the clerk did not say: % -> percentage, 98.5 -> decimal."""
    if unit in PERCENT_UNITS:
        return PERCENTAGE
    if isinstance(value, float) and not value.is_integer():
        return DECIMAL
    return INTEGER


class FigureValue:
    """A figure inside a text: prints as its number, and exposes ``value``, ``unit``, ``label`` …"""

    __slots__ = ("name", "label", "value", "unit", "approx", "previous", "previous_approx", "category", "note",
                 "kind", "digits", "formula", "previous_formula", "growth")

    def __init__(self, name: str, figure: Figure, value=None, previous=None, previous_formula: bool = False,
                 justified_digits: int | None = None):
        self.name = name
        self.label = figure.label or name
        self.value = figure.value if value is None else value
        self.unit = figure.unit
        self.approx = figure.approx
        self.previous = figure.previous if previous is None else previous
        self.previous_formula = previous_formula  # the previous value was computed by the formula
        # last year's own 约数 marker (40余); a previous value computed by the formula has none
        self.previous_approx = "" if previous_formula else figure.previous_approx
        self.growth = is_growth(name, figure.label, figure.growth)
        self.category = figure.category
        self.note = figure.note
        self.formula = figure.formula
        self.kind = figure.kind or infer_kind(self.unit, self.value)
        if figure.digits is not None:
            self.digits = figure.digits
        elif self.kind == INTEGER:
            self.digits = 0
        elif figure.formula is not None:  # what its inputs justify (derived.justified_digits)
            self.digits = 2 if justified_digits is None else justified_digits
        else:
            self.digits = max(decimals_of(self.value), decimals_of(self.previous))

    @property
    def number(self) -> str:
        """The number alone with the figure's decimal places, as the 附件 table and the workbook show
        it too: 94.4 and 100.0 with one decimal, 100 with none (one figure, one look)."""
        value = self.value
        if type(value) is int and self.digits == 0 and -10 ** 18 < value < 10 ** 18:
            return str(value)  # what rounding a whole number to no decimals gives, without Decimal
        if isinstance(value, (int, float)) and not isinstance(value, bool) and self.digits is not None:
            return f"{round_half_up(value, self.digits):f}"
        return format_number(value)

    def __str__(self) -> str:
        value = self.value
        if type(value) is int and not self.approx and self.digits == 0 and -10 ** 18 < value < 10 ** 18:
            return str(value)  # what number and marked() give a plain count (2,000 a 50x report's texts)
        return self.marked(self.number)

    def marked(self, number: str) -> str:
        """``number`` (as a filter wrote it) with the figure's own qualifier: 超过600, 320余."""
        if self.approx in MARKERS_BEFORE_NUMBER:
            return self.approx + number
        if self.approx in MARKERS_BEFORE_UNIT:
            return number + self.approx
        return number

    def with_unit(self) -> str:
        """``320余人次``, ``98%以上``, ``超过600项``."""
        text = str(self) + self.unit
        if self.approx and self.approx not in MARKERS_BEFORE_UNIT and self.approx not in MARKERS_BEFORE_NUMBER:
            text += self.approx
        return text

    def __repr__(self) -> str:
        return f"FigureValue({self.name!r}, {self.value!r})"

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
    def __neg__(self): return -self.value
    def __abs__(self): return abs(self.value)
    def __eq__(self, o): return self.value == self._num(o)
    def __lt__(self, o): return self.value < self._num(o)
    def __le__(self, o): return self.value <= self._num(o)
    def __gt__(self, o): return self.value > self._num(o)
    def __ge__(self, o): return self.value >= self._num(o)
    def __hash__(self): return hash((self.name, self.value))
    def __float__(self): return float(self.value)
    def __int__(self): return int(self.value)
    def __round__(self, n=None): return round(self.value, n)


def chinese_number(value) -> str:
    """13000 -> 一万三千, 105 -> 一百零五, 12 -> 十二, 0 -> 零, 98.5 -> 九十八点五."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, frac = format_number(value).partition(".")
        return chinese_number(int(whole)) + "点" + "".join(to_chinese(int(c)) for c in frac)
    return to_chinese(int(value))
