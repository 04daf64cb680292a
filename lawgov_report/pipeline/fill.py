"""Figures in from a filled-in form (数据填报表): the values typed in Excel or WPS, written into each
report's ``figures`` by editing its YAML text, so every comment and the layout stay.

All or nothing: every cell that is not a number (and every other problem) is collected, named by
workbook, sheet and cell and by figure; if there is one, no report is written. A report whose row
(or whose cells) are blank is left untouched; each edited file is checked to read back as a valid
report before anything is written, and written atomically in its own encoding and line ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.errors import ERROR, WARNING, Diagnostic, ReportError
from lawgov_report.readers.cells import CellError, CellNumber, read_cell
from lawgov_report.readers.workbook import COUNTY, Form, FormValue
from lawgov_report.source.model import Figure, Report
from lawgov_report.source.yamlsource import Source


@dataclass
class Target:
    """A report to fill: its file, source text, Report, figures with the catalogue applied, catalogue."""

    path: Path
    source: Source
    report: Report
    figures: dict[str, Figure]
    catalogue: dict[str, Figure]

    def label(self, name: str) -> str:
        figure = self.figures.get(name) or self.catalogue.get(name)
        return (figure.label if figure is not None and figure.label else name)


@dataclass
class Change:
    """One figure's new value: old → new, and where the value came from."""

    name: str
    label: str
    old: tuple  # (value, approx)
    new: tuple
    where: str
    previous: object = None
    added: bool = False
    unit: str = ""
    fields: dict = field(default_factory=dict)  # an added figure outside the catalogue: its label and unit
    # last year's 约数 marker, kept as ``previous_approx`` before the new one replaces ``approx``
    previous_approx: str = ""

    def describe(self) -> str:
        def shown(pair):
            from lawgov_report.figures.values import MARKERS_BEFORE_NUMBER

            if pair[0] is None:
                return "（空）"
            number, marker = _number(pair[0]), pair[1] or ""
            return marker + number if marker in MARKERS_BEFORE_NUMBER else number + marker  # 超过120, 320余

        text = f"{self.name}（{self.label}）：{shown(self.old)} → {shown(self.new)}"
        if self.added:
            text += "（新增）"
        if self.previous is not None and self.previous == self.new[0]:
            text += "（与上年相同，请确认已更新）"
        if self.previous_approx:
            text += f"（上年的约数词“{self.previous_approx}”记入 previous_approx）"
        return text


def _number(value) -> str:
    from lawgov_report.figures.values import format_number

    return format_number(value)


@dataclass
class Filled:
    """What fill does to one report: its changes and, once planned, the new text."""

    target: Target
    changes: list[Change] = field(default_factory=list)
    text: str | None = None


@dataclass
class FillPlan:
    """Every report's changes and every finding, before anything is written."""

    form: Form
    filled: list[Filled]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]


def load_targets(paths: list[Path], template: str | None = None, template_dirs: tuple = ()) -> list[Target]:
    """Load each report (every error of every file collected) with its template's catalogue."""
    from lawgov_report.compose.catalogue import apply, catalogue
    from lawgov_report.pipeline.load import load_report
    from lawgov_report.compose.templates import resolve_template

    targets, errors = [], []
    for path in paths:
        try:
            loaded = load_report(path)
            entries = catalogue(resolve_template(loaded, template, template_dirs))
        except ReportError as exc:
            errors += exc.diagnostics
            continue
        targets.append(Target(Path(path), loaded.source, loaded.report, apply(loaded.report.figures, entries),
                              entries))
    if errors:
        raise ReportError(errors)
    return targets


def _cell_error(value: FormValue, name: str, message: str, hint: str = "", severity: str = ERROR) -> Diagnostic:
    return Diagnostic(value.where, 0, 0, severity, name, message, hint)


def _match_row(target: Target, value: FormValue) -> str | None:
    """The figure a unit form's row is for: by 数据名, else by 指标 (and 单位 where labels repeat)."""
    if value.name in target.figures:
        return value.name
    for pool in (target.figures, target.catalogue):
        if value.label in pool:
            return value.label
        found = [n for n, f in pool.items() if (f.label or n) == value.label]
        if len(found) > 1 and value.unit is not None:
            found = [n for n in found if pool[n].unit == value.unit]
        if len(found) == 1:
            return found[0]
    if value.name in target.catalogue:
        return value.name
    return None


def _match_column(target: Target, value: FormValue) -> str | None:
    """The figure a county column is for: its header names the figure, or gives its label and unit."""
    header, label, unit = value.name, value.label, value.unit
    for name in (header, label):
        if name in target.figures or name in target.catalogue:
            return name
    for pool in (target.catalogue, target.figures):
        found = [n for n, f in pool.items() if (f.label or n) == label]
        if len(found) > 1 and unit is not None:
            found = [n for n in found if pool[n].unit == unit]
        if len(found) == 1:
            return found[0]
    return None


def _normalise_path(text: str) -> str:
    return text.replace("\\", "/").strip().removeprefix("./")


class _Reports:
    """Finds the report a county row is for: by its 文件 (as given, relative to a folder given, or the
    end of the path), else by its 单位 when the row names no file."""

    def __init__(self, targets: list[Target], roots: list[Path]):
        self.targets = targets
        self.paths: dict[str, Target] = {}
        for target in targets:
            self.paths.setdefault(_normalise_path(str(target.path)), target)
            for root in roots:
                if root in target.path.parents:
                    self.paths.setdefault(_normalise_path(str(target.path.relative_to(root))), target)
        self.names: dict[str, list[Target]] = {}
        for target in targets:
            self.names.setdefault(target.path.name, []).append(target)
        self._found: dict[tuple[str, str], Target | None] = {}

    def find(self, value: FormValue) -> Target | None:
        key = (value.file, value.unit_name)
        if key not in self._found:
            self._found[key] = self._find(_normalise_path(value.file), value.unit_name)
        return self._found[key]

    def _find(self, file: str, unit_name: str) -> Target | None:
        if file:
            if file in self.paths:
                return self.paths[file]
            for path, target in self.paths.items():
                if path.endswith("/" + file) or file.endswith("/" + path):
                    return target
            by_name = self.names.get(file.rsplit("/", 1)[-1], [])
            return by_name[0] if len(by_name) == 1 else None
        by_unit = [t for t in self.targets if unit_name and t.report.issuer == unit_name]
        return by_unit[0] if len(by_unit) == 1 else None


def _read(value: FormValue, figure: Figure, name: str, unit: str = "") -> tuple[CellNumber | None, list[Diagnostic]]:
    """The number a cell gives a figure (whose unit, the report's or the catalogue's, is ``unit``) and
    what is wrong with it, located at the cell: no number at all, or one out of the figure's range
    (the rule check applies to the YAML: figures/ranges.py), errors and warnings."""
    from lawgov_report.figures.ranges import typed_problems
    from lawgov_report.figures.values import is_growth

    if value.formula is not None and value.value is None:
        return None, [_cell_error(value, name, f"公式“{value.formula}”没有计算结果",
                                  "在 Excel 或 WPS 中打开、保存后再读入，或直接填写数字")]
    try:
        number = read_cell(value.value, value.number_format, figure.unit)
    except CellError as exc:
        return None, [_cell_error(value, name, exc.message, exc.hint)]
    if number is None:
        return None, []
    problems = typed_problems(name, figure.label or name, unit, is_growth(name, figure.label, figure.growth),
                              {"value": number.value, "previous": figure.previous})
    return number, [_cell_error(value, name, p.message, p.hint, p.severity) for p in problems if p.field == "value"]


def _shared_outside_catalogue(targets: list[Target]) -> dict[tuple[str, str], tuple[str, Figure]]:
    """(label, unit) -> (name, label-and-unit figure) of the reports' figures outside the catalogue,
    so that a value typed in a shared column adds the figure to a report that lacks it."""
    out: dict = {}
    for target in targets:
        for name, figure in target.figures.items():
            if name not in target.catalogue:
                label = figure.label or name
                out.setdefault((label, figure.unit), (name, Figure(label=label, unit=figure.unit)))
    return out


def _as_computed(value: FormValue, target: Target, name: str) -> bool:
    """Whether a derived figure's cell holds just what its formula computes (a formula pasted as values)."""
    from lawgov_report.writers.form import computed_values

    try:
        number = read_cell(value.value, value.number_format)
    except CellError:
        return False
    computed = computed_values(target.figures).get(name, (None, None))[0]
    return number is not None and computed is not None and abs(number.value - computed) < 1e-6 * max(1, abs(computed))


def _figure_for(target: Target, value: FormValue, kind: str, shared: dict) -> tuple[str | None, Figure | None, dict]:
    """(name, figure, fields to add it with) of the figure a cell is for in ``target``; no name if none."""
    name = _match_row(target, value) if kind != COUNTY else _match_column(target, value)
    if name is not None:
        return name, target.figures.get(name) or target.catalogue.get(name), {}
    if kind == COUNTY and (value.label, value.unit) in shared:  # another report's figure: this one adds it
        name, figure = shared[(value.label, value.unit)]
        if name not in target.figures:
            return name, figure, {"label": figure.label, "unit": figure.unit}
    return None, None, {}


def plan_fill(form: Form, targets: list[Target], roots: list[Path] = ()) -> FillPlan:
    """What filling ``form`` into ``targets`` changes; nothing is written."""
    plan = FillPlan(form, [Filled(t) for t in targets])
    by_target = {id(f.target): f for f in plan.filled}
    if form.kind != COUNTY and len(targets) != 1:
        raise ReportError.single(form.file, f"这是一个单位的填报表，只能读入一份报告（给了 {len(targets)} 份）",
                                 hint="lawgov-report fill 报告.yaml 填报表.xlsx", message_en="a unit form fills one report")
    if form.kind != COUNTY and form.report_file and form.report_file != targets[0].path.name:
        plan.diagnostics.append(Diagnostic(form.file, 0, 0, WARNING, "", f"这张填报表是为“{form.report_file}”生成的，"
                                           f"现在读入 {targets[0].path}", "确认没有拿错报告或填报表"))
    seen: dict[tuple[int, str], FormValue] = {}
    derived_at: dict[tuple[int, str], str] = {}  # where a derived figure's (formula) cell is
    unmatched_rows: dict[int, FormValue] = {}
    shared = _shared_outside_catalogue(targets)
    reports = _Reports(targets, list(roots))
    for value in form.values:
        target = targets[0] if form.kind != COUNTY else reports.find(value)
        if target is None:
            if value.formula is None:  # a totals row is all formulas: not a unit's row
                unmatched_rows.setdefault(value.row, value)
            continue
        name, figure, fields = _figure_for(target, value, form.kind, shared)
        if name is None:
            if form.kind != COUNTY:
                plan.diagnostics.append(_cell_error(value, value.label, f"指标“{value.label or value.name}”在报告 "
                                                    f"{target.path} 中找不到，这一行未读入",
                                                    "不要改动“指标”和“数据名”两列的文字", WARNING))
            continue  # a county column that is no figure: a column the clerk added
        if figure.formula is not None and figure.value is None:
            derived_at.setdefault((id(target), name), value.where)
            if value.formula is None and value.value is not None and not _as_computed(value, target, name):
                plan.diagnostics.append(_cell_error(value, name, f"“{target.label(name)}”是计算指标，由公式算出，不能直接填写",
                                                    f"公式：{figure.formula}；删除这个单元格的内容"))
            continue
        number, problems = _read(value, figure, name, figure.unit or getattr(target.catalogue.get(name), "unit", "") or "")
        plan.diagnostics += problems
        if number is None or any(p.severity == ERROR for p in problems):
            continue
        key = (id(target), name)
        if key in seen:
            first = seen[key]
            first_number = read_cell(first.value, first.number_format, figure.unit)
            if first_number != number:
                plan.diagnostics.append(_cell_error(value, name, f"“{target.label(name)}”填了两次，与 {first.where} 不同",
                                                    "只保留一处"))
            continue
        seen[key] = value
        old = (figure.value, figure.approx or "")
        # A marker typed (320余) is the new marker. A plain number is exact, unless it is the number
        # the report already has: a roll-up sent out as a form shows numbers without their 余, and
        # reading one back must not drop it. (A new figure typed plain kept last year's 余: 150余.)
        new = (number.value, number.approx or (old[1] if number.value == figure.value else ""))
        if old == new:
            continue
        by_target[id(target)].changes.append(Change(name, target.label(name), old, new, value.where, figure.previous,
                                                    added=name not in target.figures, unit=figure.unit,
                                                    fields=fields,
                                                    previous_approx=_last_years_marker(target, name, old, new)))
    for value in unmatched_rows.values():
        plan.diagnostics.append(_cell_error(value, "", f"这一行的报告（文件“{value.file}”，单位“{value.unit_name}”）"
                                            "不在所给的报告中，未读入", "检查“文件”一列，或把这份报告也列在命令里",
                                            WARNING))
    for filled in plan.filled:
        plan.diagnostics += _derived_shares(filled, derived_at)
    if not plan.errors:
        for filled in plan.filled:
            if filled.changes:
                _edit(filled, plan)
    return plan


def _derived_shares(filled: Filled, derived_at: dict) -> list[Diagnostic]:
    """A derived share the new values push out of 0–100 (结案数 above 受理数: 结案率 111%), at the
    derived figure's cell (else at the first cell it uses that changed): check would refuse it."""
    from lawgov_report.figures.formulas import FormulaError, names, parse
    from lawgov_report.figures.ranges import computed_problems
    from lawgov_report.figures.values import is_growth
    from lawgov_report.writers.form import computed_values

    target, changed = filled.target, {c.name: c for c in filled.changes}
    if not changed:
        return []
    figures = dict(target.figures)
    for name, change in changed.items():
        base = figures.get(name) or target.catalogue.get(name) or Figure()
        figures[name] = Figure(**{**{k: getattr(base, k) for k in Figure.model_fields}, "value": change.new[0]})
    computed = computed_values(figures)
    out = []
    for name, figure in target.figures.items():
        if figure.formula is None or figure.value is not None:
            continue
        try:
            used = names(parse(figure.formula))
        except FormulaError:
            continue  # check says what is wrong with the formula
        inputs = [n for n in used if n in changed]
        if not inputs:
            continue
        where = derived_at.get((id(target), name)) or changed[inputs[0]].where
        for problem in computed_problems(name, figure.label or name, figure.unit,
                                         is_growth(name, figure.label, figure.growth), {"value": computed[name][0]},
                                         figure.formula, {n: figures[n].value for n in used if n in figures}):
            out.append(Diagnostic(where, 0, 0, problem.severity, name, problem.message, problem.hint,
                                  problem.message_en))
    return out


def _last_years_marker(target: Target, name: str, old: tuple, new: tuple) -> str:
    """The marker to keep as ``previous_approx`` when a new one replaces ``approx`` in a draft made
    before ``previous_approx`` existed: there, a figure still to fill in (no value, a previous one)
    carries last year's marker in ``approx``, and the 上年 column would lose it."""
    data = (target.source.data.get("figures") or {}).get(name) if isinstance(target.source.data, dict) else None
    if (not isinstance(data, dict) or old[0] is not None or not old[1] or old[1] == new[1]
            or data.get("previous") is None or "previous_approx" in data):
        return ""
    return old[1]


def _edit(filled: Filled, plan: FillPlan) -> None:
    """The report's new text, which must read back as a valid report with the new values."""
    from lawgov_report.source.validate import validate
    from lawgov_report.source.yamledit import TextEdits, add_figure, scalar_text, set_figure
    from lawgov_report.source.yamlsource import load_text

    target = filled.target
    edits = TextEdits(target.source)
    for change in filled.changes:
        value, approx = change.new
        if change.added:
            done = add_figure(edits, change.name, {"label": change.fields.get("label"), "value": value,
                                                   "unit": change.fields.get("unit"), "approx": approx})
        else:
            done = set_figure(edits, change.name, value, approx)
            if done and change.previous_approx:
                done = edits.set_key(("figures", change.name), "previous_approx", scalar_text(change.previous_approx))
        if not done:
            plan.diagnostics.append(target.source.diagnostic(
                ("figures", change.name), f"数据“{change.name}”的写法无法自动修改（{change.where} 的值未写入）",
                hint="把这个数据改写成一行 {value: …, unit: …} 的形式，或手工填写"))
            return
    try:
        text = edits.apply()
        produced = validate(load_text(text, str(target.path)))
    except ReportError as exc:
        plan.diagnostics += [Diagnostic(d.file, d.line, d.col, d.severity, d.path,
                                        f"填入后的文件有误（程序问题，请报告）：{d.message}", d.hint, d.message_en)
                             for d in exc.diagnostics]
        return
    for change in filled.changes:
        got = produced.figures.get(change.name)
        if got is None or got.value != change.new[0] or (change.previous_approx and
                                                         got.previous_approx != change.previous_approx):
            plan.diagnostics.append(target.source.diagnostic(
                ("figures", change.name), f"数据“{change.name}”未能正确写入（程序问题，请报告）"))
            return
    filled.text = text


def write_plan(plan: FillPlan) -> list[Path]:
    """Write every changed report (atomically, each in its own encoding); refuses a plan with errors."""
    from lawgov_report.atomic import write_bytes
    from lawgov_report.source.yamledit import encode_like

    if plan.errors:
        raise ReportError(plan.diagnostics)
    written = []
    for filled in plan.filled:
        if filled.text is not None:
            original = filled.target.path.read_bytes()
            written.append(write_bytes(filled.target.path, encode_like(original, filled.text)))
    return written
