"""The Python-Markdown extension of `core.markdown`: HTML typed in the text is shown as text, and
headings start one level below the page title. A module of its own so that Python-Markdown loads
when a text is rendered, not with every process that imports `core.markdown`."""

import xml.etree.ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# The page title is the only <h1>; headings typed in the text start one level lower.
HEADING_MAP = {"h1": "h2", "h5": "h4", "h6": "h4"}


class _HeadingLevels(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            element.tag = HEADING_MAP.get(element.tag, element.tag)


class NoRawHtml(Extension):
    """Treat HTML typed in the text as text: it is escaped, never passed through."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_HeadingLevels(md), "heading_levels", 1)
