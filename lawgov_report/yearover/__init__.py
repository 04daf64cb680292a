"""Year over year: next year's draft from this year's (``new``), and what changed between two (``diff``).

In: report files (loaded through the pipeline). Out: a new report YAML edited from the old text, a
comparison of figures and texts, a Word redline and a deltas workbook.
"""
