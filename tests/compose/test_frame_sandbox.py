"""The document frame's sandbox: macros, loops and attribute lookups give what plain Jinja gives,
while every loop still spends from the frame's work budget."""

from __future__ import annotations

import pytest
from jinja2 import Environment, StrictUndefined
from jinja2.sandbox import SecurityError

from lawgov_report.compose.templates import frame_environment

FRAME = """{%- macro item(x, mark='-') -%}<i m="{{ mark }}">{{ x.name }}</i>{%- endmacro -%}
{%- macro wrap(x) -%}<w>{{ x.name }}{{ caller() }}</w>{%- endmacro -%}
{%- macro tree(node) -%}<n>{{ node.title }}{% for child in node.children %}{{ tree(child) }}{% endfor %}</n>{%- endmacro -%}
{% for x in items %}{{ item(x) }}{{ item(x, mark='*') }}{% call wrap(x) %}<c>{{ loop.index }}</c>{% endcall %}{% endfor %}
{{ tree(root) }}|{{ root.keys is callable }}|{{ root['keys'] }}|{{ data.get('a') }}|{{ data.b is defined }}"""

VIEW = {
    "items": [{"name": "甲&乙"}, {"name": "<丙>"}],
    "root": {"title": "一", "children": [{"title": "二", "children": []}, {"title": "三", "children": [
        {"title": "四", "children": []}]}], "keys": "a key named like a dict method"},
    "data": {"a": 1},
}


def test_frame_renders_as_plain_jinja(tmp_path):
    sandboxed = frame_environment([tmp_path]).from_string(FRAME).render(**VIEW)
    plain = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                        lstrip_blocks=True).from_string(FRAME).render(**VIEW)
    assert sandboxed == plain
    assert "<n>一<n>二</n><n>三<n>四</n></n></n>" in sandboxed and "&lt;丙&gt;" in sandboxed


def test_loops_spend_from_the_budget_whatever_the_frame_names(tmp_path):
    env = frame_environment([tmp_path])
    # A variable named like the engine's own loop bound does not replace it.
    frame = "{% set __bounded_iter__ = 0 %}{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    env.start()
    with pytest.raises(SecurityError, match="计算量过大"):
        env.from_string(frame).render()
