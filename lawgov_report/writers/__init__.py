"""Writers: a Document becomes a .docx (official format, or a redline with tracked changes); figures
become SpreadsheetML (.xlsx).

In: a Document, or figure values. Out: bytes. The OOXML is written directly (``ooxml``, ``package``,
``spreadsheet``): measured 50-100 times faster than building it through python-docx or openpyxl.
Writers never import readers.
"""
