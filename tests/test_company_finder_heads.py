"""CompanyFinder tries its case-insensitive alternation of many names only where the first letters
of a name start a word (``companies._heads_of``): it must find exactly what the plain search finds."""

from __future__ import annotations

from pathlib import Path

from tracker import curated
from tracker.ingest.companies import HEADS_FROM, CompanyFinder
from tracker.registry import Registry

FIXTURES = Path(__file__).parent / "fixtures" / "news"

# written for this test: names with spaces, digits, punctuation and non-ASCII letters, met in
# other cases, across line breaks, glued to words and to punctuation
TRICKY = [
    "Kestrel Holdings", "Bank of Avalon", "Nordlicht Energie", "3Sigma Networks", "e-Kart Mobility", "Ab Über Freight",
    "Izİmir Telekom", "Asgård Shipping", "Amber & Oak Partners", "St. Clair Foods", "O'Neill Brewing", "X-Line Rail",
    "Kelvin Instruments", "Harbour.io", "Q-Park Services", "Aé Corp",
]
TEXT = (
    "KESTREL HOLDINGS and kestrel holdings met bank   of\navalon; Bank of Avalon's unit, and Nordlicht Energie-owned "
    "firms. 3sigma networks (3SIGMA NETWORKS) sold e-kart mobility to ab über freight and AB ÜBER FREIGHT. IZİMIR "
    "Telekom and izimir telekom, ASGÅRD Shipping, amber & oak partners, ST. CLAIR FOODS, o'neill brewing, x-line rail; "
    "AÉ CORP, aé corp; "
    "\u212aelvin Instruments and Kelvin Instrumentsx; harbour.io. Harbour.iox, q-park services, Q-Park Services."
    " preKestrel Holdings, Kestrel Holdings-based, @Kestrel Holdings, the Kestrel  Holdings group"
)


def finders(rows: list[dict]) -> tuple[CompanyFinder, CompanyFinder]:
    with_heads = CompanyFinder(Registry(rows))
    plain = CompanyFinder(Registry(rows))
    plain._folded_heads = None
    return with_heads, plain


def test_the_heads_find_what_the_plain_search_finds():
    shipped = [dict(row) for row in curated.shipped_companies()]
    tricky = shipped + [{"name": name, "aliases": [], "parent": None} for name in TRICKY]
    texts = [TEXT, TEXT.upper(), TEXT.lower()] + [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.iterdir()) if p.is_file()]
    texts += [(Path(__file__).parent.parent / "seeds" / name).read_text(encoding="utf-8")
              for name in sorted(p.name for p in (Path(__file__).parent.parent / "seeds").glob("*.txt"))[:2]]
    found = 0
    for rows in (shipped, tricky):
        with_heads, plain = finders(rows)
        assert with_heads._folded_heads is not None  # enough names: the heads are used
        for text in texts:
            for start, end in ((0, len(text)), (5, max(5, len(text) - 7)), (len(text) // 3, len(text))):
                got = with_heads._find_known(text, start, end)
                assert got == plain._find_known(text, start, end), text[start:start + 80]
                found += len(got)
    assert found > 200


def test_a_few_names_or_a_name_without_ascii_heads_are_searched_plainly():
    few = CompanyFinder(Registry([{"name": name, "aliases": [], "parent": None} for name in TRICKY[:HEADS_FROM - 1]]))
    assert few._folded_heads is None
    rows = [{"name": f"Name{i} Corp", "aliases": [], "parent": None} for i in range(HEADS_FROM)]
    assert CompanyFinder(Registry(rows))._folded_heads is not None
    rows.append({"name": "Über Freight", "aliases": [], "parent": None})  # no head: the plain search
    with_heads = CompanyFinder(Registry(rows))
    assert with_heads._folded_heads is None
    assert [m.name for m in with_heads.known("über freight and name7 corp")] == ["Über Freight", "Name7 Corp"]


def test_bare_forms_are_tried_only_where_the_folded_text_holds_the_folded_form():
    """``companies._bare_forms`` (a known company's first or last word alone) tries its pattern only
    where ``fold(text)`` holds the form in lower case: the same matches as ``finditer`` over the
    whole article, with and without the case flag, on text with the characters a case-insensitive
    match of an ASCII letter accepts (Kelvin sign, long s, dotted and dotless i) and non-ASCII forms."""
    import random
    import re

    from tracker.ingest import companies

    forms = ["Kestrel", "Sigma", "Is", "Ab", "Über", "Asgård", "St", "O'Neill", "X-Line", "Harbour.io", "Q"]
    pieces = ["Kestrel", "kestrel", "\u212aestrel", "KESTREL", "sigma", "\u017figma", "SIGMA", "Is", "\u0130s", "\u0131s",
              "is", "ab", "AB", "Über", "über", "asgård", "ASGÅRD", "St", "st.", "O'Neill", "o'neill", "x-line", "X-Line-",
              "harbour.io", "Harbour.iox", "Q", "q", "-", ".", "&", "@", "/", " ", " ", "\n", "'s", ",", "Kestrels"]
    rng = random.Random(11)

    class Known:
        def __init__(self, name):
            self.name = self.text = name
            self.start = self.end = 0

    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        known = [Known(form) for form in forms]
        for flags in (0, re.I):
            got = companies._bare_forms(text, start, end, known, lambda name: name, flags, lambda *a: True)
            want = [m.span() for form in forms
                    for m in re.compile(rf"(?<![\w&@/.-]){re.escape(form)}(?![\w&@-])", flags).finditer(text, start, end)]
            assert [(m.start, m.end) for m in got] == want, (text, start, end, flags)


def test_names_of_one_length_match_the_same_spans_in_any_order():
    # the alternation puts names of one length in their own order (the pattern is the same in
    # every process, so the shipped regex code holds the shipped registry's); any order of them
    # gives the same matches
    import random
    import re

    forms = set(TRICKY) | {"Kestrel holdings", "KESTREL HOLDINGS", "Bank Of Avalon", "Ab über Freight"}
    for row in curated.shipped_companies():
        forms.update(f for f in (row["name"], *row.get("aliases", ())) if len(f) > 3 and any(c.islower() for c in f))
    text = TEXT + " " + " ".join(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.iterdir()))

    def alternation(ordered):
        body = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in ordered)
        return re.compile(rf"(?<![\w&@/.-])({body})(?![\w&@-]|\.\w)", re.IGNORECASE)

    def spans(pattern):
        return [m.span(1) for m in pattern.finditer(text)]

    expected = spans(alternation(sorted(forms, key=lambda f: (-len(f), f))))
    assert expected
    rng = random.Random(5)
    for _ in range(3):
        shuffled = list(forms)
        rng.shuffle(shuffled)
        assert spans(alternation(sorted(shuffled, key=len, reverse=True))) == expected
