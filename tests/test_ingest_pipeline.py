"""The ingest pipeline's learned parts: the linear model, the shipped weights, --explain."""

from __future__ import annotations

import json
from datetime import date

from tracker.ingest import extract
from tracker.ingest.linear import MODELS, LinearModel
from tracker.ingest.pipeline import shipped_models
from tracker.registry import Registry

from tests.test_ingest import NEWS


def test_a_linear_model_learns_a_separable_rule_and_reads_back_what_it_saved(tmp_path):
    examples = [{"bias": 1.0, "w=bought": 1.0}, {"bias": 1.0, "w=sued": 1.0}, {"bias": 1.0, "w=acquired": 1.0, "w=bought": 1.0},
                {"bias": 1.0, "w=court": 1.0, "w=sued": 1.0}] * 5
    labels = ["acquisition", "legal", "acquisition", "legal"] * 5
    model = LinearModel.train(examples, labels, epochs=20)
    assert model.predict({"bias": 1.0, "w=bought": 1.0})[0] == "acquisition"
    assert model.predict({"bias": 1.0, "w=sued": 1.0, "w=unseen": 1.0})[0] == "legal"
    # the reasons name the feature that decided
    assert model.contributions({"bias": 1.0, "w=sued": 1.0}, "legal")[0][0] == "w=sued"
    model.save(tmp_path / "m.json", {"decision": "test"})
    again = LinearModel.load(tmp_path / "m.json")
    probe = {"bias": 1.0, "w=acquired": 1.0}
    assert abs(again.probabilities(probe)["acquisition"] - model.probabilities(probe)["acquisition"]) < 1e-3


def test_the_shipped_models_say_what_they_were_trained_on():
    for name in ("event", "type", "company", "date"):
        data = json.loads((MODELS / f"{name}.json").read_text(encoding="utf-8"))
        assert data["meta"]["decision"] == name and data["meta"]["examples"] > 100
        assert "company-news/train" in data["meta"]["data"]
    models = shipped_models()
    assert set(models.type.labels) >= {"acquisition", "financial_results", "legal", "leadership"}


def test_extract_does_not_change_the_registry_it_is_given():
    registry = Registry([{"name": "Acme Networks", "aliases": ["Acme"], "parent": None}])
    before = json.dumps(registry.rows, sort_keys=True)
    text = (NEWS / "wire_dateline.txt").read_text(encoding="utf-8")
    events, new = extract(text, "wire.txt", registry, [])
    assert json.dumps(registry.rows, sort_keys=True) == before
    assert "Zentrix Robotics" in [row["name"] for row in new] and all(row["review"] for row in new)


def test_what_a_first_ingest_adds_to_the_registry_does_not_change_a_second():
    text = (NEWS / "wire_dateline.txt").read_text(encoding="utf-8")
    registry = Registry([])
    first, new = extract(text, "wire.txt", registry, [])
    again, _ = extract(text, "wire.txt", Registry(new), [])
    assert [e.to_dict() for e in first] == [e.to_dict() for e in again]


def test_explain_gives_every_decision_its_reasons():
    text = "Acme Networks said on Tuesday it had agreed to buy Borealis Telecom for $2 billion.\n"
    events, _, traces = extract(text, "t.txt", Registry([]), [], published=date(2019, 3, 7), explain=True)
    assert len(events) == len(traces) == 1
    trace = traces[0]
    assert trace["date"]["value"] == "2019-03-05" and trace["date"]["text"] == "Tuesday"
    assert trace["company"]["main"] == "Acme Networks"
    assert any("Borealis Telecom" in m for m in trace["company"]["mentions"])
    assert "acq.buy" in trace["type"]["cues"]  # the cue that raised the type, by its id in type_cues.json
    for decision in ("event", "type", "company", "date"):
        assert trace[decision]["because"], decision


def test_ingest_explain_on_the_command_line(cli, tmp_path, fresh_db):
    news = tmp_path / "deal.txt"
    news.write_text("Acme Networks said on Tuesday it had agreed to buy Borealis Telecom for $2 billion.\n", encoding="utf-8")
    result = cli("ingest", news, "--published", "2019-03-07", "--dry-run", "--explain")
    assert result.exit_code == 0, result.stderr
    for line in ("event    p=", "type     ", "company  Acme Networks", 'date     2019-03-05 from timex', "mentions: "):
        assert line in result.stdout, result.stdout
    rows = [json.loads(line) for line in
            cli("ingest", news, "--published", "2019-03-07", "--dry-run", "--explain", "-f", "jsonl").stdout.splitlines()]
    assert rows and set(rows[0]["explain"]) == {"event", "type", "company", "date"}
    plain = [json.loads(line) for line in cli("ingest", news, "--published", "2019-03-07", "--dry-run", "-f", "jsonl").stdout.splitlines()]
    assert "explain" not in plain[0]


def test_a_bullet_set_off_by_no_break_spaces_is_a_bullet():
    # pages copied from the web set their bullets off with no-break spaces ("•\u00a0\u00a0 Revenue
    # ..."); the sentence splitter read them as bullets already, the sentence view did not
    from tracker.ingest.articles import split_articles
    from tracker.ingest.pipeline import company_mentions, read_article

    text = ("Orvane results\n\nOrvane Ltd said on Tuesday its quarter was strong:\n\n"
            "•\u00a0\u00a0 Revenue of $4.5 million, up 47% year-over-year.\n"
            "• Revenue from cloud of $2.1 million, up 103% year-over-year.\n")
    article = split_articles(text, "orvane.txt", [])[0]
    mentions, _rows = company_mentions(text, [article], Registry([]))
    views = read_article(text, article, mentions[article.offset])
    assert [v.bullet for v in views if v.text.startswith("Revenue")] == [True, True]


def test_an_aside_tells_its_own_act_with_its_own_parties(found_events):
    # "which bought Bar Labs in 2015" is an acquisition of its own: Foo and Bar Labs, titled by the
    # aside; the launch is Foo's alone. An appositive closing the sentence is such an aside too.
    events = found_events("Foo launches phone\n\nFoo Mobile, which bought Bar Labs Inc in 2015, launched a new phone on "
                          "Tuesday.\nVoltra Batteries said on Monday it had agreed to buy Kestrel Cells for $1.2 billion, its "
                          "biggest deal since it bought Orvane Power in 2019.\n", "2024-05-15")
    by_date = {e["date"]: e for e in events}
    assert by_date["2015"]["companies"] == ["Foo Mobile", "Bar Labs"] and by_date["2015"]["title"] == "Foo Mobile bought Bar Labs in 2015"
    assert by_date["2024-05-14"]["companies"] == ["Foo Mobile"]
    assert by_date["2019"]["companies"] == ["Voltra Batteries", "Orvane Power"]
    assert "Orvane Power" not in by_date["2024-05-13"]["companies"]


def test_a_headline_that_names_no_company_tells_no_event(found_events):
    events = found_events("New factories announced in December 2023\n\nHarlow Foods has officially opened a new $300 "
                          "million food production facility in Danville, Virginia.\n", "2024-01-05")
    assert events and all(e["sources"][0]["offset"] > 0 for e in events)


def test_two_sayings_naming_the_same_companies_stay_two_events(found_events):
    """A statement is what one company said, not an act between companies: two of them naming the
    same two companies are two facts, each with its own date (they had been one event, dated by
    the later saying's day)."""
    events = found_events(
        "Harlow Motors, Orvane Auto sign memo of understanding\n\n"
        "Harlow Motors Inc said on Friday it signed a memorandum of understanding with Orvane Auto Corp to develop electric vans.\n\n"
        "Harlow said it plans to deliver two van prototypes to Orvane by the end of the month.\n\n"
        "Orvane's president said earlier on Friday that Orvane was interested in Harlow's battery cells.\n",
        "2010-07-09")
    quotes = {e["sources"][0]["quote"][:30]: e["date"] for e in events}
    assert quotes.get("Harlow said it plans to delive") == "2010-07", events
