"""axe-core finds no accessibility violation on the staff and public pages: all of them at
1366 px, and the pages with a folded menu or stacked tables at 390 px."""

from importlib.resources import files

import pytest

from tests.browser.staff_sessions import demo_pages, role_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# axe-core itself comes with the dev dependency axe-playwright-python (requirements/dev.lock).
axe_package = pytest.importorskip(
    "axe_playwright_python", reason="axe-core comes with axe-playwright-python: make install"
)
AXE_SOURCE = files(axe_package).joinpath("axe.min.js").read_text()

# At 390 px: the public menu, the staff menu, and lists that become cards.
PHONE_PAGES = {
    "public": ["/", "/vormingen/"],
    "office": [
        "/beheer/",
        "/beheer/vormingen/inschrijvingen/",
        "/beheer/betalingen/terugbetalingen/",
        "/trajecten/",
    ],
    "coordinator": ["/trajecten/"],
}


def violations(page) -> list[str]:
    # Evaluated through the browser's debugger, so the pages' CSP (no inline script) still holds.
    page.evaluate(AXE_SOURCE)
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in found
    ]


def test_no_page_has_an_axe_violation(browser, live_server, settings):
    settings.SITE_URL = live_server.url
    pages = demo_pages()
    problems = []
    for width, per_role in ((1366, pages), (390, PHONE_PAGES)):
        for role, paths in per_role.items():
            context = role_context(browser, live_server, role, width=width)
            page = context.new_page()
            for path in paths:
                page.goto(live_server.url + path)
                problems += [f"{role} {path} at {width} px: {v}" for v in violations(page)]
            context.close()

    assert problems == [], "\n".join(problems)
