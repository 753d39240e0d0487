"""Markdown typed by staff, turned into HTML that is safe to show on a public page.

Two layers: Python-Markdown is told not to pass raw HTML through (so `<script>` typed in a
page shows as text), and the result is cleaned by nh3 with a short allow-list of tags and
attributes. Neither layer alone is trusted to be enough.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "a",
        "blockquote",
        "code",
        "pre",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "noopener"


def markdown_to_html(text: str) -> SafeString:
    """Render Markdown to sanitised HTML, ready to be placed in a template."""
    # Loaded when used: Python-Markdown costs every process 10 ms at start-up (the models import
    # this module), and commands render no text.
    import markdown

    from eigenkracht.core.markdown_rules import NoRawHtml

    html = markdown.markdown(text or "", extensions=[NoRawHtml(), "sane_lists"])
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 (cleaned by nh3 with the allow-list above)
