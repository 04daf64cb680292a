"""Typed records: declare fields once, validate YAML data with every error collected.

A deliberately small stand-in for pydantic (which costs ~270 ms of import and class building on
every cold ``lawgov-report render``, more than the whole render budget). The API mirrors the part
of pydantic the project uses: ``Model.model_validate(data)``, ``ValidationError.errors()`` with
``loc``/``type``/``msg``/``input``/``ctx``, ``Model.model_fields`` (each with ``title`` and
``description``); the JSON Schema of a record class is lawgov_report.source.schema.model_json_schema.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Callable


class ValidationError(ValueError):
    """Every problem found in one validation, pydantic-style: ``errors()`` is a list of dicts."""

    def __init__(self, errors: list[dict]):
        self._errors = errors
        super().__init__(f"{len(errors)} validation error(s)")

    def errors(self) -> list[dict]:
        return list(self._errors)


MISSING = object()
_TEXT, _NUMBER, _TEXTS, _RECORDS = "text", "number", "texts", "records"  # Field.plain


class _Invalid(Exception):
    """Raised by the first pass over the data (errors=None) at its first problem: see model_validate."""


class Field:
    """A field: its type, default, Chinese title and description, and constraints."""

    def __init__(self, kind: Any, default: Any = MISSING, *, title: str = "", description: str = "",
                 ge: float | None = None, le: float | None = None, min_length: int | None = None,
                 factory: Callable | None = None, before: Callable | None = None):
        self.default = default
        self.factory = factory
        self.title = title
        self.description = description
        self.ge, self.le, self.min_length = ge, le, min_length
        self.before = before
        self.name = ""
        self.constrained = ge is not None or le is not None or min_length is not None
        self.kind = kind

    @property
    def kind(self) -> Any:
        return self._kind

    @kind.setter
    def kind(self, kind: Any) -> None:
        self._kind = kind
        # Most of a report's values are texts in text fields, and numbers in a figure's number fields:
        # _validate_model settles the plain ones without a call.
        self.text = kind is str or isinstance(kind, Optional_) and kind.inner is str
        self.number = kind is Number or isinstance(kind, Optional_) and kind.inner is Number
        # The same, for the first pass (_valid_record): one attribute says which, for a field
        # without a hook or constraint; _TEXTS, _RECORDS: a list of texts (a paragraph's points) or
        # of records (a section's paragraphs and sub-sections), read there without the dispatch of
        # _validate.
        plain = self.before is None and not self.constrained
        inner = kind.inner if isinstance(kind, List_) else None
        records = isinstance(inner, type) and issubclass(inner, Model)
        self.plain = (None if not plain else _TEXT if self.text else _NUMBER if self.number
                      else _TEXTS if inner is str else _RECORDS if records else None)

    @property
    def required(self) -> bool:
        return self.default is MISSING and self.factory is None

    def make_default(self):
        return self.factory() if self.factory is not None else self.default


# Type descriptors (the field ``kind``): plain Python types, or these small wrappers.
class Optional_:
    def __init__(self, inner): self.inner = inner


class List_:
    def __init__(self, inner): self.inner = inner


class Dict_:
    def __init__(self, inner): self.inner = inner


class Literal_:
    def __init__(self, *values): self.values = values


class Number:
    """An int or a float (never a bool, never a string)."""


def Optional(inner): return Optional_(inner)  # noqa: E302 - read as type expressions
def List(inner): return List_(inner)  # noqa: E302
def Dict(inner): return Dict_(inner)  # noqa: E302
def Literal(*values): return Literal_(*values)  # noqa: E302


class Model:
    """Base of a record: subclasses declare ``Field`` class attributes; extra keys are errors."""

    model_fields: dict[str, Field] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        fields = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, Field):
                    value.name = name
                    fields[name] = value
        cls.model_fields = fields

    def __init__(self, **values):
        for name, field in self.model_fields.items():
            setattr(self, name, values[name] if name in values else field.make_default())

    @classmethod
    def _checked(cls, values: dict) -> "Model":
        """A record of validated ``values``, one for every field in field order (what ``__init__``
        makes of them, without a ``setattr`` call for each field of thousands of records)."""
        record = cls.__new__(cls)
        record.__dict__ = values  # (a new dict each time, the record's own)
        return record

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.model_fields)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other) -> bool:
        return type(self) is type(other) and all(
            getattr(self, k) == getattr(other, k) for k in self.model_fields)

    # Hooks for subclasses.
    @classmethod
    def before(cls, data):
        """Reshape raw data that is not a mapping before the fields are checked (e.g. a string
        for a record); a mapping (a dict) is checked as it is and not passed here."""
        return data

    def after(self) -> str | None:
        """A cross-field check; return a Chinese message for an error, or None."""
        return None

    @classmethod
    def model_validate(cls, data) -> "Model":
        """A record of ``data``; raises :class:`ValidationError` with every problem, in field order.

        Valid data are read once, each mapping in its own key order, without collecting anything
        (errors=None: the first problem raises _Invalid); only invalid data are read a second
        time, field by field, every error collected (validate at 50x the seed: 8 -> 4 ms)."""
        try:
            return _validate_model(cls, data, (), None)
        except _Invalid:
            pass
        errors: list[dict] = []
        _validate_model(cls, data, (), errors)
        raise ValidationError(errors)

    def model_dump(self) -> dict:
        return {name: _dump(getattr(self, name)) for name in self.model_fields}


def _dump(value):
    if isinstance(value, Model):
        return value.model_dump()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _error(errors, loc, kind, msg, value, **ctx):
    if errors is None:  # the first pass: the second one collects every error (Model.model_validate)
        raise _Invalid
    errors.append({"loc": loc, "type": kind, "msg": msg, "input": value, "ctx": ctx})


def _validate_model(cls, data, loc, errors):
    if type(data) is not dict:
        data = cls.before(data)
    if not isinstance(data, dict):
        _error(errors, loc, "model_type", "Input should be a mapping", data)
        return None
    if errors is None:
        return _valid_record(cls, data, loc)
    values = {}
    before = len(errors)
    fields = cls.model_fields
    if not fields.keys() >= data.keys():  # an extra key: most records have none, told by one set comparison
        for key in data:
            if key not in fields:
                _error(errors, loc + (key,), "extra_forbidden", "Extra inputs are not permitted", data[key])
    for name, field in fields.items():
        if name not in data:  # field.make_default(), or field.required
            if field.factory is not None:
                values[name] = field.factory()
            elif field.default is not MISSING:
                values[name] = field.default
            else:
                _error(errors, loc + (name,), "missing", "Field required", data)
            continue
        raw = data[name]
        if field.before is not None:
            raw = field.before(raw)
        if field.constrained:
            values[name] = _validate_field(field, raw, loc + (name,), errors)
        elif field.text and type(raw) is str:
            values[name] = raw  # what _validate_field would answer, without its call and loc
        elif field.number and (type(raw) is int or type(raw) is float) and -_LARGEST < raw < _LARGEST:
            values[name] = raw  # finite (nan and inf fail the comparison) and not too large: as _validate
        else:
            values[name] = _validate_field(field, raw, loc + (name,), errors)
    if len(errors) > before:
        return None
    record = cls._checked(values)
    problem = record.after()
    if problem:
        _error(errors, loc, "value_error", problem, data, error=problem)
    return record


_LARGEST = 10 ** 15  # a statistic has at most 15 digits (what Excel keeps)


def _valid_record(cls, data: dict, loc: tuple):
    """The record of ``data`` (a mapping), read in its own key order; raises _Invalid at the first
    problem. What the field-by-field loop of _validate_model makes of valid data, at half the cost:
    each given key is read once, the fields not given are copied from the class's defaults. (No
    error is collected, so no place is made: ``loc`` is passed on as it is.)"""
    defaults, factories, required, after, plains = cls.__dict__.get("_field_defaults") or _defaults(cls)
    for name in required:
        if name not in data:
            raise _Invalid
    values = defaults.copy()
    for name, factory in factories:
        if name not in data:  # (a list made only to be replaced: 1,400 of them at 50x the seed)
            values[name] = factory()
    for name, raw in data.items():
        plain = plains.get(name, MISSING)
        if plain is _TEXT and type(raw) is str:
            values[name] = raw
        elif plain is _NUMBER and (type(raw) is int or type(raw) is float) and -_LARGEST < raw < _LARGEST:
            values[name] = raw
        elif plain is MISSING:
            raise _Invalid  # an unknown key
        elif plain is _TEXTS and type(raw) is list:  # what _validate makes of it, without its dispatch
            values[name] = [v if type(v) is str else _validate(str, v, loc, None) for v in raw]
        elif plain is _RECORDS and type(raw) is list:  # (the same)
            model = cls.model_fields[name].kind.inner
            values[name] = [_valid_record(model, v, loc) if type(v) is dict else _validate_model(model, v, loc, None)
                            for v in raw]
        else:
            field = cls.model_fields[name]
            values[name] = _validate_field(field, raw if field.before is None else field.before(raw), loc, None)
    record = cls.__new__(cls)  # as _checked, without its call
    record.__dict__ = values
    if after and record.after():
        raise _Invalid
    return record


def _defaults(cls) -> tuple:
    """(value of each field with a default, (name, factory) of each with a factory, the names
    of the required fields, whether it has its own ``after``, name -> Field.plain of each field)
    of ``cls``, made at its first validation (Section's sections field is given its kind after
    the class) and kept on the class."""
    fields = cls.model_fields.values()
    made = ({field.name: field.default for field in fields if field.factory is None and field.default is not MISSING},
            tuple((field.name, field.factory) for field in fields if field.factory is not None),
            tuple(field.name for field in fields if field.required), cls.after is not Model.after,
            {field.name: field.plain for field in fields})
    cls._field_defaults = made
    return made


def _validate_field(field, value, loc, errors):
    result = _validate(field.kind, value, loc, errors)
    if result is None or not field.constrained:
        return result
    if field.ge is not None and isinstance(result, (int, float)) and result < field.ge:
        _error(errors, loc, "greater_than_equal", f"Input should be >= {field.ge}", value, ge=field.ge)
    if field.le is not None and isinstance(result, (int, float)) and result > field.le:
        _error(errors, loc, "less_than_equal", f"Input should be <= {field.le}", value, le=field.le)
    if field.min_length is not None and hasattr(result, "__len__") and len(result) < field.min_length:
        _error(errors, loc, "too_short", f"Should have at least {field.min_length} item", value)
    return result


_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def _validate(kind, value, loc, errors):
    # Texts are most of a report: settle them before the slower dispatch below.
    if kind is str and type(value) is str:
        return value
    if isinstance(kind, Optional_):
        return None if value is None else _validate(kind.inner, value, loc, errors)
    if isinstance(kind, type) and issubclass(kind, Model):
        return _validate_model(kind, value, loc, errors)
    if isinstance(kind, List_):
        if not isinstance(value, list):
            _error(errors, loc, "list_type", "Input should be a valid list", value)
            return None
        inner = kind.inner
        if inner is str:  # a list of texts: each text is its own answer
            return [v if type(v) is str else _validate(str, v, loc + (i,), errors) for i, v in enumerate(value)]
        if isinstance(inner, type) and issubclass(inner, Model):
            if errors is None:  # the first pass makes no places (see _valid_record), nor a call for a mapping
                return [_valid_record(inner, v, loc) if type(v) is dict else _validate_model(inner, v, loc, None)
                        for v in value]
            return [_validate_model(inner, v, loc + (i,), errors) for i, v in enumerate(value)]
        return [_validate(inner, v, loc + (i,), errors) for i, v in enumerate(value)]
    if isinstance(kind, Dict_):
        if not isinstance(value, dict):
            _error(errors, loc, "dict_type", "Input should be a valid dictionary", value)
            return None
        inner = kind.inner
        if isinstance(inner, type) and issubclass(inner, Model):
            if errors is None:  # the first pass makes no places (see _valid_record), nor a call for a mapping
                return {k if type(k) is str else str(k):
                        _valid_record(inner, v, loc) if type(v) is dict else _validate_model(inner, v, loc, None)
                        for k, v in value.items()}
            return {str(k): _validate_model(inner, v, loc + (k,), errors) for k, v in value.items()}
        return {str(k): _validate(inner, v, loc + (k,), errors) for k, v in value.items()}
    if isinstance(kind, Literal_):
        if value not in kind.values:
            expected = " ".join(str(v) for v in kind.values)
            _error(errors, loc, "literal_error", f"Input should be one of {expected}", value, expected=expected)
            return None
        return value
    if kind is str:
        if not isinstance(value, str):
            _error(errors, loc, "string_type", "Input should be a valid string", value)
            return None
        return value
    if kind is bool:
        if not isinstance(value, bool):
            _error(errors, loc, "bool_type", "Input should be a valid boolean", value)
            return None
        return value
    if kind is int:
        if isinstance(value, bool):
            _error(errors, loc, "int_type", "Input should be a valid integer", value)
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            _error(errors, loc, "int_from_float", "Input should be a valid integer", value)
            return None
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value) < 19:
            return int(value)
        _error(errors, loc, "int_parsing" if isinstance(value, str) else "int_type",
               "Input should be a valid integer", value)
        return None
    if kind is Number:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # A statistic is finite and has at most 15 digits (what Excel keeps): .inf, .nan and a
            # 500-digit number would break every later step.
            if value != value or value in (float("inf"), float("-inf")):
                _error(errors, loc, "finite_number", "Input should be a finite number", value)
                return None
            if abs(value) >= _LARGEST:
                _error(errors, loc, "number_too_large", "Number too large", value)
                return None
            return value
        _error(errors, loc, "float_parsing" if isinstance(value, str) else "float_type",
               "Input should be a valid number", value)
        return None
    if kind is datetime.date:
        if isinstance(value, datetime.datetime):
            if value.time() == datetime.time(0):
                return value.date()
            _error(errors, loc, "date_from_datetime_inexact", "Datetimes provided to dates should have zero time",
                   value)
            return None
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            m = _ISO_DATE.fullmatch(value)
            if m:
                try:
                    return datetime.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    pass
            _error(errors, loc, "date_parsing", "Input should be a valid date", value)
            return None
        _error(errors, loc, "date_type", "Input should be a valid date", value)
        return None
    raise TypeError(f"unsupported field kind {kind!r}")  # a programming error, not a clerk's
