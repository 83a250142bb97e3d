from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from districts.models import District, Membership
from surveys.models import CollectionPointDay, Question, Response
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "sicheres-passwort-123"


def _survey_with_responses(district: District):
    survey = f.SurveyFactory(
        district=district,
        title="Was erreicht Familien im Kiez?",
        languages=["en", "ar", "tr"],
    )
    offering = f.OfferingFactory(district=district, name="Elterncafé am Klausenerplatz")
    place = f.OfferingPlaceFactory(
        offering=offering, name="Familienzentrum am Park", address="Parkstraße 1"
    )
    cafe = f.CollectionPointFactory(survey=survey, kind="offering", offering=offering)
    park = f.CollectionPointFactory(survey=survey, kind="place", place=place, offering=offering)
    fest = f.CollectionPointFactory(survey=survey, kind="event", label="Kiezfest 12. Juni")
    f.CollectionPointFactory(survey=survey, kind="online", is_active=False)
    page = f.PageFactory(survey=survey, position=0)
    missing = f.QuestionFactory(
        page=page, kind=Question.Kind.TEXT, text="Was würde Ihrer Familie am meisten helfen?"
    )
    today = timezone.localdate()
    plan = [
        (cafe, 0, "de", 9),
        (cafe, 1, "tr", 3),
        (park, 1, "de", 6),
        (fest, 3, "ar", 2),
        (fest, 3, "de", 7),
        (cafe, 6, "de", 4),
    ]
    for point, days_ago, language, count in plan:
        f.ResponseFactory.create_batch(
            count,
            collection_point=point,
            submitted_on=today - datetime.timedelta(days=days_ago),
            language=language,
            channel=Response.Channel.ONLINE,
        )
    CollectionPointDay.objects.create(collection_point=cafe, day=today, starts=20)
    CollectionPointDay.objects.create(collection_point=park, day=today, starts=8)
    texts = [
        ("de", "Mehr Angebote am Wochenende, wenn beide Eltern arbeiten.", True),
        ("ar", "نحتاج إلى مزيد من الدروس باللغة العربية للأطفال.", False),
        ("tr", "Kreş yerleri çok az.", False),
    ]
    tag = f.FreeTextTagFactory(survey=survey, name="Öffnungszeiten")
    f.FreeTextTagFactory(survey=survey, name="Sprache")
    responses = Response.objects.filter(survey=survey)
    for language, text, reviewed in texts:
        answer = f.AnswerFactory(
            response=responses.filter(language=language).first(),
            question=missing,
            text=text,
            text_reviewed=reviewed,
        )
        if reviewed:
            answer.tags.add(tag)
    return survey


def test_a_coordinator_looks_at_links_responses_and_free_texts(
    page, live_server, log_in, screenshot
):
    district = District.objects.get(number="04")
    user = f.UserFactory(username="koordinatorin", password=PASSWORD)
    f.MembershipFactory(user=user, district=district, role=Membership.Role.COORDINATOR)
    survey = _survey_with_responses(district)
    base = f"{live_server.url}/d/{district.slug}/umfragen/{survey.pk}"
    log_in("koordinatorin", PASSWORD)

    page.goto(f"{base}/sammelstellen/")
    expect(page.get_by_role("heading", name="Links und Sammelstellen")).to_be_visible()
    first = survey.collection_points.order_by("pk").first()
    expect(page.get_by_text(first.display_code).first).to_be_visible()
    screenshot("survey-collection-points")

    page.get_by_role("link", name="Antworten", exact=True).click()
    expect(page.get_by_role("heading", name="Antworten", exact=True)).to_be_visible()
    expect(page.get_by_text("weniger als 5").first).to_be_visible()
    expect(page.get_by_role("link", name="Excel (XLSX)")).to_be_visible()
    screenshot("survey-responses")

    page.get_by_role("link", name="Freitexte").click()
    expect(page.get_by_role("heading", name="Freitexte")).to_be_visible()
    screenshot("survey-free-texts")

    arabic = page.locator("blockquote[lang='ar']")
    assert arabic.get_attribute("dir") == "rtl"
    card = page.locator("article", has=arabic)
    card.get_by_label("Sprache").check()
    card.get_by_role("button", name="Als gelesen speichern").click()
    expect(page.get_by_text("Der Freitext wurde gespeichert.")).to_be_visible()
    answer = survey.responses.get(answers__text__startswith="نحتاج").answers.get()
    assert answer.text_reviewed
    assert [t.name for t in answer.tags.all()] == ["Sprache"]
