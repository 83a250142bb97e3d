from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from districts.models import Membership
from surveys.models import CollectionPoint
from surveys.models.collection import CODE_ALPHABET
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(district_a):
    return f.SurveyFactory(district=district_a)


def list_url(survey):
    return reverse(
        "surveys:collection_points",
        kwargs={"district": survey.district.slug, "survey": survey.pk},
    )


def create_url(survey):
    return reverse(
        "surveys:collection_point_create",
        kwargs={"district": survey.district.slug, "survey": survey.pk},
    )


def edit_url(point):
    return reverse(
        "surveys:collection_point_edit",
        kwargs={
            "district": point.survey.district.slug,
            "survey": point.survey.pk,
            "collection_point": point.pk,
        },
    )


def delete_url(point):
    return reverse(
        "surveys:collection_point_delete",
        kwargs={
            "district": point.survey.district.slug,
            "survey": point.survey.pk,
            "collection_point": point.pk,
        },
    )


@pytest.fixture
def staff(client, district_a, member):
    client.force_login(member(district_a, Membership.Role.STAFF).user)
    return client


def test_outsider_gets_404_for_the_collection_points(client, survey, district_b, member):
    client.force_login(member(district_b, Membership.Role.COORDINATOR).user)
    assert client.get(list_url(survey)).status_code == 404
    assert client.post(create_url(survey), {"kind": "online"}).status_code == 404
    assert CollectionPoint.objects.count() == 0


def test_a_viewer_reads_the_links_but_cannot_add_one(client, survey, district_a, member):
    point = f.CollectionPointFactory(survey=survey)
    client.force_login(member(district_a, Membership.Role.VIEWER).user)
    response = client.get(list_url(survey))
    assert response.status_code == 200
    assert point.display_code in response.content.decode()
    assert b'name="kind"' not in response.content
    assert client.post(create_url(survey), {"kind": "online"}).status_code == 403
    assert client.post(edit_url(point), {"label": "x", "is_active": ""}).status_code == 403
    assert CollectionPoint.objects.count() == 1


def test_the_list_shows_the_absolute_short_link_the_code_and_the_response_count(staff, survey):
    point = f.CollectionPointFactory(survey=survey, label="Sommerfest", kind="event")
    f.ResponseFactory.create_batch(3, collection_point=point)
    response = staff.get(list_url(survey))
    html = response.content.decode()
    assert f"http://testserver/s/{point.code}/" in html
    assert point.display_code in html
    assert response.context["collection_points"][0][0].response_count == 3


def test_the_list_needs_no_query_per_collection_point(staff, survey, django_assert_max_num_queries):
    offering = f.OfferingFactory(district=survey.district)
    place = f.OfferingPlaceFactory(offering=offering)
    f.CollectionPointFactory(survey=survey, kind="offering", offering=offering)
    for _ in range(6):
        point = f.CollectionPointFactory(survey=survey, kind="place", place=place)
        f.ResponseFactory(collection_point=point)
    with django_assert_max_num_queries(16) as few:
        staff.get(list_url(survey))
    for _ in range(10):
        f.CollectionPointFactory(survey=survey, kind="place", place=place, offering=offering)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff.get(list_url(survey))


def test_staff_add_an_online_collection_point(staff, survey):
    response = staff.post(create_url(survey), {"kind": "online", "label": ""})
    assert response.status_code == 302
    point = CollectionPoint.objects.get()
    assert point.survey == survey
    assert point.kind == CollectionPoint.Kind.ONLINE
    assert point.offering is None


def test_staff_add_a_collection_point_at_an_offering(staff, survey):
    offering = f.OfferingFactory(district=survey.district)
    staff.post(create_url(survey), {"kind": "offering", "offering": offering.pk})
    assert CollectionPoint.objects.get().offering == offering


def test_a_place_brings_its_offering_along(staff, survey):
    place = f.OfferingPlaceFactory(offering__district=survey.district)
    staff.post(create_url(survey), {"kind": "place", "place": place.pk})
    point = CollectionPoint.objects.get()
    assert point.place == place
    assert point.offering == place.offering


def test_an_event_with_its_name(staff, survey):
    staff.post(create_url(survey), {"kind": "event", "label": "Kiezfest 12. Juni"})
    assert CollectionPoint.objects.get().label == "Kiezfest 12. Juni"


def test_an_online_point_drops_an_offering_chosen_by_mistake(staff, survey):
    offering = f.OfferingFactory(district=survey.district)
    staff.post(create_url(survey), {"kind": "online", "offering": offering.pk})
    assert CollectionPoint.objects.get().offering is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "offering"}, "offering", "Please choose the offering."),
        ({"kind": "place"}, "place", "Please choose the place."),
        ({"kind": "event", "label": ""}, "label", "Please name the event."),
    ],
)
def test_the_models_rules_come_back_as_field_errors(staff, survey, data, field, message):
    response = staff.post(create_url(survey), data)
    assert response.status_code == 200
    with translation.override("de"):
        assert response.context["form"].errors[field] == [translation.gettext(message)]
    assert CollectionPoint.objects.count() == 0


def test_an_offering_of_another_district_is_refused(staff, survey, district_b):
    foreign = f.OfferingFactory(district=district_b)
    response = staff.post(create_url(survey), {"kind": "offering", "offering": foreign.pk})
    assert "offering" in response.context["form"].errors
    assert CollectionPoint.objects.count() == 0


def test_a_place_of_another_districts_offering_is_refused(staff, survey, district_b):
    foreign = f.OfferingPlaceFactory(offering__district=district_b)
    response = staff.post(create_url(survey), {"kind": "place", "place": foreign.pk})
    assert "place" in response.context["form"].errors
    assert CollectionPoint.objects.count() == 0


def test_the_form_offers_only_the_districts_offerings_and_places(staff, survey, district_b):
    own = f.OfferingPlaceFactory(offering__district=survey.district)
    foreign = f.OfferingPlaceFactory(offering__district=district_b)
    form = staff.get(create_url(survey)).context["form"]
    assert list(form.fields["offering"].queryset) == [own.offering]
    assert list(form.fields["place"].queryset) == [own]
    assert foreign.offering not in form.fields["offering"].queryset


def test_codes_are_unique_eight_characters_from_the_typable_alphabet(staff, survey):
    for _ in range(20):
        staff.post(create_url(survey), {"kind": "online"})
    codes = list(CollectionPoint.objects.values_list("code", flat=True))
    assert len(codes) == 20
    assert len(set(codes)) == 20
    for code in codes:
        assert len(code) == 8
        assert set(code) <= set(CODE_ALPHABET)


def test_staff_rename_and_deactivate_a_collection_point(staff, survey):
    point = f.CollectionPointFactory(survey=survey)
    code = point.code
    response = staff.post(edit_url(point), {"label": "Elterncafé Dienstag", "is_active": ""})
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.label == "Elterncafé Dienstag"
    assert point.is_active is False
    assert point.code == code


def test_an_event_keeps_its_name_when_edited(staff, survey):
    point = f.CollectionPointFactory(survey=survey, kind="event", label="Kiezfest")
    response = staff.post(edit_url(point), {"label": "", "is_active": "on"})
    assert response.status_code == 200
    point.refresh_from_db()
    assert point.label == "Kiezfest"


def test_a_collection_point_of_another_survey_is_not_found_under_this_survey(staff, survey):
    other = f.CollectionPointFactory(survey=f.SurveyFactory(district=survey.district))
    url = reverse(
        "surveys:collection_point_edit",
        kwargs={
            "district": survey.district.slug,
            "survey": survey.pk,
            "collection_point": other.pk,
        },
    )
    assert staff.get(url).status_code == 404
    assert staff.post(url, {"label": "x", "is_active": ""}).status_code == 404
    other.refresh_from_db()
    assert other.label == ""


def test_a_collection_point_without_responses_can_be_deleted(staff, survey):
    point = f.CollectionPointFactory(survey=survey)
    assert staff.get(delete_url(point)).status_code == 200
    staff.post(delete_url(point))
    assert not CollectionPoint.objects.filter(pk=point.pk).exists()


def test_a_collection_point_with_responses_stays_and_staff_are_told_to_deactivate(staff, survey):
    point = f.CollectionPointFactory(survey=survey)
    f.ResponseFactory(collection_point=point)
    response = staff.post(delete_url(point), follow=True)
    assert CollectionPoint.objects.filter(pk=point.pk).exists()
    assert "Deaktivieren Sie sie stattdessen" in response.content.decode()
    edit = staff.get(edit_url(point)).content.decode()
    assert delete_url(point) not in edit
