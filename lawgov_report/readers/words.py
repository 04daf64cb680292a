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


# Characters that end an institution's name (司法所, 财政局, 监督站 …), which the segmenter joins to a
# localiser after them (所中).
_NOUN_ENDS = "所局站院会组队处科室"


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
        if len(word) == 2 and word[0] in _NOUN_ENDS and word[1] in "中内里":
            out.add(pos - 1)  # "司法所中有": the segmenter's 所中 is the end of 司法所, then 中
    for compound in _COMPOUNDS:  # inside these a boundary is not a place to cut
        start = text.find(compound)
        while start != -1:
            out.difference_update(range(start + 1, start + len(compound)))
            out.update((start, start + len(compound)))
            start = text.find(compound, start + 1)
    return out


@lru_cache(maxsize=1)
def _tag():
    import rjieba

    return rjieba.tag


# Parts of speech (jieba's tag set) that never say what a figure counts: prepositions (对, 为), conjunctions
# (及, 并), particles (的, 了), pronouns (各), localisers (中, 内), numerals and measure words. Adverbs (d)
# only as the totals reports write (共, 均为): 按时, 随机 say which count it is.
FUNCTION_TAGS = frozenset("p c u uj ul uz ug uv ud r f m q x y e o".split())
_TOTALS = ("共", "均", "都", "已", "仅", "也", "还", "又", "总", "累计")
# The one-character verbs that only link a number to its sentence ("有7家", "共为", "2020年来").
_LINKS = "有为来到是在达至对向"
# Whole administrative areas ("全县43个单位"): where, not what.
_AREAS = frozenset("全县 全区 全市 全省 全乡 全镇 全国 全州 全旗 本县 本区 本市 县里 市里".split())
_MEASURES = ("比", "率", "度", "额", "量")  # a label's last word that says it is a ratio or amount (占比)


def tag(text: str) -> list[tuple[str, str]]:
    """The words of ``text`` with their part of speech (jieba's tags: n noun, v verb, p preposition …)."""
    return _tag()(text) if text else []


def is_noise(word: str, pos: str, leading: bool = False) -> bool:
    """Whether a word at the start (``leading``) or end of a label says nothing of what is counted: a
    function word, an area (全县), a place name (ns, unless it is a noun like 满意度 the tagger
    mistakes), a total (共为) or a linking verb (有, 为, 来)."""
    if word in _MEASURES or len(word) > 1 and word.endswith(_MEASURES):
        return False
    if leading and pos == "f":
        return False  # 线上安全知识竞赛: a leading localiser says which
    return (pos in FUNCTION_TAGS or word in _AREAS or pos == "ns" and len(word) <= 2
            or pos == "d" and (len(word) == 1 or word.startswith(_TOTALS))
            or len(word) == 1 and word in _LINKS)


def trim(label: str) -> str:
    """``label`` without the function words, areas and one-character verbs at its two ends
    ("对全县" -> "", "来共出庭应诉" -> "出庭应诉", "司法所中有" -> "司法所")."""
    tagged = [(w, p) for w, p in tag(label) if w.strip()]
    while tagged and is_noise(*tagged[0], leading=True):
        tagged.pop(0)
    while tagged and is_noise(*tagged[-1]) and not (tagged[-1][0] == "所" and len(tagged) > 1):  # 司法所
        word, pos = tagged.pop()
        if pos == "f" and len(word) == 2 and word[1] in "中内里上下":  # "司法所中": the tagger's 所中 is 所 + 中
            tagged.append((word[0], "n"))
            break
    return "".join(w for w, _ in tagged)


def is_bare_verb(label: str) -> bool:
    """Whether ``label`` is one verb and nothing it acts on ("受理", "组织", "审结")."""
    tagged = tag(label)
    return len(tagged) == 1 and tagged[0][1] in ("v", "vd", "vn") and len(label) <= 2 and not label.endswith(
        ("率", "度", "额", "款", "量"))


def ends_with_verb(label: str) -> bool:
    """Whether the last word of ``label`` is a verb ("出庭应诉", "发放")."""
    tagged = tag(label)
    return bool(tagged) and tagged[-1][1].startswith("v") and not label.endswith(("率", "度", "额", "款", "量"))


def is_noun(phrase: str) -> bool:
    """Whether ``phrase`` ends in a noun ("律师", "督查组", "行政执法单位"), not an area or a verb."""
    tagged = tag(phrase)
    return bool(tagged) and tagged[-1][1].startswith(("n", "l", "j")) and tagged[-1][0] not in _AREAS


def nouns(label: str) -> str:
    """The object a label's verb acts on, which a bare verb after it shares ("收到行政复议申请38件，
    受理35件": 行政复议申请): the words after its last verb, particle or preposition (a word inside
    行政执法, 行政复议 … is not one), else after its first word when that leads three; "" when the
    label does not end in a noun."""
    tagged = tag(label)
    if len(tagged) < 2 or not tagged[-1][1].startswith(("n", "l", "j", "v")) or tagged[-1][0] in _LINKS:
        return ""
    inside = set()
    for compound in _COMPOUNDS:
        at = label.find(compound)
        while at != -1:
            inside.update(range(at, at + len(compound)))
            at = label.find(compound, at + 1)
    pos, cut = 0, 0
    for word, p in tagged[:-1]:
        pos += len(word)
        if p[0] in "vpcu" and pos - 1 not in inside:
            cut = pos
    if not cut and len(tagged) >= 3 and len(tagged[0][0]) <= 2:
        cut = len(tagged[0][0])  # "办理行政复议案件": the tagger's noun 办理 is the verb
    noun = label[cut:]
    return noun if len(noun) >= 2 else ""


def whole_words_tail(text: str, limit: int) -> str:
    """The end of ``text`` in whole words, at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    cuts = sorted(b for b in boundaries(text) if len(text) - b <= limit)
    return text[cuts[0]:] if cuts else text[-limit:]
