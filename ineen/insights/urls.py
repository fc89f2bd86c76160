from django.urls import path  # noqa: F401  (routes are added per capability)

app_name = "insights"

urlpatterns: list = []
