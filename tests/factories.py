from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from districts.models import District, Membership
from mitwirkung.legal.models import BarrierReport


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
