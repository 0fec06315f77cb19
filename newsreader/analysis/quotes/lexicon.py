"""Word lists that let attribution tell a title from a name and a person from an organisation.

They describe how English-language news writes about people (titles, role nouns, organisation
heads, place heads, speech verbs), not any particular article's names. All entries are lower case.
"""

from __future__ import annotations


def wordset(text: str) -> frozenset[str]:
    """A word list written as one string, one word per whitespace-separated item."""
    return frozenset(text.split())


# Words that come before a name as part of a title ("Deputy Minister", "Chief Executive").
TITLE_WORDS = wordset(
    """
    minister deputy vice director director-general general chief executive secretary
    secretary-general undersecretary under-secretary spokesman spokeswoman spokesperson chairman
    chairwoman chair chairperson president vice-president premier vice-premier legislator lawmaker
    councilor councillor mayor deputy-mayor commissioner magistrate governor justice judge
    prosecutor prosecutor-general ambassador representative envoy senator congressman
    congresswoman officer commander admiral colonel captain major lieutenant sergeant dr mr mrs ms
    miss mx professor prof manager coach head leader founder ceo cfo coo cto speaker forecaster
    curator chancellor king queen prince princess emperor empress pope bishop archbishop reverend
    rev sir dame lord superintendent inspector attorney attorney-general auditor auditor-general
    administrator candidate nominee whip convener convenor researcher analyst economist associate
    assistant senior junior former acting interim incoming outgoing designate elect caucus
    lieutenant-general major-general brigadier marshal general-secretary deputy-director
    vice-chairman vice-chairwoman vice-minister vice-mayor principal dean rector president-elect
    councilman councilwoman alderman spokesmen spokeswomen officials official adviser advisor aide
    consul counsel sen rep gov lt col gen sgt capt cmdr adm supt atty gens reps sens govs
    """
)

# Heads and parts of organisation names: a capitalised run ending in one of these is not a person.
ORG_WORDS = wordset(
    """
    ministry council office department bureau agency administration commission committee party
    association federation university college institute institution foundation center centre
    centers centres corp corporation co company inc ltd llc plc group holdings bank court yuan army
    navy force forces command police government cabinet legislature parliament assembly congress
    senate diet union society league club network service services authority board trust fund
    organization organisation alliance coalition chamber exchange school academy hospital museum
    library press times news post daily herald journal tribune broadcasting television radio
    airlines airways railway railways rail motors electric electronics semiconductor steel energy
    power industries industry affairs defense defence finance economy trade health welfare labor
    labour education interior environment transportation communications culture agriculture
    statistics security development team studio studios laboratory laboratories technologies
    technology systems solutions partners capital securities insurance pharmaceuticals telecom
    mobile media entertainment foods products industrial national international central federal
    republic commonwealth directorate secretariat presidency embassy consulate mission taskforce
    movement front guard guards coastguard act law bill code treaty convention agreement accord
    protocol initiative program programme project plan report brothers monkeys lions guardians
    dragons hawks fc united
    """
)

# Heads of place names.
PLACE_WORDS = wordset(
    """
    county city district township province prefecture island islands strait straits street road
    avenue boulevard lane station stadium park river mountain mountains mount lake bay sea ocean
    highway expressway freeway hall plaza hotel airport port harbor harbour village town temple
    line tunnel bridge square market mall tower building peninsula coast valley region state
    kingdom farm forest reservoir dam gulf cape canal creek beach shrine palace castle garden
    gardens zone base pier wharf campus arena dome gymnasium
    """
)

# Capitalised words that never belong to a person's name.
NON_NAME_WORDS = wordset(
    """
    the a an in on at for but and however meanwhile separately it he she they we i you this that
    these those his her their its our my your if when while as after before asked under since
    according of with from by to photo photos yesterday today tomorrow tonight monday tuesday
    wednesday thursday friday saturday sunday january february march july september october
    november december also some many most all several both each every no not there here what who
    why how where then thus so although though because despite during until unless whether once
    now earlier later still even only just already again officials police reuters ap afp cna
    kyodo xinhua staff reporter reporters writer
    """
)

# Words that open a subordinate clause: the subject of the sentence comes after that clause.
SUBORDINATORS = wordset(
    "when whenever after before while as if although though because since once until unless"
)

# Adverbs, conjunctions and time words that can stand at the edge of a subject phrase but are
# never a speaker themselves ("Also", "Instead", "Hours later", "famously" is caught by -ly).
JUNK_EDGE_WORDS = wordset(
    """
    also instead meanwhile however but and or so then still yet later earlier now hours days
    weeks months minutes moments thus hence indeed moreover furthermore separately additionally
    finally ultimately nonetheless nevertheless otherwise likewise similarly besides anyway
    again too either neither rather perhaps maybe
    """
)

# Lower-case role nouns that introduce a name ("curator Su Ya-hui", "passenger Chou Ya-ting").
ROLE_WORDS = wordset(
    """
    official spokesman spokeswoman spokesperson minister director manager coach player pitcher
    hitter batter runner starter closer reliever outfielder infielder catcher forecaster analyst
    economist campaigner activist curator passenger resident student teacher schoolteacher
    professor lawyer attorney prosecutor judge justice legislator lawmaker councilor councillor
    candidate chairman chairwoman chair president leader founder owner worker driver doctor nurse
    researcher scientist biologist engineer farmer fisherman guest visitor tourist
    secretary-general secretary commissioner mayor governor ace captain head chief officer
    commander soldier veteran artist writer author poet singer actor actress producer
    photographer reporter journalist editor columnist blogger volunteer organizer organiser
    whip convener convenor independent granddaughter grandson daughter son wife husband mother
    father brother sister grandmother grandfather widow witness survivor victim defendant
    plaintiff suspect colleague friend neighbour neighbor expert adviser advisor aide
    representative envoy ambassador diplomat premier deputy vice-president superintendent
    inspector administrator principal dean historian archaeologist architect designer
    entrepreneur investor banker trader broker consultant strategist scholar lecturer
    psychologist psychiatrist physician surgeon pharmacist dentist veterinarian meteorologist
    seismologist geologist climatologist host co-host anchor moderator interviewer presenter
    correspondent commentator pollster strategist
    """
)

FEMALE_WORDS = wordset(
    """
    spokeswoman chairwoman congresswoman councilwoman businesswoman woman actress mother wife
    daughter granddaughter sister grandmother widow ms mrs miss madam queen princess empress dame
    girl aunt niece lady vice-chairwoman
    """
)
MALE_WORDS = wordset(
    """
    spokesman chairman congressman councilman businessman man actor father husband son grandson
    brother grandfather mr king prince emperor sir lord boy uncle nephew vice-chairman
    """
)

_COMPANY = ("co", "corp", "corporation", "company", "inc", "ltd", "group", "holdings")
# "the ministry" -> the latest organisation whose name has one of these words.
ORG_ANAPHORS: dict[str, tuple[str, ...]] = {
    "ministry": ("ministry",),
    "council": ("council",),
    "court": ("court",),
    "agency": (
        "agency",
        "administration",
        "bureau",
        "service",
        "office",
        "commission",
        "authority",
    ),
    "administration": ("administration",),
    "bureau": ("bureau",),
    "commission": ("commission",),
    "committee": ("committee",),
    "office": ("office",),
    "department": ("department",),
    "company": _COMPANY,
    "firm": _COMPANY,
    "group": ("group", "association", "federation", "alliance", "coalition"),
    "association": ("association",),
    "federation": ("federation",),
    "union": ("union",),
    "party": ("party",),
    "government": ("government",),
    "university": ("university",),
    "institute": ("institute",),
    "foundation": ("foundation",),
    "museum": ("museum",),
    "hospital": ("hospital",),
    "center": ("center", "centre"),
    "centre": ("center", "centre"),
    "command": ("command",),
    "board": ("board",),
    "bank": ("bank",),
    "military": ("army", "command", "force", "forces", "navy"),
    "army": ("army",),
    "navy": ("navy",),
    "cabinet": ("cabinet", "yuan"),
    "legislature": ("legislature", "yuan", "parliament", "assembly"),
    "parliament": ("parliament", "diet", "assembly"),
    "league": ("league",),
    "club": ("club",),
    "society": ("society",),
    "authority": ("authority",),
    "service": ("service",),
    "school": ("school", "college", "academy"),
}

PLURAL_HEADS = wordset("people police media staff personnel crew public officials")

# Speech verbs. Finite forms take a subject; participles inherit the clause's subject.
FINITE_VERBS = wordset(
    """
    said says say told tells wrote writes added adds asked asks stated states explained explains
    noted notes warned warns stressed stresses insisted insists argued argues recalled recalls
    replied replies responded responds continued continues concluded declared declares announced
    announces acknowledged acknowledges admitted admits conceded concedes confirmed confirms
    predicted cautioned complained remarked commented posted tweeted urged urges claimed claims
    suggested suggests vowed pledged promised maintained maintains emphasized emphasised
    accused accuses called calls described describes denied denies agreed observed quipped joked
    shouted yelled cried whispered testified wondered asserted asserts contended contends
    reiterated reiterates lamented recounted praised praises criticized criticised criticizes
    criticises condemned condemns hailed hails reported reports echoed echoes retorted retorts
    exclaimed answered answers countered counters charged boasted boasts bragged mused pleaded
    demanded demands proclaimed proclaims chanted chants snapped scoffed barked fumed marveled
    marvelled conceded predicts predict warn insist say tell add note recall admit explain
    decried decries blasted blasts slammed slams mocked mocks touted touts pressed interjected
    interrupted objected argue insist believe think contend allege suggest thanked thanks
    assured assures concludes
    believes believed thinks alleged alleges expressed expresses dismissed dismisses referred
    refers bemoaned bemoans groused blamed blames derided derides assailed assails ridiculed
    lambasted questioned disputed rejected rejects
    """
)
PARTICIPLES = wordset(
    """
    saying adding noting warning telling writing arguing insisting stressing calling describing
    explaining urging accusing asking claiming recalling vowing pledging emphasizing emphasising
    lamenting reiterating predicting declaring announcing promising suggesting complaining
    acknowledging admitting conceding cautioning proclaiming boasting quipping joking tweeting
    replying responding answering countering continuing concluding observing remarking
    """
)
# Stances: they name what they are about, and the words they quote follow them ("dismissed the
# claim as “absurd”"); a short phrase after their object is usually the object's own name.
STANCE_VERBS = wordset(
    """
    dismissed dismisses referred refers bemoaned bemoans groused blamed blames derided derides
    assailed assails ridiculed lambasted questioned disputed rejected rejects
    """
)
# Verbs that report speech only with their particle ("Lee shot back", "“…,” Lee went on").
PHRASAL_SPEECH_VERBS = {
    "shot": "back",
    "fired": "back",
    "hit": "back",
    "pushed": "back",
    "went": "on",
    "chimed": "in",
}
# Verbs that name rather than report ("what it calls “X”"); they attribute only with an object.
NAMING_VERBS = wordset(
    "called calls call dubbed dubs termed terms named names labelled labeled branded"
)
# Verbs that attribute a quotation they follow ("“…,” he said"); the looser ones only precede.
POST_VERBS = (
    FINITE_VERBS
    - NAMING_VERBS
    - wordset("accused accuses described describes")
    # an evaluation introduces the words it quotes: "praised the film’s “quiet honesty”"
    - wordset("praised praises criticized criticised criticizes criticises condemned condemns")
    - wordset("hailed hails decried decries blasted blasts slammed slams mocked mocks touted touts")
    - STANCE_VERBS
    - wordset("expressed expresses")
)
