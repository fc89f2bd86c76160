from django.urls import path

from . import views

app_name = "arrangements"

urlpatterns = [
    path("casussen/<uuid:public_id>/profiel/", views.profile, name="profile"),
    path("casussen/<uuid:public_id>/arrangement/", views.arrangement, name="arrangement"),
    path("catalogus/", views.catalogue, name="catalogue"),
]
