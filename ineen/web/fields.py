"""Form fields shared by the pages of all apps, for input a user does not type: hidden versions and ids.
A tampered or stale value there is a form error in words the user can act on, never a 500."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.utils.translation import gettext_lazy as _

STALE_PAGE = _("Deze pagina is verouderd of het formulier is ongeldig; laad de pagina opnieuw.")
# The version columns are PositiveIntegerFields: on every database at least this range.
MAX_VERSION = 2**31 - 1


class VersionField(forms.IntegerField):
    """The version of the record the user saw (optimistic locking), sent back in a hidden field. A form with
    one should mix in ShowVersionErrors: templates render the hidden field without its errors."""

    widget = forms.HiddenInput
    default_error_messages = {"required": STALE_PAGE, "invalid": STALE_PAGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_VERSION)
        super().__init__(**kwargs)
        # Django's own messages for these ("Zorg ervoor dat ...") say nothing to someone who typed nothing there.
        self.error_messages.update(min_value=STALE_PAGE, max_value=STALE_PAGE)


class ShowVersionErrors:
    """Mixin for a form with a VersionField named `version`: its error becomes one of the whole form, which
    the templates show (they render the hidden field itself without errors)."""

    def clean(self):
        data = super().clean()
        errors = self._errors.pop("version", None)
        if errors:
            self.add_error(None, list(errors))
        return data


def seen_version(data, name="version"):
    """The version posted in `data` (a QueryDict) for views whose form does not carry it: None when the
    page sent none (no check); ValidationError(STALE_PAGE) when the value is no version."""
    if name not in data:
        return None
    return VersionField().clean(data.get(name))


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but an id no database integer can hold is refused as an invalid choice. Django checks each
    id with an exact lookup (which knows the range) and then asks for all with `__in` (which does not):
    SQLite raised OverflowError there, a 500."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        meta = self.queryset.model._meta
        field = meta.pk if key == "pk" else meta.get_field(key)
        if isinstance(field, models.IntegerField) and isinstance(value, list | tuple):
            connection = connections[router.db_for_read(self.queryset.model)]
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            for pk in value:
                try:
                    number = int(str(pk).strip())
                except ValueError:
                    continue  # not a number at all: Django refuses it
                if (low is not None and number < low) or (high is not None and number > high):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)
