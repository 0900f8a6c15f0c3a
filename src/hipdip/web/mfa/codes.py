"""Recovery codes: how they look and how they are stored (no Django models here)."""

from __future__ import annotations

import base64
import hashlib
import secrets

#: Codes per set; each is 80 random bits written as 16 letters and digits in 4 groups.
RECOVERY_CODE_COUNT = 10


def recovery_code_new() -> str:
    """A fresh code such as ``k3fq-7w2m-pa4x-d9tn`` (base32, lower case)."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def recovery_code_normalize(code: str) -> str:
    """What people type: any case, with or without dashes and spaces; the digits 0, 1
    and 8 (never in a code) read as the letters o, l and b they look like."""
    typed = "".join(ch for ch in code.lower() if ch.isalnum())
    return typed.translate(str.maketrans("018", "olb"))


def recovery_code_hash(code: str) -> str:
    """SHA-256 of the normalised code: 80 random bits need no slow hash."""
    return hashlib.sha256(f"hipdip.recovery:{recovery_code_normalize(code)}".encode()).hexdigest()
