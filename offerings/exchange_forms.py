from __future__ import annotations

from pathlib import Path
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from districts.importers import MAX_UPLOAD_BYTES
from districts.importers.base import read_upload
from districts.models import District
from offerings.exchange.reader import file_problem

ALLOWED_SUFFIXES = {".csv", ".txt", ".xlsx"}


class OfferingImportForm(forms.Form):
    """Upload of an offerings spreadsheet; nothing is imported before the preview is confirmed."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (separated by ; or ,) or Excel workbook (.xlsx), at most 10 MB."),
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
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if Path(upload.name or "").suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                _("Please upload a CSV file or an Excel workbook (.csv, .xlsx).")
            )
        # Read only after the size check; a zip bomb is refused from its directory, unpacked
        # never. An unreadable file never reaches the preview.
        if problem := file_problem(read_upload(upload)):
            raise forms.ValidationError(problem)
        return upload
