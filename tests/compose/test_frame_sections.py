"""The shipped section macro standing in for itself (compose/framesections.py, issue 18): the
document, the work the frame spends and the output it counts are what the macro as written gives,
for the examples, for texts autoescaping or XML would change, and for frames that edit the macro or
handle its output (those take the macro as written)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import nodes

from lawgov_report.compose import build as building, layout
from lawgov_report.compose import framesections, templates
from lawgov_report.compose.framesections import SECTION_MACRO, SectionReferences, stand_in
from lawgov_report.compose.templates import load_template, packaged_templates_dir
from lawgov_report.errors import ReportError
from lawgov_report.source.validate import validate
from lawgov_report.source.yamlsource import load_file

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FRAME = packaged_templates_dir() / "annual-report" / "report.xml.j2"

# Texts autoescaping lengthens (& < > " '), XML changes (\r) or refuses (\x0b), marks of
# provenance would meet, and the shapes of a paragraph: text only, points with and without text
# and tail, an empty text, a tail without points.
ODD = """issuer: 某县人民政府
year: 2021
sections:
  - title: "A & B <c> \\"d\\" 'e'"
    numbering: continue
    run_in: false
    paragraphs:
      - 只有文字 {{ 甲 }} 件。
      - {points: ["一项 & 二项", "", "三项 <x>"], tail: "结尾'。"}
      - {text: "开头", points: [只一项]}
      - {text: "", tail: "只有结尾"}
      - ""
    sections:
      - title: 下级一
        run_in: true
        paragraphs: [{points: [a, b]}, 第二段]
        sections:
          - title: 第三级
            sections: [{title: 第四级, paragraphs: [深处]}]
      - title: 下级二
        numbering: "1."
        sections: [{title: 甲}, {title: 乙}]
  - title: 回车在此
    paragraphs: ["换行\\n制表\\t在此"]
    sections: [{title: 控制字符在此, paragraphs: [x]}]
  - title: "]]> 与 &amp;"
figures:
  甲: {value: 3, unit: 件}
"""


def _report(path_or_text, tmp_path=None):
    if isinstance(path_or_text, Path):
        path = path_or_text
    else:
        path = tmp_path / "odd.yaml"
        path.write_text(path_or_text, encoding="utf-8")
    source = load_file(path)
    return source, validate(source)


def _frame(template, report, source, edition, provenance, taken: bool, odd: str = "\r"):
    """(blocks, work, output characters, references) of one build, the sections taken as
    references when they may be (``taken``) or all written by the macro as written."""
    view = building.context(report, template, source, edition=edition, provenance=provenance)
    view.pop("rendered_texts")
    views = view.pop("section_views")
    for section in views:  # what no YAML text holds (validation refuses it), but a frame's figures might
        section["title"] = section["title"].replace("回车", "回车\r").replace("控制字符", f"控制{odd}字符")
    sections = SectionReferences(views if taken else [])
    xml = template.render_frame({"report": view, **view}, sections)
    builder = layout.Layout(template, view["origins"],
                                {"appendix": view["appendix"]["document_table"]} if view["appendix"] else {},
                                sections.snapshots)
    builder.children(list(layout.parse_frame(xml, template)), building.STYLES[0])
    blocks = [(b.kind, b.level, b.heading_spans, [(s.text, s.generated, s.origin) for s in b.spans], b.table)
              for b in builder.blocks]
    return blocks, template.jinja.work, len(xml) + sections.represented, len(sections.snapshots)


@pytest.mark.parametrize("provenance", [False, True])
@pytest.mark.parametrize("edition", ["print", "web"])
@pytest.mark.parametrize("case", [*EXAMPLES, "odd"], ids=lambda c: getattr(c, "name", c))
def test_references_build_what_the_macro_builds_and_cost_what_it_costs(case, edition, provenance, tmp_path):
    source, report = _report(ODD if case == "odd" else case, tmp_path)
    template = load_template("annual-report")
    taken = _frame(template, report, source, edition, provenance, True)
    written = _frame(template, report, source, edition, provenance, False)
    assert taken[:3] == written[:3]
    assert written[3] == 0 and taken[3] == (1 if case == "odd" else len(report.sections))  # \r, ]]>: as written
    assert len(taken[0]) > 12


def test_what_xml_refuses_is_refused_alike(tmp_path):
    # the XML's line and column in the message are those of the frame's output as written
    template = _custom(tmp_path, "{% for s in sections %}{{ section(s) }}\n{% endfor %}",
                       "{% for s in sections %}{{ section(s) }}\n{% endfor %}<p>\x0b</p>")
    source, report = _report(EXAMPLES[0])
    view = building.context(report, template, source)
    view.pop("section_views")
    as_written = template.render_frame({"report": view, **view})
    line = as_written[:as_written.index("\x0b")].count("\n") + 1
    assert line > 60
    with pytest.raises(ReportError) as raised:
        building.build(report, template, source)
    assert f"PCDATA invalid Char value 11, line {line}, column 4" in str(raised.value)


def test_the_shipped_frame_has_the_shipped_macro():
    env = load_template("annual-report").jinja
    raw = super(type(env), env)._parse(FRAME.read_text(encoding="utf-8"), "report.xml.j2", None)
    assert sum(1 for m in raw.find_all(nodes.Macro) if m.name == "section") == 1
    assert stand_in(raw, env.shipped_section_macro)


def _stands_in(frame: str) -> bool:
    env = templates.frame_environment([FRAME.parent])
    return stand_in(super(type(env), env)._parse(frame, "report.xml.j2", None), env.shipped_section_macro)


SHIPPED_BODY = "{% for s in sections %}{{ section(s) }}\n{% endfor %}"


@pytest.mark.parametrize("body, stands", [
    (SHIPPED_BODY, True),
    ("{% if sections %}{% for s in sections if s.title %}{{ section(s) }}{% endfor %}{% endif %}", True),
    ("{% for s in sections %}{{ section(s)|upper }}{% endfor %}", False),
    ("{% for s in sections %}{{ section(s) ~ '' }}{% endfor %}", False),
    ("{% for s in sections %}{% set x = section(s) %}{{ x }}{% endfor %}", False),
    ("{% set x %}{% for s in sections %}{{ section(s) }}{% endfor %}{% endset %}{{ x|length }}", False),
    ("{% filter upper %}{% for s in sections %}{{ section(s) }}{% endfor %}{% endfilter %}", False),
    ("{% macro all() %}{% for s in sections %}{{ section(s) }}{% endfor %}{% endmacro %}{{ all()|length }}", False),
    ("{% for s in sections recursive %}{{ section(s) }}{% endfor %}", False),
    ("{% autoescape false %}{% for s in sections %}{{ section(s) }}{% endfor %}{% endautoescape %}", False),
    ("{% for s in sections %}{{ section(s) }}{% endfor %}{{ self.body()|length }}", False),
    ("{% for s in sections %}{{ section(s) }}{% endfor %}{% include 'other.j2' %}", False),
    ("{% set section = 1 %}", False),
    ("{{ sections|map('section')|list }}", True),  # a filter of that name, not the macro: nothing to stand in for
    ("{{ [1]|map(section) }}", False),
])
def test_the_macro_stands_in_only_where_its_output_is_printed_as_it_stands(body, stands):
    frame = FRAME.read_text(encoding="utf-8")
    start, end = frame.index("{% block body %}"), frame.index("{% endblock %}", frame.index("{% block body %}"))
    assert frame[start:end].count("section(s)") == 1
    assert _stands_in(frame[:start] + "{% block body %}\n" + body + "\n" + frame[end:]) is stands


def test_an_edited_macro_is_written_as_written():
    frame = FRAME.read_text(encoding="utf-8")
    assert not _stands_in(frame.replace("<heading>{{ s.title }}</heading>", "<heading>【{{ s.title }}】</heading>"))
    assert not _stands_in(frame.replace("{%- macro section(s) -%}", "{%- macro section(s, x=1) -%}"))
    assert SECTION_MACRO in frame


def _custom(tmp_path, old: str, new: str) -> templates.Template:
    folder = tmp_path / "custom"
    shutil.copytree(packaged_templates_dir() / "annual-report", folder)
    frame = folder / "report.xml.j2"
    text = frame.read_text(encoding="utf-8")
    assert old in text
    frame.write_text(text.replace(old, new), encoding="utf-8")
    return load_template(str(folder))


def _texts(template, path=EXAMPLES[0]):
    source, report = _report(path)
    return [b.text for b in building.build(report, template, source).blocks]


def test_a_section_changed_after_it_was_written_reads_as_written(tmp_path):
    template = _custom(tmp_path, "{% for s in sections %}{{ section(s) }}\n{% endfor %}",
                       "{% for s in sections %}{{ section(s) }}\n{% set _ = s.update({'title': '改'}) %}"
                       "{% set _ = s.paragraphs.clear() %}{% endfor %}")
    assert _texts(template) == _texts(load_template("annual-report"))


def test_a_section_changed_before_it_is_written_reads_changed(tmp_path):
    template = _custom(tmp_path, "{% for s in sections %}{{ section(s) }}\n{% endfor %}",
                       "{% for s in sections %}{% set _ = s.update({'title': '改<'}) %}{{ section(s) }}\n"
                       "{% endfor %}{{ section({'title': '框架的', 'run_in': none, 'numbering': none,"
                       " 'paragraphs': [], 'sections': sections[:1]}) }}")
    texts = _texts(template)
    shipped = _texts(load_template("annual-report"))
    assert [t for t in texts if t.endswith("改<")] == ["一、改<", "二、改<", "三、改<", "（一）改<"]
    assert "四、框架的" in texts
    # the frame's own section holds the first section again, one level down, written by the macro
    assert texts.index("四、框架的") + 1 < len(texts) and texts[texts.index("四、框架的") + 1] == "（一）改<"
    assert len(texts) > len(shipped)


def test_a_reference_the_frame_writes_itself_is_an_empty_section(tmp_path):
    template = _custom(tmp_path, "{% block closing %}", '{% block closing %}<section ref="0"/>\n')
    texts = _texts(template)
    assert "四、" in texts


def test_the_output_references_stand_for_counts_against_the_bound(tmp_path, monkeypatch):
    source, report = _report(EXAMPLES[0])
    template = load_template("annual-report")
    view = building.context(report, template, source)
    sections = SectionReferences(view.pop("section_views"))
    view.pop("rendered_texts")
    size = len(template.render_frame({"report": view, **view}, sections)) + sections.represented
    monkeypatch.setattr(templates, "_MAX_FRAME_OUTPUT", size - 1)
    with pytest.raises(ReportError, match="生成的文档过长"):
        building.build(report, template, source)
    monkeypatch.setattr(templates, "_MAX_FRAME_OUTPUT", size)
    building.build(report, template, source)


def test_a_key_the_frame_took_away_is_the_macros_error(tmp_path):
    template = _custom(tmp_path, "{% for s in sections %}{{ section(s) }}\n{% endfor %}",
                       "{% for s in sections %}{% set _ = s.pop('numbering') %}{{ section(s) }}\n{% endfor %}")
    source, report = _report(EXAMPLES[0])
    with pytest.raises(ReportError, match="numbering"):
        building.build(report, template, source)


@pytest.mark.parametrize("body", [
    # a reference taken once and printed 20,000 times: its cost would be counted once
    "{% set x = sections[0]|__section_reference__ %}{% for i in range(20000) %}{{ x }}{% endfor %}",
    "{{ sections[0]|__section_written__ }}",  # (would turn the stand-in off, or on, where it should not)
    "{% filter __section_reference__ %}{{ sections[0] }}{% endfilter %}",
])
def test_the_stand_ins_filters_are_no_frames_to_name(tmp_path, body):
    """The filters the stand-in macro calls are the engine's: a frame naming one is refused as Jinja
    refuses a filter it does not know, at the line that names it (a hostile frame could otherwise print
    a section many times over, its work and output counted once, or forge a reference)."""
    template = _custom(tmp_path, "{% for s in sections %}{{ section(s) }}\n{% endfor %}", body)
    source, report = _report(EXAMPLES[0])
    with pytest.raises(ReportError) as caught:
        building.build(report, template, source)
    (found,) = caught.value.diagnostics
    assert "No filter named '__section_" in found.message and found.line > 1


@pytest.mark.parametrize("macro", [SECTION_MACRO, SECTION_MACRO.replace("<heading>", "<heading> ")])  # stand-in, or as written
def test_the_work_limit_is_told_at_a_line_of_the_frame(tmp_path, macro):
    """A frame past its work limit is told at a line of its own text, the section macro's (not a line
    of the code Jinja compiled it to: 88 of a 12-line frame, before)."""
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "template.yaml").write_text("name: loop\nextends: annual-report\n", encoding="utf-8")
    frame = macro + "\n<document>\n{% for i in range(5000) %}{{ section(sections[0]) }}{% endfor %}\n</document>\n"
    (folder / "report.xml.j2").write_text(frame, encoding="utf-8")
    source, report = _report(EXAMPLES[0])
    with pytest.raises(ReportError) as caught:
        building.build(report, load_template(str(folder)), source)
    (found,) = caught.value.diagnostics
    assert "超出限制" in found.message and found.file.endswith("report.xml.j2")
    assert 1 <= found.line <= SECTION_MACRO.count("\n") + 1
