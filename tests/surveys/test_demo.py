from __future__ import annotations

import datetime
import io
from collections import Counter, defaultdict
from collections.abc import Iterator
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from districts.management.commands.seed_demo import DEMO_APPS
from districts.models import Area, Membership
from goals.models import Indicator
from surveys import demo
from surveys.home_panel import panel
from surveys.models import (
    Answer,
    CollectionPoint,
    CollectionPointDay,
    IndicatorLink,
    Question,
    Response,
    Survey,
)
from surveys.texts import translation_completeness
from tests.conftest import create_reference_data
from tests.factories import CollectionPointFactory, ResponseFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """seed_demo once for the module (it takes seconds); rolled back when the module is done.

    Each test runs in a savepoint inside this transaction, so nothing leaks into other tests.
    The demo stops after the surveys: the report built from them (seconds more) is not read
    here (tests/test_seed_demo*.py).
    """
    apps = DEMO_APPS[: DEMO_APPS.index("surveys") + 1]
    with django_db_blocker.unblock(), transaction.atomic():
        create_reference_data()
        with (
            override_settings(DEBUG=True),
            mock.patch("districts.management.commands.seed_demo.DEMO_APPS", apps),
        ):
            call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def survey(seeded: None) -> Survey:
    return Survey.objects.get(is_demo=True)


def _answers(survey: Survey) -> list[Answer]:
    return list(Answer.objects.filter(response__survey=survey).select_related("question", "option"))


def _chosen(survey: Survey) -> dict[int, dict[tuple[str, int | None], list[str]]]:
    """response → (block part, offering) → option codes."""
    chosen: dict[int, dict[tuple[str, int | None], list[str]]] = defaultdict(dict)
    for response_id, key, offering_id, code in Answer.objects.filter(
        response__survey=survey, option__isnull=False
    ).values_list("response_id", "question__block_key", "question__offering_id", "option__code"):
        chosen[response_id].setdefault((key, offering_id), []).append(code)
    return chosen


# --- what seed_demo builds ----------------------------------------------------------------------


def test_seed_demo_builds_one_open_demo_survey_running_from_eight_weeks_ago_for_four_more(
    survey: Survey,
) -> None:
    today = timezone.localdate()
    assert Survey.objects.filter(is_demo=True).count() == 1
    assert survey.district.slug == "charlottenburg-wilmersdorf"
    assert survey.status == Survey.Status.OPEN
    assert survey.opens_on == today - datetime.timedelta(weeks=8)
    assert survey.closes_on == today + datetime.timedelta(weeks=4)
    assert survey.accepts_responses(today)
    assert survey.language_codes == ["de", "de-ls", "tr", "ar", "en"]


def test_the_demo_survey_has_a_collection_point_at_the_family_centre_a_kita_and_online(
    survey: Survey,
) -> None:
    points = {p.kind: p for p in survey.collection_points.select_related("offering", "place")}
    assert set(points) == {"offering", "place", "online"}
    assert points["offering"].offering.category.key == "familienzentrum"
    assert points["place"].place.offering.district == survey.district
    assert all(len(p.code) == 8 for p in points.values())


def test_the_demo_survey_asks_about_nine_offerings_with_the_three_blocks(survey: Survey) -> None:
    known = survey.questions.filter(block=Question.Block.REACH, block_key="known")
    categories = set(known.values_list("offering__category__key", flat=True))
    assert known.count() == len(demo.DEMO_OFFERINGS) == 9
    assert {"familienzentrum", "stadtteilmuetter", "fruehe-hilfen", "but"} <= categories
    assert set(survey.questions.values_list("block", flat=True)) == {"reach", "family", "missing"}
    assert survey.questions.filter(block_key="helpful").count() == 9
    assert survey.questions.filter(block_key="barriers").count() == 9


def test_the_demo_survey_is_completely_translated_into_its_four_languages(
    survey: Survey,
) -> None:
    completeness = translation_completeness(survey)
    assert set(completeness) == {"de-ls", "en", "tr", "ar"}
    assert {code: c.percent for code, c in completeness.items()} == dict.fromkeys(completeness, 100)
    assert survey.translations.get(language="ar").title == demo.TITLE["ar"]


def test_the_demo_survey_feeds_the_indicator_on_knowing_the_family_service_office(
    survey: Survey,
) -> None:
    link = IndicatorLink.objects.get(indicator__name=demo.INDICATOR)
    assert link.question.survey == survey
    assert link.question.offering.category.key == "familienservicebuero"
    assert set(link.options.values_list("code", flat=True)) == {"known_not_used", "used"}
    assert link.indicator.source == Indicator.Source.SURVEY


# --- the synthetic responses --------------------------------------------------------------------


def test_the_demo_has_about_600_responses_all_marked_as_demo_data(survey: Survey) -> None:
    responses = Response.objects.filter(survey=survey)
    assert 550 <= responses.count() <= 650
    assert not responses.filter(is_demo=False).exists()
    assert set(responses.values_list("collection_point__survey", flat=True)) == {survey.pk}
    per_point = Counter(responses.values_list("collection_point__kind", flat=True))
    assert set(per_point) == {"offering", "place", "online"}
    assert min(per_point.values()) >= 60


def test_demo_responses_fall_within_the_survey_period_up_to_today(survey: Survey) -> None:
    dates = set(Response.objects.filter(survey=survey).values_list("submitted_on", flat=True))
    assert min(dates) >= survey.opens_on
    assert max(dates) <= timezone.localdate()
    assert len(dates) > 40  # spread over the eight weeks, not bunched


def test_demo_responses_are_mostly_german_then_turkish_arabic_english_and_leichte_sprache(
    survey: Survey,
) -> None:
    languages = Counter(
        Response.objects.filter(survey=survey).values_list("language", flat=True)
    ).most_common()
    assert [code for code, _n in languages] == ["de", "tr", "ar", "en", "de-ls"]
    channels = Counter(Response.objects.filter(survey=survey).values_list("channel", flat=True))
    assert channels["online"] > 10 * channels["tablet"] > 0


def test_every_follow_up_answer_comes_with_the_answer_that_shows_it(survey: Survey) -> None:
    given = set(
        Answer.objects.filter(response__survey=survey, option__isnull=False).values_list(
            "response_id", "option_id"
        )
    )
    conditional = [a for a in _answers(survey) if a.question.show_if_option_id]
    assert conditional
    for answer in conditional:
        assert (answer.response_id, answer.question.show_if_option_id) in given


def test_helpfulness_only_after_used_and_barriers_only_after_known_but_not_used(
    survey: Survey,
) -> None:
    for answers in _chosen(survey).values():
        for (key, offering), _codes in answers.items():
            if key == "helpful":
                assert answers[("known", offering)] == ["used"]
            if key == "barriers":
                assert answers[("known", offering)] == ["known_not_used"]


def test_single_choices_have_one_option_and_exclusive_options_stand_alone(
    survey: Survey,
) -> None:
    per_question: dict[tuple[int, int], list[Answer]] = defaultdict(list)
    for answer in _answers(survey):
        if answer.option_id:
            per_question[(answer.response_id, answer.question_id)].append(answer)
    exclusive_seen = 0
    for answers in per_question.values():
        question = answers[0].question
        if not question.is_multiple:
            assert len(answers) == 1
        elif any(a.option.is_exclusive for a in answers):
            exclusive_seen += 1
            assert len(answers) == 1
        assert len({a.option_id for a in answers}) == len(answers)
    assert exclusive_seen > 20  # "nothing made it hard", "none", "rather not say" do occur


def test_answers_use_their_own_questions_options_and_text_only_where_asked(
    survey: Survey,
) -> None:
    for answer in _answers(survey):
        if answer.option_id:
            assert answer.option.question_id == answer.question_id
        if answer.text:
            assert answer.question.kind == Question.Kind.TEXT or answer.option.is_other
            assert len(answer.text) <= 500
        assert answer.number is None


def test_families_name_their_bezirksregion_or_say_they_do_not_know(survey: Survey) -> None:
    home = Answer.objects.filter(response__survey=survey, question__block_key="home_area")
    regions = set(home.exclude(option__area=None).values_list("option__area__level", flat=True))
    codes = Counter(home.filter(option__area=None).values_list("option__code", flat=True))
    assert regions == {Area.Level.BEZIRKSREGION}
    assert home.exclude(option__area=None).values("option").distinct().count() == (
        Area.objects.for_district(survey.district).level(Area.Level.BEZIRKSREGION).count()
    )
    assert codes["dont_know"] > 5
    assert codes["prefer_not_to_say"] > 5


def test_families_with_benefits_know_fewer_offerings(survey: Survey) -> None:
    known: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    for answers in _chosen(survey).values():
        benefits = answers.get(("benefits", None))
        if not benefits or "prefer_not_to_say" in benefits:
            continue
        poor = bool({"basic_income_support", "berlinpass"} & set(benefits))
        for (key, _offering), codes in answers.items():
            if key == "known":
                known[poor].update(codes)

    def share_known(counts: Counter[str]) -> float:
        return 1 - counts["not_known"] / sum(counts.values())

    assert share_known(known[True]) < share_known(known[False]) - 0.05


def test_turkish_and_arabic_speaking_families_use_the_family_centre_less(survey: Survey) -> None:
    centre = survey.collection_points.get(kind="offering").offering_id
    languages = dict(Response.objects.filter(survey=survey).values_list("pk", "language"))
    used: dict[bool, list[bool]] = {True: [], False: []}
    for response_id, answers in _chosen(survey).items():
        if ("known", centre) in answers:
            used[languages[response_id] in {"tr", "ar"}].append(
                answers[("known", centre)] == ["used"]
            )
    assert sum(used[True]) / len(used[True]) < sum(used[False]) / len(used[False]) / 1.5


def test_the_most_named_barriers_are_the_ones_families_name_most_in_studies(
    survey: Survey,
) -> None:
    barriers = Counter(
        Answer.objects.filter(response__survey=survey, question__block_key="barriers").values_list(
            "option__code", flat=True
        )
    )
    top = {code for code, _n in barriers.most_common(5)}
    assert {"barrier_1", "barrier_2", "barrier_5", "barrier_7"} <= top
    in_turkish_or_arabic = Counter(
        Answer.objects.filter(
            response__survey=survey,
            question__block_key="barriers",
            response__language__in=["tr", "ar"],
        ).values_list("option__code", flat=True)
    )
    assert in_turkish_or_arabic.most_common(1)[0][0] == "barrier_3"


def test_a_few_dozen_free_texts_some_read_and_tagged_by_staff(survey: Survey) -> None:
    texts = Answer.objects.filter(response__survey=survey).exclude(text="")
    reviewed = texts.filter(text_reviewed=True)
    assert 24 <= texts.count() <= 120
    assert 10 <= reviewed.count() < texts.count()
    assert not texts.filter(text_reviewed=False, tags__isnull=False).exists()
    tags = set(reviewed.values_list("tags__survey", flat=True)) - {None}
    assert tags == {survey.pk}
    assert texts.filter(response__language="ar").exists()
    assert texts.filter(response__language="tr").exists()


def test_more_families_start_than_finish_on_every_day(survey: Survey) -> None:
    finished = Counter(
        Response.objects.filter(survey=survey).values_list("collection_point_id", "submitted_on")
    )
    starts = {
        (d.collection_point_id, d.day): d.starts
        for d in CollectionPointDay.objects.filter(collection_point__survey=survey)
    }
    for key, n in finished.items():
        assert starts[key] >= n
    assert 1.15 <= sum(starts.values()) / sum(finished.values()) <= 1.35


def test_seeding_again_keeps_one_demo_survey_with_the_same_numbers_and_links(
    survey: Survey,
) -> None:
    def numbers() -> dict[str, object]:
        return {
            "surveys": list(Survey.objects.filter(is_demo=True).values_list("pk", flat=True)),
            "codes": sorted(CollectionPoint.objects.values_list("code", flat=True)),
            "responses": Response.objects.count(),
            "answers": Answer.objects.count(),
            "texts": Answer.objects.exclude(text="").count(),
            "starts": sorted(CollectionPointDay.objects.values_list("starts", flat=True)),
            "questions": Question.objects.count(),
            "links": IndicatorLink.objects.count(),
        }

    before = numbers()
    lines = demo.seed(survey.district)
    assert numbers() == before
    assert lines == [f"  Umfragen: 1, Sammelstellen: 3, Antworten: {before['responses']}"]


# --- the home page panel ------------------------------------------------------------------------


@pytest.fixture
def open_survey_b(district_b):
    survey = SurveyFactory(district=district_b)
    point = CollectionPointFactory(survey=survey)
    today = timezone.localdate()
    ResponseFactory.create_batch(3, collection_point=point, submitted_on=today)
    ResponseFactory.create_batch(
        2, collection_point=point, submitted_on=today - datetime.timedelta(days=10)
    )
    SurveyFactory(district=district_b, status=Survey.Status.DRAFT)
    return survey


def test_the_district_home_page_shows_open_surveys_and_responses_to_a_member(
    client, district_b, member, open_survey_b
) -> None:
    client.force_login(member(district_b, Membership.Role.VIEWER).user)
    page = client.get(reverse("districts:home", kwargs={"district": district_b.slug})).text
    assert "1 offene Familienbefragung" in page
    assert "3 Antworten in den letzten 7 Tagen" in page
    assert "5 Antworten insgesamt" in page
    assert reverse("surveys:list", kwargs={"district": district_b.slug}) in page


def test_only_staff_see_the_link_to_a_new_survey_on_the_home_page(
    client, district_b, member
) -> None:
    url = reverse("districts:home", kwargs={"district": district_b.slug})
    create = reverse("surveys:create", kwargs={"district": district_b.slug})
    client.force_login(member(district_b, Membership.Role.STAFF).user)
    assert create in client.get(url).text
    client.force_login(member(district_b, Membership.Role.VIEWER).user)
    assert create not in client.get(url).text


def test_the_surveys_panel_keeps_the_offerings_panel_of_the_same_step(
    client, district_b, member
) -> None:
    client.force_login(member(district_b).user)
    page = client.get(reverse("districts:home", kwargs={"district": district_b.slug})).text
    assert "0 laufende Angebote" in page
    assert "Alle Angebote" in page
    assert "0 offene Familienbefragungen" in page


def test_the_surveys_panel_counts_in_the_database(
    district_b, open_survey_b, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(4):  # three for the offerings, one for the surveys
        context = panel(district_b).context
    assert context["survey_open_count"] == 1
    assert context["survey_recent_response_count"] == 3
    assert context["survey_response_count"] == 5
