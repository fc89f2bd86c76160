from django.urls import path, register_converter

from . import views, views_manage, views_pages


class TokenConverter:
    """A link token: secrets.token_urlsafe(32) is 43 characters; nothing else matches (so /mijn/klopt-niet/
    is never taken for a token)."""

    regex = "[A-Za-z0-9_-]{43}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "client_token")

app_name = "portal"
urlpatterns = [
    path("mijn/", views.home, name="home"),
    path("mijn/klopt-niet/", views.dispute, name="dispute"),
    path("mijn/evaluatie/", views.evaluation, name="evaluation"),
    path("mijn/plan/", views_pages.plan, name="plan"),
    path("mijn/uitnodiging/", views_pages.invitation, name="invitation"),
    path("mijn/zo-gaat-het/", views_pages.how_it_goes, name="how_it_goes"),
    path("mijn/voorbereiding/", views_pages.preparation, name="preparation"),
    path("mijn/cijfers/", views_pages.scores, name="scores"),
    path("mijn/uitloggen/", views.logout, name="logout"),
    path("mijn/uitgelogd/", views.signed_out, name="signed_out"),
    path("mijn/<client_token:token>/", views.code, name="code"),
    path("casussen/<uuid:public_id>/eigen-toegang/", views_manage.manage, name="manage"),
    path(
        "casussen/<uuid:public_id>/eigen-toegang/<uuid:access_id>/intrekken/",
        views_manage.revoke,
        name="revoke",
    ),
]
