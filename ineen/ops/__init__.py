"""Operations: the replica router, the health endpoint and the request log (docs/operations.md)."""
