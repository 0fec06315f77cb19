"""Numeric and temporal entities: DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL.

The extents follow OntoNotes as the gold data uses it: approximators belong to the entity
("more than 400", "about NT$5 billion", "up to 25%"), a relative year belongs to its date
("March 11 last year"), and durations are DATE when counted in days or longer, TIME when counted
in hours or shorter.

Speed comes from two things. A cheap trigger pattern finds the only places where such an entity
can begin (a digit, a currency sign, or one of a closed set of words); the full pattern is tried
there alone. And every word list is compiled as a character trie (``about|around`` becomes
``a(?:bout|round)``), because the regex engine tries alternatives one by one and a trie lets it
give up after one character. The number itself is parsed once, and what follows it (a unit, a
currency, "percent", "days") decides the label. Every quantifier is bounded or runs over
disjoint character classes, so matching stays linear on a 20 MB line.
"""

from __future__ import annotations

import re
from typing import Final

_Trie = dict[str, "_Trie"]


def _alt(words: str, capitalised: bool = False) -> str:
    """A non-capturing trie alternation of ``words`` (``|``-separated; phrases allowed)."""
    items = {w for w in words.split("|") if w}
    if capitalised:
        items |= {w[:1].upper() + w[1:] for w in items}
    root: _Trie = {}
    for word in items:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return "(?:" + emit(root) + ")"


# --- building blocks -------------------------------------------------------------------------

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,9}(?:\.\d+)?)"
_SMALL_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen"
)
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_NUM = (
    rf"(?:{_alt(_TENS_WORDS, True)}(?:-{_alt('one|two|three|four|five|six|seven|eight|nine')})?"
    rf"|{_alt(_SMALL_WORDS, True)})(?: (?:hundred|thousand))?"
)
_SCALE = r"(?: ?(?:million|billion|trillion|thousand|hundred)\b)"
#: A number as written: digits or words, with an optional scale ("8 million", "two billion").
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUM}){_SCALE}?"
#: A small count written in digits or words, for durations and ages.
_COUNT = rf"(?:{_DIGITS}|{_WORD_NUM}|{_alt('a few|several|a couple of|many', True)})"

_APPROX_WORDS = (
    "about|around|approximately|roughly|nearly|almost|some|more than|less than|fewer than"
    "|greater than|up to|at least|at most|as many as|as much as|as few as|as high as|as low as"
    "|no more than|no fewer than|no less than|not more than|close to|upward of|upwards of"
    "|above|below|just over|just under|well over|under"
)
_APPROX = _alt(_APPROX_WORDS, True)
_TIME_APPROX = _alt(
    "about|around|approximately|roughly|nearly|almost|shortly after|shortly before"
    "|just after|just before|soon after|sometime after|sometime before",
    True,
)

_MONTH_FULL = _alt(
    "January|February|March|April|June|July|August|September|October|November|December"
)
_MONTH_ABBR = _alt("Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec") + r"\.?"
#: "May" is a month only next to a day or a year, so it is kept apart from the others.
_MONTH_DAYED = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}|May)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d{2}|20\d{2})"
_WEEKDAY = _alt("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
_REL = _alt("last|next|this|past|previous|coming|following|recent|same", True)
_REL_YEAR = r"(?: (?:last|next|this) (?:year|week|month))"
_DATE_UNIT = _alt(
    "day|days|week|weeks|weekend|weekends|fortnight|fortnights|month|months|year|years|decade"
    "|decades|century|centuries"
)
_PERIOD = _alt(
    "day|days|week|weeks|weekend|weekends|month|months|year|years|decade|decades|century"
    "|centuries|season|seasons|summer|winter|spring|autumn|fall|quarter|quarters|semester"
    "|semesters|term|half"
)
_TIME_UNIT = _alt("hour|hours|minute|minutes|second|seconds|hr|hrs|min|mins|sec|secs")
_ORDINAL_WORDS = _alt(
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    "|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    "|twenty-first|thirtieth|fortieth|fiftieth|hundredth",
    True,
)

_DATE_ATOM = (
    rf"(?:{_MONTH_DAYED} {_DAY}(?:, {_YEAR})?{_REL_YEAR}?(?![\d:])"
    rf"|{_MONTH_DAYED} {_YEAR}(?!\d)"
    rf"|{_MONTH_FULL}{_REL_YEAR}?"
    rf"|{_WEEKDAY}(?: (?:last|next|this) week)?"
    rf"|{_YEAR}s?(?!\d|[,.]\d))"
)
_CLOCK = (
    r"(?:\d{1,2}:\d{2}(?::\d{2})?(?: ?(?:am|pm|a\.m\.|p\.m\.)|(?![\d:]))"
    r"|\d{1,2} ?(?:am|pm|a\.m\.|p\.m\.))(?!\w)|" + _alt("noon|midnight", True) + r"\b"
)
_CURRENCY = r"(?:(?:NT|US|HK|NZ|A|C|S|T)\$|\$|¥|€|£|₩)"
_CURRENCY_WORDS = _alt(
    "yen|won|yuan|renminbi|dollars|euros|pounds|baht|pesos|rupees|ringgit|rupiah|francs|rubles"
    "|roubles|NT dollars|US dollars|Taiwan dollars"
)
_UNITS = _alt(
    "km/h|kph|mph|km|kilometer|kilometers|kilometre|kilometres|meter|meters|metre|metres|cm"
    "|centimeter|centimeters|centimetre|centimetres|mm|millimeter|millimeters|millimetre"
    "|millimetres|nanometer|nanometers|nanometre|nanometres|nm|m|kg|kilogram|kilograms|gram"
    "|grams|ton|tons|tonne|tonnes|mile|miles|feet|foot|ft|inches|inch|yard|yards|knot|knots"
    "|°C|°F|℃|degrees Celsius|degrees Fahrenheit|degrees|Celsius|Fahrenheit|hectare|hectares"
    "|ha|acre|acres"
    "|square kilometers|square kilometres|square meters|square metres|square miles|square feet"
    "|sq km|km2|liter|liters|litre|litres|ml|gallon|gallons|barrel|barrels|MW|GW|kW|kWh|GWh"
    "|TWh|megawatt|megawatts|gigawatt|gigawatts|kilowatt|kilowatts|ping|pings|cubic meters"
    "|cubic metres"
)

# --- the pattern -----------------------------------------------------------------------------
# Group names carry the label before the underscore; the first alternative that matches at a
# position wins, so the longer readings come first.

_DATE_WORD_LED = (
    rf"(?:{_alt('between', True)}) {_DATE_ATOM} and {_DATE_ATOM}"
    rf"|{_DATE_ATOM} to {_DATE_ATOM}"
    r"|(?:(?:first|second|latter|final) half|end|beginning|start|middle|first quarter"
    r"|second quarter|third quarter|fourth quarter) of (?:(?:the|this|next|last) "
    rf"(?:year|month|week|decade|century|season)|{_YEAR})"
    rf"|(?:end|beginning|start|middle) of {_MONTH_FULL}(?: {_YEAR})?\b"
    rf"|(?:{_alt('spring|summer|autumn|fall|winter')}) of {_YEAR}\b"
    rf"|{_alt('early|late|mid', True)}[- ](?:{_MONTH_DAYED}|{_YEAR})(?![\w-])"
    rf"|{_alt('first|second|latter', True)} half\b(?! of)"
    rf"|{_alt('last|next|this|Last|Next|This')} {_WEEKDAY}\b"
    r"|(?:(?<=in )|(?<=the )|(?<=since )|(?<=until ))(?:spring|summer|autumn|winter)\b"
    r"|(?:(?<=in )|(?<=since )|(?<=until )|(?<=by )|(?<=from )|(?<=of ))May\b"
    r"(?! (?:be|have|not)\b)(?![ ,]*\d)"
    rf"|(?:{_APPROX} )?[Aa] (?:decade|century)\b(?! (?:ago|earlier|later)\b)"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_WORDS})[- ]century"
    rf"|{_alt('yesterday|today|tomorrow', True)}\b"
    rf"|{_REL}(?: (?:few|several|couple of|{_COUNT}))? {_PERIOD}\b"
    rf"|{_alt('every|each', True)}(?: (?:other|{_COUNT}))? {_DATE_UNIT}\b"
    rf"|{_alt('first|second|third|fourth|final|last', True)} quarter(?: of (?:the year|{_YEAR}"
    r"|(?:this|last|next) year))?\b"
    r"|(?<!once )(?<!twice )(?<!times )(?<!per )[Aa] (?:day|week|month|year|decade|century)"
    r"(?: (?:ago|earlier|later)\b)?\b"
    rf"|{_alt('decades|centuries|years', True)} ago|(?<=in )decades\b|(?<=for )decades\b"
    rf"|{_DATE_ATOM}"
)
_AFTER_NUMBER = (
    rf"(?P<MONEY_2> {_CURRENCY_WORDS}\b)"
    rf"|(?P<PERCENT_1>(?:(?: to |-){_NUMBER})? ?(?:%|percent\b|per cent\b|percentage points?\b))"
    rf"|(?P<QUANTITY_1>(?:-| ?){_UNITS}(?![\w°])(?: (?:per|an|a) (?:hour|second|day)\b)?)"
    r"|(?P<CARDINAL_1>)"
)
_NUMERIC_BODY = (
    rf"(?P<TIME_1>(?:{_TIME_APPROX} )?(?:{_CLOCK})"
    rf"|(?:{_alt('last|this|tomorrow|yesterday', True)}|{_WEEKDAY})"
    r" (?:night|morning|afternoon|evening)\b|[Tt]onight\b)"
    rf"|(?P<DATE_1>{_DATE_WORD_LED})"
    rf"|(?P<CARDINAL_2>\d{{1,3}}-\d{{1,3}}(?![\w-])(?!,\d)(?! ?(?:%|percent|per cent))"
    rf"|{_alt('more than|less than|nearly|almost|about|over', True)} half\b"
    rf"|{_alt('dozens|hundreds|thousands|millions|billions|tens of thousands', True)}\b)"
    rf"|(?:{_APPROX} )?(?:"
    rf"(?P<MONEY_1>{_CURRENCY}{_DIGITS}{_SCALE}?(?:[mb]n\b)?)"
    rf"|(?P<CARDINAL_3>{_alt('two-thirds|one-third|three-quarters|one-half', True)}"
    r"|(?:a third|a quarter)(?= of))"
    rf"|(?P<DATE_2>{_COUNT}(?:-| ){_DATE_UNIT}(?:-old\b)?(?: and {_COUNT} {_DATE_UNIT}\b)?"
    r"(?: (?:ago|earlier|later|old)\b)?)"
    rf"|(?P<TIME_2>(?:{_COUNT}(?:-| ){_TIME_UNIT}|(?:[Aa]n|[Hh]alf an) hour|[Aa] minute)\b"
    rf"(?:,? (?:and )?{_COUNT} {_TIME_UNIT}\b)*(?: (?:later|earlier|ago)\b)?)"
    rf"|{_NUMBER}(?:{_AFTER_NUMBER}))"
    rf"|(?P<ORDINAL_1>{_ORDINAL_WORDS}\b|\d{{1,4}}(?:st|nd|rd|th)\b)"
)

#: Left boundary: not inside a word, a number, or a hyphenated code ("COVID-19").
_LEFT = r"(?<![\w$.,:%/-])(?<![A-Za-z]-)"
_NUMERIC: Final = re.compile(rf"{_LEFT}(?:{_NUMERIC_BODY})(?!\w)(?!:\d)")

#: Words that can begin a numeric or temporal entity: every alternative above starts with a
#: digit, a currency sign or one of these, so the full pattern is tried only where one occurs.
_TRIGGER_WORDS = (
    f"{_SMALL_WORDS}|{_TENS_WORDS}|dozens|hundreds|thousands|millions|billions|tens|half"
    "|two-thirds|one-third|three-quarters|one-half|first|second|third|fourth|fifth|sixth"
    "|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
    "|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|thirtieth|fortieth|fiftieth"
    "|hundredth|yesterday|today|tomorrow|tonight|noon|midnight|last|next|this|past|previous"
    "|coming|following|recent|same|every|each|a|an|decades|centuries|years|between|end"
    "|beginning|start|middle|latter|final|about|around|approximately|roughly|nearly|almost"
    "|some|more|less|fewer|greater|up|at|as|no|not|close|upward|upwards|above|below|just"
    "|well|shortly|soon|sometime|few|several|many|over|under|early|late|mid|spring|summer"
    "|autumn|fall|winter"
)
_TRIGGER_CAPS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    "|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
_TRIGGER: Final = re.compile(
    rf"{_LEFT}(?:\d|[$¥€£₩]|(?:NT|US|HK|NZ|[ACST])\$"
    rf"|(?:{_alt(_TRIGGER_WORDS, True)}|{_alt(_TRIGGER_CAPS)})\b)"
)

_VERB_LAST: Final = re.compile(r"\b(?:to|will|would|could|can|may|might|should|must|not) $")
_DURATION: Final = re.compile(rf"{_COUNT}(?:-| ){_DATE_UNIT}")

#: "one" is a pronoun, not a count, in these frames.
_PRONOUN_ONE: Final = re.compile(
    r"\b(?:[Nn]o|[Aa]ny|[Ee]very|[Ee]ach|[Ss]ome|[Tt]he|[Tt]his|[Tt]hat|which|little|last"
    r"|another) $"
)
_ONE_AFTER: Final = re.compile(r"(?:[’']s\b| another\b| or another\b| by one\b)")


def find_numeric(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` for every numeric or temporal entity in ``text``, in order."""
    out: list[tuple[int, int, str]] = []
    match = _NUMERIC.match
    done = 0
    for t in _TRIGGER.finditer(text):
        pos = t.start()
        if pos < done:
            continue
        m = match(text, pos)
        if m is None:
            continue
        group = m.lastgroup
        start, end = m.span()
        done = end
        if group is None:
            continue
        label = group.partition("_")[0]
        if text.startswith("last ", start) and _VERB_LAST.search(text, max(0, start - 8), start):
            start += 5  # "is scheduled to last 18 months": the verb, not "last year"
            if label != "DATE" or not _DURATION.fullmatch(text, start, end):
                continue
        if label == "CARDINAL" and end - start == 3 and text[start:end].lower() == "one":
            before = text[max(0, start - 12) : start]
            if _PRONOUN_ONE.search(before) or _ONE_AFTER.match(text, end):
                continue
        out.append((start, end, label))
    return out
