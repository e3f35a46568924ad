"""Backup codes (*reservecodes*) for the code step: made when the second step is switched on, shown once,
new ones on request (the old ones stop), each works once at /account/inloggen/code/."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorleren.accounts import selectors, services, views
from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.accounts.tests.otp.conftest import PASSWORD, code_for, device_on, wrong_code_for
from doorleren.audit.models import AuditEvent
from doorleren.core.errors import ApplicationError

pytestmark = pytest.mark.django_db

CODE = re.compile(r'<code class="dl-code">([a-z2-9]{4} [a-z2-9]{4})</code>')


@pytest.fixture(autouse=True)
def no_wait_after_a_wrong_backup_code():
    with override_settings(OTP_STATIC_THROTTLE_FACTOR=0):
        yield


@pytest.fixture
def coach():
    return UserFactory(username="coach", role=Role.COACH)


@pytest.fixture
def device(coach):
    return device_on(coach)


# --- services ------------------------------------------------------------------------------------------


def test_ten_different_codes_of_eight_easy_characters(coach, device):
    codes = services.otp_backup_codes_create(user=coach)
    assert len(codes) == 10 and len(set(codes)) == 10
    for code in codes:
        assert len(code) == 8 and set(code) <= set(services.OTP_BACKUP_CODE_ALPHABET)
    assert not set("ilo01") & set(services.OTP_BACKUP_CODE_ALPHABET)
    assert selectors.otp_backup_codes_remaining(user=coach) == 10


def test_making_codes_is_audited_without_the_codes(coach, device):
    codes = services.otp_backup_codes_create(user=coach)
    event = AuditEvent.objects.get(action="accounts.otp_backup_codes_create")
    assert event.actor == coach and event.data == {"count": 10}
    assert not any(code in str(event.data) + event.reason for code in codes)


def test_codes_only_with_the_second_step_on(coach):
    with pytest.raises(ApplicationError) as error:
        services.otp_backup_codes_create(user=coach)
    assert error.value.code == "otp_not_on" and error.value.status == 409
    assert not StaticDevice.objects.exists()


def test_residents_get_no_codes():
    resident = UserFactory(role=Role.RESIDENT)
    with pytest.raises(ApplicationError) as error:
        services.otp_backup_codes_create(user=resident)
    assert error.value.code == "otp_not_for_role"


def test_a_backup_code_logs_in_once(coach, device):
    code = services.otp_backup_codes_create(user=coach)[3]
    used = services.otp_verify_login(user=coach, code=code)
    assert isinstance(used, StaticDevice) and used.user == coach
    assert selectors.otp_backup_codes_remaining(user=coach) == 9
    assert AuditEvent.objects.get(action="accounts.otp_backup_code_use").data == {"remaining": 9}
    with pytest.raises(ApplicationError) as error:
        services.otp_verify_login(user=coach, code=code)
    assert error.value.code == "otp_backup_code_wrong"
    assert "Elke reservecode werkt maar 1 keer." in error.value.message


@pytest.mark.parametrize("shape", [str.upper, lambda c: f"{c[:4]} {c[4:]}", lambda c: f"{c[:4]}-{c[4:]}"])
def test_a_backup_code_may_be_typed_with_capitals_spaces_or_a_dash(coach, device, shape):
    code = services.otp_backup_codes_create(user=coach)[0]
    assert isinstance(services.otp_verify_login(user=coach, code=shape(code)), StaticDevice)


def test_the_app_code_still_works_next_to_backup_codes(coach, device):
    services.otp_backup_codes_create(user=coach)
    assert services.otp_verify_login(user=coach, code=code_for(device)) == device
    assert selectors.otp_backup_codes_remaining(user=coach) == 10


def test_new_codes_replace_the_old_ones(coach, device):
    old = services.otp_backup_codes_create(user=coach)
    first_device = StaticDevice.objects.get(user=coach)
    new = services.otp_backup_codes_create(user=coach)
    assert not set(old) & set(new)
    assert StaticDevice.objects.get(user=coach).pk == first_device.pk  # sessions verified with it stay so
    assert StaticToken.objects.filter(device__user=coach).count() == 10
    with pytest.raises(ApplicationError):
        services.otp_verify_login(user=coach, code=old[0])
    services.otp_verify_login(user=coach, code=new[0])


def test_renew_needs_a_right_code_from_the_app(coach, device):
    old = services.otp_backup_codes_create(user=coach)
    with pytest.raises(ApplicationError) as error:
        services.otp_backup_codes_renew(user=coach, code=wrong_code_for(device))
    assert error.value.code == "otp_code_wrong"
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(old)
    new = services.otp_backup_codes_renew(user=coach, code=code_for(device))
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(new)


def test_a_backup_code_of_someone_else_does_not_work(coach, device):
    other = UserFactory(username="ander", role=Role.EMPLOYER)
    device_on(other)
    code = services.otp_backup_codes_create(user=other)[0]
    services.otp_backup_codes_create(user=coach)
    with pytest.raises(ApplicationError) as error:
        services.otp_verify_login(user=coach, code=code)
    assert error.value.code == "otp_backup_code_wrong"


def test_without_codes_a_backup_code_is_wrong_not_a_crash(coach, device):
    with pytest.raises(ApplicationError) as error:
        services.otp_verify_login(user=coach, code="abcdefgh")
    assert error.value.code == "otp_backup_code_wrong"


def test_backup_codes_do_nothing_once_the_app_device_is_gone(coach, device):
    code = services.otp_backup_codes_create(user=coach)[0]
    TOTPDevice.objects.filter(user=coach).delete()  # e.g. an administrator after a lost phone
    with pytest.raises(ApplicationError) as error:
        services.otp_verify_login(user=coach, code=code)
    assert error.value.code == "otp_not_on"


def test_a_backup_code_switches_the_second_step_off_after_a_lost_phone(coach, device):
    code = services.otp_backup_codes_create(user=coach)[0]
    services.otp_device_remove(user=coach, code=code)
    assert not TOTPDevice.objects.exists() and not StaticDevice.objects.exists()
    assert AuditEvent.objects.filter(action="accounts.otp_disable", actor=coach).count() == 1


def test_a_wrong_backup_code_keeps_the_second_step_on(coach, device):
    services.otp_backup_codes_create(user=coach)
    with pytest.raises(ApplicationError) as error:
        services.otp_device_remove(user=coach, code="zzzz-zzzz")
    assert error.value.code == "otp_backup_code_wrong"
    assert TOTPDevice.objects.filter(user=coach).exists()
    assert selectors.otp_backup_codes_remaining(user=coach) == 10


def test_switching_the_second_step_off_deletes_the_codes(coach, device):
    services.otp_backup_codes_create(user=coach)
    services.otp_device_remove(user=coach, code=code_for(device))
    assert not StaticDevice.objects.exists() and not StaticToken.objects.exists()


@override_settings(OTP_STATIC_THROTTLE_FACTOR=1)
def test_after_a_wrong_backup_code_the_next_try_waits(coach, device):
    code = services.otp_backup_codes_create(user=coach)[0]
    with pytest.raises(ApplicationError):
        services.otp_verify_login(user=coach, code="zzzzzzzz")
    with pytest.raises(ApplicationError) as error:
        services.otp_verify_login(user=coach, code=code)
    assert error.value.code == "otp_throttled" and error.value.status == 429
    assert selectors.otp_backup_codes_remaining(user=coach) == 10


@pytest.mark.parametrize("code", ["", "abc", "abcdefg", "abcdefghj", "abcdefg1", "1234567"])
def test_something_that_is_no_code_gets_a_clear_message(coach, device, code):
    with pytest.raises(ApplicationError) as error:
        services.otp_verify_login(user=coach, code=code)
    assert error.value.code == "otp_code_invalid"
    assert "reservecodes" in error.value.message


# --- pages ---------------------------------------------------------------------------------------------


def _switch_on(client, coach) -> TOTPDevice:
    client.force_login(coach)
    client.get(reverse("account_otp"))
    device = TOTPDevice.objects.get(user=coach)
    client.post(reverse("account_otp"), {"code": code_for(device)})
    return device


def _codes(html: str) -> list[str]:
    return [code.replace(" ", "") for code in CODE.findall(html)]


def test_switching_on_shows_ten_codes_once(client, coach):
    _switch_on(client, coach)
    response = client.get(reverse("account_otp_backup_codes"))
    assert response.status_code == 200
    html = response.content.decode()
    codes = _codes(html)
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=coach).values_list("token", flat=True)
    )
    assert len(codes) == 10
    assert "U ziet deze codes maar 1 keer. Print deze pagina of schrijf de codes op." in html
    assert "no-store" in response["Cache-Control"]
    assert "<script" not in html.split("</head>")[1] and "style=" not in html
    assert views.OTP_BACKUP_CODES_KEY not in client.session
    # Once: a reload goes to the page with the number of codes left, without the codes.
    again = client.get(reverse("account_otp_backup_codes"))
    assert again.status_code == 302 and again.url == reverse("account_otp")
    page = client.get(reverse("account_otp")).content.decode()
    assert "U heeft nog 10 reservecodes." in page
    assert not any(code in page for code in codes)


def test_the_page_counts_the_codes_left(client, coach):
    _switch_on(client, coach)
    codes = _codes(client.get(reverse("account_otp_backup_codes")).content.decode())
    services.otp_verify_login(user=coach, code=codes[0])
    assert "U heeft nog 9 reservecodes." in client.get(reverse("account_otp")).content.decode()
    for code in codes[1:9]:
        services.otp_verify_login(user=coach, code=code)
    assert "U heeft nog 1 reservecode." in client.get(reverse("account_otp")).content.decode()
    services.otp_verify_login(user=coach, code=codes[9])
    assert "U heeft geen reservecodes." in client.get(reverse("account_otp")).content.decode()


def test_new_codes_on_the_page_need_a_code_from_the_app(client, coach):
    device = _switch_on(client, coach)
    old = _codes(client.get(reverse("account_otp_backup_codes")).content.decode())
    wrong = client.post(reverse("account_otp_backup_codes"), {"backup-code": wrong_code_for(device)})
    assert wrong.status_code == 400
    html = wrong.content.decode()
    assert 'href="#id_backup-code"' in html and "Deze code klopt niet." in html
    assert html.count('id="id_code"') == 1 and html.count('id="id_backup-code"') == 1
    right = client.post(reverse("account_otp_backup_codes"), {"backup-code": code_for(device, steps_ahead=1)})
    assert right.status_code == 302 and right.url == reverse("account_otp_backup_codes")
    new = _codes(client.get(right.url).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    with pytest.raises(ApplicationError):
        services.otp_verify_login(user=coach, code=old[0])


def test_new_codes_without_the_second_step_go_back_to_the_page(client, coach):
    client.force_login(coach)
    response = client.post(reverse("account_otp_backup_codes"), {"backup-code": "123456"})
    assert response.status_code == 302 and response.url == reverse("account_otp")
    assert not StaticDevice.objects.exists()


def test_switch_off_on_the_page_with_a_backup_code(client, coach, device):
    code = services.otp_backup_codes_create(user=coach)[0]
    client.force_login(coach)
    page = client.get(reverse("account_otp")).content.decode()
    assert "Code uit de app of reservecode" in page
    response = client.post(reverse("account_otp_remove"), {"code": code})
    assert response.status_code == 302
    assert not selectors.otp_enabled(user=coach)


def test_residents_get_403(client):
    client.force_login(UserFactory(role=Role.RESIDENT))
    assert client.get(reverse("account_otp_backup_codes")).status_code == 403
    assert client.post(reverse("account_otp_backup_codes"), {"backup-code": "123456"}).status_code == 403


def test_the_codes_page_needs_a_login(client):
    response = client.get(reverse("account_otp_backup_codes"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_login_with_a_backup_code(client, coach, device):
    code = services.otp_backup_codes_create(user=coach)[0]
    client.post(reverse("login"), {"username": "coach", "password": PASSWORD})
    page = client.get(reverse("login_otp")).content.decode()
    assert "Typ dan een van uw reservecodes." in page
    assert 'inputmode="numeric"' not in page  # backup codes have letters
    response = client.post(reverse("login_otp"), {"code": code.upper()})
    assert response.status_code == 302 and response.url == reverse("web:start")
    assert int(client.session["_auth_user_id"]) == coach.pk
    assert client.session[DEVICE_ID_SESSION_KEY] == StaticDevice.objects.get(user=coach).persistent_id
    start = client.get(reverse("web:start")).content.decode()
    assert "U heeft een reservecode gebruikt. U heeft nog 9 reservecodes." in start


def test_a_used_backup_code_does_not_log_in_again(client, coach, device):
    code = services.otp_backup_codes_create(user=coach)[0]
    services.otp_verify_login(user=coach, code=code)
    client.post(reverse("login"), {"username": "coach", "password": PASSWORD})
    response = client.post(reverse("login_otp"), {"code": code})
    assert response.status_code == 400
    assert "Deze reservecode klopt niet, of u heeft hem al gebruikt." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_with_few_codes_left_the_login_says_to_make_new_ones(client, coach, device):
    codes = services.otp_backup_codes_create(user=coach)
    for code in codes[:8]:
        services.otp_verify_login(user=coach, code=code)
    client.post(reverse("login"), {"username": "coach", "password": PASSWORD})
    client.post(reverse("login_otp"), {"code": codes[8]})
    start = client.get(reverse("web:start")).content.decode()
    assert "U heeft nog 1 reservecode." in start
    assert "Maak nieuwe reservecodes op de pagina Tweede stap bij inloggen." in start


def test_backup_code_admin_shows_how_many_are_left_never_the_codes(client, coach, device):
    codes = services.otp_backup_codes_create(user=coach)
    administrator = UserFactory(
        username="beheerder", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True
    )
    client.force_login(administrator)
    static = StaticDevice.objects.get(user=coach)
    changelist = client.get(reverse("admin:otp_static_staticdevice_changelist")).content.decode()
    detail = client.get(reverse("admin:otp_static_staticdevice_change", args=[static.pk]))
    assert detail.status_code == 200
    for html in (changelist, detail.content.decode()):
        assert not any(code in html for code in codes)
    assert client.get(reverse("admin:otp_static_staticdevice_add")).status_code == 403
