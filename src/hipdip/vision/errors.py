"""Stable reason codes for photos that cannot be measured, or can only with a caveat."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Reason codes shared by the CLI, the API and stored results. Never renumber or rename."""

    # Input problems (the file itself)
    FILE_NOT_FOUND = "file_not_found"
    EMPTY_FILE = "empty_file"
    UNSUPPORTED_FORMAT = "unsupported_format"
    CORRUPT_IMAGE = "corrupt_image"
    IMAGE_TOO_LARGE = "image_too_large"
    IMAGE_TOO_SMALL = "image_too_small"
    INVALID_HEIGHT = "invalid_height"
    INVALID_VIEW = "invalid_view"
    INVALID_MANIFEST = "invalid_manifest"
    # Photo content problems
    NO_PERSON = "no_person"
    SEVERAL_PEOPLE = "several_people"
    HEAD_CUT_OFF = "head_cut_off"
    FEET_CUT_OFF = "feet_cut_off"
    ARMS_TOUCHING_HIPS = "arms_touching_hips"
    BODY_TURNED = "body_turned"
    BLURRED = "blurred"
    OUTLINE_NOT_FOUND = "outline_not_found"
    VIEW_MISMATCH = "view_mismatch"
    LOW_CONTRAST = "low_contrast"
    LOOSE_CLOTHING = "loose_clothing"
    NOT_STANDING = "not_standing"
    IMPLAUSIBLE_RESULT = "implausible_result"
    UNSTABLE_OUTLINE = "unstable_outline"


#: A sentence per reason, in plain words, with what to do about it.
MESSAGES: dict[Reason, str] = {
    Reason.FILE_NOT_FOUND: "The file does not exist or cannot be read.",
    Reason.EMPTY_FILE: "The file is empty.",
    Reason.UNSUPPORTED_FORMAT: "This is not a supported image; use a JPEG, PNG, WebP or HEIC "
    "photo.",
    Reason.CORRUPT_IMAGE: "The image is damaged or incomplete and cannot be decoded.",
    Reason.IMAGE_TOO_LARGE: "The image is larger than the accepted size limit.",
    Reason.IMAGE_TOO_SMALL: "The image is too small to measure; the body should be at least "
    "600 pixels tall.",
    Reason.INVALID_HEIGHT: "The height must be between 100 and 250 cm.",
    Reason.INVALID_VIEW: "The view must be 'front', 'back' or 'auto'.",
    Reason.INVALID_MANIFEST: "The manifest must be a CSV file with the columns path, "
    "height_cm and view.",
    Reason.NO_PERSON: "No person was found in the photo.",
    Reason.SEVERAL_PEOPLE: "More than one person is in the photo; only the person being "
    "measured should be in the frame.",
    Reason.HEAD_CUT_OFF: "The top of the head is cut off, so the height cannot be used for "
    "scale; step back or lower the camera's zoom.",
    Reason.FEET_CUT_OFF: "The feet are cut off, so the height cannot be used for scale; "
    "the whole body must be in the frame.",
    Reason.ARMS_TOUCHING_HIPS: "An arm or hand touches the side of the hips; hold the arms "
    "away from the body.",
    Reason.BODY_TURNED: "The body is turned away from the camera; stand square to it.",
    Reason.BLURRED: "The photo is blurred at the body outline; hold the camera still and "
    "check the focus.",
    Reason.OUTLINE_NOT_FOUND: "The outline of the hips could not be traced.",
    Reason.VIEW_MISMATCH: "The photo looks like a different view from the one given.",
    Reason.LOW_CONTRAST: "The body outline is hard to separate from the background; use a "
    "plain background that contrasts with skin and clothing.",
    Reason.LOOSE_CLOTHING: "Loose clothing hides the outline of the hips; wear fitted "
    "underwear, shorts or leggings and take the photo again.",
    Reason.NOT_STANDING: "The body is not standing straight with both feet on the floor; "
    "stand upright with the knees straight.",
    Reason.IMPLAUSIBLE_RESULT: "The measured outline is outside what a body can show, so no "
    "number is given; take the photo again following the guide.",
    Reason.UNSTABLE_OUTLINE: "The hip outline could not be traced reliably (a busy "
    "background or clothing edge gets in the way); use a plain background and fitted clothing.",
}


class AnalysisError(Exception):
    """An expected failure with a stable reason code and a plain sentence."""

    def __init__(self, reason: Reason, detail: str | None = None) -> None:
        self.reason = reason
        self.message = MESSAGES[reason] if detail is None else f"{MESSAGES[reason]} ({detail})"
        super().__init__(self.message)
