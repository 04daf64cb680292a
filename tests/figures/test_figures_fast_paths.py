"""The figures' fast paths give what the paths they stand in front of give (issue 18): a figure
plainly in range against typed_problems, a formula's cached names against its tree's."""

from __future__ import annotations

import itertools

import pytest

from lawgov_report.figures.formulas import formula_names, names, parse
from lawgov_report.figures.ranges import _plainly_in_range, typed_problems
from lawgov_report.figures.values import FigureValue
from lawgov_report.source.model import Figure


@pytest.mark.parametrize("unit", ["", "个", "%", "％", "人次"])
@pytest.mark.parametrize("growth", [None, True, False])
@pytest.mark.parametrize("name", ["受理案件数", "同比增长率"])
def test_plainly_in_range_only_where_typed_problems_finds_nothing(unit, growth, name):
    numbers = [-5, -0.5, 0, 0.5, 0.98, 1, 1.5, 98.5, 100, 150]
    for value, previous in itertools.product(numbers, [None, *numbers]):
        figure = Figure(value=value, previous=previous, unit=unit, growth=growth)
        fig = FigureValue(name, figure)
        found = typed_problems(name, name, fig.unit, fig.growth, {"value": fig.value, "previous": fig.previous})
        if _plainly_in_range(fig):
            assert found == [], (value, previous)
        elif unit not in ("%", "％"):  # a count with a unit: skipped only when nothing is negative
            assert found, (value, previous)


@pytest.mark.parametrize("formula", ["结案数 / 受理数 * 100", "a + b - a * (c // 2) ** 2", "-x", "42"])
def test_formula_names_are_the_trees_names(formula):
    assert list(formula_names(formula)) == names(parse(formula))
