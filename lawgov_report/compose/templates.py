"""Templates: where they are found, what their metadata says, and their compiled Jinja files.

A template is a folder ``templates/<name>/`` with ``template.yaml`` (metadata: title pattern, run-in
defaults, figure catalogue, what it extends), ``reference.docx`` (page setup and named styles only,
editable in Word or WPS) and Jinja files. A name is looked up in an ordered search path: the
folders given with ``--template-dir``, then ``./templates``, then the templates shipped in the
package; a template that ``extends`` another finds every file it does not have in its parent.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.errors import ReportError

DEFAULT_TEMPLATE = "annual-report"
METADATA = "template.yaml"


def packaged_templates_dir() -> Path:
    """The folder of templates shipped with the package (the repo's templates/ when run from a checkout)."""
    from importlib.resources import files

    # The wheel ships templates/ inside the package (lawgov_report/templates); a checkout has it beside.
    installed = Path(str(files("lawgov_report") / "templates"))
    if (installed / DEFAULT_TEMPLATE).is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "templates"


def search_path(extra: tuple[str, ...] = ()) -> list[Path]:
    """The ordered folders in which template names are looked up."""
    dirs = [Path(d) for d in extra]
    local = Path.cwd() / "templates"
    if local.is_dir():
        dirs.append(local)
    dirs.append(packaged_templates_dir())
    return dirs


@dataclass
class Template:
    """A loaded template: its folders (own first, then its ancestors') and merged metadata."""

    name: str
    folders: list[Path]
    meta: dict = field(default_factory=dict)

    def find(self, filename: str) -> Path | None:
        for folder in self.folders:
            candidate = folder / filename
            if candidate.is_file():
                return candidate
        return None

    @functools.cached_property
    def jinja(self):
        """The sandboxed, autoescaping Jinja environment for this template's document files."""
        from jinja2 import FileSystemLoader, StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        return SandboxedEnvironment(
            loader=FileSystemLoader([str(f) for f in self.folders]),
            undefined=StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True,
            auto_reload=False,
        )

    @functools.cached_property
    def document_template(self):
        """The compiled document frame (compiled once per process, reused for every report)."""
        from jinja2 import TemplateError, TemplateNotFound

        name = self.meta.get("document", "report.xml.j2")
        try:
            return self.jinja.get_template(name)
        except TemplateNotFound:
            raise ReportError.single(str(self.folders[0]), f"模板文件夹中没有文档框架文件 {name}",
                                     hint="模板文件夹应有 template.yaml、report.xml.j2 和 reference.docx",
                                     message_en=f"{name} not found in the template folders") from None
        except TemplateError as exc:
            lineno = getattr(exc, "lineno", 0) or 0
            file = getattr(exc, "filename", None) or name
            raise ReportError.single(str(file), f"模板文件有误：{exc}", lineno, 0,
                                     message_en=f"template error: {exc}") from None

    @functools.cached_property
    def reference_docx(self) -> bytes:
        """The bytes of the reference .docx (styles and page setup)."""
        path = self.find(self.meta.get("reference", "reference.docx"))
        if path is None:
            raise ReportError.single(str(self.folders[0]), "模板缺少 reference.docx（样式参考文件）")
        return path.read_bytes()

    def option(self, key: str, default=None):
        return self.meta.get(key, default)


def _read_meta(folder: Path) -> dict:
    from lawgov_report.source.yamlsource import load_file

    meta_file = folder / METADATA
    if not meta_file.is_file():
        return {}
    data = load_file(meta_file).data
    if not isinstance(data, dict):
        raise ReportError.single(str(meta_file), "模板元数据应是键值对", 1, 1)
    return data


def _resolve_folder(name_or_dir: str, dirs: list[Path]) -> Path:
    as_path = Path(name_or_dir)
    if (os.sep in name_or_dir or "/" in name_or_dir or name_or_dir.startswith(".")) or (
            as_path.is_dir() and (as_path / METADATA).is_file()):
        if as_path.is_dir():
            return as_path.resolve()
        raise ReportError.single(name_or_dir, "找不到模板文件夹", message_en="template folder not found")
    for base in dirs:
        candidate = base / name_or_dir
        if candidate.is_dir():
            return candidate.resolve()
    available = sorted({p.name for d in dirs if d.is_dir() for p in d.iterdir() if (p / METADATA).is_file()})
    raise ReportError.single(name_or_dir, f"找不到模板“{name_or_dir}”",
                             hint="可用的模板：" + "、".join(available),
                             message_en=f"template {name_or_dir!r} not found")


@functools.lru_cache(maxsize=32)
def _load(name_or_dir: str, extra: tuple[str, ...], cwd: str) -> Template:
    dirs = search_path(extra)
    folders: list[Path] = []
    metas: list[dict] = []
    current = name_or_dir
    while current:
        folder = _resolve_folder(current, dirs if not folders else [folders[-1].parent, *dirs])
        if folder in folders:
            raise ReportError.single(str(folder), "模板的 extends 形成了循环")
        meta = _read_meta(folder)
        folders.append(folder)
        metas.append(meta)
        current = meta.get("extends")
    merged: dict = {}
    catalogue: dict = {}
    for meta in reversed(metas):
        merged.update(meta)
        if isinstance(meta.get("figures"), dict):  # the 指标目录 adds up along extends (catalogue.py)
            for key, entry in meta["figures"].items():
                catalogue[key] = {**catalogue.get(key, {}), **(entry if isinstance(entry, dict) else {})}
    if catalogue:
        merged["figures"] = catalogue
    merged["name"] = metas[0].get("name", folders[0].name)
    return Template(merged["name"], folders, merged)


def load_template(name_or_dir: str | None = None, template_dirs: tuple[str, ...] = ()) -> Template:
    """Find and load a template by name or folder; cached, so a batch compiles it once."""
    return _load(name_or_dir or DEFAULT_TEMPLATE, tuple(template_dirs), os.getcwd())


def resolve_template(loaded, template: str | None, template_dirs: tuple[str, ...] = ()) -> Template:
    """The template named on the command line, else the report's own, else the default.

    ``loaded`` is a loaded report: its ``report`` and the ``source`` it came from (to locate errors)."""
    name = template or loaded.report.template
    if name and not template and loaded.report.template and not Path(name).is_absolute() and "/" in name:
        name = str((Path(loaded.source.file).parent / name).resolve())
    tpl = load_template(name, template_dirs)
    if template or not loaded.report.template:
        return tpl
    try:  # the report chose it: a broken choice is the report's mistake, shown at its template: line
        tpl.document_template
        return tpl
    except ReportError as exc:
        first = exc.diagnostics[0]
        raise ReportError([loaded.source.diagnostic(
            ("template",), f"模板“{loaded.report.template}”无法使用：{first.message}",
            hint="删除这一行以使用默认模板，或写一个可用的模板名称（如 annual-report）",
            message_en=f"template {loaded.report.template!r} unusable: {first.message_en or first.message}")]) from None
