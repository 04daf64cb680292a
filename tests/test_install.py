"""A fresh virtual environment, a non-editable install, and a render from another directory."""

from __future__ import annotations

import subprocess
import sys
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
