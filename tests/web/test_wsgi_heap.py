"""The web process freezes what it loaded at start, so full garbage collections walk only
what requests made (hipdip.web.core.heap)."""

from __future__ import annotations

import gc
import importlib

from hipdip.web.core.heap import settle_heap


def test_settling_the_heap_freezes_the_start_up_objects_and_the_url_map() -> None:
    gc.unfreeze()
    try:
        settle_heap()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000, frozen
        assert gc.get_count()[2] == 0  # nothing waits in the oldest generation
    finally:
        gc.unfreeze()


def test_the_wsgi_entry_point_settles_the_heap() -> None:
    gc.unfreeze()
    try:
        import hipdip.web.wsgi

        importlib.reload(hipdip.web.wsgi)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
