"""Which numbers a figure may hold (数值范围): a count is never negative, a share in % lies in 0–100.

One rule for every way a number comes in: ``check`` and ``render`` apply it to the YAML (at the
value's line and column), ``fill`` to each cell of a form before anything is written. A change
(增长率, 同比增长, 增减: see :func:`~lawgov_report.figures.values.is_growth`) may be negative and pass
100. A share typed as a fraction (0.98 for 98%) is only a warning: it may be meant (0.5%).
"""

from __future__ import annotations

from dataclasses import dataclass

from lawgov_report.errors import ERROR, WARNING, Diagnostic
from lawgov_report.figures.formulas import FormulaError, formula_names
from lawgov_report.figures.values import PERCENT_UNITS, format_number
from lawgov_report.source.model import Report
from lawgov_report.source.yamlsource import Source, format_path

VALUE, PREVIOUS = "value", "previous"
_WHEN = {VALUE: "", PREVIOUS: "上年"}


@dataclass(frozen=True)
class RangeProblem:
    """A number out of its figure's range: which field (value or previous), how bad, and why."""

    field: str
    severity: str
    message: str
    hint: str
    message_en: str


def is_share(unit: str, growth: bool) -> bool:
    """Whether a figure is a share in % (率, 占比, 满意度): 0 to 100, never more."""
    return unit in PERCENT_UNITS and not growth


def _numeric(number) -> bool:
    return isinstance(number, (int, float)) and not isinstance(number, bool)


def typed_problems(name: str, label: str, unit: str, growth: bool, numbers: dict) -> list[RangeProblem]:
    """What is wrong with the numbers a clerk typed for a figure (``numbers``: field -> number, the
    fields being ``value`` and ``previous``), in the YAML or in a form's cell."""
    out = []
    share = is_share(unit, growth)
    if not share and (growth or not unit):
        return out  # a change, or a number without a unit, has no range (most of a report's figures)
    previous = numbers.get(PREVIOUS)
    for field, number in numbers.items():
        if not _numeric(number):
            continue
        when = _WHEN[field]
        if share:
            problem = _out_of_share(label, number, when, field)
            if problem is None and _fraction_slip(number, previous if field == VALUE else None):
                meant = format_number(round(number * 100, 10))
                problem = RangeProblem(field, WARNING, f"“{label}”{when}是百分比（%），填的是 {format_number(number)}："
                                       f"是不是要写 {meant}？", f"百分比请填写百分数的数字部分：98% 写 98，不写 0.98",
                                       f"percentage typed as a fraction: {number}, meant {meant}?")
        elif number < 0:  # a count with a unit (the others returned above)
            problem = RangeProblem(field, ERROR, f"“{label}”{when}的单位是“{unit}”，数值不能是负数（{format_number(number)}）",
                                   "写正数；表示减少时，在文字中写“减少”", "negative count")
        else:
            problem = None
        if problem is not None:
            out.append(problem)
    return out


def computed_problems(name: str, label: str, unit: str, growth: bool, numbers: dict, formula: str = "",
                      inputs: dict | None = None) -> list[RangeProblem]:
    """What is wrong with what a derived figure's formula computed from ``inputs`` (name -> number):
    a share over 100 means an input is wrong (结案数 above 受理数)."""
    if not is_share(unit, growth):
        return []
    given = "、".join(f"{n} {format_number(v)}" for n, v in (inputs or {}).items() if _numeric(v))
    hint = (f"公式 {formula}：{given}；检查这些数据" if formula and given else "检查公式用到的数据（如结案数不应多于受理数）")
    out = []
    for field, number in numbers.items():
        problem = _out_of_share(label, number, _WHEN[field], field, hint) if _numeric(number) else None
        if problem is not None:
            out.append(problem)
    return out


def _out_of_share(label: str, number, when: str, field: str, computed_hint: str = "") -> RangeProblem | None:
    if 0 <= number <= 100:
        return None
    shown = format_number(round(number, 2) if isinstance(number, float) else number)
    what = f"“{label}”{when}{'算出来是' if computed_hint else '是'} {shown}%"
    reason = "超过了 100%" if number > 100 else "不能是负数"
    hint = computed_hint or "率、占比只能在 0～100 之间，检查是否填错"
    return RangeProblem(field, ERROR, f"{what}，{reason}", hint + "；若这是增长率等变化率，写 growth: true",
                        f"percentage out of 0-100: {shown}" + (" (computed)" if computed_hint else ""))


def _fraction_slip(number, previous) -> bool:
    """0.98 where 98 is meant: a share in (0, 1] typed with a fraction's decimals (0.98, 0.985), or
    below 1 where last year's was above it."""
    if not 0 < number <= 1:
        return False
    if _numeric(previous) and previous > 1:
        return True
    return isinstance(number, float) and len(format_number(number).partition(".")[2]) >= 2


def figure_problems(report: Report, values: dict, source: Source | None, file: str) -> list[Diagnostic]:
    """Every range problem of a report's figures (``values``: name -> FigureValue), each at its value
    in the YAML, and the 上年 markers that mark nothing."""
    return range_problems(report, values, source, file) + _lone_markers(report, values, source)


def range_problems(report: Report, values: dict, source: Source | None, file: str) -> list[Diagnostic]:
    """Numbers out of their figure's range (figures/ranges.py), each at its value: a count below zero,
    a share in % over 100 (at its formula when computed), a share typed as a fraction (a warning)."""
    out = []
    for name, figure in report.figures.items():
        value = values.get(name)
        if value is None or (value.formula is None and _plainly_in_range(value)):
            continue
        numbers = {"value": value.value, "previous": value.previous}
        if value.formula is None:
            problems, at = typed_problems(name, name, value.unit, value.growth, numbers), None
        else:
            problems = computed_problems(name, name, value.unit, value.growth, numbers, value.formula,
                                         _inputs(value.formula, values))
            at = ("figures", name, "formula") if figure.formula is not None else ("figures", name)
        for problem in problems:
            path = at or ("figures", name, problem.field)
            out.append(source.diagnostic(path, problem.message, problem.severity, problem.hint,
                                         message_en=problem.message_en) if source else
                       Diagnostic(file, 0, 0, problem.severity, format_path(path), problem.message, problem.hint,
                                  problem.message_en))
    return out


def _plainly_in_range(value) -> bool:
    """Whether :func:`typed_problems` would find nothing in a typed figure, told without asking it:
    no share, and no number below zero unless that may be (a change, a number without a unit).
    Most of a report's figures are such counts (1 ms a render of a 50x report's 1,900)."""
    unit = value.unit
    if value.growth or not unit:
        return True
    if unit in PERCENT_UNITS:
        return False  # a share (is_share): 0 to 100, and a fraction may be a slip
    number, previous = value.value, value.previous
    return (not _numeric(number) or number >= 0) and (previous is None or not _numeric(previous) or previous >= 0)


def _lone_markers(report: Report, values: dict, source: Source | None) -> list[Diagnostic]:
    """A warning for a ``previous_approx`` without a previous value: it marks nothing."""
    out = []
    for name, figure in report.figures.items():
        value = values.get(name)
        if figure.previous_approx and value is not None and value.previous is None and source is not None:
            out.append(source.diagnostic(("figures", name, "previous_approx"),
                                         f"“{name}”写了上年约数标记“{figure.previous_approx}”，但没有上年数值", WARNING,
                                         "填写 previous（上年数值），或删除 previous_approx",
                                         message_en="previous_approx without previous"))
    return out


def _inputs(formula: str, values: dict) -> dict:
    """The numbers a formula uses, by name (for a message that shows them)."""
    try:
        return {name: values[name].value for name in formula_names(formula) if name in values}
    except FormulaError:
        return {}
