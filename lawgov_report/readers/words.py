"""Word boundaries of Chinese text (分词), so that a figure's label is made of whole words.

Chinese has no spaces: where "社区第一时间成立公……" may be cut is a question for a word segmenter,
the field's tool being jieba. rjieba (jieba's dictionary and algorithm in Rust) is used: importing
it costs ~0.35 s once (its dictionary is built on import), then segmenting 10,000 characters takes
~3 ms, against ~2 s of dictionary loading for the pure-Python jieba. Import is not on the render
path, so it is imported here, at first use, and only by the readers.
"""

from __future__ import annotations

from functools import lru_cache

# Words the segmenter does not know as one, that reports write as one (an indicator's head noun).
_COMPOUNDS = ("行政复议", "行政诉讼", "行政执法", "规范性文件", "执法人员", "法律顾问", "法律援助", "人民调解")


@lru_cache(maxsize=1)
def _cut():
    import rjieba  # ~0.35 s: only when an import meets its first figure

    return rjieba.cut


def split(text: str) -> list[str]:
    """The words of ``text`` in order (their concatenation is ``text``)."""
    return _cut()(text) if text else []


def boundaries(text: str) -> set[int]:
    """The offsets in ``text`` where a word starts or ends (0 and len(text) included)."""
    out = {0}
    pos = 0
    for word in split(text):
        pos += len(word)
        out.add(pos)
    for compound in _COMPOUNDS:  # inside these a boundary is not a place to cut
        start = text.find(compound)
        while start != -1:
            out.difference_update(range(start + 1, start + len(compound)))
            out.update((start, start + len(compound)))
            start = text.find(compound, start + 1)
    return out
