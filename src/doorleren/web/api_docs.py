"""The API documentation page (/api/v1/docs/): Redoc, with its own Content-Security-Policy.

Every other page has the strict policy of ``settings.CONTENT_SECURITY_POLICY``. Redoc cannot work
with it: it is one large script that writes its styles into ``<style>`` elements at run time
(styled-components) and runs its search in a web worker made from a ``blob:`` address. So this one
view replaces the policy (``csp.decorators.csp_replace``) with one that allows exactly that:

- ``script-src`` 'self' plus one pinned Redoc file on jsDelivr, checked by its hash (Subresource
  Integrity), so a changed file on the CDN does not run;
- ``style-src`` 'unsafe-inline' (Redoc's run-time styles) - on this page only, which shows no personal
  data and has no forms;
- ``worker-src`` blob: for the search.

The template has no inline script: the ``<redoc spec-url>`` element starts Redoc by itself. No
Google Fonts (drf-spectacular's own template loads them): the browser's fonts are fine.
docs/security-hardening.md explains the choice (a CDN file with a hash instead of an npm package
that would bring React and some 100 other packages into node_modules).
"""

from __future__ import annotations

from csp.constants import NONE, SELF
from csp.decorators import csp_replace
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView

REDOC_VERSION = "2.5.2"
REDOC_URL = f"https://cdn.jsdelivr.net/npm/redoc@{REDOC_VERSION}/bundles/redoc.standalone.js"
# sha384 of bundles/redoc.standalone.js in the npm package redoc@2.5.2 (jsDelivr serves it unchanged):
# npm pack redoc@2.5.2 && openssl dgst -sha384 -binary package/bundles/redoc.standalone.js | openssl base64 -A
REDOC_INTEGRITY = "sha384-70P5pmIdaQdVbxvjhrcTDv1uKcKqalZ3OHi7S2J+uzDl0PW8dO6L+pHOpm9EEjGJ"

API_DOCS_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, REDOC_URL],
    "style-src": [SELF, "'unsafe-inline'"],
    "worker-src": ["blob:"],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
    "base-uri": [SELF],
    "object-src": [NONE],
}


class ApiDocsView(SpectacularRedocView):
    template_name = "web/api_docs.html"

    @staticmethod
    def _redoc_standalone():
        return REDOC_URL

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["redoc_integrity"] = REDOC_INTEGRITY
        return response


api_docs_view = csp_replace(API_DOCS_POLICY)(ApiDocsView.as_view(url_name="api-v1:schema"))
