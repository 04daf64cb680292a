"""Reading a report file: bytes -> text -> YAML with positions -> typing slips -> typed Report.

In: the bytes of a report YAML (UTF-8, GBK/GB18030 or UTF-16). Out: a :class:`~.model.Report`
and the :class:`~.yamlsource.Source` that locates every value (file:line:col), or every mistake as
located diagnostics. Also the JSON Schema editors complete keys with (``schema``).
"""
