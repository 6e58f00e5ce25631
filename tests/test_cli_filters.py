"""Filters of the listing commands: comma lists, --not-type, --tag, --people, --on, --within
(issue 14, conventions). Run on the shipped log and on events added by hand."""

from __future__ import annotations

import json

import pytest

from tracker.temporal.partial import PartialDate


def rows(cli, *args) -> list[dict]:
    result = cli("timeline", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ids(found: list[dict]) -> set[str]:
    return {r["id"] for r in found}


def test_comma_lists_are_repeated_options(cli):
    assert ids(rows(cli, "-t", "partnership,trial")) == ids(rows(cli, "-t", "partnership", "-t", "trial"))
    assert {r["type"] for r in rows(cli, "-t", "Partnership, trial")} == {"partnership", "trial"}
    both = rows(cli, "-c", "zte,huawei")
    assert ids(both) == ids(rows(cli, "-c", "ZTE", "-c", "Huawei"))
    assert ids(rows(cli, "-c", "zte")) < ids(both) and ids(rows(cli, "-c", "huawei")) < ids(both)


def test_an_unknown_name_in_a_comma_list_is_a_usage_error(cli):
    result = cli("timeline", "-c", "zte,nosuchco")
    assert result.exit_code == 2 and "nosuchco" in result.stderr
    result = cli("timeline", "-t", "trial,nosuchtype")
    assert result.exit_code == 2 and "nosuchtype" in result.stderr


def test_not_type_leaves_types_out(cli):
    everything = rows(cli)
    without = rows(cli, "--not-type", "other,statement")
    assert without and not {r["type"] for r in without} & {"other", "statement"}
    assert len(without) == len([r for r in everything if r["type"] not in ("other", "statement")])


@pytest.fixture
def hand_log(cli):
    """Three events added by hand with tags and people the shipped log does not use."""
    for company, when, tag, person in (
        ("ZTE", "2017-08-02", "zebra-tag", "Ada Quill"),
        ("ZTE", "2017", "zebra-tag", "Bo Quill"),
        ("Huawei", "2017-Q3", "yak-tag", "Ada Lovelace-Quill"),
    ):
        result = cli("add", "-c", company, "-t", "trial", "-d", when, "--title", f"{company} {when} {tag}", "--tag", tag, "-p", person)
        assert result.exit_code == 0, result.stderr
    return cli


def test_tag_and_people_filters(hand_log):
    cli = hand_log
    assert {r["title"] for r in rows(cli, "--tag", "Zebra-Tag")} == {"ZTE 2017-08-02 zebra-tag", "ZTE 2017 zebra-tag"}
    assert len(rows(cli, "--tag", "zebra-tag,yak-tag")) == 3
    assert {r["people"][0] for r in rows(cli, "--people", "ada")} == {"Ada Quill", "Ada Lovelace-Quill"}
    assert len(rows(cli, "-p", "quill", "--tag", "yak-tag")) == 1


def test_within_keeps_only_events_inside_the_window(hand_log):
    cli = hand_log
    overlapping = {r["title"] for r in rows(cli, "--on", "2017-Q3", "--tag", "zebra-tag,yak-tag")}
    inside = {r["title"] for r in rows(cli, "--on", "2017-Q3", "--within", "--tag", "zebra-tag,yak-tag")}
    assert overlapping == {"ZTE 2017-08-02 zebra-tag", "ZTE 2017 zebra-tag", "Huawei 2017-Q3 yak-tag"}
    assert inside == {"ZTE 2017-08-02 zebra-tag", "Huawei 2017-Q3 yak-tag"}


def test_within_on_the_shipped_log_is_a_subset_inside_the_window(cli):
    overlapping = rows(cli, "--since", "2017-07", "--until", "2017-09")
    inside = rows(cli, "--since", "2017-07", "--until", "2017-09", "-w")
    assert inside and ids(inside) < ids(overlapping)
    for row in inside:
        when = PartialDate.parse(row["date"])
        assert str(when.start) >= "2017-07-01" and str(when.end) <= "2017-09-30"


def test_on_is_since_and_until(cli):
    assert ids(rows(cli, "--on", "May 2017")) == ids(rows(cli, "--since", "May 2017", "--until", "May 2017"))


@pytest.mark.parametrize(
    "args, message",
    [
        (("--within",), "--within needs a window"),
        (("--on", "2017", "--since", "2016"), "--on cannot be used with --since or --until"),
        (("-t", ","), "--type names nothing"),
        (("-c", " , "), "--company names nothing"),
        (("--tag", ""), "--tag names nothing"),
    ],
)
def test_filter_misuse_is_one_line_exit_2(cli, args, message):
    result = cli("timeline", *args)
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_verbose_names_the_new_filters(hand_log):
    result = hand_log("company", "zte", "--on", "2017-Q3", "-w", "-T", "legal", "--tag", "zebra-tag", "-p", "ada", "-v")
    assert "--on '2017-Q3' read as" in result.stderr
    assert "dated within 2017-07-01 to 2017-09-30; type not legal; tagged zebra-tag; with ada" in result.stderr
