"""The activity feed: who did what in the district, for members only, in bounded queries."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from districts.models import Membership
from offerings.models import Offering
from reports.activity import PAGE_SIZE, activity_page
from reports.models import FindingComment, PublicationEvent
from tests import factories as f

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _url(district, page=None):
    url = reverse("reports:activity", kwargs={"district": district.slug})
    return f"{url}?page={page}" if page else url


@pytest.fixture
def author(district_a):
    user = f.UserFactory(first_name="Rita", last_name="Beispiel", email="rita@bezirk.example")
    f.MembershipFactory(user=user, district=district_a, role=Membership.Role.STAFF)
    return user


def _as(instance, user):
    """Who simple-history records as having made the last save(s) of `instance`."""
    instance.history.update(history_user=user)
    return instance


def _page(client, district, **params):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(_url(district, **params))
    assert response.status_code == 200
    return response


def _actions(response):
    return [(entry.action, entry.label) for entry in response.context["page"].entries]


def test_a_created_and_a_changed_goal_show_who_did_it(client, district_a, author, member):
    goal = _as(f.ActionGoalFactory(district=district_a, title="Mehr Kitaplätze"), author)
    goal.title = "Mehr Kitaplätze im Norden"
    goal._history_user = author
    goal.save()
    # An hour later, so it is not taken for part of the creation's form save.
    changed = goal.history.latest()
    goal.history.filter(pk=changed.pk).update(history_date=changed.history_date + HOUR)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    response = _page(client, district_a)

    assert _actions(response) == [
        ("Goal changed", "Mehr Kitaplätze im Norden"),
        ("Goal created", "Mehr Kitaplätze"),
    ]
    page = response.content.decode()
    assert "Rita Beispiel" in page
    assert "rita@bezirk.example" not in page
    assert reverse("goals:detail", kwargs={"district": district_a.slug, "goal": goal.pk}) in page


def test_saving_a_form_with_lists_is_one_change_not_several(client, district_a, author, member):
    # The factory saves the goal, then sets its fields of action: two records, one creation.
    _as(f.ActionGoalFactory(district=district_a, title="Ein Ziel"), author)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    assert _actions(_page(client, district_a)) == [("Goal created", "Ein Ziel")]


def test_a_deleted_goal_is_named_without_a_link(client, district_a, author, member):
    goal = f.ActionGoalFactory(district=district_a, title="Altes Ziel")
    pk = goal.pk
    goal.delete()
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    response = _page(client, district_a)

    entries = response.context["page"].entries
    assert (entries[0].action, entries[0].url) == ("Goal deleted", "")
    assert f"/ziele/{pk}/" not in response.content.decode()


def test_a_decision_appears(client, district_a, author, member):
    _as(f.DecisionFactory(district=district_a, title="Samstags geöffnet"), author)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    assert ("Decision created", "Samstags geöffnet") in _actions(_page(client, district_a))


def test_a_publication_and_its_withdrawal_appear(client, district_a, author, member):
    snapshot = f.ReportSnapshotFactory(survey__district=district_a, survey__title="Umfrage 2026")
    for action in (PublicationEvent.Action.PUBLISH, PublicationEvent.Action.UNPUBLISH):
        PublicationEvent.objects.create(
            snapshot=snapshot, action=action, by=author, by_name="Rita Beispiel"
        )
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    response = _page(client, district_a)

    actions = [action for action, _label in _actions(response)]
    assert actions == ["Report withdrawn", "Report published"]
    share = reverse(
        "reports:snapshot_share", kwargs={"district": district_a.slug, "snapshot": snapshot.pk}
    )
    assert share in response.content.decode()
    assert "Umfrage 2026" in response.content.decode()


def test_a_comment_appears_without_its_text(client, district_a, author, member):
    finding = f.FindingFactory(district=district_a, title="Zu wenig Abendtermine")
    FindingComment.objects.create(finding=finding, author=author, text="Vertraulicher Hinweis")
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    response = _page(client, district_a)

    assert ("Commented on a finding", "Zu wenig Abendtermine") in _actions(response)
    assert "Vertraulicher Hinweis" not in response.content.decode()


def _activity_in(district, user, marker):
    goal = _as(f.ActionGoalFactory(district=district, title=f"{marker} Ziel"), user)
    f.IndicatorFactory(goal=goal, name=f"{marker} Indikator")
    f.OfferingFactory(district=district, name=f"{marker} Angebot")
    finding = f.FindingFactory(district=district, title=f"{marker} Befund")
    f.DecisionFactory(district=district, title=f"{marker} Anpassung")
    FindingComment.objects.create(finding=finding, author=user, text="Text")
    snapshot = f.ReportSnapshotFactory(survey__district=district, survey__title=f"{marker} Umfrage")
    PublicationEvent.objects.create(
        snapshot=snapshot, action=PublicationEvent.Action.PUBLISH, by=user
    )


def test_nothing_from_another_district_appears(client, district_a, district_b, member):
    outsider = f.UserFactory(first_name="Otto", last_name="Anderswo")
    _activity_in(district_b, outsider, "Fremd")
    _activity_in(district_a, None, "Eigen")
    client.force_login(member(district_a, Membership.Role.COORDINATOR).user)

    response = _page(client, district_a)

    page = response.content.decode()
    assert len(response.context["page"].entries) == 7
    assert "Fremd" not in page
    assert "Otto Anderswo" not in page


def test_a_member_of_another_district_gets_404(client, district_a, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)

    assert client.get(_url(district_a)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, district_a):
    response = client.get(_url(district_a))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_offering_waiting_for_review_is_not_named_to_viewers(client, district_a, member):
    f.OfferingFactory(
        district=district_a, name="Noch geheim", review_status=Offering.ReviewStatus.PENDING
    )
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    assert "Noch geheim" not in _page(client, district_a).content.decode()

    client.force_login(member(district_a, Membership.Role.COORDINATOR).user)
    assert "Noch geheim" in _page(client, district_a).content.decode()


def test_the_feed_pages_by_thirty(client, district_a, member):
    f.DecisionFactory.create_batch(PAGE_SIZE + 1, district=district_a)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)

    first = _page(client, district_a)
    second = _page(client, district_a, page=2)

    assert len(first.context["page"].entries) == PAGE_SIZE
    assert "?page=2" in first.content.decode()
    assert len(second.context["page"].entries) == 1
    assert "?page=1" in second.content.decode()


def test_a_page_needs_the_same_queries_however_much_happened(
    client, district_a, member, django_assert_max_num_queries
):
    viewer = member(district_a, Membership.Role.VIEWER).user
    _activity_in(district_a, viewer, "Erst")
    client.force_login(viewer)
    with django_assert_max_num_queries(12) as few:
        _page(client, district_a)

    for n in range(5):
        _activity_in(district_a, viewer, f"Mehr {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        _page(client, district_a)


def test_activity_page_counts_queries_without_a_request(district_a, django_assert_max_num_queries):
    for n in range(3):
        _activity_in(district_a, None, str(n))

    with django_assert_max_num_queries(8):
        page = activity_page(district_a, user=None, role=Membership.Role.COORDINATOR)

    assert len(page.entries) == 21
