"""Conference routes. Each area has its own view module; every view declares its access rule."""

from django.urls import path

app_name = "conferences"

urlpatterns: list = [
    # scheduling, invitations, preparation: views/schedule.py, views/prepare.py
    # live workspace: views/workspace.py
    # report: views/report.py
]
