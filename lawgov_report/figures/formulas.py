"""Formulas of derived figures (计算公式): parsed once, computed in Python, written for Excel.

A formula such as ``复议结案数 / 受理复议案件数 * 100`` is read with Jinja's parser (the syntax a clerk
already uses in texts) into a small tree of numbers, figure names and arithmetic. The same tree is
computed here for the prose and translated to an Excel formula over cell references for the
statistics table, so the two cannot disagree. Only numbers, names, + - * / // % ** and brackets are
allowed: every one of them has the same meaning in Python, Excel, WPS and LibreOffice.
"""

from __future__ import annotations

import math

import functools
from dataclasses import dataclass

MAX_POWER = 100  # a clerk's formula never needs more; a huge power would hang the render
MAX_LENGTH = 2000  # characters: a formula is a line, not a program

_BINARY = {"Add": "+", "Sub": "-", "Mul": "*", "Div": "/", "FloorDiv": "//", "Mod": "%", "Pow": "**"}
_UNARY = {"Neg": "-", "Pos": "+"}


class FormulaError(Exception):
    """A formula that cannot be read; ``message`` is for the clerk (Chinese)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Node:
    """One node of a formula: ``op`` is "num", "name", a binary operator or "neg"/"pos"."""

    op: str
    value: object = None  # the number or the name
    args: tuple = ()


@functools.lru_cache(maxsize=1)
def _parser():
    """A plain Jinja environment, used only to parse: a formula is never rendered, so no sandbox is
    needed, and the syntax is the one clerks write in texts ({{ a / b * 100 }})."""
    from jinja2 import Environment

    return Environment()


HINT = "公式只能由数据名、数字、+ - * / 和括号组成，如 结案数 / 受理数 * 100"


@functools.lru_cache(maxsize=1024)
def parse(formula: str) -> Node:
    """The formula's tree; raises :class:`FormulaError` with a Chinese message."""
    from jinja2 import TemplateSyntaxError, nodes

    if "{" in formula or "}" in formula or "\n" in formula.strip():
        raise FormulaError("计算公式里不要写 {{ }}，也不要换行", HINT)
    if len(formula) > MAX_LENGTH:
        raise FormulaError(f"计算公式过长（超过 {MAX_LENGTH} 个字符）", HINT)
    try:
        tree = _parser().parse("{{ " + formula + " }}")
        body = tree.body
        if len(body) != 1 or not isinstance(body[0], nodes.Output) or len(body[0].nodes) != 1:
            raise FormulaError("计算公式写法有误", HINT)
        return _convert(body[0].nodes[0])
    except TemplateSyntaxError as exc:
        raise FormulaError(f"计算公式写法有误：{exc.message}", HINT) from None
    except RecursionError:
        raise FormulaError("计算公式括号嵌套过深", HINT) from None


def _convert(node) -> Node:
    from jinja2 import nodes

    kind = type(node).__name__
    if isinstance(node, nodes.Const) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return Node("num", node.value)
    if isinstance(node, nodes.Name):
        return Node("name", node.name)
    if kind in _BINARY:
        return Node(_BINARY[kind], None, (_convert(node.left), _convert(node.right)))
    if kind in _UNARY:
        return Node("neg" if kind == "Neg" else "pos", None, (_convert(node.node),))
    what = {"Const": "文字", "Call": "函数", "Filter": "过滤器（|）", "Getattr": "“.”取属性",
            "Getitem": "[ ]", "Compare": "比较", "And": "and", "Or": "or", "CondExpr": "if"}.get(kind, kind)
    raise FormulaError(f"计算公式里不能用{what}", HINT)


def names(tree: Node) -> list[str]:
    """The figure names a formula refers to, in order of first appearance."""
    # An explicit stack, not a recursive closure: a closure that calls itself is a reference cycle,
    # which only the garbage collector frees (see pipeline.check.collector_paused).
    out: list[str] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.op == "name" and node.value not in out:
            out.append(node.value)
        stack.extend(reversed(node.args))
    return out


@functools.lru_cache(maxsize=1024)
def formula_names(formula: str) -> tuple[str, ...]:
    """:func:`names` of a formula's tree, told once per formula (cached like the tree): a render
    asked five times for each formula (its inputs, its digits, its range, the unquoted figures)."""
    return tuple(names(parse(formula)))


def compute(tree: Node, values: dict):
    """The formula's value over ``values`` (name -> number); ZeroDivisionError for a zero divisor."""
    op = tree.op
    if op == "num":
        return tree.value
    if op == "name":
        return values[tree.value]
    if op == "neg":
        return -compute(tree.args[0], values)
    if op == "pos":
        return compute(tree.args[0], values)
    left, right = compute(tree.args[0], values), compute(tree.args[1], values)
    if op == "+":
        return _bounded(left + right)
    if op == "-":
        return _bounded(left - right)
    if op == "*":
        return _bounded(left * right)
    if op == "/":
        return _bounded(left / right)
    if op == "//":
        return _bounded(left // right)
    if op == "%":
        return _bounded(left % right)
    if abs(right) > MAX_POWER:
        raise OverflowError("乘方过大")
    # Estimate before computing: 9 ** 100 ** 100 … would otherwise run for minutes.
    if left and abs(left) != 1 and right > 0 and math.log10(abs(left)) * right > MAX_DIGITS:
        raise OverflowError("计算结果过大")
    return _bounded(left ** right)


MAX_DIGITS = 15  # no statistic of a county report has more digits; Excel keeps 15 significant digits


def _bounded(value):
    """A result a statistic can be: a finite real number of at most MAX_DIGITS digits."""
    if isinstance(value, complex) or (isinstance(value, float) and not math.isfinite(value)):
        raise ValueError("计算结果不是有效的数")
    if abs(value) >= 10 ** MAX_DIGITS:
        raise OverflowError("计算结果过大")
    return value


def _number(value) -> str:
    from lawgov_report.figures.values import format_number

    return format_number(value)


def to_excel(tree: Node, refs: dict[str, str]) -> str:
    """The Excel formula (without "=") for ``tree``, each name replaced by its cell reference.

    Every operation is bracketed, so Excel's precedence rules (where -2^2 is 4) never differ from
    Python's (where -2**2 is -4).
    """
    return _excel(tree, True, refs)


def _excel(node: Node, top: bool, refs: dict[str, str]) -> str:
    """``node`` as Excel formula text; ``top``: not inside another operation (no brackets)."""
    op = node.op
    if op == "num":
        text = _number(node.value)
        return text if top or node.value >= 0 else f"({text})"
    if op == "name":
        return refs[node.value]
    if op == "neg":
        return f"(-{_excel(node.args[0], False, refs)})" if not top else f"-{_excel(node.args[0], False, refs)}"
    if op == "pos":
        return _excel(node.args[0], top, refs)
    left, right = _excel(node.args[0], False, refs), _excel(node.args[1], False, refs)
    if op == "//":
        return f"INT({left}/{right})"
    if op == "%":
        return f"MOD({left},{right})"
    text = f"{left}{'^' if op == '**' else op}{right}"
    return text if top else f"({text})"
