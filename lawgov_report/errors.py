"""Diagnostics: located findings (错误/警告) about a clerk's file, and the error that carries them.

The library never prints; it raises :class:`ReportError` (or returns diagnostics) and the CLI
chooses how to show them and which exit code to use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

_SEVERITY_ZH = {ERROR: "错误", WARNING: "警告"}


@dataclass(frozen=True, order=True, init=False)
class Diagnostic:
    """One finding at a place in a file: ``file:line:col: 错误 path: message``."""

    file: str
    line: int  # 1-based; 0 when the whole file is meant
    col: int  # 1-based; 0 when unknown
    severity: str = ERROR
    path: str = ""
    message: str = ""
    hint: str = field(default="", compare=False)
    message_en: str = field(default="", compare=False)
    hint_en: str = field(default="", compare=False)

    def __init__(self, file: str, line: int, col: int, severity: str = ERROR, path: str = "", message: str = "",
                 hint: str = "", message_en: str = "", hint_en: str = ""):
        # The fields in one update of the instance's dictionary: the generated __init__ of a frozen
        # dataclass calls object.__setattr__ for each of the nine, twice the cost (a 50x report
        # makes 350 diagnostics in lint alone).
        self.__dict__.update(file=file, line=line, col=col, severity=severity, path=path, message=message,
                             hint=hint, message_en=message_en, hint_en=hint_en)

    def format(self, lang: str = "zh") -> str:
        """The one-line form shown to a clerk (or, with ``lang='en'``, to a maintainer)."""
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        sev = _SEVERITY_ZH[self.severity] if lang == "zh" else self.severity
        msg = self.message_en if (lang == "en" and self.message_en) else self.message
        path = f" {self.path}:" if self.path else ""
        text = f"{where}: {sev}{path} {msg}"
        if self.hint:
            text += f"\n    提示：{self.hint}" if lang == "zh" else f"\n    hint: {self.hint_en or self.hint}"
        return text

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "path": self.path,
            "message": self.message,
            "hint": self.hint,
            "message_en": self.message_en,
        }


class ReportError(Exception):
    """A clerk's or template author's mistake, with every diagnostic found so far."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    @classmethod
    def single(cls, file: str, message: str, line: int = 0, col: int = 0, path: str = "",
               hint: str = "", message_en: str = "") -> "ReportError":
        return cls([Diagnostic(file, line, col, ERROR, path, message, hint, message_en)])


def summary(diagnostics: list[Diagnostic], lang: str = "zh") -> str:
    """The closing line: 发现 2 个错误、3 个警告."""
    errors = sum(d.severity == ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if lang == "en":
        return f"{errors} error(s), {warnings} warning(s)" if diagnostics else "no problems found"
    if not diagnostics:
        return "未发现问题"
    return f"发现 {errors} 个错误、{warnings} 个警告"
