"""core.cli.read_text_file: one set of Dutch messages for every command that reads a file."""

import pytest

from doorleren.core.cli import read_text_file
from doorleren.core.errors import ApplicationError


def test_reads_utf8_and_drops_a_byte_order_mark(tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes("\ufeffIk werk in de zorg.".encode())
    assert read_text_file(path, max_bytes=100) == "Ik werk in de zorg."


def test_a_file_of_exactly_max_bytes_is_read(tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(b"a" * 10)
    assert read_text_file(path, max_bytes=10) == "a" * 10


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"a" * 11, "file_too_large", "te groot"),
        (b"\xff\xfe caf\xe9", "file_not_utf8", "geen UTF-8"),
    ],
)
def test_bad_files_get_a_dutch_message(tmp_path, content, code, words):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    with pytest.raises(ApplicationError) as error:
        read_text_file(path, max_bytes=10)
    assert error.value.code == code
    assert words in error.value.message
    assert str(path) in error.value.message


def test_a_missing_file_or_a_folder_cannot_be_read(tmp_path):
    for path in (tmp_path / "missing.txt", tmp_path):
        with pytest.raises(ApplicationError) as error:
            read_text_file(path, max_bytes=10)
        assert error.value.code == "file_unreadable"


def test_the_caller_names_the_limit(tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes(b"a" * 11)
    with pytest.raises(ApplicationError) as error:
        read_text_file(path, max_bytes=10, too_large="%(file)s: hoogstens %(max)s.")
    assert error.value.message == f"{path}: hoogstens 10."
