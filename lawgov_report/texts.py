"""Clerk texts as Jinja expressions, rendered in a sandbox with StrictUndefined.

A text such as ``依法受理行政复议案件 {{ 受理案件数 }} 起`` is rendered against the report's
figures. Texts come from other people's machines, so Jinja runs sandboxed; an undefined name is an
error, never an empty string. Most texts are ``literal {{ expr }} literal``: each expression is
compiled once per process and cached, so a batch of reports compiles ``{{ year }}`` once.
"""

from __future__ import annotations

import difflib
import re

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from lawgov_report.figures import FigureValue, format_number

_EXPR = re.compile(r"\{\{(.*?)\}\}", re.S)
_NAME = re.compile(r"[^\W\d]\w*")
_MAX_OUTPUT = 200_000  # characters one text may expand to


class TextError(Exception):
    """A text could not be rendered; ``message`` is for the clerk (Chinese)."""

    def __init__(self, message: str, hint: str = "", message_en: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.message_en = message_en


def _with_unit(value):
    return value.with_unit() if isinstance(value, FigureValue) else str(value)


def _thousands(value):
    number = value.value if isinstance(value, FigureValue) else value
    text = f"{number:,}" if isinstance(number, int) else format_number(number)
    return text + (value.approx if isinstance(value, FigureValue) and value.approx in ("余", "多") else "")


def _chinese(value):
    from lawgov_report.numbering import chinese_numeral
    number = value.value if isinstance(value, FigureValue) else value
    return chinese_numeral(int(number))


def _percent(value, digits: int = 0):
    number = value.value if isinstance(value, FigureValue) else value
    if isinstance(value, FigureValue) and value.unit in ("%", "％"):
        number = number / 100
    return f"{number * 100:.{digits}f}%"


class _Sandbox(SandboxedEnvironment):
    """The sandbox, with a limit on how large a power or repetition may grow."""

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise SecurityError("乘方过大")
        if operator == "*" and isinstance(left, str) and isinstance(right, int) and right > 1000:
            raise SecurityError("字符串重复过多")
        if operator == "*" and isinstance(right, str) and isinstance(left, int) and left > 1000:
            raise SecurityError("字符串重复过多")
        return super().call_binop(context, operator, left, right)


def make_environment() -> SandboxedEnvironment:
    """The sandboxed Jinja environment for clerk texts (no autoescape: the output is plain text)."""
    # The same lexer settings as the template frames (templates.py), so Jinja builds one lexer.
    env = _Sandbox(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)
    env.intercepted_binops = frozenset({"**", "*"})
    env.filters.update({
        "with_unit": _with_unit, "带单位": _with_unit,
        "thousands": _thousands, "千分位": _thousands,
        "chinese": _chinese, "中文数字": _chinese,
        "percent": _percent, "百分比": _percent,
    })
    return env


class TextRenderer:
    """Renders clerk texts; keeps compiled expressions and templates for the whole process."""

    def __init__(self, env: SandboxedEnvironment | None = None):
        self.env = env or make_environment()
        self._expressions: dict = {}
        self._templates: dict = {}

    def render(self, text: str, context: dict) -> str:
        """Render one text; raises :class:`TextError` with a Chinese message."""
        if "{" not in text:
            return text
        try:
            if "{%" in text or "{#" in text:
                out = self._template(text).render(context)
            else:
                out = self._render_expressions(text, context)
        except UndefinedError as exc:
            raise _undefined(exc, context) from None
        except SecurityError as exc:
            raise TextError(f"文字中的表达式不被允许（安全限制）：{exc}",
                            "文字里只能引用数据，如 {{ 受理案件数 }}", f"unsafe expression: {exc}") from None
        except TemplateSyntaxError as exc:
            raise TextError(f"文字中的 {{{{ }}}} 写法有误：{exc.message}",
                            "检查 {{ 和 }} 是否成对，数据名是否写对", f"template syntax: {exc.message}") from None
        except TemplateError as exc:
            raise TextError(f"文字无法生成：{exc}", message_en=str(exc)) from None
        except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
            raise TextError(f"文字中的计算出错：{exc}", message_en=str(exc)) from None
        if len(out) > _MAX_OUTPUT:
            raise TextError("文字展开后过长", message_en="text expands too far")
        return out

    def _template(self, text: str):
        tpl = self._templates.get(text)
        if tpl is None:
            tpl = self._templates[text] = self.env.from_string(text)
        return tpl

    def _render_expressions(self, text: str, context: dict) -> str:
        parts = _EXPR.split(text)
        if "{{" in parts[-1] or "}}" in parts[-1] or any("{{" in p or "}}" in p for p in parts[::2]):
            return self._template(text).render(context)  # unbalanced: let Jinja report it
        out = []
        for i, part in enumerate(parts):
            if i % 2 == 0:
                out.append(part)
                continue
            # Most expressions are a bare name ({{ 受理案件数 }}): look it up without compiling.
            name = part.strip()
            if name in context and _NAME.fullmatch(name):
                out.append(str(context[name]))
                continue
            expr = self._expressions.get(part)
            if expr is None:
                expr = self._expressions[part] = self.env.compile_expression(part, undefined_to_none=False)
            value = expr(**context)
            if hasattr(value, "_undefined_name") or type(value).__name__.endswith("Undefined"):
                str(value)  # raises UndefinedError with the name
            out.append(str(value))
        return "".join(out)


def _undefined(exc: UndefinedError, context: dict) -> TextError:
    m = re.search(r"'([^']+)' is undefined", str(exc))
    if not m:
        return TextError(f"文字中引用了不存在的内容：{exc}", message_en=str(exc))
    name = m.group(1)
    figures = [k for k, v in context.items() if isinstance(v, FigureValue)]
    close = difflib.get_close_matches(name, figures, n=3, cutoff=0.3)
    if close:
        hint = "是不是要写：" + "、".join(close)
    elif figures:
        hint = "可用的数据：" + "、".join(figures[:8]) + ("……" if len(figures) > 8 else "")
    else:
        hint = "先在 figures 下定义这个数据"
    return TextError(f"引用了未定义的数据“{name}”", hint, f"undefined figure {name!r}")
