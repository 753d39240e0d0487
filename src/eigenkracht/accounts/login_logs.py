"""The log django-axes keeps of every login and failed try: kept for LOGIN_LOG_DAYS, for security
(core.retention_terms, "login_logs"), then deleted by run_periodic."""

import datetime as dt

from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone


def login_logs_prune(*, now: dt.datetime | None = None) -> int:
    """Delete the entries older than the term; how many went."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.LOGIN_LOG_DAYS)
    deleted, _per_model = AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
    failures, _per_model = AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()
    return deleted + failures
