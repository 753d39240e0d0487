"""Markdown typed by staff becomes HTML without any way to run a script."""

from eigenkracht.core.markdown import markdown_to_html


def test_ordinary_markdown_becomes_headings_lists_and_links():
    html = markdown_to_html("## Wie?\n\n- **jij**\n- [wij](https://example.org)")

    assert "<h2>Wie?</h2>" in html
    assert "<li><strong>jij</strong></li>" in html
    assert '<a href="https://example.org" rel="noopener">wij</a>' in html


def test_a_top_level_heading_becomes_a_second_level_one():
    assert markdown_to_html("# Titel") == "<h2>Titel</h2>"


def test_raw_html_is_shown_as_text_not_executed():
    html = markdown_to_html('<script>alert(1)</script>\n\n<p onclick="x()">hoi</p>')

    assert "<script" not in html
    assert "<p onclick" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_dangerous_links_lose_their_address():
    html = markdown_to_html("[klik](javascript:alert(1)) en [data](data:text/html,x)")

    assert "javascript:" not in html
    assert "data:" not in html


def test_images_and_inline_styles_are_not_allowed():
    html = markdown_to_html('![foto](/x.png)\n\n<span style="color:red">x</span>')

    assert "<img" not in html
    assert "<span style" not in html
