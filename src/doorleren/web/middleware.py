"""Refuse requests whose address carries a NUL character.

No code, URI or search text of ours can contain NUL, and PostgreSQL refuses it in text
(an error, so a 500). Raising ``SuspiciousOperation`` makes Django answer with the 400 page
(JSON under ``/api/``) before any view or query runs.
"""

from urllib.parse import unquote

from django.core.exceptions import SuspiciousOperation


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            raise SuspiciousOperation("NUL character in the request address")
        return self.get_response(request)
