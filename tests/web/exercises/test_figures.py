"""The exercise figures: every exercise has two panels that stay inside the picture and
stand on the floor (or on the mat, step or bench); the fire hydrant is drawn on hands and
knees from the side, with an arrow for the knee's movement; the markup needs no inline
styles (the pages' Content-Security-Policy forbids them)."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string

from hipdip.care.exercises import CATALOGUE
from hipdip.web.exercises.figures import figure_for
from hipdip.web.exercises.geometry import FLOOR_Y, Panel


def _points(p: Panel) -> list[tuple[float, float]]:
    pts = [(ln.x1, ln.y1) for ln in p.lines] + [(ln.x2, ln.y2) for ln in p.lines]
    return [*pts, (p.head[0], p.head[1] + p.head[2]), (p.head[0], p.head[1] - p.head[2])]


@pytest.mark.parametrize("slug", sorted(CATALOGUE))
def test_every_exercise_has_two_panels_inside_the_picture_on_the_floor(slug: str) -> None:
    figure = figure_for(slug)
    assert figure is not None and len(figure.panels) == 2 and figure.title
    for p in figure.panels:
        pts = _points(p) + [(a.x2, a.y2) for a in p.arrows]
        assert all(0 <= x <= p.width and 0 <= y <= p.height for x, y in pts), p.caption
        lowest = max(y for _, y in _points(p))
        jumping = "jump" in p.caption.lower() or "air" in p.caption.lower()
        on_prop = any(b.kind in ("step", "bench") for b in p.boxes)
        if not (jumping or on_prop):
            assert FLOOR_Y - 5 <= lowest <= FLOOR_Y + 0.5, (slug, p.caption, lowest)


def test_the_fire_hydrant_is_on_hands_and_knees_seen_from_the_side() -> None:
    figure = figure_for("fire_hydrant")
    assert figure is not None
    start, key = figure.panels
    by_kind: dict[str, list] = {}
    for ln in start.lines:
        by_kind.setdefault(ln.kind, []).append(ln)
    torso = by_kind["torso"][0]
    assert abs(torso.x2 - torso.x1) > 2 * abs(torso.y2 - torso.y1)  # back nearly level
    floor_points = [
        (x, y) for x, y in _points(start) if y >= FLOOR_Y - 6
    ]  # hands, knees and shins on the mat
    xs = sorted(x for x, _ in floor_points)
    assert xs[-1] - xs[0] > 30  # hands well in front of the knees: four points of support
    assert key.arrows and not start.arrows


def test_moves_to_a_side_or_upwards_show_their_direction() -> None:
    for slug in ("fire_hydrant", "lateral_band_walk", "clamshell", "side_lying_leg_raise"):
        figure = figure_for(slug)
        assert figure is not None and figure.panels[1].arrows, slug


def test_the_figure_markup_has_no_inline_styles() -> None:
    for slug in CATALOGUE:
        html = render_to_string("exercises/_figure.html", {"figure": figure_for(slug)})
        assert not re.search(r"\sstyle=", html), slug
        assert "<svg" in html and 'role="img"' in html
