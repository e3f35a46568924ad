import pytest
from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator


@pytest.mark.django_db
def test_openapi_schema_documents_every_learning_operation():
    generator = SchemaGenerator(patterns=[path("api/v1/learning/", include("doorleren.learning.api.urls"))])
    schema = generator.get_schema(request=None, public=True)
    paths = schema["paths"]
    assert set(paths) == {
        "/api/v1/learning/modules/",
        "/api/v1/learning/modules/import/",
        "/api/v1/learning/modules/{id}/",
        "/api/v1/learning/certificates/",
        "/api/v1/learning/certificates/{id}/",
        "/api/v1/learning/diplomas/",
        "/api/v1/learning/diplomas/{id}/",
        "/api/v1/learning/practical-offers/",
    }
    parameters = {p["name"] for p in paths["/api/v1/learning/modules/"]["get"]["parameters"]}
    assert {
        "q",
        "competency",
        "sector",
        "municipality",
        "mode",
        "max_price",
        "nlqf",
        "provider",
        "limit",
        "offset",
    } <= parameters
    operation = paths["/api/v1/learning/modules/import/"]["post"]
    assert "multipart/form-data" in operation["requestBody"]["content"]
    assert {"200", "400", "403"} <= set(operation["responses"])
