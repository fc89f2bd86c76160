"""The read-only JSON API, version 1 (django-ninja), under /api/v1/. See docs/architecture.md, "API"."""
