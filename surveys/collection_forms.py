"""Forms for a survey's collection points: each choice narrowed to the district."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models import District
from offerings.models import Offering, OfferingPlace
from surveys.models import CollectionPoint, Survey


def _place_label(place: OfferingPlace) -> str:
    where = place.name or place.address
    if place.name and place.address:
        where = f"{place.name}, {place.address}"
    return f"{place.offering.name} – {where}"


class CollectionPointForm(forms.ModelForm):
    class Meta:
        model = CollectionPoint
        fields = ["kind", "offering", "place", "label"]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {
            "offering": _("For a collection point at an offering: responses count for it."),
            "place": _("For a collection point at a place: one of the district's offering places."),
            "label": _(
                "Required for an event, for example “Summer party Klausenerplatz, 12 June”. "
                "Optional otherwise: a name staff recognise."
            ),
        }

    def __init__(self, *args: Any, district: District, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        # Set before validation: the model's clean() and the code generator need the survey.
        self.instance.survey = survey
        self.fields["kind"].choices = list(CollectionPoint.Kind.choices)
        self.fields["offering"].queryset = Offering.objects.for_district(district).order_by(
            "name", "pk"
        )
        self.fields["offering"].empty_label = _("– choose an offering –")
        self.fields["place"].queryset = (
            OfferingPlace.objects.filter(offering__district=district)
            .select_related("offering")
            .order_by("offering__name", "name", "pk")
        )
        self.fields["place"].label_from_instance = _place_label
        self.fields["place"].empty_label = _("– choose a place –")
        self.helper = FormHelper()
        self.helper.form_action = reverse(
            "surveys:collection_point_create",
            kwargs={"district": district.slug, "survey": survey.pk},
        )
        self.helper.add_input(Submit("submit", _("Add collection point")))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        # Keep only what the kind means, so a report never attributes an online
        # response to an offering someone picked and then switched away from.
        if kind == CollectionPoint.Kind.ONLINE:
            cleaned["offering"] = None
            cleaned["place"] = None
        elif kind == CollectionPoint.Kind.OFFERING:
            cleaned["place"] = None
        elif kind == CollectionPoint.Kind.PLACE and cleaned.get("place"):
            cleaned["offering"] = cleaned["place"].offering
        return cleaned


class CollectionPointEditForm(forms.ModelForm):
    class Meta:
        model = CollectionPoint
        fields = ["label", "is_active"]
        help_texts = {
            "is_active": _(
                "An inactive link shows families a friendly note instead of the survey. "
                "Its responses stay."
            ),
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save")))
