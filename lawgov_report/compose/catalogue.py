"""The figure catalogue (指标目录) of a template: the standard indicators every unit fills in.

``template.yaml`` lists indicators under ``figures``, each with its label, unit, category, kind and,
for a derived indicator, its formula; never a value. A report then declares a catalogue figure by
its value alone (``受理复议案件数: 18``) and may add figures of its own beside them. A template that
``extends`` another adds to its parent's catalogue and may change single fields of an entry.
"""

from __future__ import annotations

from lawgov_report.errors import Diagnostic, ReportError
from lawgov_report.source.model import Figure

_CACHE: dict[tuple, dict[str, Figure]] = {}
_CACHE_SIZE = 32  # templates in use at once (as many as templates.py keeps loaded)
# The columns before the figures in a county's table (a county form, a batch roll-up).
COUNTY_FIXED = ["序号", "单位", "年度", "文件"]
_OWN_DATA = ("value", "previous", "previous_approx")  # a unit's numbers: never in a template


def catalogue(template) -> dict[str, Figure]:
    """The template's catalogue, merged over its ``extends`` chain; cached per process.

    Raises :class:`ReportError` located in the template.yaml that has the mistake.
    """
    key = tuple(template.folders)
    entries = _CACHE.pop(key, None)
    if entries is None:
        entries = _load(template.folders)
    _CACHE[key] = entries  # the most recently used last; the least recently used goes first
    while len(_CACHE) > _CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]
    return entries


def _load(folders) -> dict[str, Figure]:
    from lawgov_report.source.records import ValidationError
    from lawgov_report.compose.templates import METADATA
    from lawgov_report.source.validate import _message
    from lawgov_report.source.yamlsource import load_file

    merged: dict[str, dict] = {}
    errors: list[Diagnostic] = []
    for folder in reversed(folders):  # the root template first, its children over it
        meta_file = folder / METADATA
        if not meta_file.is_file():
            continue
        source = load_file(meta_file)
        entries = source.data.get("figures") if isinstance(source.data, dict) else None
        if entries is None:
            continue
        if not isinstance(entries, dict):
            errors.append(source.diagnostic(("figures",), "指标目录（figures）应是键值对：指标名: {label: …, unit: …}"))
            continue
        for name, entry in entries.items():
            path = ("figures", name)
            entry = {} if entry is None else entry  # a bare name: an indicator with nothing set yet
            try:
                Figure.model_validate(entry)
            except ValidationError as exc:
                for error in exc.errors():
                    message, hint, at_key = _message(error, path + tuple(error["loc"]))
                    errors.append(source.diagnostic(path + tuple(error["loc"]), message, hint=hint, key=at_key))
                continue
            if not isinstance(entry, dict) or any(k in entry for k in _OWN_DATA):
                errors.append(source.diagnostic(path, f"指标目录中的“{name}”不应填写数值",
                                                hint="数值写在各单位的报告里，模板只写 label、unit、category 等"))
                continue
            merged.setdefault(name, {}).update(entry)
    if errors:
        raise ReportError(errors)
    return {name: Figure.model_validate(entry) for name, entry in merged.items()}


def apply(figures: dict[str, Figure], entries: dict[str, Figure]) -> dict[str, Figure]:
    """The report's figures completed from the catalogue: what the report says wins.

    A field the report leaves at its default (no unit, no label …) is taken from the catalogue; a
    value in the report replaces a catalogue formula (the unit measured it directly).
    """
    if not entries:
        return figures
    out: dict[str, Figure] = {}
    for name, figure in figures.items():
        base = entries.get(name)
        if base is None:
            out[name] = figure
            continue
        fields = {}
        for key, field in Figure.model_fields.items():
            own = getattr(figure, key)
            fields[key] = own if own != field.make_default() else getattr(base, key)
        if figure.value is not None:
            fields["formula"] = figure.formula
        out[name] = Figure(**fields)
    return out


class SharedFigures:
    """The figures a county's reports share (各单位共有的指标): the columns of a county form and a roll-up.

    The catalogue's figures come first, all of them; then every figure outside the catalogue that
    several reports define with the same label and unit, named as the first report that has it
    names it. Reports are counted one at a time (``add``), so a batch need not hold them."""

    def __init__(self, entries: dict[str, Figure]):
        self.entries = entries
        self._labels = {(figure.label or name, figure.unit) for name, figure in entries.items()}
        self._seen: dict[tuple[str, str], list] = {}  # (label, unit) -> [first name, reports]

    def add(self, figures: dict[str, tuple[str, str]]) -> None:
        """Count one report: its figures' (label, unit) by name."""
        for key in {(label or name, unit): name for name, (label, unit) in figures.items()
                    if name not in self.entries}.items():
            (label, unit), name = key
            if (label, unit) not in self._labels:
                self._seen.setdefault((label, unit), [name, 0])[1] += 1

    def extra(self) -> list[tuple[str, str, str]]:
        """(name, label, unit) of the non-catalogue figures at least two reports share."""
        return [(name, label, unit) for (label, unit), (name, count) in self._seen.items() if count >= 2]
