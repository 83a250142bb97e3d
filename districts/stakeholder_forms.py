"""Forms for the stakeholders of a district: the edit form and the filter of the list page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.db.models import Q, QuerySet
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from districts.models import District, Sector, Stakeholder


def duplicate_name(district: District, name: str) -> forms.ValidationError:
    return forms.ValidationError(
        _("%(district)s already has an organisation called “%(name)s”."),
        code="unique",
        params={"district": district.name, "name": name},
    )


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = [
            "name",
            "sector",
            "kind",
            "strategy_role",
            "contact_person",
            "email",
            "phone",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "name": _("For a unit of a larger organisation, name both, e.g. “Jugendamt – RSD”."),
            "phone": _("As you would dial it, e.g. 030 1234 5678."),
        }

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        if self.instance.pk is None:
            self.instance.district = district
        # A sector taken out of use stays selectable for the organisations already in it.
        sectors = Q(is_active=True)
        if self.instance.sector_id:
            sectors |= Q(pk=self.instance.sector_id)
        self.fields["sector"].queryset = Sector.objects.filter(sectors)
        self.fields["sector"].empty_label = None
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "name",
            "sector",
            "kind",
            "strategy_role",
            Fieldset(
                gettext("Contact"),
                HTML(
                    format_html(
                        '<p class="form-text mt-0"><i class="bi bi-shield-lock" aria-hidden="true">'
                        "</i> {}</p>",
                        gettext(
                            "The contact person, e-mail address and phone number are personal "
                            "data. Only members of %(district)s can see them. Please enter work "
                            "contact details only."
                        )
                        % {"district": district.name},
                    )
                ),
                "contact_person",
                "email",
                "phone",
            ),
            "notes",
        )
        self.helper.add_input(Submit("submit", gettext("Save")))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        # The database refuses a second row of the same name; say so before it does.
        # Case is ignored, as "jugendamt" and "Jugendamt" are the same office to a person.
        taken = Stakeholder.objects.for_district(self.district).filter(name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise duplicate_name(self.district, name)
        return name


class StakeholderFilterForm(forms.Form):
    """The filters of the "Who is at the table" page; invalid values are ignored."""

    sector = forms.ChoiceField(label=_("Sector"), required=False)
    role = forms.ChoiceField(label=_("Role in the strategy"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args: Any, sectors: Sequence[Sector], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", gettext("All"))]
        self.fields["sector"].choices = every + [(s.key, s.name) for s in sectors]
        self.fields["role"].choices = every + list(Stakeholder.StrategyRole.choices)
        self.fields["q"].widget.attrs["placeholder"] = gettext("Organisation or contact person")
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = css
        self.is_valid()

    def value(self, name: str) -> str:
        return (getattr(self, "cleaned_data", None) or {}).get(name) or ""

    @property
    def narrows(self) -> bool:
        """Whether the role or the text search hides some organisations of a sector."""
        return bool(self.value("role") or self.value("q").strip())

    @property
    def is_filtered(self) -> bool:
        return bool(self.value("sector")) or self.narrows

    def filter(self, stakeholders: QuerySet[Stakeholder]) -> QuerySet[Stakeholder]:
        if sector := self.value("sector"):
            stakeholders = stakeholders.filter(sector__key=sector)
        if role := self.value("role"):
            stakeholders = stakeholders.filter(strategy_role=role)
        if text := self.value("q").strip():
            stakeholders = stakeholders.filter(
                Q(name__icontains=text) | Q(contact_person__icontains=text)
            )
        return stakeholders
