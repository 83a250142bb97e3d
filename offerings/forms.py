"""Forms of the offerings catalogue: the filter, the offering, its places, goal links, resources.

Every form takes `district=` and narrows each choice to it, so a forged id is refused.
"""

from __future__ import annotations

import datetime
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.models import Area, District, Language, Sector, Stakeholder
from goals.models import ActionGoal, FieldOfAction, LifePhase, TargetGroup
from offerings.models import (
    Offering,
    OfferingCategory,
    OfferingGoal,
    OfferingPlace,
    OfferingResource,
    OutreachChannel,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Places lie in a planning area or, when only that is known, a district region.
PLACE_LEVELS = [Area.Level.PLANUNGSRAUM, Area.Level.BEZIRKSREGION]


def _area_label(area: Area) -> str:
    return f"{area.code} {area.name}"


def _vocabulary(model: Any, instance: Offering, field: str) -> QuerySet[Any]:
    """Rows in use, plus any retired row the offering already has, so editing does not drop it."""
    if not instance.pk:
        return model.objects.filter(is_active=True)
    if instance._meta.get_field(field).many_to_many:
        chosen = getattr(instance, field).values("pk")
        return model.objects.filter(Q(is_active=True) | Q(pk__in=chosen))
    return model.objects.filter(Q(is_active=True) | Q(pk=getattr(instance, f"{field}_id")))


class CatalogueFilterForm(forms.Form):
    """The filters above the catalogue, sent with GET so they work without JavaScript."""

    STATUS_ALL = "all"

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Name, description or provider"),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), required=False, queryset=OfferingCategory.objects.all()
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.all()
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"), required=False, queryset=TargetGroup.objects.all()
    )
    life_phase = forms.ModelChoiceField(
        label=_("Life phase"), required=False, queryset=LifePhase.objects.all()
    )
    area = forms.ModelChoiceField(
        label=_("Planning area"),
        required=False,
        queryset=Area.objects.none(),
        help_text=_("Offerings with a place there, and district-wide or mobile ones."),
    )
    goal = forms.ModelChoiceField(
        label=_("Contributes to goal"), required=False, queryset=ActionGoal.objects.none()
    )
    language = forms.ModelChoiceField(
        label=_("Language"), required=False, queryset=Language.objects.all()
    )
    cost = forms.ChoiceField(
        label=_("Cost for families"),
        required=False,
        choices=[("", _("all")), *Offering.Cost.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*Offering.Status.choices, (STATUS_ALL, _("all"))],
    )
    stale = forms.BooleanField(
        label=_("Only offerings not confirmed for 12 months"), required=False
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.for_district(district)
        self.fields["area"].label_from_instance = _area_label
        self.fields["goal"].queryset = ActionGoal.objects.for_district(district).order_by("title")
        for name in (
            "category",
            "sector",
            "target_group",
            "life_phase",
            "area",
            "goal",
            "language",
        ):
            self.fields[name].empty_label = _("all")

    def filter(self, offerings: QuerySet[Offering], today: datetime.date) -> QuerySet[Offering]:
        """Apply the valid filters; a filter with an unknown value is ignored, not an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("q"):
            q = data["q"]
            offerings = offerings.filter(
                Q(name__icontains=q) | Q(description__icontains=q) | Q(provider__name__icontains=q)
            )
        status = data.get("status") or Offering.Status.ACTIVE
        if status != self.STATUS_ALL:
            offerings = offerings.filter(status=status)
        for name, lookup in (
            ("category", "category"),
            ("sector", "sector"),
            ("target_group", "target_groups"),
            ("life_phase", "life_phases"),
            ("goal", "goals"),
            ("language", "languages"),
            ("cost", "cost"),
        ):
            if data.get(name):
                offerings = offerings.filter(**{lookup: data[name]})
        if data.get("area"):
            area = data["area"]
            within = Area.objects.within(area).values("pk")
            offerings = offerings.filter(
                Q(places__area=area)
                | Q(places__area__in=within)
                | Q(is_district_wide=True)
                | Q(is_mobile=True)
            )
        if data.get("stale"):
            offerings = offerings.stale(today)
        return offerings.distinct()

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "status") or (
            self.data.get("status") not in (None, "", Offering.Status.ACTIVE)
        )


class ProviderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Stakeholder) -> str:
        return f"{obj.name} ({obj.sector.name})"


class OfferingForm(forms.ModelForm):
    """Create and edit an offering. Places, goals and resources are added on the offering's page.

    `provider`: for a provider's own offerings the organisation is fixed and not on the form.
    """

    provider = ProviderChoiceField(label=_("Provider"), queryset=Stakeholder.objects.none())

    class Meta:
        model = Offering
        fields = [
            "name",
            "description",
            "provider",
            "provider_type",
            "category",
            "sector",
            "fields_of_action",
            "target_groups",
            "life_phases",
            "age_from",
            "age_to",
            "languages",
            "cost",
            "step_free",
            "childcare",
            "interpreters",
            "plain_language",
            "outreach_channels",
            "opening_times",
            "capacity_per_month",
            "reached_per_month",
            "is_district_wide",
            "is_mobile",
            "status",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "provider_type": forms.RadioSelect,
            "cost": forms.RadioSelect,
            "fields_of_action": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "life_phases": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "outreach_channels": forms.CheckboxSelectMultiple,
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
        }
        help_texts = {
            "sector": _("Leave empty to take the sector of the category."),
            "is_district_wide": _("For the whole district, not tied to one place."),
            "is_mobile": _("The offer comes to the families, e.g. home visits."),
        }

    def __init__(
        self,
        *args: Any,
        district: District,
        provider: Stakeholder | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        # Set before validation, so the model's clean() compares the provider's district with it.
        self.instance.district = district
        offering = self.instance
        if provider is not None:
            self.instance.provider = provider
            del self.fields["provider"]
        else:
            self.fields["provider"].queryset = Stakeholder.objects.for_district(
                district
            ).select_related("sector")
        self.fields["category"].queryset = _vocabulary(OfferingCategory, offering, "category")
        self.fields["sector"].queryset = _vocabulary(Sector, offering, "sector")
        self.fields["sector"].required = False
        self.fields["sector"].empty_label = _("– as the category –")
        for name, model in (
            ("fields_of_action", FieldOfAction),
            ("target_groups", TargetGroup),
            ("life_phases", LifePhase),
            ("languages", Language),
            ("outreach_channels", OutreachChannel),
        ):
            self.fields[name].queryset = _vocabulary(model, offering, name)
        for name in ("capacity_per_month", "reached_per_month"):
            self.fields[name].error_messages["min_value"] = _("The number must not be negative.")
        for name in ("age_from", "age_to"):
            self.fields[name].error_messages["min_value"] = _("The age must not be negative.")

        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                _("The offering"),
                "name",
                "description",
                *(["provider"] if "provider" in self.fields else []),
                "provider_type",
                "category",
                "sector",
                "fields_of_action",
            ),
            Fieldset(
                _("For whom"),
                "target_groups",
                "life_phases",
                "age_from",
                "age_to",
                "languages",
                "cost",
            ),
            Fieldset(
                _("Accessibility"), "step_free", "childcare", "interpreters", "plain_language"
            ),
            Fieldset(
                _("How families find it and where"),
                "outreach_channels",
                "is_district_wide",
                "is_mobile",
                "opening_times",
            ),
            Fieldset(
                _("Capacity and time"),
                "capacity_per_month",
                "reached_per_month",
                "status",
                "starts_on",
                "ends_on",
            ),
        )
        self.helper.add_input(Submit("submit", _("Save offering")))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("sector") and cleaned.get("category"):
            cleaned["sector"] = cleaned["category"].sector
        fixed = "provider" not in self.fields
        provider = self.instance.provider if fixed else cleaned.get("provider")
        name = cleaned.get("name")
        # The form has no district field, so Django would not check this constraint itself.
        if provider is not None and name:
            duplicates = Offering.objects.filter(
                district=self.district, provider=provider, name=name
            ).exclude(pk=self.instance.pk)
            if duplicates.exists():
                self.add_error("name", _("This provider already has an offering with this name."))
        return cleaned


class EndOfferingForm(forms.Form):
    ends_on = forms.DateField(label=_("Ended on"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, offering: Offering, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offering = offering
        self.fields["ends_on"].initial = timezone.localdate()

    def clean_ends_on(self) -> datetime.date:
        ends_on = self.cleaned_data["ends_on"]
        if self.offering.starts_on and ends_on < self.offering.starts_on:
            raise forms.ValidationError(_("The end must not be before the start."))
        return ends_on


class _OfferingPartForm(forms.ModelForm):
    """A row belonging to one offering; the offering is set before validation for model.clean()."""

    def __init__(self, *args: Any, district: District, offering: Offering, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.instance.offering = offering
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Add")))


class OfferingPlaceForm(_OfferingPartForm):
    class Meta:
        model = OfferingPlace
        fields = ["name", "address", "area", "latitude", "longitude"]
        help_texts = {
            "latitude": _("Optional, for maps, e.g. 52.5163."),
            "longitude": _("Optional, for maps, e.g. 13.3777."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = Area.objects.for_district(self.district).filter(level__in=PLACE_LEVELS)
        self.fields["area"].queryset = areas
        self.fields["area"].label_from_instance = _area_label
        self.fields["area"].empty_label = _("– not known –")
        if not areas.exists():
            self.fields["area"].help_text = _(
                "No planning areas have been imported for this district yet."
            )


class OfferingGoalForm(_OfferingPartForm):
    class Meta:
        model = OfferingGoal
        fields = ["goal", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offering = self.instance.offering
        self.fields["goal"].queryset = (
            ActionGoal.objects.for_district(self.district)
            .exclude(offering_links__offering=offering)
            .order_by("title")
        )


class OfferingResourceForm(_OfferingPartForm):
    class Meta:
        model = OfferingResource
        fields = ["kind", "amount", "description", "funding_source", "year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].error_messages["min_value"] = _("The amount must not be negative.")
        self.fields["year"].widget.attrs.update(min=2000, max=2100)
