"""A registrant's pages open for a browser that followed the link from a mail."""

from django.urls import reverse


def registrant_url(client, name: str, registration) -> str:
    """Follow the mail's link in `client`, then give the address of one of the registrant's pages
    ("registration" for the page itself, else a name from the self-service urls)."""
    client.get(reverse("trainings:registration_link", args=[registration.token]))
    if name == "registration":
        return reverse("trainings:registration", args=[registration.code])
    return reverse(f"trainings:self_service:{name}", args=[registration.code])
