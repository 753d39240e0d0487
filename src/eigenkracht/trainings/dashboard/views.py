"""The trainings dashboard: figures per training and registrations per week."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.trainings.dashboard import chart, selectors
from eigenkracht.trainings.dashboard.forms import DashboardFilterForm, period_from


@policy_required(can_use_backoffice)
def dashboard(request: HttpRequest) -> HttpResponse:
    period = period_from(request.GET)
    trainings = list(selectors.dashboard_trainings(period))
    filters = DashboardFilterForm(request.GET or None, trainings=trainings)
    chosen = filters.cleaned_data["training"] if filters.is_valid() else None
    chart_training = next((t for t in trainings if t.pk == chosen), None)
    weeks = selectors.registrations_per_week(
        training_id=chart_training.pk if chart_training else None
    )
    if chart_training:
        title = _("Inschrijvingen per week voor %(title)s") % {"title": chart_training.title}
    else:
        title = _("Inschrijvingen per week, alle vormingen")
    return render(
        request,
        "trainings/dashboard/dashboard.html",
        {
            "filters": filters,
            "period": period,
            "trainings": trainings,
            "totals": selectors.totals(trainings),
            "weeks": weeks,
            "chart_title": title,
            "chart": chart.weekly_chart(
                weeks,
                chart_id="registrations-chart",
                title=title,
                description=chart.chart_description(weeks),
            ),
        },
    )
