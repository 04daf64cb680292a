"""Year over year: next year's draft from this year's (``new``), what changed between two (``diff``),
and a round of review merged back into the same year's YAML (``merge``).

In: report files (loaded through the pipeline). Out: a new report YAML edited from the old text, a
comparison of figures and texts, a Word redline and a deltas workbook.
"""
