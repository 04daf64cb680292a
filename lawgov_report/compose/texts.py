"""Clerk texts as Jinja expressions, rendered in a sandbox with StrictUndefined.

A text such as ``依法受理行政复议案件 {{ 受理案件数 }} 起`` is rendered against the report's
figures. Texts come from other people's machines, so Jinja runs sandboxed; an undefined name is an
error, never an empty string. Most texts are ``literal {{ expr }} literal``: each expression is
compiled once per process and cached, so a batch of reports compiles ``{{ year }}`` once.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import ChainMap

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.runtime import new_context
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from lawgov_report.compose.sandbox import BoundedWork, printable
from lawgov_report.figures.values import (PERCENT_UNITS, FigureValue, chinese_number,
                                   format_number, round_half_up)

_EXPR = re.compile(r"\{\{(.*?)\}\}", re.S)
_NAME = re.compile(r"[^\W\d]\w*")
_BARE_EXPR = re.compile(r"\{\{\s*([^\W\d]\w*)\s*\}\}")  # {{ name }}: _EXPR's match of a bare _NAME
_MAX_OUTPUT = 200_000  # characters one text may expand to
# Compiled texts and expressions kept per process (least recently used dropped first): enough for a
# template's own texts and a county's shared phrasings, bounded when every unit's texts are its own.
CACHE_SIZE = 2048


class TextError(Exception):
    """A text could not be rendered; ``message`` is for the clerk (Chinese)."""

    def __init__(self, message: str, hint: str = "", message_en: str = "", needle: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.message_en = message_en
        self.needle = needle  # the name in the text the mistake is about, to point at it


def _number(value):
    """The number inside a filter's argument (a figure or a plain number)."""
    number = value.value if isinstance(value, FigureValue) else value
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        raise TypeError(f"“{value}”不是数字")
    return number


def _fixed(number, digits: int) -> str:
    """``number`` with ``digits`` decimals (half away from zero, as spreadsheets round)."""
    return f"{round_half_up(number, digits):f}"


def _with_unit(value):
    """{{ 复议咨询人次 | with_unit }} -> 320余人次; {{ 企业满意度 | 带单位 }} -> 98%以上."""
    return value.with_unit() if isinstance(value, FigureValue) else format_number(_number(value))


def _thousands(value):
    """{{ 普法材料份数 | thousands }} -> 58,000余 (grouped by thousands, with the figure's 余)."""
    number = _number(value)
    if isinstance(value, FigureValue):
        text = f"{round_half_up(number, value.digits):,f}"  # its decimals, as the table shows it
        return value.marked(text)
    return f"{number:,}" if isinstance(number, int) else f"{round_half_up(number, 6):,f}".rstrip("0").rstrip(".")


def _chinese(value):
    """{{ 督查组数 | chinese }} -> 四; 13000 -> 一万三千; with the figure's 余: 四十余."""
    number = _number(value)
    if isinstance(value, FigureValue):
        number = float(round_half_up(number, value.digits)) if isinstance(number, float) else number
        return value.marked(chinese_number(number))
    return chinese_number(number)


def _percent(value, digits: int | None = None):
    """{{ 备案率 | percent }} -> 100% (a figure in %); {{ 0.985 | percent(1) }} -> 98.5%.

    A figure whose unit is not % is taken as a ratio and multiplied by 100; ``digits`` fixes the
    decimals (by default a figure keeps its own, as the table shows it; a plain number none).
    """
    number = _number(value)
    if isinstance(value, FigureValue):
        own = value.digits
        if value.unit not in PERCENT_UNITS:
            number, own = number * 100, max(0, own - 2)  # a ratio's 3 decimals are a percentage's 1
        text = _fixed(number, own if digits is None else digits)
        after = value.approx if value.approx and value.marked("") == "" else ""  # 98%以上
        return f"{value.marked(text)}%{after}"
    return _fixed(number * 100, 0 if digits is None else digits) + "%"


# What a clerk text may use: figures and their fields, arithmetic, comparisons, {% if %}, and these
# filters. Anything else (str methods, format widths, lipsum, loops) could reach what it should not
# or make one short text expand to gigabytes or run for hours, so it is refused.
_FIGURE_FIELDS = frozenset({"name", "label", "value", "unit", "approx", "previous", "previous_approx", "category",
                            "note", "digits", "kind", "with_unit"})
_SAFE_FILTERS = frozenset({"abs", "default", "d", "first", "last", "float", "int", "join", "length", "count",
                           "list", "lower", "upper", "max", "min", "round", "string", "sum", "trim", "unique",
                           "sort", "reverse", "map", "select", "reject", "selectattr", "rejectattr"})


class _Sandbox(BoundedWork, SandboxedEnvironment):
    """The sandbox, narrowed to what a clerk text needs, with limits on how large a value may grow."""

    def is_safe_attribute(self, obj, attr, value):
        return isinstance(obj, FigureValue) and attr in _FIGURE_FIELDS

    def wrap_str_format(self, value):
        return None  # str.format is refused like every other str method ("{:>999999999}" is 1 GB)

    def call_binop(self, context, operator, left, right):
        self.check_binop(operator, left, right)
        if operator == "%" and isinstance(left, str):
            raise SecurityError("文字不能用 % 格式化")
        return super().call_binop(context, operator, left, right)


def check_statements(ast) -> None:
    """Refuse the statements a clerk text has no use for: loops, macros, assignments, includes.

    A {% for %} inside a {% for %} runs for hours however short the text; {% if %} is kept."""
    from jinja2 import nodes

    banned = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.Assign, nodes.AssignBlock,
              nodes.With, nodes.Block, nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
    for node in ast.find_all(banned):
        name = {"Assign": "set", "AssignBlock": "set", "CallBlock": "call", "FilterBlock": "filter",
                "FromImport": "from"}.get(type(node).__name__, type(node).__name__.lower())
        raise TextError(f"文字里不能使用 {{% {name} %}}（只能用 {{{{ 数据名 }}}} 和 {{% if %}}）",
                        "把循环或赋值去掉，直接写出文字和 {{ 数据名 }}", f"statement {name!r} not allowed in a text")


def make_environment() -> SandboxedEnvironment:
    """The sandboxed Jinja environment for clerk texts (no autoescape: the output is plain text)."""
    # The same lexer settings as the template frames (templates.py), so Jinja builds one lexer.
    env = _Sandbox(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
                   finalize=printable)
    env.intercepted_binops = frozenset({"**", "*", "%", "+"})
    env.filters = {name: env.bounded_filter(f) for name, f in env.filters.items() if name in _SAFE_FILTERS}
    env.globals = {"range": env.bounded_range}  # no lipsum, cycler, joiner, namespace, dict
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
        self._expression = functools.lru_cache(maxsize=CACHE_SIZE)(self._compile_expression)
        self._template = functools.lru_cache(maxsize=CACHE_SIZE)(self._compile_template)
        self.quoted_names = functools.lru_cache(maxsize=CACHE_SIZE)(self._quoted_names)
        self._bare_name = functools.lru_cache(maxsize=CACHE_SIZE)(_bare_name)

    def render(self, text: str, context: dict) -> str:
        """Render one text; raises :class:`TextError` with a Chinese message."""
        if "{" not in text:
            return text
        if hasattr(self.env, "start"):
            self.env.start()
        try:
            if "{%" in text or "{#" in text:
                out = self._run(self._template(text), context)
            else:
                out = self._render_expressions(text, context)
        except UndefinedError as exc:
            raise _undefined(exc, context) from None
        except SecurityError as exc:
            raise TextError(f"文字中的表达式不被允许（安全限制）：{_security_zh(exc)}",
                            "文字里只能引用数据，如 {{ 受理案件数 }}、{{ 受理案件数.unit }}",
                            f"unsafe expression: {exc}") from None
        except (RecursionError, SyntaxError, MemoryError):
            # Jinja compiles a text to Python: 500 nested brackets or 200 nested {% if %} exceed
            # what the parser or the compiler accept.
            raise TextError("文字中的表达式嵌套太深", "检查括号是否成对，减少嵌套", "expression nested too deeply") from None
        except TemplateSyntaxError as exc:
            raise unknown_name(exc.message, self.env) or TextError(
                "文字中的 {{ }} 写法有误" + _detail_zh(exc.message), "检查 {{ 和 }} 是否成对，数据名是否写对",
                f"template syntax: {exc.message}") from None
        except TemplateError as exc:
            raise TextError("文字无法生成" + _detail_zh(str(exc)), "文字里只能引用数据并做简单计算",
                            message_en=str(exc)) from None
        except NameError:
            # Jinja folds a constant such as 1e999 or 'inf'|float into the compiled code as ``inf``.
            raise TextError("文字中的数超出范围（无穷大）", "写一个实际的数，或引用数据", "number out of range") from None
        except ZeroDivisionError:
            raise TextError("文字中的计算出错：除数为零", "检查作为分母的数据是否为 0", "division by zero") from None
        except (TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as exc:
            raise TextError("文字中的计算出错" + _detail_zh(str(exc)), "文字里的计算只能用数字和数据",
                            message_en=str(exc)) from None
        if len(out) > _MAX_OUTPUT:
            raise TextError("文字展开后过长", message_en="text expands too far")
        return out

    def _quoted_names(self, text: str) -> frozenset[str]:
        """The names a text refers to (figures, year, issuer); cached per text (``quoted_names``)."""
        parts = _EXPR.split(text)[1::2]
        if "{%" not in text and "{#" not in text and all(_NAME.fullmatch(p.strip()) for p in parts):
            names = frozenset(p.strip() for p in parts)  # bare names: no need to parse
        else:
            from lawgov_report.figures.quoting import quoted_in

            try:
                names = frozenset(quoted_in(self.env.parse(text)))
            except (TemplateSyntaxError, RecursionError, SyntaxError, MemoryError):
                names = frozenset()  # reported when the text is rendered
        return names

    def pieces(self, text: str, context: dict, out: str) -> tuple | None:
        """``out`` (the rendered ``text``) split into literal pieces and what each ``{{ expr }}``
        printed: ``((piece, None), (piece, "expr"), ...)``; None for a text with ``{% %}``."""
        if "{" not in text:
            return ((out, None),)
        if "{%" in text or "{#" in text:
            return None
        pieces = []
        try:
            for i, part in enumerate(_EXPR.split(text)):
                if i % 2 == 0:
                    if part:
                        pieces.append((part, None))
                else:
                    pieces.append((self.render("{{" + part + "}}", context), part.strip()))
        except TextError:
            return None
        return tuple(pieces) if "".join(p for p, _ in pieces) == out else None

    def _compile_template(self, text: str):
        ast = self.env.parse(text)
        check_statements(ast)
        return self.env.from_string(ast)

    def _compile_expression(self, part: str):
        return self.env.compile_expression(part, undefined_to_none=False)

    def _scope(self, context: dict):
        # Jinja's render(context) copies the context, every figure of the report, for each call;
        # a chained view over it and the globals costs nothing (a 2,000-figure report made 1,500
        # such copies).
        return ChainMap(context, self.env.globals)

    def _new_context(self, template, context: dict):
        """``template.new_context(scope, shared=True)``, without the set of the globals' names it
        makes each time (walking a ChainMap in Python), which only a template imported as a module
        reads: a text is never one."""
        return new_context(self.env, template.name, template.blocks, self._scope(context), True)

    def _run(self, template, context: dict) -> str:
        """``template.render(context)``, without copying the context."""
        return "".join(template.root_render_func(self._new_context(template, context)))

    def _evaluate(self, expression, context: dict):
        """``expression(**context)``, without copying the context."""
        template = getattr(expression, "_template", None)
        if template is None:  # pragma: no cover - a Jinja without TemplateExpression._template
            return expression(**context)
        scope = self._new_context(template, context)
        for _ in template.root_render_func(scope):
            pass
        return scope.vars["result"]

    def render_names(self, text: str, context: dict) -> tuple[str, list[str]] | None:
        """A text whose every brace is in a ``{{ name }}`` of a name in ``context``, rendered, and
        the names it quotes (what :meth:`quoted_names` gives it); None for any other text, which
        :meth:`render` renders (and for one it would refuse as too long, which it tells).

        Most texts quote figures by name only (2,300 names in a 50x report's texts): one split finds
        what _EXPR's would, and the names are looked up in one pass."""
        parts = _BARE_EXPR.split(text)
        literals = "\0".join(parts[::2])
        if "{" in literals or "}" in literals:
            return None
        names = parts[1::2]
        try:
            parts[1::2] = [str(context[name]) for name in names]
        except KeyError:
            return None  # a name that is no figure: render() tells it, as any other expression
        out = "".join(parts)
        return (out, names) if len(out) <= _MAX_OUTPUT else None

    def _render_expressions(self, text: str, context: dict) -> str:
        bare = self.render_names(text, context)
        if bare is not None:
            return bare[0]
        parts = _EXPR.split(text)
        literals = "\0".join(parts[::2])  # one scan for a stray {{ or }} (the separator joins none)
        if "{{" in literals or "}}" in literals:
            return self._run(self._template(text), context)  # unbalanced: let Jinja report it
        for i in range(1, len(parts), 2):  # the expressions, between the literal parts; each replaced in place
            part = parts[i]
            # Most expressions are a bare name ({{ 受理案件数 }}): look it up without compiling.
            name = self._bare_name(part)
            if name is not None and name in context:
                parts[i] = str(context[name])
                continue
            value = self._evaluate(self._expression(part), context)
            if hasattr(value, "_undefined_name") or type(value).__name__.endswith("Undefined"):
                str(value)  # raises UndefinedError with the name
            parts[i] = str(printable(value))
        return "".join(parts)


def _bare_name(part: str) -> str | None:
    """The name an expression is, when it is a bare name (`` 受理案件数 ``); else None. Told once per
    expression (cached like a compiled one): the test took a tenth of rendering a 50x report's texts."""
    name = part.strip()
    return name if _NAME.fullmatch(name) else None


def _security_zh(exc: SecurityError) -> str:
    m = re.search(r"access to attribute '([^']+)' of '([^']+)' object is unsafe", str(exc))
    return f"不能使用“.{m[1]}”" if m else str(exc)


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
    return TextError(f"引用了未定义的数据“{name}”", hint, f"undefined figure {name!r}", needle=name)


_UNKNOWN_NAME = re.compile(r"No (filter|test) named '([^']*)'")


def unknown_name(message: str | None, env) -> TextError | None:
    """The clerk's error for a filter or test that does not exist (|ith_unit), naming it and the
    ones it may mean; None when Jinja's ``message`` is about something else."""
    found = _UNKNOWN_NAME.search(message or "")
    if not found:
        return None
    kind, name = found.groups()
    known = sorted(env.filters if kind == "filter" else env.tests)
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    spell = "|{}" if kind == "filter" else "is {}"
    return TextError(f"文字中用了不存在的写法“{spell.format(name)}”",
                     ("是不是要写：" + "、".join(spell.format(c) for c in close)) if close
                     else "可用的如 |with_unit（带单位）、|chinese（中文数字）、|thousands（千分位）",
                     f"no {kind} named {name!r}", needle=name)


def _detail_zh(detail: str) -> str:
    """Jinja's or Python's own words, shown only where they are Chinese already (ours); the English
    original stays in message_en for maintainers (check --lang en)."""
    return f"：{detail}" if any("\u4e00" <= ch <= "\u9fff" for ch in detail) else ""
