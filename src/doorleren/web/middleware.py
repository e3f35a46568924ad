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


class PermissionsPolicyMiddleware:
    """Switch off browser features no page of doorleren uses (camera, microphone, location, payment,
    USB), so a script that gets in anyway cannot reach them. The value is ``settings.PERMISSIONS_POLICY``;
    a view may set its own header."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


def client_ip_address(request) -> str | None:
    """The visitor's address for the login lock-out (``AXES_CLIENT_IP_CALLABLE``).

    Behind ``settings.DOORLEREN_PROXY_COUNT`` reverse proxies (0: none, the default) ``REMOTE_ADDR`` is
    the nearest proxy; the visitor is then the address that the outermost trusted proxy added to
    X-Forwarded-For, counted from the right. Addresses further left were sent by the visitor and
    cannot be trusted (anyone can send that header), so they are never used.
    """
    from django.conf import settings

    proxies = getattr(settings, "DOORLEREN_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR")
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
