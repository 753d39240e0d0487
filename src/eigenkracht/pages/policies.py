"""Who may do what with the public pages: one function per question."""

from typing import Any

from eigenkracht.accounts.policies import can_use_backoffice


def can_edit_pages(user: Any) -> bool:
    """Office staff and managers keep the public texts up to date."""
    return can_use_backoffice(user)
