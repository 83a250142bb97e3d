"""An uploaded file kept on the server between an import's preview and its confirmation.

One pending upload per district and session; the file lies under MEDIA_ROOT/imports/ with a
random name, the session holds only the token and what the person chose.
"""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

FOLDER = "imports"
# Uploads nobody confirmed are removed on a later upload after a day.
MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"[0-9a-f]{32}")


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER


def _path(token: str) -> Path:
    if not _TOKEN.fullmatch(token):
        raise ValueError("bad token")
    return _folder() / token


def _remove_stale() -> None:
    folder = _folder()
    if not folder.is_dir():
        return
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in folder.iterdir():
        if path.is_file() and _TOKEN.fullmatch(path.name) and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


class PendingUploads:
    def __init__(self, session_key: str) -> None:
        self.session_key = session_key

    def store(
        self, request: HttpRequest, district: Any, upload: UploadedFile, **details: Any
    ) -> dict[str, Any]:
        """Keep the file, replacing the district's earlier pending upload of this session."""
        _remove_stale()
        self.forget(request, district)
        token = uuid.uuid4().hex
        _folder().mkdir(parents=True, exist_ok=True)
        with _path(token).open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        entry = {"token": token, "filename": Path(upload.name or "").name, **details}
        pending = request.session.get(self.session_key, {})
        pending[str(district.pk)] = entry
        request.session[self.session_key] = pending
        return entry

    def get(self, request: HttpRequest, district: Any) -> dict[str, Any] | None:
        return request.session.get(self.session_key, {}).get(str(district.pk))

    @staticmethod
    def read(entry: dict[str, Any]) -> bytes:
        """The file's bytes; OSError or ValueError when it is gone or the token is forged."""
        return _path(entry["token"]).read_bytes()

    def forget(self, request: HttpRequest, district: Any) -> None:
        pending = request.session.get(self.session_key, {})
        entry = pending.pop(str(district.pk), None)
        request.session[self.session_key] = pending
        if entry:
            _path(entry["token"]).unlink(missing_ok=True)

    def load(
        self, request: HttpRequest, district: Any, upload_url: str
    ) -> tuple[dict[str, Any], bytes] | HttpResponse:
        """The pending upload and its bytes, or a redirect to the upload page with a message."""
        entry = self.get(request, district)
        if entry is None:
            messages.info(request, _("Please choose a file to import first."))
            return redirect(upload_url)
        try:
            return entry, self.read(entry)
        except (OSError, ValueError):
            self.forget(request, district)
            messages.warning(
                request, _("The uploaded file is no longer available. Please upload it again.")
            )
            return redirect(upload_url)
