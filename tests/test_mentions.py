"""Company mentions found without a registry entry (tracker.ingest.mentions): the examples of the
data files, and hand-written sentences for each rule and its counterexamples."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import json
import re
from pathlib import Path

import pytest

from tracker import curated
from tracker.ingest.mentions import DATA, CompanyMention, _abbreviates, find_companies
from tracker.registry import Registry

REGISTRY = Registry(curated.shipped_companies())


def _find(text: str, registry: Registry = REGISTRY) -> list[CompanyMention]:
    return find_companies(text, 0, len(text), registry)


def _marked(example: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The plain text of an example, the spans marked [company] and the spans marked <no company>."""
    text, companies, others = "", [], []
    for piece in re.split(r"(\[[^\]]+\]|<[^>]+>)", example):
        if piece.startswith("[") and piece.endswith("]"):
            companies.append((len(text), len(text) + len(piece) - 2))
            text += piece[1:-1]
        elif piece.startswith("<") and piece.endswith(">"):
            others.append((len(text), len(text) + len(piece) - 2))
            text += piece[1:-1]
        else:
            text += piece
    return text, companies, others


def _data_examples():
    for path in ("company_cues.jsonl", "company_words.jsonl", "finder_words.jsonl", "not_companies.jsonl", "mention_rules.jsonl"):
        for line in (DATA / path).read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            for example in entry.get("examples", []) + entry.get("counterexamples", []):
                yield pytest.param(entry["id"], example, id=f"{entry['id']}: {example[:40]}")


@pytest.mark.parametrize("rule, example", list(_data_examples()))
def test_data_file_examples(rule, example):
    text, companies, others = _marked(example)
    found = _find(text)
    spans = [(m.start, m.end) for m in found]
    for s, e in companies:
        assert (s, e) in spans, f"{rule}: {text[s:e]!r} not found in {example!r}: {found}"
    for s, e in others:
        assert all(me <= s or ms >= e for ms, me in spans), f"{rule}: {text[s:e]!r} taken for a company: {found}"


def test_a_short_form_folds_to_the_full_name_named_earlier():
    text = "Acacia Communications Inc. agreed to be bought. Acacia shares rose 30% on the news."
    names = [(m.text, m.name) for m in _find(text)]
    assert names == [("Acacia Communications Inc.", "Acacia Communications"), ("Acacia", "Acacia Communications")]


def test_initials_joined_by_an_ampersand_fold_to_the_full_name():
    text = "Shares of Harlow & Finch Ltd fell. H&F was nationalised in 2008. HF Sinclair rose."
    assert [(m.text, m.name) for m in _find(text)][:2] == [("Harlow & Finch Ltd", "Harlow & Finch"), ("H&F", "Harlow & Finch")]


def test_initials_written_with_stops_fold_to_the_full_name():
    # "R.I.M." of Research In Motion: some papers write every acronym with stops
    text = "Harlow Intermodal Freight Ltd. reported a profit on Thursday. The results sent shares of H.I.F. soaring."
    assert [(m.text, m.name) for m in _find(text)] == [("Harlow Intermodal Freight Ltd.", "Harlow Intermodal Freight"),
                                                       ("H.I.F.", "Harlow Intermodal Freight")]


def test_a_numbered_vehicle_with_a_legal_form_keeps_its_number():
    # a group's numbered vehicles ("Midco 2, Inc."): the legal form says the number is the name's
    found = _find("Ratings agency Dunmore downgraded Kestrel US Midco 2, Inc.'s debt on Monday.")
    assert "Kestrel US Midco 2" in [m.name for m in found]
    # with no legal form after it, a number is a figure, not part of the name
    assert all("2" not in m.name for m in _find("Kestrel Midco 2 units were sold on Monday."))


def test_a_span_of_months_is_no_company():
    found = _find("Kestrel Foods Ltd won an order. In its earnings for January-March, the company reported a profit.")
    assert "January-March" not in [m.name for m in found] and "Kestrel Foods" in [m.name for m in found]


def test_a_capitalised_preposition_inside_a_sentence_opens_a_name():
    text = "Shares of Under Harbor Inc. rose 20%. Under Harbor's revenue climbed 2%. Under the plan, it will hire."
    names = [m.name for m in _find(text)]
    assert names and set(names) == {"Under Harbor"}, names


def test_the_company_is_the_one_the_sentence_before_opened_with_not_one_named_further_on():
    text = ("Kestrel Chemie AG agreed to buy Orvane Materials Inc. on Friday. The deal will be financed with cash "
            "and debt via a facilities agreement with Harlow Bank Ltd. The company initiated a hostile takeover in March.")
    anaphor = [m for m in _find(text) if m.rule == "anaphor"]
    assert [m.name for m in anaphor] == ["Kestrel Chemie"], anaphor
    # a name that opens the sentence before, after a few words, is the one it stands for
    text = "Shares of Thermax Ltd. rose 5% on Monday. The company's profit after tax rose 45%."
    assert [m.name for m in _find(text) if m.rule == "anaphor"] == ["Thermax"]


def test_a_luxembourg_sarl_is_a_legal_form():
    assert [m.name for m in _find("Dunmore downgraded Alder Group Sarl's rating.")] == ["Dunmore", "Alder Group"]


def test_a_company_word_followed_by_a_country_is_a_company():
    # "Sequoia Capital China": the unit of a company named by its country keeps the country
    assert [m.name for m in _find("Other investors include Halvane Capital China.")] == ["Halvane Capital China"]
    assert _find("Sales in Greater China rose.") == []


def test_a_name_that_resigns_or_steps_down_is_a_person():
    # only a person resigns, steps down, retires or dies; a company that "cut" or "announced" stays one
    found = _find("Harlow named a new chief after Dana Whitlow resigned in June. Quenby Mills stepped down in May. "
                  "Orvane Foods announced a dividend.")
    assert [m.name for m in found] == ["Harlow", "Orvane Foods"], [(m.text, m.name) for m in found]


def test_an_adverb_that_opens_a_sentence_opens_no_name():
    # "Individually Hyundai jumped": an ordinary word with -ly opens the sentence; short stems are names
    assert [m.name for m in _find("Sales rose. Individually Quenby jumped 22 percent and Kestrel was up 39 percent.")] == ["Quenby", "Kestrel"]
    assert "Family Harlow Stores" in {m.name for m in _find("Family Harlow Stores Inc said on Monday it would close 40 stores.")}


def test_a_name_with_its_later_words_cut_folds_to_the_full_name():
    text = "Harlow Pharma profit up\n\nHarlow Pharmaceuticals Ltd said on Monday its profit rose. Harlow Pharma shares rose 3%."
    assert {m.name for m in _find(text)} == {"Harlow Pharmaceuticals"}
    # a word that is no start of the other's, or a first word that differs, names another company
    assert _abbreviates("Harlow Pharma", "Harlow Pharmaceuticals") and not _abbreviates("Harlow Ph", "Harlow Pharmaceuticals")
    assert not _abbreviates("Harlow Foods", "Harlow Pharmaceuticals") and not _abbreviates("Harl Pharma", "Harlow Pharmaceuticals")


def test_a_short_form_folds_to_a_registry_company_named_earlier():
    # ingest's second pass knows the first pass's new companies: "Harlow" stayed a company of its own
    registry = Registry([{"name": "Harlow Foods", "aliases": [], "parent": None}])
    text = "Harlow Foods Plc agreed to buy Orvane Snacks Inc. Harlow shares rose 4% on the news."
    assert [(m.text, m.name) for m in _find(text, registry) if m.text.startswith("Harlow")] == [
        ("Harlow Foods Plc", "Harlow Foods"), ("Harlow", "Harlow Foods")]


def test_what_a_legal_form_leaves_of_a_registry_name_is_no_company():
    # "& Co." after a name the registry knows ("Kate Spade & Co.") left a company named "&"
    registry = Registry([{"name": "Harlow Spade", "aliases": [], "parent": None}])
    text = "Shares of Harlow Spade & Co. jumped 9.9% in premarket trade Monday."
    assert [m.name for m in _find(text, registry)] == ["Harlow Spade"]


def test_a_pronoun_with_its_verb_opening_a_quote_is_no_company():
    text = ('"We\'ve pulled down capacity and will cut more," Harlow Air Chief Executive Dana Roe said in a statement.')
    assert "We've" not in {m.name for m in _find(text)}


def _companies(events: list[dict]) -> set[str]:
    return {c for e in events for c in e["companies"]}


def test_ingest_of_a_new_company_and_its_short_form_adds_one_company(found_events):
    companies = _companies(found_events("Harlow Foods to buy Orvane Snacks\n\nHarlow Foods Plc said on Tuesday "
                                    "it agreed to buy Orvane Snacks Inc for $2.1 billion.\n\nHarlow shares rose 4% on the news.\n"))
    assert "Harlow Foods" in companies and "Harlow" not in companies


SHARED_FIRST_WORD = (
    "Kestrel's record spin-off falls in Frankfurt debut\n\n"
    "Shares in Kestrel Energy Inc. opened lower than expected on Monday.\n\n"
    "Kestrel Energy, which holds a 67% stake in Kestrel Turbines Ltd., opened at 22.01 euros.\n\n"
    "Kestrel said the listing would let both businesses grow.\n"
)


def test_a_short_form_two_names_share_stands_for_neither():
    names = {m.name for m in _find(SHARED_FIRST_WORD) if m.text == "Kestrel"}
    assert names == {"Kestrel"}
    # one line of names shares its first word as one company does
    text = "Shares in Kestrel Energy Inc. rose. Kestrel Energy Holdings Ltd. owns it. Kestrel said so."
    assert {m.name for m in _find(text) if m.text == "Kestrel"} == {"Kestrel Energy Holdings"}


def test_ingest_keeps_the_shared_short_form_a_company_of_its_own(cli, tmp_path):
    news = tmp_path / "spin-off.txt"
    news.write_text(SHARED_FIRST_WORD, encoding="utf-8")
    assert cli("ingest", news, "--published", "2020-09-28").exit_code == 0
    names = {line.split("\t")[0] for line in cli("companies", "-f", "tsv").stdout.splitlines()}
    assert {"Kestrel", "Kestrel Energy", "Kestrel Turbines"} <= names


def test_short_forms_do_not_depend_on_string_hashing():
    """Names of one length were ordered as a set orders them, which changes between runs."""
    script = ("import sys; from tracker.ingest.mentions import find_companies; from tracker.registry import Registry; "
              "t = sys.stdin.read(); print([(m.start, m.name) for m in find_companies(t, 0, len(t), Registry([]))])")
    text = ("Shares in Avocet Energy Inc. rose on Monday. Avocet Energy holds a stake in Avocet Marine Ltd. "
            "and Avocet Cables Ltd. Avocet said the deal would close in May.")
    outputs = {
        subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
        for seed in range(1, 7)
    }
    assert len(outputs) == 1, outputs


def test_the_part_before_a_hyphen_folds_to_the_hyphenated_name():
    text = "Sherwin-Williams Co. raised its outlook. Sherwin said paint demand held up."
    assert {m.name for m in _find(text)} == {"Sherwin-Williams"}


def test_an_acronym_defined_in_parentheses_folds():
    text = "Advanced Micro Devices (AMD) said demand for chips grew. Later AMD said prices would rise."
    found = _find(text)
    assert {m.name for m in found} == {"Advanced Micro Devices"}
    assert [m.text for m in found].count("AMD") == 2


def test_a_legal_form_keeps_a_name_of_several_names_whole():
    text = "Layoffs rose 20%, Challenger, Gray & Christmas, Inc. said on Thursday."
    (mention,) = _find(text)
    assert mention.text == "Challenger, Gray & Christmas, Inc." and mention.rule == "legal-form"
    assert mention.name == "Challenger, Gray & Christmas"


def test_a_possessive_place_stays_out_of_the_name():
    text = "China's Yantra Motors said profit rose. Brazil's Pellucid Foods said sales fell."
    assert [m.text for m in _find(text)] == ["Yantra Motors", "Pellucid Foods"]


def test_persons_regulators_and_places_are_no_companies():
    text = ("Tim Cook said the plan was sound. Mr Smith said prices would rise. The SEC said it would review it. "
            "The CMA said it opposed the merger. Germany said it would act. In May, Cook said more.")
    assert _find(text) == []


def test_a_business_segment_is_no_company():
    text = "Bexley Coatings Inc. said sales in its Paint Stores Group segment rose 5%."
    assert [m.name for m in _find(text)] == ["Bexley Coatings"]


def test_a_company_word_names_a_company_but_not_a_generic_phrase():
    assert [m.name for m in _find("Revenue at Zorvane Technologies grew.")] == ["Zorvane Technologies"]
    assert _find("Revenue at Global Technologies grew.") == []


def test_a_peer_list_names_every_member():
    text = "Peers such as Masimo, Peloton and Activision Blizzard fell."
    assert [m.text for m in _find(text)] == ["Masimo", "Peloton", "Activision Blizzard"]


def test_the_registry_name_wins_and_is_known():
    text = "Apple Inc. said iPhone sales rose, while Dorvel Ltd said sales fell."
    found = _find(text)
    assert [(m.name, m.known, m.rule) for m in found] == [("Apple", True, "registry"), ("Dorvel", False, "legal-form")]


def test_the_company_refers_to_the_company_named_most():
    text = "Hollin Freight Inc. said on Monday it would cut 200 jobs. The company also raised its dividend."
    found = _find(text)
    assert found[-1].text == "The company" and found[-1].name == "Hollin Freight" and found[-1].rule == "anaphor"


def test_the_company_closing_a_sentence_is_the_company_the_sentence_opened_with():
    # Hollin Freight is named most, but ", the company said" ends a sentence about Dorvel Air
    text = ("Hollin Freight Inc. said on Monday it would cut 200 jobs. Hollin Freight also raised its dividend. "
            "Dorvel Air Ltd will resume flights to Moscow from June 1, the company said on Friday.")
    found = _find(text)
    assert found[-1].text == "the company" and found[-1].name == "Dorvel Air"
    # inside a sentence, not closing it, the company named most stays the referent
    found = _find(text.replace(", the company said on Friday.", ". Analysts said the company had said so."))
    assert found[-1].text == "the company" and found[-1].name == "Hollin Freight"


def test_the_company_opening_a_sentence_is_the_company_the_sentence_before_opened_with():
    # Hollin Freight is named most, but the sentence before "The company" is about Dorvel Air
    text = ("Hollin Freight Inc. said on Monday it would cut 200 jobs. Hollin Freight also raised its dividend. "
            "Dorvel Air Ltd recorded an increase in profit. The company's revenue rose 45%.")
    assert _find(text)[-1].name == "Dorvel Air"
    # a described company ("The combined company") and a report's defined "the Company" are not so read
    for phrase in ("The combined company", "The Company"):
        assert _find(text.replace("The company", phrase))[-1].name == "Hollin Freight", phrase


def test_the_bank_is_the_company_whose_name_holds_the_word():
    # Hollin Freight is named most, but "the bank" is the one company whose own name says bank
    text = ("Hollin Freight Inc. cut 200 jobs. Hollin Freight also raised its dividend. Bank of Avalon lent it $40 million. "
            "Separately, the bank was ordered to pay a fine.")
    assert [(m.text, m.name) for m in _find(text) if m.rule == "anaphor"] == [("the bank", "Bank of Avalon")]
    # a name without the word stays out of it
    assert _find(text.replace("Bank of Avalon", "Avalon Trust Ltd"))[-1].name == "Hollin Freight"


def test_the_company_in_a_paragraph_is_the_company_the_paragraph_opened_with():
    # Hollin Freight is named most; the paragraph of "The company" opened with Dorvel Air, and the
    # sentence before it names no company
    text = ("Hollin Freight Inc. cut 200 jobs. Hollin Freight also raised its dividend.\n\n"
            "Dorvel Air Ltd reported first-quarter earnings of $1.20 a share. First-quarter sales were $2.1 billion. "
            "The company lifted its outlook.")
    assert _find(text)[-1].name == "Dorvel Air"
    # an introductory phrase closed by a comma may come before the subject
    for opening in ("Separately, Dorvel Air Ltd reported", "On Monday, Dorvel Air Ltd reported", "In a statement, Dorvel Air Ltd reported"):
        assert _find(text.replace("Dorvel Air Ltd reported", opening))[-1].name == "Dorvel Air", opening
    # a paragraph that opens with a possessive ("Dorvel Air's rival ...") or with no name opens with no subject;
    # nor one whose opening phrase names someone or runs on without a comma
    for opening in ("Dorvel Air Ltd's rival reported", "Analysts said Dorvel Air Ltd reported",
                    "According to Jane Roe, Dorvel Air Ltd reported", "As analysts expected Dorvel Air Ltd reported"):
        assert _find(text.replace("Dorvel Air Ltd reported", opening))[-1].name == "Hollin Freight", opening
    # a described anaphor the text introduced no company with stands for the paragraph's company too,
    # but not one that names another company
    text = ("Hollin Freight Inc. cut 200 jobs. Hollin Freight also raised its dividend.\n\n"
            "Dorvel Air Ltd has ordered six jets and the Welsh carrier will also lease four more.")
    assert _find(text)[-1].name == "Dorvel Air"
    assert [m for m in _find(text.replace("the Welsh carrier", "the combined carrier")) if m.rule == "anaphor"][-1].name == "Hollin Freight"


def test_a_description_before_a_name_is_no_anaphor():
    # "the private equity firm Dorvel Ltd": the words describe the name that follows, they do not
    # stand for the company named before (which took the offer, not made it)
    text = "Hollin Freight Inc. accepted an offer from the private equity firm Dorvel Ltd. The company said so."
    found = _find(text)
    assert [(m.text, m.name, m.rule) for m in found if m.rule == "anaphor"] == [("The company", "Hollin Freight", "anaphor")]
    assert [m.name for m in found if m.rule != "anaphor"] == ["Hollin Freight", "Dorvel"]


def test_a_number_joined_to_a_measure_is_no_name_but_a_name_with_a_number_is():
    text = ("Hollin Freight Inc. said its trailing 12-month adjusted profit rose. "
            "7-Eleven said sales rose.")
    names = [m.name for m in _find(text)]
    assert "12-month" not in names
    assert {"Hollin Freight", "7-Eleven"} <= set(names), names


def test_only_the_article_span_is_searched_and_offsets_are_the_text():
    text = "Quorva Inc. said sales rose.\n\nMervell Ltd. said sales fell."
    start = text.index("Mervell")
    found = find_companies(text, start, len(text), REGISTRY)
    assert [m.name for m in found] == ["Mervell"]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_mentions_are_sorted_and_do_not_overlap():
    text = "Boeing Co said rival Airbus SE won an order; shares of Boeing fell while Airbus shares rose."
    found = _find(text)
    assert [m.name for m in found] == ["Boeing", "Airbus", "Boeing", "Airbus"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_the_registry_is_not_changed():
    registry = Registry(curated.shipped_companies())
    before = copy.deepcopy(registry.rows)
    _find("Zenthor Robotics Inc. said it would hire 300 engineers.", registry)
    assert registry.rows == before


# written for this test: a legal form after a comma (its span grows), a site's "Get X Report"
# link, names listed after a cue, a person, a title-case headline and a short form
SECOND_READING = (
    "Quayside Retail Buys Orrin Labs In Cash Deal\n\n"
    "Get Quayside Retail Inc. Report. Quayside Retail, Inc. said on Monday it would buy Orrin Labs "
    "for $40 million. Rivals such as Tembo Foods, Larkspur and Vell Ltd. did not comment. "
    "Quayside chief executive Mara Quint said Orrin would keep its brand. Acme Networks, a partner, agreed.\n"
)


def test_the_second_reading_of_an_article_reuses_the_first_and_finds_what_a_fresh_reading_finds():
    """company_mentions reads an article twice, the second time with the first's new companies
    known; what the first reading found before asking the registry is reused (the later steps
    change their own copies of it), so the second gives what it gives read afresh."""
    from tracker.ingest import mentions
    from tracker.ingest.pipeline import company_mentions
    from tracker.ingest.articles import split_articles
    from tracker.registry import LayeredRegistry, new_company

    text = SECOND_READING
    mentions._candidates.cache_clear()
    first = _find(text)
    layered = LayeredRegistry(REGISTRY, [new_company(name) for name in dict.fromkeys(m.name for m in first if not m.known)])
    again = _find(text, layered)  # reuses the first reading's candidates
    mentions._candidates.cache_clear()
    assert again == _find(text, layered)  # read afresh
    assert _find(text) == first
    assert {m.name for m in again} >= {"Quayside Retail", "Orrin Labs", "Tembo Foods", "Larkspur and Vell"}
    # the whole stage as extract runs it, with and without what earlier readings left behind
    articles = split_articles(text, "doc.txt", [])
    reused = company_mentions(text, articles, REGISTRY)
    mentions._candidates.cache_clear()
    assert company_mentions(text, articles, REGISTRY) == reused


def test_digits_and_a_capital_are_a_name_only_where_a_cue_names_them():
    empty = Registry([])
    assert [(m.text, m.rule) for m in _find("Shares of 3M fell 4% on Tuesday.", empty)] == [("3M", "shares-of")]
    assert [m.text for m in _find("Orvane raised $3M in a seed round, it said.", empty)] == ["Orvane"]
    assert "3M" not in [m.text for m in _find("The app has 3M users, Orvane said.", empty)]


def test_a_first_name_before_a_company_word_opens_a_company_name():
    empty = Registry([])
    assert [m.name for m in _find("Morgan Motors said it would build a plant in Wales.", empty)] == ["Morgan Motors"]
    assert [m.name for m in _find("James Roe said the plant would open in May.", empty)] == []


def test_a_legal_form_after_an_ampersand_goes_with_it():
    found = [(m.text, m.name) for m in _find("Harrow Chase & Co. reported a record profit.", Registry([]))]
    assert found == [("Harrow Chase & Co.", "Harrow Chase")]
    assert [m.name for m in _find("Procter & Gamble raised its forecast.", Registry([]))] == ["Procter & Gamble"]


def test_a_legal_form_before_the_name_is_left_out_of_the_company(found_events):
    companies = _companies(found_events("PJSC Vostorg said on Tuesday it raised gas output by 4% in 2019.\n\n"
                                        "Shares of PT Lintas Harapan Tbk fell 3% on Tuesday.\n"))
    assert companies == {"Vostorg", "Lintas Harapan"}


def test_a_layered_registry_holds_what_the_registry_of_all_its_rows_holds():
    """``LayeredRegistry`` copies its base's lookup keys instead of working them out again: the
    same rows, keys (in order) and answers as a registry of the base's rows and the new ones,
    also where a new row's name or alias spells a known name or alias."""
    from tracker import curated
    from tracker.registry import LayeredRegistry, Registry, new_company

    base = Registry([row for row in curated.shipped_companies() if not row.get("review")])
    known = next(iter(base.rows.values()))
    extra = [new_company("Kestrel Holdings"), {"name": "Nordlicht", "aliases": [known["name"].upper(), "KH"], "parent": None},
             {"name": known["name"], "aliases": ["Renamed Alias"], "parent": None}, new_company("kestrel holdings")]
    layered = LayeredRegistry(base, extra)
    whole = Registry([*base.rows.values(), *extra])
    assert list(layered.rows.items()) == list(whole.rows.items())
    assert list(layered._by_key.items()) == list(whole._by_key.items())
    for name in ["Kestrel Holdings", "KH", "Renamed Alias", known["name"].upper(), "nordlicht", "nobody"]:
        assert layered.canonical(name) == whole.canonical(name)
    assert layered.layers[0] is base and list(layered.layers[1].rows) == ["Kestrel Holdings", "Nordlicht", known["name"], "kestrel holdings"]


def test_an_ordinary_word_capitalised_only_at_sentence_starts_names_no_company():
    assert _find("Inflation increased 3 percent in May, the statistics office said.") == []
    assert [m.name for m in _find("Regulators had investigated Tolvane Corp for a year.")] == ["Tolvane"]


def test_an_ordinary_word_capitalised_mid_sentence_or_before_its_ticker_stays_a_name():
    text = "Compass said on Monday it would cut 300 jobs. Shares of Compass fell 2 percent."
    assert [m.name for m in _find(text)] == ["Compass", "Compass"]
    assert [m.text for m in _find("Compass (CPG.L) said on Monday it would cut 300 jobs.")][:1] == ["Compass"]


def test_the_irregular_past_of_an_act_names_its_subject():
    assert [m.name for m in _find("Voltra Batteries broke ground on a plant in Hungary.")] == ["Voltra Batteries"]
    assert [m.name for m in _find("Aldmoor Foods took full control of its bottler.")] == ["Aldmoor Foods"]


def test_a_name_without_the_company_words_it_ends_with_is_the_same_company():
    text = "Micro Focus International said a jury ruled against it. Micro Focus said it would appeal."
    assert [m.name for m in _find(text)] == ["Micro Focus International", "Micro Focus International"]


def test_a_headline_short_name_and_the_body_full_name_are_one_company():
    # "Technology" and "Group" are both company words: the short name drops them one at a time
    text = "Norvane Technology wins order\n\nNorvane Technology Group PLC said it won an order. Norvane said it was pleased."
    assert {m.name for m in _find(text)} == {"Norvane Technology Group"}



def test_a_person_named_by_a_short_given_name_is_no_company(found_events):
    events = found_events("Tolvane's Quellmark to Step Down as CEO as of Sept 1\nEd Quellmark said on August 12 that he "
                          "will step down as CEO of Tolvane Motors on September 1.\nQuellmark, 70, took over Tolvane on "
                          "December 1, 2009.\n", "2010-08-12")
    assert events and all(e["companies"] == ["Tolvane Motors"] for e in events)


def test_a_name_joined_by_and_to_a_company_is_a_company():
    # rule conjunct: neither "Voltra Batteries" nor "Pellam Vale" has a company word or cue of its own
    text = "Voltra Batteries and Brightwell Pharma on Monday announced a partnership. The partners are Harlow Ltd and Pellam Vale."
    assert [(m.name, m.rule) for m in _find(text) if m.rule == "conjunct"] == [("Voltra Batteries", "conjunct"), ("Pellam Vale", "conjunct")]
    # persons and places stay what they are, and the tail of a longer name is no name of its own
    for text in ("Brightwell Pharma and John Smith met on Monday.", "Brightwell Pharma and Germany signed a deal.",
                 "Apps such as Google Play and Brightwell Pharma's own store grew."):
        assert not [m for m in _find(text) if m.rule == "conjunct"], text


def test_a_name_in_a_list_of_companies_closed_by_and_is_a_company():
    # the list's commas join names as its "and" does: "KBV" has no company word or cue of its own
    text = "KBV, Harlow Foods Inc, Bank of Avalon and Orvane Ltd were each fined."
    assert [m.name for m in _find(text)] == ["KBV", "Harlow Foods", "Bank of Avalon", "Orvane"]
    # an appositive's commas close no list, a place opening a sentence is none of its names,
    # and two names each closed by a legal form are two names
    assert [m.name for m in _find("Harlow Foods Inc, the maker of Snax, and Dorvel Ltd agreed.")] == ["Harlow Foods", "Dorvel"]
    assert [m.name for m in _find("In London, Harlow Foods Inc and Orvane Ltd agreed.")] == ["Harlow Foods", "Orvane"]


def test_a_place_and_a_word_only_companies_end_with_name_a_company():
    # rule national-company: "American" is a place's word, "Airlines" a company's
    assert [m.name for m in _find("Shares of American Airlines fell on Monday.")] == ["American Airlines"]
    assert [m.name for m in _find("Japan Airlines will add routes.")] == ["Japan Airlines"]
    # a sector after a nationality is no company, nor are shares of a place
    assert _find("Chinese Technology firms rose on Monday.") == [] and _find("Hong Kong Shares fell.") == []


def test_session_12_names_through_ingest_as_a_user_runs_it(found_events):
    # a headline's short name and the body's full one, a name joined by "and", a nationality before
    # a company's last word, and ", the company said" after its sentence's own company
    events = found_events("Norvane Technology wins order\n\nNorvane Technology Group PLC said on Monday it had won a "
                          "$40 million order from American Airlines.\nVoltra Batteries and Brightwell Pharma on Tuesday "
                          "announced a partnership to develop drug pumps.\nKestrel Air will resume flights to Oslo from "
                          "June 1, the company said on Wednesday.\n", "2024-03-09")
    companies = {name for e in events for name in e["companies"]}
    assert "Norvane Technology" not in companies and "Norvane Technology Group" in companies
    assert {"American Airlines", "Voltra Batteries", "Brightwell Pharma"} <= companies
    assert all(e["companies"][0] == "Kestrel Air" for e in events if "Oslo" in e["title"])


def test_whole_word_at_finds_what_the_regex_of_the_common_word_check_finds():
    """``_whole_word_at`` (a str.find scan) gives the matches of the pattern it replaced."""
    import random

    from tracker.ingest.mentions import _whole_word_at

    rng = random.Random(11)
    texts = ["Sales rose. Sales-fell; sales Sales_x &Sales Sales& .Sales 'Sales ’Sales -Sales Sales- SalesSales. Sales",
             "aaa aa aa.aa", "Élan Élan2 _Élan Élan", ""]
    texts += ["".join(rng.choice("aS .-&_'’\nÉé1") for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for text in texts:
        for word in ("Sales", "aa", "a", "S", "aS", "a.", "&a", "-", "Élan", "Sales."):
            expected = [m.start() for m in re.finditer(r"(?<![\w&.'’-])" + re.escape(word) + r"(?![\w&-])", text)]
            assert list(_whole_word_at(text, word)) == expected, (text, word)


def test_the_board_acts_for_the_company_most_named():
    text = ("Harlow Foods Plc said profit rose 4% in 2023. The board has elected Ellery Vantis to succeed Osric Pell as chair. "
            "The board of directors approved a dividend. Members of the board of Orvane Ltd resigned.")
    found = [(m.text, m.name) for m in _find(text) if m.rule == "anaphor"]
    assert found == [("The board", "Harlow Foods"), ("The board of directors", "Harlow Foods")]


def test_a_kind_of_company_stands_for_the_company_the_text_introduced_with_that_word():
    # Hollin Freight is named most; "the carrier" is Dorvel Air, which the text called a carrier
    text = ("Hollin Freight Inc. said on Monday it would cut 200 jobs. Hollin Freight also raised its dividend. "
            "Harrow Capital agreed to buy a stake in regional carrier Dorvel Air Ltd on Tuesday. "
            "Under the deal, the carrier will keep its brand.")
    assert _find(text)[-1].name == "Dorvel Air"
    appositive = text.replace("regional carrier Dorvel Air Ltd", "Dorvel Air Ltd, the Welsh carrier,")
    assert _find(appositive)[-1].name == "Dorvel Air"
    # a generic "the company" keeps the company named most; a plural "carriers" introduces no one
    assert _find(text.replace("the carrier will", "the company will"))[-1].name == "Hollin Freight"
    plural = text.replace("regional carrier Dorvel Air Ltd", "carriers Dorvel Air Ltd")
    assert _find(plural)[-1].name == "Hollin Freight"


def test_title_lines_are_searched_for_the_names_they_hold_as_for_every_name():
    """``_in_title_lines`` compiles only the forms some title line holds: the same mentions as
    the pattern of every form the body found (written for this test: overlapping forms, a form
    no line holds, one in two lines)."""
    import random

    from tracker.ingest.mentions import _in_title_lines

    def every_form(text, lines, mentions):
        forms = {}
        for m in mentions:
            forms.setdefault(m.text, m)
        pattern = re.compile(r"(?<![\w&-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w&-])")
        return [CompanyMention(x.start(), x.end(), x.group(1), forms[x.group(1)].name, forms[x.group(1)].known, "same-name")
                for s, e in lines for x in pattern.finditer(text, s, e)]

    names = ["Acme", "Acme Networks", "Borealis", "Kestrel Mobile", "Quillon & Sons", "Norvane-Edge"]
    rng = random.Random(4)
    compared = 0
    for _ in range(300):
        words = [rng.choice(names + ["Shares", "Rise", "In", "Deal", "With", "-", "&"]) for _ in range(rng.randint(2, 12))]
        text = " ".join(words) + "\n" + " ".join(rng.choice(names + ["said", "it", "would"]) for _ in range(8)) + "\n"
        first = text.index("\n")
        lines = [(0, first)] + ([(first + 1, len(text) - 1)] if rng.random() < 0.3 else [])
        body = text[first + 1 :]
        mentions = [CompanyMention(first + 1 + m.start(), first + 1 + m.end(), m.group(), m.group().upper(), True, "r")
                    for m in re.finditer("|".join(re.escape(n) for n in rng.sample(names, 4)), body)]
        want = every_form(text, lines, mentions) if mentions else []
        assert _in_title_lines(text, lines, mentions) == want, (text, mentions)
        compared += len(want)
    assert compared > 100


def test_a_legal_form_after_a_comma_ends_the_name_before_it_unless_it_opens_the_next():
    # "Separately, AB Lindqvist said": "AB" opens Lindqvist's name, "Separately" is no company
    found = [(m.text, m.name) for m in _find("Separately, AB Lindqvist said on Monday its sales fell 5%.", Registry([]))]
    assert ("Separately", "Separately") not in found and all(not name.startswith("Separately") for _, name in found)
    # a form with its dot ends the name even when a sentence follows it
    found = [(m.text, m.name) for m in _find("Shares of Harlow Freight, Inc. The company said so.", Registry([]))]
    assert found[0] == ("Harlow Freight, Inc.", "Harlow Freight")
    found = [(m.text, m.name) for m in _find("Harlow Freight, AB said on Monday its sales fell 5%.", Registry([]))]
    assert found[0] == ("Harlow Freight, AB", "Harlow Freight")


def test_a_group_word_after_an_alias_names_the_group_not_the_aliased_company():
    registry = Registry([{"name": "Harlow Cars", "aliases": ["Harlow"], "parent": None},
                         {"name": "Dorvel", "aliases": [], "parent": None}])
    assert [m.name for m in _find("Harlow Group said its truck sales fell.", registry)] == ["Harlow Group"]
    assert [m.name for m in _find("Harlow said its car sales fell.", registry)] == ["Harlow Cars"]
    # the company's own name before the group word is still that company
    assert [m.name for m in _find("Dorvel Group said its sales fell.", registry)] == ["Dorvel"]
