"""How the benches ask render for the .docx alone (the xlsx appendix is measured separately)."""

DOCX_ONLY: list[str] = ["--no-xlsx"]
DOCX_ONLY_KW: dict = {"formats": ("docx",)}  # render_file writes the .xlsx too by default
