"""Who may do what with privacy requests and the processing register: one function per question."""

from typing import Any

from eigenkracht.accounts.models import Role


def can_handle_privacy_requests(user: Any) -> bool:
    """The office and managers register, search, export and answer a person's requests."""
    return bool(
        user.is_authenticated and user.is_active and user.role in {Role.OFFICE, Role.MANAGER}
    )


def can_view_processing_register(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.MANAGER)


def can_manage_retention(user: Any) -> bool:
    """Managers set the retention terms and approve what is made anonymous."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.MANAGER)
