"""Markdown typed by staff, turned into HTML that is safe to show on a public page.

Two layers: Python-Markdown is told not to pass raw HTML through (so `<script>` typed in a
page shows as text), and the result is cleaned by nh3 with a short allow-list of tags and
attributes. Neither layer alone is trusted to be enough.
"""

import xml.etree.ElementTree as ET

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

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

# The page title is the only <h1>; headings typed in the text start one level lower.
HEADING_MAP = {"h1": "h2", "h5": "h4", "h6": "h4"}


class _HeadingLevels(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            element.tag = HEADING_MAP.get(element.tag, element.tag)


class _NoRawHtml(Extension):
    """Treat HTML typed in the text as text: it is escaped, never passed through."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_HeadingLevels(md), "heading_levels", 1)


def markdown_to_html(text: str) -> SafeString:
    """Render Markdown to sanitised HTML, ready to be placed in a template."""
    html = markdown.markdown(text or "", extensions=[_NoRawHtml(), "sane_lists"])
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
