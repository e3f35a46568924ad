"""The browser test's page list covers every page of the project (no browser needed for this check)."""

from django.urls import URLPattern, URLResolver, get_resolver

from .pages import NOT_VISITED, PAGES

# URL prefixes that are not pages of the site: the API (JSON) and the Django admin.
NOT_PAGES = ("api/", "beheer/")


def _url_names(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            inner = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _url_names(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and not route.startswith(NOT_PAGES):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name


def test_every_page_is_in_the_browser_test():
    routes = list(_url_names(get_resolver().url_patterns))
    unnamed = [route for route, name in routes if not name]
    assert not unnamed, f"give these URLs a name so the browser test can visit them: {unnamed}"
    listed = {page.name for page in PAGES} | set(NOT_VISITED)
    missing = sorted(name for _route, name in routes if name not in listed)
    assert not missing, (
        "add these pages to web/tests/browser/pages.py (PAGES, with the roles that see them) "
        f"or to NOT_VISITED with a reason: {missing}"
    )


def test_page_list_names_only_existing_pages():
    existing = {name for _route, name in _url_names(get_resolver().url_patterns)}
    stale = sorted({page.name for page in PAGES} - existing) + sorted(set(NOT_VISITED) - existing)
    assert not stale, f"these pages no longer exist; remove them from web/tests/browser/pages.py: {stale}"
