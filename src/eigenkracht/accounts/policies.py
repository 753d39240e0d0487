"""Who may do what in the accounts and back-office part: one function per question."""

from typing import Any

from eigenkracht.accounts.models import Role

STAFF_ROLES = frozenset({Role.OFFICE, Role.MANAGER})


def can_use_backoffice(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role in STAFF_ROLES)


def can_manage_organisation(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.MANAGER)


def can_use_trajectories(user: Any) -> bool:
    """Anyone with a role that may see at least one trajectory (a question of roles only, so it
    lives here: the login's landing page asks it too)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role in {*STAFF_ROLES, Role.COORDINATOR, Role.REFERRER}
    )


def can_see_all_api_tokens(user: Any) -> bool:
    """Managers see (and may revoke) every API key; other staff only their own."""
    return can_use_backoffice(user) and user.role == Role.MANAGER


def needs_second_factor(user: Any) -> bool:
    """Every active account logs in with a second factor (TOTP, with recovery codes).

    Every role (office, manager, coordinator, referrer) has some access to trajectories, and a
    trainer sees participants' names; the product rule is that such accounts use a second
    factor, so this is true for every active user.
    """
    return bool(getattr(user, "is_active", False))


def can_teach(user: Any) -> bool:
    """Trainers see their own trainings' participants and record attendance, nothing else; which
    trainings are theirs is asked of the trainings app."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.TRAINER)
