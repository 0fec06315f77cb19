#!/usr/bin/env python3
"""Write a large, realistic plain-text news corpus for the scale benchmarks.

usage: benchmarks/make_corpus.py N OUT [--seed 1] [--truth TRUTH.jsonl]

The output looks like the seed document (samples/000_*.txt): one paragraph per line, no blank
lines and no separators between articles; full articles mixed with single-line excerpts cut
mid-sentence at a word boundary; bare photo credit lines and descriptive captions; bylines,
datelines and some headline lines; quotes with attributions, pronouns, multi-paragraph and nested
quotes. Articles are built from the samples' own paragraphs (with their numbers and names varied)
and from topic templates whose slots (people, places, organisations, numbers, dates) are drawn
from a seeded ``random.Random``, so the same N and seed always give the same bytes, and every
article is distinct (its text is checked against the ones already written).

Each article keeps one cast (a main speaker, an organisation, a place) and one topic throughout,
so the text has the lexical cohesion a real article has and a splitter's cues are meaningful.
``--truth`` writes where each article starts and ends, for checking a splitter at scale.
Prints ``{"articles", "bytes", "lines", "seconds"}`` as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

# --- the cast -------------------------------------------------------------------------------------

SURNAMES = (
    ("Chen", "陳"),
    ("Lin", "林"),
    ("Huang", "黃"),
    ("Chang", "張"),
    ("Lee", "李"),
    ("Wang", "王"),
    ("Wu", "吳"),
    ("Liu", "劉"),
    ("Tsai", "蔡"),
    ("Yang", "楊"),
    ("Hsu", "許"),
    ("Cheng", "鄭"),
    ("Hsieh", "謝"),
    ("Kuo", "郭"),
    ("Hung", "洪"),
    ("Chiu", "邱"),
    ("Tseng", "曾"),
    ("Liao", "廖"),
    ("Lai", "賴"),
    ("Chou", "周"),
    ("Yeh", "葉"),
    ("Su", "蘇"),
    ("Chuang", "莊"),
    ("Lu", "呂"),
    ("Chiang", "江"),
    ("Ho", "何"),
    ("Lo", "羅"),
    ("Kao", "高"),
    ("Pan", "潘"),
    ("Chien", "簡"),
    ("Fan", "范"),
    ("Peng", "彭"),
    ("Tu", "杜"),
    ("Tai", "戴"),
    ("Wei", "魏"),
    ("Hsiao", "蕭"),
)
GIVEN = (
    ("Ying", "瑩"),
    ("Wen", "文"),
    ("Hsiang", "祥"),
    ("Chun", "君"),
    ("Mei", "美"),
    ("Yu", "宇"),
    ("Chih", "志"),
    ("Hao", "浩"),
    ("Ting", "婷"),
    ("Shu", "淑"),
    ("Hui", "慧"),
    ("Ming", "明"),
    ("Kuo", "國"),
    ("Cheng", "成"),
    ("Pei", "佩"),
    ("Chia", "佳"),
    ("Jung", "榮"),
    ("Tzu", "子"),
    ("Yi", "怡"),
    ("Li", "麗"),
    ("Fang", "芳"),
    ("Hsin", "欣"),
    ("Wei", "偉"),
    ("Chieh", "傑"),
    ("Han", "翰"),
    ("Lung", "龍"),
    ("Hua", "華"),
    ("Sheng", "聖"),
    ("Yen", "彥"),
    ("Tsung", "聰"),
)
WESTERN_FIRST = (
    "John",
    "Helen",
    "Mark",
    "Sarah",
    "David",
    "Laura",
    "Peter",
    "Anna",
    "Michael",
    "Emma",
    "James",
    "Claire",
    "Robert",
    "Julia",
    "Thomas",
    "Maria",
    "Daniel",
    "Sophie",
    "Paul",
    "Kate",
)
WESTERN_LAST = (
    "Miller",
    "Ann-Smith",
    "Carter",
    "Novak",
    "Brooks",
    "Keller",
    "Fischer",
    "Dubois",
    "Hughes",
    "Tanaka",
    "Sato",
    "Kim",
    "Park",
    "Garcia",
    "Rossi",
    "Schmidt",
    "O'Brien",
    "Jensen",
    "Moreau",
)
PHOTO_AGENCIES = ("Reuters", "AFP", "AP", "CNA", "Taipei Times", "Bloomberg", "EPA-EFE", "Kyodo")

# (full name, acronym or None, short form, kind) — kind picks the titles that fit.
ORGS = (
    ("Central Weather Administration", "CWA", "the administration", "agency"),
    ("Mainland Affairs Council", "MAC", "the council", "council"),
    ("Ministry of Economic Affairs", None, "the ministry", "ministry"),
    ("Ministry of Foreign Affairs", None, "the ministry", "ministry"),
    ("Ministry of National Defense", None, "the ministry", "ministry"),
    ("Ministry of Health and Welfare", None, "the ministry", "ministry"),
    ("Ministry of Education", None, "the ministry", "ministry"),
    ("Ministry of Transportation and Communications", None, "the ministry", "ministry"),
    ("Ministry of Environment", None, "the ministry", "ministry"),
    ("Ministry of Agriculture", None, "the ministry", "ministry"),
    ("Financial Supervisory Commission", "FSC", "the commission", "council"),
    ("National Development Council", "NDC", "the council", "council"),
    ("Ocean Affairs Council", "OAC", "the council", "council"),
    ("Coast Guard Administration", "CGA", "the administration", "agency"),
    ("Centers for Disease Control", "CDC", "the centers", "agency"),
    ("Directorate-General of Budget, Accounting and Statistics", "DGBAS", "the agency", "agency"),
    ("National Science and Technology Council", "NSTC", "the council", "council"),
    ("Taiwan Transportation and Safety Board", None, "the board", "agency"),
    ("Central Election Commission", "CEC", "the commission", "council"),
    ("Taiwan Institute of Economic Research", "TIER", "the institute", "institute"),
    ("Chung-Hua Institution for Economic Research", "CIER", "the institution", "institute"),
    ("Industrial Technology Research Institute", "ITRI", "the institute", "institute"),
    ("Taiwan Semiconductor Manufacturing Co", "TSMC", "the company", "company"),
    ("Far Eastern New Century Corp", None, "the company", "company"),
    ("Evergreen Marine Corp", None, "the company", "company"),
    ("Taiwan Power Co", "Taipower", "the utility", "company"),
    ("Chunghwa Telecom Co", None, "the company", "company"),
    ("Democratic Progressive Party", "DPP", "the party", "party"),
    ("Kuomintang", "KMT", "the party", "party"),
    ("Taiwan People’s Party", "TPP", "the party", "party"),
    ("National Museum of Taiwan Literature", None, "the museum", "institute"),
    ("National Taiwan University", "NTU", "the university", "institute"),
    ("Academia Sinica", None, "the academy", "institute"),
)
TITLES = {
    "agency": ("Director-General", "Deputy Director-General", "spokesperson", "section chief"),
    "council": ("Minister", "Deputy Minister", "Chairman", "spokesperson"),
    "ministry": ("Minister", "Deputy Minister", "Director-General", "spokesperson"),
    "institute": ("director", "research fellow", "president", "economist"),
    "company": ("chairman", "president", "spokesperson", "chief executive"),
    "party": ("Legislator", "caucus whip", "spokesperson", "Chairman"),
}
TW_PLACES = (
    ("Taipei", "臺北"),
    ("New Taipei City", "新北"),
    ("Taoyuan", "桃園"),
    ("Taichung", "臺中"),
    ("Tainan", "臺南"),
    ("Kaohsiung", "高雄"),
    ("Keelung", "基隆"),
    ("Hsinchu", "新竹"),
    ("Miaoli County", "苗栗"),
    ("Changhua County", "彰化"),
    ("Nantou County", "南投"),
    ("Yunlin County", "雲林"),
    ("Chiayi", "嘉義"),
    ("Pingtung County", "屏東"),
    ("Yilan County", "宜蘭"),
    ("Hualien County", "花蓮"),
    ("Taitung County", "臺東"),
    ("Penghu County", "澎湖"),
    ("Kinmen County", "金門"),
    ("Lienchiang County", "連江"),
)
WORLD_PLACES = (
    "Tokyo",
    "Osaka",
    "Seoul",
    "Manila",
    "Washington",
    "Beijing",
    "Xiamen",
    "Hong Kong",
    "Singapore",
    "Berlin",
    "Paris",
    "London",
    "Sydney",
    "Bangkok",
    "Hanoi",
    "Jakarta",
    "Brussels",
    "Ottawa",
    "Warsaw",
    "Prague",
    "Vilnius",
    "New Delhi",
    "Kuala Lumpur",
    "Fukuoka",
    "Okinawa",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)


@dataclass(frozen=True, slots=True)
class Person:
    full: str  # "Chen Ying-fang"
    chars: str | None  # "陳瑩芳"
    short: str  # "Chen"
    he: str
    his: str


def _person(rng: random.Random) -> Person:
    gender = rng.random() < 0.5
    he, his = ("he", "his") if gender else ("she", "her")
    if rng.random() < 0.15:
        first, last = rng.choice(WESTERN_FIRST), rng.choice(WESTERN_LAST)
        return Person(f"{first} {last}", None, last, he, his)
    (sur, sur_c), (g1, g1_c), (g2, g2_c) = (
        rng.choice(SURNAMES),
        rng.choice(GIVEN),
        rng.choice(GIVEN),
    )
    if rng.random() < 0.1:  # an English first name before the family name, as in "Francois Wu"
        return Person(f"{rng.choice(WESTERN_FIRST)} {sur}", sur_c + g1_c + g2_c, sur, he, his)
    return Person(f"{sur} {g1}-{g2.lower()}", sur_c + g1_c + g2_c, sur, he, his)


class Cast(dict[str, str]):
    """Slot values for one article; a person or organisation is introduced in full only once.

    ``{P}`` gives "Deputy Minister Chen Ying-fang (陳瑩芳)" the first time and "Chen" after, the way
    a reporter writes, which is what lets pronoun and surname resolution be exercised.
    """

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng
        self.first: dict[str, str] = {}
        self.later: dict[str, str] = {}

    def person(self, key: str, p: Person, title: str, org_full: str) -> None:
        chars = f" ({p.chars})" if p.chars else ""
        self.first[key] = f"{org_full} {title} {p.full}{chars}"
        self.later[key] = p.short
        self[key + "n"] = p.full
        self[key + "he"] = p.he
        self[key + "He"] = p.he.capitalize()
        self[key + "his"] = p.his

    def org(self, key: str, name: str, acronym: str | None, short: str) -> None:
        self.first[key] = f"the {name} ({acronym})" if acronym else f"the {name}"
        self.later[key] = acronym if acronym else short

    def __missing__(self, key: str) -> str:
        if key.endswith("cap") and key[:-3] in self.later:  # sentence-initial: "The council"
            value = self[key[:-3]]
            return value[0].upper() + value[1:]
        if key in self.first:
            value = self.first.pop(key)
            self[key] = self.later[key]
            return value
        return _filler(self.rng, key)


def _num(rng: random.Random) -> str:
    r = rng.random()
    return str(
        rng.randint(2, 20) if r < 0.6 else rng.randint(21, 99) if r < 0.9 else rng.randint(100, 999)
    )


def _filler(rng: random.Random, key: str) -> str:
    """Per-use random slots: numbers, dates, times and quantities vary with every sentence."""
    if key == "N":
        return _num(rng)
    if key == "BIG":
        return f"{rng.randint(1, 999):,}{rng.choice(('', ',000'))}"
    if key == "PCT":
        return f"{rng.randint(1, 60)}.{rng.randint(0, 9)} percent"
    if key == "MONEY":
        nt = rng.randint(2, 900) / 10
        return f"NT${nt:.1f} billion (US${nt / 32.5 * 1000:,.1f} million)"
    if key == "DATE":
        return f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"
    if key == "DAY":
        return rng.choice(
            (
                "yesterday",
                "today",
                "on " + rng.choice(WEEKDAYS),
                "last week",
                "earlier this month",
                "on " + rng.choice(WEEKDAYS) + " night",
            )
        )
    if key == "TIME":
        return f"{rng.randint(1, 12)}:{rng.randint(0, 59):02d}{rng.choice(('am', 'pm'))}"
    if key == "KM":
        return f"{rng.randint(2, 400)}km"
    if key == "YEAR":
        return str(rng.randint(1995, 2026))
    if key == "WPLACE":
        return rng.choice(WORLD_PLACES)
    if key == "TPLACE":
        return rng.choice(TW_PLACES)[0]
    if key == "ANON":
        return rng.choice(
            (
                "a source said",
                "officials said",
                "a government official said",
                "sources familiar with the matter said",
                "analysts said",
            )
        )
    raise KeyError(key)


# --- topics ---------------------------------------------------------------------------------------
# Each topic: headlines, leads, body sentences, quotes (said by the cast), captions. Slots:
# {P}/{Q} people (full on first use), {O} the organisation, {L} the article's place, {X} the
# topic's subject; {Phe}/{PHe}/{Phis} pronouns; per-use fillers from _filler.

TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "quake": {
        "X": ("earthquake", "tsunami watch", "aftershock", "landslide warning", "typhoon"),
        "prefer": ("Central Weather Administration",),
        "head": (
            "Magnitude {N} quake rattles {L}, no damage reported",
            "{Oa} warns of {X} as waves near {L}",
            "Residents of {L} told to stay alert",
        ),
        "lead": (
            "{Ocap} {DAY} issued a {X} alert for {L} after a magnitude {N} earthquake "
            "struck off the coast at {TIME} at a depth of about {KM}, it said.",
            "A {X} shook {L} at {TIME} {DAY}, {O} said, adding that no casualties had been "
            "reported so far.",
        ),
        "body": (
            "The quake was centered {KM} southeast of {L} at a depth of {KM}, {O} said.",
            "Waves as high as {N}m could reach the coast by {TIME}, it said, urging people "
            "to stay away from beaches and fishing ports.",
            "Schools in {L} suspended classes for the afternoon and {N} flights were "
            "delayed at the local airport.",
            "{O} recorded {N} aftershocks in the following {N} hours, the strongest of "
            "magnitude {N}.",
            "Railway services between {L} and {TPLACE} resumed at {TIME} after inspections "
            "found no damage to the tracks.",
            "The last quake of similar strength in the area was recorded on {DATE}, {YEAR}, "
            "when {BIG} households lost power.",
        ),
        "quote": (
            "People living near the coast should move to higher ground if they feel strong "
            "shaking, and should not wait for an official warning",
            "We cannot rule out further aftershocks of magnitude {N} or higher over the next week",
            "The seismic activity in this area has been unusually frequent this year, and "
            "we are monitoring it closely",
        ),
        "caption": (
            "Residents of {L} inspect a damaged wall after the earthquake {DAY}.",
            "A screen shows the epicenter of the earthquake at {O}’s office in Taipei.",
        ),
    },
    "politics": {
        "X": (
            "recall bill",
            "budget bill",
            "referendum bill",
            "election law amendment",
            "pension reform bill",
        ),
        "orgs": ("party",),
        "head": (
            "Legislature passes {X} after heated debate",
            "{Oa} vows to fight {X} in court",
            "Lawmakers clash over {X} ahead of {L} vote",
        ),
        "lead": (
            "The Legislative Yuan {DAY} passed the {X} in a {N}-{N} vote that followed more "
            "than {N} hours of debate, with {O} lawmakers voting against it.",
            "{Ocap} {DAY} said it would propose the {X} next session, saying the current rules "
            "had failed voters in {L}.",
        ),
        "body": (
            "Under the proposal, the threshold would be lowered to {PCT} of eligible voters, "
            "down from {PCT}.",
            "Turnout in {L} was {PCT}, the Central Election Commission said.",
            "{O} holds {N} of the {N} seats in the legislature, enough to block the bill in "
            "committee.",
            "The {X} is expected to cost {MONEY}, according to budget documents seen by reporters.",
            "A poll released {DAY} found that {PCT} of respondents supported the {X}, while "
            "{PCT} opposed it and the rest were undecided.",
        ),
        "quote": (
            "This is not about one party or another; it is about giving the key back to the people",
            "The {X} was pushed through without a single public hearing, and the voters of "
            "{L} deserve better than that",
            "We will keep talking to every caucus until we find a version of the {X} that "
            "all sides can live with",
        ),
        "caption": (
            "Lawmakers hold placards in the Legislative Yuan in Taipei {DAY}.",
            "Supporters wave flags outside a campaign office in {L} {DAY}.",
        ),
    },
    "defence": {
        "X": ("drills", "incursions", "naval maneuvers", "coast guard patrols", "drone sightings"),
        "prefer": (
            "Ministry of National Defense",
            "Mainland Affairs Council",
            "Coast Guard Administration",
            "Ocean Affairs Council",
        ),
        "head": (
            "China stages {X} near {L}",
            "{Oa} reports surge in Chinese {X}",
            "Navy tracks Chinese vessels after {X} off {L}",
        ),
        "lead": (
            "{Ocap} {DAY} said it had detected {N} Chinese military aircraft and {N} naval "
            "vessels around Taiwan, the latest in a series of {X} near {L}.",
            "Prosecutors in {L} {DAY} indicted {N} people in an espionage case involving "
            "military personnel recruited by Chinese intelligence, {O} said.",
        ),
        "body": (
            "{N} of the aircraft crossed the median line of the Taiwan Strait and entered the "
            "southwestern part of the air defense identification zone, it said.",
            "Taiwan monitored the situation and dispatched combat air patrol aircraft, navy "
            "vessels and coastal missile systems in response.",
            "The defendants allegedly received {MONEY} in exchange for classified documents "
            "between {YEAR} and {YEAR}, the indictment said.",
            "The coast guard expelled {N} Chinese vessels that entered restricted waters off "
            "{L} over the past {N} days.",
            "China has increased the frequency of such {X} since {YEAR}, according to data "
            "compiled by {O}.",
        ),
        "quote": (
            "The armed forces are closely monitoring every movement and will respond "
            "appropriately to any provocation",
            "These {X} are part of a pattern of gray-zone pressure meant to wear down our "
            "personnel and test our response",
            "Beijing wants to show that it can encircle Taiwan at will, but our people "
            "will not be intimidated",
        ),
        "caption": (
            "A Chinese coast guard vessel sails near {L} in a handout photo released {DAY}.",
            "Soldiers take part in a military exercise in {L} {DAY}.",
        ),
    },
    "economy": {
        "X": ("exports", "inflation", "minimum wage", "tariffs", "housing prices", "GDP growth"),
        "prefer": (
            "Directorate-General of Budget, Accounting and Statistics",
            "Ministry of Economic Affairs",
            "National Development Council",
            "Taiwan Institute of Economic Research",
            "Chung-Hua Institution for Economic Research",
            "Financial Supervisory Commission",
        ),
        "orgs": ("agency", "council", "institute", "ministry"),
        "head": (
            "{Oa} raises forecast for {X}",
            "{X} hit record high in {DATE}",
            "Economists warn {X} could slow in second half",
        ),
        "lead": (
            "{Ocap} {DAY} raised its forecast for {X} this year to {PCT}, citing strong "
            "demand for artificial intelligence servers and a rebound in consumption.",
            "Taiwan’s {X} rose {PCT} year-on-year last month to {MONEY}, {O} said {DAY}, "
            "the {N}th consecutive month of growth.",
        ),
        "body": (
            "Shipments to the US rose {PCT}, while those to China and Hong Kong fell {PCT}, "
            "the data showed.",
            "The consumer price index rose {PCT} from a year earlier, driven by food and "
            "rent, {O} said.",
            "The central bank is expected to keep its benchmark interest rate unchanged at "
            "its next meeting on {DATE}.",
            "The monthly minimum wage would rise to NT${BIG} from next year, benefiting "
            "about {BIG} workers.",
            "Housing prices in {L} have risen {PCT} over the past {N} years, outpacing "
            "wage growth by a wide margin.",
        ),
        "quote": (
            "Demand for servers remains strong, but we are watching the impact of US "
            "tariffs on our traditional industries very carefully",
            "The recovery is uneven: technology firms are doing well, while small "
            "manufacturers in {L} are still struggling",
            "We expect {X} to stay on this path for at least the next two quarters",
        ),
        "caption": (
            "Containers are stacked at the Port of Kaohsiung {DAY}.",
            "Shoppers browse stalls at a market in {L} {DAY}.",
        ),
    },
    "tech": {
        "X": ("chip plant", "data center", "AI server line", "research center", "2-nanometer fab"),
        "prefer": (
            "Taiwan Semiconductor Manufacturing Co",
            "Industrial Technology Research Institute",
            "Chunghwa Telecom Co",
            "Far Eastern New Century Corp",
        ),
        "orgs": ("company",),
        "head": (
            "{Oa} to build {X} in {L}",
            "{Oa} posts record quarterly profit",
            "{L} approves land for new {X}",
        ),
        "lead": (
            "{Ocap} {DAY} said it would invest {MONEY} to build a {X} in {L}, creating about "
            "{BIG} jobs by {YEAR}.",
            "{Ocap} {DAY} reported net profit of {MONEY} for the second quarter, up {PCT} "
            "from a year earlier, as orders for its {X} surged.",
        ),
        "body": (
            "Construction is scheduled to begin on {DATE} and mass production in {YEAR}, "
            "the company said.",
            "Revenue from high-performance computing accounted for {PCT} of the total, "
            "overtaking smartphones for the first time.",
            "The {X} would use {N} megawatts of electricity at full capacity, raising "
            "concerns among residents of {L} about power and water supplies.",
            "Shares of the company rose {PCT} in Taipei trading, outperforming the broader market.",
            "The company also plans a second {X} in {WPLACE}, pending approval from local "
            "authorities.",
        ),
        "quote": (
            "Our customers are asking for more capacity than we can supply, so this "
            "investment is a direct answer to that demand",
            "We chose {L} because of its talent pool and its infrastructure, and we will "
            "keep our most advanced technology in Taiwan",
            "Water and power are the two things we worry about most, and we are working "
            "with the government on both",
        ),
        "caption": (
            "The logo of {O} is seen at its headquarters in Hsinchu {DAY}.",
            "Workers walk past a construction site for a {X} in {L}.",
        ),
    },
    "health": {
        "X": ("dengue fever", "COVID-19", "influenza", "enterovirus", "measles", "food poisoning"),
        "prefer": (
            "Ministry of Health and Welfare",
            "Centers for Disease Control",
        ),
        "head": (
            "{X} cases rise in {L}",
            "{Oa} urges vaccination as {X} spreads",
            "Health officials trace {X} cluster to {L} restaurant",
        ),
        "lead": (
            "{Ocap} {DAY} reported {N} new cases of {X}, bringing the total this year to "
            "{BIG}, and urged residents of {L} to take precautions.",
            "A cluster of {X} cases in {L} has grown to {N} people, {O} said {DAY}.",
        ),
        "body": (
            "Most of the cases were people aged over {N}, and {N} were hospitalized, the "
            "agency said.",
            "Health officials have inspected {BIG} households and removed mosquito breeding "
            "sites in the affected districts.",
            "The number of outpatient visits for {X} rose {PCT} from the previous week.",
            "Free vaccines are available at {N} clinics in {L} until {DATE}.",
            "The restaurant was ordered to suspend operations and was fined NT${BIG}.",
        ),
        "quote": (
            "People who develop a fever after traveling to Southeast Asia should see a "
            "doctor immediately and tell them where they have been",
            "The peak of the {X} season is still ahead of us, so this is the time to act",
            "We have not seen evidence of community transmission, but we are testing every "
            "close contact",
        ),
        "caption": (
            "A health worker sprays insecticide in a neighborhood in {L} {DAY}.",
            "People wait to receive vaccines at a clinic in {L}.",
        ),
    },
    "transport": {
        "X": ("bus crash", "train derailment", "tunnel accident", "ferry delay", "road collapse"),
        "prefer": (
            "Ministry of Transportation and Communications",
            "Taiwan Transportation and Safety Board",
        ),
        "head": (
            "Speeding blamed for {X} in {L}",
            "{Oa} releases report on {X}",
            "Commuters stranded after {X} near {L}",
        ),
        "lead": (
            "Speeding and badly maintained roads were the main causes of a {X} in {L} last "
            "year that injured {N} people, {O} said {DAY}.",
            "A {X} near {L} {DAY} left {N} people injured and disrupted traffic for "
            "{N} hours, police said.",
        ),
        "body": (
            "The vehicle exceeded the speed limit of {N}kph after entering the tunnel, the "
            "investigation found.",
            "The driver attempted to use the service brake, but the vehicle overturned "
            "about {N}m later.",
            "The operator, based in {L}, was fined NT${BIG} and ordered to retrain its drivers.",
            "Traffic on the northbound lanes was diverted to Provincial Highway {N} until {TIME}.",
            "{O} recommended that the highway authority install more speed cameras along "
            "the {KM} stretch.",
        ),
        "quote": (
            "A single maintenance record could have prevented this, and we found that none "
            "had been kept for more than a year",
            "Drivers must slow down in tunnels, especially when the road surface is wet",
            "We have asked every operator in {L} to inspect its fleet before the holiday",
        ),
        "caption": (
            "Rescue workers stand near an overturned bus in {L} {DAY}.",
            "Passengers wait on a platform at a station in {L}.",
        ),
    },
    "culture": {
        "X": ("exhibition", "film festival", "book fair", "concert series", "folk festival"),
        "prefer": (
            "National Museum of Taiwan Literature",
            "Ministry of Foreign Affairs",
        ),
        "orgs": ("institute", "ministry"),
        "head": (
            "{L} to host {X} on Taiwanese folklore",
            "{Oa} brings {X} to {WPLACE}",
            "Record crowds at {L} {X}",
        ),
        "lead": (
            "{Ocap} is next month to hold its {X} in {WPLACE}, showcasing the history of "
            "Taiwanese folklore and literature.",
            "The {X} in {L} drew more than {BIG} visitors in its first weekend, organizers "
            "said {DAY}.",
        ),
        "body": (
            "The {X}, which is to run from {DATE} to {DATE}, features {N} works by "
            "Taiwanese artists and writers.",
            "Admission is free for students and for residents of {L} aged over {N}.",
            "The program includes puppet theater, temple music and readings by {N} authors.",
            "A second edition is planned for {YEAR} in {WPLACE}, organizers said.",
            "The {X} has been held every year since {YEAR}, except during the pandemic.",
        ),
        "quote": (
            "Folklore and literature naturally deserve a central place in the global "
            "dialogue, and we want visitors to hear Taiwan in its own voice",
            "We hope that people who come to the {X} leave with a story they did not know before",
            "Many of these works have never been shown outside {L}",
        ),
        "caption": (
            "Visitors look at an installation at the {X} in {L} {DAY}.",
            "Performers dance during the opening of the {X} in {L}.",
        ),
    },
    "environment": {
        "X": ("air pollution", "drought", "carbon fee", "marine debris", "water rationing"),
        "prefer": (
            "Ministry of Environment",
            "Ministry of Agriculture",
            "Taiwan Power Co",
        ),
        "head": (
            "{L} braces for {X}",
            "{Oa} sets {X} rules for large emitters",
            "Reservoir levels fall as {X} worsens",
        ),
        "lead": (
            "{Ocap} {DAY} warned that {X} in {L} could worsen over the coming weeks, as "
            "reservoir levels fell to {PCT} of capacity.",
            "Companies emitting more than {BIG} tonnes of carbon a year will pay a carbon fee of "
            "NT${N} per tonne from {YEAR}, {O} said {DAY}.",
        ),
        "body": (
            "Rainfall in the catchment area has been {PCT} below average since {DATE}.",
            "About {BIG} households in {L} could face reduced water pressure at night.",
            "The {X} is expected to raise {MONEY} a year, which would fund green energy projects.",
            "Volunteers collected {N} tonnes of {X} from beaches in {L} over the weekend.",
            "Air quality readings in {L} reached unhealthy levels for sensitive groups on "
            "{N} days last month.",
        ),
        "quote": (
            "We need every household and every factory in {L} to save water now, not when "
            "the taps run dry",
            "The {X} is a first step, and the rate will rise as industries adjust",
            "Climate change is making these dry spells longer and more frequent",
        ),
        "caption": (
            "The bed of a reservoir is exposed in {L} {DAY}.",
            "Volunteers collect trash on a beach in {L}.",
        ),
    },
    "education": {
        "X": ("curriculum", "tuition", "enrollment", "school merger plan", "English program"),
        "prefer": (
            "Ministry of Education",
            "National Taiwan University",
        ),
        "orgs": ("ministry", "institute"),
        "head": (
            "{Oa} announces changes to {X}",
            "Universities in {L} face falling {X}",
            "Parents protest {X} plan in {L}",
        ),
        "lead": (
            "{Ocap} {DAY} said it would review the high-school {X} after complaints from "
            "teachers in {L}.",
            "University {X} fell {PCT} this year, with {N} departments in {L} failing to "
            "fill a single place, {O} said {DAY}.",
        ),
        "body": (
            "The number of 18-year-olds is projected to fall to {BIG} by {YEAR}, from about "
            "{BIG} a decade ago.",
            "{N} schools in rural parts of {L} have fewer than {N} pupils each.",
            "The ministry plans to spend {MONEY} over {N} years on bilingual teaching.",
            "Tuition at public universities would remain frozen for a {N}th year.",
            "Teachers said the new {X} left too little time for science classes.",
        ),
        "quote": (
            "Falling birth rates mean we have to rethink what a school is for in the "
            "smallest villages",
            "Students should not pay the price for a policy that was never properly consulted",
            "We will listen to teachers in {L} before we finalize anything",
        ),
        "caption": (
            "Students attend a class at a school in {L} {DAY}.",
            "Parents gather outside the education bureau in {L}.",
        ),
    },
    "courts": {
        "X": (
            "fraud case",
            "bribery trial",
            "drug smuggling case",
            "pension lawsuit",
            "data leak case",
        ),
        "head": (
            "Court sentences {N} in {X}",
            "{L} prosecutors appeal {X} ruling",
            "Former official acquitted in {X}",
        ),
        "lead": (
            "The {L} District Court {DAY} sentenced {N} people to prison terms of up to "
            "{N} years in a {X} that cost victims more than {MONEY}.",
            "Prosecutors in {L} {DAY} appealed a ruling that acquitted a former official in "
            "a {X}, saying the court had ignored key evidence.",
        ),
        "body": (
            "The defendants recruited victims through social media and messaging apps, the "
            "ruling said.",
            "The court ordered the confiscation of NT${BIG} in illegal gains.",
            "The case can be appealed to the High Court within {N} days.",
            "Police seized {N}kg of narcotics hidden in shipping containers at the port.",
            "About {BIG} people had their personal data exposed, investigators said.",
        ),
        "quote": (
            "The sentence sends a clear message that these crimes will not be tolerated",
            "My client has always maintained his innocence, and the court has now agreed",
            "We will study the ruling carefully before deciding our next step",
        ),
        "caption": (
            "Police officers escort a suspect in {L} {DAY}.",
            "A defendant arrives at the {L} District Court.",
        ),
    },
    "sports": {
        "X": ("baseball", "badminton", "weightlifting", "marathon", "table tennis"),
        "prefer": ("Ministry of Education",),
        "head": (
            "Taiwan wins gold in {X} at {WPLACE} games",
            "{X} star returns to {L}",
            "Record field for {L} {X} event",
        ),
        "lead": (
            "Taiwan {DAY} won gold in {X} at the tournament in {WPLACE}, beating the "
            "defending champions in a final that lasted {N} minutes.",
            "More than {BIG} fans greeted the national {X} team at the airport in {L} "
            "{DAY} after its victory in {WPLACE}.",
        ),
        "body": (
            "It was Taiwan’s {N}th medal of the tournament and its first gold in {X} since {YEAR}.",
            "The team will receive a bonus of NT${BIG} from the Sports Administration.",
            "Tickets for the home game in {L} on {DATE} sold out within {N} minutes.",
            "The {X} event attracted {BIG} participants from {N} countries.",
            "The coach said the team had trained for {N} months at altitude.",
        ),
        "quote": (
            "This medal belongs to everyone who stayed up late to watch us play",
            "We knew we could win if we kept our nerve in the last set",
            "I want young players in {L} to see that they can get here too",
        ),
        "caption": (
            "Taiwanese players celebrate after winning the final in {WPLACE} {DAY}.",
            "Fans cheer at the Taipei Dome during a {X} game.",
        ),
    },
}
TOPIC_NAMES = tuple(TOPICS)
for _topic in TOPICS.values():
    _topic.setdefault("orgs", ("agency", "ministry", "council"))
_ORGS_BY_KIND: dict[str, list[tuple[str, str | None, str, str]]] = {}
for _org in ORGS:
    _ORGS_BY_KIND.setdefault(_org[3], []).append(_org)
#: Sentences that fit any topic, so long articles need not repeat their topic's few templates.
GENERIC_BODY = (
    "{Ocap} said it would publish a full report on the {X} by {DATE}.",
    "The issue is expected to be discussed at a meeting of the Executive Yuan on {DATE}.",
    "Local officials in {L} said they had received {N} complaints about the {X} since {DATE}.",
    "The figures were compiled from data collected between {DATE} and {DATE}.",
    "A similar measure was introduced in {WPLACE} in {YEAR}, with mixed results.",
    "Critics said the government had been slow to respond to the {X}.",
    "{Ocap} has set up a task force of {N} officials to handle the matter.",
    "The premier is to visit {L} on {DATE} to inspect the situation.",
    "Opposition lawmakers called for a public hearing on the {X}.",
    "The {X} has drawn attention from media in {WPLACE} and elsewhere in the region.",
    "A spokesperson for the Presidential Office declined to comment on the {X}.",
    "An online petition about the {X} had gathered {BIG} signatures by {TIME} {DAY}.",
)
GENERIC_QUOTE = (
    "We have been preparing for this for months, and we are ready",
    "Nobody in {L} should have to find out about the {X} from social media",
    "The numbers speak for themselves, but we still have a lot of work to do",
    "This is a problem that no single agency can solve on its own",
    "We will publish everything we know as soon as it has been verified",
    "I have spoken to people in {L} every week, and they want answers, not slogans",
    "It is too early to say what the long-term effects will be",
    "Our priority is the safety of the public, and that will not change",
    "If we do nothing now, the cost of the {X} will only grow",
    "We respect the concerns that have been raised, and we will answer each of them",
    "People want to know what happens next, and we owe them a clear timetable",
    "There is no quick fix here, and anyone who promises one is not being honest",
    "We listened to the experts, and we followed their advice at every step",
    "The government has the tools it needs; what it lacks is a sense of urgency",
    "We will not let one bad year undo a decade of progress",
    "This was a difficult decision, but it was the right one for {L}",
    "Our staff worked through the night, and I want to thank every one of them",
    "We welcome scrutiny, because scrutiny makes the policy better",
    "Everyone agrees on the goal; the argument is about how fast we get there",
    "I would not call it a crisis, but it is a warning we should take seriously",
)
#: Clauses that extend a quote, so that no two articles need to share one verbatim.
QUOTE_TAILS = (
    "",
    "",
    "",
    "",
    " — and we will say more next week",
    ", whatever the critics say",
    ", and we will keep the public informed",
    " before the end of the year",
    ", as we have said many times",
    ", and that is not going to change overnight",
    " for the people of {L}",
    ", and I think most people understand that",
)
_LOWER_OK = frozenset(("China", "Taiwan", "Taiwan’s", "Beijing", "Washington", "US", "I"))


def _lower_first(sentence: str) -> str:
    """Lower-case a sentence's first letter for "X said that …", unless it starts a name."""
    first = sentence.split(" ", 1)[0]
    if first in _LOWER_OK or not first[:1].isalpha() or (len(first) > 1 and first.isupper()):
        return sentence
    return sentence[0].lower() + sentence[1:]


class _Picker:
    """Draw an article's sentences without replacement, so that it does not repeat itself."""

    def __init__(self, rng: random.Random, pools: dict[str, tuple[str, ...]]) -> None:
        self.rng = rng
        self.pools = pools
        self.left: dict[str, list[str]] = {}

    def __call__(self, kind: str) -> str:
        left = self.left.get(kind)
        if not left:
            left = list(self.pools[kind])
            self.rng.shuffle(left)
            self.left[kind] = left
        return left.pop()


_SAYS = (
    "said",
    "told reporters",
    "said in a statement",
    "said at a news conference",
    "said when reached for comment",
    "told a legislative session",
)


# --- paragraph builders -----------------------------------------------------------------------


def _quote_paragraph(rng: random.Random, pick: _Picker, who: str) -> str:
    """One quote paragraph as a template: attribution after, before, by pronoun or anonymous."""
    q = pick("quote")
    q2 = pick("quote")
    say = rng.choice(_SAYS)
    form = rng.random()
    if form < 0.30:
        return f"“{q},” {{{who}}} {say}."
    if form < 0.50:
        return f"“{q},” {{{who}he}} said."
    if form < 0.62:
        return f"“{q},” said {{{who}}}."
    if form < 0.72:
        return f"{{{who}}} said: “{q}.”"
    if form < 0.80:
        return f"“{q}. {q2},” {{{who}he}} added."
    if form < 0.87:  # nested single quotes inside a double-quoted quote
        return f"“{q}, and that is what we mean by ‘{pick('X')}’,” {{{who}}} said."
    if form < 0.93:
        return f"“{q},” {{ANON}}."
    then = rng.choice(("review the matter", "report to the legislature", "issue guidelines"))
    return f"{{{who}}} said that {_lower_first(q)}, adding that {{{who}his}} office would {then}."


def _multi_quote(pick: _Picker, who: str) -> list[str]:
    """A quote running over two paragraphs: the first never closes, the second reopens."""
    return [f"“{pick('quote')}. {pick('quote')}.", f"“{pick('quote')},” {{{who}he}} said."]


def _credit(rng: random.Random) -> str:
    form = rng.random()
    if form < 0.6:
        p = _person(rng)
        return f"Photo: {p.full}, {rng.choice(PHOTO_AGENCIES)}"
    if form < 0.85:
        return f"Photo: {rng.choice(PHOTO_AGENCIES)}"
    return "Photo courtesy of {O}"


def _caption(rng: random.Random, t: dict[str, tuple[str, ...]]) -> str:
    return f"{rng.choice(t['caption'])} {_credit(rng)}"


def _byline(rng: random.Random) -> str:
    p = _person(rng)
    return rng.choice(
        (
            f"By {p.full} / Staff reporter",
            f"By {p.full} / Staff writer, with CNA",
            f"By {p.full}",
            "Staff writer, with CNA",
            f"By {p.full} / AFP, {{WPLACE}}",
        )
    )


@dataclass(frozen=True, slots=True)
class Generated:
    """One article as written: its lines and what a splitter should find."""

    lines: tuple[str, ...]
    headline: str | None
    truncated: bool


class _Samples:
    """Paragraphs of samples/*.txt: long lines are excerpts, short runs are full articles."""

    def __init__(self, folder: Path) -> None:
        self.full: list[str] = []
        self.excerpts: list[str] = []
        for path in sorted(folder.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if not line:
                    continue
                if len(line) > 500 and not line.endswith((".", "”", '"', "?", "!")):
                    self.excerpts.append(line)
                else:
                    self.full.append(line)


_DIGITS = re.compile(r"\d+")
#: "Ho Cheng-hui (何澄輝)" or "Francois Wu (吳志中)": a name with its characters.
_NAMED = re.compile(r"\b([A-Z][a-z]+) ([A-Z][a-z]+(?:-[a-z]+)?) \(([\u4e00-\u9fff]+)\)")
_SAMPLE_PLACES = ("Kinmen", "Lienchiang", "Penghu", "Taoyuan", "Osaka", "Kamchatka")


def _vary_numbers(rng: random.Random, text: str) -> str:
    """Change every number in a borrowed paragraph so that recombined articles stay distinct."""

    def vary(m: re.Match[str]) -> str:
        n = int(m.group())
        return str(rng.randint(1, 9) if n < 10 else max(10, n + rng.randint(-5, 9)))

    return _DIGITS.sub(vary, text)


def _recast(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Give borrowed paragraphs new names, places and numbers, consistently across the run."""
    places = {
        p: rng.choice(TW_PLACES)[0].replace(" County", "").replace(" City", "")
        for p in _SAMPLE_PLACES
    }
    surnames: dict[str, str] = {}

    def rename(m: re.Match[str]) -> str:
        person = _person(rng)
        old = m.group(1) if "-" in m.group(2) else m.group(2)
        surnames[old] = person.short
        return f"{person.full} ({person.chars})" if person.chars else person.full

    out = []
    for text in paragraphs:
        text = _NAMED.sub(rename, text)
        for old, new in list(surnames.items()) + list(places.items()):
            text = re.sub(rf"\b{re.escape(old)}\b", new, text)
        out.append(_vary_numbers(rng, text))
    return out


def _excerpt(rng: random.Random, paragraphs: list[str]) -> str:
    """Join an article's paragraphs and cut at ~600-700 characters, mid-sentence, at a space."""
    text = " ".join(paragraphs)
    target = rng.randint(560, 720)
    cut = text.rfind(" ", 0, min(target, len(text) - 1))
    piece = text[:cut] if cut > 200 else text[: max(1, len(text) - 1)]
    # An excerpt stops mid-sentence: back off any word that would end a sentence or a quote.
    while piece and piece[-1] in '.!?”"’:;,':
        back = piece.rfind(" ")
        if back <= 0:
            piece = piece.rstrip('.!?”"’:;,')
            break
        piece = piece[:back]
    return piece


class Generator:
    """Seeded article factory; ``articles(n)`` yields n distinct articles."""

    def __init__(self, seed: int = 1, samples: Path = SAMPLES) -> None:
        self.rng = random.Random(seed)
        self.samples = _Samples(samples)

    def _cast(self, topic: dict[str, tuple[str, ...]]) -> Cast:
        rng = self.rng
        c = Cast(rng)
        prefer = [o for o in ORGS if o[0] in topic.get("prefer", ())]
        if prefer and rng.random() < 0.8:
            name, acronym, short, kind = rng.choice(prefer)
        else:
            name, acronym, short, kind = rng.choice(_ORGS_BY_KIND[rng.choice(topic["orgs"])])
        c.org("O", name, acronym, short)
        c["Oa"] = acronym if acronym else name
        c["L"] = rng.choice(TW_PLACES)[0] if rng.random() < 0.75 else rng.choice(WORLD_PLACES)
        c["X"] = rng.choice(topic["X"])
        p, q = _person(rng), _person(rng)
        c.person("P", p, rng.choice(TITLES[kind]), name)
        o2 = rng.choice(ORGS)
        c.person("Q", q, rng.choice(TITLES[o2[3]]), o2[0])
        return c

    def _body(self, topic: dict[str, tuple[str, ...]], length: int) -> list[str]:
        """Template paragraphs (slots still open), lead first."""
        rng = self.rng
        pools = {
            "body": topic["body"] + GENERIC_BODY[rng.randrange(len(GENERIC_BODY)) :][:4],
            "quote": tuple(
                q + rng.choice(QUOTE_TAILS)
                for q in topic["quote"] + tuple(rng.sample(GENERIC_QUOTE, 8))
            ),
            "X": topic["X"],
        }
        pick = _Picker(rng, pools)
        paras = [rng.choice(topic["lead"])]
        while len(paras) < length:
            r = rng.random()
            who = "P" if rng.random() < 0.7 else "Q"
            if r < 0.38:
                n = rng.choice((1, 1, 2, 2, 3))
                paras.append(" ".join(pick("body") for _ in range(n)))
            elif r < 0.85:
                paras.append(_quote_paragraph(rng, pick, who))
            elif r < 0.93 and len(paras) + 2 <= length:
                paras.extend(_multi_quote(pick, who))
            else:
                said = pick("body")
                paras.append(
                    said if " said" in said else f"{{{who}}} said that {_lower_first(said)}"
                )
        return paras

    def _from_samples(self, excerpt: bool) -> tuple[list[str], bool]:
        """A run of the samples' paragraphs (numbers varied), or one of their excerpts."""
        rng = self.rng
        if excerpt and self.samples.excerpts:
            (line,) = _recast(rng, [rng.choice(self.samples.excerpts)])
            return [_excerpt(rng, [line]) if rng.random() < 0.5 else line], True
        full = self.samples.full
        starts = [i for i, p in enumerate(full[:-3]) if not p.startswith("Photo")] or [0]
        start = rng.choice(starts)
        run = full[start : start + rng.randint(3, 8)]
        return _recast(rng, run), False

    def article(self) -> Generated:
        rng = self.rng
        r = rng.random()
        if r < 0.03 and (self.samples.full or self.samples.excerpts):
            paras, truncated = self._from_samples(excerpt=rng.random() < 0.5)
            # Tie the borrowed run to a fresh cast so the article is unique.
            t = TOPICS[rng.choice(TOPIC_NAMES)]
            c = self._cast(t)
            if not truncated:
                paras.append(f"“{rng.choice(GENERIC_QUOTE)},” {{P}} said.".format_map(c))
            return Generated(tuple(paras), None, truncated)
        t = TOPICS[rng.choice(TOPIC_NAMES)]
        c = self._cast(t)
        if r < 0.45:  # a single-line excerpt of a longer article
            body = [p.format_map(c) for p in self._body(t, 6)]
            return Generated((_excerpt(rng, body),), None, True)
        headline = rng.choice(t["head"]).format_map(c) if r > 0.85 else None
        if headline:
            headline = headline[0].upper() + headline[1:]
        length = rng.choice((3, 4, 5, 6, 7, 8, 9, 10, 12, 14))
        templates = self._body(t, length)
        lines: list[str] = []
        if headline:
            lines.append(headline)
        opener = rng.random()
        if opener < 0.12:
            lines.append(_byline(rng).format_map(c))
        elif opener < 0.2:
            lines.append(_caption(rng, t).format_map(c))
        body = [p.format_map(c) for p in templates]
        if rng.random() < 0.08:  # a dateline before the lead
            place = c["L"].upper().replace(" COUNTY", "")
            body[0] = f"{place}, {_filler(rng, 'DATE')} (CNA) — {body[0]}"
        lines.extend(body[:1])
        rest = body[1:]
        if rest and rng.random() < 0.3:
            at = rng.randint(0, min(2, len(rest)))
            credit = _credit(rng) if rng.random() < 0.6 else _caption(rng, t)
            rest.insert(at, credit.format_map(c))
        lines.extend(rest)
        return Generated(tuple(lines), headline, False)

    def articles(self, n: int) -> Iterator[Generated]:
        seen: set[bytes] = set()
        made = 0
        while made < n:
            art = self.article()
            digest = hashlib.blake2b("\n".join(art.lines).encode(), digest_size=12).digest()
            if digest in seen:
                continue
            seen.add(digest)
            made += 1
            yield art


def write_corpus(n: int, out: Path, seed: int = 1, truth: Path | None = None) -> dict[str, float]:
    """Write n articles to ``out`` (and their line spans to ``truth``); return the figures."""
    t0 = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    line_no = 0
    written = 0
    truth_fh = truth.open("w", encoding="utf-8") if truth is not None else None
    try:
        with out.open("w", encoding="utf-8", newline="\n") as fh:
            buf: list[str] = []
            for art in Generator(seed).articles(n):
                start = line_no + 1
                line_no += len(art.lines)
                buf.extend(art.lines)
                written += 1
                if truth_fh is not None:
                    row = {
                        "start_line": start,
                        "end_line": line_no,
                        "headline": art.headline,
                        "truncated": art.truncated,
                    }
                    truth_fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                if len(buf) >= 4096:
                    fh.write("\n".join(buf) + "\n")
                    buf.clear()
            if buf:
                fh.write("\n".join(buf) + "\n")
    finally:
        if truth_fh is not None:
            truth_fh.close()
    return {
        "articles": written,
        "bytes": out.stat().st_size,
        "lines": line_no,
        "seconds": round(time.perf_counter() - t0, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a realistic plain-text corpus of N articles.")
    ap.add_argument("n", type=int, metavar="N")
    ap.add_argument("out", type=Path, metavar="OUT")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--truth", type=Path, default=None, help="write article spans as JSON Lines")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be >= 0")
    print(json.dumps(write_corpus(args.n, args.out, args.seed, args.truth)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
