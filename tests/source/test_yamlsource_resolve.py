"""The loader's own tag resolution answers exactly as PyYAML's, for every kind of scalar a clerk types."""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from lawgov_report.source.yamlcompose import Loader as _Loader
from lawgov_report.source.yamlsource import load_text

TYPED = ["", "~", "null", "Null", "NULL", "nul", "true", "True", "TRUE", "tRue", "false", "yes", "no", "on", "off",
         "y", "n", "0", "010", "0o10", "0x1F", "0b101", "1_000", "-5", "+5", "1:30", "190:20:30", "1.10", ".5",
         "-.inf", ".NaN", ".nan", "1e3", "1.0e+3", "6.8523015e+5", "2021-03-05", "2021-3-5", "2001-12-14t21:59:43.10-05:00",
         "2021-03-05 10:00:00", "<<", "=", "title", "text", "受理复议案件数", "320人次", "１８", "0.", "- x", "x: y"]


def test_resolve_matches_pyyaml_for_every_kind_of_scalar():
    ours, theirs = _Loader(""), yaml.SafeLoader("")
    for value in TYPED:
        for implicit in ((True, False), (False, True), (False, False), (True, True)):
            assert ours.resolve(ScalarNode, value, implicit) == theirs.resolve(ScalarNode, value, implicit), value
    for kind in (SequenceNode, MappingNode):
        assert ours.resolve(kind, None, (True, False)) == theirs.resolve(kind, None, (True, False))


def test_loaded_values_match_pyyaml_safe_load():
    text = "".join(f"v{i}: {value}\n" for i, value in enumerate(TYPED) if value not in ("<<", "=", "- x", "x: y"))
    assert repr(load_text(text, "t.yaml").data) == repr(yaml.safe_load(text))  # repr: nan != nan


def test_a_registered_path_resolver_is_honoured():
    class Pathed(_Loader):
        yaml_path_resolvers: dict = {}

    Pathed.add_path_resolver("!tagged", ["key"], str)
    node = Pathed("key: text\nother: text\n").get_single_node()
    assert [value.tag for _, value in node.value] == ["!tagged", "tag:yaml.org,2002:str"]


def test_a_resolver_for_a_chinese_first_character_is_honoured():
    import re

    class Widened(_Loader):
        yaml_implicit_resolvers = {k: list(v) for k, v in _Loader.yaml_implicit_resolvers.items()}

    Widened.add_implicit_resolver("!yes", re.compile("^是$"), ["是"])
    node = Widened("a: 是\nb: 否\n").get_single_node()
    assert [value.tag for _, value in node.value] == ["!yes", "tag:yaml.org,2002:str"]


def test_a_key_met_again_resolves_as_the_first_time():
    node = _Loader("- true: 1\n  true: 2\n- {null: x, '1': y, 1: z}\n").get_single_node()
    tags = [(k.tag, v.tag) for item in node.value for k, v in item.value]
    assert tags == [("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")] * 2 + [
        ("tag:yaml.org,2002:null", "tag:yaml.org,2002:str"), ("tag:yaml.org,2002:str", "tag:yaml.org,2002:str"),
        ("tag:yaml.org,2002:int", "tag:yaml.org,2002:str")]
