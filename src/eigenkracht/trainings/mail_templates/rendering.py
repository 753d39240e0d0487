"""Office-edited mail texts: checking their placeholders and filling them in.

The text is Markdown with placeholders written `{naam}` or `{{ naam }}`. They are filled in by
plain substitution, never by the template engine, so nothing typed in the editor runs as code.
For the HTML version each placeholder first becomes an inert marker, the Markdown is turned into
cleaned HTML (core.markdown), and only then are the markers replaced by the escaped values: what a
registrant typed (an organisation name with `*` or `[link](...)`) is never read as Markdown.

Because values go in after that cleaning, where a placeholder stands matters: the check refuses a
placeholder in a link (only a link placeholder may be a link's address) and a list or table that
does not stand alone on its line. Saved texts from before that check, and anything the check might
miss, are covered by a second cleaning of the finished HTML with the same allow-list plus exactly
the markup this module writes itself: no `javascript:` address can come out of it.
"""

import datetime as dt
import re
import secrets
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import nh3
from babel.dates import format_date
from babel.numbers import format_currency
from django.utils import timezone, translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eigenkracht.core import formatting
from eigenkracht.core.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    LINK_REL,
    URL_SCHEMES,
    markdown_to_html,
)
from eigenkracht.trainings.employer_paying import employer_paying
from eigenkracht.trainings.mail_templates.kinds import (
    DJANGO_LANGUAGE,
    PLACEHOLDERS,
    Language,
    MailKind,
)

# `{{ name }}` first, so that `{{naam}}` is one placeholder and not `{` + `{naam}` + `}`.
TOKEN = re.compile(r"\{\{\s*(?P<double>[^{}]*?)\s*\}\}|\{(?P<single>[^{}]*)\}")
# What is left of a placeholder once the whole ones are out: an opening brace and a name.
UNCLOSED = re.compile(r"\{+\s*[A-Za-z_]+")
SUBJECT_MAX = 250  # the outbox keeps at most 255 characters
PURPLE = "#6b2c91"
# The markup this module writes itself (the mail layout has no stylesheet). The final cleaning
# lets these exact attribute values through and nothing else: see _OWN_MARKUP.
LINK_STYLE = f"color:{PURPLE}"
H2_STYLE = f"font-size:18px;color:{PURPLE}"
H3_STYLE = f"font-size:16px;color:{PURPLE}"
LIST_STYLE = "margin:0 0 16px"
TABLE_STYLE = f"border:2px solid {PURPLE};width:100%;margin:0 0 12px"
CELL_STYLE = "padding:4px"
QR_SOURCE = "cid:epc-qr"
QR_SIZE = "185"
BABEL_LOCALE = {Language.NL: "nl_BE", Language.FR: "fr_BE", Language.EN: "en_BE"}


def _name(match: re.Match) -> str:
    value = match.group("double")
    return (value if value is not None else match.group("single")).strip()


def tokens(text: str) -> list[tuple[str, str]]:
    """(as written, name) of every placeholder in the text."""
    return [(match.group(0), _name(match)) for match in TOKEN.finditer(text or "")]


def _unclosed_problem(text: str) -> list[str]:
    """A placeholder without its closing brace ("Dag {voornaam,") would reach the mail as it is."""
    found = _unique(match.group(0) for match in UNCLOSED.finditer(TOKEN.sub("", text or "")))
    if not found:
        return []
    return [
        ngettext(
            "Deze plaatshouder is niet gesloten: %(written)s. Zet er een } achter.",
            "Deze plaatshouders zijn niet gesloten: %(written)s. Zet er telkens een } achter.",
            len(found),
        )
        % {"written": ", ".join(found)}
    ]


@dataclass(frozen=True)
class Problems:
    subject: list[str]
    body: list[str]

    def __bool__(self) -> bool:
        return bool(self.subject or self.body)


def _unique(items: Iterable[str]) -> list[str]:
    """Each once, in the order they stand in the text."""
    return list(dict.fromkeys(items))


def _valid_list(names: list[str]) -> str:
    return ", ".join("{" + name + "}" for name in names)


def check(*, mail: MailKind, subject: str, body: str) -> Problems:
    """What is wrong with the placeholders of a subject and a text, in words for the office."""
    allowed = list(mail.placeholders)
    in_subject = [name for name in allowed if not PLACEHOLDERS[name].block]
    subject_problems, body_problems = [], []

    in_use = tokens(subject)
    unknown = _unique(written for written, name in in_use if name not in allowed)
    if unknown:
        subject_problems.append(
            _("Onbekende plaatshouder: %(unknown)s. In het onderwerp kan je gebruiken: %(valid)s.")
            % {"unknown": ", ".join(unknown), "valid": _valid_list(in_subject)}
        )
    blocks = _unique(w for w, name in in_use if name in allowed and name not in in_subject)
    if blocks:
        subject_problems.append(
            _(
                "%(blocks)s past niet in het onderwerp. In het onderwerp kan je gebruiken: "
                "%(valid)s."
            )
            % {"blocks": ", ".join(blocks), "valid": _valid_list(in_subject)}
        )
    unknown = _unique(written for written, name in tokens(body) if name not in allowed)
    if unknown:
        body_problems.append(
            _("Onbekende plaatshouder: %(unknown)s. Geldige plaatshouders zijn: %(valid)s.")
            % {"unknown": ", ".join(unknown), "valid": _valid_list(allowed)}
        )
    used = {name for _written, name in tokens(body)}
    for group in mail.required:
        if used.intersection(group):
            continue
        names = ["{" + name + "}" for name in group]
        if len(names) == 1:
            body_problems.append(_("Deze mail moet %(name)s bevatten.") % {"name": names[0]})
        else:
            body_problems.append(
                _("Deze mail moet %(first)s of %(second)s bevatten.")
                % {"first": names[0], "second": names[1]}
            )
    body_problems.extend(_placement_problems(mail, body))
    subject_problems.extend(_unclosed_problem(subject))
    body_problems.extend(_unclosed_problem(body))
    return Problems(subject=subject_problems, body=body_problems)


class _Places(HTMLParser):
    """Where each marker ended up in the HTML: (marker, place) with place one of "href" (the
    whole address of a link), "attribute" (in any other attribute, or part of an address),
    "link text" and "text"."""

    def __init__(self, markers: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.pattern = re.compile("|".join(re.escape(m) for m in markers) or r"(?!)")
        self.in_link = 0
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for attribute, value in attrs:
            for marker in self.pattern.findall(value or ""):
                whole = tag == "a" and attribute == "href" and value == marker
                self.found.append((marker, "href" if whole else "attribute"))
        if tag == "a":
            self.in_link += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self.in_link -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.in_link:
            self.in_link -= 1

    def handle_data(self, data: str) -> None:
        for marker in self.pattern.findall(data):
            self.found.append((marker, "link text" if self.in_link else "text"))


def _placement_problems(mail: MailKind, body: str) -> list[str]:
    """Placeholders that stand where their value would break the mail or slip past the cleaning:
    in a link (other than a link placeholder as the address), or a block not alone on its line.
    Read from the HTML the text really becomes, so every way Markdown has to write a link
    (inline, by reference, as an image) counts."""
    marked, markers = _with_markers(body, mail.placeholders)
    html = _to_html(marked, markers)
    problems: list[str] = []
    lines = {marker: line for line in marked.splitlines() for marker in _MARKER.findall(line)}
    not_alone = [
        marker
        for marker, found in markers.items()
        if PLACEHOLDERS[found.name].block
        and (
            lines.get(marker, "").strip() != marker
            or not re.search(rf"<p>\s*{marker}\s*</p>", html)
        )
    ]
    for written in _unique(markers[marker].written for marker in not_alone):
        problems.append(
            _(
                "%(placeholder)s is een lijst of kader en moet alleen op een eigen regel staan, "
                "zonder andere tekst ervoor of erna."
            )
            % {"placeholder": written}
        )
    parser = _Places(markers)
    parser.feed(html)
    parser.close()
    places: dict[str, set[str]] = {}
    for marker, place in parser.found:
        places.setdefault(marker, set()).add(place)
    links = [PLACEHOLDERS[name].token for name in mail.placeholders if PLACEHOLDERS[name].link]
    in_target, in_text, lost = [], [], []
    for marker, found in markers.items():
        if marker in not_alone:
            continue
        where = places.get(marker, set())
        if not where:
            lost.append(found)
        if "attribute" in where or ("href" in where and not PLACEHOLDERS[found.name].link):
            in_target.append(found)
        if "link text" in where:
            in_text.append(found)
    for written in _unique(f.written for f in in_target if PLACEHOLDERS[f.name].link):
        problems.append(
            _(
                "%(placeholder)s moet het hele adres van de link zijn, zonder andere tekst erbij, "
                "zo: [tekst van de link](%(placeholder)s)."
            )
            % {"placeholder": written}
        )
    for written in _unique(f.written for f in in_target if not PLACEHOLDERS[f.name].link):
        if links:
            message = _(
                "%(placeholder)s staat in het adres van een link. Alleen een link-plaatshouder "
                "(%(links)s) kan het adres van een link zijn, zo: "
                "[tekst van de link](%(example)s). Zet andere plaatshouders buiten de link."
            ) % {"placeholder": written, "links": ", ".join(links), "example": links[0]}
        else:
            message = _(
                "%(placeholder)s staat in het adres van een link. In deze mail kan een "
                "plaatshouder geen adres zijn; zet hem buiten de link."
            ) % {"placeholder": written}
        problems.append(message)
    for written in _unique(f.written for f in in_text):
        problems.append(
            _(
                "%(placeholder)s staat in de tekst van een link. Een plaatshouder kan niet in een "
                "link staan: zet hem voor of na de link."
            )
            % {"placeholder": written}
        )
    for written in _unique(f.written for f in lost):
        problems.append(
            _(
                "%(placeholder)s staat op een plaats waar hij niet ingevuld kan worden, zoals in "
                "een afbeelding of in een e-mailadres tussen < en >. Zet hem in de gewone tekst."
            )
            % {"placeholder": written}
        )
    return problems


# Values ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    text: str
    html: str  # already escaped or built from escaped parts
    block: bool = False
    # An address: a link of its own in the HTML mail, or the target of a Markdown link.
    url: bool = False

    @classmethod
    def plain(cls, text: Any) -> "Value":
        text = "" if text is None else str(text)
        return cls(text=text, html=escape(text))

    @classmethod
    def link(cls, address: str) -> "Value":
        return cls(text=address, html=escape(address), url=True)


class _Format:
    """Dates, hours and money the way the registrant's language writes them."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.locale = BABEL_LOCALE[language]

    def day(self, value: dt.date | None) -> str:
        if value is None:
            return "-"
        if self.language == Language.NL:
            return formatting.day(value)
        return format_date(value, "EEEE d MMMM y", locale=self.locale)

    def clock(self, value: dt.time) -> str:
        if self.language == Language.FR:
            return f"{value.hour}h{value.minute:02d}"
        if self.language == Language.EN:
            return f"{value.hour}:{value.minute:02d}"
        return formatting.clock(value)

    def session(self, session: Any) -> str:
        return (
            f"{self.day(session.date)}, "
            f"{self.clock(session.start_time)}-{self.clock(session.end_time)}"
        )

    def moment(self, value: dt.datetime | None) -> str:
        if value is None:
            return "-"
        value = timezone.localtime(value)
        return f"{self.day(value.date())}, {self.clock(value.time())}"

    def euro(self, cents: int) -> str:
        if self.language == Language.NL:
            return formatting.euro(cents)
        return format_currency(cents / 100, "EUR", locale=self.locale).replace("\xa0", " ")


def _lines(items: list[str]) -> Value:
    return Value(
        text="\n".join(f"- {item}" for item in items),
        html=format_html(
            '<ul style="{}">{}</ul>',
            LIST_STYLE,
            format_html_join("", "<li>{}</li>", ((item,) for item in items)),
        ),
        block=True,
    )


def _qr_image() -> str:
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}">',
        QR_SOURCE,
        QR_SIZE,
        QR_SIZE,
        _("QR-code om te betalen met je bankapp"),
    )


def _payment_block(rows: list[tuple[str, str]], *, employer: str) -> Value:
    """The payment details; with the QR code for the registrant to scan, or, when `employer`'s
    invoice pays, saying so first (the details are there for the employer who asks them)."""
    cells = format_html_join(
        "",
        '<tr><td style="{}"><strong>{}</strong></td><td style="{}">{}</td></tr>',
        ((CELL_STYLE, label, CELL_STYLE, value) for label, value in rows),
    )
    table = format_html(
        '<table role="presentation" cellpadding="4" cellspacing="0" style="{}">{}</table>',
        TABLE_STYLE,
        cells,
    )
    text = "\n".join(f"{label}: {value}" for label, value in rows)
    if employer:
        intro = _(
            "Je werkgever betaalt: de factuur ging naar %(employer)s. Je hoeft zelf niet te "
            "betalen. Vraagt je werkgever de betaalgegevens? Ze staan ook op de factuur:"
        ) % {"employer": employer}
        html = format_html("<p>{}</p>{}", intro, table)
        return Value(text=f"{intro}\n{text}", html=str(html), block=True)
    html = format_html(
        "{}<p>{}<br><small>{}</small></p>",
        table,
        _qr_image(),
        _(
            "Scan deze code met je bankapp: bedrag, rekeningnummer en mededeling staan dan al "
            "ingevuld."
        ),
    )
    return Value(text=text, html=str(html), block=True)


def values(
    *, mail: MailKind, language: str, context: Mapping[str, Any], employer: str
) -> dict[str, Value]:
    """Every placeholder of the mail with its value, from the context the mail is sent with.

    Our own words in them (the labels of {betaalinstructies}, the QR code's description) follow
    the mail's language as far as the translation catalogues go. `employer`: the employer whose
    open invoice pays the registration ('' for none): the details are then for them.
    """
    with translation.override(DJANGO_LANGUAGE[language]):
        return _values(mail=mail, language=language, context=context, employer=employer)


def _values(
    *, mail: MailKind, language: str, context: Mapping[str, Any], employer: str
) -> dict[str, Value]:
    fmt = _Format(language)
    organisation = context["organisation"]
    training = context["training"]
    sessions = list(context.get("sessions") or [])
    venue = training.venue
    person = context.get("participant") or context["registration"]
    found: dict[str, Value] = {
        "voornaam": Value.plain(person.first_name),
        "familienaam": Value.plain(person.last_name),
        "naam": Value.plain(person.full_name),
        "vorming": Value.plain(training.title),
        "eerste_datum": Value.plain(fmt.day(sessions[0].date) if sessions else None),
        "sessies": _lines([fmt.session(s) for s in sessions]),
        "locatie": Value.plain(f"{venue.name}, {venue.street}, {venue.postcode} {venue.city}"),
        "organisatie": Value.plain(organisation.name),
        "organisatie_email": Value.plain(organisation.email),
        "reden": Value.plain(context.get("reason", "")),
    }
    registration = context.get("registration")
    if registration is not None and "participant" not in context:
        participants = list(context.get("participants") or [])
        found.update(
            {
                "code": Value.plain(registration.code),
                "deelnemers": _lines([f"{p.full_name} ({p.email})" for p in participants]),
                "aantal_deelnemers": Value.plain(len(participants)),
                "inschrijving_link": Value.link(context.get("registration_url", "")),
                "te_betalen": Value.plain(fmt.euro(registration.amount_due_cents)),
                "betaald": Value.plain(fmt.euro(registration.amount_paid_cents)),
                "nog_te_betalen": Value.plain(fmt.euro(registration.amount_open_cents)),
                "mededeling": Value.plain(context.get("ogm", "")),
                "betalen_voor": Value.plain(fmt.day(registration.payment_deadline)),
                "iban": Value.plain(organisation.iban_display),
                "bic": Value.plain(organisation.bic),
                "begunstigde": Value.plain(organisation.beneficiary),
                "qr_code": Value(text="", html=_qr_image()),
                "aanbod_link": Value.link(context.get("offer_url", "")),
                "aanbod_geldig_tot": Value.plain(fmt.moment(registration.offer_expires_at)),
            }
        )
        if not registration.payment_open:  # paid meanwhile, or no longer asked (see there)
            found["qr_code"] = Value.plain("")
            nothing = _("Je hoeft hiervoor niets (meer) te betalen.")
            found["betaalinstructies"] = Value.plain(nothing)
        else:
            if employer:  # a QR code would invite the registrant to pay the employer's invoice
                found["qr_code"] = Value.plain("")
            found["betaalinstructies"] = _payment_block(
                [
                    (_("Bedrag"), fmt.euro(registration.amount_open_cents)),
                    (_("Rekeningnummer (IBAN)"), organisation.iban_display),
                    (_("BIC"), organisation.bic),
                    (_("Begunstigde"), organisation.beneficiary),
                    (_("Gestructureerde mededeling"), context.get("ogm", "")),
                    (_("Te betalen vóór"), fmt.day(registration.payment_deadline)),
                ],
                employer=employer,
            )
    return {name: found.get(name, Value.plain("")) for name in mail.placeholders}


# Rendering -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: SafeString
    language: str

    def template_context(self) -> dict[str, Any]:
        """What `trainings/emails/custom*` need to lay the mail out."""
        return {
            "custom_subject": self.subject,
            "custom_text": self.text,
            "custom_html": self.html,
            "custom_language": DJANGO_LANGUAGE[self.language],
        }


def _substitute_text(text: str, found: Mapping[str, Value]) -> str:
    def replace(match: re.Match) -> str:
        value = found.get(_name(match))
        return value.text if value is not None else match.group(0)

    return TOKEN.sub(replace, text or "")


# Our own markup on what Markdown makes: the mail layout has no stylesheet.
_STYLES = (
    ("<a ", f'<a style="{LINK_STYLE}" '),
    ("<h2>", f'<h2 style="{H2_STYLE}">'),
    ("<h3>", f'<h3 style="{H3_STYLE}">'),
)
# What the final cleaning lets through besides core.markdown's allow-list: exactly the attribute
# values written above (nothing typed in the editor or by a registrant can add one).
_OWN_TAGS = {"table", "tbody", "tr", "td", "img", "small"}
_OWN_MARKUP = {
    "a": {"style": {LINK_STYLE}},
    "h2": {"style": {H2_STYLE}},
    "h3": {"style": {H3_STYLE}},
    "ul": {"style": {LIST_STYLE}},
    "table": {
        "role": {"presentation"},
        "cellpadding": {"4"},
        "cellspacing": {"0"},
        "style": {TABLE_STYLE},
    },
    "td": {"style": {CELL_STYLE}},
    "img": {"src": {QR_SOURCE}, "width": {QR_SIZE}, "height": {QR_SIZE}},
}
_MARKER = re.compile(r"zq[0-9a-f]{12}n\d+qz")


@dataclass(frozen=True)
class _Found:
    name: str
    written: str  # as it stands in the text, for the messages


def _with_markers(body: str, names: Collection[str]) -> tuple[str, dict[str, _Found]]:
    """The text with every known placeholder replaced by a marker of its own (letters and digits
    only: inert in Markdown), and which placeholder each marker stands for."""
    nonce = secrets.token_hex(6)
    markers: dict[str, _Found] = {}

    def to_marker(match: re.Match) -> str:
        name = _name(match)
        if name not in names:
            return match.group(0)
        marker = f"zq{nonce}n{len(markers)}qz"
        markers[marker] = _Found(name=name, written=match.group(0))
        return marker

    return TOKEN.sub(to_marker, body or ""), markers


def _hard_breaks(text: str) -> str:
    """A new line typed in the editor stays a new line in the mail (Markdown would join them)."""
    lines = text.replace("\r\n", "\n").split("\n")
    out = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        out.append(line.rstrip() + "  " if line.strip() and following.strip() else line)
    return "\n".join(out)


def _blocks_apart(text: str, blocks: Collection[str]) -> str:
    """A block alone on its line becomes a paragraph of its own, which the block replaces (with
    text on the lines right above or below it would otherwise end up inside that paragraph)."""
    out = []
    for line in text.replace("\r\n", "\n").split("\n"):
        out.extend(["", line.strip(), ""] if line.strip() in blocks else [line])
    return "\n".join(out)


def _to_html(marked: str, markers: Mapping[str, _Found]) -> str:
    blocks = {m for m, found in markers.items() if PLACEHOLDERS[found.name].block}
    html = str(markdown_to_html(_hard_breaks(_blocks_apart(marked, blocks))))
    for old, new in _STYLES:
        html = html.replace(old, new)
    return html


_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_ATTRIBUTE = re.compile(r'(?P<name>[\w-]+)="(?P<value>[^"]*)"')


def _fill_attributes(html: str, markers: Mapping[str, _Found], found: Mapping[str, Value]) -> str:
    """Markers inside tags: a link placeholder that is a link's whole address becomes that
    address; an address is never built from anything else; other attributes (a link's title)
    get the plain text."""

    def attribute(match: re.Match) -> str:
        name, value = match.group("name"), match.group("value")

        def fill(marker_match: re.Match) -> str:
            filled = found[markers[marker_match.group(0)].name]
            if name == "href" and value == marker_match.group(0) and filled.url:
                return filled.html
            if name in {"href", "src"}:
                return ""
            return escape(" ".join(filled.text.split()))

        return f'{name}="{_MARKER.sub(fill, value)}"'

    return _TAG.sub(lambda tag: _ATTRIBUTE.sub(attribute, tag.group(0)), html)


def _no_cid_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href" and value.strip().lower().startswith("cid:"):
        return None
    return value


def clean_mail_html(html: str) -> str:
    """The finished HTML of a mail, cleaned with core.markdown's allow-list (addresses only
    http, https, mailto and tel) plus this module's own markup."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS) | _OWN_TAGS,
        clean_content_tags={"script", "style"},
        attributes={
            **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
            "img": {"alt"},
        },
        tag_attribute_values={
            tag: {name: set(allowed) for name, allowed in values.items()}
            for tag, values in _OWN_MARKUP.items()
        },
        attribute_filter=_no_cid_links,
        url_schemes=set(URL_SCHEMES) | {"cid"},
        link_rel=LINK_REL,
        strip_comments=True,
    )


def _render_html(body: str, found: Mapping[str, Value]) -> SafeString:
    marked, markers = _with_markers(body, found)
    html = _fill_attributes(_to_html(marked, markers), markers, found)
    for marker, placeholder in markers.items():
        value = found[placeholder.name]
        if value.block:  # alone on its line: the block replaces the paragraph around it
            html = re.sub(rf"<p>\s*{marker}\s*</p>", lambda _m, v=value: v.html, html)
        if value.url:
            html = html.replace(
                marker, f'<a href="{value.html}" style="{LINK_STYLE}">{value.html}</a>'
            )
        html = html.replace(marker, value.html)
    return mark_safe(clean_mail_html(html))  # noqa: S308 (cleaned by nh3 just above)


def render(
    *, mail: MailKind, language: str, subject: str, body: str, context: Mapping[str, Any]
) -> RenderedMail:
    employer = _employer(mail, context)
    found = values(mail=mail, language=language, context=context, employer=employer)
    inline = {
        name: Value(text=" ".join(v.text.split()), html=v.html) if v.block else v
        for name, v in found.items()
    }
    rendered_subject = " ".join(_substitute_text(subject, inline).split())
    text = _substitute_text(body, found).strip()  # the template adds the last newline
    html = _render_html(body, found)
    # A text that writes the payment details out ({iban}, {mededeling}...) instead of using
    # {betaalinstructies} still must not ask someone to pay what their employer's invoice pays.
    if employer and not _uses(body, {"betaalinstructies"}) and _uses(body, PAYMENT_DETAILS):
        with translation.override(DJANGO_LANGUAGE[language]):
            notice = _(
                "Je werkgever betaalt: de factuur ging naar %(employer)s. Je hoeft zelf niet te "
                "betalen; de betaalgegevens in deze mail zijn voor je werkgever en staan ook op "
                "de factuur."
            ) % {"employer": employer}
        text = f"{notice}\n\n{text}"
        html = format_html("<p>{}</p>{}", notice, html)
    return RenderedMail(
        subject=rendered_subject[:SUBJECT_MAX], text=text, html=html, language=language
    )


# The placeholders that put payment details in a text written without {betaalinstructies}.
PAYMENT_DETAILS = frozenset(
    {"nog_te_betalen", "te_betalen", "iban", "bic", "begunstigde", "mededeling", "betalen_voor",
     "qr_code"}
)  # fmt: skip


def _uses(body: str, names: Collection[str]) -> bool:
    """Whether the text uses one of these placeholders, in any of the forms `tokens` reads."""
    return any(name in names for _written, name in tokens(body))


def _employer(mail: MailKind, context: Mapping[str, Any]) -> str:
    """The employer whose open invoice pays the registration of a mail that asks for payment."""
    registration = context.get("registration")
    if (
        "betaalinstructies" not in mail.placeholders
        or registration is None
        or "participant" in context
        or not registration.payment_open
    ):
        return ""
    return employer_paying(registration)
