"""A small report that quotes its figures, for tests about figures: the figures' YAML as written."""

from __future__ import annotations


def figures_report(figures: dict[str, str], year: int = 2021, extra: str = "") -> str:
    """A report of ``year`` whose one section quotes every figure; ``figures``: name -> its YAML text
    (``{value: 40, approx: 余}``); ``extra``: more sections, as YAML lines."""
    title = "".join(f"{{{{ {name} }}}}" for name in figures)
    lines = ["issuer: 某县司法局", f"year: {year}", "sections:", f'  - title: "{title}"']
    lines += [extra.rstrip("\n")] if extra else []
    lines += ["figures:"] + [f"  {name}:{' ' + text if text else ''}" for name, text in figures.items()]
    return "\n".join(lines) + "\n"
