from __future__ import annotations

from pathlib import Path
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from districts.importers import MAX_UPLOAD_BYTES
from districts.importers.base import file_problem, read_upload
from districts.models import District

ALLOWED_SUFFIXES = {".csv", ".txt", ".geojson", ".json"}


class AreaImportForm(forms.Form):
    """Upload of an area or indicator file; nothing is imported before the preview is confirmed."""

    class Kind:
        AREAS = "areas"
        INDICATORS = "indicators"

    kind = forms.ChoiceField(
        label=_("What does the file contain?"),
        choices=[
            (
                Kind.AREAS,
                _(
                    "Areas: Prognoseräume, Bezirksregionen, Planungsräume (LOR GeoJSON from "
                    "the Geoportal Berlin, or a CSV with id and name)"
                ),
            ),
            (
                Kind.INDICATORS,
                _(
                    "Indicator values: the social monitoring's CSV (MSS) or a CSV with "
                    "area_id, key, year, value"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        initial=Kind.AREAS,
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or GeoJSON, at most 10 MB. LOR numbers keep their leading zeros."),
    )
    year = forms.IntegerField(
        label=_("Year of the values"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_(
            "Only for social monitoring files. Leave empty to take it from the file name "
            "(e.g. mss-2021-planning-areas.csv)."
        ),
    )
    source = forms.CharField(
        label=_("Source and licence"),
        required=False,
        max_length=300,
        help_text=_(
            "Stored with every value and shown wherever it appears. Leave empty for social "
            "monitoring files: their attribution is added."
        ),
    )
    skip_other_districts = forms.BooleanField(
        label=_("Skip rows of other districts (e.g. in a file for all of Berlin)"),
        required=False,
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.helper = FormHelper()
        self.helper.attrs = {"enctype": "multipart/form-data"}
        self.helper.add_input(Submit("submit", _("Check the file")))

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 10 MB. Split it, e.g. by district.")
            )
        if Path(upload.name or "").suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                _("Please upload a CSV or GeoJSON file (.csv, .geojson, .json).")
            )
        # Read only after the size check: an empty or binary file never reaches the preview.
        if problem := file_problem(read_upload(upload)):
            raise forms.ValidationError(problem)
        return upload
