"""Plan routes (plan overview per case, actions, bottom lines). Views declare their access rule."""

from django.urls import path

app_name = "plans"

urlpatterns: list = []
