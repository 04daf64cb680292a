"""Composing a report: Report + template -> Document.

In: a typed Report and a template folder. Out: the format-neutral :class:`~lawgov_report.document.Document`
(title, headings with generated numbers, 一是/二是, the 附件 page), plus the 公文 lint findings. Clerk
texts and template frames run here, sandboxed.
"""
