"""The built-in recogniser on wire copy: capitals, datelines, tables, sport, short mentions.

Each fixture is invented for its rule; none is taken from a published article.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsreader.analysis.entities.find import find_entities


def pairs(paragraphs: Sequence[str]) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in find_entities(paragraphs)]


def named(paragraphs: Sequence[str]) -> list[tuple[str, str]]:
    """The PERSON, ORG and place entities only."""
    keep = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
    return [p for p in pairs(paragraphs) if p[1] in keep]


def test_all_caps_headline_yields_only_its_names() -> None:
    paras = [
        "RUGBY - PERU EDGE CLOSE CONTEST , BOLIVIA HELD",
        "LIMA 1998-03-14",
        "Peru won a close contest against Chile on Saturday while Bolivia were held.",
    ]
    got = named(paras)
    assert ("PERU", "GPE") in got
    assert ("BOLIVIA", "GPE") in got
    assert not any(t in ("RUGBY", "EDGE CLOSE CONTEST", "HELD") for t, _ in got)
    assert not [t for t, _ in got if "RUGBY" in t or "CONTEST" in t]


def test_dateline_on_its_own_line_is_a_place() -> None:
    paras = ["QUARZAZATE 2001-06-02", "Officials met on Friday to discuss the harvest."]
    assert ("QUARZAZATE", "GPE") in pairs(paras)


def test_all_caps_date_line_is_no_organisation() -> None:
    paras = ["TUESDAY, MARCH 9", "Traders were quiet before the holiday."]
    assert named(paras) == []


def test_all_caps_multiword_place_keeps_together() -> None:
    paras = ["NEW YORK 2001-06-02", "Shares rose in New York on Friday."]
    got = named(paras)
    assert ("NEW YORK", "GPE") in got
    assert not [t for t, _ in got if t in ("YORK", "NEW")]
