"""`neighborshare reports list|show`: the queue and a report's whole case."""

from __future__ import annotations

import json


def test_list_shows_open_reports_oldest_first_with_prior_counts(hood, cli):
    result = cli("reports", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == [hood.report, hood.safety_report]
    assert [r["prior_reports"] for r in rows] == [0, 1]
    assert rows[0]["reported_name"] == "Priya"
    assert rows[0]["age"] == "2h"


def test_list_filters_by_category_user_age_and_status(hood, cli):
    def ids(*args):
        return [r["id"] for r in json.loads(cli("reports", "list", "--json", *args).output)]

    assert ids("--category", "food_safety") == [hood.safety_report]
    assert ids("--user", hood.tom) == []
    assert ids("--older-than", "0.06") == [hood.report]  # 1.44 h: only the 2-hour-old one
    assert ids("--status", "resolved") == []
    assert ids("--status", "all") == [hood.report, hood.safety_report]


def test_list_prints_a_table_for_people(hood, cli):
    result = cli("reports", "list")
    assert result.exit_code == 0
    assert "Priya" in result.output and "harassment" in result.output


def test_list_says_so_when_nothing_matches(hood, cli):
    result = cli("reports", "list", "--category", "spam")
    assert (result.exit_code, result.output.strip()) == (0, "No reports match.")


def test_show_has_exchange_post_evidence_and_both_histories(hood, cli):
    result = cli("reports", "show", hood.report, "--json")
    assert result.exit_code == 0, result.output
    case = json.loads(result.output)
    assert case["report"]["evidence"].startswith("memory://evidence/")
    assert case["exchange"]["id"] == hood.exchange
    assert case["post"]["name"] == "Soup"
    assert case["reported"]["name"] == "Priya"
    assert case["reported"]["reports_against"] == 2
    assert case["reporter"]["name"] == "Tom"
    assert [e["id"] for e in case["reporter"]["recent_exchanges"]] == [hood.exchange]
    assert "phone" not in result.output and "apartment" not in result.output


def test_show_renders_tables(hood, cli):
    result = cli("reports", "show", hood.report)
    assert result.exit_code == 0, result.output
    assert "Reported neighbor" in result.output and "Reporter" in result.output


def test_show_unknown_report_is_refused_in_one_line(hood, cli):
    result = cli("reports", "show", 999)
    assert result.exit_code == 1
    assert result.output.strip() == "Error: There is no report #999."


def test_show_still_works_when_the_evidence_photo_is_gone(hood, cli):
    case = hood.c.casework().case(hood.report)
    hood.c.photo_store().delete(case.report.evidence_ref)
    result = cli("reports", "show", hood.report, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["report"]["evidence"] == "unavailable: That photo is gone."
