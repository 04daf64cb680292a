"""lawgov-report: the annual report on law-based government (法治政府建设情况报告) as data.

A report is one YAML file; the engine renders it as an official-format .docx (GB/T 9704-2012),
an Excel statistics appendix, and more. The pipeline:

    read (YAML) -> Report -> build with a template -> Document -> write (docx | xlsx | txt)
"""

__version__ = "0.1.0"
