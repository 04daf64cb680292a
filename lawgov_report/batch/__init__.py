"""A county at once: many report files rendered by worker processes, and the roll-up (汇总.xlsx).

In: report files and folders. Out: each report's files (all or nothing per report) and one summary
workbook; a bad report never stops the others.
"""
