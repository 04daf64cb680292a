"""Derived figures (计算数据): values computed from other figures by a formula.

A formula such as ``结案数 / 受理数 * 100`` is a sandboxed Jinja expression over other figures'
values. Circular references and division by zero are located errors.
"""

from __future__ import annotations

from lawgov_report.errors import Diagnostic
from lawgov_report.figures import FigureValue
from lawgov_report.model import Report
from lawgov_report.yamlsource import Source, format_path


def _diag(source: Source | None, file: str, path: tuple, message: str, hint: str = "") -> Diagnostic:
    if source is not None:
        return source.diagnostic(path, message, hint=hint)
    return Diagnostic(file, 0, 0, "error", format_path(path), message, hint)


def formula_names(formula: str) -> set[str]:
    """The figure names a formula refers to."""
    from jinja2 import meta

    from lawgov_report.build import text_renderer

    ast = text_renderer().env.parse("{{ " + formula + " }}")
    return meta.find_undeclared_variables(ast)


def evaluate(report: Report, source: Source | None, file: str) -> tuple[dict, list[Diagnostic]]:
    """All figures as FigureValues, formulas computed in dependency order; errors collected."""
    from jinja2 import TemplateError

    from lawgov_report.build import text_renderer

    env = text_renderer().env
    values: dict[str, FigureValue] = {}
    errors: list[Diagnostic] = []
    state: dict[str, str] = {}  # name -> "busy" | "done" | "failed"

    def visit(name: str, chain: tuple[str, ...]) -> bool:
        figure = report.figures[name]
        path = ("figures", name, "formula")
        if state.get(name) == "done":
            return True
        if state.get(name) == "failed":
            return False
        if state.get(name) == "busy":
            cycle = "→".join(chain[chain.index(name):] + (name,))
            errors.append(_diag(source, file, path, f"计算公式循环引用：{cycle}", "公式不能直接或间接引用自己"))
            return False
        if figure.formula is None:
            values[name] = FigureValue(name, figure)
            state[name] = "done"
            return True
        state[name] = "busy"
        try:
            names = formula_names(figure.formula)
        except TemplateError as exc:
            errors.append(_diag(source, file, path, f"计算公式写法有误：{exc}"))
            state[name] = "failed"
            return False
        ok = True
        for dep in sorted(names):
            if dep not in report.figures:
                import difflib

                close = difflib.get_close_matches(dep, list(report.figures), n=3, cutoff=0.3)
                errors.append(_diag(source, file, path, f"计算公式引用了未定义的数据“{dep}”",
                                    ("是不是要写：" + "、".join(close)) if close else ""))
                ok = False
            elif not visit(dep, chain + (name,)):
                ok = False
        if not ok:
            state[name] = "failed"
            return False
        try:
            expr = env.compile_expression(figure.formula, undefined_to_none=False)
            result = expr(**{k: v.value for k, v in values.items()})
            if isinstance(result, bool) or not isinstance(result, (int, float)):
                raise TypeError(f"结果不是数字：{result!r}")
        except ZeroDivisionError:
            errors.append(_diag(source, file, path, f"计算“{name}”时除数为零", "检查作为分母的数据是否为 0"))
            state[name] = "failed"
            return False
        except (TemplateError, TypeError, ValueError, ArithmeticError) as exc:
            errors.append(_diag(source, file, path, f"计算“{name}”出错：{exc}"))
            state[name] = "failed"
            return False
        if isinstance(result, float):
            result = round(result, 4)
            if result.is_integer():
                result = int(result)
        values[name] = FigureValue(name, figure, result)
        state[name] = "done"
        return True

    for name in report.figures:
        visit(name, ())
    # Keep declaration order, so tables list figures as the clerk wrote them.
    ordered = {name: values[name] for name in report.figures if name in values}
    return ordered, errors
