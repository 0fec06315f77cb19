"""Closed word classes the name rules key on: heads, titles, function words, surnames.

These are cues, not names: an organisation is recognised because its last word is "Council" or
"Corp", a person because a title or a surname stands before a capitalised word, never because the
name itself is listed. Every set is built once at import; lookups are plain set membership.
"""

from __future__ import annotations

from typing import Final


def words_of(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, as a set."""
    return frozenset(text.split())


_words = words_of


#: Capitalised words that open a sentence or a clause and are never part of a name after them.
STOP_START: Final = _words(
    """
    The A An In On At For But And Or Nor As If When While After Before Since Under Among From
    With Without By During Despite Although Though Unlike Like Following According Amid Across
    Outside Inside Near Over Through Throughout Until Also Only Even Both Each Every All Some Many
    Most Several Other Another This That These Those Its It Their His Her Our My Your We They He
    She I You There Here Why What Who Whom Whose How Where Which Not No Yes So Then Now Yet Still
    Already However Meanwhile Separately Previously Instead Asked Speaking Writing Reporting
    Editing Additional Photo Photos Video Source Sources Courtesy File Graphic Illustration Staff
    Update Updated Breaking Note Editor Correction Dear Mr Mrs Ms Miss To Of About Against Around
    Upon Via Per Whether Once Twice Later Earlier Today Yesterday Tomorrow Tonight Last Next
    Please Let Thank Thanks Just Never Always Often Sometimes Perhaps Maybe Indeed Also Such
    Because Unless Whereas Again Elsewhere Overall Together Nearly Almost About Above Below
    Beyond Toward Towards Into Onto Within Besides Except Including Excluding Regarding
    Concerning Considering Given Whatever Whoever Whenever Wherever Those Everyone Everybody
    Nobody Nothing Something Someone Anyone Anything Everything Hey Oh Ah Mostly Partly Largely
    Mainly Chiefly Notably Particularly Especially Recently Currently Initially Finally
    Eventually Ultimately Originally Formerly Officially Reportedly Apparently Obviously Clearly
    Certainly Surely Actually Basically Generally Usually Typically Normally Similarly Likewise
    Conversely Alternatively Otherwise Nonetheless Nevertheless Furthermore Moreover Besides
    Additionally Consequently Therefore Thus Hence Accordingly Interestingly Importantly
    Unfortunately Fortunately Luckily Sadly Ironically Surprisingly Former Late Ex Then
    Many Few More Less Other Others Zero One Two Three Four Five Six Seven Eight Nine Ten
    Eleven Twelve Twenty Thirty Forty Fifty Hundreds Thousands Dozens Millions First Second
    Third Fourth Fifth
    """
)

#: Capitalised common words that, standing alone, are not names even mid-sentence
#: (section labels, bylines, credit lines).
NOT_NAMES_ALONE: Final = _words(
    """
    Enditem Photo Photos Video Source Sources Courtesy File Graphic Illustration Staff Reporter
    Reporters Editor Editing Reporting Writing Additional Update Updated Breaking Note
    Correction Agencies Internet Web Online Mainland Government Ministry Council Party Court
    Agency Bureau Office Department Committee Commission Board University Hospital School City
    County District Province State Island Street Road Station Park Center Centre Hall Museum
    Company Corp Group Police Army Navy Military Parliament Premier President Minister Chairman
    Chairwoman Secretary Director Mayor Governor Legislator Justice Judge Emperor King Queen
    Prince Pope North South East West Northern Southern Eastern Western Central Celsius
    Fahrenheit Richter Internet Christmas Easter Lunar New Year Facebook Instagram Twitter
    YouTube TikTok Line WhatsApp WeChat Weibo Google Apple Microsoft Amazon
    """
) - _words(
    "Facebook Instagram Twitter YouTube TikTok WhatsApp WeChat Weibo Google Apple Microsoft Amazon"
)

#: The head word (last word) of an organisation's name, with the label it gives.
HEADS: Final[dict[str, str]] = {}
for _w in _words(
    """
    Ministry Department Administration Agency Bureau Office Council Commission Committee Board
    Authority Institute Institution Foundation Association Federation Union Society League
    Alliance Coalition Party Front Movement Army Navy Force Forces Command Guard Guards Police
    Court Parliament Assembly Congress Senate Yuan Cabinet Government University College School
    Academy Hospital Museum Library Center Centre Centers Centres Club Team Exchange Fund
    Service Services Directorate Division Unit Secretariat Delegation Mission Embassy Consulate
    Church Organization Organisation Network Broadcasting Television Radio Orchestra Troupe
    Laboratory Laboratories Lab Labs Caucus Legislature Tribunal Co Co. Corp Corp. Corporation
    Company Inc Inc. Ltd Ltd. LLC Plc PLC Group Holdings Bank Securities Electric Electronics Steel
    Airlines Airways Motors Industries Technologies Systems Pharmaceuticals Pharma Energy
    Petroleum Telecom Media Entertainment Studios Capital Partners Investments Insurance
    Financial Shipping Logistics Foods Brewery Mining Chemicals Chemical Semiconductors
    Semiconductor Railway Railways Times Post News Daily Herald Journal Tribune Press Weekly
    Gazette Review Monitor Observer Chronicle Channel Magazine Bancorp Trust Bureau Council
    Cooperative Consortium Syndicate Conference Institute Council Commission Polytechnic
    Seminary Brigade Battalion Regiment Corps Squadron Fleet Coastguard Gendarmerie Ministry
    Prosecutors Prosecutor's Office Agency Administration Commandery Garrison Academia
    Computer Computers Optoelectronics Materials Pharmaceutical Biotech Biotechnology Software
    Robotics Automotive Instruments Devices Networks Microsystems Precision Telecommunications
    Petrochemical Plastics Cement Textiles Machinery Shipbuilding Aerospace Aviation Biosciences
    Therapeutics Semiconductors Microelectronics Display Displays Optical Solar Wireless
    Broadband Cable Enterprises Trading Ventures Properties Realty Construction Engineering
    Motor Tire Tires Appliances Apparel Beverage Beverages Dairy Brewing Distillery Refinery
    House Images
    """
):
    HEADS[_w] = "ORG"
for _w in _words(
    """
    Stadium Arena Airport Station Highway Expressway Freeway Road Street Avenue Boulevard Lane
    Bridge Tunnel Line Hall Plaza Square Building Tower Towers Hotel Dome Harbor Harbour Pier
    Port Farm Plant Base Temple Shrine Palace Memorial Market Mall Terminal Dam Reservoir Gate
    Gardens Garden Cemetery Prison Castle Cathedral Mosque Pagoda Monument Zoo Wharf Canal
    Railroad Interchange Skyway Metro MRT Mansion Residence Villa Theater Theatre Auditorium
    Gymnasium Center Complex Campus Compound Depot Lighthouse Observatory Aquarium
    """
):
    HEADS.setdefault(_w, "FAC")
for _w in _words(
    """
    Strait Straits Sea Ocean River Lake Mountain Mountains Mount Bay Gulf Peninsula Cliff Cliffs
    Valley Park Coast Desert Plateau Basin Island Islands Isle Archipelago Reef Reefs Beach
    Falls Forest Gorge Canyon Trail Plain Plains Delta Lagoon Wetland Wetlands Creek Shoal
    Atoll Cape Ridge Range Glacier Volcano Waterfall Hill Hills Hot Springs Lakes Rivers
    Sound Channel Fault Trench Rift
    """
):
    HEADS.setdefault(_w, "LOC")
for _w in _words(
    "County City District Township Province Prefecture Village Town Borough Municipality"
    " Commonwealth Republic Kingdom Emirate Oblast Region Territory Counties Cities Districts"
):
    HEADS[_w] = "GPE"
for _w in _words(
    """
    Open Games Olympics Paralympics Marathon Series Cup Championship Championships Tournament
    Expo Festival Matsuri Summit Forum Fair Awards Award Prize Classic Grand Prix Derby Rally
    Biennale Biennial Week Carnival Parade Race Tour Contest Exhibition Show Dialogue
    """
):
    HEADS[_w] = "EVENT"
for _w in _words("Act Law Bill Code Treaty Accord Accords Convention Charter Ordinance Amendment"):
    HEADS[_w] = "LAW"
HEADS["Center"] = "ORG"
HEADS["Channel"] = "LOC"

#: Heads that open a name with "of"/"for" after them ("Ministry of ...", "Gulf of ...").
HEAD_FIRST: Final[dict[str, str]] = {
    **{
        w: "ORG"
        for w in _words(
            """
            Ministry Department Office Bureau Council Commission Committee Board Bank House
            Institute University College School Academy Agency Court League Federation
            Association Union Society Organization Organisation Administration Party Center
            Centre Centers Centres Directorate Museum Chamber Church Council Federation Order
            Confederation Foundation Fund Coalition Alliance Friends Daughters Sons Knights
            Division Bureau Secretariat Government Legislature Parliament Assembly Congress
            Senate Cabinet Conference Command Corps Army Navy Embassy Consulate Mission Academia
            """
        )
    },
    **{w: "LOC" for w in _words("Gulf Sea Bay Strait Straits Cape Lake Mount Isle Sea Sound")},
    **{
        w: "GPE" for w in _words("Republic Kingdom State States Emirate Principality City Province")
    },
    **{w: "FAC" for w in _words("Port Palace Bridge Temple Tomb Hall")},
    **{w: "EVENT" for w in _words("Battle War Siege Festival Summit Treaty")},
}

#: Words that open an organisation's name without being its head ("World Athletics").
ORG_OPENERS: Final = _words(
    "World International Global Federal Royal United Asian European Pan-American Transatlantic"
    " Academia"
)

#: Words that name an event when they stand before a name ("Typhoon Kujira").
EVENT_PREFIXES: Final = _words("Typhoon Hurricane Cyclone Storm Tropical Super Operation")

#: Nicknames sports teams take: a capitalised plural at the end makes the phrase a team.
MASCOTS: Final = _words(
    """
    Lions Tigers Bears Eagles Hawks Falcons Dragons Guardians Monkeys Brothers Giants Warriors
    Kings Knights Pirates Sharks Whales Dolphins Bulls Rams Wolves Panthers Jaguars Cougars
    Leopards Elephants Buffaloes Marlins Mariners Rangers Royals Cardinals Orioles Yankees
    Mets Dodgers Angels Padres Rockies Twins Braves Reds Cubs Astros Athletics Nationals
    Phillies Brewers Rays Tigers Swallows Carp Buffaloes Fighters Hornets Heat Suns Lakers
    Celtics Nets Knicks Raptors Bucks Spurs Rockets Clippers Pistons Pacers Magic Thunder Jazz
    Blazers Kings Grizzlies Pelicans Hornets Wizards Cavaliers Steelers Patriots Cowboys
    Packers Ravens Chiefs Seahawks Titans Colts Broncos Chargers Raiders Saints Vikings Bengals
    Browns Texans Jets Lions Giants Commanders Cardinals Falcons Buccaneers Dreamers Kings
    Archangels Pilots Braves Bobcats Unicorns Sea Gulls Seagulls Typhoons Steelers Tornadoes
    Tigers Marines Sailors Storm Stars Wings Dragons Lancers Spartans Trojans Wildcats Hurricanes
    """
)

#: The core word of a title that stands before a name ("Deputy Minister Chiu Wen-hsiang").
TITLE_CORE: Final = _words(
    """
    Minister Secretary Secretary-General Director Director-General Chairman Chairwoman
    Chairperson Chair President Vice-President Premier Vice-Premier Mayor Governor Commissioner
    Legislator Councilor Councillor Senator Ambassador Envoy Justice Judge Prosecutor Spokesman
    Spokeswoman Spokesperson Executive Officer Manager Coach Captain General Admiral Colonel
    Lieutenant Commander Sergeant Professor Prof Prof. Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Miss Sir
    Dame Lord Lady King Queen Prince Princess Pope Bishop Archbishop Reverend Rev. Chancellor
    Speaker Magistrate Superintendent Editor Forecaster Representative Rep. Sen. Gov. Gen. Lt.
    Col. Capt. Sgt. Adm. Cmdr. Dean Principal Head Leader Chief President-elect Premier-designate
    Mayor-elect Lawmaker Councilwoman Councilman Delegate Attorney Auditor Inspector Consul
    Counselor Counsellor Adviser Advisor Commander-in-Chief Marshal Brigadier Major Treasurer
    Registrar Convener Founder Co-founder CEO CFO COO CTO Chairman-elect Vice-Chairman
    Vice-Chairwoman Deputy-Secretary-General Mayor Magistrate Legislator-at-large Cardinal
    """
)
#: Words that may stand before a title core as part of the title ("Chief Cabinet Secretary").
TITLE_MODIFIERS: Final = _words(
    """
    Deputy Vice Chief Acting Former Prime Senior Assistant Associate Interim Cabinet Foreign
    Defense Defence Finance Economic Economy Interior Justice Health Education Labor Labour
    Transport Transportation Environment Culture Digital Agriculture Trade Home Executive
    General Attorney Surgeon Managing Commanding Permanent Principal Special Honorary First
    Second Lead Head Supreme Grand Presiding Executive Majority Minority Party Caucus Legal
    Technical Research Chief Finance Science Technology Sports Tourism Energy Security Sales
    Marketing Operations Political Military Naval Police Fire Security Emergency Public
    Presidential Premier's Top Veteran Retired Ex
    """
)

#: Lower-case words that, right before a capitalised name, say it is a person.
PERSON_ROLES: Final = _words(
    """
    minister secretary director chairman chairwoman chairperson chair president premier mayor
    governor commissioner legislator councilor councillor senator ambassador envoy justice judge
    prosecutor spokesman spokeswoman spokesperson executive officer manager coach captain general
    professor dr mr mrs ms sir king queen prince princess pope chancellor speaker magistrate
    editor forecaster representative dean principal head leader chief lawmaker delegate attorney
    lawyer adviser advisor analyst economist researcher scientist expert official officer
    candidate independent hitter pitcher runner starter closer ace catcher infielder outfielder
    shortstop reliever batter slugger striker midfielder defender goalkeeper player athlete
    champion swimmer skater golfer boxer wrestler cyclist rider driver jockey sprinter
    teammate rival opponent manager curator painter artist author writer poet novelist singer
    actor actress director producer composer musician photographer journalist reporter
    correspondent columnist anchor host presenter commentator blogger designer architect
    engineer technician teacher student pupil doctor physician surgeon nurse patient
    passenger resident villager farmer fisherman worker employee founder owner chef
    businessman businesswoman entrepreneur investor banker trader broker tycoon billionaire
    millionaire activist campaigner volunteer organizer organiser protester dissident
    lawyer attorney defendant plaintiff suspect victim witness survivor son daughter wife
    husband mother father brother sister grandson granddaughter grandfather grandmother uncle
    aunt nephew niece cousin widow widower fiancee fiance partner girlfriend boyfriend friend
    colleague schoolteacher pastor priest monk nun bishop rabbi imam cardinal general colonel
    major lieutenant sergeant soldier pilot sailor marine admiral commander agent spy
    secretary-general director-general vice-president whip convener councilwoman councilman
    legislator-at-large nominee appointee incumbent challenger contender winner loser
    finisher medalist medallist coach skipper jockey referee umpire
    surnamed named dubbed alias
    guard forward centre center winger wing prop hooker lock flanker fullback full-back
    fly-half scrum-half half-back halfback quarterback linebacker receiver tailback opener
    batsman batter bowler wicketkeeper keeper all-rounder spinner paceman seamer trainer rookie
    veteran compatriot countryman countrywoman newcomer substitute debutant playmaker sweeper
    stopper libero left-back right-back centre-back center-back
    """
)

#: Common Chinese (Wade-Giles and pinyin), Korean and Vietnamese surnames, in romanised forms.
SURNAMES: Final = _words(
    """
    Chen Chan Chin Lin Lim Lam Huang Hwang Wong Chang Zhang Cheung Li Lee Wang Wu Ng Liu Lau Tsai
    Cai Choi Yang Yeung Hsu Xu Tsui Cheng Zheng Hsieh Xie Tse Lai Kuo Guo Kwok Hung Hong Tseng
    Zeng Tsang Chiu Qiu Yau Liao Lu Lo Luo Law Chou Zhou Chow Yeh Ye Yip Su Chuang Zhuang Lyu
    Chiang Jiang Ho He Kao Gao Ko Ke Kuan Guan Wei Chu Zhu Fan Fang Feng Fu Hu Sun Ma Shen Shih
    Shi Sung Song Tang Teng Deng Tu Du Tung Dong Tsao Cao Tsou Zou Tai Dai Pan Peng Pai Bai Pei
    Yu Yuan Yen Yan Yao Yin Weng Wen Chung Zhong Chao Zhao Chien Qian Qin Hsiao Xiao Hsueh Xue
    Hsiung Xiong Jen Ren Jou Lan Lei Liang Lien Lian Lung Mao Mei Meng Mo Niu Ou Ouyang Pu Shao
    Shu Tan Tian Tien Wan Yi Yung Kang Kim Park Jung Jeong Cho Yoon Jang Han Oh Seo Shin Kwon
    Ahn Yoo Jeon Moon Son Bae Baek Heo Nam Sim Noh Ha Kwak Cha Joo Woo Ryu Nguyen Tran Le Pham
    Hoang Phan Vu Dang Bui Ngo Duong Ly Tsai Chai Chiou Hsia Hsiang Hsin Chuo Kung Gong Kuei
    Kwan Lao Leung Mak Poon Pun Siu Soo Tam Tong Tsoi Wai Yiu Yuen Sze Fok Fung Ku Gu Hou Hao
    Jiao Kong Lei Lou Lung Ni Ning Pao Bao Shang Shum Tao Tsen Wen Xia Xing Xiong Yue Zang Zha
    Zhan Zhuo Jin Chin Wei Hsu Cheung Koo Hahn Paik Suh Yun Rhee Roh Chun Chae Kil Min Pyo
    """
)

#: Wire services and broadcasters whose names are ordinary-looking words or acronyms.
NEWS_AGENCIES: Final = _words(
    """
    Reuters AP AFP CNA Kyodo Xinhua Bloomberg Yonhap Bernama Antara Jiji NHK BBC CNN Dow Jones
    Nikkei Focus Taiwan Interfax TASS DPA ANSA EFE PTI ANI Sputnik Agence Kyodo KUNA WAM SPA
    IRNA QNA MENA BNA ONA Anadolu Tanjug Ukrinform BelTA PAP CTK MTI ANP Belga Lusa AAP UPI VNA
    KCNA PNA Antara RTRS
    """
) - _words("Focus Taiwan Dow Jones Agence")

#: Capitalised words that name an institution on their own.
SINGLE_ORGS: Final = _words(
    """
    Cabinet Diet Congress Parliament Senate Legislature Kremlin Pentagon Interpol Europol Knesset
    Duma Bundestag Politburo Vatican Greenpeace Amnesty Hamas Hezbollah Taliban Kuomintang
    Interpol Frontex Eurostat Eurozone Fed Treasury
    """
)
SINGLE_LAWS: Final = _words("Constitution")

#: Upper-case words that look like acronyms but are not organisations.
ACRONYM_STOP: Final = _words(
    """
    AI ID IDs TV CEO CFO COO CTO GDP COVID DNA HIV AIDS LED LCD IT PC PCs IPO VIP OK AM PM NT
    ICU ER RMB USD NTD NT CO2 ESG SMS URL PDF FAQ ATM ATMs LNG EV EVs CPU GPU GPUs SUV SUVs PhD
    MP MPs MRI CT RNA PCR SARS MERS PM2.5 UV LGBT LGBTQ DIY GPS WiFi Wi-Fi HD IQ RSVP ASAP FYI
    TBA TBD USB APP APPS II III IV VI VII VIII IX XI XII QR NFT NFTs ETF ETFs CPI PMI RFID
    OEM ODM IC ICs SoC EUV DRAM NAND AGM EGM BCE CE BC AD ADIZ R&D M&A Q&A A.D. B.C. B.C.E.
    C.E. GMT UTC EST EDT PST PDT CET BST Jr. Sr. JR SR N/A PHOTO PHOTOS VIDEO FILE
    """
)
#: Upper-case abbreviations of countries and territories.
ACRONYM_PLACES: Final = _words("US U.S. UK U.K. USA U.S.A. UAE PRC ROC DPRK HK ROK")

#: Lower-case nouns after a capitalised word that make it a place ("Iwate prefecture").
PLACE_NOUNS_AFTER: Final = _words(
    """
    prefecture prefectures county counties city cities province provinces island islands region
    regions district districts state township townships village villages town towns borough
    municipality peninsula coast river mountains mountain strait bay lake harbor harbour port
    area areas suburb suburbs archipelago
    """
)
#: Lower-case nouns before "of X" that make X a place ("the island of Kyushu").
PLACE_NOUNS_OF: Final = _words(
    """
    island city port town village province prefecture county state region capital district
    coast islands suburbs outskirts north south east west center centre heart streets
    """
)
#: Prepositions after which an unknown capitalised word is most often a place.
PLACE_PREPOSITIONS: Final = _words("in near across outside throughout")

#: Lower-case words after a capitalised word that make it an organisation ("Greenpeace said").
ORG_NOUNS_AFTER: Final = _words(
    """
    spokesman spokeswoman spokesperson officials official executives executive chairman
    chairwoman president campaigner campaigners researchers analysts data statement shares
    stock staff employees subsidiary unit headquarters board management
    """
)

#: Words which, after "in"/"into"/"speak", make a nationality word a language.
LANGUAGE_CUES_AFTER: Final = _words(
    "interpreter interpreters translation translations translator subtitles speakers language"
    " speaking versions version dub"
)
