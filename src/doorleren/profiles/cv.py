"""Text from a resident's CV, for "Vertel wat u kunt" (privacy by design; docs/security-hardening.md).

A CV is read only in memory: ``CVUploadHandler`` keeps the upload in a ``BytesIO`` and stops at
``CV_MAX_BYTES`` (so it is never written to a temporary file), ``cv_text`` checks the type by the
content (not by the file name or the browser's content type) and returns the text. The file itself is
never stored on disk or in the database and never executed or opened by another program: a PDF is
only parsed by pypdf, and only its first ``CV_MAX_PAGES`` pages. The text then goes through the same
suggestions as typed text, and the resident confirms each suggestion.
"""

from __future__ import annotations

import logging
import re
from io import BytesIO

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

logger = logging.getLogger(__name__)

CV_FIELD = "cv"
CV_MAX_BYTES = 2 * 1024 * 1024
CV_MAX_PAGES = 10
PDF_MAGIC = b"%PDF-"
# Control characters other than tab, newline, form feed and carriage return: binary, not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class CVUploadHandler(FileUploadHandler):
    """Upload handler for the CV page: the file of field ``cv`` in memory, at most ``max_bytes``.

    A bigger file is skipped after ``max_bytes`` (``too_big`` is then True); files of other fields are
    skipped at once. Nothing touches the disk. Set it before the request body is read (see the view).
    """

    def __init__(self, request=None, *, max_bytes: int = CV_MAX_BYTES):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_big = False
        self.buffer: BytesIO | None = None
        self.received = 0

    def new_file(
        self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None
    ):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        if field_name != CV_FIELD:
            raise SkipFile
        if content_length is not None and content_length > self.max_bytes:
            self.too_big = True
            raise SkipFile
        self.buffer = BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.too_big = True
            self.buffer = None
            raise SkipFile
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.buffer is None:
            return None
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def cv_too_big_error() -> ApplicationError:
    """The error for a CV that is too big (also when ``CVUploadHandler`` skipped it)."""
    return ApplicationError(
        _("Uw cv is te groot. Het mag hoogstens 2 MB zijn."), code="cv_too_big", extra={"field": CV_FIELD}
    )


def _wrong_type() -> ApplicationError:
    return ApplicationError(
        _("Dit bestand kunnen wij niet lezen. Kies een pdf of een gewoon tekstbestand (.txt)."),
        code="cv_wrong_type",
        extra={"field": CV_FIELD},
    )


def _unreadable_pdf() -> ApplicationError:
    return ApplicationError(
        _("Wij kunnen deze pdf niet lezen. Maak een nieuwe pdf van uw cv. Of plak de tekst in het tekstvak."),
        code="cv_unreadable",
        extra={"field": CV_FIELD},
    )


def _no_text() -> ApplicationError:
    return ApplicationError(
        _("Wij vonden geen tekst in uw cv. Is het een scan of een foto? Plak dan de tekst in het tekstvak."),
        code="cv_empty",
        extra={"field": CV_FIELD},
    )


def _pdf_text(content: bytes, *, max_pages: int, max_chars: int) -> str:
    from pypdf import PdfReader

    parts: list[str] = []
    length = 0
    # pypdf is parsing a file from outside: besides its own errors (PyPdfError, including
    # LimitReachedError for decompression bombs) a broken file can raise almost anything
    # (KeyError, ValueError, RecursionError...). Every one of them means "not readable": a 400.
    try:
        reader = PdfReader(BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ApplicationError(
                _("Deze pdf is beveiligd met een wachtwoord. Kies een pdf zonder wachtwoord."),
                code="cv_encrypted",
                extra={"field": CV_FIELD},
            )
        for index, page in enumerate(reader.pages):
            if index >= max_pages:
                break
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length >= max_chars:
                break
    except ApplicationError:
        raise
    except Exception as problem:  # noqa: BLE001 - see above: any failure of pypdf on this file is a 400
        logger.info("CV: pypdf could not read an uploaded PDF: %s", type(problem).__name__)
        raise _unreadable_pdf() from problem
    return "\n".join(parts)


def _plain_text(content: bytes) -> str:
    if b"\x00" in content:
        raise _wrong_type()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    if len(_CONTROL.findall(text[:65536])) > 0:
        raise _wrong_type()
    # Markup (HTML, XML, SVG) is not a plain-text CV; it is never shown or run, but refused.
    if text.lstrip().startswith("<"):
        raise _wrong_type()
    return text


def _tidy(text: str, *, max_chars: int) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text).strip()
    if len(text) > max_chars:
        cut = text[:max_chars]
        text = cut[: cut.rfind(" ")] if " " in cut[max_chars // 2 :] else cut
    return text.strip()


def cv_text(
    *, content: bytes, max_chars: int, max_bytes: int = CV_MAX_BYTES, max_pages: int = CV_MAX_PAGES
) -> str:
    """The text of a CV (PDF or plain text), tidied and cut to at most ``max_chars`` characters.

    The type is decided by the content: ``%PDF-`` at the start is a PDF (first ``max_pages`` pages
    read), otherwise it must be text (UTF-8 or Latin-1, no NUL or other control characters, no markup).
    ``ApplicationError`` (400, ``extra["field"] == "cv"``) for a file that is too big, of another type,
    unreadable, protected with a password or without text.
    """
    if len(content) > max_bytes:
        raise cv_too_big_error()
    if not content.strip():
        raise _no_text()
    if content.startswith(PDF_MAGIC):
        text = _pdf_text(content, max_pages=max_pages, max_chars=max_chars)
    else:
        text = _plain_text(content)
    text = _tidy(text, max_chars=max_chars)
    if not text:
        raise _no_text()
    return text
