import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from eigenkracht.privacy.models import PrivacyRequest


def overdue_requests(today: dt.date | None = None) -> QuerySet[PrivacyRequest]:
    """Open requests past their deadline, or past the extension when there is one (the list's
    filter and the back office's count)."""
    today = today or timezone.localdate()
    return PrivacyRequest.objects.filter(status=PrivacyRequest.Status.OPEN).filter(
        Q(extended_to__isnull=True, deadline__lt=today) | Q(extended_to__lt=today)
    )
