"""Turning a loaded YAML :class:`~lawgov_report.source.yamlsource.Source` into a :class:`Report`.

Every validation error is collected and located at the key or value it concerns, with a Chinese
message a clerk can act on.
"""

from __future__ import annotations

import difflib
import re

from lawgov_report.source.records import Model as BaseModel, ValidationError

from lawgov_report.errors import Diagnostic, ReportError
from lawgov_report.source.model import Figure, Imprint, Masthead, Paragraph, Report, Section
from lawgov_report.source.rawscalars import CONTROL_CHARS, SUSPECT, text_may_hold
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
             "约数": "approx", "分类": "category", "上年": "previous", "公式": "formula",
             "上年约数": "previous_approx", "增长": "growth", "同比": "growth"},
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
    diagnostics.extend(content_problems(source))
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
    if diagnostics:
        raise ReportError(diagnostics)
    return report


# Names a text already gives a meaning (the report's own year and issuer, the figures table) and the
# words of Jinja's expression language: a figure of that name would be shadowed or could not be quoted.
RESERVED_NAMES = frozenset({"year", "issuer", "figures", "and", "or", "not", "in", "is", "if", "else", "true",
                            "false", "none", "True", "False", "None", "loop", "range"})
_CONTROL = re.compile(f"[{CONTROL_CHARS}]")
_FULL_WIDTH_BRACES = re.compile(r"｛\s*[｛{]|[{｛]\s*｛|｝\s*[｝}]|[}｝]\s*｝")
# (rawscalars.SUSPECT: a character either of the two above needs; a text without one has neither problem)


def content_problems(source: Source) -> list[Diagnostic]:
    """What the model's types accept but would print wrongly: an empty 发文机关 or paragraph, a figure
    named ``year`` (it would replace the report's own) or one no text can quote,
    ``｛｛ 名称 ｝｝`` typed with full-width braces, control characters written as YAML escapes."""
    data, out = source.data, []
    if not isinstance(data, dict):
        return out
    issuer = data.get("issuer")
    if isinstance(issuer, str) and not issuer.strip():
        out.append(source.diagnostic(("issuer",), "发文机关不能为空", hint="写全称，如 issuer: 鲁山县人民政府",
                                     message_en="issuer is empty"))
    for key in ("preamble", "closing", "title"):
        items = data.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, str) and not item.strip():
                out.append(source.diagnostic((key, i), "这一项是空的", hint="填写内容，或删除这一行",
                                             message_en=f"empty {key} item"))
    figures = data.get("figures")
    names = list(map(str, figures)) if isinstance(figures, dict) else []
    # Most reports name every figure well: two tests over all the names, in C, spare a test of each
    # name in a Python loop (1,950 names at 50x the seed: 0.3 -> 0.05 ms).
    if not (RESERVED_NAMES.isdisjoint(names) and all(map(str.isidentifier, names))):
        for name in names:
            if name in RESERVED_NAMES or not name.isidentifier():  # (most names: no call to find nothing)
                out.extend(_figure_name_problems(source, name))
    # Every text in the data is the value of one of the file's scalars: one search over them all
    # spares the walk through the data when none has a suspect (2.7 -> 1.1 ms at 50x the seed).
    if text_may_hold(source)[1] and SUSPECT.search(source.scalar_texts):  # (the first: see text_may_hold)
        _text_problems(source, data, (), out)
    return out


def _text_problems(source: Source, value, path: tuple, out: list) -> None:
    """Control characters and full-width braces in every text under ``value``, in file order.

    A text is looked at closely only if one character class finds a suspect in it; the path of a
    text is made only for a finding. (Walking every text through nested generators, two regex
    searches each, cost a 50x report 12 ms.)"""
    for key, item in value.items() if isinstance(value, dict) else enumerate(value):
        if isinstance(item, str):
            if SUSPECT.search(item):
                out.extend(_text_problem(source, path + (key,), item))
        elif isinstance(item, (dict, list)):
            _text_problems(source, item, path + (key,), out)


def _text_problem(source: Source, path: tuple, text: str) -> list[Diagnostic]:
    bad = _CONTROL.search(text)
    if bad:
        return [source.diagnostic(path, f"含有不可见的控制字符（U+{ord(bad.group()):04X}），可能来自 YAML 的转义写法",
                                  hint="删除引号里的 \\a、\\x07、\\u202E 之类的转义", message_en="control character")]
    if _FULL_WIDTH_BRACES.search(text):
        return [source.diagnostic(path, "引用数据的大括号是全角的“｛｛ ｝｝”，不会被替换成数值",
                                  hint="改成半角：{{ 数据名 }}", message_en="full-width braces")]
    return []


def _figure_name_problems(source: Source, name: str) -> list[Diagnostic]:
    if name in RESERVED_NAMES:
        return [source.diagnostic(("figures", name), f"数据名“{name}”是保留字，会和报告的同名项混淆",
                                  hint=f"换一个名称，如“{name}_数”或中文名称", key=True, message_en="reserved figure name")]
    if not name.isidentifier():  # what Jinja reads as one name in {{ 名称 }}
        suggestion = re.sub(r"\W", "_", name)
        suggestion = "_" + suggestion if suggestion[:1].isdigit() else suggestion
        return [source.diagnostic(("figures", name), f"数据名“{name}”无法在文字中引用（只能由汉字、字母、数字、下划线组成，"
                                  "且不以数字开头）", hint=f"改为“{suggestion}”", key=True,
                                  message_en="figure name cannot be quoted")]
    return []


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
