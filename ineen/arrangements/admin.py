"""Profiles, arrangement templates and the catalogue are a safety house's own data, edited by its functional
admin in /beheer/ (no case data). Each admin sees and edits only the houses they administer."""

from django.contrib import admin

from ineen.access import policy
from ineen.accounts.admin import FunctionalAdminOnly

from .models import ArrangementElement, ArrangementTemplate, FamilyProfile, PartnerOffer


class HouseScoped(FunctionalAdminOnly):
    house_path = "safety_house"

    def get_queryset(self, request):
        houses = policy.administered_houses(request.user)
        return super().get_queryset(request).filter(**{f"{self.house_path}__in": houses})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        houses = policy.administered_houses(request.user)
        if db_field.name == "safety_house":
            kwargs["queryset"] = houses
        elif db_field.name == "profile":
            kwargs["queryset"] = FamilyProfile.objects.filter(safety_house__in=houses)
        elif db_field.name == "offer":
            kwargs["queryset"] = PartnerOffer.objects.filter(safety_house__in=houses).select_related("organisation")
        elif db_field.name == "organisation":
            kwargs["queryset"] = db_field.related_model.objects.filter(safety_houses__in=houses).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(FamilyProfile)
class FamilyProfileAdmin(HouseScoped, admin.ModelAdmin):
    list_display = ["name", "safety_house", "order", "active"]
    list_filter = ["safety_house", "active"]

    def has_delete_permission(self, request, obj=None):
        return False  # cases refer to profiles: retire one ("in gebruik" off) instead


class ElementInline(HouseScoped, admin.TabularInline):
    model = ArrangementElement
    house_path = "template__profile__safety_house"
    extra = 1
    fields = ["order", "what", "mandatory", "action_type", "towards", "horizon", "weeks", "offer"]


@admin.register(ArrangementTemplate)
class ArrangementTemplateAdmin(HouseScoped, admin.ModelAdmin):
    house_path = "profile__safety_house"
    list_display = ["name", "profile", "active"]
    list_filter = ["profile__safety_house", "active"]
    inlines = [ElementInline]


@admin.register(PartnerOffer)
class PartnerOfferAdmin(HouseScoped, admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "safety_house", "active"]
    list_filter = ["safety_house", "kind", "active"]
    search_fields = ["name", "organisation__name"]
