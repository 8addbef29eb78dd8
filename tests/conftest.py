"""Shared fixtures: the sample article, its gold attributions, the real shipped models."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "seeds" / "aktobe-attack.txt"
GOLD = DATA / "aktobe-attack.gold.jsonl"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return GOLD


@pytest.fixture
def no_network(monkeypatch):
    """Make every outgoing connection fail, as on an air-gapped machine."""

    def refuse(*args, **kwargs):
        raise OSError("network access blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


@pytest.fixture(scope="session")
def sample_analysis(sample_text):
    """The engine's analysis of the sample article, computed once per test session."""
    from annotator import engine

    return engine.analyse(sample_text)
