"""Demo content for step 5: findings from the demo report, decisions, and one finished
decision with before/after evidence, so `make run` shows the whole loop.

The story (surveys/demo.py): last year's report showed that families who speak Arabic or
Turkish rarely use the family centre's café; the district decided on a Saturday consultation
in both languages, done twelve weeks ago; this year's survey, built after it, carries the
section "What has changed" with the comparison of both published reports.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from districts.models import District, Stakeholder
from offerings.models import OfferingAdaptation
from reports import services
from reports.finding_items import frozen_figures
from reports.models import Decision, Finding, FindingComment, ReportSnapshot
from surveys.demo import change_on as change_day

CENTRE = "Elterncafé am Klausenerplatz"
BENEFIT_ADVICE = "BuT-Beratung im Rathaus"
FAMILY_SERVICE = "Familienservicebüro im Rathaus Charlottenburg"
CENTRE_PROVIDER = "Familienzentrum am Klausenerplatz (erfunden)"

FINDING_REACH = "Arabisch- und türkischsprachige Familien nutzen das Elterncafé kaum"
FINDING_BARRIER = "Viele Familien wissen nicht, ob ein Angebot für sie kostenlos ist"
FINDING_BY_HAND = "Eltern in Charlottenburg-Nord wünschen Termine am Nachmittag"
DONE_TITLE = "Das Elterncafé am Klausenerplatz bietet samstags eine Sprechstunde auf Arabisch und Türkisch an"
OVERDUE_TITLE = "Flyer der BuT-Beratung in Leichter Sprache und fünf Sprachen"
PLANNED_TITLE = "Gemeinsame Sprechstunde von Jobcenter und Familienservicebüro"
TITLES = [FINDING_REACH, FINDING_BARRIER, FINDING_BY_HAND]
DECISIONS = [DONE_TITLE, OVERDUE_TITLE, PLANNED_TITLE]


def _users() -> dict[str, Any]:
    User = get_user_model()
    return {u.username: u for u in User.objects.filter(username__in=["koordination", "fachkraft"])}


def clear(district: District) -> None:
    """Remove what an earlier run made (matched by title), so seed_demo can run twice."""
    old = Decision.objects.for_district(district).filter(title__in=DECISIONS)
    OfferingAdaptation.objects.filter(
        source__in=[f"decision:{pk}" for pk in old.values_list("pk", flat=True)]
    ).delete()
    old.delete()
    Finding.objects.for_district(district).filter(title__in=TITLES).delete()
    # A rerun would otherwise fill the activity feed with "deleted" entries of the last run.
    Decision.history.filter(district=district, title__in=DECISIONS).delete()
    Finding.history.filter(district=district, title__in=TITLES).delete()


def _finding(
    district: District, snapshot: ReportSnapshot, kind: str, key: str, **fields: Any
) -> Finding:
    label, figures = frozen_figures(snapshot.tables, kind, key)
    finding = _made(
        Finding,
        district=district,
        snapshot=snapshot,
        item_kind=kind,
        item_key=key,
        item_label=label,
        figures=figures,
        **fields,
    )
    return finding


def _last_years_report(snapshot: ReportSnapshot) -> None:
    """Last year's report was built and published the day after its survey closed."""
    last = (snapshot.tables.get("meta") or {}).get("last_answer_on")
    if not last:
        return
    day = datetime.date.fromisoformat(last) + datetime.timedelta(days=1)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(
        requested_at=moment, started_at=moment, finished_at=moment, published_at=moment
    )
    snapshot.publication_events.update(at=moment)


def cycles(district: District, coordinator: Any) -> None:
    """Last year's cycle, closed on 31 December with its figures, and this year's open one:
    the cycle page compares them (call once this year's report exists)."""
    from reports.cycle import cycle_figures, default_title
    from reports.models import StrategyCycle

    today = timezone.localdate()
    start, end = datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
    StrategyCycle.objects.for_district(district).delete()
    StrategyCycle.objects.create(
        district=district,
        title=default_title(today.year - 1),
        started_on=start,
        closed_on=end,
        closed_by=coordinator,
        summary=cycle_figures(district, start, end),
    )
    StrategyCycle.objects.create(
        district=district,
        title=default_title(today.year),
        started_on=datetime.date(today.year, 1, 1),
    )


def _made(model: Any, **fields: Any) -> Any:
    """Create with its author in the history (the activity feed names who did it)."""
    obj = model(**fields)
    obj._history_user = fields.get("created_by")
    obj.save()
    return obj


def _backdate(model: Any, pk: int, day: datetime.date) -> None:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    model.objects.filter(pk=pk).update(created_at=moment)


def seed(district: District, snapshot: ReportSnapshot, coordinator: Any) -> list[str]:
    """Findings from last year's report, comments and three decisions, one of them done."""
    clear(district)
    _last_years_report(snapshot)
    offerings = {
        o.name: o
        for o in district.offerings.filter(name__in=[CENTRE, BENEFIT_ADVICE, FAMILY_SERVICE])
    }
    centre = offerings.get(CENTRE)
    if centre is None:
        return []
    users = _users()
    staff = users.get("fachkraft")
    today = timezone.localdate()
    change_on = change_day(today)

    reach = _finding(
        district,
        snapshot,
        "funnel",
        str(centre.pk),
        offering=centre,
        title=FINDING_REACH,
        description="Im Bericht des Vorjahres kennen viele Familien das Elterncafé, aber Familien, die "
        "Arabisch oder Türkisch sprechen, kommen selten. Das Team vermutet: Die Beratung ist "
        "nur auf Deutsch und nur werktags.",
        priority=Finding.Priority.HIGH,
        is_public=True,
        created_by=staff,
    )
    _backdate(Finding, reach.pk, change_on - datetime.timedelta(weeks=20))
    for weeks, author, text in (
        (
            19,
            staff,
            "Die Stadtteilmütter bestätigen das: Viele Mütter arbeiten werktags. Samstag wäre gut.",
        ),
        (
            18,
            coordinator,
            "Der Träger kann eine Kollegin mit Arabisch und Türkisch samstags "
            "einsetzen. Ich schlage eine Anpassung vor.",
        ),
    ):
        comment = FindingComment.objects.create(
            finding=reach, author=author, text=text, notified_at=timezone.now()
        )
        _backdate(FindingComment, comment.pk, change_on - datetime.timedelta(weeks=weeks))
    barrier = (snapshot.tables.get("barriers") or {}).get("by_filter", {}).get("all", {})
    top = next((r["code"] for r in barrier.get("rows", []) if "n" in r.get("all", {})), None)
    if top:
        _finding(
            district,
            snapshot,
            "barrier",
            top,
            title=FINDING_BARRIER,
            priority=Finding.Priority.MEDIUM,
            created_by=coordinator,
        )
    _made(
        Finding,
        district=district,
        title=FINDING_BY_HAND,
        source="Bezirkskonferenz Familienbildung",
        status=Finding.Status.DISCUSSED,
        priority=Finding.Priority.LOW,
        created_by=coordinator,
    )

    provider = Stakeholder.objects.for_district(district).filter(name=CENTRE_PROVIDER).first()
    done = _made(
        Decision,
        district=district,
        title=DONE_TITLE,
        description="Jeden Samstag 10–13 Uhr, ohne Anmeldung; Aushänge und Nachrichten in den "
        "Elterngruppen auf Arabisch und Türkisch.",
        kind=Decision.Kind.LANGUAGE,
        stakeholder=provider,
        responsible=staff,
        due_on=change_on,
        status=Decision.Status.DONE,
        started_on=change_on - datetime.timedelta(weeks=4),
        done_on=change_on,
        groups=[Decision.Group.WITH_BENEFITS, "language:ar", "language:tr"],
        is_public=True,
        created_by=coordinator,
    )
    done.offerings.add(centre)
    done.findings.add(reach)
    done._history_user = coordinator
    services.decision_saved(done)
    services.decision_progress(done)
    # After the saves above, which write the object's own (today's) creation time back.
    _backdate(Decision, done.pk, change_on - datetime.timedelta(weeks=16))

    if BENEFIT_ADVICE in offerings:
        overdue = _made(
            Decision,
            district=district,
            title=OVERDUE_TITLE,
            kind=Decision.Kind.INFORMATION,
            responsible=coordinator,
            due_on=today - datetime.timedelta(days=5),
            status=Decision.Status.IN_PROGRESS,
            started_on=today - datetime.timedelta(days=20),
            created_by=coordinator,
        )
        overdue.offerings.add(offerings[BENEFIT_ADVICE])
    if FAMILY_SERVICE in offerings:
        planned = _made(
            Decision,
            district=district,
            title=PLANNED_TITLE,
            kind=Decision.Kind.COOPERATION,
            structure="Kooperationsvereinbarung Jobcenter – Jugendamt",
            due_on=today + datetime.timedelta(days=10),
            created_by=coordinator,
        )
        planned.offerings.add(offerings[FAMILY_SERVICE])

    return [
        f"  Anpassung mit Vorher-Nachher-Vergleich: /d/{district.slug}/berichte/anpassungen/"
        f"{done.pk}/"
    ]
