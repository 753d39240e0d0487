"""Words: the lists the matcher reads a transfer with, and text folded to plain lower case."""

from __future__ import annotations

import re
import unicodedata


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = {
    **dict.fromkeys(("jan", "januari", "janvier"), 1),
    **dict.fromkeys(("feb", "febr", "februari", "fevrier"), 2),
    **dict.fromkeys(("maa", "mrt", "maart", "mars"), 3),
    **dict.fromkeys(("apr", "april", "avril"), 4),
    **dict.fromkeys(("mei", "mai"), 5),
    **dict.fromkeys(("jun", "juni", "juin"), 6),
    **dict.fromkeys(("jul", "juli", "juillet"), 7),
    **dict.fromkeys(("aug", "augustus", "aout"), 8),
    **dict.fromkeys(("sep", "sept", "september", "septembre"), 9),
    **dict.fromkeys(("okt", "oct", "oktober", "octobre"), 10),
    **dict.fromkeys(("nov", "november", "novembre"), 11),
    **dict.fromkeys(("dec", "december", "decembre"), 12),
}
# Words before a surname that are part of it: "Van den Broeck", "D'Hondt", "Op de Beeck".
PARTICLES = _words(
    "van de der den het ter ten te d t vanden vander vande le la du des di da del della dos das"
    " el von zu op"
)
# Words of a communication that are never names (they would only add noise to the lookup).
STOPWORDS = _words(
    """
    vorming vormingen inschrijving inschrijvingen betaling deelname deelnemer deelnemers training
    cursus opleiding sessie sessies lesdag voor en of met door namens mijn onze collega collegas
    eigen kracht ekc conferentie conferenties euro eur personen persoon plus dhr mevr mevrouw heer
    meneer mr mme mw ref referentie nr betreft inschr betaald betalen saldo rest vzw nv bv bvba
    cvba asbl srl sa dienst team afdeling ocmw caw clb cgg stad gemeente provincie naam plaats
    """
)
# Words a communication about a registration may hold besides names, places and dates.
REGISTRATION_WORDS = (
    STOPWORDS
    | PARTICLES
    | _words(
        """
    inschrijvingsgeld deelnameprijs deelnamekost kostprijs bedrag vormingsdag studiedag dag
    basisvorming workshop infosessie module ingeschreven via aan het een in ek ekc vorm
    inleiding bijscholing ref factuur fact mededeling dank groeten bedankt dankjewel dankuwel
    merci mvg alvast groet groetjes aub svp graag hierbij u je
    """
    )
)
# Words saying a transfer is for something else: never book such a transfer by name.
UNRELATED_WORDS = _words(
    "huur huurwaarborg waarborg gift schenking donatie lidgeld lidmaatschap terugbetaling"
    " terugstorting loon subsidie premie"
)
LEGAL_FORMS = _words("vzw asbl nv sa bv srl bvba sprl cv cvba scrl vof ivzw aisbl")
GENERIC_VENUE_WORDS = _words(
    "zaal zalen centrum huis gebouw lokaal campus vergaderzaal ontmoetingscentrum cultuurcentrum"
    " gemeenschapscentrum vormingscentrum hotel kantoor straat polyvalente"
)
CITY_ALIASES = {
    "brussel": ("bruxelles", "brussels"),
    "antwerpen": ("anvers", "antwerp"),
    "gent": ("gand", "ghent"),
    "leuven": ("louvain",),
    "brugge": ("bruges",),
    "mechelen": ("malines",),
    "kortrijk": ("courtrai",),
    "ieper": ("ypres",),
    "bergen": ("mons",),
    "luik": ("liege",),
}
_FOLD_TABLE = str.maketrans(
    {"ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "\u0131": "i", "đ": "d", "ð": "d"}
)
TOKEN_RE = re.compile(r"[a-z0-9]+")
_WORD_RE = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Céline D'Hondt-Öztürk' -> "celine d'hondt-ozturk"."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD_TABLE))
    return text.encode("ascii", "ignore").decode("ascii")


def as_written(token: str, text: str) -> str:
    """The word of `text` that folds to `token`, as the payer typed it ("Céline" for "celine"),
    or "" when none does (a word the folding split or joined)."""
    for word in _WORD_RE.findall(text):
        if fold(word) == token:
            return word
    return ""


def name_tokens(text: str) -> list[str]:
    """The folded words of a text: 'D'Hondt, Anne-Sophie' -> ['d', 'hondt', 'anne', 'sophie']."""
    return TOKEN_RE.findall(fold(text))
