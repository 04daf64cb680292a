"""The Diagnostic's hand-written __init__ (one dictionary update, for speed) against its fields."""

from __future__ import annotations

import dataclasses
import inspect

from lawgov_report.errors import ERROR, Diagnostic


def test_the_init_takes_every_field_in_order_with_its_default():
    fields = dataclasses.fields(Diagnostic)
    parameters = list(inspect.signature(Diagnostic.__init__).parameters.values())[1:]
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [inspect.Parameter.empty if f.default is dataclasses.MISSING
                                              else f.default for f in fields]


def test_a_diagnostic_is_frozen_ordered_and_replaceable():
    one = Diagnostic("r.yaml", 3, 5, ERROR, "year", "年度有误", "改为2020", "bad year")
    assert one == Diagnostic("r.yaml", 3, 5, ERROR, "year", "年度有误", "另一提示")  # hints are not compared
    assert one < Diagnostic("r.yaml", 4, 1)
    assert dataclasses.replace(one, line=9).line == 9 and dataclasses.replace(one, line=9).hint == "改为2020"
    try:
        one.line = 1
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a Diagnostic must be frozen")
    assert hash(one) == hash(Diagnostic("r.yaml", 3, 5, ERROR, "year", "年度有误"))
