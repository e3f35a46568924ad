"""profiles.cv: the text of a CV, with the type decided by the content and every limit enforced."""

from io import BytesIO

import pytest
from fpdf import FPDF

from doorleren.core.errors import ApplicationError
from doorleren.profiles import cv

MAX_CHARS = 5000


def make_pdf(*lines_per_page: str) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for line in lines_per_page:
        pdf.add_page()
        pdf.cell(text=line)
    return bytes(pdf.output())


def _error(content: bytes, **kwargs) -> ApplicationError:
    with pytest.raises(ApplicationError) as caught:
        cv.cv_text(content=content, max_chars=kwargs.pop("max_chars", MAX_CHARS), **kwargs)
    assert caught.value.status == 400
    assert caught.value.extra == {"field": "cv"}
    return caught.value


def test_a_pdf_gives_its_text():
    content = make_pdf("Ik rij op de heftruck.", "Ik sorteer afval.")
    text = cv.cv_text(content=content, max_chars=MAX_CHARS)
    assert "Ik rij op de heftruck." in text and "Ik sorteer afval." in text


def test_a_utf8_text_file_gives_its_text_tidied():
    content = "Ik verzorg wonden.\r\n\r\n\r\n  Ik  las   metaal — al 5 jaar.\n".encode()
    assert (
        cv.cv_text(content=content, max_chars=MAX_CHARS) == "Ik verzorg wonden.\n\nIk las metaal — al 5 jaar."
    )


def test_a_latin1_text_file_is_read_too():
    content = "Ik werk in de café-keuken.".encode("latin-1")
    assert cv.cv_text(content=content, max_chars=MAX_CHARS) == "Ik werk in de café-keuken."


def test_the_text_is_cut_at_the_maximum_on_a_word_boundary():
    text = cv.cv_text(content=("heftruck " * 200).encode(), max_chars=100)
    assert len(text) <= 100 and text.endswith("heftruck")


def test_too_big_is_refused_before_reading():
    error = _error(b"a" * (cv.CV_MAX_BYTES + 1))
    assert error.code == "cv_too_big"
    assert "2 MB" in error.message


def test_an_exe_named_pdf_is_refused():
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100 + b"This program"
    assert _error(exe).code == "cv_wrong_type"


def test_an_html_file_is_refused():
    html = b"<!DOCTYPE html><html><body><script>alert(1)</script>Ik rij op de heftruck</body></html>"
    assert _error(html).code == "cv_wrong_type"
    assert _error(b"\n  <svg onload='alert(1)'></svg>").code == "cv_wrong_type"


def test_binary_without_nul_bytes_is_refused():
    assert _error(bytes(range(1, 32)) * 10).code == "cv_wrong_type"


def test_a_pdf_that_pypdf_cannot_read_is_a_dutch_400():
    good = make_pdf("Ik rij op de heftruck.")
    for broken in (b"%PDF-1.7\n" + b"x" * 500, good[: len(good) // 2], b"%PDF-"):
        error = _error(broken)
        assert error.code == "cv_unreadable", broken[:20]
        assert error.message.startswith("Wij kunnen deze pdf niet lezen.")


def test_only_the_first_pages_of_a_long_pdf_are_read():
    content = make_pdf(*[f"woord{n:03d}" for n in range(1, 201)])
    text = cv.cv_text(content=content, max_chars=MAX_CHARS)
    assert "woord001" in text and f"woord{cv.CV_MAX_PAGES:03d}" in text
    assert f"woord{cv.CV_MAX_PAGES + 1:03d}" not in text


def test_reading_stops_when_enough_text_was_found():
    content = make_pdf(*[("heftruck " * 60) + f"p{n}" for n in range(1, 6)])
    text = cv.cv_text(content=content, max_chars=400)
    assert "p5" not in text and len(text) <= 400


def test_a_pdf_without_text_is_explained():
    pdf = FPDF()
    pdf.add_page()
    assert _error(bytes(pdf.output())).code == "cv_empty"


def test_an_empty_file_is_explained():
    assert _error(b"  \n ").code == "cv_empty"


def test_a_password_protected_pdf_is_explained():
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.set_encryption(owner_password="eigenaar", user_password="geheim")
    pdf.add_page()
    pdf.cell(text="Ik rij op de heftruck.")
    assert _error(bytes(pdf.output())).code == "cv_encrypted"


class _Upload:
    """Feeds a CVUploadHandler the way Django's multipart parser does."""

    def __init__(self, handler: cv.CVUploadHandler, field: str = "cv", declared: int | None = None):
        self.handler = handler
        self.field = field
        self.declared = declared

    def send(self, data: bytes, chunk: int = 64 * 1024):
        from django.core.files.uploadhandler import SkipFile

        try:
            self.handler.new_file(self.field, "cv.pdf", "application/pdf", self.declared)
            for start in range(0, len(data), chunk):
                self.handler.receive_data_chunk(data[start : start + chunk], start)
        except SkipFile:
            return None
        return self.handler.file_complete(len(data))


def test_the_upload_handler_keeps_a_small_cv_in_memory():
    upload = _Upload(cv.CVUploadHandler(max_bytes=1000)).send(b"Ik rij op de heftruck.")
    assert upload.read() == b"Ik rij op de heftruck."
    assert isinstance(upload.file, BytesIO)


def test_the_upload_handler_stops_reading_a_big_cv():
    handler = cv.CVUploadHandler(max_bytes=1000)
    assert _Upload(handler).send(b"a" * 5000, chunk=100) is None
    assert handler.too_big and handler.received <= 1100


def test_the_upload_handler_trusts_a_declared_size_too():
    handler = cv.CVUploadHandler(max_bytes=1000)
    assert _Upload(handler, declared=5000).send(b"a" * 10) is None
    assert handler.too_big


def test_the_upload_handler_skips_other_fields():
    handler = cv.CVUploadHandler(max_bytes=1000)
    assert _Upload(handler, field="iets-anders").send(b"abc") is None
    assert not handler.too_big
