"""The English catalogue is complete and compiled, and the pure-Python compiler guards placeholders."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


def test_every_dutch_text_has_an_english_translation():
    po = polib.pofile(str(CATALOGUE))
    missing = [entry.msgid for entry in po.untranslated_entries() + po.fuzzy_entries()]
    assert not missing, f"translate these in {CATALOGUE} (see docs/accessibility.md): {missing[:20]}"


def test_committed_mo_file_matches_the_po_file():
    call_command("compilemessages_py", "--check")


def test_english_pages_use_the_compiled_catalogue():
    with translation.override("en"):
        assert translation.gettext("Naar de inhoud") == "Skip to content"


def _write_po(directory: Path, msgid: str, msgstr: str) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["python-format"]))
    path = directory / "en" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    return path


def test_compiler_writes_a_mo_file_that_gettext_reads(tmp_path, settings):
    settings.LOCALE_PATHS = [tmp_path]
    path = _write_po(tmp_path, "Welkom, %(name)s", "Welcome, %(name)s")
    call_command("compilemessages_py")
    mo = polib.mofile(str(path.with_suffix(".mo")))
    assert mo.find("Welkom, %(name)s").msgstr == "Welcome, %(name)s"


def test_compiler_check_fails_when_the_mo_file_is_out_of_date(tmp_path, settings):
    settings.LOCALE_PATHS = [tmp_path]
    _write_po(tmp_path, "Hallo", "Hello")
    with pytest.raises(CommandError) as error:
        call_command("compilemessages_py", "--check")
    assert error.value.returncode == 1


def test_compiler_refuses_a_translation_with_other_placeholders(tmp_path, settings):
    settings.LOCALE_PATHS = [tmp_path]
    _write_po(tmp_path, "Welkom, %(name)s", "Welcome, %(naam)s")
    with pytest.raises(CommandError) as error:
        call_command("compilemessages_py")
    assert error.value.returncode == 2
