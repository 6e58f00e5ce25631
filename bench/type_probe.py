"""How many one-act sentences of business English the type lexicon reads as their own type.

    python bench/type_probe.py [--misses]

114 hand-written sentences (the company is "Foo"; no corpus text), a few per event type, each
telling one act. For each: whether a cue of ``data/type_cues.json`` of the sentence's type fires,
and whether the trigger of the clause after "Foo" (``triggers.clause_trigger``) is of that type.
The lexicon's coverage of general English, beside the corpus figures; ``--misses`` lists the
sentences that miss either. Session 8's additions to the lexicon (242ab04 -> now): a cue of the
sentence's type 94 -> 108, a trigger 54 -> 76, both 52 -> 73.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.ingest.features import cues  # noqa: E402
from tracker.ingest.triggers import clause_trigger  # noqa: E402

probes = {
 "acquisition": ["Foo accepted a buyout offer from Bar.", "Foo agreed to a $2 billion buyout by Bar.", "Bar made a takeover bid for Foo.", "Foo agreed to be acquired by Bar.", "Foo signed a definitive agreement to acquire Bar.", "Foo snapped up Bar for $1 billion.", "Foo will take Bar private.", "Foo completed the sale of its chip unit to Bar.", "Foo agreed to sell itself to Bar.", "Foo launched a hostile bid for Bar.", "Foo sweetened its offer for Bar.", "Foo's merger with Bar closed on Monday.", "Foo made an all-cash offer for Bar.", "Foo struck a deal to buy Bar.", "Foo agreed to combine with Bar in an all-stock deal.", "Foo will spin off its chip unit.", "Foo abandoned its bid for Bar.", "Shareholders of Foo approved the takeover by Bar."],
 "investment": ["Foo raised $20 million in a Series B round.", "Foo closed a $50 million funding round led by Bar.", "Bar injected $10 million into Foo.", "Foo secured $30 million in funding from Bar.", "Bar led a $5 million seed round in Foo.", "Bar bought a 10% stake in Foo.", "Foo received an investment from Bar.", "Foo is backed by Bar."],
 "financial_results": ["Foo posted net income of $22 million.", "Foo's net sales rose 14% to $288 million.", "Foo reported first-quarter earnings of $0.22 per share.", "Foo's EBITDA fell 3%.", "Foo's comparable sales rose 4%.", "Foo's same-store sales dropped 2%.", "Foo beat analysts' estimates.", "Foo missed Wall Street expectations.", "Foo raised its full-year guidance.", "Foo cut its profit forecast.", "Foo swung to a loss.", "Foo declared a quarterly dividend of 10 cents.", "Foo's turnover climbed 8%."],
 "market_data": ["Shares of Foo rose 22% on Tuesday.", "Foo's stock tumbled 8%.", "Foo shipped 23 million phones.", "Foo delivered 10,052 vehicles in July.", "Foo had 100 million subscribers.", "Foo's market share rose to 17%.", "The deal values Foo at $2.1 billion.", "Foo's market capitalisation topped $1 trillion.", "Foo has 551 million monthly active users.", "Foo overtook Bar as the largest maker.", "Foo's shares closed up 3%.", "Foo employs 613,069 people."],
 "leadership": ["Foo appointed Jane Roe as chief executive.", "Foo named Jane Roe CEO.", "Jane Roe stepped down as chief executive of Foo.", "Foo's CEO resigned.", "Foo ousted its chief executive.", "Jane Roe will succeed John Doe as CEO of Foo.", "Foo tapped Jane Roe to lead its cloud unit.", "Foo fired its chief financial officer.", "Jane Roe joined Foo as chief operating officer.", "Foo's chairman retired.", "Jane Roe will leave Foo at the end of the year."],
 "legal": ["Foo sued Bar for patent infringement.", "A jury ordered Foo to pay $289 million.", "A judge ruled in favour of Foo.", "Foo settled the lawsuit for $10 million.", "Foo was charged with fraud.", "Foo filed for Chapter 11 bankruptcy protection.", "Foo lost its appeal.", "A court blocked the merger of Foo and Bar.", "Foo faces a class action.", "Foo pleaded guilty to bribery.", "Foo was indicted.", "A court granted Foo an injunction."],
 "regulatory": ["Regulators fined Foo $5 million.", "The FDA approved Foo's drug.", "Foo won regulatory approval for the deal.", "The regulator blocked Foo's takeover of Bar.", "Foo received a licence to operate in Kenya.", "The European Commission opened an investigation into Foo.", "Foo was banned from the market.", "The regulator cleared the merger of Foo and Bar.", "Foo was granted a banking licence."],
 "product_launch": ["Foo launched a new phone.", "Foo unveiled its latest model.", "Foo introduced a subscription service.", "Foo rolled out a new app.", "Foo's new car went on sale.", "Foo released a software update."],
 "partnership": ["Foo partnered with Bar.", "Foo teamed up with Bar.", "Foo and Bar signed a memorandum of understanding.", "Foo formed an alliance with Bar.", "Foo signed a strategic partnership with Bar."],
 "contract": ["Foo won a $1 billion contract from Bar.", "Bar ordered 100 planes from Foo.", "Foo was awarded a contract by the Navy.", "Foo signed a supply deal with Bar.", "Bar placed an order for 50 jets with Foo."],
 "expansion": ["Foo opened its first store in India.", "Foo will build a new plant in Ohio.", "Foo entered the Brazilian market.", "Foo expanded into Europe.", "Foo opened a new office in London."],
 "other": ["Foo cut 1,000 jobs.", "Foo announced layoffs.", "Foo recalled 2 million vehicles.", "Foo bought back $2 billion of its shares.", "Foo went public in 2014.", "Foo was founded in 1998.", "Foo priced its IPO at $17 a share.", "Foo renamed itself Bar.", "Foo suffered an outage.", "Trading in Foo's shares was halted."],
}


def subject_end(text: str) -> int:
    at = text.index("Foo")
    return at + len("Foo's") if text.startswith("Foo's", at) else at + len("Foo")


def main(argv: list[str]) -> int:
    both = cue_right = trigger_right = total = 0
    for kind, sentences in probes.items():
        for text in sentences:
            total += 1
            found = {k for _, _, k in cues(text)}
            trigger = clause_trigger(text, subject_end(text))
            by_cue, by_trigger = kind in found, trigger is not None and trigger.type == kind
            cue_right += by_cue
            trigger_right += by_trigger
            both += by_cue and by_trigger
            if "--misses" in argv and not (by_cue and by_trigger):
                print(f"{kind:18} cue={'Y' if by_cue else '-'} trigger={(trigger.type if trigger else '-'):17} {text}")
    print(f"{total} sentences: a cue of their type {cue_right}, a trigger of their type {trigger_right}, both {both}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
