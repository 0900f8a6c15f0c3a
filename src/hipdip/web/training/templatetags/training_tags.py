from django import template

from hipdip.care.exercises import CATALOGUE

register = template.Library()


@register.filter
def exercise_name(slug: str) -> str:
    """The catalogue name of an exercise slug (the slug itself if unknown)."""
    e = CATALOGUE.get(slug)
    return e.name if e is not None else slug
