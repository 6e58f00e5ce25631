"""One spelling, one form (issue 12, item 11): names in NFC, dates in ASCII digits."""

from __future__ import annotations

import json
import unicodedata

import pytest

NFD_CAFE = "Cafe\u0301 Holdings"
NFC_CAFE = unicodedata.normalize("NFC", NFD_CAFE)


def _rows(proc):
    return [json.loads(line) for line in proc("export", "-f", "jsonl").stdout.splitlines()]


def test_a_name_with_a_combining_accent_is_the_company_of_its_composed_form(proc):
    assert proc("add", "-c", NFC_CAFE, "-t", "contract", "--title", "first", "-d", "2017-01-01").returncode == 0
    result = proc("add", "-c", NFD_CAFE, "-t", "contract", "--title", "second cafe\u0301", "-p", "Jose\u0301 Diaz",
                  "-d", "2017-02-01")
    assert result.returncode == 0, result.stderr
    names = [line.split("\t")[0] for line in proc("companies", "-f", "tsv").stdout.splitlines()[1:]]
    assert names.count(NFC_CAFE) == 1 and NFD_CAFE not in names
    second = [r for r in _rows(proc) if r["title"].startswith("second")][0]
    assert second["companies"] == [NFC_CAFE] and second["title"] == "second café" and second["people"] == ["José Diaz"]
    company = proc("company", NFD_CAFE, "-f", "tsv")
    assert company.returncode == 0 and len(company.stdout.splitlines()) == 3


def test_an_import_in_decomposed_form_joins_the_composed_company(proc, tmp_path):
    assert proc("add", "-c", NFC_CAFE, "-t", "contract", "--title", "first", "-d", "2017-01-01").returncode == 0
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"date": "2017-03", "companies": [NFD_CAFE], "type": "contract", "title": "imported"}) + "\n")
    assert proc("import", source).returncode == 0
    assert {tuple(r["companies"]) for r in _rows(proc) if r["title"] in ("first", "imported")} == {(NFC_CAFE,)}
    assert proc("check").returncode == 0


@pytest.mark.parametrize("typed, stored", [("２０１７-０５-０３", "2017-05-03"), ("٢٠١٧-Q٢", "2017-Q2"), ("۲۰۱۷", "2017")])
def test_dates_in_other_digits_are_stored_in_ascii(proc, tmp_path, typed, stored):
    result = proc("add", "-c", "Acme", "-t", "contract", "--title", f"typed {typed}", "-d", typed)
    assert result.returncode == 0, result.stderr
    source = tmp_path / "in.csv"
    source.write_text(f"date,companies,type,title\n{typed},Acme,contract,imported {typed}\n")
    assert proc("import", source).returncode == 0
    dates = {r["date"] for r in _rows(proc) if typed in r["title"]}
    assert dates == {stored}
