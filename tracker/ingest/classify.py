"""What kind of event a sentence reports, and whether it reports one at all.

Rules on the words of the sentence, in order of precedence: the first rule whose cue occurs
wins. They are general business-news cues (no names, no seed phrases).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# (type, cue) in precedence order.
TYPE_RULES: list[tuple[str, re.Pattern]] = [
    ("apology", re.compile(r"\bapologi[sz]", _I)),
    ("joint_venture", re.compile(r"\bjoint[- ]venture\b|\bJV\b|\bform(?:ed|s)? a (?:new )?(?:company|venture)\b", _I)),
    ("legal", re.compile(
        r"\b(?:sued|sues|suing|lawsuits?|sentenced|sentences?\b|prison|jailed|convicted|guilty|fined|"
        r"charged|indicted|arrested|apprehended|trial\b(?= (?:court|judge))|court|police|investigat(?:ed|ing|ion)\b.*\b(?:police|prosecutor)|"
        r"prosecut|repatriated|fled|copyright|infring|settle[ds]? (?:a|the) (?:suit|case|dispute)|"
        # "hit back with a suit in Beijing": a lawsuit named as "suit"
        r"(?:with|filed|brought|lodged) (?:a|its|their) (?:\w+ )?suit\b)", _I)),
    ("award", re.compile(r"\b(?:award(?:ed)? (?:the|a|an)?\s*[\"“]?[A-Z][^.]*?\b(?:award|prize)|won (?:the|an?) [^.]*?(?:award|prize)|"
                         r"(?:award|prize) (?:for|of)\b|named (?:the )?best|received (?:the|an?) [^.]*?award|"
                         r"\bwas awarded\b(?! (?:a|the) (?:contract|bid|deal|share|\d))|honou?red with)", _I)),
    ("leadership", re.compile(
        r"\b(?:appoint(?:ed|s|ment)|board (?:of )?directors?|new (?:board|director|chairman|ceo|chief)|"
        r"named (?:as )?(?:its |the )?(?:new )?(?:ceo|chief|chairman|president|director)|resign(?:ed|s|ation)|"
        r"stepp(?:ed|ing) down|(?:joins|joined) the board|elected (?:as )?(?:chairman|president|director))", _I)),
    ("acquisition", re.compile(
        r"\b(?:acquir(?:e|ed|es|ing)|acquisition|takeover|took over|buy(?:s|ing)? (?:a |an |the )?(?:\d+% )?(?:stake|company|firm|operator|business|unit)|"
        r"bought (?:a |an |the )?(?!.*\bstake\b)|merg(?:e|ed|er|ing) with)", _I)),
    ("investment", re.compile(
        r"\b(?:invest(?:ed|s|ing|ments?)?|stakes?|shareholders?|funding round|raised \$|capital injection|"
        r"strategic investors?|equity|financing round|series [A-F](?: funding| financing)? round)\b", _I)),  # \b: not "investor conference", "stakeholders"
    ("regulatory", re.compile(
        r"\b(?:regulat(?:or|ors|ory|ion|ions)|licen[cs]e[ds]?|approv(?:al|ed) (?:by|from) (?:the )?(?:government|regulator|ministry|miit)|"
        r"blocked|banned|bans?\b|sanction|government (?:is |was )?(?:now )?(?:request|demand|order|pressur)|"
        r"pressures?\b|applied (?:for|to)|ordered (?:to|by)|crackdown|clampdown|censor)", _I)),
    ("financial_results", re.compile(
        r"\b(?:revenues?|net (?:income|profit|loss)|profits?|operating (?:loss|income|profit)|earnings|EBITA|EBITDA|"
        r"gross merchandise volume|GMV|turnover|sales of (?:RMB|US\$|\$|€)|quarterly results|annual results|fiscal (?:year|quarter) results)", _I)),
    ("contract", re.compile(
        r"\b(?:contract(?:ed|s)?(?!-)|selects?|selected|won (?:the |a )?(?:bid|tender|deal|order)|award(?:ed)? (?:a |the )?(?:\d+% )?(?:share|contract|deal|bid)|"
        r"has been awarded|frame(?:work)? agreement\b(?=[^.]*(?:[$€£¥]|\b(?:RMB|USD|EUR|Euro|yuan|dollars?)\b)\s?\d)|"
        r"(?:[$€£¥]|\b(?:RMB|USD|EUR|Euro)\s?)\d[\d.,]*\s?(?:million|billion|bn|m)?\s+frame(?:work)? agreement|"
        r"supply (?:agreement|deal)|procurement|"
        r"commissioned|purchase order|tender|supplier)", _I)),
    ("partnership", re.compile(
        r"\b(?:partner(?:ship|ships|ed|ing|s)?|alliance|cooperat(?:e|ed|es|ing|ion)|co-?operat|collaborat(?:e|ed|es|ing|ion)|"
        r"team(?:ed|s)? up|joined forces|join(?:ed|s)? hands|memorandum|MoU|agreement|pact|co-licensing|licensing deal|"
        r"tie-?up|teamed)", _I)),
    ("trial", re.compile(
        r"\b(?:test(?:s|ed|ing)?|trials?|trialled|trialed|pilot(?:ed|s)?|demo(?:nstrat(?:ed|ion|es))?|verif(?:y|ied|ication)|"
        r"validat(?:e|ed|ion)|proof of concept|PoC|showcased|prototype)\b", _I)),
    ("network_deployment", re.compile(
        r"\b(?:deploy(?:ed|s|ing|ment)?|roll(?:ed|s|ing)?[- ]out (?:of )?(?:its |a |the )?(?:\w+ ){0,3}network|"
        r"network (?:construction|build|roll-?out|upgrade)|built (?:a |its |the )?(?:\w+ ){0,3}network|"
        r"commercial use|went live|in operation|base stations?|fibre|fiber|backbone|cable system|coverage)", _I)),
    ("product_launch", re.compile(
        r"\b(?:launch(?:ed|es|ing)?|unveil(?:ed|s|ing)?|introduc(?:ed|es|ing)|releas(?:ed|es|ing)|"
        r"rolled out|roll(?:s|ing)? out|debut(?:ed|s)?|new (?:product|service|platform|version)|"
        # "went on sale on November 6", "put its new phone on sale": a product in the shops
        r"(?:went|goes|go|put\b[^.;]{0,40}?) on sale|"
        r"made available|available (?:to|in))", _I)),
    ("expansion", re.compile(
        r"\b(?:expan(?:d|ded|ds|ding|sion)|data cent(?:re|er)s?|open(?:ed|s|ing)? (?:a |its |the |new )?(?:\w+ ){0,3}"
        r"(?:office|store|shop|branch|centre|center|facility|plant|factory|lab|laboratory|research|hub)|"
        r"entered (?:the )?(?:\w+ ){0,3}market|establish(?:ed|es|ing) (?:a |an |its |the )?(?:new )?(?:\w+ ){0,3}"
        r"(?:subsidiary|company|centre|center|office|unit|branch|laboratory)|founded|set up (?:a |an |its )?(?:\w+ ){0,2}"
        r"(?:subsidiary|company|office|unit|branch))", _I)),
    ("market_data", re.compile(
        r"(?:\b(?:market share|share of|subscribers?|subs\b|users|customers|clients|ranked|No\.\s?\d|"
        r"price target|shares? (?:rose|fell|jumped|dropped|gained|climbed)|rose \d|fell \d|up \d|down \d|"
        r"connections|accounts? for|accounted for|shipments|units|reached|exceed(?:ed|s)?|grew|increased|decreased)\b|\d\s?%|per cent)", _I)),
    ("statement", re.compile(
        r"\b(?:said|says|stated|states|announced|announces|claim(?:ed|s)?|disclosed|commented|complained|told|"
        r"noted|reported|reports|confirmed|denied|published|posted|revealed|bemoaned|expects?|expected|"
        r"plans?|planned|aims?|target(?:ed|s)?)\b", _I)),
]

# A sentence reports something that happened (or is reported as done) when it has one of these.
EVENT_CUE = re.compile(
    r"\b(?:announc\w*|launch\w*|sign(?:ed|s|ing)|agree(?:d|s|ment)|acquir\w+|acquisition|bought|buy|"
    r"invest\w*|partner\w*|cooperat\w*|collaborat\w*|team(?:ed)? up|joined|join(?:s|ing)?|complet(?:ed|es|ion)|"
    r"deploy\w*|rolled out|roll(?:s|ing)? out|introduc(?:ed|es)|unveil\w*|releas(?:ed|es)|open(?:ed|s)|establish\w*|"
    r"set up|founded|form(?:ed|s)|select(?:ed|s)|award\w*|won|win(?:s|ning)|contract\w*|tested|test(?:s|ing)?|trial\w*|"
    r"achiev\w+|reach(?:ed|es)|report(?:ed|s)|posted|said|says|stated|claim(?:ed|s)|disclosed|noted|"
    r"sued|sentenced|fined|charged|apprehended|released|apologi\w+|appoint\w*|approv\w*|blocked|"
    r"ranked|grew|rose|fell|increased|decreased|gained|lost|added|serv(?:ed|es|ing)|had|has|have|"
    r"exceed\w*|amount(?:ed|s)|accounted|account|held|led|began|started|start(?:s)?|built|build(?:s)?|"
    r"delivered|provid(?:ed|es|ing)|supplied|supports?|implemented|migrated|connected|upgraded|expand\w*|"
    r"entered|demonstrat\w+|showcased|conducted|carried out|initiated|convened|published|revealed|"
    r"requested|requesting|pressur\w+|complained|bemoaned|deleted|apologized|enrolled|"
    r"st(?:ood|ands) at|reached|exceeds|surpassed|topped|sold|sells|shipped|is providing|is using|"
    r"teams?|cut|reduc(?:ed|es)|suspended|amended|optimi[sz]ed|simplif(?:ied|y)|transformed|centrali[sz]ed|"
    r"focused|engaged|developed|created|hosted|held|attended|drew|handled|overtook|overtaken|took|met|pushed\s+forward|"
    r"picked|showed off|named|threw out|dismissed|ordered|handed|"
    # "the court turned down X's request", "X hit back with a suit", "went on sale"
    r"turned down|rejected|(?:hit|struck) back|on sale)\b",
    _I,
)

_MODAL = re.compile(
    r"\b(?:will|would|could|should|might|(?-i:may)|can|must|shall|plans? to|hopes? to|aims? to|intends? to|"
    r"expects? to|(?:is|are) (?:expected|forecast|projected|likely) to|needs? to|wants? to|if|whether|unless|"
    # "we expect capital expenditure of ...", "analysts had expected a profit of ...": a forecast, not a result
    r"(?:we|analysts|investors)\s+(?:had\s+|have\s+)?expect(?:s|ed)?)\b",
    _I,
)


def event_type(sentence: str) -> str:
    """The type of the event of a sentence: from its event clause, else from the cue words anywhere."""
    kind = clause_type(sentence)
    if kind is not None:
        return kind
    if _UNREALISED_TIE.search(sentence):
        return "other"  # "flew to Hangzhou to negotiate on possible cooperation": no partnership came of it yet
    return cue_type(sentence)


# "possible cooperation", "sought cooperation with terminal makers": a tie looked for, not yet made
_UNREALISED_TIE = re.compile(r"\b(?:possible|potential|prospective|sought|seeks?|seeking)\s+(?:\w+\s+)?"
                             r"(?:cooperation|co-operation|partnership|collaboration|tie-?up|alliance)\b", _I)


_CLAUSE_BREAK = re.compile(r"[,;]|\s(?:and|while|but)\s|\bi\.e\.")
_FACT_WINDOW = 70


def dated_fact_type(sentence: str, start: int, end: int) -> str:
    """The type of the fact that a second date of a sentence (at ``start:end``) dates: from the clause
    around that date ("in 2007 it bought an operator in Pakistan and in 2014 ..."), else from the
    words near it."""
    begin, stop = fact_clause(sentence, start, end)
    clause = sentence[begin:stop]
    kind = clause_type(clause)
    if kind is None:
        kind = cue_type(clause)
    if kind != "other":
        return kind
    return event_type(sentence[max(0, start - _FACT_WINDOW) : end + _FACT_WINDOW])


def fact_clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause around the date at ``start:end`` of a sentence begins and ends."""
    begin = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    stop = next((m.start() for m in _CLAUSE_BREAK.finditer(sentence, end)), len(sentence))
    return begin, stop


# "the number of FTTH subscribers in China had increased to 227.7 million": a count of a whole market, not
# of a company ("the number of its subscribers" is the company's own)
_MARKET_COUNT = re.compile(r"\bthe\s+(?:total\s+)?number\s+of\b(?![^,;]*\b(?:its|their|our)\b)", _I)


def market_count(clause: str) -> bool:
    """Whether a clause tells a count of a whole market (see ``_MARKET_COUNT``)."""
    return _MARKET_COUNT.search(clause) is not None


def cue_type(sentence: str) -> str:
    """The type from cue words anywhere in the sentence, in order of precedence."""
    counted = bool(_COUNT_NOT_YEAR.search(sentence))
    for name, cue in TYPE_RULES:
        if name == "market_data" and not counted:
            continue  # "initiated measures for customers' perception": users named, nothing counted
        if cue.search(sentence):
            return name
    return "other"


# Verb forms that tell of something done (past tense, perfect) or reported as news.
_REGULAR = (
    "announce launch sign agree acquire invest partner cooperate collaborate team join complete deploy introduce "
    "unveil release open establish found form select award contract test trial achieve reach report post state claim "
    "disclose note sue sentence fine charge apprehend apologize apologise appoint approve block rank raise increase "
    "decrease gain add serve exceed amount account start deliver provide supply implement migrate connect upgrade "
    "expand enter demonstrate showcase conduct initiate convene publish reveal request pressure complain bemoan "
    "delete enrol enroll surpass top ship reduce suspend amend optimise optimize transform centralise centralize "
    "focus engage develop create host attend handle comment confirm deny pilot verify validate roll carry list merge "
    "forge strengthen boost enable ban fire resign elect name hire promote settle rule order warn halt jump climb "
    "drop plunge soar hike up cite estimate record register arrest repatriate flee charge convict fine debut "
    "equip install operate commission integrate acquire finalise finalize close purchase obtain secure receive "
    "earn generate post book log rise tie push pick show dismiss hand reject turn"
).split()
_PAST_WORDS = set()
for _stem in _REGULAR:
    _base = _stem[:-1] if _stem.endswith("e") else _stem
    _PAST_WORDS.update({_base + "ed", _stem + "d" if _stem.endswith("e") else _stem + "ed"})
    if _stem.endswith("y"):
        _PAST_WORDS.add(_stem[:-1] + "ied")
    if re.search(r"[^aeiou][aeiou][pgtnbm]$", _stem):
        _PAST_WORDS.add(_stem + _stem[-1] + "ed")
    _PAST_WORDS.update({_stem + "s", _stem + "es"})  # headline present: "ZTE announces", "Foxconn invests"
_PAST_WORDS.update(
    "won held led began built took drew overtook cut lost had was were said told made sold bought rose fell grew "
    "set ran fled paid spent brought struck saw put hit began became left met sent went gave threw".split()
)
_PAST_WORDS -= {"need", "needs", "speed", "speeds", "seed", "feed", "standards", "tops", "posts", "notes", "states",
                "forms", "orders", "rules", "names", "lists", "tests", "trials", "contracts", "partners", "teams",
                "reports", "accounts", "charges", "fines", "awards", "claims", "plans"}
# acts that reports of a company's year tell of, beyond the verbs of news ("Submitted 649 essays",
# "organised a tournament", "was elected as a member", "346 patents were granted")
_REPORT_ACTS = "organised organized submitted participated formulated elected simplified advocated granted".split()
_REPORT_ACT = re.compile(r"\b(?:" + "|".join(_REPORT_ACTS) + r")\b", _I)
_PAST_WORDS.update(_REPORT_ACTS)
# "was the first in the industry to offer", "has become the first vendor to conduct": a first, always an act
_FIRST_TO = re.compile(r"\b(?:was|were|became|has become|have become) the first\b[^.,;]{0,40}?\bto [a-z]+", _I)
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+|also\s+|now\s+|just\s+|already\s+|not\s+|since\s+)?(?:been\s+)?(?:[a-z]+(?:ed|en|wn|ht|lt|un|ade|ew|one|ost)|become)\b", _I)
_WORD = re.compile(r"[A-Za-z]+")
_HEADLINE_PRESENT = {"announces", "launches", "reports", "unveils", "signs", "selects", "completes", "deploys", "wins",
                     "acquires", "buys", "agrees", "invests", "introduces", "opens", "says", "claims", "stated",
                     "notes", "confirms", "partners", "reaches", "teams", "joins", "ranks", "posts"}


_ADJECTIVE_BEFORE = re.compile(r"(?:-|\b(?:a|an|the|its|their|our|this|these|those)\s+)$", _I)


def _adjective(text: str, word) -> bool:
    """A participle used as an adjective, no verb: "an integrated business", "value-added services"."""
    return bool(_ADJECTIVE_BEFORE.search(text[max(0, word.start() - 7):word.start()]))


class _PastCue:
    """``search(text)``: the first word that tells of something done, as a match-like object."""

    @staticmethod
    def search(text: str):
        perfect = _PERFECT.search(text)
        for word in _WORD.finditer(text):
            low = word.group(0).lower()
            if low in _PAST_WORDS and (not low.endswith("s") or low in _HEADLINE_PRESENT) and not _adjective(text, word):
                if perfect and perfect.start() < word.start():
                    return perfect
                return word
        return perfect


PAST_CUE = _PastCue()
_REPORTING = {"said", "says", "noted", "stated", "added", "told", "claimed", "claims", "commented"}
_DESCRIPTIVE = re.compile(
    r"\b(?:is|are)\s+(?:\w+ly\s+)?(?:designed|intended|expected|likely|set|seeking|aiming|looking|planning|able|"
    r"going|about|believed|considered|known|used|focused|positioned|poised|committed)\b|\b(?:aims|seeks|hopes|wants|needs)\s+to\b",
    _I,
)


_MAIN_MODAL = re.compile(
    r"\b(?:can|could|should|would|will|must|might|(?-i:may)|needs? to|has to|have to|is to|are to|"
    r"(?:is|are)\s+(?:also\s+|now\s+|still\s+)?(?:expected|forecast|likely|looking|seeking|hoping|aiming) to|"
    r"expects? to|plans? to|hopes? to|wants? to|intends? to|aims? to|seeks? to)\b",
    _I,
)
# a subordinate clause: its modal or its verb is not the sentence's main verb
_SUBORDINATE = re.compile(r"\b(?:that|which|who|where|when|if|whether|than|because|as|while)\b[^,;]{0,40}$", _I)
_ONGOING = re.compile(
    r"\b(?:is|are|am|has been|have been)\s+(?:\w+ly\s+|also\s+|now\s+|still\s+)*(?!being\b)[a-z]+ing\b|"
    r"\b(?:continues?|remains?|now includes?|currently (?:has|have|is|are|serves?|supports?)|has some|still)\b",
    _I,
)

_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|a|an|its|their|this|these|those)\s+(?:\w+est\s+)?(?:already\s+|newly\s+|recently\s+)?$", _I)


def _first_past(text: str) -> int | None:
    """Where the first verb of something done stands, outside subordinate clauses."""
    for word in _WORD.finditer(text):
        low = word.group(0).lower()
        if low in _PAST_WORDS and not low.endswith("s"):
            if re.search(r"\b(?:that|which|who|where|when|if|whether|than|because|as)\s+(?:\w+\s+){0,3}$", text[: word.start()], _I):
                continue
            if _ATTRIBUTIVE_BEFORE.search(text[: word.start()]):
                continue  # "the expanded agreement", "the nearest already announced data centre": an adjective
            if text[word.start() - 1 : word.start()] == "-" or (
                    _REDUCED_PASSIVE.match(text, word.end()) and not _AUXILIARY_BEFORE.search(text, 0, word.start())):
                continue  # "two apps operated by Oslo-listed Acme could access": participles describe the subject
            return word.start()
    return None


def _main_clause(pattern: re.Pattern, text: str):
    for match in pattern.finditer(text):
        if _SUBORDINATE.search(text[: match.start()]):
            continue
        return match
    return None


def plan_or_state(sentence: str, dated: bool = False) -> bool:
    """True when the main verb is a plan or a possibility ("Unicom should develop", "X will deploy"), or,
    in a sentence that names no date, an ongoing state ("has been catching up", "remains", "is seeing")."""
    first = _first_past(sentence)
    modal = _main_clause(_MAIN_MODAL, sentence)
    if modal is not None and (first is None or modal.start() < first):
        return True
    if not dated:
        ongoing = _main_clause(_ONGOING, sentence)
        if ongoing is not None and (first is None or ongoing.start() < first):
            return True
    return False


def reports_event(sentence: str, dated: bool = False) -> bool:
    """True when the sentence tells of something done, not only a plan, an opinion or a question."""
    text = sentence.strip()
    if not text or text.endswith("?"):
        return False
    if re.match(r"^\W*I\b(?!\.)", text):
        return False  # "I met a taxi driver ...": the author's own story
    if plan_or_state(text, dated):
        return False
    first = _FIRST_TO.search(text)
    cue = EVENT_CUE.search(text) or _REPORT_ACT.search(text) or first
    if not cue:
        return False
    past = PAST_CUE.search(text) or first
    if not past and not dated:
        return False
    if past and past.group(0).lower() in _REPORTING and _MODAL.search(text):
        # "X may expand ..., analysts said": a possibility reported, not a fact
        others = [w for w in _WORD.findall(text) if w.lower() in _PAST_WORDS and w.lower() not in _REPORTING]
        if not others:
            return False
    descriptive = _DESCRIPTIVE.search(text)
    if descriptive and not dated and (not past or past.group(0).lower() in _REPORTING or descriptive.start() < past.start()):
        # "X is designed to ...", "X noted that it aims to ...", but not an act that a description follows
        # ("X has built a platform ..., etc. The platform is able to ...")
        return False
    cue = past or cue
    modal = _MODAL.search(text)
    if modal and modal.start() < cue.start() and cue.start() - modal.end() < 25:
        # "Unicom can provide ...", "the firm should be able to ..." (a plan or a wish)
        later = EVENT_CUE.search(text, modal.end() + 30)
        return bool(later and not _MODAL.search(text, modal.end(), later.start()))
    return True


# a report's subjectless bullet in the gerund, of an act and what it was for ("Launching various
# promotion tools, with an aim to expand service channels", "Adding online payment to provide a
# one-stop platform"); gerund headings name an area of work ("Enhancing billing management")
_GERUND_ACT = re.compile(
    r"^\W*(?:Launching|Adding|Introducing|Opening|Deploying|Releasing|Rolling out|Setting up|Signing)\b"
    r"(?=[^.;]*?\bto\s+(?!the\b|a\b|an\b|\d)[a-z]+)"
)


def gerund_act(sentence: str) -> bool:
    """True for a report's gerund bullet that tells of an act (see ``_GERUND_ACT``)."""
    return bool(_GERUND_ACT.match(sentence.strip()))


# a name that reports ("ZTE", "Quanzhou Mobile") and the words that report a clause ("also noted that")
_REPORTER = r"(?:[A-Z][\w.&-]*\s){1,4}"
_REPORTS_THAT = r"(?:also\s+)?(?:noted|stated|added|said|claims|claimed|states|notes|explained|pointed out) that"
# "ZTE noted that", "Quanzhou Mobile and ZTE noted that", "The company noted that"
_REPORTED = re.compile(r"^(?:The company\s|" + _REPORTER + r"(?:and\s" + _REPORTER + r")?)" + _REPORTS_THAT + r"\b")
_STRONG_PAST = re.compile(
    r"\b(?:signed|acquired|bought|launched|won|awarded|agreed|appointed|completed|invested|formed|opened|unveiled|"
    r"released|selected|sued|fined|apologi[sz]ed|provided|delivered|bec(?:ame|ome) the first)\b",
    _I,
)

# "China Mobile had previously deployed ...", "X has previously been quoted as saying": an earlier act
# recalled as background to the news, not reported as news
_BACKGROUND = re.compile(r"\b(?:has|have|had)\s+previously\b|\bpreviously\s+[a-z]+ed\b", _I)


def recalled_background(sentence: str) -> bool:
    """True when the sentence recalls an earlier act as background ("had previously deployed").

    Meant for sentences that name no date of their own: "Previously, last December X signed" is dated news."""
    return bool(_BACKGROUND.search(sentence))


# "ZTE noted that the project entered ...", "The company noted that ...": what a company is reported to say
_REPORTED_THAT = re.compile(r"^\W*(?:The company\s|" + _REPORTER + ")" + _REPORTS_THAT + r"\s+")


def reported_subject(sentence: str) -> tuple[int, int] | None:
    """Where the subject of the clause a company is reported to have said stands in ``sentence``
    ("ZTE added that China started ...": "China"), or None when the sentence is no such report."""
    match = _REPORTED_THAT.match(sentence)
    if match is None:
        return None
    verb = _main_verb(sentence, match.end(), broad=True)
    if verb is None:
        return None
    cut = max(sentence.rfind(",", match.end(), verb.start()), sentence.rfind(";", match.end(), verb.start()))
    return (cut + 1 if cut >= 0 else match.end()), verb.start()


# what a report says right after an act to give its extent or its means, naming no company and no date:
# the act's result in the perfect or passive with the thing done or the people served as subject ("The new
# workflow has been implemented at over 1,000 stores.", "More than 600 doctors have conducted 1000
# diagnoses via it."), the tool it used ("It used a robot to ..."), what it did besides ("Meanwhile, it also
# created ...", "Meanwhile, the score has been applied to ...")
_EXTENT = re.compile(
    r"^\W*(?:Meanwhile,\s*)?(?:"
    r"(?:it|they)\s+(?:also\s+)?(?:used|created|added)\b|"
    r"(?!(?:it|they|we|our)\b)(?:the|more than|over|nearly|about|\d)[^,;:]{0,60}?\s"
    r"(?:has|have)\s+(?:\w+ly\s+)?(?:been\s+)?(?:\w+ly\s+)?[a-z]+ed\b)",
    _I,
)


def extent_follow_up(sentence: str) -> bool:
    """True for a report's sentence that tells the extent or the means of the act told just before it
    (see ``_EXTENT``): another source of that act, not an act of its own."""
    return bool(_EXTENT.match(sentence.strip()))


def descriptive_follow_up(sentence: str) -> bool:
    """"ZTE noted that the network covers 20 cities": a follow-up that describes, reports no new act.

    Meant for sentences after the lead of an article that name no date of their own."""
    match = _REPORTED.search(sentence)
    return bool(match) and not _STRONG_PAST.search(sentence, match.end()) and not _FIRST_TO.search(sentence, match.end())


# -- the type from the event clause -----------------------------------------------------------------
#
# The rules above look at every word of a sentence, so a word anywhere ("offered by 31 partners",
# "a 1.19% stake") can decide the type. ``clause_type`` first finds the event clause: the main
# verb after any leading adverbial ("In 2017,", "According to IDC,") and outside relative clauses,
# and, when that verb only reports ("said", "announced"), the verb or noun of what was reported.
# The type comes from that verb and the words of its object.

_LEADING = re.compile(
    r"^(?:(?:In|On|At|As\s+(?:of|at)|By|During|Since|According\s+to|Under|Following|After|Before|Between|Despite|"
    r"Also|In\s+addition|Recently|Earlier|Later|Last|This|Besides|Through|With|Over|For|Capturing|Leveraging|Starting|"
    r"Based|Introduced|Using|Backed|Helped|As\s+(?:part|one|a|the|an)\b)\b(?!-)[^,;]{0,140},\s*|"  # not "In-store promotion"
    # a sentence adverb heads a clause of its own unless a comma follows it ("Meanwhile X handed Y a contract, ...")
    r"(?:Additionally|Meanwhile|Separately|Furthermore|Moreover|However|Previously|Subsequently),\s*)+",
)
_DATELINE_START = re.compile(r"^[^\n]{0,80}?(?:\([A-Za-z .]+\)\s*)?\s[-–—]\s+(?=[A-Z])")
_OBJECT_WORDS = 12

# verb (lower-case word) -> type; None: the verb is generic and its object decides
_VERB_TYPE: dict[str, str | None] = {}


def _verbs(kind: str | None, words: str) -> None:
    for word in words.split():
        _VERB_TYPE[word] = kind


_verbs("product_launch", "launched launches launch unveiled unveils introduced introduces released releases debuted debuts")
_verbs("network_deployment", "deployed deploys implemented installed")
_verbs("contract", "selected selects picked contracted commissioned")
_verbs("partnership", "partnered partners cooperated collaborated teamed allied")
_verbs("trial", "tested tests trialled trialed piloted demonstrated demonstrates verified validated showcased")
_verbs("legal", "sued sues sentenced convicted jailed arrested apprehended indicted charged fined repatriated fled")
_verbs("leadership", "appointed appoints resigned hired elected")
_verbs("apology", "apologised apologized apologises apologizes apologised")
_verbs("acquisition", "acquired acquires bought buys merged")
_verbs("investment", "invested invests invest")
_verbs("regulatory", "applied")
_verbs("expansion", "opened opens expands entered")
_verbs("market_data", "ranked overtook surpassed topped shipped served serves grew rose fell increased decreased "
                      "reached exceeded gained lost added accounted")
_verbs("statement", "said says stated states noted notes claimed claims announced announces reported reports "
                    "disclosed discloses confirmed confirms revealed reveals told commented explained added "
                    "advocated denied warned published posted")
_verbs(None, "signed signs established establishes set founded formed forged built builds constructed completed "
             "completes conducted carried ran initiated created developed won wins awarded received "
             "rolled offered provided put organised organized convened held had has took joined started began "
             "migrated upgraded went extended expanded amounted totalled totaled join named showed handed ordered")

_PAST_ONLY = {"had", "has"}
_REPORTING_VERBS = {"said", "says", "stated", "states", "noted", "notes", "claimed", "claims", "announced",
                    "announces", "reported", "reports", "disclosed", "discloses", "confirmed", "confirms",
                    "revealed", "reveals", "told", "commented", "explained", "added"}
_NOT_VERB_AFTER = re.compile(r"^-|^\s+(?:by|to)\b(?=[^.]{0,3}$)")
_RELATIVE = re.compile(r"\b(?:which|that|who|whose|whom|where|when|if|whether|because|while|although|though|"
                       r"after|before|since|until|as|than|once)\b[^,;()]*$", re.I)

# what the object of a generic verb is about -> type (first match wins)
_OBJECT_TYPE: list[tuple[str, re.Pattern]] = [
    ("leadership", re.compile(r"\b(?:appointments?|board (?:of )?directors|new (?:chairman|chief executive|CEO|president|directors?))\b", _I)),
    ("award", re.compile(r"\b(?:award|prize|honou?r|title of)\b", _I)),
    ("contract", re.compile(r"\b(?:contracts?|tenders?|bids?|orders?|supply (?:deal|agreement)|deal worth|purchase)\b", _I)),
    ("acquisition", re.compile(r"\b(?:acquisition|takeover|merger)\b", _I)),
    ("joint_venture", re.compile(r"\bjoint[- ]venture\b", _I)),
    ("joint_venture", re.compile(r"\bto (?:establish|set up|form|create) (?:a |an |another )?(?:new )?(?:[\w-]+ ){0,2}"
                                 r"(?:company|start-?up|venture|firm)\b", _I)),
    ("partnership", re.compile(r"\b(?:partnerships?|alliance|memorandum|MoU|(?:cooperation|collaboration|framework|strategic)\s+"
                               r"(?:agreement|deal|pact)|agreements?|pact|cooperation|collaboration|joint\b|together with|"
                               r"in conjunction with|forces|hands)\b", _I)),
    ("trial", re.compile(r"\b(?:tests?|testing|trials?|pilots?|verification|validation|demonstrations?|proof of concept|PoC)\b", _I)),
    ("network_deployment", re.compile(r"\b(?:networks?|deployment|base stations?|fibre|fiber|backbone|cable|coverage|"
                                      r"roll-?out|sites?)\b", _I)),
    ("expansion", re.compile(r"\b(?:subsidiary|branch|office|store|stores|shop|data cent(?:re|er)s?|factory|plant|facility|"
                             r"laborator(?:y|ies)|lab|research (?:centre|center|institute)|market|headquarters|company|unit)\b", _I)),
    ("product_launch", re.compile(r"\b(?:platforms?|products?|services?|apps?|applications?|solutions?|packages?|versions?|"
                                  r"devices?|phones?|smartphones?|chips?|tools?|features?|offerings?)\b", _I)),
]
# nouns that say what was announced ("announced the launch of", "disclosed plans")
_REPORTED_NOUN: list[tuple[str, re.Pattern]] = [
    ("statement", re.compile(r"^(?:its |their |the )?(?:plans?|intention|target|goal|strategy|ambition|figures?|estimates?)\b", _I)),
    ("product_launch", re.compile(r"^(?:the |a |its )?(?:\w+ ){0,2}(?:launch|introduction|release|availability|debut)\b", _I)),
    ("network_deployment", re.compile(r"^(?:the |a |its )?(?:\w+ ){0,2}(?:deployment|roll-?out|construction)\b", _I)),
    ("trial", re.compile(r"^(?:the |a |its )?(?:\w+ ){0,3}(?:tests?|trials?|demonstration|verification)\b", _I)),
    ("acquisition", re.compile(r"^(?:the |a |its )?(?:\w+ ){0,2}(?:acquisition|takeover|purchase|merger)\b", _I)),
    ("investment", re.compile(r"^(?:the |a |an |its )?(?:\w+ ){0,2}(?:investment|stake)\b", _I)),
    ("contract", re.compile(r"^(?:the |a |an |its )?(?:\w+ ){0,3}(?:contract|deal|order)\b", _I)),
    ("partnership", re.compile(r"^(?:the |a |an |its )?(?:\w+ ){0,3}(?:partnership|collaboration|cooperation|alliance|agreement|MoU|memorandum)\b", _I)),
    ("financial_results", re.compile(r"^(?:the |a |an |its |record |quarterly |annual )?(?:\w+ ){0,2}(?:results|revenues?|profits?|net (?:income|loss)|earnings|losses?)\b", _I)),
    ("leadership", re.compile(r"^(?:the |a |an |its )?(?:\w+ ){0,2}(?:appointment|resignation)\b", _I)),
]
_FIGURE_OBJECT = re.compile(r"\d[\d.,]*\s*(?:%|per cent|million|billion|thousand|k\b)?\s*(?:\w+\s+){0,2}"
                            r"(?:subscribers|users|customers|clients|units|accounts|connections|buyers|members|shipments|"
                            r"points|share)\b|\bmarket share\b|\d\s?%", _I)
_RESULTS_OBJECT = re.compile(r"\b(?:revenues?|net (?:income|profit|loss)|profits?|operating (?:loss|income|profit)|earnings|"
                             r"EBITDA?|turnover)\b", _I)
_WORDRE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _figures_of(rest: str) -> str:
    """The object of a verb with its numbers ("had 874,000 paying customers"), which the words of
    ``obj`` leave out."""
    return rest[:90]


def _strip_lead(sentence: str) -> str:
    text = sentence.strip().lstrip("•-–* ")
    lead = _DATELINE_START.match(text)
    if lead and re.search(r"\d", lead.group(0)):
        text = text[lead.end():]
    for _ in range(3):
        stripped = _LEADING.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text


_REDUCED_PASSIVE = re.compile(r"\s+by\b")
_AUXILIARY_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|has|have|had)\s+(?:\w+ly\s+)?$", _I)


def _main_verb(text: str, start: int = 0, broad: bool = False):
    """The first verb of the lexicon in ``text[start:]`` that is not in a relative clause or brackets;
    ``broad``: any verb of something done ("engaged", "centralised"), for finding the subject."""
    depth = 0
    for word in _WORDRE.finditer(text, start):
        depth = text.count("(", start, word.start()) - text.count(")", start, word.start())
        low = word.group(0).lower()
        if low not in _VERB_TYPE and (not broad or low not in _PAST_WORDS or low.endswith("s") or low in ("was", "were", "had")):
            continue
        if depth > 0 or _NOT_VERB_AFTER.match(text[word.end():word.end() + 1]):
            continue
        if word.start() > 0 and text[word.start() - 1] == "-":
            continue  # "Warren Buffet-backed", "state-owned"
        if _REDUCED_PASSIVE.match(text, word.end()) and not _AUXILIARY_BEFORE.search(text, start, word.start()):
            continue  # "Stores jointly built by X and Y opened in Z": a modifier, the verb comes later
        if re.search(r"\b(?:the|a|an|its|their|his|her|our|of|for|during|at|in|on|with|this|that|these|new|first)\s+$",
                     text[max(start, word.start() - 12):word.start()], _I) and low not in _PAST_ONLY:
            continue  # "during the launch event", "its partners", "the tests": a noun
        segment = re.split(r"[,;]", text[start:word.start()])[-1]
        if "," in text[start:word.start()] and re.match(r"\s+(?:in|on|by|from|as|at|with|under|after|before|since)\b[^,;]{0,60},",
                                                         text[word.end():]) and low.endswith("ed"):
            continue  # "Acme, founded in 1998, launched ...": an aside between commas
        if low.endswith("s") and low not in ("has", "was") and not re.search(
                r"(?:\b[A-Z][\w&.-]*|\b(?:it|he|she|company|firm|group|operator|vendor|carrier))\s+$", text[start:word.start()]):
            continue  # "industry partners including": a plural noun, not a verb
        if _RELATIVE.search(segment):
            continue
        if low in ("set", "carried", "rolled", "put", "took", "went") and not re.match(
                r"\s+(?:up|out|online|live|on sale|into|over)\b", text[word.end():]):
            continue
        if re.match(r"\s+(?:to|by)\b", text[word.end():]) and low in ("expected", "set"):
            continue
        if low in ("has", "had") and re.match(r"\s+(?:been\s+)?[a-z]+(?:ed|en|wn|un|ht|lt)\b", text[word.end():]):
            continue  # "has been contracted", "had signed": the participle is the verb
        if low == "added" and re.match(r"\s+that\b", text[word.end():]):
            pass
        return word
    return None


def names_act_object(kind: str, phrase: str) -> bool:
    """Whether ``phrase`` names what an act of type ``kind`` is about ("field tests" for a trial, "data
    centres" for an expansion)."""
    return any(kind == k and cue.search(phrase) for k, cue in _OBJECT_TYPE)


def _object_type(obj: str) -> str | None:
    for kind, cue in _OBJECT_TYPE:
        if cue.search(obj):
            return kind
    return None


# what comes between a reporting verb and what it reports: its audience and day ("told analysts on Tuesday that")
_SAID_LEAD = re.compile(r"\s*(?:(?:analysts|reporters|investors|journalists|shareholders|lawmakers)\s+)?"
                        r"(?:on \w+|in \w+|last \w+|this \w+|today|yesterday)?\s*,?\s*(?:that\s+)?")


def _verb_type(text: str, verb, depth: int = 0) -> str | None:
    low = verb.group(0).lower()
    rest = text[verb.end():]
    obj = " ".join(_WORDRE.findall(rest)[:_OBJECT_WORDS])
    if low in _REPORTING_VERBS and depth == 0:
        body = rest[_SAID_LEAD.match(rest).end():]
        if re.search(r"\b(?:police|court|prosecutors?|judges?)\b", text[: verb.start()], _I):
            return "legal"
        if low in ("reported", "reports", "posted", "disclosed") and _RESULTS_OBJECT.search(" ".join(_WORDRE.findall(body)[:6])):
            return "financial_results"
        for kind, cue in _REPORTED_NOUN:
            if cue.match(body):
                return kind
        if _HELPS_BUILD.match(body):
            return "contract"  # a vendor's work for an operator, even when announced as to come
        signing = re.match(r"(?:the |its )?signing of\b", body, _I)
        if signing:
            return _verb_type("signed" + body[signing.end():], _WORDRE.match("signed"), depth + 1)
        if re.match(r"[^,;]{0,60}?\b(?:expect(?:s|ed)|plan(?:s|ned)|intend(?:s|ed)|hop(?:es|ed)|aim(?:s|ed)|want(?:s|ed))\s+to\b", body, _I) \
                or _MAIN_MODAL.match(body.lower()) or re.match(r"[^,;]{0,40}?\b(?:will|would|could|may|might)\b", body):
            return "statement"  # what a company expects or plans is what it said
        first = _first_type(body)
        if first is not None:
            return first  # "claims that it has become the first vendor to conduct field tests": a trial
        inner = _main_verb(body)
        if inner is not None and not _MAIN_MODAL.search(body[: inner.start()]):
            kind = _verb_type(body, inner, depth + 1)
            if kind is not None and kind != "statement":
                return kind
        head = " ".join(_WORDRE.findall(body if inner is None else body[: inner.start()])[:_OBJECT_WORDS])
        if True:
            if re.match(r"(?:a|an|the|its)?\s*\d[\d.,]*\s?%", body.strip()) or _FIGURE_OBJECT.match(body.strip()):
                return "market_data"
            kind = _object_type(head)
            if kind is not None and kind != "product_launch":
                return kind
        if low in ("added",) and not re.match(r"\s*(?:that|,)", rest):
            return None
        return "statement"
    kind = _VERB_TYPE.get(low)
    if low == "applied":
        return "regulatory" if re.match(r"\s+(?:for|to)\b", rest) else None
    if low == "entered" and re.match(r"\s+into\b", rest):
        return _object_type(obj) or "partnership"
    if low in ("won", "wins", "awarded", "received"):
        if re.search(r"\b(?:award|prize|honou?r)s?\b", obj, _I) or re.search(r"\bwas awarded\s+(?:the\s+)?[\"“]?[A-Z]", text[max(0, verb.start() - 5):verb.end() + 30]):
            return "award"
        if _LICENCE.search(obj):
            return "regulatory"  # "won the only licence", "won 40 MHz of spectrum at auction": granted by the state
        if re.search(r"\b(?:contracts?|deals?|bids?|tenders?|orders?|shares?|projects?)\b", obj, _I):
            return "contract"
        return None
    if low in ("fined", "fines") and _AUTHORITY.search(text[: verb.start()]):
        return "regulatory"  # "the telecoms ministry fined X": a penalty of the state, not of a court
    if low in ("signed", "signs"):
        if re.search(r"\b(?:contracts?|supply|purchase|procurement)\b", obj, _I) or (
                re.search(r"(?:[$€£¥]|\b(?:RMB|USD|EUR|Euro|euros?|yuan)\b)\s?\d", rest[:80], _I)):
            return "contract"
        if re.search(r"\bacqui", obj, _I):
            return "acquisition"
        if re.search(r"\bjoint[- ]venture\b", rest, _I):
            return "joint_venture"  # "signed agreements on ... , with the new joint venture to be branded"
        return "partnership"
    if low in ("amounted", "totalled", "totaled"):
        return _amount_type(rest)
    if low in _SETTING_UP and _INTERNAL_SYSTEM.match(rest):
        return "other"  # "set up a matrix management system on complaints": how a company runs itself
    if low in ("selected", "selects", "picked") and not _VENDOR_CHOSEN.match(rest):
        return None  # "selected and granted credit to 100 million customers": not a supplier chosen
    if low in _SETTING_UP and _NAMED_OFFERING.match(rest):
        return "product_launch"  # "established a “WO Credit Score” model": a branded offering
    if low in _GATHERING_VERBS and _GATHERING.match(rest):
        return "other"  # "organised the Alliance Tournament", "held its inaugural conference": an event it ran
    if low in ("bought", "buys") and _MINORITY_STAKE.match(rest):
        return "investment"  # "bought an 18% stake in True": a share, not the company
    if low in ("rolled",):
        return "network_deployment" if re.search(r"\bnetworks?\b", obj, _I) else "product_launch"
    if low in ("launched", "launches", "launch"):
        if re.search(r"\bcontracts?\b", obj, _I):
            return "contract"  # "to launch a handset sales and service contract with X"
        if re.search(r"^\s*(?:\w+\s+){0,4}(?:tests?|trials?|pilots?)\b", rest, _I):
            return "trial"
        if re.search(r"\b(?:networks?|commercial use|coverage)\b", " ".join(obj.split()[:6]), _I):
            return "network_deployment"
        return "product_launch"
    if low in ("added",):
        return "market_data" if _FIGURE_OBJECT.search(_figures_of(rest)) else None
    if low in ("completed", "completes", "conducted", "carried", "ran"):
        return _first_completed(obj)
    if low in ("had", "has"):
        if _RESULTS_OBJECT.search(obj):
            return "financial_results"
        if _SUPERLATIVE.match(rest):
            return "market_data"  # "had the lowest complaint rate among the peers": a ranking
        return "market_data" if _FIGURE_OBJECT.search(_figures_of(rest)) else None
    if low in ("joined", "join"):
        if re.search(r"\bboard\b", obj, _I):
            return "leadership"
        if re.search(r"\b(?:forces|hands|projects?|alliance|initiative|consortium|association|coalition)\b", obj, _I):
            return "partnership"  # "announced to join the TIP project": a joint undertaking
        return None
    if low in ("elected", "appointed", "named"):
        return "leadership" if re.search(r"\b(?:chairman|chairwoman|chief|CEO|CFO|president|director|board|head)\b", obj, _I) else "other"
    if low in ("published", "posted"):
        return "statement" if re.search(r"\b(?:report|statement|proposal|strategy|press release|white ?paper|letter|post|"
                                         r"notice|announcement)\b", obj, _I) else None
    if low == "ordered":
        return _order_type(text[: verb.start()], rest)
    if low == "showed":
        return "product_launch" if re.match(r"\s+off\b", rest) else None  # "showed off a prototype": a device shown
    if low in ("went",):
        # "the network went live", not a company named "... Networks"
        return "network_deployment" if re.search(r"\bnetwork", text[: verb.start()]) else "product_launch"
    if kind is None:
        return _object_type(obj)
    return kind


_ORDERED_FROM = re.compile(r"\s+(?:[\w,.-]+\s+){1,8}?from\s+(?:[A-Z]|its\b|the\b)")
_COURT = re.compile(r"\b(?:court|judges?|tribunal|arbitrat\w+)\b", _I)


def _order_type(subject: str, rest: str) -> str | None:
    """"ordered 600 km of fibre from X": goods bought from a vendor; "ordered X to pay": a ruling, a court's
    or an authority's."""
    if _ORDERED_FROM.match(rest):
        return "contract"
    if re.match(r"\s+(?:[\w&.'’-]+\s+){1,5}?to\s+[a-z]+", rest):
        return "legal" if _COURT.search(subject) else "regulatory"
    return None


# the state's grants and penalties: a licence or spectrum won, a fine imposed by a watchdog or a ministry
_LICENCE = re.compile(r"\b(?:licen[cs]es?|spectrum|auction)\b", _I)
_AUTHORITY = re.compile(r"\b(?:watchdogs?|regulators?|regulatory|ministry|department|commission|authority|agency|"
                        r"government)\b", _I)


def _first_type(body: str) -> str | None:
    """The type of a first that a company reports at the start of what it said ("it has become the first vendor
    to conduct field tests", "it was the first to launch"): from the verb after "to", else from its object."""
    first = _FIRST_TO.search(body, 0, 80)
    if first is None or first.start() > 30:
        return None
    verb = first.group(0).rsplit(" ", 1)[-1].lower()
    return _VERB_TYPE.get(verb) or _object_type(" ".join(_WORDRE.findall(body[first.end():])[:_OBJECT_WORDS]))


# "it will help the Shanghai branch of X to deploy a gigabit network": a vendor supplying an operator
_HELPS_BUILD = re.compile(r"[^,;]{0,40}?\bhelp(?:s|ed)?\s+(?:[\w&.'’-]+\s+){1,8}?(?:to\s+)?"
                          r"(?:deploy|build|construct|roll out|upgrade|modernise|modernize)\b", _I)
_MONEY = re.compile(r"(?:[$€£¥]|\b(?:RMB|USD|EUR))\s?\d|\d[\d.,]*\s?(?:million|billion|bn)?\s?(?:yuan|dollars|euros)\b", _I)


def _amount_type(rest: str) -> str | None:
    """"investment amounted to RMB5.81 billion" is a financial result, "capacity amounted to 200T" a market figure."""
    head = rest[:40]
    if _MONEY.search(head):
        return "financial_results"
    return "market_data" if re.search(r"\d", head) else None


_SUPERLATIVE = re.compile(r"\s+(?:the\s+)?(?:lowest|highest|largest|biggest|most|fewest|best)\b", _I)
_MINORITY_STAKE = re.compile(r"\s+(?:a|an|the|its)?\s*(?:(?:[\d.]+\s?%|minority|small|further)\s+)?stake\b", _I)
_SETTING_UP = {"established", "establishes", "set", "built", "created"}
# an unbranded way of working ("a targeted customer marketing model", "an operation system"); a quoted
# name ("a “WO Credit Score” model") is a product
_NAMED_OFFERING = re.compile(r"\s*(?:up\s+)?(?:a|an|the|its|our|their)\s+[“\"][^”\"]{1,40}[”\"]\s+(?:[\w-]+\s+){0,2}?"
                             r"(?:model|system|platform|service|product|app|brand)s?\b", _I)
# who was selected: a company named ("selected Acme"), or the one who selected ("was selected by X"), or a role
_VENDOR_CHOSEN = re.compile(r"\s+(?:[A-Z]|by\b|[^.;]{0,60}?\bas\s+(?:its\s+|the\s+|a\s+|an\s+)?(?:\w+\s+)?"
                            r"(?:supplier|vendor|partner|provider|contractor)s?\b)")
_GATHERING_VERBS = {"organised", "organized", "convened", "held"}
# the object of a gathering verb, headed by a kind of gathering ("the AI Alliance of China Tournament")
_GATHERING = re.compile(r"\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w“”\"’'&+-]+\s+){0,9}?(?:conferences?|tournaments?|forums?|"
                        r"summits?|contests?|competitions?|ceremon(?:y|ies)|exhibitions?|expos?|festivals?|seminars?|meetings?)\b", _I)
_INTERNAL_SYSTEM = re.compile(r"\s*(?:up\s+)?(?:a|an|the|its|our|their)\s+(?:[\w/&-]+\s+){0,4}?(?:systems?|model|mechanism)\b", _I)


# "completed the first 5G call", "ran the first 5G data session": a first call on a new technology is its test
_COMPLETED_WORK = (("trial", re.compile(r"\b(?:tests?|testing|trials?|verification|validation|pilots?)\b|"
                                        r"\bfirst\b(?:[\s-]+[\w-]+){0,3}?\s+(?:data\s+|video\s+|voice\s+)?(?:calls?|sessions?)\b", _I)),
                   ("network_deployment", re.compile(r"\b(?:deployment|roll-?out|construction)\b", _I)),
                   ("acquisition", re.compile(r"\b(?:acquisition|takeover|merger)\b", _I)))


def _first_completed(obj: str) -> str | None:
    """What was completed: the first work named ("a commercial deployment and test verification" is a
    deployment, its tests part of it)."""
    found = [(m.start(), kind) for kind, pattern in _COMPLETED_WORK for m in [pattern.search(obj)] if m]
    return min(found)[1] if found else None


_CUMULATIVE = re.compile(r"\b(?:to date|in total|cumulatively)\b", _I)
_AS_OF_DATE = re.compile(r"\W*(?:(?:In addition|Additionally|Also|Meanwhile),\s*)?as (?:of|at)\b", _I)
_COUNT_NOT_YEAR = re.compile(r"\b(?!(?:19|20)\d\d\b)\d[\d,.]*")


def clause_type(sentence: str) -> str | None:
    """The type of the event a sentence reports, from the verb of its event clause; None: no verdict."""
    text = _strip_lead(sentence)
    if _CUMULATIVE.search(text) and _COUNT_NOT_YEAR.search(text):
        return "market_data"  # "to date it has deployed 8,000 km of fibre": a running total
    if _AS_OF_DATE.match(sentence) and _COUNT_NOT_YEAR.search(text):
        return "market_data"  # "As of mid-August 2017, X is providing 19 types of ...": figures standing at a date
    if gerund_act(sentence):
        return _GERUND_TYPE.get(text.split()[0].lower())  # "Adding online payment to provide ...": its gerund
    verb = _main_verb(text)
    if verb is None:
        return None
    return _verb_type(text, verb)


_GERUND_TYPE = {"launching": "product_launch", "adding": "product_launch", "introducing": "product_launch",
                "releasing": "product_launch", "rolling": "product_launch", "opening": "expansion",
                "deploying": "network_deployment", "signing": "partnership"}


_REFERS_TO_SPEAKER = re.compile(r"\s*(?:it|they|he|she|the company|the group|the firm)\s*", re.I)


def subject_span(sentence: str) -> tuple[int, int] | None:
    """Where the subject of the event clause is in ``sentence`` (start, end), or None.

    The words between the clause boundary (a comma, a semicolon, the end of a leading adverbial)
    and the main verb; when the main verb only reports ("Nokia announced that its Nuage Networks
    venture had been awarded a contract"), the subject of the reported act."""
    text = _strip_lead(sentence)
    base = len(sentence.rstrip()) - len(text)
    verb = _main_verb(text, broad=True)
    if verb is None:
        return None
    span = _segment_before(text, 0, verb.start())
    low = verb.group(0).lower()
    if low in _REPORTING_VERBS:
        rest_at = verb.end()
        match = _SAID_LEAD.match(text, rest_at)
        body_at = match.end()
        inner = _main_verb(text, body_at)
        reported_clause = match.group(0).rstrip().endswith("that")  # "noted that Shanghai Telecom established"
        if inner is not None and (reported_clause or _verb_type(text[body_at:], _main_verb(text[body_at:]), 1) not in (None, "statement")):
            inner_span = _segment_before(text, body_at, inner.start())
            # "X claims that it has become ...": "it" is X, the speaker stays the subject
            if inner_span[1] > inner_span[0] and not _REFERS_TO_SPEAKER.fullmatch(text[inner_span[0]:inner_span[1]]):
                span = inner_span
    return base + span[0], base + span[1]


def speaker_span(sentence: str) -> tuple[int, int] | None:
    """Where the one who says stands in ``sentence`` (start, end) when its main verb only reports ("Acme also
    claimed 78% ...", "In its statement, Acme said ..."): the words before that verb; None for any other verb."""
    text = _strip_lead(sentence)
    base = len(sentence.rstrip()) - len(text)
    verb = _main_verb(text, broad=True)
    if verb is None or verb.group(0).lower() not in _REPORTING_VERBS:
        return None
    span = _segment_before(text, 0, verb.start())
    return base + span[0], base + span[1]


def _segment_before(text: str, start: int, verb_at: int) -> tuple[int, int]:
    dash = re.search(r"\s[–—-]\s", text[start:verb_at])
    if dash:
        # "a coalition – including Tencent, Youku and Sohu – sued": the commas are inside the aside
        verb_at_ = start + dash.start()
        cut = max(text.rfind(",", start, verb_at_), text.rfind(";", start, verb_at_))
        begin = cut + 1 if cut >= 0 else start
        return begin + (len(text[begin:verb_at_]) - len(text[begin:verb_at_].lstrip())), verb_at_
    cut = max(text.rfind(",", start, verb_at), text.rfind(";", start, verb_at))
    # "Tencent, Harmony Auto and Foxconn have formed": a list of names is one subject, also the list of
    # a reduced passive ("Stores built by X, Y and Z opened")
    while cut >= 0 and re.fullmatch(r"(?:[^,;]*\bby\s+)?\s*(?:[A-Z][\w&.’'-]*\s*){1,4}", text[max(text.rfind(",", start, cut), text.rfind(";", start, cut)) + 1 : cut]) \
            and re.match(r"\s*(?:and\s+)?[A-Z]", text[cut + 1 : verb_at]):
        cut = max(text.rfind(",", start, cut), text.rfind(";", start, cut))
    begin = cut + 1 if cut >= 0 else start
    # an aside between commas ("X, a unit of Y, said") : the subject is before it
    if cut >= 0 and not text[begin:verb_at].strip():
        prev = max(text.rfind(",", start, cut), text.rfind(";", start, cut))
        head_end = text.find(",", start, cut)
        if head_end >= 0:
            return start if prev < 0 else start, head_end
    while begin < verb_at and text[begin].isspace():
        begin += 1
    end = verb_at
    while True:  # "had been awarded": the subject ends before the auxiliaries
        aux = re.search(r"\b(?:has|have|had|been|was|were|is|are|be|also|not|just|already|now|recently|reportedly)\s*$",
                        text[begin:end], _I)
        if not aux:
            break
        end = begin + aux.start()
    return begin, end


_COORDINATED = re.compile(r"(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)(?:also\s+|then\s+|later\s+)?(?:has\s+|have\s+|had\s+)?([a-z]+)\b")


def second_clauses(sentence: str) -> list[tuple[int, str]]:
    """Coordinated verb phrases after the event clause ("set up a lab with Intel and launched 5 products"):
    (offset, type) of each that reports an act of its own type."""
    text = _strip_lead(sentence)
    base = len(sentence.rstrip()) - len(text)
    verb = _main_verb(text)
    if verb is None or verb.group(0).lower() in _REPORTING_VERBS:
        return []
    out = []
    for match in _COORDINATED.finditer(text, verb.end()):
        word = match.group(1)
        if word not in _VERB_TYPE or not (word.endswith("ed") or word in ("won", "built", "set", "held", "took", "began", "bought")):
            continue
        if text.count("(", 0, match.start()) > text.count(")", 0, match.start()):
            continue
        if _RELATIVE.search(re.split(r"[,;]", text[verb.end():match.start()])[-1] if "," in text[verb.end():match.start()] else ""):
            continue
        clause = text[match.start(1):]
        kind = clause_type(clause)
        if kind is not None:
            out.append((base + match.start(1), kind))
    return out


# "cooperated with A on supply chain finance, with B on insurance": one partnership per partner and topic
_FURTHER_PARTNER = re.compile(r",\s*(?:and\s+)?(with\s+[A-Z][^,;]{1,80}?\s+on\s+[^,;]+)")


def further_partners(sentence: str) -> list[tuple[int, str]]:
    """The partner clauses after the first ("with B on insurance"), as (offset, clause), when the sentence
    already names a first partner and topic ("with A on ..."); [] otherwise."""
    first = re.search(r"\bwith\s+[A-Z][^,;]{1,80}?\s+on\s+", sentence)
    if first is None:
        return []
    return [(m.start(1), m.group(1).rstrip(" .")) for m in _FURTHER_PARTNER.finditer(sentence, first.end())]


_AWARD_VERB = re.compile(r"\b(?:was awarded|were awarded|won|received|picked up|was named|collected)\b", _I)
_AWARD_END = re.compile(r",?\s*(?:among others|etc\.?|and (?:other|more)\b.*)|[.;]\s*$", _I)


def award_items(sentence: str) -> list[str]:
    """The awards a sentence lists after its award verb ("was awarded A by X, B by Y and C by Z"): one
    item per award, each naming who gave it or what it is; [] when it lists fewer than two."""
    verb = _AWARD_VERB.search(sentence)
    if verb is None:
        return []
    tail = _AWARD_END.split(sentence[verb.end():], maxsplit=1)[0]
    items = [i.strip(" ,") for i in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=[\"“A-Z])", tail) if i.strip(" ,")]
    awards = [i for i in items if re.search(r"\bby\s+[A-Z]|\b(?:Award|Prize|Best|Medal|Honou?r)\b|[\"“]", i)]
    return awards if len(awards) >= 2 and len(awards) == len(items) else []


# -- not an event: the register of opinion, commentary and policy description ---------------------
#
# Each cue is a general property of the wording, measured on the seed corpus and tested on a small
# wire-style article of its own (tests/test_ingest_opinion.py, fixtures/news/opinion.txt).

# hedges and intensifiers of an author's argument ("Alibaba has literally entered every aspect",
# "a relatively more successful result", "it's more of a better approach"): commentary, not news
_HEDGE = re.compile(
    r"\b(?:literally|really|pretty|relatively|arguably|perhaps|probably|seemingly|basically|obviously|"
    r"let[’']s say|more of an?|seem(?:s|ed)?\s+(?:to|likely|unlikely|probable)|it\s+(?:also\s+)?seems)\b",
    _I,
)
# the language of a continuing effort ("actively engaged in", "made full efforts to", "focused on",
# "has continued to build"): a policy described, not an act with an outcome
_EFFORT = re.compile(
    r"\b(?:actively|vigorously|constantly|continuously|increasingly|extensively|proactively|intensively|"
    r"precisely|earnestly|energetically)\s+(?:[a-z]+(?:ed|es|s)|sought|strove|undertook)\b|"
    r"\bmade\s+(?:\w+\s+){0,2}efforts?\b|\bfocused\s+on\b|\b(?:has|have)\s+continued\s+to\b|"
    r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?engaged\s+in\b",
    _I,
)
# the effect of acts told before, their subject a summary of them ("Such efforts effectively enhanced
# utilisation", "These measures reduced costs"), or praise of results that names none ("Complaints
# management has achieved remarkable results"): no act of its own
_OUTCOME = re.compile(r"^\W*(?:Such|These|Those|This|That)\s+(?:\w+\s+)?(?:efforts?|measures?|initiatives?|actions?|steps?)\b|"
                      r"\b(?:achieved|yielded|made|seen)\s+(?:remarkable|significant|good|great|positive|notable|fruitful|"
                      r"satisfactory|outstanding)\s+(?:results|outcomes|progress|achievements)\s*[.;]?\s*$", _I)
# a wish ("ali hopes the next billion-user ecosystem is cloud OS"): no act, unless one is told beside it
_WISH = re.compile(r"\b(?:hopes?|hoped|wish(?:es|ed)?)\b", _I)
# "already" not after an auxiliary of the perfect ("indicators were already optimised", "the product
# already had capabilities in 21 provinces"): how things stood, not something done in the period told of
_ALREADY = re.compile(r"(?<!\bhas)(?<!\bhave)(?<!\bhad)\s+already\b", _I)
# how a company or its product stands, not something it did: a reputation ("Qvod gained notoriety for
# its player"), a default setting ("A toggle was on by default"), a right its terms reserve ("said in the
# terms of service that it reserved the right to share data")
_STANDING_FACT = re.compile(
    r"\b(?:gained|earned|won|acquired|achieved)\s+(?:\w+\s+)?(?:notoriety|fame|popularity|a\s+reputation)\b|"
    r"\b(?:became|become|becoming)\s+(?:\w+ly\s+)?(?:known|famous|notorious)\s+for\b|"
    r"\bby default\b|\breserve[sd]?\s+the\s+right\b",
    _I,
)
# a kind of company as the subject, the companies named only as its examples ("Other internet giants such as
# Acme and Borealis have invested billions in film"): what a kind of company does, no act of one of them
_EXAMPLES_SUBJECT = re.compile(
    r"^\W*(?:(?:And|But|Yet)\s+)?(?:other\s+|many\s+|some\s+)?(?:[\w-]+\s+){0,5}?"
    r"(?:companies|firms|giants|operators|carriers|vendors|players|groups|makers|rivals|providers)\s+(?:such as|like)\s", _I)
# an analyst's reading of figures ("The standout number for the quarter was X's net addition of 3 million",
# "while X continues to lead in new additions, the level is now only half its average"): a judgement of
# how companies stand, not a company's act or its reported result
_FIGURE_COMMENTARY = re.compile(
    r"^\W*The\s+(?:standout|stand-out|headline|key|biggest|most\s+\w+|notable|striking|surprising)\s+"
    r"(?:number|figure|statistic|result|surprise)s?\b|"
    r"\b(?:continues?|continued)\s+to\s+(?:lead|dominate|trail|lag)\b",
    _I,
)
# what a report or an author guesses ("speculated that Acme could play a role"): no act, unless one is told beside it
_SPECULATION = re.compile(r"\bspeculat(?:ed|es|ing|ion)\b", _I)
# a reported view of a private person named by honorific alone ("Mr. Li said he did not believe ...")
_PERSON_VIEW = re.compile(
    r"^\W*(?:Mr|Ms|Mrs|Dr)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:,[^,]{1,60},)?\s+"
    r"(?:said|says|told|added|argued|believes|believed|thinks|thought|complained|noted)\b"
)

# a negated main verb ("Aliyun has not built a data centre there", "users don't have a choice"): what did
# not happen is no event; a negation inside what a company said ("X said it did not store") is its statement
_NEGATED = re.compile(r"\b(?:has|have|had|does|do|did)\s*(?:not|n[’']t)\b(?!\s+only\b)|\b(?:has|have|had)\s+never\b", _I)


def negated_main_verb(sentence: str) -> bool:
    """True when the first finite verb of the main clause is negated, before any reporting verb."""
    text = _strip_lead(sentence)
    negation = _NEGATED.search(text)
    if negation is None:
        return False
    before = text[: negation.start()]
    if any(word.lower() in _REPORTING_VERBS for word in _WORDRE.findall(before)):
        return False  # "Tencent said the company did not store ...": a statement
    return not _RELATIVE.search(re.split(r"[,;:]", before)[-1])


_OWN_FIGURE = re.compile(r"\d[\d,.]*\s?(?:%|per cent|million|billion|bn)\b|\d%", _I)


def not_event_cue(sentence: str) -> str | None:
    """Why a sentence with a company and a verb of something done still reports no event, if it does not:
    ``"lead-in"`` (it ends in a colon: what it announces follows), ``"hedge"`` (the author's argument),
    ``"effort"`` (a continuing effort described, no act), ``"person-view"`` (a private person's view),
    ``"negated"`` (what did not happen), ``"outcome"`` (the effect of acts told before),
    ``"wish"`` (what a company hopes), ``"already"`` (how things stood already), ``"standing"`` (a reputation,
    a default setting, a right reserved), ``"speculation"`` (what is guessed), ``"examples"`` (a kind of
    company acts, its examples named), ``"commentary"`` (an analyst's reading of figures)."""
    text = sentence.strip()
    if text.endswith(":") and not _OWN_FIGURE.search(text):
        return "lead-in"  # (a lead-in that reports a figure, "reported revenue of RMB 38.6 billion, including:", is news)
    if _HEDGE.search(text):
        return "hedge"
    if negated_main_verb(text):
        return "negated"
    effort = _EFFORT.search(text)
    if effort and not _STRONG_PAST.search(text[: effort.start()] + " " + text[effort.end():]):
        return "effort"
    if _PERSON_VIEW.search(text) and not _STRONG_PAST.search(text):
        return "person-view"
    if _OUTCOME.search(text):
        return "outcome"
    if _WISH.search(text) and not _STRONG_PAST.search(text):
        return "wish"
    if _ALREADY.search(text) and not _STRONG_PAST.search(text):
        return "already"
    if _EXAMPLES_SUBJECT.search(text):
        return "examples"
    if _FIGURE_COMMENTARY.search(text) and not _STRONG_PAST.search(text):
        return "commentary"
    if _STANDING_FACT.search(text):
        return "standing"
    if _SPECULATION.search(text) and not _STRONG_PAST.search(text):
        return "speculation"
    return None


# the main verb in the simple present of a state ("The platform serves as", "Baidu, Alibaba and Tencent
# account for 80%", "It has a capacity of", "Unicom is also challenged by"): a description of how
# things stand, true at no particular time; an event is told in the past, the perfect or a headline verb
_STATE_BASE = (
    "serve cover include lie account exceed break remain provide offer support enable allow feature consist "
    "comprise represent contain demonstrate show mean require face depend rely enjoy own operate run seem "
    "appear look become help play stand need boast dominate lead control"
).split()
# a subject that is a noun phrase with a determiner, so a participle after it modifies it ("The platform installed")
_REDUCED_RELATIVE = re.compile(r"^\s*(?:the|a|an|its|their|this|these|those)\s+(?:[\w&.’'()-]+\s+){1,4}$", _I)
_STATE_3RD = {v + ("es" if v.endswith(("s", "sh", "ch", "x")) else "s") for v in _STATE_BASE} | {"lies"}
_STATE_AFTER_DET = re.compile(r"\b(?:the|a|an|its|their|his|her|our|of|for|this|that|these|those|to|and|or)\s+$", _I)


# a subject with a relative clause that has its own finite verb ("the ease with which the Kremlin has
# manipulated X"): a present-tense verb after it is the verb of the main clause
_CLOSED_RELATIVE = re.compile(r"^\s*(?:the|a|an)\s+\w+\s+(?:with\s+|in\s+|by\s+)?(?:which|that|whom)\s+[^,;()]*?"
                              r"\b(?:has|have|had)\s+[a-z]+(?:ed|en|wn|ht|lt)\b[^,;()]*$", _I)


def present_state(sentence: str) -> bool:
    """True when the first finite verb of the main clause is a present-tense state (see above)."""
    text = _strip_lead(sentence)
    for word in _WORDRE.finditer(text):
        low = word.group(0).lower()
        before = text[max(0, word.start() - 14):word.start()]
        segment = re.split(r"[,;:—–]", text[:word.start()])[-1]
        if low in _STATE_3RD and _CLOSED_RELATIVE.search(segment):
            return True  # "the ease with which the Kremlin has manipulated X demonstrates": the main verb
        if _RELATIVE.search(segment) or "(" in segment:
            continue
        if low in _REPORTING_VERBS:
            return False  # "Camtel states that ...": a report
        if low in _PAST_WORDS and re.search(r"\b(?:the|a|an|its|their|his|her|our|this|these|those)\s+$", before, _I):
            continue  # "the expanded board": an adjective
        if low in _PAST_WORDS and _REDUCED_RELATIVE.match(segment) and re.match(r"\s+(?:to|by)\b", text[word.end():]):
            continue  # "The project awarded to Huawei covers": the participle describes the subject
        if low in _PAST_WORDS and not low.endswith("s") or low in ("was", "were", "had", "did"):
            return False  # something done (also "Launched 95 products", its subject left out)
        if not segment.strip():
            continue  # no subject before it: not the verb of a declarative main clause
        if low in ("has", "have"):
            after = text[word.end():word.end() + 40]
            if re.match(r"\s+(?:[a-z]+ly\s+|also\s+|already\s+|now\s+|not\s+|just\s+)?been\s+(?![a-z]+(?:ed|en|wn|un|ht|lt)\b)", after):
                return True  # "has been under pressure"
            if re.match(r"\s+(?:[a-z]+\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|un|ht|lt|ade|one|ost|ew)\b", after):
                return False  # the perfect ("has altogether deployed"): something done
            return low == "has" and not _STATE_AFTER_DET.search(before)
        if low in ("is", "are"):
            # "is to", "is expected to": a plan (ruled elsewhere); "is being sued", "is now requesting": under way
            return not re.match(r"\s+(?:[a-z]+ly\s+|also\s+|now\s+|still\s+)?(?:to|set|expected|due|scheduled|being|[a-z]+ing)\b",
                                text[word.end():])
        if low in _STATE_3RD and not _STATE_AFTER_DET.search(before):
            return True
        if low in _STATE_BASE and re.search(r"(?:s|[A-Z][\w&.-]*)\s+$", before) and not _STATE_AFTER_DET.search(before):
            return True
    return False
