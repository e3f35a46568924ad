from doorleren.web.context_processors import menu_items
from doorleren.web.navigation import BY_ROLE


def test_menu_leaves_out_entries_without_a_page(monkeypatch):
    monkeypatch.setitem(BY_ROLE, "resident", [("web:start", "Mijn start"), ("bestaat:niet", "Weg")])
    labels = [item["label"] for item in menu_items(role="resident", path="/")]
    assert "Mijn start" in labels
    assert "Weg" not in labels


def test_menu_marks_the_current_page_and_only_that():
    items = {item["url"]: item["current"] for item in menu_items(role="resident", path="/start/")}
    assert items["/start/"] == "page"
    assert items["/"] == ""


def test_menu_marks_the_section_of_a_deeper_page():
    items = {item["url"]: item["current"] for item in menu_items(role="anonymous", path="/leren/modules/3/")}
    assert items["/leren/"] == "true"
    assert items["/"] == ""


def test_anonymous_menu_has_no_personal_pages():
    urls = [item["url"] for item in menu_items(role="anonymous", path="/")]
    assert "/start/" not in urls
