"""Articles inside one document, and the publication date of each.

A file of news is often many articles: a blog page with dated headings ("Monday, June 19,
2017") above one or more posts, a scraped page whose articles end in a teaser footer, a wire
story with a dateline ("Beijing, June 12 (Reuters) -", "07 AUG 2017"), Markdown with a YAML
front matter block (``date:`` / ``published:``). ``split_articles`` finds the titles itself;
publication facts (``{"doc", "title", "published", "basis"}`` rows kept for articles whose text
does not date them) are looked up by the title found, never by offset.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from tracker import regex_code
from tracker.ingest.text import Span, paragraphs

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        1,
    )
    for m in names
}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# A line that is only a date: "Monday, June 19, 2017", "19 June 2017", "2017-06-19", "07 AUG 2017".
_DATE_LINE = regex_code.compile(
    rf"^\s*(?:{_WEEKDAY},?\s+)?(?:"
    rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})"
    # ... with the time of day and how long ago, as news archives print them: "July 23, 2015 /
    # 7:51 AM / 2 years ago", "June 3, 2019 10:22 a.m. ET"
    rf")(?:\s*[/|•·,]?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{{2,4}}|GMT|UTC)(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?)?)?"
    rf"(?:\s*[/|•·]\s*\d+\s+(?:years?|months?|weeks?|days?|hours?)\s+ago)?\s*$",
    re.IGNORECASE,
)
# A dateline opening a story: "BEIJING, June 12 (Reuters) -", "07 AUG 2017 - ", "SHANGHAI (Reuters), 5 May 2017 -",
# "AUSTIN, Texas, March 4, 2025 -" (a place with its state or country, as US and wire datelines give it)
_DATELINE = regex_code.compile(
    rf"^\s*(?:(?P<place>[A-Z][A-Za-z .'-]{{1,40}}?(?:,\s*[A-Z][A-Za-z.'-]{{1,20}}(?:\s[A-Z][A-Za-z.'-]{{1,20}})?)?)\s*(?:\([A-Za-z .]+\))?,?\s+)?(?:{_WEEKDAY},?\s+)?(?:"
    rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>\d{{4}}))?"
    rf")\s*(?:\((?:[A-Za-z .]+)\))?\s*(?:[-–—:/]|$)",
    re.IGNORECASE,
)
_FRONT_MATTER = regex_code.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEYS = regex_code.compile(r"^(title|date|published|pubdate|publish_date|published_at|url)\s*:\s*(.+?)\s*$", re.MULTILINE | re.IGNORECASE)
# Lines that close an article on a scraped page.
_SEPARATOR = regex_code.compile(
    r"^\s*(?:[•*·-]\s*)?(?:no related posts|related posts?:?|related articles?:?|read more|share this:?|"
    r"-{3,}|\*{3,}|(?:\*\s*){3,}|_{3,}|={3,}|#{1,3}\s*$)\s*$",
    re.IGNORECASE,
)
# a caption's "Photo" / "Image" is a word of its own ("Photo: Reuters", "Image credit"), not the head
# of a name that opens a headline or a sentence ("Photo-Me was fined ...", "Photobox buys ...")
_NOT_TITLE = regex_code.compile(r"^(?:https?://|www\.|showing posts|posted by|labels?:|source:|tags?:|by\s|the author|"
                                r"(?:photo|image)s?(?![\w-])|\(|–\s|-\s)", re.IGNORECASE)


@dataclass
class Article:
    title: str
    offset: int  # where the title is (or the article starts) in the document
    end: int  # where the article ends
    published: date | None
    basis: str | None  # "text", "outside", "option" (--published) or None


def parse_iso(value) -> date | None:
    if not value:
        return None
    text = str(value).strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    return None


def _date_of(match: re.Match, default_year: int | None = None) -> date | None:
    groups = match.groupdict()
    try:
        if groups.get("y3"):
            return date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        for n in ("1", "2"):
            if groups.get("m" + n):
                month = _MONTHS[_month_key(groups["m" + n])]
                year = groups.get("y" + n)
                year = int(year) if year else default_year
                if year is None:
                    return None
                return date(year, month, int(groups["d" + n]))
    except (ValueError, KeyError):
        return None
    return None


def _month_key(name: str) -> str:
    key = name.lower().rstrip(".")
    return key if key in _MONTHS else key[:3]


def date_heading(line: str) -> date | None:
    """The date of a line that is only a date ("Monday, June 19, 2017"), else None."""
    match = _DATE_LINE.match(line)
    return _date_of(match) if match else None


def dateline(paragraph: str) -> date | None:
    """The date of a wire dateline at the start of a paragraph, else None (year needed)."""
    head = paragraph[:120]
    match = _DATELINE.match(head)
    if not match:
        return None
    place = match.group("place") or ""
    if place and place.split()[0].lower() in {"on", "in", "by", "since", "from", "until", "as", "at", "before", "after"}:
        return None
    return _date_of(match)


# the same keys as header lines with no fences: "published: 2024-03-06", then a blank line
_HEADER_LINES = regex_code.compile(r"\A\ufeff?((?:(?:title|date|published|pubdate|publish_date|published_at|url)[ \t]*:[^\n]*\n)+)"
                           r"[ \t]*(?:\r?\n|\Z)", re.IGNORECASE)


def front_matter(text: str) -> tuple[dict, int]:
    """Keys of a leading YAML block (or of leading "key: value" header lines closed by a blank
    line), and where the body starts."""
    match = _FRONT_MATTER.match(text) or _HEADER_LINES.match(text)
    if not match:
        return {}, 0
    keys = {}
    for key, value in _FRONT_KEYS.findall(match.group(1)):
        keys[key.lower()] = value.strip().strip("'\"")
    return keys, match.end()


_TERMINAL_END = regex_code.compile(r"[.!?][\"”’')]*$")


# A line of at most this many words inside a story, with no date heading or separator before it,
# is a crosshead ("TCS revenue", "Lenovo Retained Top Spot", "Mercedes Mine, Mexico"): a label
# of the story's next section, not the headline of another story, which tells an act in more
# words ("Ncell Axiata selects ZTE network virtualisation"). On company-news train, all 8 mid-page
# lines taken for headlines were a single story's crossheads, 6 of them of two to four words.
CROSSHEAD_WORDS = 4


def _title_like(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 22 or len(line) > 160:
        return False
    if _NOT_TITLE.match(line) or _SEPARATOR.match(line) or date_heading(line):
        return False
    if line[0].islower() or line[0] in "•‧·▪●◦■-*–":
        return False
    if re.search(r"[.;,:][\"”’']?$", line) and not line.endswith("..."):
        return False  # a sentence, quoted or not ('... saying "no decision has been made."')
    if re.search(r"\.\s+[A-Z]", line):  # two sentences
        return False
    if "@" in line or len(re.findall(r"\d[\d.,]*", line)) >= 4:
        return False
    return True


def _capital_words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\b[A-Z][\w&-]+", text) if len(w) > 1} - _COMMON_CAPS


_COMMON_CAPS = {w.casefold() for w in "The A An In On At For And Of To With By As From Its It This That China Chinese".split()}


def split_articles(text: str, doc: str, facts: list[dict] | None = None) -> list[Article]:
    """The articles of one document, each with its title and publication date."""
    facts = [f for f in (facts or []) if f.get("doc") in (doc, None, "")]
    meta, body_start = front_matter(text)
    blocks = paragraphs(text, body_start)
    # classify blocks
    starts: list[tuple[int, str, date | None]] = []  # (offset, title, heading date)
    pending_date: date | None = None
    pending_at: int | None = None
    boundary = True  # the next title-like block opens an article
    lead_at: int | None = None  # the first block before any title that no title was taken from
    for index, block in enumerate(blocks):
        first_line = block.text.split("\n", 1)[0].strip()
        single_line = "\n" not in block.text.strip()
        heading = date_heading(first_line) if single_line else None
        if heading:
            pending_date, pending_at, boundary = heading, block.start, True
            continue
        if single_line and _SEPARATOR.match(first_line):
            boundary = True
            continue
        lines = block.text.strip().split("\n")
        if (len(lines) == 2 and (boundary or not starts) and _title_like(first_line)
                and (dated := date_heading(lines[1].strip()))):
            # a headline with its date on the line below ("... Bakeries\nMarch 6, 2024 10:22 a.m. ET")
            starts.append((block.start, first_line, dated))
            boundary = False
            continue
        prev_block = blocks[index - 1] if index else None
        wrapped = block.text[-1:] in (" ", "\t") or (
            prev_block is not None and prev_block.text[-1:] in (" ", "\t")
            and not _TERMINAL_END.search(prev_block.text.rstrip())
        )
        if single_line and not wrapped and _title_like(first_line):
            nxt = blocks[index + 1].text if index + 1 < len(blocks) else ""
            opens = boundary
            if not opens and nxt and len(first_line.split()) > CROSSHEAD_WORDS:
                # a headline mid-page: its words come back in the first sentence that follows
                shared = _capital_words(first_line) & _capital_words(nxt[:300])
                opens = len(shared) >= 1 and not date_heading(nxt.split("\n", 1)[0])
            if opens:
                starts.append((block.start, first_line, pending_date))
                boundary = False
                continue
        if not starts and not (single_line and _NOT_TITLE.match(first_line)):
            # text before any title: an article whose title is its first line; it starts at the
            # first line no title was taken from ("(Bloomberg) — Drugmaker Alkermes PLC rose ...",
            # "By Jane Roe"): a wire story's lead is its first paragraph, not a line to skip
            starts.append((lead_at if lead_at is not None else block.start, first_line[:200], pending_date))
        elif not starts and lead_at is None:
            lead_at = block.start
        boundary = False
    # a title the publication facts list opens its article, even one the layout rules do not take
    # for a title ("... Expect to Be Tracked. Now, They Want Privacy.")
    known = {start for start, _, _ in starts}
    listed = {f.get("title") for f in facts if f.get("title")}
    starts += [(b.start, b.text.strip(), None) for b in blocks if b.start not in known and b.text.strip() in listed]
    starts.sort(key=lambda s: s[0])
    if not starts:
        return [Article(title="", offset=body_start, end=len(text), published=None, basis=None)]
    articles = []
    for number, (offset, title, heading) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(text)
        # a date heading between two articles belongs to the next one
        articles.append(Article(title=title, offset=offset, end=end, published=heading, basis="text" if heading else None))
    for index, article in enumerate(articles):
        if index + 1 < len(articles):
            nxt_heading_at = _heading_before(text, article.offset, articles[index + 1].offset)
            if nxt_heading_at is not None:
                article.end = nxt_heading_at
        # a dated heading dates every post below it until the next heading
        if article.published is None and index > 0 and not _heading_between(text, articles[index - 1].offset, article.offset):
            article.published = articles[index - 1].published
            article.basis = articles[index - 1].basis
        if article.published is None:
            body = text[article.offset : article.end]
            for para in paragraphs(body)[:3]:
                found = dateline(para.text)
                if found:
                    article.published, article.basis = found, "text"
                    break
        if article.published is None and index == 0:
            for key in ("published", "date", "pubdate", "publish_date", "published_at"):
                found = parse_iso(meta.get(key))
                if found:
                    article.published, article.basis = found, "text"
                    break
        fact = _fact_for(article.title, facts)
        if fact is not None:
            published = parse_iso(fact.get("published"))
            if published is not None:
                article.published = published
                article.basis = fact.get("basis") or "outside"
            elif article.basis is None:
                article.basis = fact.get("basis")
    if meta.get("title") and articles:
        articles[0].title = articles[0].title or meta["title"]
    return articles


def _heading_before(text: str, start: int, stop: int) -> int | None:
    """Where the last date heading between two article starts is (it opens the second)."""
    found = None
    for block in paragraphs(text, start, stop):
        if "\n" not in block.text.strip() and date_heading(block.text.strip()):
            found = block.start
    return found


def _heading_between(text: str, start: int, stop: int) -> bool:
    return _heading_before(text, start, stop) is not None


def _norm_title(title: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", title.replace("’", "'").casefold()).split())


def _fact_for(title: str, facts: list[dict]) -> dict | None:
    if not title or not facts:
        return None
    key = _norm_title(title)
    best, best_score = None, 0.0
    for fact in facts:
        other = _norm_title(fact.get("title", ""))
        if not other:
            continue
        if other == key:
            return fact
        score = difflib.SequenceMatcher(None, key, other).ratio()
        if score > best_score:
            best, best_score = fact, score
    return best if best_score >= 0.85 else None
