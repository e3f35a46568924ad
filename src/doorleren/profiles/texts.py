"""Helpers for translated texts."""

from django.utils.functional import lazy

# Fills in a lazily translated text only when it is shown, in the language of that request.
interpolate_lazy = lazy(lambda text, values: str(text) % values, str)
