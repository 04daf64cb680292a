"""The JSON Schema of a report file, in Chinese, for editors (VS Code's YAML extension and the like).

With ``# yaml-language-server: $schema=report.schema.json`` as a report's first line, the editor
completes keys, shows each key's Chinese title and description, and underlines a mistake as the
clerk types. The schema is the model's own (lawgov_report.source.model), plus the short forms the model
accepts and the records alone cannot describe: one text where a list is expected, a paragraph as
a plain string, a figure as its value alone, a date as 2021年3月5日.
"""

from __future__ import annotations

import json

SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"


def report_schema() -> dict:
    """The schema as a dict (draft-07, definitions under ``definitions``)."""
    from lawgov_report.source.model import Report
    from lawgov_report.source.records import Model

    raw = Report.model_json_schema()
    text = json.dumps(raw, ensure_ascii=False).replace('"#/$defs/', '"#/definitions/')
    schema = json.loads(text)
    definitions = schema.pop("$defs", {})
    models = {cls.__name__: cls for cls in _subclasses(Model)}
    for name, definition in [("Report", schema), *definitions.items()]:
        cls = models.get(name)
        if cls is not None:
            definition["title"] = getattr(cls, "title_zh", definition.get("title", name))
            if getattr(cls, "description_zh", ""):
                definition["description"] = cls.description_zh
    _short_forms(schema, definitions)
    out = {"$schema": SCHEMA_DRAFT, **schema}
    if definitions:
        out["definitions"] = definitions
    return out


def schema_text() -> str:
    """The schema as the file ``schema/report.schema.json`` holds it (and ``lawgov-report schema`` prints)."""
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _one_or_many(prop: dict) -> None:
    """A field the model reads as a list of texts also takes one text."""
    if prop.get("type") == "array":
        array = {k: prop.pop(k) for k in ("type", "items") if k in prop}
        prop["anyOf"] = [{"type": "string"}, array]


def _short_forms(report: dict, definitions: dict) -> None:
    props = report.get("properties", {})
    for key in ("title", "preamble", "closing", "attachments"):
        if key in props:
            _one_or_many(props[key])
    if "date" in props:
        props["date"] = {k: v for k, v in props["date"].items() if k != "anyOf"} | {"anyOf": [
            {"type": "string", "format": "date"},
            {"type": "string", "pattern": r"^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$"},
            {"type": "null"}]}
    section = definitions.get("Section", {}).get("properties", {})
    if "paragraphs" in section:
        section["paragraphs"]["items"] = {"anyOf": [{"type": "string"}, section["paragraphs"]["items"]]}
    figures = props.get("figures")
    if figures and "additionalProperties" in figures:
        # 受理复议案件数: 18  /  备案率: 100%  /  a name with nothing yet
        figures["additionalProperties"] = {"anyOf": [
            {"type": "number"}, {"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?\s*[%％]\s*$"},
            {"type": "null"}, figures["additionalProperties"]]}
    kind = definitions.get("Figure", {}).get("properties", {}).get("kind")
    if kind:
        for option in kind.get("anyOf", [kind]):
            if "enum" in option:
                option["enum"] = list(option["enum"]) + ["整数", "小数", "百分比", "百分数"]
