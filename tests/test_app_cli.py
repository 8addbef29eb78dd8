"""`annotator review`: a clear error for a wrong path, and a real server on localhost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

from app_helpers import build_db, free_port
from click.testing import CliRunner

from annotator.cli import cli


def test_a_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["review", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such database" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "none.db").exists()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not sqlite")
    result = CliRunner().invoke(cli, ["review", "--db", str(path)])
    assert result.exit_code == 1
    assert "not a SQLite database" in result.output


def test_review_serves_the_app_on_localhost_until_interrupted(tmp_path):
    path = tmp_path / "a.db"
    build_db(path).conn.close()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from annotator.cli import main; main()", "review",
         "--db", str(path), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, body = time.monotonic() + 60, None
        while body != b"ok" and proc.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as r:
                    body = r.read()
            except OSError:
                time.sleep(0.25)
        assert body == b"ok", proc.stdout.read().decode() if proc.poll() is not None else ""
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C, to the CLI and its streamlit child
        try:
            out = proc.communicate(timeout=20)[0].decode()
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out = proc.communicate()[0].decode()
    assert f"http://127.0.0.1:{port}" in out
    assert proc.returncode in (0, 130, -signal.SIGINT)
