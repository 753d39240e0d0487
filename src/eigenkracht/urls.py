from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

from eigenkracht.api import api
from eigenkracht.core.views import favicon

urlpatterns = [
    path("account/", include("eigenkracht.accounts.urls")),
    path("", include("eigenkracht.evaluations.urls")),
    path("beheer/", include("eigenkracht.backoffice.urls")),
    path("beheer/vormingen/overzicht/", include("eigenkracht.trainings.dashboard.urls")),
    path("beheer/vormingen/export/", include("eigenkracht.trainings.exports.urls")),
    path("beheer/vormingen/aanwezigheden/", include("eigenkracht.trainings.attendance.urls")),
    path("beheer/vormingen/mails/", include("eigenkracht.trainings.mail_templates.urls")),
    path("beheer/vormingen/lesgevers/", include("eigenkracht.trainings.trainers.urls")),
    path("beheer/vormingen/", include("eigenkracht.trainings.backoffice.urls")),
    path("beheer/betalingen/", include("eigenkracht.payments.backoffice.urls")),
    path("beheer/facturen/", include("eigenkracht.invoices.backoffice.urls")),
    path("beheer/paginas/", include("eigenkracht.pages.backoffice_urls")),
    path("beheer/api-sleutels/", include("eigenkracht.accounts.backoffice_urls")),
    path("beheer/privacy/", include("eigenkracht.privacy.urls")),
    path("lesgever/", include("eigenkracht.trainings.trainers.trainer_urls")),
    path("trajecten/cijfers/", include("eigenkracht.reports.urls")),
    path("trajecten/vrijwilligers/onkosten/", include("eigenkracht.allowances.office_urls")),
    path("trajecten/vrijwilligers/", include("eigenkracht.volunteers.urls")),
    path("trajecten/onkosten/", include("eigenkracht.allowances.urls")),
    path("trajecten/", include("eigenkracht.trajectories.urls")),
    path("aanmelden/", include("eigenkracht.trajectories.referral.urls")),
    path("api/v1/", api.urls),
    path("favicon.ico", favicon),
    path("", include("eigenkracht.volunteers.public_urls")),
    path("", include("eigenkracht.trainings.urls")),
    path("", include("eigenkracht.pages.urls")),
]

# Dutch pages in the site's layout; JSON under /api/. The 500 page needs no database.
handler400 = "eigenkracht.core.errors.bad_request"
handler403 = "eigenkracht.core.errors.permission_denied"
handler404 = "eigenkracht.core.errors.page_not_found"
handler500 = "eigenkracht.core.errors.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
