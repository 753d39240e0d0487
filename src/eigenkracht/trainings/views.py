from django.http import HttpResponse


def calendar(request):
    return HttpResponse("")


calendar_ics = detail = register = registration = calendar
