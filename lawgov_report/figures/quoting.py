"""Which figures the texts quote, and the warning (警告) for a figure that no text quotes.

A figure is used when a text quotes it (``{{ 受理案件数 }}``, ``{{ figures.受理案件数 }}``) or when
a formula of another figure refers to it. A figure that is neither is most often a misspelt name
or a number the clerk forgot to write into the prose; it is still listed in the statistics table.
"""

from __future__ import annotations

from lawgov_report.figures.derived import formula_inputs
from lawgov_report.errors import WARNING, Diagnostic
from lawgov_report.source.model import Report
from lawgov_report.source.yamlsource import Source

EVERY = "*"  # a text walked over all figures ({% for f in figures %}): all are quoted


def quoted_in(ast) -> set[str]:
    """The names a parsed text refers to, with ``figures.X`` and ``figures['X']`` as X."""
    from jinja2 import meta, nodes

    names = set(meta.find_undeclared_variables(ast))
    if "figures" in names:
        names.discard("figures")
        found = False
        for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
            if isinstance(node.node, nodes.Name) and node.node.name == "figures":
                key = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
                if isinstance(node, nodes.Getattr) and key in ("values", "items", "keys", "get"):
                    continue  # figures.values(): a walk over them all (counted as EVERY below)
                if isinstance(key, str):
                    names.add(key)
                    found = True
        if not found:
            names.add(EVERY)
    return names


def unquoted_figures(report: Report, figures: dict, quoted: set[str], source: Source | None,
                     file: str) -> list[Diagnostic]:
    """A located warning for every figure that no text quotes and no formula uses."""
    if EVERY in quoted:
        return []
    used = quoted | formula_inputs(figures)  # FigureValues carry their (catalogue's) formula
    out = []
    for name in report.figures:
        if name in used:
            continue
        message = f"数据“{name}”没有被正文引用（只列入统计表）"
        hint = f"在正文中写 {{{{ {name} }}}} 引用它；若只需列入统计表，可忽略此警告"
        if source is not None:
            out.append(source.diagnostic(("figures", name), message, WARNING, hint, key=True))
        else:
            out.append(Diagnostic(file, 0, 0, WARNING, f"figures.{name}", message, hint))
    return out

