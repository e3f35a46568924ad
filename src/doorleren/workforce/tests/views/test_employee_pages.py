"""Mijn ontwikkelplan: the invitation ("Ik werk bij ..."), the plan, agree or decline, downloads."""

from django.test import Client
from django.urls import reverse

from doorleren.workforce import services
from doorleren.workforce.models import HolderState, PlanState

from ..factories import proposed_plan


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_resident_confirms_an_invitation_and_shares_the_plan(world):
    role = services.company_role_create(
        organisation=world.firm, title="Sorteerder", regional_occupation=world.occupation, actor=world.henk
    )
    holder = services.role_holder_invite(role=role, email="anne@voorbeeld.nl", actor=world.henk)
    client = _client(world.anne)
    page = client.get(reverse("workforce:mine"))
    assert "Werkt u bij Wierde Afval" in page.content.decode()
    response = client.post(
        reverse("workforce:invitation_answer", kwargs={"pk": holder.pk}), {"answer": "ja", "share": "on"}
    )
    assert response.status_code == 302
    holder.refresh_from_db()
    assert holder.state == HolderState.ACCEPTED and holder.employee == world.anne
    text = client.get(reverse("workforce:mine")).content.decode()
    assert "U deelt uw ontwikkelplan met deze werkgever." in text


def test_someone_else_cannot_answer_the_invitation(world):
    role = services.company_role_create(organisation=world.firm, title="Sorteerder", actor=world.henk)
    holder = services.role_holder_invite(role=role, email="anne@voorbeeld.nl", actor=world.henk)
    response = _client(world.stranger).post(
        reverse("workforce:invitation_answer", kwargs={"pk": holder.pk}), {"answer": "ja"}
    )
    assert response.status_code == 404
    response = _client(world.anne).post(
        reverse("workforce:invitation_answer", kwargs={"pk": holder.pk}), {"answer": "misschien"}
    )
    assert response.status_code == 400 and "Kies ja of nee" in response.content.decode()
    holder.refresh_from_db()
    assert holder.state == HolderState.PENDING


def test_the_employee_sees_and_agrees_to_their_plan(world):
    _role, _holder, plan = proposed_plan(world)
    client = _client(world.anne)
    page = client.get(reverse("workforce:my_plan", kwargs={"pk": plan.pk}))
    text = page.content.decode()
    assert page.status_code == 200 and "Bent u akkoord?" in text and "Regionaal leerbudget" in text
    assert client.get(reverse("workforce:my_plan_pdf", kwargs={"pk": plan.pk})).content.startswith(b"%PDF")
    assert client.get(reverse("workforce:my_plan_csv", kwargs={"pk": plan.pk})).status_code == 200
    response = client.post(
        reverse("workforce:my_plan_decide", kwargs={"pk": plan.pk}), {"decision": "akkoord"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.AGREED
    again = client.post(
        reverse("workforce:my_plan_decide", kwargs={"pk": plan.pk}), {"decision": "niet-akkoord"}
    )
    assert again.status_code == 409 and "al besloten" in again.content.decode()


def test_another_resident_and_bad_decisions(world):
    _role, _holder, plan = proposed_plan(world)
    stranger = _client(world.stranger)
    assert stranger.get(reverse("workforce:my_plan", kwargs={"pk": plan.pk})).status_code == 404
    assert (
        stranger.post(
            reverse("workforce:my_plan_decide", kwargs={"pk": plan.pk}), {"decision": "akkoord"}
        ).status_code
        == 404
    )
    response = _client(world.anne).post(
        reverse("workforce:my_plan_decide", kwargs={"pk": plan.pk}), {"decision": "ja\x00"}
    )
    assert response.status_code == 400
    assert _client(world.henk).get(reverse("workforce:mine")).status_code == 403
    plan.refresh_from_db()
    assert plan.state == PlanState.PROPOSED
