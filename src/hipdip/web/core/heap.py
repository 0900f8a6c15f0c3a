"""Keep the garbage collector's full passes short in the web process.

A full (oldest generation) collection walks every object alive: in a web process that is
mostly the modules, models, views and URL map loaded at start, which live as long as the
process. Measured in-process (bench/pages.py), such a pass took about 300 ms and came every
fifteen or so patient pages; under load it stalls every thread of the process, a large part
of the page-view p95. `gc.freeze()` moves what is alive at start out of the collector's
reach, so a full pass walks only what requests made (about 15 ms).
"""

from __future__ import annotations

import gc


def settle_heap() -> None:
    """Load the URL map (which imports every view, form and selector), collect what start-up
    left behind, and freeze the rest. Call once per process, after Django is set up and
    before serving requests."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view now, not at a first request
    gc.collect()
    gc.freeze()
