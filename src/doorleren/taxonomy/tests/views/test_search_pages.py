"""Search pages with results, and the competency autocomplete (htmx fragment or full page)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_occupation_search_shows_hits_and_their_regional_occupation(client, search_indexes):
    html = client.get(reverse("taxonomy:occupation_search"), {"q": "zuster"}).content.decode()

    assert "verpleegkundige" in html
    assert search_indexes.occupations["nurse"].uri in html
    assert reverse("taxonomy:regional_occupation_detail", args=["verpleegkundige"]) in html
    assert 'scope="row"' in html
    assert "gevonden" in html


def test_skill_search_links_skills_to_competencies_on_the_map(client, search_indexes):
    html = client.get(reverse("taxonomy:skill_search"), {"q": "lassen"}).content.decode()

    assert "metaal lassen" in html
    assert reverse("taxonomy:competency_detail", args=["tech-lassen"]) in html


def test_autocomplete_returns_a_list_fragment_for_htmx(client, search_indexes):
    response = client.get(
        reverse("taxonomy:competency_search"), {"q": "teamwork"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode().strip()

    assert html.startswith("<ul")
    assert "<html" not in html
    assert reverse("taxonomy:competency_detail", args=["samenwerken"]) in html


def test_autocomplete_without_javascript_is_a_full_page(client, search_indexes):
    html = client.get(reverse("taxonomy:competency_search"), {"q": "teamwork"}).content.decode()

    assert "<html" in html
    assert '<label class="utrecht-form-label" for="id_q">' in html
    assert "Samenwerken" in html
    # htmx enhances the same form: typing fetches the fragment into the list below.
    assert f'hx-get="{reverse("taxonomy:competency_search")}"' in html
    assert 'hx-target="#competentie-opties"' in html
    assert 'id="competentie-opties"' in html


def test_autocomplete_says_when_nothing_fits(client, db, linking_dir):
    html = client.get(
        reverse("taxonomy:competency_search"), {"q": "ruimtevaart"}, headers={"HX-Request": "true"}
    ).content.decode()

    assert "Geen competentie gevonden" in html


def test_search_before_the_index_is_built_says_so_on_the_form(client, small_taxonomy, linking_dir):
    response = client.get(reverse("taxonomy:occupation_search"), {"q": "zuster"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Zoeken kan nog niet" in html
    assert "utrecht-form-field-error-message" in html
