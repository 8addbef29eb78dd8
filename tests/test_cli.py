"""The command line: help for every subcommand, and `annotator annotate` on real text."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli

SUBCOMMANDS = ["preannotate", "export", "eval", "annotate", "models", "review"]


def test_help_lists_every_subcommand():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in SUBCOMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", SUBCOMMANDS + ["models info", "models download"])
def test_every_subcommand_has_help(name):
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_annotate_file_prints_json_lines_with_doc_id(sample_path, sample_text):
    result = CliRunner().invoke(cli, ["annotate", str(sample_path)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records and {r["doc_id"] for r in records} == {"aktobe-attack"}
    for r in records:
        assert sample_text[r["content_start"] : r["content_end"]] == r["content"]


def test_annotate_stdin():
    text = "“We will win this match,” coach Peter Novak said on Sunday."
    result = CliRunner().invoke(cli, ["annotate", "-"], input=text)
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.splitlines()[0])
    assert record["doc_id"] == "stdin" and record["kind"] == "direct"


def test_annotate_bad_input_is_a_clear_error(tmp_path):
    missing = CliRunner().invoke(cli, ["annotate", str(tmp_path / "nope.txt")])
    assert missing.exit_code != 0 and "no such file" in missing.output
    binary = tmp_path / "latin1.txt"
    binary.write_bytes("caf\xe9 said".encode("latin-1"))
    result = CliRunner().invoke(cli, ["annotate", str(binary)])
    assert result.exit_code != 0 and "not UTF-8" in result.output
