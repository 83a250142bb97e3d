"""Second factor: setting it up, the code after the password, recovery codes, the lockout on
wrong codes, and coordinators of a district that requires it."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from districts.models import Membership
from mitwirkung.account_security.two_factor_devices import recovery_codes_replace
from mitwirkung.account_security.two_factor_forms import (
    ENROL_WRONG_MESSAGE,
    LOCKED_MESSAGE,
    VerifyForm,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "sicheres-passwort-123"
VERIFY = reverse("two_factor:verify")


@pytest.fixture(autouse=True)
def fresh_lockout_counters() -> Iterator[None]:
    # The counters live in the cache, which outlives each test's database rollback.
    cache.clear()
    yield
    cache.clear()


class App:
    """The authenticator app: each call shows the code of a later time step, because a code
    that was accepted once is never accepted again (django-otp keeps the last step)."""

    def __init__(self, device: TOTPDevice) -> None:
        self.device = device
        self.steps = count()

    def code(self) -> str:
        return f"{totp(self.device.bin_key, drift=next(self.steps)):06d}"


def wrong_code(app: App) -> str:
    right = totp(app.device.bin_key)
    return f"{(right + 500_000) % 1_000_000:06d}"


def text(message: object) -> str:
    with translation.override("de"):
        return escape(str(message))


def enrolled(user) -> tuple[App, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    return App(device), recovery_codes_replace(user=user)


def log_in(client, user, next_url: str = ""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, follow=True)


def test_enrolment_with_the_app_code_shows_ten_recovery_codes_once(client, member, district_a):
    user = member(district_a, Membership.Role.STAFF).user
    client.force_login(user)
    page = client.get(reverse("two_factor:enrol"))
    assert page.status_code == 200
    assert "<svg" in page.text  # the QR code is drawn inline, no image host
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    app = App(device)
    assert page.context["secret"].replace(" ", "") in page.text.replace(" ", "")

    wrong = client.post(reverse("two_factor:enrol"), {"code": wrong_code(app)})
    assert wrong.status_code == 200
    assert text(ENROL_WRONG_MESSAGE) in wrong.text
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    done = client.post(reverse("two_factor:enrol"), {"code": app.code()}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("two_factor:recovery_codes")
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(code in done.text for code in codes)
    assert TOTPDevice.objects.get(user=user).confirmed
    again = client.get(reverse("two_factor:recovery_codes"))
    assert not any(code in again.text for code in codes)
    # Enrolling verified this session: staff pages open without a further code.
    assert client.get(reverse("districts:home", args=[district_a.slug])).status_code == 200


def test_after_the_password_the_code_is_asked_and_the_page_asked_for_follows(
    client, member, district_a
):
    user = member(district_a).user
    app, _codes = enrolled(user)
    goals = reverse("goals:list", args=[district_a.slug])

    response = log_in(client, user, next_url=goals)
    assert response.redirect_chain[-1][0].startswith(VERIFY)
    assert client.get(goals).status_code == 302  # still no staff page without the code

    wrong = client.post(VERIFY + f"?next={goals}", {"code": wrong_code(app)})
    assert wrong.status_code == 200
    assert text(VerifyForm.wrong_message) in wrong.text

    right = client.post(VERIFY + f"?next={goals}", {"code": app.code()})
    assert right.status_code == 302
    assert right["Location"] == goals
    assert client.get(goals).status_code == 200


def test_a_recovery_code_works_once_and_a_foreign_next_is_not_followed(client, member, district_a):
    user = member(district_a).user
    _app, codes = enrolled(user)
    log_in(client, user)
    first = client.post(VERIFY + "?next=https://evil.example/", {"code": codes[0].upper()})
    assert first["Location"] == reverse("home")
    assert StaticToken.objects.filter(device__user=user).count() == 9

    client.post(reverse("logout"))
    log_in(client, user)
    second = client.post(VERIFY, {"code": codes[0]})
    assert second.status_code == 200
    assert text(VerifyForm.wrong_message) in second.text
    assert client.get(reverse("districts:home", args=[district_a.slug])).status_code == 302


def test_a_coordinator_must_enrol_when_the_district_requires_it_staff_need_not(
    client, member, district_a
):
    district_a.requires_two_factor = True
    district_a.save(update_fields=["requires_two_factor"])
    home = reverse("districts:home", args=[district_a.slug])

    coordinator = member(district_a, Membership.Role.COORDINATOR).user
    log_in(client, coordinator)
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:enrol"))
    assert client.get(reverse("two_factor:enrol")).status_code == 200

    staff_client = type(client)()
    log_in(staff_client, member(district_a, Membership.Role.STAFF).user)
    assert staff_client.get(home).status_code == 200


def test_a_required_second_factor_cannot_be_switched_off(client, member, district_a):
    district_a.requires_two_factor = True
    district_a.save(update_fields=["requires_two_factor"])
    coordinator = member(district_a, Membership.Role.COORDINATOR).user
    app, _codes = enrolled(coordinator)
    log_in(client, coordinator)
    client.post(VERIFY, {"code": app.code()})

    response = client.post(
        reverse("two_factor:disable"), {"password": PASSWORD, "code": app.code()}
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=coordinator).count() == 1


def test_staff_switch_it_off_with_password_and_code(client, member, district_a):
    user = member(district_a).user
    app, _codes = enrolled(user)
    log_in(client, user)
    client.post(VERIFY, {"code": app.code()})

    wrong_password = client.post(
        reverse("two_factor:disable"), {"password": "falsch", "code": wrong_code(app)}
    )
    assert wrong_password.status_code == 200
    assert "password" in wrong_password.context["form"].errors
    assert TOTPDevice.objects.filter(user=user).count() == 1

    done = client.post(reverse("two_factor:disable"), {"password": PASSWORD, "code": app.code()})
    assert done["Location"] == reverse("two_factor:status")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    client.post(reverse("logout"))
    log_in(client, user)
    assert client.get(reverse("districts:home", args=[district_a.slug])).status_code == 200


def test_new_recovery_codes_need_an_app_code_and_replace_the_old(client, member, district_a):
    user = member(district_a).user
    app, old_codes = enrolled(user)
    log_in(client, user)
    client.post(VERIFY, {"code": app.code()})

    refused = client.post(reverse("two_factor:regenerate"), {"code": old_codes[0]})
    assert refused.status_code == 200
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(old_codes)

    made = client.post(reverse("two_factor:regenerate"), {"code": app.code()}, follow=True)
    new_codes = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(new_codes) == 10
    assert not new_codes & set(old_codes)
    assert all(code in made.text for code in new_codes)


def test_five_wrong_codes_lock_code_entry_even_for_the_right_code(
    client, member, district_a, settings
):
    user = member(district_a).user
    app, codes = enrolled(user)
    log_in(client, user)
    limit = settings.MITWIRKUNG_TWO_FACTOR_FAILURE_LIMIT
    responses = [client.post(VERIFY, {"code": wrong_code(app)}) for _ in range(limit)]
    assert [r.status_code for r in responses] == [200] * (limit - 1) + [429]
    assert text(LOCKED_MESSAGE) in responses[-1].text

    for code in (app.code(), codes[0]):
        locked = client.post(VERIFY, {"code": code})
        assert locked.status_code == 429
    assert client.get(VERIFY).status_code == 429
    assert client.get(reverse("districts:home", args=[district_a.slug])).status_code == 302
    # The lock holds for the person, not the browser: a fresh login meets it too.
    other = type(client)()
    log_in(other, user)
    assert other.post(VERIFY, {"code": app.code()}).status_code == 429
    assert StaticToken.objects.filter(device__user=user).count() == 10


def test_without_the_cache_codes_are_refused_with_a_message_not_checked_uncounted(
    client, member, district_a, monkeypatch
):
    user = member(district_a).user
    app, _codes = enrolled(user)
    log_in(client, user)

    def redis_is_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("mitwirkung.account_security.two_factor_lockout.cache.add", redis_is_down)
    assert client.get(VERIFY).status_code == 200
    refused = client.post(VERIFY, {"code": app.code()})
    assert refused.status_code == 200
    with translation.override("de"):
        assert "Codes können gerade wegen eines technischen Problems nicht geprüft" in refused.text
    assert client.get(reverse("districts:home", args=[district_a.slug])).status_code == 302

    monkeypatch.undo()
    assert client.post(VERIFY, {"code": app.code()}).status_code == 302


def test_password_lockout_still_works_for_an_account_with_a_second_factor(client, settings):
    user = UserFactory()
    enrolled(user)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": user.username, "password": "falsch"})
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
