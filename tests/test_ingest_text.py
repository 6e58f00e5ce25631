"""Sentences of news text (tracker/ingest/text.py): where a line break is a sentence boundary."""

from tracker.ingest.text import sentences

# wire copy broken at a fixed width, no space before its line breaks (fictional)
WIRE = """Veltrix buys more Orvane shares
(Adds number of shares, background)
March 4 Dutch chip group Veltrix Holding
NV, the majority owner of U.S. battery maker
Orvane Power Inc, said it bought a further 1.2 million
shares in Orvane at an average price of $6.10.
Orvane's shares were up 3 percent at $6.30 in extended
trading on Wednesday.
At Tuesday's close of $6.12 on the New York Stock
Exchange, Orvane's shares had risen about 9 percent this year.
($1 = 0.9100 euros)
(Reporting by Jane Roe; Editing
by John Doe)
"""


def test_a_line_break_inside_a_sentence_of_hard_wrapped_wire_copy_is_no_boundary():
    found = [s.text.replace("\n", " ") for s in sentences(WIRE)]
    assert ("March 4 Dutch chip group Veltrix Holding NV, the majority owner of U.S. battery maker Orvane Power Inc, "
            "said it bought a further 1.2 million shares in Orvane at an average price of $6.10.") in found
    assert "At Tuesday's close of $6.12 on the New York Stock Exchange, Orvane's shares had risen about 9 percent this year." in found
    # a note in parentheses stands alone, before and after
    assert "(Adds number of shares, background)" in found
    assert "($1 = 0.9100 euros)" in found
    assert "(Reporting by Jane Roe; Editing by John Doe)" in found


def test_short_lines_of_a_paragraph_that_is_not_wrapped_stay_apart():
    # headings and a list of lines with no sentence marks: no line goes on in the next
    text = "Achieves Record Revenues\nProvides Fiscal 2026 Financial Estimates\nVeltrix said revenue rose 9 percent.\n"
    assert [s.text for s in sentences(text)] == [
        "Achieves Record Revenues", "Provides Fiscal 2026 Financial Estimates", "Veltrix said revenue rose 9 percent."]
    # a wrapped paragraph's heading line stays a heading
    text = ("Results of Operations\nVeltrix said on Monday it would\nsell its chip unit to a group\nof investors for $2 billion,"
            "\nits biggest deal in a decade and\nthe third this year.\n")
    assert [s.text.replace("\n", " ") for s in sentences(text)][0] == "Results of Operations"


def test_the_rupees_abbreviation_ends_no_sentence():
    text = "Halvern Telecom posted a net profit of Rs. 2,145 crore in the quarter. Revenue rose 22 percent."
    assert [s.text for s in sentences(text)] == ["Halvern Telecom posted a net profit of Rs. 2,145 crore in the quarter.",
                                                 "Revenue rose 22 percent."]
