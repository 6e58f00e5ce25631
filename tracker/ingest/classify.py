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
        r"prosecut|repatriated|fled|copyright|infring|settle[ds]? (?:a|the) (?:suit|case|dispute))", _I)),
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
        r"\b(?:invest(?:ed|s|ing|ment)?|stake|shareholders?|funding round|raised \$|capital injection|"
        r"strategic investors?|equity|financing round)", _I)),
    ("regulatory", re.compile(
        r"\b(?:regulat(?:or|ors|ory|ion|ions)|licen[cs]e[ds]?|approv(?:al|ed) (?:by|from) (?:the )?(?:government|regulator|ministry|miit)|"
        r"blocked|banned|bans?\b|sanction|government (?:is |was )?(?:now )?(?:request|demand|order|pressur)|"
        r"pressures?\b|applied (?:for|to)|ordered (?:to|by)|crackdown|clampdown|censor)", _I)),
    ("financial_results", re.compile(
        r"\b(?:revenues?|net (?:income|profit|loss)|profits?|operating (?:loss|income|profit)|earnings|EBITA|EBITDA|"
        r"gross merchandise volume|GMV|turnover|sales of (?:RMB|US\$|\$|€)|quarterly results|annual results|fiscal (?:year|quarter) results)", _I)),
    ("contract", re.compile(
        r"\b(?:contract(?:ed|s)?|selects?|selected|won (?:the |a )?(?:bid|tender|deal|order)|award(?:ed)? (?:a |the )?(?:\d+% )?(?:share|contract|deal|bid)|"
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
        r"rolled out|roll(?:s|ing)? out|debut(?:ed|s)?|new (?:product|service|platform|version)|went on sale|"
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
    r"delivered|provid(?:ed|es)|supplied|supports?|implemented|migrated|connected|upgraded|expand\w*|"
    r"entered|demonstrat\w+|showcased|conducted|carried out|initiated|convened|published|revealed|"
    r"requested|requesting|pressur\w+|complained|bemoaned|deleted|apologized|enrolled|"
    r"st(?:ood|ands) at|reached|exceeds|surpassed|topped|sold|sells|shipped|is providing|is using|"
    r"teams?|cut|reduc(?:ed|es)|suspended|amended|optimi[sz]ed|simplif(?:ied|y)|transformed|centrali[sz]ed|"
    r"focused|engaged|developed|created|hosted|held|attended|drew|handled|overtook|overtaken|took)\b",
    _I,
)

_MODAL = re.compile(
    r"\b(?:will|would|could|should|might|may|can|must|shall|plans? to|hopes? to|aims? to|intends? to|"
    r"expects? to|is expected to|are expected to|is likely to|needs? to|wants? to|if|whether|unless)\b",
    _I,
)
_OPINION = re.compile(r"\b(?:I think|we believe|in my opinion|arguably|perhaps|no doubt|of course)\b", _I)


def event_type(sentence: str) -> str:
    for name, cue in TYPE_RULES:
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
    "earn generate post book log rise tie"
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
    "set ran fled paid spent brought struck saw put hit began became left met sent went gave".split()
)
_PAST_WORDS -= {"need", "needs", "speed", "speeds", "seed", "feed", "standards", "tops", "posts", "notes", "states",
                "forms", "orders", "rules", "names", "lists", "tests", "trials", "contracts", "partners", "teams",
                "reports", "accounts", "charges", "fines", "awards", "claims", "plans"}
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+|also\s+|now\s+|just\s+|already\s+|not\s+|since\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|ht|lt|un|ade|ew|one|ost)\b", _I)
_WORD = re.compile(r"[A-Za-z]+")
_HEADLINE_PRESENT = {"announces", "launches", "reports", "unveils", "signs", "selects", "completes", "deploys", "wins",
                     "acquires", "buys", "agrees", "invests", "introduces", "opens", "says", "claims", "stated",
                     "notes", "confirms", "partners", "reaches", "teams", "joins", "ranks", "posts"}


class _PastCue:
    """``search(text)``: the first word that tells of something done, as a match-like object."""

    @staticmethod
    def search(text: str):
        perfect = _PERFECT.search(text)
        for word in _WORD.finditer(text):
            low = word.group(0).lower()
            if low in _PAST_WORDS and (not low.endswith("s") or low in _HEADLINE_PRESENT):
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
    r"\b(?:can|could|should|would|will|must|might|may|needs? to|has to|have to|is to|are to|is expected to|"
    r"are expected to|is forecast to|is likely to|expects? to|plans? to|hopes? to|wants? to|intends? to|aims? to|"
    r"seeks? to)\b",
    _I,
)
# a subordinate clause: its modal or its verb is not the sentence's main verb
_SUBORDINATE = re.compile(r"\b(?:that|which|who|where|when|if|whether|than|because|as|while)\b[^,;]{0,40}$", _I)
_ONGOING = re.compile(
    r"\b(?:is|are|am|has been|have been)\s+(?:\w+ly\s+|also\s+|now\s+|still\s+)*(?!being\b)[a-z]+ing\b|"
    r"\b(?:continues?|remains?|now includes?|currently (?:has|have|is|are|serves?|supports?)|has some|still)\b",
    _I,
)


def _first_past(text: str) -> int | None:
    """Where the first verb of something done stands, outside subordinate clauses."""
    for word in _WORD.finditer(text):
        low = word.group(0).lower()
        if low in _PAST_WORDS and not low.endswith("s"):
            if re.search(r"\b(?:that|which|who|where|when|if|whether|than|because|as)\s+(?:\w+\s+){0,3}$", text[: word.start()], _I):
                continue
            return word.start()
    return None


def _main_clause(pattern: re.Pattern, text: str, skip_month: bool = False):
    for match in pattern.finditer(text):
        if skip_month and match.group(0) == "May":
            continue  # the month
        if _SUBORDINATE.search(text[: match.start()]):
            continue
        return match
    return None


def plan_or_state(sentence: str, dated: bool = False) -> bool:
    """True when the main verb is a plan or a possibility ("Unicom should develop", "X will deploy"), or,
    in a sentence that names no date, an ongoing state ("has been catching up", "remains", "is seeing")."""
    first = _first_past(sentence)
    modal = _main_clause(_MAIN_MODAL, sentence, skip_month=True)
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
    if plan_or_state(text, dated):
        return False
    cue = EVENT_CUE.search(text)
    if not cue:
        return False
    past = PAST_CUE.search(text)
    if not past and not dated:
        return False
    if past and past.group(0).lower() in _REPORTING and _MODAL.search(text):
        # "X may expand ..., analysts said": a possibility reported, not a fact
        others = [w for w in _WORD.findall(text) if w.lower() in _PAST_WORDS and w.lower() not in _REPORTING]
        if not others:
            return False
    if _DESCRIPTIVE.search(text) and not dated:
        return False
    cue = past or cue
    modal = _MODAL.search(text)
    if modal and modal.start() < cue.start() and cue.start() - modal.end() < 25:
        # "Unicom can provide ...", "the firm should be able to ..." (a plan or a wish)
        later = EVENT_CUE.search(text, modal.end() + 30)
        return bool(later and not _MODAL.search(text, modal.end(), later.start()))
    return True


_REPORTED = re.compile(
    r"^(?:[A-Z][\w.&-]*\s){1,4}(?:also\s+)?(?:noted|stated|added|said|claims|claimed|states|notes|explained|"
    r"pointed out) that\b"
)
_STRONG_PAST = re.compile(
    r"\b(?:signed|acquired|bought|launched|won|awarded|agreed|appointed|completed|invested|formed|opened|unveiled|"
    r"released|selected|sued|fined|apologi[sz]ed)\b",
    _I,
)


def descriptive_follow_up(sentence: str) -> bool:
    """"ZTE noted that the network covers 20 cities": a follow-up that describes, reports no new act.

    Meant for sentences after the lead of an article that name no date of their own."""
    match = _REPORTED.search(sentence)
    return bool(match) and not _STRONG_PAST.search(sentence, match.end())
