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
import re
from dataclasses import dataclass, field
from pathlib import Path

from lawgov_report.errors import ReportError

DEFAULT_TEMPLATE = "annual-report"
METADATA = "template.yaml"
_MAX_NAME = 100  # characters of a template name: longer ones are no folder's name on any file system
_MAX_FRAME_OUTPUT = 50_000_000  # characters a document frame may produce
_MAX_FRAME_WORK = 10_000_000  # loop iterations, items and characters made or walked (a 1.9 MB report: 2.6 M)
_MAX_REFERENCE = 20_000_000  # bytes of a reference.docx (styles and page setup are a few hundred KB)


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
        """The first of the template folders' files named ``filename``, only if it really lies inside
        that folder once symlinks are resolved."""
        for folder in self.folders:
            candidate = inside(folder, str(filename))
            if candidate is not None:
                return candidate
        return None

    @functools.cached_property
    def jinja(self):
        """The sandboxed, autoescaping Jinja environment for this template's document files."""
        return frame_environment(self.folders, self.meta.get("document", "report.xml.j2"))

    def render_frame(self, view: dict, sections=None) -> str:
        """The document frame rendered with ``view``, its work and output bounded.

        ``sections`` (framesections.SectionReferences) takes the sections the shipped macro would
        write as references, and counts the output they stand for."""
        from jinja2.sandbox import SecurityError

        frame = self.document_template
        env = self.jinja
        env.start()
        env.section_references = sections
        out, size = [], 0
        # Template.generate, with the context in hand: a recursive macro and the context refer to
        # each other, so once rendered the context is emptied, or the whole view (every section and
        # figure) would wait for the garbage collector instead of being freed at once.
        context = frame.new_context(view)
        try:
            for piece in frame.root_render_func(context):
                size += len(piece)
                if size > _MAX_FRAME_OUTPUT or (sections is not None and size + sections.represented > _MAX_FRAME_OUTPUT):
                    raise SecurityError("生成的文档过长")
                out.append(piece)
        except SecurityError:
            raise
        except Exception:
            frame.environment.handle_exception()  # re-raises with the template's own line numbers
        finally:
            context.vars.clear()
            context.parent.clear()
            env.section_references = None
        return "".join(out)

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
        except (RecursionError, MemoryError):
            raise ReportError.single(str(self.folders[0] / name), "模板文件嵌套太深（extends 或 include 引用了自己？）",
                                     message_en="template nested too deeply") from None

    @property
    def reference_path(self) -> Path | None:
        """Where the reference .docx is (in this template's folder or an ancestor's)."""
        return self.find(self.meta.get("reference", "reference.docx"))

    @functools.cached_property
    def reference_docx(self) -> bytes:
        """The bytes of the reference .docx (styles and page setup)."""
        path = self.reference_path
        if path is None:
            raise ReportError.single(str(self.folders[0]), "模板缺少 reference.docx（样式参考文件）")
        try:
            if path.stat().st_size > _MAX_REFERENCE:
                raise ReportError.single(str(path), f"样式参考文件过大（超过 {_MAX_REFERENCE // 1_000_000} MB）",
                                         hint="reference.docx 只应有样式和页面设置，删去其中的正文和图片",
                                         message_en="reference.docx too large")
            return path.read_bytes()
        except OSError as exc:
            raise ReportError.single(str(path), f"无法读取样式参考文件：{exc.strerror or exc}",
                                     message_en=f"cannot read: {exc}") from None

    def option(self, key: str, default=None):
        return self.meta.get(key, default)


def inside(folder: Path, relative: str) -> Path | None:
    """``folder/relative`` if it is a file that, symlinks resolved, lies inside ``folder``; else None.

    A template comes from someone else's machine: ``include "../../etc/passwd"``, an absolute path or
    a symlink in its folder must not read what lies outside it."""
    root = os.path.realpath(folder)
    try:
        target = os.path.realpath(os.path.join(root, relative))
        if os.path.commonpath([root, target]) != root or not os.path.isfile(target):
            return None
    except (OSError, ValueError):  # a name too long, a NUL byte, another drive
        return None
    return Path(target)


def frame_environment(folders: list[Path], document: str | None = None):
    """The sandboxed Jinja environment of document frames, loading only files inside ``folders``;
    the ``document`` frame's shipped section macro stands in for itself (framesections.py)."""
    from jinja2 import BaseLoader, StrictUndefined, TemplateAssertionError, TemplateNotFound, nodes
    from jinja2.sandbox import SandboxedEnvironment

    from lawgov_report.compose import framesections
    from lawgov_report.compose.sandbox import BoundedWork

    class ConfinedLoader(BaseLoader):
        """Like Jinja's FileSystemLoader, but what it opens must lie inside a template folder."""

        def get_source(self, environment, template):
            for folder in folders:
                path = inside(folder, template) if not os.path.isabs(template) else None
                if path is not None:
                    try:
                        text = path.read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError):
                        continue
                    mtime = path.stat().st_mtime
                    return text, str(path), lambda: path.exists() and path.stat().st_mtime == mtime
            raise TemplateNotFound(f"{template}（模板只能使用模板文件夹里的文件）")

    class FrameSandbox(BoundedWork, SandboxedEnvironment):
        """Every {% for %} of a frame spends from the work budget, as do repetition and filters."""

        work_limit = _MAX_FRAME_WORK
        intercepted_binops = frozenset({"*", "+", "**"})

        def call_binop(self, context, operator, left, right):
            self.check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

        section_references = None  # the rendering's framesections.SectionReferences

        def _parse(self, source, name, filename):
            ast = super()._parse(source, name, filename)
            for used in ast.find_all(nodes.Filter):
                # The filters the stand-in section macro calls are the engine's, put in below: a frame
                # that names one could print a section's reference many times over, its cost counted
                # once, or forge one. It is refused as Jinja refuses a filter it does not know.
                if used.name in _SECTION_FILTERS:
                    raise TemplateAssertionError(f"No filter named {used.name!r}.", used.lineno, name, filename)
            if name is not None and name == document:
                framesections.stand_in(ast, self.shipped_section_macro)
            # A filter, not a call of a global: Jinja calls a filter directly, where a call goes through
            # the sandbox's checks (1,900 loops a 50x report), and no template variable can shadow it.
            for loop in ast.find_all(nodes.For):
                loop.iter = nodes.Filter(loop.iter, "__bounded_iter__", [], [], None, None, lineno=loop.lineno)
            for parent in ast.find_all(nodes.Node):  # ``a ~ b`` is no operator Jinja lets a sandbox intercept
                for field, value in parent.iter_fields():
                    if isinstance(value, nodes.Concat):
                        setattr(parent, field, _bounded_concat(value))
                    elif isinstance(value, list):
                        value[:] = [_bounded_concat(v) if isinstance(v, nodes.Concat) else v for v in value]
            ast.set_environment(self)
            return ast

        def getattr(self, obj, attribute):
            # ``section.title`` of the view's dicts: what Jinja's getattr gives (a dict has no such
            # attribute, so the item), without raising and catching an AttributeError for every one.
            if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

        def bounded_iter(self, iterable):
            limit = self.work_limit
            for item in iterable:
                # spend(1), inline: a 50x report's frame walks 4,600 items, and the call was a fifth of it
                self.work += 1
                if self.work > limit:
                    self.spend(0)  # raises spend()'s own error
                yield item

        @functools.cached_property
        def shipped_section_macro(self):
            return super()._parse(framesections.SECTION_MACRO, None, None).body[0]

        def section_reference(self, section):
            references = self.section_references
            return references.take(self, section) if references is not None else None

        def section_written(self, section):
            if self.section_references is not None:
                self.section_references.written()
            return ""

        def bounded_concat(self, *parts):
            from jinja2.runtime import markup_join

            return self._spend_result(markup_join(parts))

    def _bounded_concat(node):
        return nodes.Call(nodes.Name("__bounded_concat__", "load", lineno=node.lineno), list(node.nodes), [], None,
                          None, lineno=node.lineno)

    env = FrameSandbox(loader=ConfinedLoader(), undefined=StrictUndefined, autoescape=True, trim_blocks=True,
                       lstrip_blocks=True, auto_reload=False)
    env.globals.update({"__bounded_concat__": env.bounded_concat, "range": env.bounded_range})
    env.globals.pop("lipsum", None)  # lorem ipsum of any length: no frame needs it
    env.filters = {name: env.bounded_filter(f) for name, f in env.filters.items()}
    env.filters["__bounded_iter__"] = env.bounded_iter  # spends one per item itself
    env.filters["__section_reference__"] = env.section_reference  # spends what it stands for itself
    env.filters["__section_written__"] = env.section_written
    return env


_DICT_ATTRIBUTES = frozenset(dir(dict))
_SECTION_FILTERS = frozenset({"__section_reference__", "__section_written__"})  # (framesections.stand_in's)


def _read_meta(folder: Path) -> dict:
    from lawgov_report.source.yamlsource import load_file

    meta_file = folder / METADATA
    if not meta_file.is_file():
        return {}
    source = load_file(meta_file)
    data = source.data
    if not isinstance(data, dict):
        raise ReportError.single(str(meta_file), "模板元数据应是键值对", 1, 1)
    problems = meta_problems(source)
    if problems:
        raise ReportError(problems)
    return data


def meta_problems(source) -> list:
    """What is wrong in a template.yaml, each at its line: options of the wrong type would otherwise
    be taken silently (``appendix: "no"`` is a true string, ``run_in: abc`` a list of letters)."""
    data, problems = source.data, []

    def wrong(key, message, hint, en):
        problems.append(source.diagnostic((key,), message, hint=hint, message_en=en))

    parent = data.get("extends")
    if parent not in (None, "") and (not isinstance(parent, str) or len(parent) > _MAX_NAME or parent.startswith(".")
                                     or any(ch in parent for ch in "/\\:\0")):
        wrong("extends", f"extends 应写一个模板的名称（如 annual-report），不能写“{str(parent)[:40]}”",
              "extends 只写模板名称，不写路径", "extends must name a template")
    if "appendix" in data and not isinstance(data["appendix"], bool):
        wrong("appendix", f"appendix 应是 true 或 false，不是“{data['appendix']}”", "写 appendix: false（不要加引号）",
              "appendix must be true or false")
    run_in = data.get("run_in")
    if run_in is not None and not isinstance(run_in, bool) and not (
            isinstance(run_in, list) and run_in and all(isinstance(v, bool) for v in run_in)):
        wrong("run_in", f"run_in 应是 true/false，或各级标题的 true/false 列表，不是“{str(run_in)[:40]}”",
              "如 run_in: [false, true, true, true]", "run_in must be a boolean or a list of booleans")
    title = data.get("title")
    if title is not None and not (isinstance(title, str) or (
            isinstance(title, list) and title and all(isinstance(t, str) for t in title))):
        wrong("title", "title 应是一行文字或每行一项的文字列表", '如 title: ["{{ issuer }}", "关于{{ year }}年度……的报告"]',
              "title must be text or a list of texts")
    for key in ("document", "reference", "appendix_title", "name"):
        if key in data and not isinstance(data[key], str):
            wrong(key, f"{key} 应是文字（文件名或名称）", "给它加上引号", f"{key} must be text")
    for key in ("title", "appendix_title", "label"):  # texts that end up in the document
        for text in title if key == "title" and isinstance(title, list) else [data.get(key)]:
            bad = _CONTROL.search(text) if isinstance(text, str) else None
            if bad:
                wrong(key, f"含有不可见的控制字符（U+{ord(bad.group()):04X}）", "删除引号里的 \\a、\\x07 之类的转义",
                      "control character")
                break
    return problems


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _resolve_folder(name_or_dir: str, dirs: list[Path]) -> Path:
    as_path = Path(name_or_dir)
    if len(name_or_dir) > _MAX_NAME and not as_path.is_absolute() and not name_or_dir.startswith("."):
        raise ReportError.single(name_or_dir[:40] + "…", f"模板名称过长（超过 {_MAX_NAME} 个字符）",
                                 message_en="template name too long")
    try:
        if (os.sep in name_or_dir or "/" in name_or_dir or name_or_dir.startswith(".")) or (
                as_path.is_dir() and (as_path / METADATA).is_file()):
            if as_path.is_dir() and (as_path / METADATA).is_file():
                return as_path.resolve()
            if as_path.is_dir():
                raise ReportError.single(name_or_dir, f"这个文件夹不是模板：其中没有 {METADATA}",
                                         hint="模板文件夹应有 template.yaml、report.xml.j2 和 reference.docx",
                                         message_en=f"not a template folder: no {METADATA}")
            raise ReportError.single(name_or_dir, "找不到模板文件夹", message_en="template folder not found")
        for base in dirs:
            candidate = base / name_or_dir
            if candidate.is_dir():
                return candidate.resolve()
    except (OSError, ValueError) as exc:  # a name no file system accepts
        raise ReportError.single(name_or_dir[:40], "模板名称无效", message_en=f"invalid template name: {exc}") from None
    available = sorted({p.name for d in dirs if d.is_dir() for p in d.iterdir() if (p / METADATA).is_file()})
    raise ReportError.single(name_or_dir, f"找不到模板“{name_or_dir}”",
                             hint="可用的模板：" + "、".join(available),
                             message_en=f"template {name_or_dir!r} not found")


def _extends(meta: dict, folder: Path) -> str | None:
    """The name of the template ``meta`` extends (checked by :func:`meta_problems`: a name, never a path)."""
    return meta.get("extends") or None


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
        current = _extends(meta, folder)
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
    if template or not loaded.report.template:
        return load_template(name, template_dirs)
    try:  # the report chose it: a broken choice is the report's mistake, shown at its template: line
        tpl = load_template(name, template_dirs)
        tpl.document_template
        return tpl
    except ReportError as exc:
        first = exc.diagnostics[0]
        raise ReportError([loaded.source.diagnostic(
            ("template",), f"模板“{loaded.report.template[:60]}”无法使用：{first.message}"
                           + (f"（{first.file}:{first.line}）" if first.line else ""),
            hint="删除这一行以使用默认模板，或写一个可用的模板名称（如 annual-report）",
            message_en=f"template {loaded.report.template!r} unusable: {first.message_en or first.message}")]) from None
