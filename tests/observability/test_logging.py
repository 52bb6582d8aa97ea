"""JSON log lines: the fields the Logstash pipeline parses, routing per log_type, redaction."""

import io
import json
import logging
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborshare.observability.logging import PHONE, LogFiles, configure


@pytest.fixture
def stream():
    out = io.StringIO()
    configure(stream=out, secrets=["s3cr3t-bot-token"])
    yield out
    configure(stream=io.StringIO())


def lines(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_application_lines_carry_the_parsed_fields(stream):
    logging.getLogger("neighborshare.bot").warning("hello %s", "there")
    (entry,) = lines(stream)
    assert entry["message"] == "hello there"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "neighborshare.bot"
    assert entry["log_type"] == "application"
    assert entry["timestamp"].endswith("+00:00")


def test_business_lines_keep_their_metric_fields(stream):
    logging.getLogger("neighborshare.business").info(
        "exchange completed", extra={"metric_type": "food_exchange", "portions": 2}
    )
    (entry,) = lines(stream)
    assert entry["log_type"] == "business_metrics"
    assert entry["metric_type"] == "food_exchange"
    assert entry["portions"] == 2


@pytest.mark.parametrize(
    "phone", ["+447700900123", "+44 7700 900123", "07700900123", "(077) 0090-0123"]
)
def test_phone_numbers_and_secrets_never_reach_the_log(stream, phone):
    logging.getLogger("neighborshare.auth").info("number %s with token s3cr3t-bot-token", phone)
    text = stream.getvalue()
    assert "[phone]" in text and "[secret]" in text
    assert "900123" not in text and "0090-0123" not in text and "s3cr3t" not in text


@pytest.mark.parametrize(
    "text",
    [
        "user 1234567890 on 2026-11-25 got 12 credits",
        "consumer started at 2026-11-25 22:10:53,123 with 2 workers",
    ],
)
def test_dates_timestamps_ids_and_amounts_are_kept(stream, text):
    logging.getLogger("neighborshare.x").info(text)
    assert lines(stream)[0]["message"] == text


def test_files_per_log_type(tmp_path):
    configure(directory=tmp_path)
    try:
        logging.getLogger("neighborshare.access").info("POST /telegram/webhook 200")
        logging.getLogger("neighborshare.x").info("started")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "webhook" in (tmp_path / "access.log").read_text()
        assert "started" in (tmp_path / "application.log").read_text()
        assert "started" not in (tmp_path / "access.log").read_text()
    finally:
        configure(stream=io.StringIO())


def test_each_record_goes_to_its_type_file_only(tmp_path):
    configure(directory=tmp_path)
    try:
        logging.getLogger("neighborshare.access").info("POST /telegram/webhook 200")
        logging.getLogger("neighborshare.services.metrics").info(
            "exchange completed", extra={"log_type": "business_metrics", "portions": 2})
        logging.getLogger("neighborshare.x").info("started")
        logging.getLogger("neighborshare.x").info("elsewhere", extra={"log_type": "no_such"})
        read = {name: (tmp_path / f"{name}.log").read_text().splitlines()
                for name in ("access", "business_metrics", "application")}
    finally:
        configure(stream=io.StringIO())
    assert [json.loads(line)["message"] for line in read["access"]] == [
        "POST /telegram/webhook 200"]
    assert [json.loads(line)["portions"] for line in read["business_metrics"]] == [2]
    assert [json.loads(line)["message"] for line in read["application"]] == ["started"]


def test_configuring_again_closes_the_files_it_opened(tmp_path):
    configure(directory=tmp_path)
    (files,) = [h for h in logging.getLogger().handlers if isinstance(h, LogFiles)]
    configure(stream=io.StringIO())
    assert all(file.closed for file in files._files.values())
    assert not any(isinstance(h, LogFiles) for h in logging.getLogger().handlers)


# The phone pattern in its plain form: the faster one in logging.py must find the same matches.
PLAIN_PHONE = re.compile(r"(?<![\w.])\+?\d[\d\s().-]{6,}\d(?![\w.])")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0123456789+ -.()aZ_\"'/:,\n", max_size=40))
def test_the_phone_pattern_matches_what_its_plain_form_matches(text):
    assert [m.span() for m in PHONE.finditer(text)] == [
        m.span() for m in PLAIN_PHONE.finditer(text)]
