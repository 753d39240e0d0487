import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from eigenkracht.core.collector import startup_frozen

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eigenkracht.settings")
application = get_wsgi_application()
# Every view module imported now rather than on a first request, so that the freeze below
# holds them too.
get_resolver().check()
startup_frozen()
