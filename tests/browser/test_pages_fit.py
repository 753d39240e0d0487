"""Every staff and public page fits the screen at a phone's 390 px and a laptop's 1366 px: nothing
scrolls sideways (a wide table scrolls inside its own labelled box, no wider than the screen), and
on the laptop no table is clipped. The pages are those a newcomer tries, from the demo data."""

import pytest

from tests.browser.staff_sessions import demo_pages, role_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = 1366
WIDTHS = (390, LAPTOP)
# On a laptop every column of a table is in view: its scroll box does not need to scroll.
CLIPPED_TABLES = """
[...document.querySelectorAll('.table-scroll')]
  .filter(box => box.scrollWidth > box.clientWidth + 1)
  .map(box => (box.getAttribute('aria-label') || box.querySelector('caption, th')?.textContent
    || '').trim().slice(0, 60) + ': ' + box.scrollWidth + ' > ' + box.clientWidth)
"""


def test_every_page_fits_a_phone_and_a_laptop(browser, live_server, settings):
    settings.SITE_URL = live_server.url
    pages = demo_pages()
    problems = []
    for role, paths in pages.items():
        for width in WIDTHS:
            context = role_context(browser, live_server, role, width=width)
            page = context.new_page()
            for path in paths:
                response = page.goto(live_server.url + path)
                if response.status != 200:
                    problems.append(f"{role} {path}: status {response.status}")
                    continue
                scroll, inner = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                if scroll > inner:
                    problems.append(f"{role} {path} at {width} px: {scroll} px wide")
                if width == LAPTOP:
                    problems += [
                        f"{role} {path} at {width} px: a table is clipped ({box})"
                        for box in page.evaluate(CLIPPED_TABLES)
                    ]
            context.close()

    assert sum(len(paths) for paths in pages.values()) > 50
    assert problems == [], "\n".join(problems)
