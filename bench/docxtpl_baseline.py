"""The docxtpl baseline: the same document as ``lawgov-report render`` writes, through docxtpl.

The template (made by ``make_template`` on our own reference .docx, so styles and page setup are
the same) has the title lines, a loop over the body's blocks with each kind in its paragraph style
(run-in headings as a RichText with the heading's character style), the 附件 page and the statistics
table with a row loop. docxtpl is given the content already laid out (``document_context``): it
does not parse YAML, validate, number headings or compute figures, which favours it.

``python bench/docxtpl_baseline.py TEMPLATE.docx CONTEXT.json OUT.docx`` renders once (cold).
"""

from __future__ import annotations

import json
import sys


def document_context(document) -> dict:
    """The content of a built Document as plain data for docxtpl."""
    from lawgov_report import document as d

    titles = [b.text for b in document.blocks if b.kind == d.TITLE]
    blocks, table, appendix = [], {"header": [], "rows": []}, {}
    for block in document.blocks:
        if block.kind == d.HEADING:
            head = "".join(s.text for s in block.spans[: block.heading_spans])
            body = "".join(s.text for s in block.spans[block.heading_spans:])
            blocks.append({"kind": f"h{block.level}" if not body else f"runin{block.level}", "head": head,
                           "body": body})
        elif block.kind == d.BODY:
            blocks.append({"kind": "body", "text": block.text})
        elif block.kind in (d.APPENDIX_LABEL, d.APPENDIX_TITLE):
            appendix[block.kind] = block.text
        elif block.kind == d.ATTACHMENT_NOTE:
            appendix["note"] = block.text
        elif block.kind == d.TABLE and block.table is not None:
            table = {"header": block.table.header, "rows": [[c or "" for c in r] for r in block.table.rows]}
    return {"titles": titles, "blocks": blocks, "appendix": appendix, "table": table}


def make_template(path: str, reference_docx: str, columns: int) -> None:
    """A docxtpl template on our reference document."""
    import docx

    doc = docx.Document(reference_docx)
    body = doc.element.body
    for p in list(body)[:-1]:
        body.remove(p)
    doc.add_paragraph("{%p for t in titles %}")
    doc.add_paragraph("{{ t }}", style="Title")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("")
    doc.add_paragraph("{%p for b in blocks %}")
    doc.add_paragraph("{%p if b.kind == 'h1' %}")
    doc.add_paragraph("{{ b.head }}", style="Heading1")
    doc.add_paragraph("{%p elif b.kind == 'h2' %}")
    doc.add_paragraph("{{ b.head }}", style="Heading2")
    doc.add_paragraph("{%p elif b.kind == 'h3' %}")
    doc.add_paragraph("{{ b.head }}", style="Heading3")
    doc.add_paragraph("{%p elif b.kind.startswith('runin') %}")
    doc.add_paragraph("{{r b.rich }}")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{ b.text }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("")
    doc.add_paragraph("{{ appendix.note }}", style="AttachmentNote")
    doc.add_paragraph("{{ appendix.appendix_label }}", style="AppendixLabel")
    doc.add_paragraph("")
    doc.add_paragraph("{{ appendix.appendix_title }}", style="AppendixTitle")
    table = doc.add_table(rows=3, cols=columns)
    table.style = "TableGrid"
    for i in range(columns):
        table.cell(0, i).text = f"{{{{ table.header[{i}] }}}}"
        table.cell(0, i).paragraphs[0].style = "TableHeader"
    table.cell(1, 0).text = "{%tr for r in table.rows %}"
    for i in range(columns):
        table.cell(2, i).text = f"{{{{ r[{i}] }}}}"
        table.cell(2, i).paragraphs[0].style = "TableText"
    table.add_row().cells[0].text = "{%tr endfor %}"
    doc.save(path)


def render(template: str, context_json: str, out: str, tpl=None) -> None:
    """Render once: load the context, (load the template,) render, save."""
    from docxtpl import DocxTemplate, RichText

    context = json.loads(open(context_json, encoding="utf-8").read())
    for block in context["blocks"]:
        if block["kind"].startswith("runin"):
            rich = RichText()
            rich.add(block["head"], style=f"Heading{block['kind'][-1]}Char")
            rich.add(block["body"])
            block["rich"] = rich
    tpl = tpl or DocxTemplate(template)
    tpl.render(context)
    tpl.save(out)


if __name__ == "__main__":
    render(*sys.argv[1:4])
