"""Backup and restore (issue #18): dump, lose the data, restore, every count and file is back.

Runs against whatever DATABASE_URL names: PostgreSQL in CI (pg_dump -Fc, pg_restore --clean
into the same test database), the in-memory SQLite database locally (sqlite3 backup API).
The data is committed (transaction=True) because pg_dump reads it from its own connection.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from mitwirkung.backup import MANIFEST, database_counts
from surveys.models import Answer, Response, Survey
from tests.factories import AnswerFactory

MEDIA_BYTES = b"Planungsraum;Kinder\n01011101;42\n" + bytes(range(256))


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_back_every_row_and_media_file(tmp_path: Path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    media_file = settings.MEDIA_ROOT / "imports" / "04" / "gebiete.csv"
    media_file.parent.mkdir(parents=True)
    media_file.write_bytes(MEDIA_BYTES)
    answers = AnswerFactory.create_batch(3)
    survey_ids = {answer.response.survey_id for answer in answers}
    backup_dir = tmp_path / "backup"

    call_command("backup", str(backup_dir))

    manifest = json.loads((backup_dir / MANIFEST).read_text())
    assert manifest["tables"]["surveys_answer"] == 3
    assert manifest["tables"]["surveys_response"] == 3
    assert manifest["tables"]["districts_district"] == 12
    assert manifest["media_files"] == 1
    assert manifest["app_version"] != "unknown"

    # The disaster: the answers, their surveys and the uploaded file are gone.
    Answer.objects.all().delete()
    Response.objects.all().delete()
    Survey.objects.filter(pk__in=survey_ids).delete()
    media_file.unlink()

    # The reference data is still there, so a restore without --force refuses and changes nothing.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup_dir))
    assert Answer.objects.count() == 0
    assert not media_file.exists()

    call_command("restore", str(backup_dir), "--force")

    assert database_counts(connection.settings_dict, manifest["tables"]) == manifest["tables"]
    assert sorted(Answer.objects.values_list("text", flat=True)) == sorted(a.text for a in answers)
    assert set(Survey.objects.filter(pk__in=survey_ids).values_list("pk", flat=True)) == survey_ids
    assert media_file.read_bytes() == MEDIA_BYTES


def test_a_damaged_backup_is_refused_before_anything_is_touched(tmp_path: Path):
    backup_dir = tmp_path / "backup"
    backup_dir.mkdir()
    (backup_dir / "database.dump").write_bytes(b"truncated")
    (backup_dir / MANIFEST).write_text(
        json.dumps(
            {
                "format": 1,
                "engine": "postgresql",
                "database_file": "database.dump",
                "media_file": "media.tar.gz",
                "sha256": {"database.dump": "0" * 64},
                "tables": {},
            }
        )
    )

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(backup_dir), "--force")
