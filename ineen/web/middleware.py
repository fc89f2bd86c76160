from django.http import HttpResponseBadRequest


class NoStoreWhenLoggedInMiddleware:
    """Pages for a logged-in user may contain case data: never keep them in any cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


class RefuseNulCharactersMiddleware:
    """A NUL character in the query string or a form field is never meaningful input, and PostgreSQL refuses
    it in any query (which would surface as a 500). Refuse it up front with a clear 400 on the pages. (Django's
    form fields refuse it too; this also covers parameters read without a form.) The API validates its own
    parameters and answers in its own documented 400 format (ineen/api/errors.py), so it is left to that."""

    MESSAGE = "Ongeldige invoer: er staat een teken in dat niet is toegestaan. Controleer wat u invulde."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        def has_nul(data):
            return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)

        if request.path.startswith("/api/"):
            return self.get_response(request)
        if "\x00" in request.path or has_nul(request.GET) or (request.method == "POST" and has_nul(request.POST)):
            return HttpResponseBadRequest(self.MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
