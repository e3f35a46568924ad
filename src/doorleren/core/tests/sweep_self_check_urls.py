"""A few deliberately broken views, for ``test_url_sweep.py``: the sweep must notice each of them."""

from django.http import HttpResponse, JsonResponse
from django.urls import path
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


def crash(request, pk):
    raise ZeroDivisionError("kapot")


def echo(request):
    return JsonResponse({"query": request.GET.dict()})


def html_error(request):
    return HttpResponse("<p>fout</p>", status=400)


def english_detail(request):
    return JsonResponse({"code": "invalid", "detail": "This field is required."}, status=400)


def no_code(request):
    return JsonResponse({"detail": "Dit bestaat niet (meer)."}, status=404)


class DrfDefault(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise NotFound


urlpatterns = [
    path("crash/<int:pk>/", crash, name="crash"),
    path("echo/", echo, name="echo"),
    path("html-error/", html_error, name="html_error"),
    path("english/", english_detail, name="english"),
    path("no-code/", no_code, name="no_code"),
    path("drf/", DrfDefault.as_view(), name="drf"),
]
