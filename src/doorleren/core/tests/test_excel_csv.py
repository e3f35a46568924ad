"""core.excel_csv: the one CSV format for Excel in Dutch."""

from doorleren.core.excel_csv import csv_euro, csv_text, excel_csv_bytes, excel_csv_response


def test_text_that_looks_like_a_formula_is_kept_as_text():
    assert [csv_text(v) for v in ("=SUM(A1)", "+31", "-5", "@x", "Anne", 12)] == [
        "'=SUM(A1)",
        "'+31",
        "'-5",
        "'@x",
        "Anne",
        "12",
    ]


def test_euros_have_a_decimal_comma_and_hidden_amounts_stay_empty():
    assert [csv_euro(v) for v in (123456, -5, 0, None)] == ["1234,56", "-0,05", "0,00", ""]


def test_the_file_has_a_bom_semicolons_and_crlf():
    data = excel_csv_bytes([["naam", "bedrag"], ["Coöperatie; Noord", "1,50"]])
    assert data == '\ufeffnaam;bedrag\r\n"Coöperatie; Noord";1,50\r\n'.encode()
    response = excel_csv_response([["a"]], filename="x.csv")
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response.content.startswith("\ufeff".encode())
