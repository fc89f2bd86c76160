"""Plan routes (plan overview per case, actions, changes, reviews; a bottom line's breach is recorded in
ineen/escalations). Views declare their access rule."""

from django.urls import path

from . import views, views_between, views_wording

app_name = "plans"

urlpatterns: list = [
    path("casussen/<uuid:public_id>/plan/", views.plan, name="plan"),
    path("casussen/<uuid:public_id>/plan/acties/<uuid:action_id>/", views.action_detail, name="action_detail"),
    path(
        "casussen/<uuid:public_id>/plan/acties/<uuid:action_id>/bijwerken/", views.action_update, name="action_update"
    ),
    path(
        "casussen/<uuid:public_id>/plan/acties/<uuid:action_id>/doorschuiven/",
        views.action_carry_over,
        name="action_carry_over",
    ),
    path(
        "casussen/<uuid:public_id>/plan/acties/<uuid:action_id>/voortgang/",
        views_between.action_progress,
        name="action_progress",
    ),
    path(
        "casussen/<uuid:public_id>/plan/acties/<uuid:action_id>/woorden/",
        views_wording.action_wording,
        name="action_wording",
    ),
    path(
        "casussen/<uuid:public_id>/plan/bodemeisen/<uuid:line_id>/woorden/",
        views_wording.bottom_line_wording,
        name="bottom_line_wording",
    ),
    path("casussen/<uuid:public_id>/plan/wijzigingen/nieuw/", views_between.change_new, name="change_new"),
    path(
        "casussen/<uuid:public_id>/plan/wijzigingen/<uuid:change_id>/reactie/",
        views_between.change_respond,
        name="change_respond",
    ),
    path("casussen/<uuid:public_id>/plan/evaluaties/", views_between.review_new, name="review_new"),
    path("casussen/<uuid:public_id>/plan/evaluaties/ritme/", views_between.review_cadence, name="review_cadence"),
]
