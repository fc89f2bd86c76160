from django.contrib import admin
from django.urls import include, path

from ineen.api.main import api

urlpatterns = [
    path("", include("ineen.ops.urls")),  # the health endpoint, first: no other route shadows it
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("audit/", include("ineen.audit.urls")),
    path("api/v1/", api.urls),
    path("", include("ineen.privacy.urls")),
    path("", include("ineen.conferences.urls")),
    path("", include("ineen.plans.urls")),
    path("", include("ineen.escalations.urls")),
    path("", include("ineen.evaluations.urls")),
    path("", include("ineen.portal.urls")),
    path("", include("ineen.insights.urls")),
    path("", include("ineen.arrangements.urls")),
    path("", include("ineen.web.urls")),
]
