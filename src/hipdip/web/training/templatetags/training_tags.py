from typing import Any

from django import template

from hipdip.care.exercises import CATALOGUE, Dosing

register = template.Library()


@register.filter
def exercise_name(slug: str) -> str:
    """The catalogue name of an exercise slug (the slug itself if unknown)."""
    e = CATALOGUE.get(slug)
    return e.name if e is not None else slug


@register.filter
def logged_amount(entry: Any) -> str:
    """A logged entry in the unit of its exercise: "3 × 12", "20 min", "4 × 25 s"."""
    e = CATALOGUE.get(getattr(entry, "exercise", "") or _get(entry, "exercise"))
    sets, reps, work_s = _get(entry, "sets"), _get(entry, "reps"), _get(entry, "work_s")
    if e is not None and e.dosing is Dosing.STEADY and work_s:
        total = int(work_s) * max(int(sets or 1), 1)
        return f"{total // 60} min"
    if reps:
        return f"{sets} × {reps}"
    return f"{sets} × {work_s} s"


def _get(entry: Any, key: str) -> Any:
    return entry.get(key) if isinstance(entry, dict) else getattr(entry, key, None)
