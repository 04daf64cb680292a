"""The JSON Schema of a report file, in Chinese, for editors (VS Code's YAML extension and the like).

With ``# yaml-language-server: $schema=report.schema.json`` as a report's first line, the editor
completes keys, shows each key's Chinese title and description, and underlines a mistake as the
clerk types. The schema is the model's own (lawgov_report.source.model), plus the short forms the model
accepts and the records alone cannot describe: one text where a list is expected, a paragraph as
a plain string, a figure as its value alone, a date as 2021年3月5日.
"""

from __future__ import annotations

import datetime
import json

from lawgov_report.source.records import MISSING, Dict_, List_, Literal_, Model, Number, Optional_

SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"


def report_schema() -> dict:
    """The schema as a dict (draft-07, definitions under ``definitions``)."""
    from lawgov_report.source.model import Report

    raw = model_json_schema(Report)
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


def model_json_schema(cls) -> dict:
    """The JSON Schema of a record class (a lawgov_report.source.records.Model), as pydantic's
    ``model_json_schema()`` gives it: nested records under ``$defs``."""
    defs: dict = {}
    schema = _model_schema(cls, defs)
    if defs:
        schema["$defs"] = defs
    return schema


_JSON_TYPES = {str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"},
               Number: {"type": "number"}, datetime.date: {"type": "string", "format": "date"}}


def _kind_schema(kind, defs) -> dict:
    if isinstance(kind, Optional_):
        return {"anyOf": [_kind_schema(kind.inner, defs), {"type": "null"}]}
    if isinstance(kind, type) and issubclass(kind, Model):
        if kind.__name__ not in defs:
            defs[kind.__name__] = {}  # placeholder: recursive models refer to themselves
            defs[kind.__name__] = _model_schema(kind, defs)
        return {"$ref": f"#/$defs/{kind.__name__}"}
    if isinstance(kind, List_):
        return {"type": "array", "items": _kind_schema(kind.inner, defs)}
    if isinstance(kind, Dict_):
        return {"type": "object", "additionalProperties": _kind_schema(kind.inner, defs)}
    if isinstance(kind, Literal_):
        return {"enum": list(kind.values)}
    return dict(_JSON_TYPES[kind])


def _model_schema(cls, defs) -> dict:
    properties = {}
    for name, field in cls.model_fields.items():
        prop = _kind_schema(field.kind, defs)
        if field.title:
            prop["title"] = field.title
        if field.description:
            prop["description"] = field.description
        if field.ge is not None:
            prop["minimum"] = field.ge
        if field.le is not None:
            prop["maximum"] = field.le
        if field.min_length is not None:
            prop["minItems"] = field.min_length
        if not field.required and field.default is not MISSING and field.default is not None:
            prop["default"] = field.default
        properties[name] = prop
    schema = {"type": "object", "title": (cls.__doc__ or cls.__name__).strip().split("\n")[0],
              "properties": properties, "additionalProperties": False}
    required = [n for n, f in cls.model_fields.items() if f.required]
    if required:
        schema["required"] = required
    return schema
