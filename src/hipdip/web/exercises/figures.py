"""Stick-figure diagrams of the exercises: two panels per exercise, drawn as inline SVG
by the template from the geometry computed here (see ``geometry`` and ``poses``)."""

from __future__ import annotations

from hipdip.web.exercises.geometry import Figure, panel
from hipdip.web.exercises.poses import POSES

__all__ = ["Figure", "figure_for", "has_figure"]


def figure_for(slug: str) -> Figure | None:
    """The two-panel diagram of an exercise, or None if it has none."""
    spec = POSES.get(slug)
    if spec is None:
        return None
    title, start, key = spec
    return Figure(title=title, panels=(panel(*start), panel(*key)))


def has_figure(slug: str) -> bool:
    return slug in POSES
