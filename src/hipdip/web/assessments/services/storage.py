"""Files written by a service: removed again if the database write around them fails."""

from __future__ import annotations

from django.core.files.storage import default_storage


class files_removed_on_error:
    """Deletes the files saved inside the block if the block fails (the rows roll back)."""

    def __enter__(self) -> list[str]:
        self.saved: list[str] = []
        return self.saved

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            for name in self.saved:
                default_storage.delete(name)
