"""The hostile-input corpus (tests/corpus/hostile): what a hostile or careless user tries, each answered
as the project promises.

Each folder is one probe: ``case.yaml`` says what it is (``about``), the command(s) to ``run``, the
``exit`` code of each, a ``keyword`` (or several) the output must contain, the ``report`` to write
(fields over a small valid report), the .docx files to ``build`` (tests/support/hostile_docx.py),
``symlinks`` to make and files that must stay ``absent``. Every probe runs through the real CLI
(``python -m lawgov_report``) in a copy of its folder, under a 20-second timeout and a 2 GB address
space, beside a secret file outside every template folder, with a user's own files already in the
output folder. For every probe: no traceback, the expected exit codes, the secret in no output, the
inputs and the user's files untouched, and for each report all its outputs or none.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from support import hostile_docx

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "hostile"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "case.yaml").is_file())
SECRET = "TOPSECRET-7f3a9c-不应出现"
LIMIT_SECONDS = 20
LIMIT_BYTES = 2 << 30
USER_FILES = {"out/用户的笔记.txt": "我自己的文件", "out/.我的草稿.tmp": "我自己的临时文件"}

REPORT = """issuer: {issuer}
year: 2020
preamble:
  - {preamble}
sections:
  - title: 主要工作
    paragraphs:
      - "{text}"
figures:
  甲: 9
{figures}{extra}"""


def report_text(fields: dict) -> str:
    values = {"issuer": "某县人民政府", "preamble": '"现将有关情况报告如下："', "text": "开展工作{{ 甲 }}次。",
              "figures": "", "extra": ""}
    values.update(fields or {})
    return REPORT.format(**values)


def _limits():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "lawgov_report", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=LIMIT_SECONDS, preexec_fn=_limits, env=env)


def prepare(case: Path, tmp_path: Path) -> tuple[Path, dict]:
    """A copy of the probe's folder at tmp/case, the secret at tmp/secret.txt, the user's files planted."""
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    work = tmp_path / "case"
    shutil.copytree(case, work)
    (work / "case.yaml").unlink()
    for path in work.rglob("*"):
        if path.is_file():
            path.write_text(path.read_text(encoding="utf-8").replace("@SECRET@", str(secret).lstrip("/")),
                            encoding="utf-8")
    if "report" in spec:
        (work / "report.yaml").write_text(report_text(spec["report"]), encoding="utf-8")
    for rel, kind in (spec.get("build") or {}).items():
        target = work / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "report":
            target.write_text(report_text({}), encoding="utf-8")
        elif kind == "external-entity":
            hostile_docx.external_entity(target, secret)
        else:
            hostile_docx.BUILDERS[kind](target)
    for rel, points_to in (spec.get("symlinks") or {}).items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(points_to, work / rel)
    for rel, text in USER_FILES.items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / rel).write_text(text, encoding="utf-8")
    return work, spec


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def contents(path: Path) -> str:
    """A file's text, a zip's parts included (docx, xlsx)."""
    raw = path.read_bytes()
    if raw.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as zf:
                return "".join(zf.read(i).decode("utf-8", "replace") for i in zf.infolist() if i.file_size < 50_000_000)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError):
            pass
    return raw.decode("utf-8", "replace")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case, tmp_path):
    work, spec = prepare(case, tmp_path)
    before = snapshot(work)
    runs = spec["run"] if isinstance(spec["run"][0], list) else [spec["run"]]
    outputs = []
    for args, expected in zip(runs, spec["exit"]):
        try:
            result = run_cli(args, work)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{case.name}: {args[0]} ran past {LIMIT_SECONDS} s")
        output = result.stdout + result.stderr
        outputs.append(output)
        assert "Traceback" not in output and "MemoryError" not in output, output[-3000:]
        assert result.returncode == expected, f"{args}: exit {result.returncode}, expected {expected}\n{output[-3000:]}"
    keywords = spec.get("keyword") or []
    for keyword in [keywords] if isinstance(keywords, str) else keywords:
        assert keyword in outputs[-1], f"{keyword!r} not in:\n{outputs[-1][-3000:]}"
    # nothing outside the template folders was read into any output
    assert all(SECRET not in out for out in outputs)
    written = [p for p in work.rglob("*") if p.is_file() and not p.is_symlink()
               and str(p.relative_to(work)) not in before]
    for path in written:
        assert SECRET not in contents(path), f"the secret leaked into {path}"
    # the inputs and the user's own files are untouched
    after = snapshot(work)
    changed = [rel for rel, digest in before.items() if after.get(rel) != digest]
    assert not changed, f"changed or deleted: {changed}"
    # every report has all its outputs or none, and no temporary file is left behind
    stems_docx = {p.with_suffix("") for p in written if p.suffix == ".docx" and p.parent.name != "case"}
    stems_xlsx = {p.with_suffix("") for p in written if p.suffix == ".xlsx" and p.name != "汇总.xlsx"
                  and p.parent.name != "case"}
    assert stems_docx == stems_xlsx, f"half-written reports: {stems_docx ^ stems_xlsx}"
    assert not [p for p in written if p.name.endswith(".tmp")], written
    for rel in spec.get("absent") or []:
        assert not (work / rel).exists(), f"{rel} was written"


def test_corpus_covers_the_issue():
    assert len(CASES) >= 50
    about = [yaml.safe_load((c / "case.yaml").read_text(encoding="utf-8"))["about"] for c in CASES]
    assert all(about)
