"""The Document: a small, format-neutral list of blocks between a template and a writer.

Blocks are the elements of an official document top to bottom (标题, 主送机关, 正文, 标题层级,
附件说明, 署名, 成文日期, 附注, 附件页). Generated text (heading numbers, 一是/二是) is kept in
spans of its own, so that a diff can tell the clerk's words from the engine's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Block kinds, in the order they usually appear.
COPY_NUMBER = "copy_number"  # 份号 (版头, print edition only)
SECRECY = "secrecy"  # 密级和保密期限
URGENCY = "urgency"  # 紧急程度
MARK = "mark"  # 发文机关标志: a span per issuer's name, then any suffix ("文件") as the last span
DOC_NUMBER = "doc_number"  # 发文字号 (the first span), then a span per 签发人
SEPARATOR = "separator"  # the 版头's red line
TITLE = "title"  # 标题, one block per line
BLANK = "blank"  # an empty line of the grid (below the title, above the signature)
RECIPIENT = "recipient"  # 主送机关
BODY = "body"  # 正文 paragraph
HEADING = "heading"  # a heading, possibly run in with its first paragraph
ATTACHMENT_NOTE = "attachment_note"  # 附件说明
SIGNATURE = "signature"  # 署名
DATE = "date"  # 成文日期
NOTE = "note"  # 附注
PAGE_BREAK = "page_break"
APPENDIX_LABEL = "appendix_label"  # “附件” on the appendix page
APPENDIX_TITLE = "appendix_title"  # the appendix's title
TABLE = "table"
IMPRINT_CC = "imprint_cc"  # 版记: 抄送机关
IMPRINT_PRINTED = "imprint_printed"  # 版记: 印发机关 (first span) and 印发日期 on one line

KINDS = (COPY_NUMBER, SECRECY, URGENCY, MARK, DOC_NUMBER, SEPARATOR, TITLE, BLANK, RECIPIENT, BODY, HEADING,
         ATTACHMENT_NOTE, SIGNATURE, DATE, NOTE, PAGE_BREAK, APPENDIX_LABEL, APPENDIX_TITLE, TABLE,
         IMPRINT_CC, IMPRINT_PRINTED)
# A 署名's and 成文日期's ``level``: the layout of GB/T 9704-2012 7.3.5 they take.
UNSEALED, SEALED, SIGNATURE_SEAL = 0, 1, 2  # 不加盖印章, 加盖印章, 加盖签发人签名章


@dataclass(slots=True, frozen=True)
class Origin:
    """Where a span's text came from (provenance, built only on request: ``build(provenance=True)``).

    ``path`` is the YAML path of the clerk text (``("sections", 0, "title")``; ``("template", "title")``
    for a text of the template); ``pieces`` splits the rendered text into what the clerk typed
    (``expr`` None) and what each ``{{ expr }}`` printed (a figure's value: ``expr`` its name), so an
    edit of the rendered text can be carried back into the YAML text (``lawgov-report merge``).
    ``pieces`` is None when the text is not that simple (a ``{% if %}``).
    """

    path: tuple
    source: str  # the clerk's text as written in the YAML
    pieces: tuple | None = None  # ((rendered text, expr or None), ...)


@dataclass(slots=True)
class Span:
    """A piece of a paragraph's text; ``generated`` marks numbers the engine wrote."""

    text: str
    generated: bool = False
    origin: Origin | None = None


@dataclass(slots=True)
class Table:
    """A simple table: a header row, body rows, and column widths in twips."""

    header: list[str]
    rows: list[list[str | None]]  # None: the cell continues the one above (a vertical merge)
    widths: list[int]
    numeric: list[bool] = field(default_factory=list)  # right-align these columns
    text_size: int = 0  # half-points; 0: the table styles' own size (a wide table takes a smaller one)


@dataclass(slots=True)
class Block:
    """One paragraph-like element of the Document.

    For a heading, ``level`` is 1..4 and the first ``heading_spans`` spans are the heading (its number
    and text); any spans after them are the run-in body text in the same paragraph. A 发文机关标志's
    first ``heading_spans`` spans are the names and a 发文字号's the number (the 签发人 follow); a
    署名's and a 成文日期's ``level`` is their seal layout (UNSEALED, SEALED, SIGNATURE_SEAL).
    """

    kind: str
    spans: list[Span] = field(default_factory=list)
    level: int = 0
    heading_spans: int = 0
    table: Table | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def clerk_text(self) -> str:
        """The text without generated numbers: what the clerk wrote."""
        return "".join(s.text for s in self.spans if not s.generated)


@dataclass
class Document:
    """A rendered report, ready for a writer."""

    blocks: list[Block] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # issuer, year, title: for document properties
    figure_values: dict = field(default_factory=dict)  # name -> FigureValue: the statistics table
    warnings: list = field(default_factory=list)  # Diagnostics found while building (警告)
    texts: dict = field(default_factory=dict)  # YAML path -> a clerk text with {{ }} as rendered (for lint)

    def paragraphs(self) -> list[str]:
        """The text of every paragraph in order (tables give one paragraph per cell)."""
        out = []
        for block in self.blocks:
            if block.kind == PAGE_BREAK:
                continue
            if block.kind == TABLE and block.table is not None:
                for row in [block.table.header, *block.table.rows]:
                    out.extend(cell for cell in row if cell is not None)
                continue
            out.append(block.text)
        return out
