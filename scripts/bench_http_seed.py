"""Prepares scripts/bench_http's throwaway database: the demo data (with its published report),
the load test's three-page survey, a family session with an unfinished answer draft and a
logged-in coordinator. Run with the server's environment; prints one JSON line with what
the benchmark needs: addresses, the answers a family sends per page and two session cookies.
"""

from __future__ import annotations

import json
import sys
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from loadtest_seed import seed as seed_survey  # noqa: E402

from reports.models import ReportSnapshot  # noqa: E402
from surveys.family_session import DRAFT_KEY  # noqa: E402
from surveys.models import Question  # noqa: E402


def session_cookie(client: Client) -> str:
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def family_session(code: str) -> str:
    """A family between pages: a draft with no answers yet, as after pressing "start"."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[DRAFT_KEY.format(code=code)] = {"lang": "de", "answers": {}}
    store.set_expiry(settings.SURVEY_DRAFT_SECONDS)
    store.save()
    # Its browser also has the CSRF cookie from the page before (as a family on page 2 has).
    secret = get_random_string(32, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    return (
        f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={secret}"
    )


def page_answers(survey_id: int) -> list[str]:
    """Per page, the form body of a family ticking the first box of every choice question."""
    pages: dict[int, list[str]] = {}
    questions = Question.objects.filter(survey_id=survey_id).order_by("page__position", "position")
    for question in questions.select_related("page").prefetch_related("options"):
        fields = pages.setdefault(question.page.position, [])
        options = sorted(question.options.all(), key=lambda option: option.position)
        if options:
            fields.append(f"{question.field_name}={options[0].pk}")
    return ["&".join(pages[position]) for position in sorted(pages)]


def main() -> dict[str, object]:
    call_command("seed_demo", force=True, stdout=StringIO())
    survey = seed_survey()
    snapshot = ReportSnapshot.objects.published().order_by("pk").first()
    if snapshot is None:
        raise SystemExit("seed_demo published no report")
    district = snapshot.survey.district.slug
    staff = Client()
    staff.force_login(get_user_model().objects.get(username="koordination"))
    return {
        "code": survey["code"],
        "survey": survey["survey"],
        "pages": page_answers(int(survey["survey"])),
        "family_cookie": family_session(str(survey["code"])),
        "staff_cookie": session_cookie(staff),
        "report": reverse(
            "transparency:report", kwargs={"district": district, "snapshot": snapshot.pk}
        ),
        "report_json": reverse(
            "transparency:export_json", kwargs={"district": district, "snapshot": snapshot.pk}
        ),
        "index": reverse("transparency:index"),
        "dashboard": reverse("reports:dashboard", kwargs={"district": district}),
        "survey_dashboard": reverse(
            "reports:survey_dashboard",
            kwargs={"district": district, "survey": snapshot.survey_id},
        ),
        "staff_home": reverse("districts:home", kwargs={"district": district}),
    }


if __name__ == "__main__":
    print(json.dumps(main()))
