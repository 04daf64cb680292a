"""A round of review merged back into the report's YAML (合并审阅稿): plan, apply, verify.

The report is built with provenance, the reviewed .docx read (tracked changes accepted or
rejected), the edits planned (:mod:`lawgov_report.readers.merge`, ``readers.restructure``) and
applied to the YAML text in place (:mod:`lawgov_report.source.yamlpatch`, every comment kept).
Then the merged YAML is loaded and rendered again and compared with the reviewed text paragraph by
paragraph: whatever still differs is listed with its docx paragraph and YAML line, so nothing is
lost silently and the merged YAML always renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report import document as d
from lawgov_report.align import SAME
from lawgov_report.errors import ERROR, Diagnostic, ReportError
from lawgov_report.readers.merge import (IMPRINT, MASTHEAD, Finding, Plan, Planner, body_blocks, body_paragraphs,
                                         first_origin, masthead_paragraphs)
from lawgov_report.readers.restructure import Restructurer, place_comments
from lawgov_report.readers.reviewed import Revision, read_reviewed
from lawgov_report.source.yamledit import set_figure
from lawgov_report.source.yamlpatch import Patch, block, scalar
from lawgov_report.source.yamlsource import Source
from lawgov_report.yearover.samereport import same_report


@dataclass
class Merged:
    """The merged YAML text and what the clerk should know about it."""

    text: str
    figures: dict = field(default_factory=dict)  # name -> (old, new)
    approx: dict = field(default_factory=dict)  # name -> (old 约数 marker, new) where the marker changed
    texts: int = 0  # texts rewritten
    deleted: int = 0
    inserted: int = 0
    keys: list = field(default_factory=list)
    comments: int = 0
    revisions: list[Revision] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    lines: dict = field(default_factory=dict)  # id(finding) -> line in the report YAML
    changed: set = field(default_factory=set)  # reviewed paragraphs (numbers) that differ from the report
    present: set = field(default_factory=set)  # reviewed paragraphs (numbers) with text in the chosen view
    derived: dict = field(default_factory=dict)  # computed figure -> (old, new) after its inputs changed

    def summary(self) -> list[str]:
        markers = {name: self.approx.get(name, ("", "")) for name in self.figures}
        out = [f"{name}: {_marked(_shown(old), markers[name][0])} → {_marked(_shown(new), markers[name][1])}"
               for name, (old, new) in self.figures.items()]
        out += [f"计算指标 {name}: {_shown(old)} → {_shown(new)}（随输入数据）" for name, (old, new) in self.derived.items()]
        if self.texts:
            out.append(f"改写文字 {self.texts} 处")
        if self.deleted or self.inserted:
            out.append(f"删除 {self.deleted} 项，新增 {self.inserted} 项（段落、分项、标题）")
        if self.keys:
            out.append("修改：" + "、".join(self.keys))
        if self.comments:
            out.append(f"批注 {self.comments} 条写成了 YAML 注释")
        return out

    def writing_revisions(self) -> list[Revision]:
        """The tracked changes in paragraphs that differ from the report: those that change the YAML
        (the others are in paragraphs the report already has, or in the generated 附件 table)."""
        return [r for r in self.revisions
                if r.number in self.changed or (r.number not in self.present and self.deleted)]


def _shown(value) -> str:
    return "" if value is None else str(value)


_KEY_ZH = {"title": "标题", "recipient": "主送机关", "signature": "署名", "date": "成文日期", "note": "附注"}


def _build(source: Source, template_name, template_dirs=()):
    from lawgov_report.compose.build import build
    from lawgov_report.pipeline.load import Loaded
    from lawgov_report.compose.templates import resolve_template
    from lawgov_report.source.validate import validate

    loaded = Loaded(source, validate(source))
    template = resolve_template(loaded, template_name, template_dirs)
    return loaded, template, build(loaded.report, template, source, provenance=True)


def merge(source: Source, reviewed_path: str | Path, accept: bool = True, template_name=None,
          template_dirs=(), other_report: bool = False) -> Merged:
    """The report's YAML with the reviewed document's edits written back.

    A reviewed document of another report (issuer, year, title and text) is refused, nothing merged,
    unless ``other_report`` (:mod:`lawgov_report.yearover.samereport`)."""
    from lawgov_report.compose.build import text_renderer

    loaded, template, document = _build(source, template_name, template_dirs)
    reviewed = read_reviewed(reviewed_path, accept)
    context = {"year": loaded.report.year, "issuer": loaded.report.issuer, **document.figure_values}
    planner = Planner(document, context, text_renderer(), source.data)
    restructurer = Restructurer(planner, reviewed.paragraphs, template.option("run_in", [False, True, True, True]))
    if not other_report:
        same_report(source, loaded.report, document, reviewed.paragraphs, restructurer.steps, str(reviewed_path))
    plan = restructurer.run()
    place_comments(plan, restructurer, reviewed.comments)
    result = Merged("", revisions=reviewed.revisions, present={p.number for p in reviewed.paragraphs})
    result.changed = {restructurer.new[step.new].number for step in restructurer.steps
                      if step.new is not None and step.kind != SAME}
    _resolve_figures(plan, document, result)
    result.text = _apply(plan, source, result)
    result.findings = plan.findings
    _masthead_edits(result, document, reviewed.paragraphs)
    merged = _verify(result, source, reviewed.paragraphs, document, template_name, template_dirs)
    _table_edits(result, (document, merged), reviewed.paragraphs)
    for finding in result.findings:
        result.lines[id(finding)] = source.locate(finding.path)[0] if finding.path else 0
    return result


def _marked(number: str, approx: str) -> str:
    """A number with its 约数 marker where the prose puts it (约60, 80余)."""
    from lawgov_report.figures.values import MARKERS_BEFORE_NUMBER

    return f"{approx}{number}" if approx in MARKERS_BEFORE_NUMBER else f"{number}{approx}"


def _resolve_figures(plan: Plan, document: d.Document, result: Merged) -> None:
    """A figure changes when every place quoting it shows the same new number; else a conflict."""
    by_name: dict[str, list] = {}
    for quote in plan.quotes:
        by_name.setdefault(quote.name, []).append(quote)
    for name, quotes in by_name.items():
        values = {(q.new_value, q.new_approx) for q in quotes if q.new_value is not None}
        if not values:
            continue
        kept = [q for q in quotes if q.new_value is None]
        if len(values) == 1 and not kept:
            value, approx = values.pop()
            plan.figures[name] = (document.figure_values[name].value, value)
            if approx is not None:
                plan.approx[name] = approx
                result.approx[name] = (document.figure_values[name].approx or "", approx)
            continue
        shown = "、".join(f"第 {q.number} 段为 {q.new_value if q.new_value is not None else '原值'}" for q in quotes)
        for q in quotes:
            if q.new_value is not None:
                plan.findings.append(Finding(q.number, ("figures", name),
                                             f"数据“{name}”在多处引用，审阅稿改法不一致（{shown}），未写回，请确定后修改",
                                             "conflict"))
                break
    result.figures = dict(plan.figures)


def _prune(plan: Plan) -> None:
    """Nothing is edited inside what is deleted (a section deleted with its paragraphs)."""
    gone = sorted(set(plan.deletions), key=len)
    kept: list[tuple] = []
    for path in gone:
        if not any(path[:len(g)] == g for g in kept):
            kept.append(path)
    plan.deletions = kept

    def inside(path) -> bool:
        return any(path[:len(g)] == g for g in kept)

    plan.emptied = [p for p in plan.emptied if not inside(p)]
    plan.texts = {p: t for p, t in plan.texts.items() if not inside(p)}
    plan.insertions = [i for i in plan.insertions if not inside(i[0])]
    plan.set_keys = [k for k in plan.set_keys if not inside(k[0])]
    plan.comments = [(p, line) if not inside(p) else (p[:len(p) - 2] if len(p) > 2 else (), line)
                     for p, line in plan.comments]


def _apply(plan: Plan, source: Source, result: Merged) -> str:
    _prune(plan)
    patch = Patch(source)
    for path, text in plan.texts.items():
        if patch.set_text(path, text):
            result.texts += 1
        else:
            plan.findings.append(Finding(0, path, f"这段文字在 YAML 里找不到（来自模板？），修改未写回：“{text[:30]}”"))
    for name, (old, new) in list(plan.figures.items()):
        if not set_figure(patch, name, new, plan.approx.get(name)):
            del plan.figures[name]
            result.figures.pop(name, None)
            plan.findings.append(Finding(0, ("figures", name), f"数据“{name}”的写法特殊，新数值 {new} 未能写回，请手工修改"))
    for path in plan.deletions:
        patch.delete_item(path)
        result.deleted += 1
    for path in plan.emptied:
        patch.empty_list(path, _length(source.data, path))
        result.deleted += _length(source.data, path)
    new_lists: dict[tuple, list] = {}
    for list_path, before, value in plan.insertions:
        result.inserted += 1
        count = _length(source.data, list_path)
        if count:
            patch.insert_item(list_path, before, count, value)
        else:
            new_lists.setdefault(list_path, []).append(value)
    for list_path, values in new_lists.items():
        if list_path in source.extents:  # an empty list written as []
            start, end = source.extents[list_path]
            patch.replace(start, end, "\n" + "\n".join(block(values, patch.column(start) + 2)))
        else:
            patch.add_key(list_path[:-1], list_path[-1], values, after="title")
    for mapping, key, raw in dict.fromkeys(plan.set_keys):
        if not patch.set_raw(mapping + (key,), raw):
            patch.add_key(mapping, key, raw, after="title")
    for key, value in plan.keys.items():
        result.keys.append(_KEY_ZH.get(key, key))
        if key == "title":
            _set_title(patch, source, value)
        elif (key,) in source.extents:
            if key in ("date",) or value == "null":
                patch.set_raw((key,), value)
            else:
                patch.set_text((key,), value)
        elif value != "null":
            patch.add_key((), key, value if key == "date" else scalar(value), after="year")
    for path, line in plan.comments:
        patch.comment_before(path, line)
        result.comments += 1
    return patch.apply()


def _set_title(patch: Patch, source: Source, lines: list[str]) -> None:
    value = source.data.get("title")
    if isinstance(value, list) and value and ("title", 0) in source.extents:
        first = source.extents[("title", 0)][0]
        dash = source.text.rfind("-", patch.line_start(first), first)
        start = patch.line_start(first)
        end = patch.value_end(("title",))
        patch.replace(start, end, "\n".join(block(lines, dash - start)) + "\n")
    elif ("title",) in source.extents:
        start, end = source.extents[("title",)]
        patch.replace(start, end, "[" + ", ".join(scalar(t) for t in lines) + "]")
    else:
        patch.add_key((), "title", lines, after="year")


def _length(data, path: tuple) -> int:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return 0
    return len(data) if isinstance(data, list) else 0


def _masthead_edits(result: Merged, document: d.Document, reviewed: list) -> None:
    """Edits of the 版头 (份号, 紧急程度, 发文机关标志, 发文字号, 签发人) are listed: its keys are
    masthead and doc_number, set by hand."""
    def plain(text: str) -> str:
        return re.sub(r"[\s签发人：、:]", "", text)

    old = [plain(b.text) for b in document.blocks if b.kind in MASTHEAD and b.text]
    for paragraph in masthead_paragraphs(reviewed):
        if plain(paragraph.text) not in old:
            result.findings.append(Finding(paragraph.number, ("masthead",),
                                           f"版头的修改未写回：“{paragraph.text[:30]}”（请改 masthead 或 doc_number）"))


def _table_edits(result: Merged, documents: tuple, reviewed: list) -> None:
    """Edits inside the generated 附件 table cannot be placed (it follows the figures): listed at the
    row's figure. A row as the report or the merged report shows it is no edit (say a rate that
    follows its inputs, changed in the text)."""
    rows = []
    for block in (b for document in documents for b in document.blocks):
        if block.kind == d.TABLE and block.table is not None:
            rows.extend("\t".join(cell or "" for cell in row) for row in [block.table.header, *block.table.rows])
    shown = set(rows)
    for block in documents[0].blocks:  # the 版记 is a table of the .docx too
        if block.kind in IMPRINT:
            shown |= {block.text, "\t".join(s.text for s in block.spans)}
    by_label = {}
    for name, figure in documents[0].figure_values.items():
        by_label.setdefault(figure.label, name)
    for paragraph in reviewed:
        if paragraph.role == "table" and paragraph.text not in shown:
            name = next((by_label[c] for c in paragraph.text.split("\t") if c in by_label), None)
            result.findings.append(Finding(paragraph.number, ("figures", name) if name else ("figures",),
                                           f"附件统计表由 figures 生成，表中的修改未写回：“{paragraph.text[:40]}”"
                                           f"（请改 figures 中的{f'“{name}”' if name else '数据'}）"))


def _verify(result: Merged, source: Source, reviewed: list, old_document: d.Document, template_name,
            template_dirs) -> d.Document:
    """Render the merged YAML and list every paragraph that still differs from the reviewed text;
    the merged document is returned."""
    from lawgov_report.align import ADDED, REMOVED, Item, align
    from lawgov_report.readers.atoms import FIGURE, atoms_of
    from lawgov_report.source.yamlsource import load_text

    try:
        merged_source = load_text(result.text, source.file)
        _, _, document = _build(merged_source, template_name, template_dirs)
    except ReportError as exc:
        errors = [x for x in exc.diagnostics if x.severity == ERROR]
        if errors and all(x.path.startswith("figures") for x in errors) and result.figures:
            # the reviewer's numbers do not hold together (结案 past 受理: a rate over 100%)
            changed = "、".join(f"{n} {a} → {b}" for n, (a, b) in result.figures.items())
            # located in the report as it is (the merged text's lines may have moved)
            raise ReportError([Diagnostic(source.file, *source.locate(tuple(x.path.split("."))), ERROR, x.path,
                                          f"按审阅稿修改数据（{changed}）后：{x.message}；未合并，什么也没有写出",
                                          "请核对审阅稿里改过的数字；确需如此，先在报告 YAML 里改好相关数据再合并",
                                          "the reviewed figures do not hold together") for x in errors]) from None
        first = exc.diagnostics[0]
        raise ReportError.single(source.file, f"合并后的 YAML 无法生成（第 {first.line} 行：{first.message}），未写出",
                                 hint="这是 merge 的缺陷，请把报告和审阅稿一起反馈",
                                 message_en="merged YAML does not render") from None
    blocks = body_blocks(document)
    rendered = [b.text for b in blocks]
    wanted = body_paragraphs(reviewed)

    def at(index: int) -> str:
        """Where a paragraph of the merged render comes from in the merged YAML."""
        origin = first_origin(blocks[index])
        return f"（合并结果第 {merged_source.locate(origin.path)[0]} 行）" if origin is not None else ""

    steps = align([Item(t, t) for t in rendered], [Item(p.text, p.text) for p in wanted])
    reproduced = {wanted[step.new].number for step in steps if step.kind == "same"}
    # a computed figure edited in the review is no finding when the changed inputs make it print that
    result.findings[:] = [f for f in result.findings if f.kind != "derived" or f.number not in reproduced]
    differing = {}  # block of the merged render that still differs -> the reviewed text there
    for step in steps:
        if step.kind == "same":
            continue
        if step.old is not None:
            differing[step.old] = wanted[step.new].text if step.new is not None else ""
        if step.kind == REMOVED:
            result.findings.append(Finding(0, None, f"合并后多出一段“{rendered[step.old][:30]}”，审阅稿里没有{at(step.old)}",
                                           "mismatch"))
        elif step.kind == ADDED:
            result.findings.append(Finding(wanted[step.new].number, None,
                                           f"审阅稿这一段未能写回：“{wanted[step.new].text[:30]}”", "mismatch"))
        else:
            result.findings.append(Finding(wanted[step.new].number, None,
                                           f"合并后这一段与审阅稿仍有不同：“{rendered[step.old][:30]}”{at(step.old)}",
                                           "mismatch"))
    quoted_in_differing: dict[str, str] = {}  # figure -> the reviewed text where it is quoted
    for k, text in differing.items():
        for atom in atoms_of(blocks[k]):
            if atom.kind == FIGURE and atom.expr:
                quoted_in_differing[atom.expr.split("|")[0].strip()] = text
    for name, value in document.figure_values.items():
        old = old_document.figure_values.get(name)
        if old is None or value.formula is None or str(value) == str(old):
            continue
        result.derived[name] = (str(old), str(value))
        if name in quoted_in_differing:  # the reviewed text still shows another value there
            inputs = "、".join(f"{n} {a} → {b}" for n, (a, b) in result.figures.items() if n in str(value.formula))
            left = f"审阅稿仍为 {old}，合并后为 {value}" if str(old) in quoted_in_differing[name] else \
                f"合并后由 {old} 变为 {value}，与审阅稿不符"
            result.findings.append(Finding(0, ("figures", name),
                                           f"输入数据改了（{inputs or '见上'}），计算指标“{name}”{left}，请核对", "conflict"))
    return document
