"""A labelled set of bank transfers against registrations, for measuring the matcher.

`build(seed)` makes 5,000 registrations (Flemish names with accents, particles, double surnames
and names of other origins: a quarter from common surnames drawn with a realistic skew, the rest
from a long tail, so that namesakes occur about as often as in Flanders), plus a few hundred
deliberate near-namesakes and people who registered again after an expired registration, over 80
trainings; and about 2,600 incoming transfers of the kinds the office sees (see `plan` in
`build_transfers`), each labelled with the registration(s) it is truly for (or none), whether a
correct automatic booking exists (`bookable`: the amount is exactly what is open) and whether what
the transfer says tells its registration apart from every namesake (`identifiable`: no other
registration with the same or a one-letter-off name, or the city/date written differs). The labels
come from the generator's own knowledge of what it wrote, not from the matcher.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from stdnum.be import ogm_vcs

from eigenkracht.payments.matching import Candidate
from eigenkracht.payments.statements.base import Transaction


def _split(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = [
    "Jan",
    "Marie",
    "Els",
    "An",
    "Ann",
    "Anne",
    "Sofie",
    "Sarah",
    "Lies",
    "Lien",
    "Katrien",
    "Kristof",
    "Tom",
    "Bart",
    "Peter",
    "Pieter",
    "Wim",
    "Koen",
    "Dirk",
    "Geert",
    "Luc",
    "Marc",
    "Hilde",
    "Inge",
    "Veerle",
    "Greet",
    "Griet",
    "Nele",
    "Eline",
    "Elke",
    "Evelien",
    "Annelies",
    "Anneleen",
    "Liesbeth",
    "Karen",
    "Kathleen",
    "Nathalie",
    "Sandra",
    "Ilse",
    "Leen",
    "Tine",
    "Tineke",
    "Joke",
    "Joris",
    "Jeroen",
    "Stijn",
    "Steven",
    "Stefaan",
    "Frederik",
    "Filip",
    "Pieter-Jan",
    "Jean-Pierre",
    "Anne-Sophie",
    "Marie-Louise",
    "Jo",
    "Ine",
    "Lore",
    "Lotte",
    "Laura",
    "Julie",
    "Charlotte",
    "Hanne",
    "Jolien",
    "Femke",
    "Fien",
    "Noor",
    "Emma",
    "Louise",
    "Lisa",
    "Sara",
    "Yasmine",
    "Fatima",
    "Mohamed",
    "Ahmed",
    "Youssef",
    "Khadija",
    "Samira",
    "Nadia",
    "Hamza",
    "Bilal",
    "Ayşe",
    "Zeynep",
    "Emre",
    "Mustafa",
    "Merve",
    "Céline",
    "Chloë",
    "Zoë",
    "Noël",
    "Anaïs",
    "Inès",
    "Renée",
    "André",
    "Jérôme",
    "Hélène",
    "Aurélie",
    "Frédéric",
    "Raphaël",
    "Gaëlle",
    "Joëlle",
    "Michaël",
    "Daniëlle",
    "Thijs",
    "Sven",
    "Jens",
    "Wout",
    "Arne",
    "Bram",
    "Ruben",
    "Simon",
    "Thomas",
    "Nicolas",
    "Maarten",
    "Maxime",
    "Dries",
    "Seppe",
    "Robbe",
    "Gert",
    "Hans",
    "Erik",
    "Patrick",
    "Rudi",
    "Guy",
    "Chris",
    "Kris",
    "Christine",
    "Christel",
    "Martine",
    "Mieke",
    "Rita",
    "Monique",
    "Brigitte",
    "Isabelle",
    "Véronique",
    "Caroline",
    "Valérie",
    "Ellen",
    "Marijke",
    "Wendy",
    "Sabine",
    "Heidi",
    "Kim",
    "Tim",
    "Jonas",
    "Lukas",
    "Agnieszka",
    "Piotr",
    "Katarzyna",
    "Dragana",
    "Ioana",
    "Mihai",
    "Sinead",
    "Kaat",
    "Jasper",
    "Lander",
    "Hannelore",
    "Margot",
    "Ann-Sofie",
    "Eva",
    "Britt",
]

SURNAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De_Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martens",
    "Hermans",
    "Vermeulen",
    "Pauwels",
    "Van_Damme",
    "Michiels",
    "Desmet",
    "De_Clercq",
    "Van_den_Broeck",
    "D'Hondt",
    "Van_de_Velde",
    "Vandenberghe",
    "De_Wilde",
    "Verhoeven",
    "Coppens",
    "Aerts",
    "Stevens",
    "Leroy",
    "Segers",
    "Smets",
    "Hendrickx",
    "Verstraeten",
    "Van_Dyck",
    "Cools",
    "De_Backer",
    "Lemmens",
    "Verbruggen",
    "Claeys",
    "Baert",
    "Vermeersch",
    "De_Vos",
    "Geerts",
    "Bogaerts",
    "Van_Hecke",
    "De_Meyer",
    "Van_Acker",
    "De_Cock",
    "Dewulf",
    "Mahieu",
    "Vandamme",
    "Verschueren",
    "Huybrechts",
    "Van_Hoof",
    "Thys",
    "Declercq",
    "Van_Looy",
    "Moens",
    "Wuyts",
    "Van_Goethem",
    "Verlinden",
    "Op_de_Beeck",
    "Van_der_Linden",
    "De_Ridder",
    "Timmermans",
    "Vanhove",
    "Vandewalle",
    "Ceulemans",
    "Vervoort",
    "Van_Laere",
    "De_Coninck",
    "Dierickx",
    "Van_Roy",
    "Lenaerts",
    "Sels",
    "Nys",
    "Deprez",
    "Goethals",
    "Meeus",
    "Van_Camp",
    "Daems",
    "Bosmans",
    "Roels",
    "Verbeke",
    "Callens",
    "De_Bruyne",
    "Vercammen",
    "Vanneste",
    "Dhondt",
    "El_Amrani",
    "Benali",
    "El_Idrissi",
    "Bouzid",
    "Yilmaz",
    "Öztürk",
    "Demir",
    "Şahin",
    "Kaya",
    "Çelik",
    "Kowalski",
    "Nowak",
    "Van_Rossem",
    "Saelens",
    "Geldhof",
    "Ghijs",
    "Ooms",
    "Van_Puyvelde",
    "Vanheusden",
    "Schepens",
    "Uyttendaele",
    "Haesaerts",
    "De_Paepe",
    "Van_Nieuwenhuyse",
    "Bauwens",
    "Verhaegen",
    "Heylen",
    "Vanderstraeten",
    "Wellens",
    "Van_Gent",
    "T'Jampens",
    "Vanden_Bossche",
    "Lefèvre",
    "Noël",
    "Vandevelde",
    "Cornelis",
    "Bertels",
    "Hoste",
    "Buyse",
    "Dockx",
    "Engelen",
    "Gijbels",
    "Hellemans",
    "Joossens",
    "Knops",
    "Luyten",
    "Mommaerts",
    "Neyens",
    "Pinte",
    "Raes",
    "Rutten",
    "Swinnen",
    "Tielemans",
    "Van_Aken",
    "Vinck",
    "Wijns",
    "Zeghers",
    "Boonen",
    "Coene",
    "Crombez",
    "Delanghe",
    "Everaert",
    "Foubert",
]

# The long tail: most Flemish surnames are rare. Built from the usual patterns (Van/Vanden/De/
# Ver- with a place or trade, patronymics, and sound-alike compounds), a few thousand in all.
_PLACE_ROOTS = _split(
    """
Acker Hecke Damme Hove Walle Poucke Steen Kerckhove Hoorebeke Laere Loo Mol Hulle Wynsberghe
Cauwenberghe Renterghem Eeckhout Houtte Daele Ryckeghem Nieuwenhove Overstraeten Reeth Tricht
Gorp Roey Ginderachter Branteghem Overmeire Bogaert Putte Eynde Heuvel Abeele Bulcke Wyngaert
Bempt Driessche Berghe Bossche Broeck Velde Linden Meersch Biesen Dijck Vlaenderen Hoecke
"""
)
_TRADES = _split(
    """
Smet Backer Cock Wever Vos Wolf Bruyne Witte Grave Keyser Meyer Mulder Schepper Schrijver Roo
Pauw Baets Buck Clerck Coster Groote Jonghe Kock Laet Maeyer Muynck Naeyer Poorter Rycke
Schryver Sutter Vleeschauwer Wachter Zutter Beule Bock Brabander Decker Gussem Keukeleire
"""
)
_PATRONYMS = (
    "Jan Pieter Gijs Hendri Lauwer Mert Wout Goos Joos Gille Baet Geer Lamber Michiel Thijs"
)
_VER = _split(
    """
haeghe beke straete meire schueren cruysse hulst linde vaet helst bist meulen eecken steele
"""
)
_ONSETS = _split(
    """
Bau Ca Cal Co De Dier Ge Goe Hae He Hey Ke La Le Ma Me Moe Na Ne Pa Pe Ra Re Ro Sa Se Ta Te
Va Ve Wa We Boe Bra Cla Dri Fla Gri Kle Plu Spi Stro Tri Vlie
"""
)
_MIDDLES = _split("ls ll rt ck s n m r nd lle be ve ge de ke")
_ENDINGS = _split(
    """
aert eels ens ers ghe ghem broeck waert rick man mans kens ckx ssens hout eke ynck ieren
"""
)


def _long_tail() -> list[str]:
    names = {f"Van {r}" for r in _PLACE_ROOTS[:30]}
    names |= {f"Van den {r}" for r in _PLACE_ROOTS[25:]}
    names |= {f"Vanden{r.lower()}" for r in _PLACE_ROOTS[28:]}
    names |= {f"Van de {r}" for r in _PLACE_ROOTS[10:40]}
    names |= {f"De {t}" for t in _TRADES}
    names |= {f"De{t.lower()}" for t in _TRADES[::3]}
    names |= {f"{p}{end}" for p in _PATRONYMS.split() for end in ("s", "sen", "ens", "x", "kens")}
    names |= {f"Ver{v}" for v in _VER}
    names |= {f"{o}{m}{e}" for o in _ONSETS for m in _MIDDLES for e in _ENDINGS}
    return sorted(names)


LONG_TAIL = _long_tail()

ORGANISATIONS = """
CAW Oost-Vlaanderen|OCMW Gent|OCMW Antwerpen|CLB GO! Leuven|Vrij CLB Brugge|Kind en Gezin|
Agentschap Opgroeien|Pleegzorg Vlaanderen|Jongerenwelzijn|CGG Eclips|Kompas|Tonuso|Ter Bank|
Huize Sint-Vincentius|De Touter|Oranjehuis|Mentes|De Vierklaver|CAW Antwerpen|CAW Limburg|
Sociaal Huis Kortrijk|OCMW Hasselt|Stad Mechelen|Het Open Poortje|Jeugdhulp Het Anker|
Wingerd|Cidar|Lejo|Groep INTRO|Vzw Oikonde|Pigment|Elegast|Sint-Lodewijk|Wonen en Werken|
Centrum Algemeen Welzijnswerk Brugge|Zorgbedrijf Antwerpen|Huis van het Kind Aalst|De Okkernoot|
Thuisbegeleidingsdienst Kind & Gezin|Emmaüs|Kind in Nood|De Lotus|Opvoedingswinkel Gent
""".replace("\n", "").split("|")

PLACES = [
    ("Gent", "De Centrale"),
    ("Gent", "Campus Schoonmeersen"),
    ("Antwerpen", "De Zeppos"),
    ("Antwerpen", "Ontmoetingscentrum De Kaai"),
    ("Leuven", "Vormingscentrum De Valk"),
    ("Brugge", "Het Entrepot"),
    ("Hasselt", "Cultuurcentrum Hasselt"),
    ("Mechelen", "Lamot"),
    ("Kortrijk", "Budascoop"),
    ("Sint-Niklaas", "Zwijgershoek"),
    ("Aalst", "De Werf"),
    ("Genk", "C-mine"),
    ("Roeselare", "De Spil"),
    ("Turnhout", "De Warande"),
    ("Brussel", "Pianofabriek"),
    ("Oostende", "De Grote Post"),
    ("Dendermonde", "Zaal Sint-Gillis"),
    ("Geel", "De Werft"),
    ("Lier", "Cultuurcentrum Lier"),
    ("Ieper", "Het Perron"),
]
TITLES = [
    "Inleiding Eigen Kracht-conferenties",
    "Een Eigen Kracht-conferentie voorstellen aan families",
    "Verdiepingsdag netwerkversterking",
    "Eigen Kracht in de jeugdhulp",
    "Intervisie voor verwijzers",
    "Werken met grenzen en zorgen",
]
MONTHS_NL = (
    "januari februari maart april mei juni juli augustus september oktober november december"
)
MONTHS = MONTHS_NL.split()
UNRELATED = [
    ("Immo Vandenbussche BV", "huur vergaderzaal {m}", (-1,)),
    ("Proximus NV", "terugbetaling factuur {n}", (1245, 3990, 2000)),
    ("Stad Gent", "subsidie werking {y}", (250000, 120000)),
    ("Fluvius", "terugbetaling voorschot", (8350, 2000)),
    ("Vlaamse Overheid", "subsidie {y} dossier {n}", (1500000,)),
    ("Bpost", "terugbetaling", (675,)),
    ("Koning Boudewijnstichting", "gift via KBS {n}", (5000, 10000)),
    ("", "gift", (2000, 2500, 5000, 1000)),
    ("", "lidgeld {y}", (2000, 1500)),
    ("", "terugstorting teveel betaald", (2000, 4000)),
    ("", "schenking eigen kracht", (2000, 10000)),
    ("Ethias", "schadevergoeding dossier {n}", (48000,)),
    ("", "huurwaarborg zaal", (20000,)),
    # Private people (often registered themselves, with 20 euro still open) paying for
    # something else, in words the matcher has no list for.
    ("", "bestelling boek {n}", (2000, 2500)),
    ("", "steun werking", (2000, 5000)),
    ("", "bijdrage koffiekas {m}", (2000,)),
    ("", "kaarten benefiet {m}", (2000, 4000)),
    ("", "voorschot weekend", (2000,)),
    ("", "bedankt voor de hulp", (2000,)),
]
# What people add to a communication without meaning anything for the matching.
FILLERS = ["bedankt", "mvg", "alvast bedankt", "groeten", "zie mail", "ref {n}", "dank u"]


@dataclass
class Person:
    first: str
    last: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Training:
    title: str
    city: str
    venue: str
    dates: tuple[dt.date, ...]


@dataclass
class Reg:
    id: int
    code: str
    ogm: str
    status: str
    due: int
    paid: int
    registrant: Person
    participants: list[Person]
    organisation: str
    training: Training


@dataclass
class Labelled:
    transaction: Transaction
    kind: str
    targets: tuple[int, ...]  # the registration(s) it is truly for; () when not for one
    bookable: bool  # a correct automatic booking exists (the amount is exactly what is open)
    identifiable: bool  # what the transfer says tells the target apart from namesakes
    note: str = ""


@dataclass
class LabelledSet:
    candidates: list[Candidate]
    transfers: list[Labelled] = field(default_factory=list)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().replace("\u0131", "i"))
    return "".join(ch for ch in text.encode("ascii", "ignore").decode() if ch.isalnum())


def _skewed(rng: random.Random, items: list[str], power: float = 0.9) -> str:
    weights = [1 / (rank + 1) ** power for rank in range(len(items))]
    return rng.choices(items, weights)[0]


class _Generator:
    def __init__(self, seed: int, registrations: int, transfers: int) -> None:
        self.rng = random.Random(seed)
        self.n_registrations = registrations
        self.n_transfers = transfers
        self.regs: list[Reg] = []
        self.used: set[int] = set()
        self.codes: set[str] = set()
        self.ogms: set[str] = set()
        self.bank_seq = 0

    # People and registrations ------------------------------------------------------------

    def person(self) -> Person:
        """Common surnames (Peeters, Janssens, ...) for a quarter of the people, skewed the
        way Flemish surname counts are; the rest from the long tail; a few double surnames."""
        rng = self.rng
        first = _skewed(rng, FIRST_NAMES, 0.3)
        roll = rng.random()
        if roll < 0.04:
            a, b = rng.sample(SURNAMES[:60], 2)
            last = f"{a.replace('_', ' ')}-{b.replace('_', ' ')}"
        elif roll < 0.29:
            last = _skewed(rng, SURNAMES, 0.7).replace("_", " ")
        else:
            last = rng.choice(LONG_TAIL)
        return Person(first, last)

    def _code(self) -> str:
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        while True:
            code = "EK" + "".join(self.rng.choice(alphabet) for _ in range(6))
            if code not in self.codes:
                self.codes.add(code)
                return code

    def _ogm(self) -> str:
        while True:
            base = f"{self.rng.randrange(10**10):010d}"
            value = base + ogm_vcs.calc_check_digits(base)
            if value not in self.ogms:
                self.ogms.add(value)
                return value

    def build_registrations(self) -> None:
        rng = self.rng
        start = dt.date(2025, 9, 1)
        trainings = []
        for i in range(80):
            city, venue = rng.choice(PLACES)
            first = start + dt.timedelta(days=rng.randrange(300))
            dates = tuple(first + dt.timedelta(days=7 * k) for k in range(rng.choice((1, 1, 2, 3))))
            trainings.append(Training(TITLES[i % len(TITLES)], city, venue, dates))
        self.trainings = trainings
        statuses = ["pending"] * 72 + ["confirmed"] * 15 + ["waiting"] * 5 + ["cancelled"] * 4
        statuses += ["expired"] * 4
        while len(self.regs) < self.n_registrations:
            training = rng.choice(trainings)
            organisation = _skewed(rng, ORGANISATIONS, 0.6) if rng.random() < 0.8 else ""
            registrant = self.person()
            seats = rng.choices((1, 2, 3), (88, 8, 4))[0]
            attends = seats == 1 or rng.random() < 0.6
            participants = [registrant] if attends else []
            while len(participants) < seats:
                participants.append(self.person())
            status = rng.choice(statuses)
            due = 2000 * seats
            paid = due if status == "confirmed" else 0
            self.regs.append(
                Reg(
                    id=len(self.regs) + 1,
                    code=self._code(),
                    ogm=self._ogm(),
                    status=status,
                    due=due,
                    paid=paid,
                    registrant=registrant,
                    participants=participants,
                    organisation=organisation,
                    training=training,
                )
            )
        # Deliberate near-namesakes: the same or an almost identical name in another training.
        for _ in range(self.n_registrations // 25):
            original = rng.choice(self.regs)
            who = original.participants[0] if original.participants else original.registrant
            last = who.last
            if rng.random() < 0.5:
                last = _typo(rng, last) if len(last) >= 5 else last
            twin = Person(who.first, last)
            self.regs.append(
                Reg(
                    id=len(self.regs) + 1,
                    code=self._code(),
                    ogm=self._ogm(),
                    status="pending",
                    due=2000,
                    paid=0,
                    registrant=twin,
                    participants=[twin],
                    organisation=_skewed(rng, ORGANISATIONS, 0.6),
                    training=rng.choice(self.trainings),
                )
            )
        # People whose first registration expired and who registered again for the same training.
        singles = [r for r in self.regs if r.status == "pending" and r.due == 2000]
        for _ in range(self.n_registrations // 125):
            original = rng.choice(singles)
            self.regs.append(
                Reg(
                    id=len(self.regs) + 1,
                    code=self._code(),
                    ogm=self._ogm(),
                    status="expired",
                    due=2000,
                    paid=0,
                    registrant=original.registrant,
                    participants=list(original.participants),
                    organisation=original.organisation,
                    training=original.training,
                )
            )
        self.by_name: dict[str, list[Reg]] = defaultdict(list)
        for reg in self.regs:
            for p in {fold(p.name): p for p in (reg.registrant, *reg.participants)}:
                self.by_name[p].append(reg)
        self.by_surname: dict[str, list[tuple[Person, Reg]]] = defaultdict(list)
        for reg in self.regs:
            for p in (reg.registrant, *reg.participants):
                self.by_surname[fold(p.last)].append((p, reg))
        self.surname_variants: dict[str, set[str]] = defaultdict(set)
        for key in self.by_surname:
            for variant in _variants(key):
                self.surname_variants[variant].add(key)

    def candidates(self) -> list[Candidate]:
        return [
            Candidate(
                registration_id=r.id,
                code=r.code,
                ogm=r.ogm,
                status=r.status,
                amount_due_cents=r.due,
                amount_paid_cents=r.paid,
                registrant_name=r.registrant.name,
                participant_names=tuple(p.name for p in r.participants),
                organisation=r.organisation,
                training_title=r.training.title,
                training_city=r.training.city,
                venue_name=r.training.venue,
                session_dates=r.training.dates,
            )
            for r in self.regs
        ]

    # Choosing targets ------------------------------------------------------------------------

    def pick(self, *, status: str = "pending", seats: int | None = None) -> Reg:
        for _attempt in range(10_000):
            reg = self.rng.choice(self.regs)
            if reg.id in self.used or reg.status != status:
                continue
            if seats is not None and len(reg.participants) != seats:
                continue
            if status == "pending" and reg.paid:
                continue
            if status != "pending" and self.registered_again(reg):
                continue  # a payment naming this person is for the live registration
            self.used.add(reg.id)
            return reg
        raise RuntimeError("no registration left to pick")

    def registered_again(self, reg: Reg) -> bool:
        """The same person has another, live registration for the same training: a transfer
        naming them cannot be labelled as meant for this one."""
        for person in reg.participants:
            for other in self.by_name[fold(person.name)]:
                if (
                    other.id != reg.id
                    and other.training is reg.training
                    and other.status in ("pending", "confirmed")
                ):
                    return True
        return False

    def namesakes(self, reg: Reg, person: Person, *, initial: bool = False) -> list[Reg]:
        """Other registrations with the same or an almost identical name (a person would hesitate
        too); with `initial`, everyone with that surname and initial. A cancelled or expired
        registration of the same person for the same training is the old attempt, not a
        namesake."""
        first, last = fold(person.first), fold(person.last)
        found = []
        keys = {k for v in _variants(last) for k in self.surname_variants.get(v, ())}
        for key in sorted(keys):
            if key != last and _distance(key, last) > 1:
                continue
            for other_person, other in self.by_surname[key]:
                if other.id == reg.id:
                    continue
                other_first = fold(other_person.first)
                same_first = other_first == first or (
                    min(len(first), len(other_first)) >= 2 and _distance(other_first, first) <= 1
                )
                if initial:
                    same_first = other_first[:1] == first[:1]
                if not same_first:
                    continue
                if (
                    other.status in ("cancelled", "expired")
                    and other.training is reg.training
                    and key == last
                    and other_first == first
                ):
                    continue
                found.append(other)
        return found

    def told_apart(self, reg: Reg, others: list[Reg], city: bool, date: bool) -> bool:
        """True when the city or date written in the transfer differs for every namesake."""
        for other in others:
            differs = (city and other.training.city != reg.training.city) or (
                date and not set(other.training.dates) & {reg.training.dates[0]}
            )
            if not differs:
                return False
        return True

    # Transfers -------------------------------------------------------------------------------

    def transaction(
        self, amount: int, payer: str, communication: str, *, structured: bool = False
    ) -> Transaction:
        self.bank_seq += 1
        return Transaction(
            bank_id=f"001/{self.bank_seq:04d}",
            account="BE68539007547034",
            booking_date=dt.date(2025, 10, 1) + dt.timedelta(days=self.bank_seq // 40),
            amount_cents=amount,
            counterparty_name=payer,
            counterparty_iban="",
            communication=communication,
            structured=structured,
        )

    def written(self, person: Person, *, style: str | None = None) -> str:
        """A name the way people type it in a communication."""
        rng = self.rng
        first, last = person.first, person.last
        style = (
            style
            or rng.choices(("plain", "swapped", "lower", "upper", "noaccent"), (50, 20, 12, 10, 8))[
                0
            ]
        )
        if style == "noaccent":
            first, last = _strip_accents(first), _strip_accents(last)
            return f"{first} {last}" if rng.random() < 0.7 else f"{last} {first}"
        if style == "swapped":
            return f"{last} {first}"
        if style == "lower":
            return f"{first} {last}".lower()
        if style == "upper":
            return f"{last} {first}".upper()
        if style == "initial":
            return f"{first[0]}. {last}" if rng.random() < 0.6 else f"{last} {first[0]}."
        return f"{first} {last}"

    def bank_name(self, person: Person) -> str:
        """The payer's name the way a Belgian bank delivers it."""
        rng = self.rng
        form = rng.choices(("upper_last_first", "first_last", "upper", "title"), (40, 30, 20, 10))[
            0
        ]
        if form == "upper_last_first":
            return f"{person.last} {person.first}".upper()
        if form == "upper":
            return f"{person.first} {person.last}".upper()
        if form == "title":
            return f"{'Mevr.' if rng.random() < 0.5 else 'Dhr.'} {person.first} {person.last}"
        return person.name

    def place_text(self, reg: Reg, *, city: bool, date: bool) -> str:
        rng = self.rng
        bits = []
        if city:
            c = reg.training.city
            if c == "Sint-Niklaas" and rng.random() < 0.4:
                c = "St-Niklaas"
            bits.append(c if rng.random() < 0.8 else c.lower())
        if date:
            d = reg.training.dates[0]
            bits.append(
                rng.choice(
                    (f"{d.day}/{d.month}", f"{d:%d/%m/%Y}", f"{d.day} {MONTHS[d.month - 1]}")
                )
            )
        return " ".join(bits)

    def communication(self, names: list[str], place: str) -> str:
        rng = self.rng
        who = " en ".join(names) if len(names) <= 2 else ", ".join(names)
        templates = [
            "{who} {place}",
            "vorming {place} {who}",
            "inschrijving {who} - {place}",
            "{who}, vorming {place}",
            "naam & plaats: {who} {place}",
            "EKc vorming {place} {who}",
            "{who} ({place})",
            "deelname {who} {place}",
            "Inschrijving vorming Eigen Kracht {place} / {who}",
        ]
        if not place:
            templates = ["{who}", "inschrijving {who}", "vorming EKc {who}", "deelname {who}"]
        text = rng.choice(templates).format(who=who, place=place)
        if rng.random() < 0.1:
            text += ", " + rng.choice(FILLERS).format(n=rng.randrange(100, 9999))
        return " ".join(text.split())

    def add(self, out: LabelledSet, labelled: Labelled) -> None:
        out.transfers.append(labelled)

    def name_transfer(
        self,
        out: LabelledSet,
        kind: str,
        *,
        style: str | None = None,
        city_p: float = 0.7,
        date_p: float = 0.3,
        typo: bool = False,
        amount_delta: int = 0,
        status: str = "pending",
        payer_mode: str = "self",
    ) -> None:
        rng = self.rng
        reg = self.pick(status=status, seats=1)
        person = reg.participants[0]
        city = rng.random() < city_p
        date = rng.random() < date_p
        shown_person = person
        if typo:
            if rng.random() < 0.7 and len(person.last) >= 5:
                shown_person = Person(person.first, _typo(rng, person.last))
            else:
                shown_person = Person(_typo(rng, person.first), person.last)
        name = self.written(shown_person, style=style)
        place = self.place_text(reg, city=city, date=date)
        if payer_mode == "self":
            payer = self.bank_name(person)
            comm = self.communication([name], place) if rng.random() < 0.75 else place or "vorming"
            if typo:
                payer = self.bank_name(self.person())  # a partner's or a shared account
                comm = self.communication([name], place)
        else:
            payer = self.bank_name(self.person())
            comm = self.communication([name], place)
        open_cents = reg.due - reg.paid
        amount = (open_cents or reg.due) + amount_delta
        others = self.namesakes(reg, person, initial=style == "initial")
        bookable = status == "pending" and amount == open_cents
        identifiable = self.told_apart(reg, others, city, date)
        note = f"namesakes {len(others)}" if others else ""
        out.transfers.append(
            Labelled(
                self.transaction(amount, payer, comm),
                kind,
                (reg.id,),
                bookable,
                identifiable and bookable,
                note,
            )
        )

    def build_transfers(self) -> LabelledSet:
        rng = self.rng
        out = LabelledSet(self.candidates())
        plan = {
            "name_city": 560,
            "name_only": 200,
            "payer_only": 160,
            "swapped_names": 150,
            "missing_accents": 100,
            "typo": 230,
            "initials": 70,
            "colleague_pays": 200,
            "employer_pays": 200,
            "group_payment": 120,
            "similar_names": 90,
            "wrong_amount": 90,
            "paid_twice": 50,
            "inactive_registration": 50,
            "waiting_list": 30,
            "unrelated": 200,
            "ogm_or_code_typed": 100,
            "ogm_bad_check_digit": 30,
        }
        total = sum(plan.values())
        kinds = [k for k, n in plan.items() for _ in range(round(n * self.n_transfers / total))]
        rng.shuffle(kinds)
        for kind in kinds:
            getattr(self, f"_{kind}")(out)
        return out

    def _name_city(self, out: LabelledSet) -> None:
        self.name_transfer(out, "name_city", city_p=1.0, date_p=0.35)

    def _name_only(self, out: LabelledSet) -> None:
        self.name_transfer(out, "name_only", city_p=0.0, date_p=0.0)

    def _payer_only(self, out: LabelledSet) -> None:
        """Only the bank's payer name; the communication says 'vorming Gent' or nothing useful."""
        rng = self.rng
        reg = self.pick(seats=1)
        person = reg.participants[0]
        city = rng.random() < 0.6
        place = self.place_text(reg, city=city, date=False)
        comm = rng.choice(("vorming {p}", "inschrijving {p}", "EKc {p}", "{p}")).format(p=place)
        if rng.random() < 0.1:
            comm += " " + rng.choice(FILLERS).format(n=rng.randrange(100, 9999))
        comm = " ".join(comm.split()) or "inschrijving"
        others = self.namesakes(reg, person)
        out.transfers.append(
            Labelled(
                self.transaction(reg.due, self.bank_name(person), comm),
                "payer_only",
                (reg.id,),
                True,
                self.told_apart(reg, others, city, False),
            )
        )

    def _swapped_names(self, out: LabelledSet) -> None:
        self.name_transfer(out, "swapped_names", style="swapped", payer_mode="other")

    def _missing_accents(self, out: LabelledSet) -> None:
        self.name_transfer(out, "missing_accents", style="noaccent", payer_mode="other")

    def _typo(self, out: LabelledSet) -> None:
        self.name_transfer(out, "typo", typo=True, city_p=0.75)

    def _initials(self, out: LabelledSet) -> None:
        self.name_transfer(out, "initials", style="initial", payer_mode="other", city_p=0.8)

    def _colleague_pays(self, out: LabelledSet) -> None:
        """A colleague (perhaps registered too, for something else) pays for someone."""
        rng = self.rng
        reg = self.pick(seats=1)
        person = reg.participants[0]
        colleague_reg = rng.choice(self.regs)
        colleague = colleague_reg.registrant if rng.random() < 0.5 else self.person()
        city = rng.random() < 0.7
        date = rng.random() < 0.3
        name = self.written(person)
        comm = self.communication([name], self.place_text(reg, city=city, date=date))
        if rng.random() < 0.3:
            comm = f"voor collega {comm}"
        others = self.namesakes(reg, person)
        out.transfers.append(
            Labelled(
                self.transaction(reg.due, self.bank_name(colleague), comm),
                "colleague_pays",
                (reg.id,),
                True,
                self.told_apart(reg, others, city, date),
            )
        )

    def _employer_pays(self, out: LabelledSet) -> None:
        """The employer pays one registration (one or more seats) and names the participants."""
        rng = self.rng
        for _ in range(1000):
            reg = self.pick(seats=rng.choice((1, 1, 2, 3)))
            if reg.organisation:
                break
            self.used.discard(reg.id)
        payer = _organisation_as_bank_writes(rng, reg.organisation)
        city = rng.random() < 0.75
        date = rng.random() < 0.4
        named = [self.written(p) for p in reg.participants]
        comm = self.communication(named, self.place_text(reg, city=city, date=date))
        if rng.random() < 0.3:
            comm = f"factuur {rng.randrange(100, 999)} {comm}"
        identifiable = all(
            self.told_apart(reg, self.namesakes(reg, p), city, date) for p in reg.participants
        )
        out.transfers.append(
            Labelled(
                self.transaction(reg.due, payer, comm),
                "employer_pays",
                (reg.id,),
                True,
                identifiable,
            )
        )

    def _group_payment(self, out: LabelledSet) -> None:
        """One transfer for two or three separate registrations of colleagues."""
        rng = self.rng
        size = rng.choice((2, 2, 3))
        first = self.pick(seats=1)
        group = [first]
        same_training = rng.random() < 0.6
        pool = [
            r
            for r in self.regs
            if r.id not in self.used
            and r.status == "pending"
            and len(r.participants) == 1
            and (r.training is first.training or not same_training)
        ]
        rng.shuffle(pool)
        for reg in pool[: size - 1]:
            self.used.add(reg.id)
            group.append(reg)
        payer = (
            _organisation_as_bank_writes(rng, first.organisation)
            if first.organisation and rng.random() < 0.6
            else self.bank_name(first.participants[0])
        )
        city = rng.random() < 0.7
        named = [self.written(r.participants[0]) for r in group]
        place = self.place_text(first, city=city, date=False) if same_training else ""
        comm = self.communication(named, place)
        identifiable = all(
            self.told_apart(r, self.namesakes(r, r.participants[0]), city and same_training, False)
            for r in group
        )
        out.transfers.append(
            Labelled(
                self.transaction(sum(r.due for r in group), payer, comm),
                "group_payment",
                tuple(r.id for r in group),
                True,
                identifiable,
            )
        )

    def _similar_names(self, out: LabelledSet) -> None:
        """For one of two registrations whose names are (almost) the same."""
        rng = self.rng
        twins = [r for r in self.regs[self.n_registrations :] if r.id not in self.used]
        twins = [r for r in twins if r.status == "pending"]
        reg = rng.choice(twins)
        self.used.add(reg.id)
        person = reg.participants[0]
        city = rng.random() < 0.5
        date = rng.random() < 0.3
        comm = self.communication(
            [self.written(person)], self.place_text(reg, city=city, date=date)
        )
        others = self.namesakes(reg, person)
        out.transfers.append(
            Labelled(
                self.transaction(reg.due, self.bank_name(self.person()), comm),
                "similar_names",
                (reg.id,),
                True,
                self.told_apart(reg, others, city, date),
                f"namesakes {len(others)}",
            )
        )

    def _wrong_amount(self, out: LabelledSet) -> None:
        delta = self.rng.choice((-1000, -500, 500, 2000, -1))
        self.name_transfer(out, "wrong_amount", amount_delta=delta, city_p=0.9)

    def _paid_twice(self, out: LabelledSet) -> None:
        self.name_transfer(out, "paid_twice", status="confirmed", city_p=0.9)

    def _inactive_registration(self, out: LabelledSet) -> None:
        self.name_transfer(out, "inactive_registration", status="cancelled", city_p=0.9)

    def _waiting_list(self, out: LabelledSet) -> None:
        self.name_transfer(out, "waiting_list", status="waiting", city_p=0.9)

    def _unrelated(self, out: LabelledSet) -> None:
        rng = self.rng
        payer, template, amounts = rng.choice(UNRELATED)
        if not payer:
            # Private people: often someone who is also registered, sometimes just a namesake.
            payer = self.bank_name(rng.choice(self.regs).registrant)
        amount = rng.choice(amounts)
        if amount == -1:
            amount = rng.choice((35000, 42000, 18000))
        comm = template.format(
            m=rng.choice(MONTHS), n=rng.randrange(10_000, 99_999), y=rng.choice((2025, 2026))
        )
        out.transfers.append(
            Labelled(self.transaction(amount, payer, comm), "unrelated", (), False, False)
        )

    def _ogm_or_code_typed(self, out: LabelledSet) -> None:
        rng = self.rng
        reg = self.pick()
        digits = reg.ogm
        forms = [
            f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++",
            f"{digits[:3]} {digits[3:7]} {digits[7:]}",
            f"***{digits[:3]}-{digits[3:7]}-{digits[7:]}***",
            digits,
            f"ref{digits} {reg.training.city}",
            f"{reg.code} {reg.registrant.name}",
            f"{reg.code[:2].lower()} {reg.code[2:].lower()}",
            f"{reg.code[:2]}-{reg.code[2:]} vorming",
        ]
        comm = rng.choice(forms)
        out.transfers.append(
            Labelled(
                self.transaction(reg.due, self.bank_name(reg.registrant), comm),
                "ogm_or_code_typed",
                (reg.id,),
                True,
                True,
            )
        )

    def _ogm_bad_check_digit(self, out: LabelledSet) -> None:
        """The OGM typed with a wrong check digit and nothing else: no identity at all."""
        rng = self.rng
        reg = self.pick()
        digits = reg.ogm
        wrong = f"{(int(digits[-2:]) + rng.randrange(1, 96)) % 97 or 97:02d}"
        comm = f"+++{digits[:3]}/{digits[3:7]}/{digits[7:10]}{wrong}+++"
        payer = self.bank_name(self.person())
        out.transfers.append(
            Labelled(
                self.transaction(reg.due, payer, comm),
                "ogm_bad_check_digit",
                (reg.id,),
                True,
                False,
            )
        )


def _organisation_as_bank_writes(rng: random.Random, name: str) -> str:
    forms = (name.upper(), f"{name} vzw", f"VZW {name.upper()}", name, f"{name.upper()} V.Z.W.")
    return rng.choice(forms)


def _strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).replace("\u0131", "i")


_NEAR_KEYS = {
    "a": "sqz",
    "e": "rdz",
    "i": "uo",
    "o": "ip",
    "u": "yi",
    "s": "adz",
    "n": "bm",
    "r": "et",
    "t": "ry",
    "l": "k",
    "m": "n",
    "c": "xv",
    "k": "jl",
}


def _typo(rng: random.Random, word: str) -> str:
    """One typing error: a neighbouring key, a letter dropped, doubled or swapped."""
    letters = list(word)
    positions = [i for i, ch in enumerate(letters) if ch.isalpha()]
    if len(positions) < 3:
        return word
    i = rng.choice(positions[1:])
    kind = rng.choice(("near", "drop", "double", "swap"))
    if kind == "near" and letters[i].lower() in _NEAR_KEYS:
        letters[i] = rng.choice(_NEAR_KEYS[letters[i].lower()])
    elif kind == "drop":
        del letters[i]
    elif kind == "double":
        letters.insert(i, letters[i])
    elif i + 1 < len(letters) and letters[i + 1].isalpha():
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    else:
        del letters[i]
    result = "".join(letters)
    return result if result != word else word + "e"


def _variants(word: str) -> set[str]:
    """The word and every way of dropping one letter: two words one edit apart share one."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _distance(a: str, b: str) -> int:
    """Optimal string alignment distance (small words only)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def build(seed: int = 20250214, registrations: int = 5000, transfers: int = 2630) -> LabelledSet:
    generator = _Generator(seed, registrations, transfers)
    generator.build_registrations()
    return generator.build_transfers()
