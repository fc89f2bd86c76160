"""Shared by bench/generate.py and bench/http.py (no Django imports here).

The benchmark users are fictional accounts in a benchmark database only; their password and TOTP secret are
public on purpose, so anyone can rerun the benchmark. Never load a benchmark database into production.
"""

import base64
import hashlib
import hmac
import struct
import time

PASSWORD = "bench-wachtwoord-2026!"  # noqa: S105 - a benchmark account, see the module docstring
# One TOTP secret per bench user (base32), so each user's codes are independent.
USERS = {
    "chair": ("bench.chair@bench.invalid", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
    "pro": ("bench.pro@bench.invalid", "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"),
    "log": ("bench.log@bench.invalid", "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK"),
}
BENCH_CASES = 40  # the professional is in this many cases (the query budget's user in docs)
BENCH_ACTIONS = 40  # the bench case's plan has this many actions


def totp(secret_b32: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 TOTP (SHA-1, 30 s, 6 digits), what an authenticator app shows."""
    key = base64.b32decode(secret_b32.upper())
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % (10**digits)
    return str(code).zfill(digits)
