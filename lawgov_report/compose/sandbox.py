"""Bounds on the work of sandboxed Jinja: what one clerk text or one document frame may compute.

The sandbox stops a text or a template from reaching what it should not; it does not stop one short
expression from running for minutes or filling memory (``([range(100000)] * 10000)|map('sum')``,
``['a' * 100000] * 100000``, a {% for %} inside a {% for %}). Here every repetition, concatenation,
``range``, filter and call spends from one budget per rendering, and values a report cannot print
(infinity, complex numbers, undefined parts) are refused.
"""

from __future__ import annotations

import functools
import math

from jinja2.runtime import Macro
from jinja2.sandbox import SecurityError

from lawgov_report.figures.values import FigureValue

_MAX_SIZE = 100_000  # items or characters one operation may produce
_MAX_POWER_BITS = 4096
_MAX_WORK = 1_000_000  # items, characters and iterations all operations of one text may cost together


class UnprintableValue(ValueError):
    """A text computed something a report cannot print (infinity, a complex number, an undefined part)."""


def weight(value, limit: int = _MAX_WORK + 1) -> int:
    """How many items and characters ``value`` holds, nested ones included, counted up to ``limit``.

    ``[range(100000)] * 10000`` is 10,000 items long but 1,000,000,000 heavy: what ``sum`` or ``map``
    would walk through, or ``str`` would print, is the weight, not the length."""
    if isinstance(value, (str, bytes, range)):
        return len(value)
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, (list, tuple, set, frozenset)):
        return 1
    total = len(value)
    for item in value:
        if total > limit:
            break
        total += weight(item, limit - total) if isinstance(item, (str, bytes, range, list, tuple, dict, set,
                                                                     frozenset)) else 0
    return total


class BoundedWork:
    """Bounds on the work one rendering may do, for a sandbox to mix in: repetition, concatenation,
    ``range`` and the filters that walk a sequence each spend from one budget, reset per rendering
    (``start``); past it the rendering stops with a :class:`SecurityError`."""

    work_limit = _MAX_WORK
    work = 0

    def start(self) -> None:
        self.work = 0

    def spend(self, amount: int) -> None:
        self.work += amount
        if self.work > self.work_limit:
            raise SecurityError("计算量过大（重复、循环或数据太多）")

    def bounded_range(self, *args):
        from jinja2.sandbox import safe_range

        rng = safe_range(*args)
        self.spend(len(rng))
        return rng

    def bounded_filter(self, func):
        """``func`` that first spends the weight of the value it walks through."""
        passes = getattr(func, "jinja_pass_arg", None)

        @functools.wraps(func)
        def bounded(*args, **kwargs):
            value = args[1] if passes is not None and len(args) > 1 else args[0] if args else None
            self.spend(weight(value, self.work_limit - self.work + 1))
            return self._spend_result(func(*args, **kwargs))

        return bounded

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        """A call from a text or frame: no argument that asks for a huge result (``'a'.center(10**9)``),
        and what it returns is paid for."""
        for arg in (*args, *kwargs.values()):
            if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > _MAX_SIZE:
                raise SecurityError("参数过大")
        if type(__obj) is Macro:
            # The template's own macro (a frame's recursive section): safe to call, and called as
            # Context.call would, without the checks meant for Python callables (1,200 a 50x report).
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            try:
                result = __obj(__context.eval_ctx, *args, **kwargs)  # a macro takes the eval context first
            except StopIteration:
                return __context.environment.undefined("value was undefined because a callable raised a"
                                                       " StopIteration exception")
            return __self._spend_result(result)
        return __self._spend_result(super().call(__context, __obj, *args, **kwargs))

    def _spend_result(self, result):
        if isinstance(result, (str, list, tuple, dict)):
            self.spend(weight(result, self.work_limit - self.work + 1))
        return result

    def check_binop(self, operator, left, right) -> None:
        if operator == "**":
            base = left.value if isinstance(left, FigureValue) else left
            if (isinstance(right, (int, float)) and abs(right) > 100) or (
                    isinstance(base, int) and isinstance(right, int)
                    and base.bit_length() * abs(right) > _MAX_POWER_BITS):
                raise SecurityError("乘方结果过大")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and not isinstance(times, bool):
                    if len(seq) * times > _MAX_SIZE:
                        raise SecurityError("重复次数过多，结果过长")
                    self.spend(weight(seq, self.work_limit) * max(times, 0))
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            self.spend(len(left) + len(right))


def printable(value):
    """``value`` as a text may print it: refuses infinity, NaN, complex numbers and undefined parts,
    which would otherwise print as inf, (1+2j) or [Undefined]."""
    if isinstance(value, float) and not math.isfinite(value):
        raise UnprintableValue("计算结果不是一个确定的数（无穷大或无效的数），检查是否除以了很小的数或数太大")
    if isinstance(value, complex):
        raise UnprintableValue("计算结果是复数（负数开方），不能写进报告")
    if isinstance(value, (list, tuple)):
        for item in value[:1000]:
            if type(item).__name__.endswith("Undefined"):
                str(item)  # raises UndefinedError with the name
            printable(item)
    return value
