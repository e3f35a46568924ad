"""Form helpers for templates that write their own form controls.

``{% load forms %}<select ...>{{ field|select_options }}</select>``: the options of a choice field
with the bound value selected, written in Python (``core.widgets.select_options``): a list of
hundreds of options costs milliseconds instead of a template loop's tens of milliseconds.
"""

from django import template

from doorleren.core.widgets import select_options as _select_options

register = template.Library()


@register.filter
def select_options(field):
    """``field``: a bound choice field. Its choices, with its current value selected."""
    return _select_options(field.field.choices, field.value())
