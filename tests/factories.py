from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from districts.models import Area, District, Membership, Sector, Stakeholder
from goals.models import (
    ActionGoal,
    CurveAction,
    CurvePartner,
    FieldOfAction,
    Indicator,
    IndicatorValue,
    Resource,
)
from mitwirkung.legal.models import BarrierReport
from offerings.models import (
    Offering,
    OfferingCategory,
    OfferingChange,
    OfferingGoal,
    OfferingPlace,
    OfferingResource,
)
from reports.models import Decision, Finding, ReportDocument, ReportSnapshot, StrategyCycle
from reports.schema import TABLES_VERSION
from surveys.models import (
    AccessCodeBatch,
    Answer,
    CollectionPoint,
    FreeTextTag,
    Option,
    Page,
    ParticipationTarget,
    Question,
    Response,
    Survey,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    password = factory.django.Password("sicheres-passwort-123")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    district = factory.LazyFunction(lambda: District.objects.get(number="04"))
    role = Membership.Role.STAFF


class BarrierReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BarrierReport

    description = "Der Knopf zum Absenden ist mit der Tastatur nicht erreichbar."
    email = "melderin@example.org"


class AreaFactory(factory.django.DjangoModelFactory):
    """A Bezirksregion (6 digits) of the given district; pass level/code/parent for others."""

    class Meta:
        model = Area

    district = factory.LazyFunction(lambda: District.objects.get(number="04"))
    level = Area.Level.BEZIRKSREGION
    code = factory.LazyAttributeSequence(lambda a, n: f"{a.district.number}{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Kiez {n}")


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    district = factory.LazyFunction(lambda: District.objects.get(number="04"))
    name = factory.Sequence(lambda n: f"Familienzentrum {n}")
    sector = factory.LazyFunction(lambda: Sector.objects.get(key="youth-welfare"))
    kind = Stakeholder.Kind.INDEPENDENT_PROVIDER
    contact_person = "Sam Beispiel"
    email = factory.Sequence(lambda n: f"kontakt{n}@traeger.example")


class ActionGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionGoal
        skip_postgeneration_save = True

    district = factory.LazyFunction(lambda: District.objects.get(number="04"))
    title = factory.Sequence(lambda n: f"Mehr Familien kennen die Angebote im Kiez ({n})")
    kind = ActionGoal.Kind.ACTION

    @factory.post_generation
    def fields_of_action(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create:
            self.fields_of_action.set(extracted or [FieldOfAction.objects.get(key="teilhabe")])


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(ActionGoalFactory)
    name = factory.Sequence(lambda n: f"Anteil der Familien, die das Familienzentrum kennen ({n})")
    unit = Indicator.Unit.PERCENT
    baseline_value = 20.0
    baseline_on = datetime.date(2024, 1, 1)
    target_value = 40.0
    target_on = datetime.date(2027, 12, 31)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = datetime.date(2025, 6, 30)
    value = 28.0


class CurvePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CurvePartner

    indicator = factory.SubFactory(IndicatorFactory)
    stakeholder = factory.SubFactory(
        StakeholderFactory, district=factory.SelfAttribute("..indicator.goal.district")
    )
    role = "Lädt Familien zu Elterncafés ein"


class CurveActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CurveAction

    indicator = factory.SubFactory(IndicatorFactory)
    what = "Flyer in fünf Sprachen in allen Kitas auslegen"
    due_on = datetime.date(2026, 3, 31)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    district = factory.LazyFunction(lambda: District.objects.get(number="04"))
    kind = Resource.Kind.BUDGET
    amount = 25000
    description = "Honorare für Sprachmittlung"
    funding_source = "Bezirkshaushalt"
    year = 2026


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    district = factory.LazyFunction(lambda: District.objects.get(number="04"))
    name = factory.Sequence(lambda n: f"Elterncafé {n}")
    description = "Eltern treffen sich, Kinder spielen, Fachkräfte beraten."
    provider = factory.SubFactory(StakeholderFactory, district=factory.SelfAttribute("..district"))
    category = factory.LazyFunction(lambda: OfferingCategory.objects.get(key="familienzentrum"))
    sector = factory.LazyFunction(lambda: Sector.objects.get(key="youth-welfare"))


class OfferingPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferingPlace

    offering = factory.SubFactory(OfferingFactory)
    name = "Familienzentrum am Park"
    address = "Parkstraße 1, 14059 Berlin"


class OfferingGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferingGoal

    offering = factory.SubFactory(OfferingFactory)
    goal = factory.SubFactory(
        ActionGoalFactory, district=factory.SelfAttribute("..offering.district")
    )
    note = "Erreicht Familien direkt im Kiez"


class OfferingResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferingResource

    offering = factory.SubFactory(OfferingFactory)
    kind = OfferingResource.Kind.BUDGET
    amount = 12000
    funding_source = "Bezirkshaushalt"
    year = 2026


class OfferingChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferingChange

    offering = factory.SubFactory(OfferingFactory)
    data = factory.LazyAttribute(
        lambda c: {"name": f"{c.offering.name} (neu)", "opening_times": "Mo–Fr 9–12"}
    )


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    district = factory.LazyFunction(lambda: District.objects.get(number="04"))
    title = factory.Sequence(lambda n: f"Was erreicht Familien? {n}")
    intro = "Wir möchten wissen, welche Angebote Sie kennen."
    status = Survey.Status.OPEN
    languages = factory.LazyFunction(lambda: ["en", "ar"])


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n)
    title = "Fragen"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    page = factory.SubFactory(PageFactory)
    survey = factory.SelfAttribute("page.survey")
    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: f"Frage {n}?")
    position = factory.Sequence(lambda n: n)


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    text = factory.Sequence(lambda n: f"Antwort {n}")
    position = factory.Sequence(lambda n: n)


class CollectionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionPoint

    survey = factory.SubFactory(SurveyFactory)
    kind = CollectionPoint.Kind.ONLINE


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    collection_point = factory.SubFactory(CollectionPointFactory)
    survey = factory.SelfAttribute("collection_point.survey")
    language = "de"
    submitted_on = factory.LazyFunction(timezone.localdate)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(
        QuestionFactory,
        kind=Question.Kind.TEXT,
        page__survey=factory.SelfAttribute("...response.survey"),
    )
    text = "Mehr Angebote am Wochenende"


class FreeTextTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FreeTextTag

    survey = factory.SubFactory(SurveyFactory)
    name = factory.Sequence(lambda n: f"Thema {n}")


class AccessCodeBatchFactory(factory.django.DjangoModelFactory):
    """A batch with its codes (AccessCodeBatch.create_with_codes)."""

    class Meta:
        model = AccessCodeBatch

    survey = factory.SubFactory(SurveyFactory, requires_access_code=True)
    size = 3

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.create_with_codes(**kwargs)


class ParticipationTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipationTarget

    collection_point = factory.SubFactory(CollectionPointFactory)
    survey = factory.SelfAttribute("collection_point.survey")
    responses = 50


class ReportSnapshotFactory(factory.django.DjangoModelFactory):
    """A ready snapshot without numbers, protected on its own (so it may be published);
    tests that read numbers build real ones or pass sample tables."""

    class Meta:
        model = ReportSnapshot

    survey = factory.SubFactory(SurveyFactory)
    district = factory.SelfAttribute("survey.district")
    status = ReportSnapshot.Status.READY
    tables = factory.LazyFunction(
        lambda: {
            "version": TABLES_VERSION,
            "disclosure": {"method": "linked-suppression", "protected_with": [], "blocked_by": []},
        }
    )


class ReportDocumentFactory(factory.django.DjangoModelFactory):
    """A ready PDF row with placeholder bytes; tests that read a PDF render a real one."""

    class Meta:
        model = ReportDocument

    snapshot = factory.SubFactory(ReportSnapshotFactory)
    kind = ReportDocument.Kind.REPORT
    language = "de"
    status = ReportDocument.Status.READY
    pdf = b"%PDF-1.7 placeholder"
    size = 20
    pages = 1


class FindingFactory(factory.django.DjangoModelFactory):
    """A finding entered by hand (no report item)."""

    class Meta:
        model = Finding

    district = factory.LazyFunction(lambda: District.objects.get(number="04"))
    title = factory.Sequence(lambda n: f"Befund {n}")
    source = "Bezirkskonferenz"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    district = factory.LazyFunction(lambda: District.objects.get(number="04"))
    title = factory.Sequence(lambda n: f"Anpassung {n}")
    kind = Decision.Kind.OPENING_TIMES


class StrategyCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyCycle

    district = factory.LazyFunction(lambda: District.objects.get(number="04"))
    title = factory.Sequence(lambda n: f"Zyklus {n}")
    started_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=300))
    closed_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
