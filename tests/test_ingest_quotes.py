"""A sentence that is mostly a direct quote and names no date is a speaker's view, no event
(GUIDELINES "Not events": quotes that report no act); a quote that dates an act still is one."""

from __future__ import annotations

from datetime import date

from tracker.ingest.pipeline import extract
from tracker.registry import Registry

ROWS = [{"name": "Acme Networks", "aliases": ["Acme"], "parent": None},
        {"name": "Borealis Telecom", "aliases": ["Borealis"], "parent": None}]


def events_of(text: str):
    events, _ = extract(text, "t.txt", Registry([dict(r, aliases=list(r["aliases"])) for r in ROWS]), [],
                        published=date(2020, 3, 2))
    return [(e.date.value, e.type) for e in events]


def test_an_undated_quote_of_a_view_is_no_event():
    # the event model alone says event here (p .4: "acquisition", "statement")
    assert events_of("“We are very excited about the acquisition of Borealis Telecom, which has an outstanding "
                     "portfolio of brands,” Jane Roe, chief executive of Acme Networks, said in a statement.") == []


def test_a_quote_that_dates_an_act_is_an_event():
    # GUIDELINES "Types": of an act and the saying of it, the more specific act
    assert events_of('"We agreed to buy Borealis Telecom on Tuesday," said Jane Roe, chief executive of Acme Networks.') \
        == [("2020-02-25", "acquisition")]


def test_a_quote_commenting_on_named_results_is_the_news_of_the_release():
    # the period names what is commented on (date rule results_named_announced: no date of the
    # act), yet the sentence is dated news, the statement of the release's day, not a view
    said = ("Commenting on its Q4 2019 results, Acme Networks also said that it will continue to review acquisitions, "
            "“including increasing its stake in Borealis Telecom and investing in new markets.”")
    assert [d for d, _ in events_of(said)] == ["2020-03-02"]  # its type is the type model's
    # counterexample: the same quote with no period named is a view
    assert events_of(said.replace("Commenting on its Q4 2019 results, ", "")) == []


def test_a_sentence_quoting_a_few_words_is_read_as_any_other():
    found = events_of('Acme Networks said on Tuesday it had agreed to buy Borealis Telecom, a "natural fit" for its network.')
    assert [d for d, _ in found] == ["2020-02-25"]


def test_the_end_of_a_quote_begun_in_an_earlier_sentence_is_no_event_either():
    text = ('"We are proud of the team. Joining Acme Networks gives Borealis Telecom the scale it needs to grow,"'
            ' said Jane Roe, chief executive of Borealis Telecom.')
    assert events_of(text) == []
    # an apostrophe is no closing mark: the sentence is read as any other
    assert events_of("Acme Networks bought the carriers’ network, Borealis Telecom said on Tuesday.") != []


def test_the_act_of_a_quote_that_opens_the_sentence_types_it():
    """The verb of saying after an opening quote reports the quote's act: its trigger is the
    quote's ('agreed to buy'), not the verb of saying's."""
    from tracker.ingest.articles import split_articles
    from tracker.ingest.mentions import find_companies
    from tracker.ingest.pipeline import read_article
    from tracker.ingest.triggers import main_trigger
    text = '"We agreed to buy Borealis Telecom on Tuesday," said Jane Roe, chief executive of Acme Networks.'
    mentions = find_companies(text, 0, len(text), Registry([dict(r, aliases=list(r["aliases"])) for r in ROWS]))
    assert [m.name for m in mentions][:1] == ["Borealis Telecom"]  # the first company is the quote's object
    (view,) = read_article(text, split_articles(text, "q.txt", [])[0], mentions)
    found = main_trigger(view)
    assert found is not None and found.type == "acquisition" and text[found.start:].startswith(found.text)


def test_a_quote_whose_speaker_has_a_long_title_is_no_event():
    # only the speaker's name and roles follow the closing mark: the sentence is the quote
    assert events_of("It changes everything about the market for Borealis Telecom,' said Jane Roe, Acme Networks "
                     "Chairman, President and Chief Executive Officer.") == []
    # a clause of its own after the speaker is more than an attribution
    assert events_of("It is a good day,' said Jane Roe, who agreed to buy Borealis Telecom for Acme Networks "
                     "on Tuesday.") != []


def test_an_apostrophe_inside_a_word_does_not_close_a_quote():
    from types import SimpleNamespace

    from tracker.ingest.pipeline import undated_quote
    text = ("Jane Roe, chief executive of Acme Networks, said: “We look forward to applying Borealis Telecom’s "
            "platform across our broader portfolio and to the opportunity to extend it to new markets.”")
    assert undated_quote(SimpleNamespace(text=text, dates=[], dropped=[]))
    # a possessive after a plural is no quote either way: the sentence is read as any other
    assert not undated_quote(SimpleNamespace(text="Acme Networks bought the carriers’ network for $2 billion.", dates=[], dropped=[]))


def test_a_quote_that_runs_on_into_the_next_sentence_is_no_event():
    # opened after its attribution and closed in a later sentence
    assert events_of('Jane Roe said, "On behalf of the board, I want to thank John Doe for his many years of '
                     'service to Acme Networks and to Borealis Telecom.') == []
    # the last sentence of a quote, with no attribution of its own
    assert events_of('As a leader, he helped Acme Networks build the network of Borealis Telecom by investing '
                     'in new equipment."') == []
