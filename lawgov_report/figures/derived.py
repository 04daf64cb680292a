"""Derived figures (计算数据): values computed from other figures by a formula.

A formula such as ``结案数 / 受理数 * 100`` refers to other figures by name (see formulas.py).
Figures are computed in dependency order; circular references, division by zero, a missing value
and a value of the wrong kind are located errors, all collected before stopping. A derived figure
also gets a previous-year value when every figure it uses has one.
"""

from __future__ import annotations

import difflib
import math

from lawgov_report.errors import Diagnostic
from lawgov_report.figures.values import INTEGER, FigureValue
from lawgov_report.figures.formulas import FormulaError, compute, formula_names, names, parse
from lawgov_report.source.model import Figure
from lawgov_report.source.yamlsource import Source, format_path


def _diag(source: Source | None, file: str, path: tuple, message: str, hint: str = "") -> Diagnostic:
    if source is not None:
        return source.diagnostic(path, message, hint=hint)
    return Diagnostic(file, 0, 0, "error", format_path(path), message, hint)


def _normalise(result):
    """Drop floating-point noise (0.1 + 0.2), and 100.0 -> 100."""
    if isinstance(result, float):
        result = round(result, 10)
        if result.is_integer():
            return int(result)
    return result


def formula_inputs(figures: dict) -> set[str]:
    """Names some formula uses (those figures are used even when no text quotes them).

    ``figures`` maps names to anything with a ``formula`` (a Figure or a FigureValue)."""
    used: set[str] = set()
    for figure in figures.values():
        if figure.formula is not None:
            try:
                used.update(formula_names(figure.formula))
            except FormulaError:
                pass
    return used


def evaluate(figures: dict[str, Figure], source: Source | None, file: str,
             catalogue: dict[str, Figure] | None = None) -> tuple[dict[str, FigureValue], list[Diagnostic]]:
    """All figures as FigureValues, formulas computed in dependency order; errors collected."""
    run = _Evaluation(figures, source, file, catalogue or {})
    for name, figure in figures.items():
        if figure.formula is None and name not in run.state:  # a number given: no formula to follow
            run.given(name, figure)
        else:
            run.visit(name, ())
    # Keep declaration order, so tables list figures as the clerk wrote them.
    ordered = {name: run.values[name] for name in figures if name in run.values}
    return ordered, run.errors


class _Evaluation:
    """One evaluation's state: a class, not closures that call each other, because such closures
    form a reference cycle that keeps the report alive until the garbage collector runs."""

    def __init__(self, figures: dict[str, Figure], source: Source | None, file: str, catalogue: dict[str, Figure]):
        self.figures, self.source, self.file, self.catalogue = figures, source, file, catalogue
        self.values: dict[str, FigureValue] = {}
        self.errors: list[Diagnostic] = []
        self.state: dict[str, str] = {}  # name -> "busy" | "done" | "failed"

    def fail(self, name: str, path: tuple, message: str, hint: str = "") -> bool:
        self.errors.append(_diag(self.source, self.file, path, message, hint))
        self.state[name] = "failed"
        return False

    def visit(self, name: str, chain: tuple[str, ...]) -> bool:
        figure = self.figures[name]
        state = self.state.get(name)
        if state is None and figure.formula is None:  # an input of a formula, not yet seen
            return self.given(name, figure)
        if state in ("done", "failed"):
            return state == "done"
        path = ("figures", name, "formula")
        if state == "busy":
            cycle = "→".join(chain[chain.index(name):] + (name,))
            self.errors.append(_diag(self.source, self.file, path, f"计算公式循环引用：{cycle}",
                                     "公式不能直接或间接引用自己"))
            return False
        if figure.formula is None:
            return self.given(name, figure)
        self.state[name] = "busy"
        try:
            tree = parse(figure.formula)
        except FormulaError as exc:
            return self.fail(name, path, exc.message, exc.hint)
        deps = formula_names(figure.formula)
        ok = True
        for dep in deps:
            if dep not in self.figures:
                ok = False
                self.errors.append(_diag(self.source, self.file, path, f"计算公式引用了未定义的数据“{dep}”",
                                         _missing_hint(dep, self.figures, self.catalogue)))
            elif not self.visit(dep, chain + (name,)):
                ok = False
        if not ok:
            self.state[name] = "failed"
            return False
        # Only the formula's own inputs: copying every value per formula grows with the square of
        # the figures (2,000 figures in a large county's report).
        try:
            result = _normalise(compute(tree, {dep: self.values[dep].value for dep in deps}))
        except ZeroDivisionError:
            return self.fail(name, path, f"计算“{name}”时除数为零", "检查作为分母的数据是否为 0")
        except (ArithmeticError, TypeError, ValueError) as exc:
            return self.fail(name, path, f"计算“{name}”出错：{exc}")
        previous, computed = figure.previous, False
        if previous is None and all(self.values[dep].previous is not None for dep in deps):
            try:  # last year's value by the same formula; a zero divisor there just leaves it blank
                previous = _normalise(compute(tree, {dep: self.values[dep].previous for dep in deps}))
                computed = True
            except (ArithmeticError, TypeError, ValueError):
                previous = None
        digits = None if figure.digits is not None else justified_digits(tree, self.values, result, deps)
        self.values[name] = FigureValue(name, figure, result, previous, previous_formula=computed,
                                        justified_digits=digits)
        self.state[name] = "done"
        return True

    def given(self, name: str, figure: Figure) -> bool:
        if figure.value is None:
            hint = "写成 数据名: 数值，或填写 value 或 formula"
            return self.fail(name, ("figures", name), f"数据“{name}”没有填写数值", hint)
        value = FigureValue(name, figure)
        # (most integer figures hold ints: no float to look at)
        if value.kind == INTEGER and (isinstance(figure.value, float) or isinstance(figure.previous, float)):
            for key, number in (("value", figure.value), ("previous", figure.previous)):
                if isinstance(number, float) and not number.is_integer():
                    return self.fail(name, ("figures", name, key), f"“{name}”是整数指标，不能有小数（{number}）",
                                     "确认数值；若确有小数，写 kind: decimal")
        self.values[name] = value
        self.state[name] = "done"
        return True


MAX_JUSTIFIED_DIGITS = 2


def justified_digits(tree, values: dict[str, FigureValue], result, deps=None) -> int:
    """The decimals a derived figure's inputs justify: enough that a change of one in the last place
    any input is written to shows in the result, at most 2. 复议结案数 / 受理复议案件数 * 100 with
    18 cases moves 5.6 a case: 0 decimals (100, 94); with 1,798 cases 0.056: 2 (99.94)."""
    if isinstance(result, bool) or not isinstance(result, (int, float)):
        return 0
    # The formula's own inputs only, as visit() does: copying every value per formula grew with the
    # square of the figures (10 ms a render of a 50x report, with 50 formulas among 2,000 figures).
    deps = names(tree) if deps is None else deps  # the names in ``tree``, when the caller has them
    inputs = {dep: values[dep].value for dep in deps if dep in values}
    steps = []
    for dep in deps:
        if isinstance(inputs.get(dep), bool) or not isinstance(inputs.get(dep), (int, float)):
            continue
        try:
            moved = compute(tree, {**inputs, dep: inputs[dep] + 10 ** -values[dep].digits})
        except (ArithmeticError, TypeError, ValueError):
            continue
        if isinstance(moved, (int, float)) and moved != result:
            steps.append(abs(moved - result))
    if not steps:
        return 0
    return max(0, min(MAX_JUSTIFIED_DIGITS, math.ceil(-math.log10(min(steps)) - 1e-9)))


def _missing_hint(dep: str, figures: dict, catalogue: dict) -> str:
    if dep in catalogue:
        return f"“{dep}”在模板的指标目录中，在 figures 下写一行“{dep}: 数值”即可"
    close = difflib.get_close_matches(dep, list(figures), n=3, cutoff=0.3)
    return ("是不是要写：" + "、".join(close)) if close else "先在 figures 下定义这个数据"
