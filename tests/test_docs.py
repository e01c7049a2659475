"""Docs that stay true: the CLI reference, the dependency list and the README's commands."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT

from sitreps.cli.reference import render


def test_cli_reference_is_current():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == render(), "docs/cli.md is stale: run `python -m sitreps.cli.reference > docs/cli.md`"


def test_every_dependency_is_explained():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + project["optional-dependencies"]["test"]
    text = (ROOT / "docs" / "dependencies.md").read_text(encoding="utf-8").lower()
    for dep in deps:
        name = re.split(r"[<>=\[ ;]", dep, maxsplit=1)[0].lower()
        assert f"`{name}`" in text, f"{name} is not explained in docs/dependencies.md"


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", readme, re.S)
    assert blocks and blocks[0].strip().splitlines()[0].strip() == "make demo"
    assert blocks[1].strip().splitlines()[0].strip() == "make test"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
