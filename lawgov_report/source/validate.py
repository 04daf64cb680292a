"""Turning a loaded YAML :class:`~lawgov_report.source.yamlsource.Source` into a :class:`Report`.

Every validation error is collected and located at the key or value it concerns, with a Chinese
message a clerk can act on.
"""

from __future__ import annotations

import difflib

from lawgov_report.source.records import Model as BaseModel, ValidationError

from lawgov_report.errors import Diagnostic, ReportError
from lawgov_report.source.model import Figure, Imprint, Masthead, Paragraph, Report, Section
from lawgov_report.source.yamlsource import Source, format_path

_TYPE_ZH = {
    "finite_number": "应为一个确定的数（不能是 .inf、.nan）",
    "number_too_large": "数值过大（统计数据最多 15 位数字）",
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
    "literal_error": "取值不在允许的范围内",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
}


def _model_at(path: tuple) -> type[BaseModel] | None:
    """Which model class governs the mapping at ``path`` (for did-you-mean on unknown keys).

    Walks the declared field kinds, so every nested record (sections, figures, plan_review …) is
    found without listing them here."""
    from lawgov_report.source.records import Dict_, List_, Optional_

    model: type[BaseModel] | None = Report
    i = 0
    while i < len(path):
        field = model.model_fields.get(path[i]) if model else None
        if field is None:
            return None
        kind = field.kind
        if isinstance(kind, Optional_):
            kind = kind.inner
        if isinstance(kind, (List_, Dict_)):
            kind, i = kind.inner, i + 1  # skip the index or the key
        if not (isinstance(kind, type) and issubclass(kind, BaseModel)):
            return None
        model, i = kind, i + 1
    return model


# Keys a clerk may type in Chinese (besides each field's own title) -> the English key.
_KEY_WORDS = {
    Report: {"年份": "year", "年": "year", "发文单位": "issuer", "机关": "issuer", "单位": "issuer",
             "正文": "sections", "内容": "sections", "章节": "sections", "部分": "sections",
             "统计数据": "figures", "指标": "figures", "日期": "date", "主送": "recipient", "文号": "doc_number",
             "开头语": "preamble", "结束语": "closing", "落款": "signature", "盖章": "seal",
             "签章": "seal"},
    Masthead: {"标志": "mark", "机关标志": "mark", "发文机关": "mark", "签发": "signers", "份数序号": "copy_number",
               "密级": "secrecy", "保密期限": "secrecy", "紧急": "urgency"},
    Imprint: {"抄送": "cc", "印发": "printed_by", "印发单位": "printed_by", "日期": "printed_on"},
    Section: {"小标题": "sections", "下级": "sections", "子标题": "sections", "编号": "numbering",
              "内容": "paragraphs", "正文": "paragraphs", "接正文": "run_in"},
    Paragraph: {"文字": "text", "内容": "text", "正文": "text", "要点": "points", "列举": "points"},
    Figure: {"名称": "label", "指标": "label", "数值": "value", "数量": "value", "值": "value", "数": "value",
             "约数": "approx", "分类": "category", "上年": "previous", "公式": "formula"},
}


def _did_you_mean(model, key: str) -> tuple[str, str]:
    """(hint, the key meant) for an unknown key: a misspelling or a Chinese word for a field."""
    fields = list(model.model_fields) if model else []
    if not fields:
        return "", ""
    words = {field.title: name for name, field in model.model_fields.items() if field.title}
    words.update(_KEY_WORDS.get(model, {}))
    plain = key.strip().strip("：:")
    if plain in words:
        return f"键名要用英文：把“{key}”改成“{words[plain]}”", words[plain]
    close = difflib.get_close_matches(plain.lower(), fields, n=1, cutoff=0.5)
    if close:
        return f"是不是要写“{close[0]}”？", close[0]
    return "可用的键：" + "、".join(fields), ""


def _message(error: dict, path: tuple) -> tuple[str, str, bool]:
    """(message, hint, at_key) for one validation error (see lawgov_report.source.records)."""
    kind = error["type"]
    key = path[-1] if path else ""
    if kind == "missing":
        model = _model_at(path[:-1])
        field = model.model_fields.get(key) if model else None
        title = f"（{field.title}）" if field is not None and field.title else ""
        example = f"，{field.description}" if field is not None and field.description else ""
        where = f"在 {format_path(path[:-1])} 下" if len(path) > 1 else "在文件里"
        return f"缺少必填项“{key}”{title}", f"{where}加一行“{key}: ……”{example}", False
    if kind == "extra_forbidden":
        hint, _ = _did_you_mean(_model_at(path[:-1]), str(key))
        return f"未知的键“{key}”", hint, True
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        first = expected.split()[0] if expected else ""
        return (f"只能是以下之一：{expected}", f"从中选一个照抄，加上引号，如 {key}: \"{first}\"" if first else "",
                False)
    if kind in ("greater_than_equal", "less_than_equal") and key == "year":
        return "年度应是四位阿拉伯数字，如 2020", "写报告所说的年份，如 year: 2020", False
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        hint = "删除 value 或 formula 其中一行" if "公式" in message else ""
        return message, hint, False
    zh = _TYPE_ZH.get(kind)
    if zh is None:
        zh = f"取值不正确（{error['msg']}）"
    value = error.get("input")
    if isinstance(value, str) and kind.startswith(("int", "float")):
        zh += f"，而这里写的是“{value if len(value) <= 30 else value[:30] + '……'}”"
    return zh, _TYPE_HINT.get(kind, ""), False


_TYPE_HINT = {
    "too_short": "至少写一项，每项另起一行，以“- ”开头",
    "list_type": "写成多行，每项另起一行，比上一行多缩进两格，以“- ”开头",
    "bool_type": "写 true（是）或 false（否）",
    "string_type": "如果这里本来就是文字，给它加上引号",
    "model_type": "在下一行多缩进两格，写“键: 值”",
    "dict_type": "在下一行多缩进两格，写“键: 值”",
    "int_parsing": "只写阿拉伯数字，如 2020",
    "float_parsing": "只写阿拉伯数字；单位写在 unit 里，约数（余、多）写在 approx 里",
}


def validate(source: Source) -> Report:
    """Validate loaded data as a Report; raises :class:`ReportError` with every problem located."""
    diagnostics: list[Diagnostic] = []
    if not isinstance(source.data, dict):
        raise ReportError.single(source.file, "报告文件的最外层应是键值对（如 year: 2020）", 1, 1,
                                 message_en="top level must be a mapping")
    try:
        report = Report.model_validate(source.data)
    except ValidationError as exc:
        from lawgov_report.source.rawscalars import explain

        for error in exc.errors():
            path = tuple(error["loc"])
            message, hint, at_key = _message(error, path)
            message_en = error["msg"]
            better = explain(source, path, error)
            if better:
                message, hint, message_en = better
                if error["type"].startswith(("int", "float")):  # say what is expected, then why
                    message = ("应为整数：" if error["type"].startswith("int") else "应为数字：") + message
            line, col = source.locate(path, key=at_key or error["type"] == "missing")
            diagnostics.append(Diagnostic(source.file, line, col, "error", format_path(path), message, hint,
                                          message_en))
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
