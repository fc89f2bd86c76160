"""Plan routes (plan overview per case, actions, bottom lines). Views declare their access rule."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns: list = [
    path("casussen/<uuid:public_id>/plan/", views.plan, name="plan"),
    path(
        "casussen/<uuid:public_id>/plan/acties/<uuid:action_id>/bijwerken/", views.action_update, name="action_update"
    ),
    path(
        "casussen/<uuid:public_id>/plan/acties/<uuid:action_id>/doorschuiven/",
        views.action_carry_over,
        name="action_carry_over",
    ),
    path(
        "casussen/<uuid:public_id>/plan/bodemeisen/<uuid:line_id>/niet-nagekomen/",
        views.bottom_line_breach,
        name="bottom_line_breach",
    ),
]
