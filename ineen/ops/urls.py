from django.urls import path

from . import views

app_name = "ops"

urlpatterns = [path("gezond/", views.health, name="health")]
