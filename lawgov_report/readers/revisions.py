"""Tracked changes (修订) and comments (批注) of a .docx, which a clerk must hear about on import.

The import reads a document as if every revision were accepted (insertions kept, deletions left
out); that is said, with how many there were, so that nothing is decided silently. Comments are
not report text: each is kept as a YAML comment at the paragraph it is anchored to.
"""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_KINDS = (("ins", "插入"), ("del", "删除"), ("moveFrom", "移动"), ("rPrChange", "格式修改"),
          ("pPrChange", "格式修改"))
MAX_COMMENT = 200  # characters of one comment kept in the YAML


def count(body) -> dict[str, int]:
    """Unaccepted revisions in the body by kind (插入, 删除, 移动, 格式修改); each w:id once."""
    out: dict[str, int] = {}
    for tag, kind in _KINDS:
        ids = {el.get(W + "id") or str(id(el)) for el in body.iter(W + tag)}
        if ids:
            out[kind] = out.get(kind, 0) + len(ids)
    return out


def remark(counts: dict[str, int]) -> str | None:
    """The clerk's note about the revisions, or None when there are none."""
    total = sum(counts.values())
    if not total:
        return None
    parts = "、".join(f"{kind} {n} 处" for kind, n in counts.items())
    return (f"原文有 {total} 处未接受的修订（{parts}），已按“接受所有修订”导入；"
            "如不应接受，请在 Word/WPS 中先处理修订再导入")


def comments(root) -> dict[str, str]:
    """Comment id -> "作者：批注文字" from a comments part."""
    out: dict[str, str] = {}
    if root is None:
        return out
    for comment in root.iter(W + "comment"):
        text = "".join(t.text or "" for t in comment.iter(W + "t")).strip()
        author = comment.get(W + "author") or ""
        if len(text) > MAX_COMMENT:
            text = text[:MAX_COMMENT] + "……"
        out[comment.get(W + "id", "")] = f"{author}：{text}" if author else text
    return out


def comments_remark(notes: dict[str, str]) -> str | None:
    """The clerk's note listing the comments, or None when there are none."""
    if not notes:
        return None
    listed = "；".join(f"“{text}”" for text in notes.values())
    return f"原文有 {len(notes)} 条批注，已作为“# 批注”注释保留在 YAML 中各自的位置：{listed}"


def anchored(p) -> list[str]:
    """The ids of the comments that start (or are referenced) in a paragraph, in order, each once."""
    ids: list[str] = []
    for el in p.iter(W + "commentRangeStart", W + "commentReference"):
        cid = el.get(W + "id")
        if cid is not None and cid not in ids:
            ids.append(cid)
    return ids
