"""Access: who may see or do what, and who is acting.

- `policy`  — THE access policy: predicates, queryset functions, and the loaders that return an access
              object (`CaseAccess`, `ConferenceAccess`) or raise an audited refusal.
- `actor`   — `Actor`: the user, their organisation, the role they act in, and where the act comes from
              (web, api, cli, job). Domain actions take an actor, never the HTTP request.
- `refusal` — `NotVisible`, the one refusal. It is a 404 to the outside; the audit middleware (pages) and
              the API's error handler write its audit event. Depends on nothing in Ineen, so the audit code
              can import it without importing the policy (no import loop between policy and audit).
"""
