"""LibreOffice and poppler: .docx -> PDF with free stand-ins for the official fonts, PDF -> page images.

In: .docx files already written. Out: PDFs and PNG previews. Nothing here reads a report.
"""
