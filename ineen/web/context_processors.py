from django.conf import settings


def ineen(request):
    return {"DEMO_MODE": settings.DEMO_MODE}
