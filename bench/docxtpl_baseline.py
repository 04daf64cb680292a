"""The docxtpl baseline: the same report text rendered through a docxtpl template.

Used by bench_render.py. ``python bench/docxtpl_baseline.py TEMPLATE.docx TEXT.json OUT.docx``
renders once (a cold process, like one ``lawgov-report render``).
"""

from __future__ import annotations

import json
import sys


def make_template(path: str, reference_docx: str) -> None:
    """A docxtpl template on our reference document: the title lines and a loop over paragraphs."""
    import docx

    doc = docx.Document(reference_docx)
    body = doc.element.body
    for p in list(body)[:-1]:
        body.remove(p)
    doc.add_paragraph("{{ title1 }}", style="Title")
    doc.add_paragraph("{{ title2 }}", style="Title")
    doc.add_paragraph("")
    doc.add_paragraph("{%p for para in paragraphs %}")
    doc.add_paragraph("{{ para }}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)


def render(template: str, text_json: str, out: str) -> None:
    from docxtpl import DocxTemplate

    paragraphs = json.loads(open(text_json, encoding="utf-8").read())
    tpl = DocxTemplate(template)
    tpl.render({"title1": paragraphs[0], "title2": paragraphs[1], "paragraphs": paragraphs[3:]})
    tpl.save(out)


if __name__ == "__main__":
    render(*sys.argv[1:4])
