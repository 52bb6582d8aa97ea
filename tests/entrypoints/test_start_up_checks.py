"""A production process missing its settings stops at start-up with one message naming them."""

import pytest
from click.testing import CliRunner

from neighborshare.entrypoints.cli import main
from neighborshare.entrypoints.worker import huey_app


@pytest.fixture(autouse=True)
def fresh_worker_container():
    """The worker keeps its container per process; each test here reads its own environment."""
    huey_app.bind(None)
    yield
    huey_app.bind(None)


@pytest.mark.parametrize("command", [["bot"], ["worker"], ["bot", "--polling"]])
def test_production_start_up_names_every_missing_setting(command, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env from the working tree
    monkeypatch.setenv("NEIGHBORSHARE_PROFILE", "production")
    monkeypatch.setenv("NEIGHBORSHARE_LOG_DIR", str(tmp_path / "logs"))
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for name in ("TELEGRAM_TOKEN", "S3_BUCKET", "TWILIO_AUTH_TOKEN", "PHONE_PEPPER"):
        assert f"NEIGHBORSHARE_{name}" in result.output


@pytest.mark.parametrize("command", [["bot", "--polling", "--offline-bot-api"], ["worker"]])
def test_an_unmigrated_database_is_refused_with_the_command_that_fixes_it(
    command, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEIGHBORSHARE_DATABASE_URL", f"sqlite:///{tmp_path}/empty.db")
    monkeypatch.setenv("NEIGHBORSHARE_LOG_DIR", str(tmp_path / "logs"))
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert "run `neighborshare db upgrade` first" in result.output
    assert "Traceback" not in result.output
