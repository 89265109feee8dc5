"""Docs stay honest: every CLI command is in the README and its --help has an example."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def test_commands_exist():
    assert {"ingest", "stories", "story", "events", "entities", "quotes", "export"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_documented_in_readme(name):
    assert f"`newsgraph {name}" in README, f"README has no row for `newsgraph {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_help_has_example(name):
    res = CliRunner().invoke(main, [name, "--help"])
    assert res.exit_code == 0
    assert "Example:" in res.output and f"newsgraph {name}" in res.output
