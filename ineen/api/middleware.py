"""The API's answer to a method it does not offer: JSON with a Dutch `detail` and an Allow header, like its
other refusals (errors.py). django-ninja answers those itself, before any handler, with a plain-text
English 405; this turns that answer into the API's own. Pages are not touched."""

from django.http import JsonResponse

API_PREFIX = "/api/v1/"
NOT_ALLOWED = "Deze methode is hier niet toegestaan: de API kan alleen lezen (GET)."
NOT_ALLOWED_POST = "Deze methode is hier niet toegestaan: hier kunt u alleen versturen (POST)."


class JsonMethodNotAllowedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.path.startswith(API_PREFIX)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            allow = response.get("Allow", "GET")
            answer = JsonResponse({"detail": NOT_ALLOWED if "GET" in allow else NOT_ALLOWED_POST}, status=405)
            answer["Allow"] = allow
            return answer
        return response
