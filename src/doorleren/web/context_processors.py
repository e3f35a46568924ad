"""Template context for every page: the main menu of the current user's role."""

import functools
import logging

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse, translate_url
from django.utils.translation import get_language, get_language_info

from doorleren.web.navigation import BY_ROLE, COMMON, HOME

logger = logging.getLogger(__name__)


def _current(path: str, url: str) -> str:
    """``aria-current`` value: "page" for this page, "true" for a page inside this section, else ""."""
    if path == url:
        return "page"
    if url.rstrip("/") and path.startswith(url) and url not in _ROOTS:
        return "true"
    return ""


_ROOTS = {"/", "/en/"}


@functools.lru_cache(maxsize=64)
def _menu_urls(role: str, language: str, urlconf: str, prefix: str) -> tuple[tuple[str, object], ...]:
    """``(url, label)`` of the menu entries of ``role``, worked out once per language, URL configuration
    and script prefix (about 25 ``reverse`` calls a page otherwise)."""
    entries = []
    for name, label in [*HOME, *BY_ROLE.get(role, []), *COMMON]:
        try:
            url = reverse(name)
        except NoReverseMatch:
            logger.warning("Menu entry %s has no page; left out of the menu.", name)
            continue
        entries.append((url, label))
    return tuple(entries)


def menu_items(*, role: str, path: str) -> list[dict]:
    """The menu entries for ``role``. An entry whose page does not exist (yet) is left out and logged."""
    urls = _menu_urls(
        role, get_language() or "", str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix()
    )
    items = [{"url": url, "label": label, "current": _current(path, url)} for url, label in urls]
    # The deepest matching section is the current one; a parent only stays "page" when exact.
    sections = [item for item in items if item["current"] == "true"]
    if len(sections) > 1:
        deepest = max(sections, key=lambda item: len(item["url"]))
        for item in sections:
            if item is not deepest:
                item["current"] = ""
    if any(item["current"] == "page" for item in items):
        for item in sections:
            item["current"] = ""
    return items


@receiver(setting_changed)
def _forget_menu_urls(**_kwargs) -> None:
    """Tests that change settings (the URL configuration, the menu) start from a fresh menu."""
    _menu_urls.cache_clear()


def other_languages(request) -> list[dict]:
    """The language switch: per other language its name in that language and this page's address in it.

    The address is worked out here, while this page's language is active: Django's ``set_language``
    view runs in the default language and cannot resolve an ``/en/...`` address itself.
    """
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    languages = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        url = translate_url(request.path, code)
        languages.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"].capitalize(),
                "next": f"{url}?{query}" if query else url,
            }
        )
    return languages


def navigation(request):
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else "anonymous"
    return {
        "nav_items": menu_items(role=role, path=request.path),
        "login_url": reverse("login"),
        "other_languages": other_languages(request),
    }
