""" "Vertel wat u kunt" with a CV: the text of a PDF or text file goes into the same suggestions; the
file is read in memory only and never stored; every bad file is a clear Dutch 400."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from doorleren.profiles import cv
from doorleren.profiles.models import CompetencySuggestion, ResidentCompetency
from doorleren.profiles.tests.factories import CompetencyFactory, ResidentProfileFactory
from doorleren.profiles.tests.test_cv import make_pdf
from doorleren.taxonomy.selectors import linking_cache_clear, linking_index

pytestmark = pytest.mark.django_db
URL = "/profiel/competenties/uit-tekst/"
CV_TEXT = "Ik verzorg wonden bij mensen thuis. In mijn vrije tijd doe ik metaal lassen."


@pytest.fixture
def profile():
    return ResidentProfileFactory()


@pytest.fixture
def logged_in(client, profile):
    client.force_login(profile.user)
    return client


@pytest.fixture
def indexed(settings, tmp_path):
    settings.LINKING_INDEX_DIR = tmp_path / "linking"
    linking_cache_clear()
    CompetencyFactory(code="zorg-wondzorg", label="Wonden verzorgen")
    CompetencyFactory(code="tech-lassen", label="Metaal lassen")
    CompetencyFactory(code="ict-excel", label="Werken met een rekenblad")
    for kind in ("competencies", "skills"):
        linking_index(kind=kind, build=True)
    yield
    linking_cache_clear()


def _post(client, content: bytes, name: str, content_type: str, text: str = ""):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(URL, {"text": text, "action": "extract", "cv": upload})


def _stored_nothing(profile) -> bool:
    return not ResidentCompetency.objects.filter(profile=profile).exists() and (
        not CompetencySuggestion.objects.filter(profile=profile).exists()
    )


def test_the_page_offers_an_optional_cv_upload(logged_in):
    html = logged_in.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="cv"' in html and 'for="id_cv"' in html
    assert 'accept=".pdf,.txt,application/pdf,text/plain"' in html
    assert "Uw cv bewaren wij niet." in html


def test_a_pdf_cv_gives_suggestions_and_its_text_in_the_form(logged_in, profile, indexed):
    response = _post(logged_in, make_pdf(CV_TEXT), "mijn-cv.pdf", "application/pdf")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wonden verzorgen" in html and "Metaal lassen" in html
    assert "Werken met een rekenblad" not in html
    assert CV_TEXT in html  # in the text box and in each suggestion's hidden field
    assert "De tekst uit uw cv staat nu in het tekstvak." in html
    assert _stored_nothing(profile)


def test_a_text_cv_is_added_after_the_typed_text(logged_in, indexed):
    response = _post(logged_in, CV_TEXT.encode(), "cv.txt", "text/plain", text="Ik werk in een magazijn.")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ik werk in een magazijn.\n\n" + CV_TEXT in html
    assert "Wonden verzorgen" in html


def test_the_type_comes_from_the_content_not_the_name(logged_in, indexed):
    response = _post(logged_in, make_pdf(CV_TEXT), "cv.txt", "text/plain")
    assert response.status_code == 200 and "Metaal lassen" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "content_type", "message"),
    [
        (
            b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200,
            "cv.pdf",
            "application/pdf",
            "Dit bestand kunnen wij niet lezen. Kies een pdf of een gewoon tekstbestand (.txt).",
        ),
        (
            b"<html><body><script>alert(1)</script></body></html>",
            "cv.txt",
            "text/plain",
            "Dit bestand kunnen wij niet lezen. Kies een pdf of een gewoon tekstbestand (.txt).",
        ),
        (
            b"%PDF-1.7\nkapot" + b"x" * 300,
            "cv.pdf",
            "application/pdf",
            "Wij kunnen deze pdf niet lezen.",
        ),
        (b"", "leeg.txt", "text/plain", "Dit bestand is leeg. Kies een ander bestand."),
    ],
    ids=["exe-named-pdf", "html", "broken-pdf", "empty"],
)
def test_a_bad_file_is_a_dutch_400_and_stores_nothing(
    logged_in, profile, content, name, content_type, message
):
    response = _post(logged_in, content, name, content_type, text="Ik werk in een magazijn.")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'href="#id_cv"' in html  # the error summary leads to the file field
    assert 'id="id_cv_error"' in html
    assert "Ik werk in een magazijn." in html  # the typed text is kept
    assert "<script>alert(1)</script>" not in html
    assert _stored_nothing(profile)


@pytest.fixture
def no_temporary_files(monkeypatch, settings):
    """Django writes uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file; make that fail."""
    from django.core.files import uploadhandler

    def refuse(*args, **kwargs):
        raise AssertionError("a CV was written to a temporary file")

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    monkeypatch.setattr(uploadhandler.TemporaryFileUploadHandler, "new_file", refuse)
    monkeypatch.setattr(uploadhandler.TemporaryFileUploadHandler, "receive_data_chunk", refuse)


@pytest.mark.usefixtures("no_temporary_files")
def test_a_cv_over_2_mb_is_refused_without_being_kept(logged_in, profile):
    big = b"heftruck " * (cv.CV_MAX_BYTES // 9 + 10)
    assert len(big) > cv.CV_MAX_BYTES
    response = _post(logged_in, big, "cv.txt", "text/plain")
    assert response.status_code == 400
    assert "Uw cv is te groot. Het mag hoogstens 2 MB zijn." in response.content.decode()
    assert _stored_nothing(profile)


def test_only_the_first_pages_of_a_long_pdf_are_read(logged_in, indexed):
    pages = ["Ik verzorg wonden bij mensen thuis."] + [f"bladzijde{n:03d}" for n in range(2, 101)]
    html = _post(logged_in, make_pdf(*pages), "cv.pdf", "application/pdf").content.decode()
    assert f"bladzijde{cv.CV_MAX_PAGES:03d}" in html
    assert f"bladzijde{cv.CV_MAX_PAGES + 1:03d}" not in html
    assert "Wonden verzorgen" in html


def test_the_csrf_check_still_applies_to_the_page(profile):
    client = Client(enforce_csrf_checks=True)
    client.force_login(profile.user)
    response = client.post(URL, {"text": CV_TEXT, "action": "extract"})
    assert response.status_code == 403


@pytest.mark.usefixtures("no_temporary_files")
def test_the_file_is_never_written_to_disk(logged_in, indexed):
    big_but_allowed = make_pdf(CV_TEXT) + b"\n%" + b"x" * (cv.CV_MAX_BYTES - 20_000)
    response = _post(logged_in, big_but_allowed, "cv.pdf", "application/pdf")
    assert response.status_code == 200
    assert "Metaal lassen" in response.content.decode()
