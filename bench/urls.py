"""The application's routes plus the floor, for the benchmark only (bench/settings.py)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

from ineen.access import policy
from ineen.accounts.models import SafetyHouse


@require_GET
@login_required
@policy.access_rule("benchmark only: logged in, no case data")
def floor(request):
    """The framework floor: the full middleware stack, a logged-in user, one primary-key lookup, a tiny
    response. Every page's time is reported as a multiple of this one, measured in the same run."""
    house = SafetyHouse.objects.filter(pk=1).values_list("code", flat=True).first()
    return HttpResponse(f"floor {house}", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), path("", include("ineen.urls"))]
