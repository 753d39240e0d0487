"""The office's allowance pages, under /trajecten/vrijwilligers/onkosten/."""

from django.urls import path

from eigenkracht.allowances import office

app_name = "allowances_office"

urlpatterns = [
    path("", office.queue, name="queue"),
    path("<int:pk>/goedkeuren/", office.approve, name="approve"),
    path("<int:pk>/terugsturen/", office.send_back, name="send_back"),
    path("uitbetalen/", office.payout_make, name="payout_make"),
    path("uitbetalingen/<int:pk>.xml", office.payout_download, name="payout_download"),
    path("uitbetalingen/<int:pk>/opgeladen/", office.payout_sent, name="payout_sent"),
    path("uitbetalingen/<int:pk>/intrekken/", office.payout_withdraw, name="payout_withdraw"),
    path("<int:year>/", office.year_page, name="year"),
    path("<int:year>/maxima/", office.caps_save, name="caps_save"),
    path("<int:year>/kilometers/", office.km_rate_save, name="km_rate_save"),
    path("<int:year>/systeem/", office.system_choose, name="system_choose"),
    path("<int:year>/nominatieve-lijst.pdf", office.nominative_pdf, name="nominative_pdf"),
    path("<int:year>/nominatieve-lijst.xlsx", office.nominative_xlsx, name="nominative_xlsx"),
]
