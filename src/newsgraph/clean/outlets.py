"""Outlet names from URLs: a known table, a user mapping, else words split out of the domain.

Order of precedence in ``outlet_from_url``: the user's mapping (exact host,
then registrable domain), the built-in table, then the domain stem split into
words ("seouldailyherald" → "Seoul Daily Herald"), then the stem capitalised.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from newsgraph.clean.normalise import wordset
from newsgraph.errors import ConfigError

# Well-known outlets whose names cannot be derived from the domain (acronyms,
# brand spellings, a different language in the domain).
KNOWN_OUTLETS: dict[str, str] = {
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "reuters.com": "Reuters",
    "apnews.com": "Associated Press",
    "ap.org": "Associated Press",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "dw.com": "Deutsche Welle",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "npr.org": "NPR",
    "politico.com": "Politico",
    "politico.eu": "Politico Europe",
    "bloomberg.com": "Bloomberg",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent",
    "thetimes.co.uk": "The Times",
    "dailymail.co.uk": "Daily Mail",
    "france24.com": "France 24",
    "euronews.com": "Euronews",
    "afp.com": "Agence France-Presse",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "voanews.com": "Voice of America",
    "tass.com": "TASS",
    "rt.com": "RT",
    "scmp.com": "South China Morning Post",
    "xinhuanet.com": "Xinhua",
    "news.cn": "Xinhua",
    "globaltimes.cn": "Global Times",
    "yna.co.kr": "Yonhap",
    "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times",
    "koreajoongangdaily.joins.com": "Korea JoongAng Daily",
    "japantimes.co.jp": "The Japan Times",
    "nhk.or.jp": "NHK",
    "aa.com.tr": "Anadolu Agency",
    "dailysabah.com": "Daily Sabah",
    "hurriyetdailynews.com": "Hürriyet Daily News",
    "trtworld.com": "TRT World",
    "spiegel.de": "Der Spiegel",
    "lemonde.fr": "Le Monde",
    "haaretz.com": "Haaretz",
    "timesofisrael.com": "The Times of Israel",
    "thehindu.com": "The Hindu",
    "abc.net.au": "ABC News (Australia)",
    "smh.com.au": "The Sydney Morning Herald",
    "cbc.ca": "CBC News",
    "kyivindependent.com": "The Kyiv Independent",
    "civil.ge": "Civil Georgia",
    "axios.com": "Axios",
    "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times",
    "thehill.com": "The Hill",
    "news.sky.com": "Sky News",
    "sky.com": "Sky News",
}

# Second-level labels under a country code: "bbc.co.uk" is registered under "co.uk".
_SECOND_LEVEL = wordset("co com net org gov go or ne ac edu gen info ltd plc me")

# Words that make up news outlets' names, for splitting "globalwire" into
# "Global Wire". Place names are included because outlets are named after
# places. Kept small on purpose: a big dictionary splits unknown brands into
# nonsense ("stuff" → "st uff"); a failed split falls back to the stem.
NEWS_WORDS = wordset("""
    the a of and new daily weekly evening morning sunday times post herald news review monitor wire
    tribune journal guardian telegraph express star sun observer gazette chronicle independent mirror
    mail standard press world global international national report reporter record register
    dispatch courier bulletin digest today online live network media radio tv television channel
    broadcast agency service wire insider watch eye voice free public people nation state city
    metro local region regional continental harbour harbor meridian times week weekend leader
    inquirer examiner enquirer sentinel beacon globe planet bureau desk current affairs
    business finance financial economic economy politics political policy foreign affairs
    security defense defence diplomat diplomatic eastern western northern southern east west
    north south central middle far near asia asian europe european africa african america
    american pacific atlantic arctic caucasus bosphorus balkan baltic levant gulf arab
    seoul korea korean tokyo japan japanese beijing china chinese taipei taiwan hong kong
    manila jakarta delhi india indian mumbai karachi dhaka kabul tehran iran baghdad
    damascus beirut cairo ankara istanbul turkey turkish anatolia athens rome berlin
    paris london dublin madrid lisbon brussels vienna prague warsaw kyiv kiev moscow
    minsk riga vilnius tallinn helsinki oslo stockholm copenhagen geneva zurich
    tbilisi yerevan baku georgia armenia azerbaijan washington york boston chicago
    angeles francisco texas florida miami atlanta denver seattle toronto ottawa canada
    sydney melbourne australia nairobi lagos johannesburg cape town dubai doha riyadh
    jerusalem israel gaza ukraine russia russian german germany france french britain
    british scotland scottish wales welsh irish ireland mexico brazil buenos aires
    hill island islands valley river bay coast lake mountain port harbour sea ocean
    capital union federal republic democrat free first big little old gold silver red
    blue green black white bright clear true open direct daily signal sentinel pioneer
    frontier compass lens line lines point view views scope focus outlook horizon
    spectator examiner observer correspondent record chronicle age era hour minute
    """)
# Words that are printed in capitals when they appear in a name.
_ACRONYMS = wordset("tv uk us eu un abc nbc cbs bbc cnn npr ap afp rt")
# A stem shorter than this is an acronym ("dw", "ft", "rt"), printed in capitals.
MAX_ACRONYM_LEN = 3


def _host(url: str) -> str | None:
    url = url.strip()
    if not url:
        return None
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.lower().rstrip(".")


def registrable_domain(host: str) -> str:
    """"www.bbc.co.uk" → "bbc.co.uk"; "edition.cnn.com" → "cnn.com"."""
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _stem(host: str) -> str:
    return registrable_domain(host).split(".")[0]


@lru_cache(maxsize=4096)
def split_words(stem: str) -> tuple[str, ...] | None:
    """Split a concatenated lower-case stem into NEWS_WORDS, fewest words first; None if impossible."""
    n = len(stem)
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (word count, previous cut)
    best[0] = (0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - 20), end):
            prev = best[start]
            if prev is None or stem[start:end] not in NEWS_WORDS:
                continue
            cand = (prev[0] + 1, start)
            cur = best[end]
            if cur is None or cand[0] < cur[0]:
                best[end] = cand
    if best[n] is None:
        return None
    words: list[str] = []
    end = n
    while end > 0:
        entry = best[end]
        if entry is None:  # unreachable: every cut on the path was reachable
            return None
        words.append(stem[entry[1] : end])
        end = entry[1]
    return tuple(reversed(words))


def _cap(word: str) -> str:
    return word.upper() if word in _ACRONYMS else word[:1].upper() + word[1:]


def name_from_stem(stem: str) -> str:
    """"themeridian" → "The Meridian"; "korea-herald" → "Korea Herald"; "xyzq" → "Xyzq"."""
    parts = [p for p in re.split(r"[-_]+", stem.lower()) if p]
    if not parts:
        return stem
    if len(parts) == 1 and len(parts[0]) <= MAX_ACRONYM_LEN:
        return parts[0].upper()
    out: list[str] = []
    for part in parts:
        words = split_words(part)
        if words is None:
            out.append(_cap(part))
        else:
            out.extend(_cap(w) for w in words)
    return " ".join(out)


def outlet_from_url(url: str | None, mapping: Mapping[str, str] | None = None) -> str | None:
    """A readable outlet name for ``url``, or None when there is no usable host."""
    if not url:
        return None
    host = _host(url)
    if host is None:
        return None
    domain = registrable_domain(host)
    candidates = [host, host.removeprefix("www."), domain]
    if mapping:
        norm = {_norm_key(k): v for k, v in mapping.items()}
        for c in candidates:
            if c in norm:
                return norm[c]
    for c in candidates:
        if c in KNOWN_OUTLETS:
            return KNOWN_OUTLETS[c]
    return name_from_stem(domain.split(".")[0])


def _norm_key(key: str) -> str:
    host = _host(key) or key.strip().lower()
    return host.removeprefix("www.")


def load_outlet_map(path: str | Path) -> dict[str, str]:
    """Read a user's {domain: outlet name} file (JSON, or YAML for any other suffix)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"outlet map {p}: cannot be read ({e.strerror or e})") from e
    try:
        data = json.loads(raw) if p.suffix.lower() == ".json" else yaml.safe_load(raw)
    except (json.JSONDecodeError, yaml.YAMLError) as e:
        raise ConfigError(f"outlet map {p}: not valid {'JSON' if p.suffix.lower() == '.json' else 'YAML'} ({e})") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"outlet map {p}: expected a mapping of domain to outlet name, got {type(data).__name__}")
    out: dict[str, str] = {}
    for k, v in data.items():
        if not isinstance(k, str) or not isinstance(v, str) or not v.strip():
            raise ConfigError(f"outlet map {p}: entry {k!r}: {v!r} is not a domain and a non-empty name")
        out[_norm_key(k)] = v.strip()
    return out
