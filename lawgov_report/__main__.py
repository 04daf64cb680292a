"""Entry point for ``python -m lawgov_report``."""

from lawgov_report.cli import main

main()
