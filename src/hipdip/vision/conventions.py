"""Words and ranges every surface shares: views, sides, grade names, the height range.

Defined once here (the lowest layer) so the CLI, the web forms, the API and the clinical
rules cannot drift apart.

Coordinates
-----------
Pixel positions are in the analysed image (after EXIF orientation and any reduced-size
decoding). A *point* is ``(x, y)`` = ``(col, row)`` and its field name ends in ``_xy``; a
*size* is ``(height, width)`` = ``(rows, cols)`` and its name ends in ``_hw``; a lone row is
named ``*_row`` / ``*_rows`` (or ``*_y`` in measurement code). Arrays are indexed
``rgb[row, col]`` as numpy does.
"""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    """Which side of the body faces the camera."""

    FRONT = "front"
    BACK = "back"


class Side(StrEnum):
    """Anatomical side: the subject's own left or right, whatever the view."""

    LEFT = "left"
    RIGHT = "right"


class DipGrade(StrEnum):
    """Neutral names of the dip depth bands (thresholds in `assessment.Grade`)."""

    NONE = "none"
    MILD = "mild"
    MODERATE = "moderate"
    MARKED = "marked"


class Presence(StrEnum):
    """Whether a dip is there, given its 90 % interval against the 3 mm of the definition."""

    PRESENT = "present"  # the whole interval is at or above 3 mm
    ABSENT = "absent"  # the whole interval is below 3 mm
    UNCERTAIN = "uncertain"  # the interval straddles 3 mm


#: The view argument may also be "auto": taken from the model's own left/right labels.
AUTO_VIEW = "auto"

#: The sides in their stored order.
SIDES: tuple[Side, Side] = (Side.LEFT, Side.RIGHT)

#: Standing heights the analysis accepts, in centimetres (inclusive).
MIN_HEIGHT_CM = 100.0
MAX_HEIGHT_CM = 250.0
