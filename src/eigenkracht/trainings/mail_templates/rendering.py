"""Office-edited mail texts: checking their placeholders and filling them in.

The text is Markdown with placeholders written `{naam}` or `{{ naam }}`. They are filled in by
plain substitution, never by the template engine, so nothing typed in the editor runs as code.
For the HTML version each placeholder first becomes an inert marker, the Markdown is turned into
cleaned HTML (core.markdown), and only then are the markers replaced by the escaped values: what a
registrant typed (an organisation name with `*` or `[link](...)`) is never read as Markdown.
"""

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency
from django.utils import timezone, translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from eigenkracht.core import formatting
from eigenkracht.core.markdown import markdown_to_html
from eigenkracht.trainings.mail_templates.kinds import (
    DJANGO_LANGUAGE,
    PLACEHOLDERS,
    Language,
    MailKind,
)

# `{{ name }}` first, so that `{{naam}}` is one placeholder and not `{` + `{naam}` + `}`.
TOKEN = re.compile(r"\{\{\s*(?P<double>[^{}]*?)\s*\}\}|\{(?P<single>[^{}]*)\}")
SUBJECT_MAX = 250  # the outbox keeps at most 255 characters
PURPLE = "#6b2c91"
BABEL_LOCALE = {Language.NL: "nl_BE", Language.FR: "fr_BE", Language.EN: "en_BE"}


def _name(match: re.Match) -> str:
    value = match.group("double")
    return (value if value is not None else match.group("single")).strip()


def tokens(text: str) -> list[tuple[str, str]]:
    """(as written, name) of every placeholder in the text."""
    return [(match.group(0), _name(match)) for match in TOKEN.finditer(text or "")]


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
    return Problems(subject=subject_problems, body=body_problems)


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
            '<ul style="margin:0 0 16px">{}</ul>',
            format_html_join("", "<li>{}</li>", ((item,) for item in items)),
        ),
        block=True,
    )


def _qr_image() -> str:
    return format_html(
        '<img src="cid:epc-qr" width="185" height="185" alt="{}">',
        _("QR-code om te betalen met je bankapp"),
    )


def _payment_block(rows: list[tuple[str, str]]) -> Value:
    cells = format_html_join(
        "",
        '<tr><td style="padding:4px"><strong>{}</strong></td><td style="padding:4px">{}</td></tr>',
        rows,
    )
    html = format_html(
        '<table role="presentation" cellpadding="4" cellspacing="0" '
        'style="border:2px solid {};width:100%;margin:0 0 12px">{}</table>'
        "<p>{}<br><small>{}</small></p>",
        PURPLE,
        cells,
        _qr_image(),
        _(
            "Scan deze code met je bankapp: bedrag, rekeningnummer en mededeling staan dan al "
            "ingevuld."
        ),
    )
    text = "\n".join(f"{label}: {value}" for label, value in rows)
    return Value(text=text, html=str(html), block=True)


def values(*, mail: MailKind, language: str, context: Mapping[str, Any]) -> dict[str, Value]:
    """Every placeholder of the mail with its value, from the context the mail is sent with.

    Our own words in them (the labels of {betaalinstructies}, the QR code's description) follow
    the mail's language as far as the translation catalogues go.
    """
    with translation.override(DJANGO_LANGUAGE[language]):
        return _values(mail=mail, language=language, context=context)


def _values(*, mail: MailKind, language: str, context: Mapping[str, Any]) -> dict[str, Value]:
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
        found["betaalinstructies"] = _payment_block(
            [
                (_("Bedrag"), fmt.euro(registration.amount_open_cents)),
                (_("Rekeningnummer (IBAN)"), organisation.iban_display),
                (_("BIC"), organisation.bic),
                (_("Begunstigde"), organisation.beneficiary),
                (_("Gestructureerde mededeling"), context.get("ogm", "")),
                (_("Te betalen vóór"), fmt.day(registration.payment_deadline)),
            ]
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
    ("<a ", f'<a style="color:{PURPLE}" '),
    ("<h2>", f'<h2 style="font-size:18px;color:{PURPLE}">'),
    ("<h3>", f'<h3 style="font-size:16px;color:{PURPLE}">'),
)


def _hard_breaks(text: str) -> str:
    """A new line typed in the editor stays a new line in the mail (Markdown would join them)."""
    lines = text.replace("\r\n", "\n").split("\n")
    out = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        out.append(line.rstrip() + "  " if line.strip() and following.strip() else line)
    return "\n".join(out)


def _render_html(body: str, found: Mapping[str, Value]) -> SafeString:
    nonce = secrets.token_hex(6)
    markers: dict[str, Value] = {}

    def to_marker(match: re.Match) -> str:
        value = found.get(_name(match))
        if value is None:
            return match.group(0)
        marker = f"zq{nonce}n{len(markers)}qz"  # letters and digits only: inert in Markdown
        markers[marker] = value
        return marker

    html = str(markdown_to_html(_hard_breaks(TOKEN.sub(to_marker, body or ""))))
    for old, new in _STYLES:
        html = html.replace(old, new)
    for marker, value in markers.items():
        if value.block:  # alone on its line: the block replaces the paragraph around it
            html = re.sub(rf"<p>\s*{marker}\s*</p>", lambda _m, v=value: v.html, html)
        if value.url:
            html = html.replace(f'href="{marker}"', f'href="{value.html}"')
            html = html.replace(
                marker, f'<a href="{value.html}" style="color:{PURPLE}">{value.html}</a>'
            )
        html = html.replace(marker, value.html)
    return mark_safe(html)  # noqa: S308 (cleaned by core.markdown; values escaped above)


def render(
    *, mail: MailKind, language: str, subject: str, body: str, context: Mapping[str, Any]
) -> RenderedMail:
    found = values(mail=mail, language=language, context=context)
    inline = {
        name: Value(text=" ".join(v.text.split()), html=v.html) if v.block else v
        for name, v in found.items()
    }
    rendered_subject = " ".join(_substitute_text(subject, inline).split())
    return RenderedMail(
        subject=rendered_subject[:SUBJECT_MAX],
        text=_substitute_text(body, found).strip(),  # the template adds the last newline
        html=_render_html(body, found),
        language=language,
    )
