"""Figures (数据): the numbers of a report, each written once and quoted by name.

In: the Report's figures and the template's catalogue (指标目录). Out: every figure's value, derived
ones computed from their formulas (also as Excel formulas), the statistics table (统计表) and which
figures no text quotes. Knows nothing of templates or writers.
"""
