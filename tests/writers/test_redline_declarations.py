"""The redline's body loses the namespace declarations NEW's root already makes, and nothing else."""

import random
import re

from lawgov_report.writers.redline import _without_root_declarations

ROOT = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')
R_DECL = ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
W_DECL = ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _by_pattern(body: str) -> str:
    """What every tag holding a declaration becomes, by the plain definition."""
    def clean(tag):
        return tag.group(0).replace(W_DECL, "").replace(R_DECL, "")
    return re.sub(r"<[^<>]*\bxmlns:[^<>]*>", clean, body)


def test_tags_cleaned_text_kept():
    body = f'<w:p{R_DECL}><w:r><w:rPr{R_DECL}><w:b/></w:rPr><w:t>写 xmlns:r="x" 不动</w:t></w:r></w:p>'
    assert _without_root_declarations(body, ROOT) == \
        '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>写 xmlns:r="x" 不动</w:t></w:r></w:p>'
    other = '<w:p xmlns:v="urn:other"/>'  # a declaration the root does not make stays
    assert _without_root_declarations(other, ROOT) == other


def test_same_as_the_pattern_on_generated_markup():
    pieces = ["<", ">", R_DECL, W_DECL, "xmlns:", "_xmlns:", "axmlns:", " ", "w:p", "/>", "中", "²", '"']
    rng = random.Random(18)
    for _ in range(20_000):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _without_root_declarations(body, ROOT) == _by_pattern(body), body
