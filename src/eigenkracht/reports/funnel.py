"""Which organisation a trainee or a referrer belongs to, for the training-to-referral funnel.
Pure: no Django. The rule (docs/decisions.md, "The training-to-referral funnel"):

- A trainee's organisation is the domain of the registration's e-mail address ("@caw.be"),
  unless that domain is a public mail provider (gmail.com, telenet.be, ...): then the name of
  the organisation as typed, normalised (lower case, accents, punctuation and legal forms such as
  "vzw" removed). A trainee with neither has no organisation and is not counted.
- A referral belongs to its e-mail domain (when not public) and to its normalised organisation
  name: it matches a trainee's organisation when either is equal.
"""

import re
import unicodedata

PUBLIC_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.be", "outlook.com", "outlook.be",
        "live.com", "live.be", "msn.com", "yahoo.com", "yahoo.fr", "icloud.com", "me.com",
        "telenet.be", "skynet.be", "proximus.be", "scarlet.be", "pandora.be", "hotmail.fr",
        "gmx.com", "gmx.net", "protonmail.com", "proton.me", "orange.be", "voo.be",
        # Reserved for examples: the demo's fictitious people all share them.
        "example.be", "example.org", "example.com", "example.net",
    }
)  # fmt: skip
LEGAL_FORMS = frozenset({"vzw", "asbl", "bv", "nv", "cv", "bvba", "vof", "ivzw", "ev", "srl"})


def email_key(email: str) -> str:
    domain = email.rpartition("@")[2].strip().lower()
    if not domain or domain in PUBLIC_DOMAINS:
        return ""
    return "@" + domain


def name_key(organisation: str) -> str:
    folded = unicodedata.normalize("NFKD", organisation.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = [w for w in re.split(r"[^0-9a-z]+", plain) if w and w not in LEGAL_FORMS]
    return " ".join(words)


def organisation_key(*, organisation: str, email: str) -> str:
    """The trainee's organisation: its mail domain, else its name; "" when neither."""
    return email_key(email) or name_key(organisation)


def referral_keys(*, organisation: str, email: str) -> set[str]:
    """Every key a referral matches: its mail domain and its organisation's name."""
    return {key for key in (email_key(email), name_key(organisation)) if key}
