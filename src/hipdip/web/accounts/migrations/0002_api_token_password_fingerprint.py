"""API tokens remember the password they were issued under (issue 14, finding 3).

Tokens issued before this migration are bound to their owner's current password, so an
upgrade signs no one out; the next password change ends them like any other token.
"""

import hashlib
from typing import Any

from django.db import migrations, models


def bind_existing_tokens(apps: Any, schema_editor: Any) -> None:
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.select_related("user").filter(password_fingerprint=""):
        # Same formula as hipdip.web.accounts.models.password_fingerprint (frozen here).
        raw = f"hipdip.api-token:{token.user.password}".encode()
        token.password_fingerprint = hashlib.sha256(raw).hexdigest()
        token.save(update_fields=["password_fingerprint"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="password_fingerprint",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(bind_existing_tokens, migrations.RunPython.noop),
    ]
