"""The pipeline: a report file is loaded, checked, built and written (load -> check -> build -> write).

In: a report YAML file (and the template it names). Out: the checked report with its Document
(``check_file``), or the .docx/.xlsx/.pdf files on disk, all or nothing (``render_file``). ``render``,
``check`` and ``batch`` all go through here, so they find the same mistakes in the same words.
"""

from lawgov_report.compose.templates import resolve_template
from lawgov_report.pipeline.check import Checked, check_file
from lawgov_report.pipeline.load import Loaded, load_report
from lawgov_report.pipeline.render import Rendered, render_file

__all__ = ["Checked", "Loaded", "Rendered", "check_file", "load_report", "render_file", "resolve_template"]
