"""One machine, zero setup: what `hipdip serve`, `hipdip demo` and `scripts/run` use.

The secret key comes from `DJANGO_SECRET_KEY`, else it is generated once and kept in
`HIPDIP_HOME/secret_key` (readable by the owner only), so sessions survive restarts and no
key is ever committed. Cookies are not marked Secure because this serves plain HTTP on
localhost; use `hipdip.web.settings.production` behind HTTPS.
"""

from __future__ import annotations

import os
import secrets

from hipdip.web.settings.base import *  # noqa: F403
from hipdip.web.settings.base import HIPDIP_HOME, env


def _installation_secret() -> str:
    path = HIPDIP_HOME / "secret_key"
    if path.exists():
        return path.read_text().strip()
    HIPDIP_HOME.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or _installation_secret()
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
