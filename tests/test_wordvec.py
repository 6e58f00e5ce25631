"""Static word vectors of session 10's experiment (bench/wordvec.py): BERT's uncased wordpiece
tokenizer in pure Python, and the sentence vector read from the table bench/distill_vectors.py
distils (the table is not in git; those tests skip when it has not been made)."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import wordvec  # noqa: E402
from wordvec import basic_tokens, cosine, pieces_of, wordpieces  # noqa: E402

# a hand-written vocabulary in BERT's form: whole words, and continuations after "##"
VOCAB = {"[UNK]", "buy", "##out", "##s", "un", "##aff", "##able", "acquire", "ac", "##me", "$", ".", "5", "3", "##bn"}


# --------------------------------------------------------------------- tokenizer (BERT uncased)


def test_words_are_lowercased_accents_stripped_and_punctuation_split_off():
    assert basic_tokens("Café Müller's $5.3bn buy-out, 2024!") == [
        "cafe", "muller", "'", "s", "$", "5", ".", "3bn", "buy", "-", "out", ",", "2024", "!"]


def test_unicode_punctuation_and_cjk_characters_are_tokens_of_their_own():
    assert basic_tokens("Foo’s “deal” 北京") == ["foo", "’", "s", "“", "deal", "”", "北", "京"]


def test_a_control_character_is_dropped_and_other_symbols_stay_in_their_word():
    assert basic_tokens("a\u200bb €5") == ["ab", "€5"]


def test_a_word_is_cut_into_the_longest_pieces_of_the_vocabulary_from_its_start():
    assert pieces_of("buyouts", VOCAB) == ("buy", "##out", "##s")
    assert pieces_of("unaffable", VOCAB) == ("un", "##aff", "##able")
    assert wordpieces("Acme $5.3bn", VOCAB) == ["ac", "##me", "$", "5", ".", "3", "##bn"]


def test_a_word_with_a_part_no_piece_matches_is_one_unknown_piece():
    assert pieces_of("buyer", VOCAB) == ("[UNK]",)
    assert wordpieces("acquire zebras", VOCAB) == ["acquire", "[UNK]"]
    assert pieces_of("buy" * 40, VOCAB) == ("[UNK]",)  # longer than BERT reads


# --------------------------------------------------------------------- the distilled table

needs_table = pytest.mark.skipif(not (wordvec.TABLE / "wordvec.json").exists(),
                                 reason="no vector table: run bench/distill_vectors.py (needs torch, model2vec)")


@needs_table
def test_the_table_loads_with_its_vocabulary_and_licence():
    t = wordvec.table()
    assert "Apache-2.0" in (wordvec.TABLE / "wordvec.json").read_text(encoding="utf-8")
    assert len(t.values) == t.dims * len(t.rows) and t.dims == len(t.scale)
    assert {"acquire", "buy", "##out", "[UNK]"} <= set(t.rows)
    assert wordpieces("unaffable") == ["una", "##ffa", "##ble"]  # as the model's own tokenizer cuts it


@needs_table
def test_synonyms_are_closer_than_unrelated_sentences():
    buy = wordvec.sentence_vector("Acme agreed to buy Foo Corp for $2 billion.")
    acquire = wordvec.sentence_vector("Acme agreed to acquire Foo Corp for $2 billion.")
    weather = wordvec.sentence_vector("Heavy rain fell on Oslo on Monday, forecasters said.")
    assert cosine(buy, acquire) > 0.8
    assert cosine(buy, acquire) > cosine(buy, weather) + 0.3


@needs_table
def test_sentences_of_one_event_type_are_closer_than_of_another():
    profit = wordvec.sentence_vector("Foo posted a quarterly net profit of $3 million.")
    earnings = wordvec.sentence_vector("Bar reported higher earnings for the second quarter.")
    lawsuit = wordvec.sentence_vector("Regulators sued Bar over misleading advertising.")
    assert cosine(profit, earnings) > cosine(profit, lawsuit)


@needs_table
def test_the_vector_has_the_features_scale_and_no_known_piece_gives_zeros():
    v = wordvec.sentence_vector("Acme opened a new plant in Texas.")
    assert sum(x * x for x in v) ** 0.5 == pytest.approx(wordvec.VEC_SCALE, rel=1e-6)
    assert set(wordvec.sentence_vector("\u0378\u0378")) == {0.0}
    assert list(wordvec.vector_features("Acme opened a plant.")) == [f"vec.{j}" for j in range(wordvec.table().dims)]


def test_the_cli_imports_no_vectors():
    code = "import sys, tracker.cli; print(sorted(m for m in sys.modules if 'wordvec' in m or m.startswith('tracker.ingest')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
