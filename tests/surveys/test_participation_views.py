from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import Area, Membership
from surveys.models import ParticipationTarget
from tests import factories as f
from tests.surveys.test_participation import build_example, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(district_a):
    return f.SurveyFactory(district=district_a)


def monitor_url(survey):
    return reverse(
        "surveys:participation", kwargs={"district": survey.district.slug, "survey": survey.pk}
    )


def add_url(survey):
    return reverse(
        "surveys:target_add", kwargs={"district": survey.district.slug, "survey": survey.pk}
    )


def delete_url(survey, target):
    return reverse(
        "surveys:target_delete",
        kwargs={"district": survey.district.slug, "survey": survey.pk, "target": target.pk},
    )


def logged_in(client, district, role):
    client.force_login(f.MembershipFactory(district=district, role=role).user)
    return client


@pytest.fixture
def staff(client, district_a):
    return logged_in(client, district_a, Membership.Role.STAFF)


@pytest.fixture
def viewer(client, district_a):
    return logged_in(client, district_a, Membership.Role.VIEWER)


# --- who may do what -------------------------------------------------------------------------


def test_a_viewer_reads_the_monitor_without_the_target_buttons(viewer, survey):
    response = viewer.get(monitor_url(survey))
    assert response.status_code == 200
    assert "Wohin als Nächstes" in response.content.decode()
    assert add_url(survey) not in response.content.decode()


def test_staff_see_the_button_to_add_a_target(staff, survey):
    assert add_url(survey) in staff.get(monitor_url(survey)).content.decode()


def test_a_viewer_can_neither_add_nor_delete_a_target(viewer, survey):
    point = f.CollectionPointFactory(survey=survey)
    target = ParticipationTarget.objects.create(survey=survey, collection_point=point, responses=9)
    assert viewer.get(add_url(survey)).status_code == 403
    assert (
        viewer.post(add_url(survey), {"collection_point": point.pk, "responses": 5}).status_code
        == 403
    )
    assert viewer.post(delete_url(survey, target)).status_code == 403
    assert ParticipationTarget.objects.count() == 1


def test_the_monitor_cannot_be_posted_to(viewer, survey):
    assert viewer.post(monitor_url(survey)).status_code == 405


@pytest.mark.parametrize("url", [monitor_url, add_url])
def test_an_outsider_gets_404(client, survey, district_b, url):
    logged_in(client, district_b, Membership.Role.COORDINATOR)
    assert client.get(url(survey)).status_code == 404


def test_an_outsider_cannot_delete_a_target(client, survey, district_b):
    target = f.ParticipationTargetFactory(collection_point__survey=survey)
    logged_in(client, district_b, Membership.Role.COORDINATOR)
    assert client.post(delete_url(survey, target)).status_code == 404
    assert ParticipationTarget.objects.filter(pk=target.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login(client, survey):
    response = client.get(monitor_url(survey))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- adding targets --------------------------------------------------------------------------


def test_staff_add_a_target_for_a_collection_point(staff, survey):
    point = f.CollectionPointFactory(survey=survey, label="Kiezfest")
    response = staff.post(
        add_url(survey), {"collection_point": point.pk, "responses": 40, "note": "mit Tablet"}
    )
    assert response.status_code == 302
    assert response["Location"] == monitor_url(survey) + "#targets"
    target = ParticipationTarget.objects.get()
    assert (target.survey, target.collection_point, target.area, target.responses, target.note) == (
        survey,
        point,
        None,
        40,
        "mit Tablet",
    )


def test_staff_add_a_target_for_a_bezirksregion_or_a_planungsraum(staff, survey, district_a):
    region = f.AreaFactory(district=district_a, code="041001", name="Westend")
    planning = f.AreaFactory(
        district=district_a,
        level=Area.Level.PLANUNGSRAUM,
        code="04100101",
        name="Westend Nord",
        parent=region,
    )
    for area in (region, planning):
        assert staff.post(add_url(survey), {"area": area.pk, "responses": 50}).status_code == 302
    assert set(ParticipationTarget.objects.values_list("area__name", flat=True)) == {
        "Westend",
        "Westend Nord",
    }


@pytest.mark.parametrize("both", [True, False])
def test_a_target_needs_either_a_collection_point_or_an_area(staff, survey, district_a, both):
    data = {"responses": 50}
    if both:
        data["collection_point"] = f.CollectionPointFactory(survey=survey).pk
        data["area"] = f.AreaFactory(district=district_a).pk
    response = staff.post(add_url(survey), data)
    assert response.status_code == 200
    assert response.content.decode().count("entweder eine Sammelstelle oder ein Gebiet") == 1
    assert not ParticipationTarget.objects.exists()


def test_an_area_of_another_district_is_refused(staff, survey, district_b):
    foreign = f.AreaFactory(district=district_b, code="111001", name="Fremd")
    response = staff.post(add_url(survey), {"area": foreign.pk, "responses": 50})
    assert response.status_code == 200
    assert response.context["form"].errors["area"]
    assert not ParticipationTarget.objects.exists()


def test_a_collection_point_of_another_survey_is_refused(staff, survey, district_a):
    other = f.CollectionPointFactory(survey=f.SurveyFactory(district=district_a))
    response = staff.post(add_url(survey), {"collection_point": other.pk, "responses": 50})
    assert response.status_code == 200
    assert response.context["form"].errors["collection_point"]
    assert not ParticipationTarget.objects.exists()


def test_the_form_offers_only_this_surveys_points_and_the_districts_areas(
    staff, survey, district_a, district_b
):
    own_point = f.CollectionPointFactory(survey=survey)
    f.CollectionPointFactory(survey=f.SurveyFactory(district=district_a))
    own_area = f.AreaFactory(district=district_a, code="041001")
    f.AreaFactory(district=district_b, code="111001")
    form = staff.get(add_url(survey)).context["form"]
    assert list(form.fields["collection_point"].queryset) == [own_point]
    assert list(form.fields["area"].queryset) == [own_area]


@pytest.mark.parametrize("number", [0, -3, 100_001, "viele"])
def test_the_target_number_must_be_a_sensible_whole_number(staff, survey, number):
    point = f.CollectionPointFactory(survey=survey)
    response = staff.post(add_url(survey), {"collection_point": point.pk, "responses": number})
    assert response.context["form"].errors["responses"]
    assert not ParticipationTarget.objects.exists()


def test_a_second_target_for_the_same_collection_point_is_refused(staff, survey):
    point = f.CollectionPointFactory(survey=survey)
    ParticipationTarget.objects.create(survey=survey, collection_point=point, responses=9)
    response = staff.post(add_url(survey), {"collection_point": point.pk, "responses": 20})
    assert "hat schon ein Ziel" in response.content.decode()
    assert ParticipationTarget.objects.get().responses == 9


# --- deleting targets ------------------------------------------------------------------------


def test_staff_confirm_and_delete_a_target(staff, survey):
    target = f.ParticipationTargetFactory(collection_point__survey=survey, responses=25)
    page = staff.get(delete_url(survey, target))
    assert page.status_code == 200
    assert "25" in page.content.decode()
    response = staff.post(delete_url(survey, target))
    assert response["Location"] == monitor_url(survey) + "#targets"
    assert not ParticipationTarget.objects.exists()


def test_a_target_of_another_survey_is_not_found_under_this_survey(staff, survey, district_a):
    other = f.ParticipationTargetFactory(
        collection_point__survey=f.SurveyFactory(district=district_a)
    )
    assert staff.get(delete_url(survey, other)).status_code == 404
    assert staff.post(delete_url(survey, other)).status_code == 404
    assert ParticipationTarget.objects.filter(pk=other.pk).exists()


# --- the page --------------------------------------------------------------------------------


def test_the_page_shows_the_list_the_tables_and_the_small_cell_rule(viewer, district_a):
    example = build_example(district_a)
    html = viewer.get(monitor_url(example.survey)).content.decode()
    assert (
        "<strong>Ost:</strong> hohe Kinderarmut (30,0 %), bisher weniger als 5 Antworten." in html
    )
    assert (
        "<strong>Nord:</strong> hohe Kinderarmut (40,0 %), bisher 4,5 Antworten pro 1.000 Kinder"
        " – Ziel 30, erreicht 9 (30,0 %)." in html
    )
    assert "weniger als 5" in html
    assert "verborgen" in html
    assert "Online erhalten 15 % der Familien, die geantwortet haben, Leistungen" in html
    assert "Bürgergeld" in html
    assert "Nord am Park" in html  # the Planungsraum target that cannot be counted


def test_the_page_needs_the_same_queries_for_more_responses_and_areas(
    viewer, district_a, django_assert_num_queries
):
    example = build_example(district_a)
    url = monitor_url(example.survey)
    viewer.get(url)  # sessions and caches settle
    with CaptureQueriesContext(connection) as counted:
        viewer.get(url)
    before = len(counted.captured_queries)
    for n in range(3):
        area = f.AreaFactory(district=district_a, code=f"0412{n:02d}", name=f"Kiez {n}")
        respond(
            example.survey,
            example.points["online"],
            home=None,
            channel="online",
            benefits=["none"],
            count=6,
        )
        ParticipationTarget.objects.create(survey=example.survey, area=area, responses=10)
        f.CollectionPointFactory(survey=example.survey)
    with django_assert_num_queries(before):
        viewer.get(url)
    assert before <= 20
