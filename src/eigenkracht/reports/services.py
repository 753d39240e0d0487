"""Changes the figures' pages make: the list of sectors the forms offer."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import audit_record
from eigenkracht.core.models import Sector
from eigenkracht.core.refusals import Refused


class SectorRefused(Refused):
    pass


def sector_save(
    *, sector: Sector | None, name: str, position: int, active: bool, actor: User
) -> Sector:
    """Add a sector (sector None) or change one. A sector is never deleted: the referrals and
    registrations that chose it keep it; an inactive one is no longer offered on the forms."""
    name = " ".join(name.split())
    if not name:
        raise SectorRefused(_("Vul de naam van de sector in."))
    # "caw" beside "CAW" would split a sector's figures in two and offer it twice on the forms.
    same = Sector.objects.filter(name__iexact=name)
    if sector is not None:
        same = same.exclude(pk=sector.pk)
    if same.exists():
        raise SectorRefused(_("Er bestaat al een sector met de naam “%(name)s”.") % {"name": name})
    try:
        with transaction.atomic():
            if sector is None:
                sector = Sector.objects.create(name=name, position=position, active=active)
                audit_record(actor=actor, action="sector.created", obj=sector, data={"name": name})
                return sector
            sector = Sector.objects.select_for_update().get(pk=sector.pk)
            before = {"name": sector.name, "position": sector.position, "active": sector.active}
            after = {"name": name, "position": position, "active": active}
            changes = {
                field: {"old": before[field], "new": after[field]}
                for field in before
                if before[field] != after[field]
            }
            if changes:
                for field, value in after.items():
                    setattr(sector, field, value)
                sector.save(update_fields=[*after])
                audit_record(actor=actor, action="sector.changed", obj=sector, data=changes)
            return sector
    except IntegrityError:
        raise SectorRefused(
            _("Er bestaat al een sector met de naam “%(name)s”.") % {"name": name}
        ) from None
