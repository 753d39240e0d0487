"""On a phone the header's links are folded behind "Menu": open it before clicking one."""


def open_menu(page) -> None:
    """Open the folded menu when the screen is narrow enough to fold it (a no-op otherwise)."""
    summary = page.locator("details.nav-fold:not([open]) > summary")
    if summary.is_visible():
        summary.click()


def log_out(page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Uitloggen").click()
