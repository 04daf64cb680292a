"""Turning a loaded YAML :class:`~lawgov_report.yamlsource.Source` into a :class:`Report`.

Every validation error is collected and located at the key or value it concerns, with a Chinese
message a clerk can act on.
"""

from __future__ import annotations

import difflib

from lawgov_report.records import Model as BaseModel, ValidationError

from lawgov_report.errors import Diagnostic, ReportError
from lawgov_report.model import Figure, Paragraph, Report, Section
from lawgov_report.yamlsource import Source, format_path

_TYPE_ZH = {
    "string_type": "应为文字",
    "int_type": "应为整数（阿拉伯数字，如 2020）",
    "int_parsing": "应为整数（阿拉伯数字，如 2020）",
    "int_from_float": "应为整数，不能有小数",
    "float_type": "应为数字",
    "float_parsing": "应为数字（不要带单位或中文）",
    "list_type": "应为列表（每项单独一行，以“- ”开头）",
    "dict_type": "应为键值对（下一行缩进后写“键: 值”）",
    "model_type": "应为键值对（下一行缩进后写“键: 值”）",
    "model_attributes_type": "应为键值对（下一行缩进后写“键: 值”）",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "日期格式应为 2021-03-05 或 2021年3月5日",
    "date_parsing": "日期格式应为 2021-03-05 或 2021年3月5日",
    "date_from_datetime_parsing": "日期格式应为 2021-03-05 或 2021年3月5日",
    "date_from_datetime_inexact": "日期只写年月日",
    "too_short": "不能为空",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
}


def _model_at(path: tuple) -> type[BaseModel] | None:
    """Which model class governs the mapping at ``path`` (for did-you-mean on unknown keys)."""
    model: type[BaseModel] | None = Report
    i = 0
    while i < len(path):
        part = path[i]
        if model is Report and part == "figures":
            model, i = Figure, i + 2
            continue
        if model in (Report, Section) and part == "sections":
            model, i = Section, i + 2
            continue
        if model is Section and part == "paragraphs":
            model, i = Paragraph, i + 2
            continue
        return None
    return model


def _message(error: dict, path: tuple) -> tuple[str, str, bool]:
    """(message, hint, at_key) for one validation error (see lawgov_report.records)."""
    kind = error["type"]
    key = path[-1] if path else ""
    if kind == "missing":
        return f"缺少必填项“{key}”", "", False
    if kind == "extra_forbidden":
        model = _model_at(path[:-1])
        fields = list(model.model_fields) if model else []
        close = difflib.get_close_matches(str(key), fields, n=1, cutoff=0.5)
        hint = f"是不是要写“{close[0]}”？" if close else ("可用的键：" + "、".join(fields) if fields else "")
        return f"未知的键“{key}”", hint, True
    if kind == "literal_error":
        return f"只能是以下之一：{error.get('ctx', {}).get('expected', '')}", "", False
    if kind in ("greater_than_equal", "less_than_equal") and key == "year":
        return "年度应是四位阿拉伯数字，如 2020", "", False
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"])), "", False
    zh = _TYPE_ZH.get(kind)
    if zh is None:
        zh = f"取值不正确（{error['msg']}）"
    value = error.get("input")
    if isinstance(value, str) and kind.startswith(("int", "float")):
        zh += f"，而这里写的是“{value}”"
    return zh, "", False


def validate(source: Source) -> Report:
    """Validate loaded data as a Report; raises :class:`ReportError` with every problem located."""
    diagnostics: list[Diagnostic] = []
    if not isinstance(source.data, dict):
        raise ReportError.single(source.file, "报告文件的最外层应是键值对（如 year: 2020）", 1, 1,
                                 message_en="top level must be a mapping")
    try:
        report = Report.model_validate(source.data)
    except ValidationError as exc:
        for error in exc.errors():
            path = tuple(error["loc"])
            message, hint, at_key = _message(error, path)
            line, col = source.locate(path, key=at_key or error["type"] == "missing")
            diagnostics.append(Diagnostic(source.file, line, col, "error", format_path(path), message, hint,
                                          error["msg"]))
        raise ReportError(_merge_misspelt(diagnostics)) from None
    return report


def _merge_misspelt(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A misspelt key also makes the real key "missing": say it once, at the misspelt key."""
    unknown = [d for d in diagnostics if d.message.startswith("未知的键")]
    out = []
    for diag in diagnostics:
        if diag.message.startswith("缺少必填项"):
            key = diag.path.rsplit(".", 1)[-1]
            parent = diag.path.rsplit(".", 1)[0] if "." in diag.path else ""
            if any(u.hint and f"“{key}”" in u.hint and u.path.rsplit(".", 1)[0] == parent
                   if "." in u.path else u.hint and f"“{key}”" in u.hint and not parent for u in unknown):
                continue
        out.append(diag)
    return out
