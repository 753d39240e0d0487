"""The cast of the demo: four coordinators, the referrers, and fifteen families with their network
and, where they get that far, their plan; and when each family was referred."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from eigenkracht.trajectories.models import Participant, Trajectory

DEMO_REFERRER_EMAIL = "aanmelder@example.org"
DEMO_REFERRER_PASSWORD = "demo-aanmelder-2026"  # noqa: S105 - public demo password
DEMO_COORDINATOR_EMAIL = "coordinator@example.org"
DEMO_COORDINATOR_PASSWORD = "demo-coordinator-2026"  # noqa: S105 - public demo password
# (e-mail, password, label): the two trajectory logins, e.g. to give them a second factor.
DEMO_LOGINS = (
    (DEMO_REFERRER_EMAIL, DEMO_REFERRER_PASSWORD, "aanmelder"),
    (DEMO_COORDINATOR_EMAIL, DEMO_COORDINATOR_PASSWORD, "EK-coördinator"),
)


@dataclass(frozen=True)
class DemoCoordinator:
    email: str
    first_name: str
    last_name: str
    phone: str
    languages: tuple[str, ...]
    gender: str
    background: str
    provinces: tuple[str, ...]
    postcodes: tuple[str, ...]
    max_trajectories: int
    trained_on: dt.date


LEEN, YOUSSEF, ELIF, MARC = (
    DEMO_COORDINATOR_EMAIL,
    "youssef.benali@example.org",
    "elif.kaya@example.org",
    "marc.dubois@example.org",
)
DEMO_COORDINATORS = (
    DemoCoordinator(
        LEEN, "Leen", "De Wolf", "0478 21 43 65", ("nl", "fr", "en"), "female",
        "Ervaringsdeskundige jeugdhulp; werkte twintig jaar in de kinderopvang.",
        ("OVL", "VBR"), ("9000", "9040", "9050", "9200", "9300", "9400"), 4, dt.date(2022, 10, 14),
    ),
    DemoCoordinator(
        YOUSSEF, "Youssef", "Benali", "0485 67 89 01", ("nl", "ar", "fr"),
        "male", "Marokkaanse roots; opvoeder in een jeugdhuis.",
        ("OVL", "ANT"), ("9100", "9230", "2000", "2060"), 3, dt.date(2023, 3, 10),
    ),
    DemoCoordinator(
        ELIF, "Elif", "Kaya", "0494 12 90 33", ("nl", "tr"), "female",
        "Turkse roots; moeder van drie tieners.",
        ("OVL", "VBR"), ("9160", "9100", "9000"), 2, dt.date(2024, 5, 24),
    ),
    DemoCoordinator(
        MARC, "Marc", "Dubois", "0472 44 18 70", ("nl", "fr"), "male",
        "Gepensioneerd leerkracht; ervaring met ouderen en met re-integratie na detentie.",
        ("WVL", "OVL"), ("9700", "9800", "8500"), 2, dt.date(2021, 11, 19),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class DemoReferrer:
    name: str
    email: str
    organisation: str
    role: str
    phone: str
    type: str = Trajectory.ReferrerType.PROFESSIONAL
    sector: str = "Andere"  # a name from the seeded sector list (core.Sector)


AN = DemoReferrer(
    "An Verstraeten", DEMO_REFERRER_EMAIL, "CAW Oost-Vlaanderen", "maatschappelijk werker",
    "09 265 04 10", sector="CAW",
)  # fmt: skip
PIETER = DemoReferrer(
    "Pieter Claes",
    "pieter.claes@example.be",
    "CLB Antwerpen",
    "CLB-medewerker",
    "03 231 45 67",
    sector="CLB",
)
JAN = DemoReferrer(
    "Jan Vandenbroucke", "jan.vandenbroucke@example.be", "", "vader", "0476 55 12 34",
    Trajectory.ReferrerType.CITIZEN, sector="Burger",
)  # fmt: skip
KATRIEN = DemoReferrer(
    "Katrien Mertens", "katrien.mertens@example.be", "OCMW Ninove", "maatschappelijk werker",
    "054 31 32 00", sector="OCMW",
)  # fmt: skip

# A network member: name, role, relation, invitation, and further Participant fields.
Person = tuple[str, str, str, str, dict[str, Any]]
# An agreement: what, who (first names), by when, who checks (first name), domain.
Deal = tuple[str, tuple[str, ...], str, str, str]

R = Participant.Role
INV = Participant.Invitation


@dataclass(frozen=True)
class DemoFamily:
    referrer: DemoReferrer
    postcode: str
    domains: tuple[str, ...]
    central_question: str
    concerns: str
    limits: str
    main_people: tuple[dict[str, Any], ...]
    children: tuple[dict[str, Any], ...] = ()
    network: tuple[Person, ...] = ()
    urgency: str = Trajectory.Urgency.NORMAL
    wish_language: str = ""
    wish_gender: str = ""
    wish_background: str = ""
    consent_method: str = Trajectory.ConsentMethod.WRITTEN
    consent_days_before: int = 3


def _adult(name: str, year: int, *languages: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "birth_year": year, "languages": list(languages or ("nl",)), **extra}


def _child(name: str, born: dt.date) -> dict[str, Any]:
    return {"name": name, "birth_date": born, "birth_year": born.year}


AN_AS_PROFESSIONAL: Person = (
    "An Verstraeten", R.PROFESSIONAL, "aanmelder, maatschappelijk werker CAW", INV.COMING,
    {"email": DEMO_REFERRER_EMAIL},
)  # fmt: skip

WOUTERS = DemoFamily(
    referrer=AN,
    postcode="9000",
    domains=("school", "parenting"),
    central_question=(
        "Hoe zorgen we er samen voor dat Lotte weer elke dag naar school gaat, ook op de dagen "
        "dat mama vroeg moet werken?"
    ),
    concerns=(
        "Lotte (14) was dit schooljaar al meer dan dertig halve dagen afwezig. Mama werkt in "
        "ploegen en vertrekt op vroege dagen om vijf uur; Lotte blijft dan in bed. Mats (10) komt "
        "soms te laat omdat hij op zijn zus wacht."
    ),
    limits=(
        "Lotte en Mats gaan elke schooldag naar school. Bij ongewettigde afwezigheid verwittigt "
        "de school het CLB, zoals de leerplicht het vraagt."
    ),
    main_people=(_adult("Sarah Wouters", 1986, address="Sleepstraat 41, 9000 Gent"),),
    children=(
        _child("Lotte Wouters", dt.date(2012, 3, 14)),
        _child("Mats Wouters", dt.date(2016, 9, 2)),
    ),
)

YILMAZ = DemoFamily(
    referrer=AN,
    postcode="9050",
    domains=("placement", "health"),
    central_question=(
        "Wie uit de familie en het netwerk vangt Emir en Zeynep op terwijl mama in het "
        "ziekenhuis ligt, zodat ze niet naar een pleeggezin moeten?"
    ),
    concerns=(
        "Mama wordt volgende week voor vier tot zes weken opgenomen voor een operatie en "
        "revalidatie. Papa woont in Turkije en kan niet overkomen. Zonder opvang in het netwerk is "
        "een tijdelijke plaatsing in een pleeggezin de enige mogelijkheid."
    ),
    limits=(
        "De kinderen verblijven niet bij de vroegere partner van mama. Emir blijft naar zijn "
        "eigen school in Ledeberg gaan. Zeynep gaat elke dag naar de kinderopvang of wordt thuis "
        "opgevangen door een volwassene."
    ),
    main_people=(_adult("Ayse Yilmaz", 1991, "tr", "nl"),),
    children=(
        _child("Emir Yilmaz", dt.date(2017, 5, 20)),
        _child("Zeynep Yilmaz", dt.date(2021, 1, 11)),
    ),
    urgency=Trajectory.Urgency.URGENT,
    wish_language="tr",
    wish_gender=Trajectory.GenderWish.FEMALE,
    consent_method=Trajectory.ConsentMethod.PHONE,
    consent_days_before=0,
)

PEETERS = DemoFamily(
    referrer=PIETER,
    postcode="2060",
    domains=("school", "parenting"),
    central_question=(
        "Hoe kan Noah weer met plezier naar school gaan, na maanden van pesten en thuisblijven?"
    ),
    concerns=(
        "Noah (13) blijft sinds september bijna elke week een of meer dagen thuis met buikpijn. "
        "Hij werd vorig schooljaar gepest. Mama is alleenstaand en werkt halftijds in een "
        "supermarkt."
    ),
    limits=(
        "Noah is leerplichtig en gaat naar school; een aangepast lesrooster kan in overleg met "
        "de school."
    ),
    main_people=(_adult("Jessica Peeters", 1993),),
    children=(_child("Noah Peeters", dt.date(2013, 1, 25)),),
)

VANDENBROUCKE = DemoFamily(
    referrer=JAN,
    postcode="9100",
    domains=("health", "general"),
    central_question="Hoe kunnen we als familie Lien helpen om van de drugs af te raken?",
    concerns=(
        "Lien (26) gebruikt al jaren cannabis en sinds kort ook cocaïne. Ze verloor haar werk en "
        "woont weer bij ons. We weten niet meer hoe we met haar moeten praten."
    ),
    limits="Geen bijzondere grenzen.",
    main_people=(_adult("Lien Vandenbroucke", 1999),),
    consent_method=Trajectory.ConsentMethod.VERBAL,
)

JANSSENS = DemoFamily(
    referrer=AN,
    postcode="9900",
    domains=("living", "health"),
    central_question=(
        "Hoe kan Jozef veilig in zijn eigen huis blijven wonen nu zijn geheugen achteruitgaat?"
    ),
    concerns=(
        "Jozef (85) vergeet te eten en liet twee keer het gasvuur aanstaan. Zijn drie kinderen "
        "zijn het niet eens over een woonzorgcentrum en praten nauwelijks nog met elkaar."
    ),
    limits="Jozef kookt niet meer alleen op gas. Er komt elke dag iemand langs.",
    main_people=(_adult("Jozef Janssens", 1941, address="Stationsstraat 8, 9900 Eeklo"),),
)

BAKKALI = DemoFamily(
    referrer=AN,
    postcode="9000",
    domains=("parenting", "health"),
    central_question=(
        "Hoe kan de familie de zorg voor Ilyas beter verdelen, zodat mama niet opbrandt?"
    ),
    concerns=(
        "Ilyas (7) heeft autisme en slaapt weinig. Samira is uitgeput en zegt dat ze het niet "
        "meer aankan. Mustafa werkt lange dagen als vrachtwagenchauffeur."
    ),
    limits=(
        "Ilyas blijft zijn therapie in het revalidatiecentrum volgen. Yasmine neemt de zorg voor "
        "haar broer niet op zich."
    ),
    main_people=(
        _adult("Samira Bakkali", 1989, "ar", "nl"),
        _adult("Mustafa Bakkali", 1984, "ar", interpreter_needed=True),
    ),
    children=(
        _child("Yasmine Bakkali", dt.date(2016, 3, 3)),
        _child("Ilyas Bakkali", dt.date(2019, 9, 19)),
    ),
    wish_language="ar",
    wish_gender=Trajectory.GenderWish.MALE,
    wish_background="Iemand die de Marokkaanse cultuur kent.",
)

DE_SMET = DemoFamily(
    referrer=AN,
    postcode="9700",
    domains=("loneliness", "health"),
    central_question=(
        "Hoe kan Roger na zijn beroerte weer onder de mensen komen en hulp vinden bij het "
        "huishouden?"
    ),
    concerns=(
        "Roger (74) had in de zomer een beroerte. Hij loopt moeilijk en komt niet meer buiten. "
        "Zijn enige dochter woont in Spanje. Het huis raakt vervuild."
    ),
    limits="Roger rijdt niet meer met de auto. Over een verhuis beslist hij zelf.",
    main_people=(_adult("Roger De Smet", 1952, address="Kerkgate 3, 9700 Oudenaarde"),),
    consent_method=Trajectory.ConsentMethod.VERBAL,
)

VAN_DAMME = DemoFamily(
    referrer=AN,
    postcode="9040",
    domains=("parenting", "placement"),
    central_question=(
        "Wat is er nodig zodat Jonas en Febe veilig thuis kunnen blijven wonen, ook als het thuis "
        "even moeilijk gaat?"
    ),
    concerns=(
        "Er is geregeld ruzie tussen de ouders, soms waar de kinderen bij zijn. De politie kwam "
        "twee keer langs na een melding van de buren. Jonas (12) zegt op school dat hij niet graag "
        "naar huis gaat."
    ),
    limits=(
        "Er is geen geweld in het bijzijn van de kinderen. Als de spanning oploopt, gaan de "
        "kinderen naar een afgesproken volwassene. De ouders blijven in begeleiding bij het CAW."
    ),
    main_people=(_adult("Kevin Van Damme", 1984), _adult("Nadia Haddad", 1988, "nl", "ar")),
    children=(
        _child("Jonas Van Damme", dt.date(2014, 2, 11)),
        _child("Febe Van Damme", dt.date(2018, 7, 30)),
    ),
    network=(
        ("Rita Van Damme", R.FAMILY, "grootmoeder langs vaderskant", INV.COMING,
         {"phone": "0473 11 22 33"}),
        ("Fatima Haddad", R.FAMILY, "grootmoeder langs moederskant", INV.COMING,
         {"languages": ["ar"], "interpreter_needed": True,
          "needs": "Spreekt alleen Arabisch: tolk nodig in de informatieronde en bij het plan."}),
        ("Bart Van Damme", R.FAMILY, "oom, broer van Kevin", INV.NOT_COMING,
         {"needs": "Werkt in Duitsland; geeft zijn voorstellen door via Rita."}),
        ("Samira Haddad", R.FAMILY, "tante, zus van Nadia", INV.INVITED, {}),
        ("Martine Claeys", R.FRIEND, "buurvrouw", INV.COMING, {}),
        ("Dirk Verbeke", R.FRIEND, "voetbaltrainer van Jonas", INV.INVITED,
         {"suggested_by": "Jonas"}),
        ("Sofie Martens", R.PROFESSIONAL, "consulent Jongerenwelzijn", INV.COMING, {}),
        ("Tom De Backer", R.PROFESSIONAL, "klastitularis van Jonas", INV.TO_INVITE, {}),
        ("Lies Goossens", R.CONFIDANT, "vertrouwenspersoon van Jonas", INV.COMING,
         {"needs": "Bereidt Jonas voor en spreekt voor hem als hij dat wil."}),
        ("Sociaal tolk Arabisch", R.INTERPRETER, "tolk via het Agentschap Integratie en "
         "Inburgering", INV.COMING, {"languages": ["ar", "nl"]}),
    ),
)  # fmt: skip

DEMIR = DemoFamily(
    referrer=AN,
    postcode="9160",
    domains=("school", "work"),
    central_question=(
        "Hoe helpen we Kerem om zijn schooljaar af te maken en een stageplaats te vinden die bij "
        "hem past?"
    ),
    concerns=(
        "Kerem (16) spijbelt sinds de herfstvakantie bijna elke maandag en vrijdag. Hij gamet "
        "tot diep in de nacht. Zijn ouders werken allebei en spreken weinig Nederlands; ze voelen "
        "zich machteloos tegenover de school."
    ),
    limits=(
        "Kerem blijft ingeschreven in een school tot hij 18 is. De ouders blijven op de hoogte "
        "van zijn afwezigheden."
    ),
    main_people=(_adult("Mehmet Demir", 1979, "tr", "nl"), _adult("Hatice Demir", 1983, "tr")),
    children=(_child("Kerem Demir", dt.date(2010, 10, 3)),),
    network=(
        ("Ali Demir", R.FAMILY, "oom", INV.COMING, {"languages": ["tr", "nl"]}),
        ("Emine Aksoy", R.FAMILY, "tante", INV.COMING, {"languages": ["tr"]}),
        ("Burak Aksoy", R.FAMILY, "neef (22), elektricien", INV.COMING, {}),
        ("Jelle Van Hoecke", R.FRIEND, "beste vriend van Kerem", INV.INVITED,
         {"suggested_by": "Kerem"}),
        ("Nathalie De Vos", R.PROFESSIONAL, "CLB-medewerker", INV.COMING, {}),
        ("Pieter Roels", R.PROFESSIONAL, "leerlingenbegeleider", INV.COMING, {}),
    ),
    wish_language="tr",
)  # fmt: skip

VERHAEGHE = DemoFamily(
    referrer=AN,
    postcode="9200",
    domains=("parenting", "health"),
    central_question=(
        "Hoe zorgen we ervoor dat Ruben en Nore elke dag goed verzorgd worden, ook op de dagen "
        "dat mama het mentaal moeilijk heeft?"
    ),
    concerns=(
        "Kim heeft een depressie en komt op slechte dagen niet uit bed. Ruben (11) zorgt dan voor "
        "zijn zusje en komt zelf te laat op school. Er is soms geen eten in huis."
    ),
    limits=(
        "De kinderen krijgen elke dag een warme maaltijd en zijn op tijd op school. Kim blijft in "
        "behandeling bij haar psychiater. Ruben hoeft niet voor Nore te zorgen."
    ),
    main_people=(_adult("Kim Verhaeghe", 1990, address="Noordlaan 27, 9200 Dendermonde"),),
    children=(
        _child("Ruben Verhaeghe", dt.date(2015, 4, 18)),
        _child("Nore Verhaeghe", dt.date(2019, 12, 1)),
    ),
    network=(
        ("Marleen Verhaeghe", R.FAMILY, "grootmoeder, mama van Kim", INV.COMING, {}),
        ("Geert Verhaeghe", R.FAMILY, "grootvader, papa van Kim", INV.COMING, {}),
        ("Sanne Verhaeghe", R.FAMILY, "zus van Kim", INV.COMING,
         {"phone": "0486 30 20 10", "email": "sanne.verhaeghe@example.be"}),
        ("Jeroen Bauwens", R.FAMILY, "papa van Nore", INV.NOT_COMING, {}),
        ("Ilse Van Acker", R.FRIEND, "buurvrouw en vriendin", INV.COMING, {}),
        ("Patrick Mertens", R.FRIEND, "buurman", INV.COMING, {}),
        ("Hilde Van Goethem", R.PROFESSIONAL, "huisarts", INV.COMING, {}),
        ("Eva De Bruyne", R.PROFESSIONAL, "zorgcoördinator basisschool", INV.COMING, {}),
        AN_AS_PROFESSIONAL,
    ),
)  # fmt: skip
VERHAEGHE_PLAN: tuple[Deal, ...] = (
    ("Oma Marleen haalt Ruben en Nore op maandag en donderdag van school; ze eten bij haar.",
     ("Marleen",), "elke maandag en donderdag", "Sanne", "parenting"),
    ("Sanne belt Kim elke schooldag om 7 uur. Neemt Kim niet op, dan gaat Ilse langs.",
     ("Sanne", "Ilse"), "elke schooldag om 7 uur", "Geert", "health"),
    ("Kim gaat om de twee weken naar haar psychiater; opa Geert rijdt haar.",
     ("Kim", "Geert"), "om de twee weken", "Marleen", "health"),
    ("Ilse en Patrick zorgen dat er altijd een noodvoorraad eten in de kast staat.",
     ("Ilse", "Patrick"), "vanaf deze week", "Sanne", "parenting"),
    ("Ruben gaat op woensdagnamiddag naar de scouts; opa Geert brengt hem.",
     ("Geert",), "elke woensdag", "Marleen", "parenting"),
    ("Heeft Kim een slechte dag, dan stuurt ze 'rood' naar de familiegroep; Sanne regelt dan "
     "wie de kinderen opvangt.", ("Kim", "Sanne"), "telkens het nodig is", "Marleen",
     "parenting"),
    ("De zorgcoördinator laat Sanne weten als Ruben of Nore te laat op school komt.",
     ("Eva",), "telkens het gebeurt", "Sanne", "school"),
)  # fmt: skip

HERMANS = DemoFamily(
    referrer=AN,
    postcode="9300",
    domains=("living", "health", "loneliness"),
    central_question=(
        "Hoe kan Maria veilig thuis blijven wonen nu ze slechter te been is, en wie helpt haar "
        "daarbij?"
    ),
    concerns=(
        "Maria (78) viel de voorbije maanden drie keer. Ze eet onregelmatig en neemt haar "
        "medicatie niet altijd. Haar kinderen wonen ver weg en maken ruzie over wat er moet "
        "gebeuren."
    ),
    limits=(
        "Maria neemt haar medicatie onder toezicht. Er is elke dag iemand die langsgaat of belt. "
        "Over een verhuis naar een woonzorgcentrum beslist Maria zelf."
    ),
    main_people=(_adult("Maria Hermans", 1948, address="Molenstraat 15, 9300 Aalst"),),
    network=(
        ("Luc Hermans", R.FAMILY, "zoon", INV.COMING, {}),
        ("Greet Hermans", R.FAMILY, "dochter", INV.COMING, {}),
        ("Dries Hermans", R.FAMILY, "kleinzoon (24)", INV.COMING, {}),
        ("Rosa De Coninck", R.FRIEND, "buurvrouw", INV.COMING, {}),
        ("Walter Van Impe", R.FRIEND, "vriend van de seniorenclub", INV.COMING, {}),
        ("Jan De Mol", R.FRIEND, "buurman", INV.NOT_COMING, {}),
        ("Nele Baert", R.PROFESSIONAL, "thuisverpleegkundige", INV.COMING, {}),
        ("Koen Van den Bossche", R.PROFESSIONAL, "huisarts", INV.COMING, {}),
        AN_AS_PROFESSIONAL,
    ),
)  # fmt: skip
HERMANS_PLAN: tuple[Deal, ...] = (
    ("Luc belt zijn moeder elke avond om 19 uur.", ("Luc",), "elke avond", "Greet",
     "loneliness"),
    ("Greet komt elke zaterdag langs en doet met Maria de boodschappen voor de week.",
     ("Greet",), "elke zaterdag", "Luc", "living"),
    ("De thuisverpleegkundige zet de medicatie klaar in een weekdoos en kijkt elke ochtend na "
     "of Maria ze nam.", ("Nele",), "elke ochtend", "Koen", "health"),
    ("Rosa gaat elke middag even langs en eet op dinsdag en vrijdag samen met Maria.",
     ("Rosa",), "elke middag", "Greet", "loneliness"),
    ("Dries plaatst handgrepen in de badkamer en haalt de losse tapijten weg.", ("Dries",),
     "binnen vier weken", "Luc", "living"),
    ("Luc vraagt een personenalarm aan bij het ziekenfonds.", ("Luc",), "binnen twee weken",
     "Greet", "health"),
    ("Walter haalt Maria elke donderdag op voor de seniorenclub.", ("Walter",),
     "elke donderdag", "Rosa", "loneliness"),
    ("Greet en Luc bespreken meningsverschillen eerst samen met Maria, niet via de buren.",
     ("Greet", "Luc"), "vanaf nu", "Dries", "general"),
)  # fmt: skip

EL_AMRANI = DemoFamily(
    referrer=AN,
    postcode="9100",
    domains=("parenting", "school"),
    central_question=(
        "Hoe krijgen we weer rust in huis, zodat Amine niet in een voorziening moet en de andere "
        "kinderen niet mee afhaken?"
    ),
    concerns=(
        "Amine (15) komt 's avonds laat thuis, werd twee keer opgepakt voor winkeldiefstal en "
        "scheldt zijn ouders uit. Zijn vader werkt 's nachts; zijn moeder staat er alleen voor. "
        "Sara (13) trekt zich terug."
    ),
    limits=(
        "Amine is elke avond om 21 uur thuis. Er is geen fysiek geweld, door niemand. Amine gaat "
        "elke dag naar school. De voorwaarden van de jeugdrechter worden nageleefd."
    ),
    main_people=(
        _adult("Karima El Amrani", 1985, "nl", "ar"),
        _adult("Hassan El Amrani", 1980, "ar", "nl"),
    ),
    children=(
        _child("Amine El Amrani", dt.date(2011, 6, 9)),
        _child("Sara El Amrani", dt.date(2013, 8, 22)),
        _child("Adam El Amrani", dt.date(2020, 2, 14)),
    ),
    network=(
        ("Mohamed El Amrani", R.FAMILY, "oom, broer van Hassan", INV.COMING, {}),
        ("Latifa Bouzid", R.FAMILY, "tante, zus van Karima", INV.COMING, {}),
        ("Nordin Bouzid", R.FAMILY, "neef (27)", INV.COMING, {}),
        ("Abdel Ouali", R.FRIEND, "voetbaltrainer van Amine", INV.COMING, {}),
        ("Hilde Smet", R.FRIEND, "buurvrouw", INV.COMING, {}),
        ("Stijn Van Laere", R.PROFESSIONAL, "consulent sociale dienst jeugdrechtbank", INV.COMING,
         {}),
        ("Eline Maes", R.PROFESSIONAL, "leerlingenbegeleider", INV.COMING, {}),
        AN_AS_PROFESSIONAL,
    ),
    wish_language="ar",
)  # fmt: skip
EL_AMRANI_PLAN: tuple[Deal, ...] = (
    ("Nordin haalt Amine op vrijdag- en zaterdagavond om 21 uur op waar hij is.", ("Nordin",),
     "elke vrijdag en zaterdag", "Mohamed", "parenting"),
    ("Oom Mohamed neemt Amine elke zondag mee naar zijn kraam op de markt.", ("Mohamed",),
     "elke zondag", "Hassan", "work"),
    ("Karima en Hassan spreken samen één avondregel af en zeggen allebei hetzelfde tegen Amine.",
     ("Karima", "Hassan"), "vanaf volgende week", "Latifa", "parenting"),
    ("Latifa neemt Sara elke woensdagnamiddag mee; Sara kiest wat ze doen.", ("Latifa",),
     "elke woensdag", "Karima", "parenting"),
    ("Abdel laat Amine weer meetrainen, als hij die dag op school was.", ("Abdel",),
     "dinsdag en donderdag", "Nordin", "school"),
    ("De leerlingenbegeleider stuurt Karima elke vrijdag een kort bericht over de "
     "aanwezigheden van Amine.", ("Eline",), "elke vrijdag", "Hassan", "school"),
    ("Hilde vangt Adam op als Karima naar een gesprek moet.", ("Hilde",),
     "telkens het nodig is", "Latifa", "parenting"),
    ("Amine vraagt een vakantiejob aan bij de stad; Nordin helpt met het formulier.",
     ("Amine", "Nordin"), "voor 1 maart", "Mohamed", "work"),
)  # fmt: skip

VERMEERSCH = DemoFamily(
    referrer=AN,
    postcode="9800",
    domains=("reintegration", "work", "living"),
    central_question=(
        "Hoe kan Dieter na zijn vrijlating een stabiel leven opbouwen, met een woning, werk en "
        "een goed contact met zijn dochter Lena?"
    ),
    concerns=(
        "Dieter komt over zes weken vrij na achttien maanden detentie. Hij heeft geen woning, "
        "heeft schulden en mag niet meer in zijn vroegere buurt komen. Het contact met Lena (9) "
        "liep via de bezoekruimte van de gevangenis."
    ),
    limits=(
        "Dieter leeft de voorwaarden van zijn vrijlating na. Contact met Lena gebeurt volgens de "
        "afspraken met haar moeder en de justitieassistent. Geen alcohol of drugs."
    ),
    main_people=(_adult("Dieter Vermeersch", 1992),),
    children=(_child("Lena Vermeersch", dt.date(2017, 11, 5)),),
    network=(
        ("Christine Vermeersch", R.FAMILY, "moeder", INV.COMING, {}),
        ("Filip Vermeersch", R.FAMILY, "vader", INV.COMING, {}),
        ("Jolien Vermeersch", R.FAMILY, "zus", INV.COMING, {}),
        ("Tine Deprez", R.FAMILY, "mama van Lena", INV.COMING, {}),
        ("Kristof Vandenbulcke", R.FRIEND, "jeugdvriend, schrijnwerker", INV.COMING, {}),
        ("Wim Debaere", R.PROFESSIONAL, "justitieassistent", INV.COMING, {}),
        ("Sarah Lefever", R.PROFESSIONAL, "trajectbegeleider VDAB", INV.COMING, {}),
    ),
)  # fmt: skip
VERMEERSCH_PLAN: tuple[Deal, ...] = (
    ("Christine en Filip vangen Dieter de eerste drie maanden op in hun logeerkamer.",
     ("Christine", "Filip"), "vanaf de vrijlating, drie maanden", "Jolien", "living"),
    ("Jolien zoekt samen met Dieter een studio en gaat mee naar de bezoeken.",
     ("Jolien", "Dieter"), "binnen drie maanden", "Filip", "living"),
    ("Kristof neemt Dieter twee dagen per week mee op zijn werven, op proef.", ("Kristof",),
     "vanaf de tweede week", "Sarah", "work"),
    ("Dieter schrijft zich in bij de VDAB en bij de schuldbemiddeling van het OCMW.",
     ("Dieter",), "binnen een week na de vrijlating", "Wim", "work"),
    ("Lena ziet haar papa om de twee weken op zaterdag bij oma Christine, zoals afgesproken "
     "met Tine.", ("Christine", "Tine"), "om de twee weken", "Jolien", "parenting"),
    ("Dieter gaat elke maand naar de justitieassistent; Filip rijdt hem.", ("Dieter", "Filip"),
     "elke maand", "Wim", "legal"),
    ("Dieter drinkt geen alcohol; hij belt Kristof als hij het moeilijk heeft.",
     ("Dieter", "Kristof"), "altijd", "Christine", "health"),
)  # fmt: skip

LAMBRECHTS = DemoFamily(
    referrer=KATRIEN,
    postcode="9400",
    domains=("loneliness", "living"),
    central_question=(
        "Hoe kan mevrouw Lambrechts na de dood van haar man weer mensen om zich heen hebben en "
        "haar huis onderhouden?"
    ),
    concerns=(
        "Sinds haar man vorig jaar stierf, komt mevrouw Lambrechts bijna niet meer buiten. De "
        "tuin en het huis raken verwaarloosd. Ze heeft weinig contact met haar twee zonen."
    ),
    limits="Geen bijzondere grenzen; mevrouw beslist zelf wie ze in huis laat.",
    main_people=(_adult("Godelieve Lambrechts", 1956, address="Brakelsesteenweg 80, 9400 Ninove"),),
    network=(
        ("Johan Lambrechts", R.FAMILY, "zoon", INV.COMING, {}),
        ("Peter Lambrechts", R.FAMILY, "zoon", INV.COMING, {}),
        ("Annie Schoukens", R.FRIEND, "vriendin van de breiclub", INV.COMING, {}),
        ("Rik Van der Linden", R.FRIEND, "buurman", INV.COMING, {}),
    ),
    consent_method=Trajectory.ConsentMethod.VERBAL,
)  # fmt: skip
LAMBRECHTS_PLAN: tuple[Deal, ...] = (
    ("Johan komt elke zondag bij zijn moeder eten.", ("Johan",), "elke zondag", "Peter",
     "loneliness"),
    ("Peter en Rik onderhouden samen de tuin.", ("Peter", "Rik"), "om de twee weken", "Johan",
     "living"),
    ("Annie neemt Godelieve mee naar de breiclub.", ("Annie",), "elke dinsdag", "Johan",
     "loneliness"),
    ("Rik belt aan als de rolluiken om 10 uur nog dicht zijn.", ("Rik",), "elke dag", "Peter",
     "general"),
)  # fmt: skip

GIELEN = DemoFamily(
    referrer=AN,
    postcode="9230",
    domains=("loneliness", "health"),
    central_question=(
        "Wie kan Eddy helpen om na zijn ontslag uit de psychiatrische afdeling zijn dagen weer "
        "in te vullen?"
    ),
    concerns=(
        "Eddy woont alleen en heeft geen werk meer. Zijn contacten zijn de voorbije jaren een "
        "voor een weggevallen. Hij drinkt opnieuw meer."
    ),
    limits="Eddy blijft in behandeling bij het centrum voor geestelijke gezondheidszorg.",
    main_people=(_adult("Eddy Gielen", 1966),),
    network=(
        ("Marleen Gielen", R.FAMILY, "zus", INV.NOT_COMING, {}),
        ("Patrick Gielen", R.FAMILY, "broer", INV.UNREACHABLE, {}),
        ("Ronny De Wilde", R.FRIEND, "vroegere collega", INV.NOT_COMING, {}),
        ("Chris Van Hecke", R.FRIEND, "buurman", INV.NOT_COMING, {}),
        ("Liesbeth Standaert", R.PROFESSIONAL, "psycholoog CGG", INV.INVITED, {}),
    ),
)  # fmt: skip


# When each family was referred (days ago, hour). The referrals are made first, oldest first, so
# that the references (EK-<year>-<number>) follow the order of the referrals.
REFERRALS: tuple[tuple[DemoFamily, int, int], ...] = (
    (VERMEERSCH, 170, 10),
    (LAMBRECHTS, 140, 11),
    (EL_AMRANI, 110, 9),
    (HERMANS, 84, 14),
    (VERHAEGHE, 70, 10),
    (GIELEN, 60, 16),
    (DEMIR, 52, 11),
    (VAN_DAMME, 38, 10),
    (VANDENBROUCKE, 24, 21),
    (DE_SMET, 18, 13),
    (BAKKALI, 12, 15),
    (PEETERS, 4, 11),
    (JANSSENS, 3, 10),
    (WOUTERS, 1, 14),
    (YILMAZ, 0, 8),
)
