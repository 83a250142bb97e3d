"""Staff make batches of one-time access codes and see how many are used; the codes are
secrets, so viewers see nothing of them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import Membership
from surveys.models import AccessCode, AccessCodeBatch, Survey
from surveys.models.collection import CODE_ALPHABET
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(district_a) -> Survey:
    return f.SurveyFactory(district=district_a, requires_access_code=True)


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


def codes_url(survey: Survey) -> str:
    return reverse(
        "surveys:access_codes", kwargs={"district": survey.district.slug, "survey": survey.pk}
    )


# --- making a batch --------------------------------------------------------------------------


def test_a_batch_makes_that_many_unique_codes(staff, survey):
    response = staff.post(codes_url(survey), {"size": "25", "note": "Elternabend"})
    batch = AccessCodeBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{codes_url(survey)}#batch-{batch.pk}"
    codes = list(AccessCode.objects.values_list("code", flat=True))
    assert len(codes) == 25
    assert len(set(codes)) == 25
    assert all(len(code) == 8 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert (batch.size, batch.note, batch.collection_point) == (25, "Elternabend", None)
    assert set(AccessCode.objects.values_list("survey", "batch", "is_used")) == {
        (survey.pk, batch.pk, False)
    }


def test_making_a_batch_says_how_many_codes_were_made(staff, survey):
    response = staff.post(codes_url(survey), {"size": "3"}, follow=True)
    assert "3 Zugangscodes wurden erstellt." in response.text


def test_a_batch_remembers_its_collection_point_and_its_maker(client, member, survey):
    membership = member(survey.district, Membership.Role.STAFF)
    client.force_login(membership.user)
    point = f.CollectionPointFactory(survey=survey)
    client.post(codes_url(survey), {"size": "2", "collection_point": point.pk})
    batch = AccessCodeBatch.objects.get()
    assert (batch.collection_point, batch.created_by) == (point, membership.user)


@pytest.mark.parametrize("size", ["0", "501", "-3", "", "zehn"])
def test_a_size_outside_1_to_500_is_rejected_with_a_message(staff, survey, size):
    response = staff.post(codes_url(survey), {"size": size})
    assert response.status_code == 200
    assert "Bitte geben Sie eine Anzahl von 1 bis 500 Codes ein." in response.text
    assert AccessCodeBatch.objects.count() == 0
    assert AccessCode.objects.count() == 0


def test_the_largest_batch_is_accepted(staff, survey):
    assert staff.post(codes_url(survey), {"size": "500"}).status_code == 302
    assert AccessCode.objects.filter(survey=survey).count() == 500


def test_a_collection_point_of_another_survey_is_rejected(staff, survey):
    other = f.CollectionPointFactory(survey=f.SurveyFactory(district=survey.district))
    response = staff.post(codes_url(survey), {"size": "5", "collection_point": other.pk})
    assert response.status_code == 400
    assert AccessCode.objects.count() == 0


def test_an_archived_survey_gets_no_new_codes(staff, survey):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.ARCHIVED)
    response = staff.post(codes_url(survey), {"size": "5"})
    assert response.status_code == 400
    assert "Es können keine neuen Codes erstellt werden." in response.text
    assert AccessCode.objects.count() == 0


# --- the list --------------------------------------------------------------------------------


def test_used_and_unused_codes_are_counted_per_batch(staff, survey):
    first = f.AccessCodeBatchFactory(survey=survey, size=4, note="Kita")
    second = f.AccessCodeBatchFactory(survey=survey, size=2, note="Jobcenter")
    used = list(first.codes.all()[:3])
    AccessCode.objects.filter(pk__in=[c.pk for c in used]).update(is_used=True)
    response = staff.get(codes_url(survey))
    counts = {b.pk: (b.size, b.used, b.unused) for b in response.context["batches"]}
    assert counts == {first.pk: (4, 3, 1), second.pk: (2, 0, 2)}
    assert "Insgesamt 3 benutzt, 3 unbenutzt." in response.text


def test_the_newest_batch_comes_first(staff, survey):
    older = f.AccessCodeBatchFactory(survey=survey, size=1)
    newer = f.AccessCodeBatchFactory(survey=survey, size=1)
    batches = staff.get(codes_url(survey)).context["batches"]
    assert [b.pk for b in batches] == [newer.pk, older.pk]


def test_a_used_code_of_another_survey_is_not_counted(staff, survey):
    batch = f.AccessCodeBatchFactory(survey=survey, size=2)
    other = f.AccessCodeBatchFactory(survey=f.SurveyFactory(district=survey.district), size=2)
    other.codes.update(is_used=True)
    response = staff.get(codes_url(survey))
    assert [(b.pk, b.used, b.unused) for b in response.context["batches"]] == [(batch.pk, 0, 2)]


def test_the_page_shows_the_setting_and_that_codes_are_not_linked_to_answers(staff, survey):
    html = staff.get(codes_url(survey)).text
    assert "Codes erforderlich" in html
    assert "Codes sind nicht mit Antworten verknüpft." in html
    assert "Es ist kein unbenutzter Code mehr übrig" in html
    Survey.objects.filter(pk=survey.pk).update(requires_access_code=False)
    assert "Keine Codes erforderlich" in staff.get(codes_url(survey)).text


def test_the_page_shows_no_code_itself(staff, survey):
    batch = f.AccessCodeBatchFactory(survey=survey, size=3)
    html = staff.get(codes_url(survey)).text
    for code in batch.codes.all():
        assert code.code not in html
        assert code.display_code not in html


def test_only_this_surveys_collection_points_are_offered(staff, survey):
    own = f.CollectionPointFactory(survey=survey, label="Familienzentrum")
    f.CollectionPointFactory(label="Fremde Stelle")
    html = staff.get(codes_url(survey)).text
    assert f'<option value="{own.pk}">Familienzentrum</option>' in html
    assert "Fremde Stelle" not in html


def test_the_batch_list_needs_the_same_queries_for_many_batches(staff, survey):
    f.AccessCodeBatchFactory(survey=survey, size=2)
    with CaptureQueriesContext(connection) as few:
        staff.get(codes_url(survey))
    offering = f.OfferingFactory(district=survey.district)
    for n in range(6):
        point = f.CollectionPointFactory(
            survey=survey,
            kind="offering",
            offering=offering,
            place=f.OfferingPlaceFactory(offering=offering) if n % 2 else None,
        )
        f.AccessCodeBatchFactory(survey=survey, size=3, collection_point=point)
    with CaptureQueriesContext(connection) as many:
        staff.get(codes_url(survey))
    assert len(many) == len(few)


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Membership.Role.VIEWER, Membership.Role.PROVIDER])
def test_readers_see_nothing_of_the_codes(client, member, survey, role):
    f.AccessCodeBatchFactory(survey=survey, size=2)
    client.force_login(member(survey.district, role).user)
    assert client.get(codes_url(survey)).status_code == 403
    assert client.post(codes_url(survey), {"size": "5"}).status_code == 403
    assert AccessCode.objects.count() == 2


def test_coordinators_make_codes(client, member, survey):
    client.force_login(member(survey.district, Membership.Role.COORDINATOR).user)
    assert client.get(codes_url(survey)).status_code == 200
    assert client.post(codes_url(survey), {"size": "1"}).status_code == 302


def test_a_survey_of_another_district_is_not_found(staff, district_a, district_b):
    other = f.SurveyFactory(district=district_b)
    url = reverse("surveys:access_codes", kwargs={"district": district_a.slug, "survey": other.pk})
    assert staff.get(url).status_code == 404
    assert staff.post(url, {"size": "5"}).status_code == 404
    assert staff.get(codes_url(other)).status_code == 404
    assert AccessCode.objects.count() == 0


def test_anonymous_visitors_are_sent_to_the_login(client, survey):
    response = client.get(codes_url(survey))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- the survey's setting --------------------------------------------------------------------


def test_staff_switch_the_code_requirement_in_the_survey_form(staff, survey):
    Survey.objects.filter(pk=survey.pk).update(requires_access_code=False)
    url = reverse("surveys:edit", kwargs={"district": survey.district.slug, "survey": survey.pk})
    assert "Familien brauchen einen Einmal-Zugangscode" in staff.get(url).text
    data = {
        "title": survey.title,
        "intro": survey.intro,
        "min_group_size": 5,
        "languages": ["en"],
        "requires_access_code": "on",
    }
    assert staff.post(url, data).status_code == 302
    survey.refresh_from_db()
    assert survey.requires_access_code
    data.pop("requires_access_code")
    staff.post(url, data)
    survey.refresh_from_db()
    assert not survey.requires_access_code


def test_each_batch_links_to_its_slips(staff, survey):
    batch = f.AccessCodeBatchFactory(survey=survey, size=1)
    slips = reverse(
        "surveys:code_slips",
        kwargs={"district": survey.district.slug, "survey": survey.pk, "batch": batch.pk},
    )
    assert f'href="{slips}"' in staff.get(codes_url(survey)).text
