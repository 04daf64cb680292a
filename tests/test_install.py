"""A fresh virtual environment, a non-editable install, and a render from another directory."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile

import pytest


@pytest.fixture(scope="module")
def wheel(root, tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(dist), str(root)], check=True, timeout=300)
    return next(dist.glob("lawgov_report-*.whl"))


def test_wheel_ships_the_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for part in ("template.yaml", "reference.docx", "report.xml.j2"):
        assert f"lawgov_report/templates/annual-report/{part}" in names


def test_fresh_venv_install_and_render(wheel, example, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", str(wheel)], check=True, timeout=600)
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import lawgov_report; print(lawgov_report.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    assert str(venv) in where
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    result = subprocess.run([str(venv / "bin" / "lawgov-report"), "render", str(example), "-o", "out"],
                            cwd=empty, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (empty / "out" / "lushan-2020.docx").exists()


@pytest.fixture(scope="module")
def sdist(root, tmp_path_factory):
    dist = tmp_path_factory.mktemp("sdist")
    built = subprocess.run([sys.executable, "-m", "build", "--sdist", "-o", str(dist), str(root)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    return next(dist.glob("lawgov_report-*.tar.gz")), built.stdout + built.stderr


def test_sdist_builds_without_deprecation_and_carries_what_its_tests_need(sdist):
    archive, log = sdist
    assert "deprecat" not in log.lower(), log
    names = {name.split("/", 1)[1] for name in tarfile.open(archive).getnames() if "/" in name}
    for needed in ("examples/lushan-2020.yaml", "seeds/lushan-2020-report.txt", "tests/support/__init__.py",
                   "tests/corpus/check/duplicate-key.yaml", "templates/annual-report/reference.docx",
                   "tests/conftest.py", "pyproject.toml"):
        assert needed in names, needed


def test_sdist_installed_passes_its_tests(sdist, tmp_path):
    archive, _log = sdist
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="data")
    unpacked = next(p for p in tmp_path.iterdir() if p.name.startswith("lawgov_report-"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"{archive}[test]"], check=True, timeout=600)
    # venv/bin/pytest, not `python -m pytest`: the package must come from the install, not the folder
    result = subprocess.run([str(venv / "bin" / "pytest"), "-q", "-p", "no:cacheprovider",
                             "tests/writers/test_golden.py", "tests/pipeline/test_check_corpus.py"],
                            cwd=unpacked, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout
