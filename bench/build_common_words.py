"""Build tracker/ingest/data/common_words.txt: the ordinary English words a news text may
capitalise only because a sentence starts with them ("Inflation increased", "Regulators had").

    pip install wordfreq english-words   # for this script only; ingest reads the built file
    python bench/build_common_words.py

A word is listed when Webster's Second International (1934, public domain; the ``web2`` list of
the english-words package) has it in lower case -- itself, or its stem before a plural, past or
-ing ending -- and it is common in today's English: Zipf frequency >= 3.0 in wordfreq (about
once in 10 million words or more; wordfreq's data is CC BY-SA 4.0, by Robyn Speer). A 1934
dictionary holds few of today's company names (no "airbus", "siemens", "starbucks"); the ones it
does hold are ordinary words first ("apple", "shell", "ford"), which the mention stage still
takes as a name when the registry knows them or the text capitalises them mid-sentence.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tracker/ingest/data/common_words.txt"
MIN_ZIPF = 3.0
ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


def main() -> int:
    import english_words
    import wordfreq

    dictionary = {w for w in english_words.get_english_words_set(["web2"], lower=False) if w.islower() and w.isalpha()}

    def in_dictionary(word: str) -> bool:
        return word in dictionary or any(word.endswith(end) and word[: -len(end)] + stem in dictionary for end, stem in ENDINGS)

    words = sorted({w for w in wordfreq.top_n_list("en", 60000)
                    if w.isalpha() and w.islower() and len(w) > 2
                    and wordfreq.zipf_frequency(w, "en") >= MIN_ZIPF and in_dictionary(w)})
    header = ("# Ordinary English words (bench/build_common_words.py): lower-case entries of Webster's Second\n"
              "# International (public domain) with Zipf frequency >= 3.0 in wordfreq (CC BY-SA 4.0, Robyn Speer).\n")
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
