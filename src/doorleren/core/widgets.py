"""Form widgets shared by the apps."""

from __future__ import annotations

import threading

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe


def _attributes(attrs: dict) -> str:
    """HTML attributes in the order given, as Django's widget templates write them."""
    return "".join(
        f" {key}" if value is True else f' {key}="{escape(value)}"'
        for key, value in attrs.items()
        if value is not False
    )


_OPTIONS_KEPT = 64
_options_html: dict[tuple, str] = {}
_options_lock = threading.Lock()


def _frozen(choices) -> tuple:
    return tuple(
        (
            value,
            tuple((v, str(label)) for v, label in group) if isinstance(group, (list, tuple)) else str(group),
        )
        for value, group in choices
    )


def _all_options(frozen: tuple) -> str:
    """The options without a selection, written once per list of choices and then kept."""
    with _options_lock:
        html = _options_html.get(frozen)
    if html is not None:
        return html
    parts = []
    for group_value, group_label in frozen:
        if isinstance(group_label, tuple):
            parts.append(f'<optgroup label="{escape(group_value)}">')
            parts.extend(
                f'<option value="{escape(_text(v))}">{escape(label)}</option>' for v, label in group_label
            )
            parts.append("</optgroup>")
        else:
            parts.append(f'<option value="{escape(_text(group_value))}">{escape(group_label)}</option>')
    html = "".join(parts)
    with _options_lock:
        if len(_options_html) >= _OPTIONS_KEPT:
            _options_html.clear()
        _options_html[frozen] = html
    return html


def _text(value) -> str:
    return "" if value is None else str(value)


def select_options(choices, value) -> str:
    """The ``<option>`` and ``<optgroup>`` elements for ``choices`` (flat, or one level of groups),
    with ``selected`` on the first option whose value is ``value`` (compared as text). All escaped.

    The HTML of a list is kept (the last 64 lists), so a list of hundreds of options costs one
    lookup and one string replacement per page.
    """
    html = _all_options(_frozen(choices))
    marker = f'<option value="{escape(_text(value))}">'
    return mark_safe(html.replace(marker, marker[:-1] + " selected>", 1))  # noqa: S308 (escaped above)


class LongSelect(forms.Select):
    """A ``<select>`` for long lists (hundreds of competencies or occupations), rendered in Python.

    Django renders every ``<option>`` through a template; for the learning route's five competency
    lists (5 × 345 options) that took 60 ms a page. This writes the same HTML (``name``, the widget's
    attributes, ``<optgroup label>``, ``<option value>`` with ``selected`` on the first match, all escaped)
    in a few milliseconds. Single choice only; flat choices or one level of groups, as Django allows.
    Templates that write the ``<select>`` themselves use the ``select_options`` filter
    (``{% load forms %}``) for the options.
    """

    allow_multiple_selected = False

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        return mark_safe(  # noqa: S308 (escaped here and in select_options)
            f'<select name="{escape(name)}"{_attributes(self.build_attrs(self.attrs, attrs))}>'
            f"{select_options(self.choices, values[0] if values else None)}</select>"
        )
