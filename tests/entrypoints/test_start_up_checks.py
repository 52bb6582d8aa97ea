"""A production process missing its settings stops at start-up with one message naming them."""

import pytest
from click.testing import CliRunner

from neighborshare.entrypoints.cli import main


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
