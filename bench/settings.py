"""Settings for the benchmark only: ineen.settings, unchanged, plus three things, each said here.

1. ROOT_URLCONF = bench.urls: the application's routes plus the floor (bench/urls.py), so the application
   itself gets no new route.
2. A query-counting middleware, outermost, that puts the number of database queries of the request in an
   `X-Bench-Queries` response header (bench/middleware.py). It adds one wrapper call per query, nothing else.
3. ALLOWED_HOSTS includes 127.0.0.1 (the benchmark's server); the development default already does.

Everything else stays as configured from the environment: full middleware, DEBUG off (refused if on), the
database from DATABASE_URL (the benchmark uses PostgreSQL), MFA enforced (the bench users have a TOTP
authenticator and log in with a real code), sessions in the database, axes and allauth rate limits on.
"""

from ineen.settings import *  # noqa: F403
from ineen.settings import DEBUG, MIDDLEWARE

if DEBUG:  # DEBUG keeps every query in memory and renders differently: not what production runs
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("The benchmark runs with DEBUG off (unset DJANGO_DEBUG).")

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
