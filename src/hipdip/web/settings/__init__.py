"""Settings modules: `base` (shared), `local` (one machine), `test`, `production`."""
