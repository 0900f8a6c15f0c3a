"""Plain advice shown with results: how to retake a photo for each problem the analyser
reports, and what each neutral grade word means. Wording is ours; the codes are the
analyser's stable reason codes (hipdip.vision.errors.Reason)."""

from __future__ import annotations

from hipdip.vision.assessment import Grade
from hipdip.vision.conventions import DipGrade

#: Reason code -> what to do differently next time.
RETAKE_TIPS: dict[str, str] = {
    "unsupported_format": "Send the photo as JPEG, PNG, WebP or HEIC (the usual phone formats).",
    "corrupt_image": "The file did not arrive whole. Export the photo again and upload it.",
    "image_too_large": "Send the photo as taken by the phone camera, not a scan or a panorama.",
    "image_too_small": "Use the phone's full-resolution photo, not a screenshot or thumbnail.",
    "empty_file": "The file was empty. Choose the photo again.",
    "no_person": "Make sure your whole body is in the frame and the room is well lit.",
    "several_people": "Only you should be in the picture; a helper stands behind the camera.",
    "head_cut_off": "Step back until there is a little space above your head.",
    "feet_cut_off": "Step back or hold the camera lower until both feet are in the picture.",
    "arms_touching_hips": "Hold your arms out to the sides, a hand's width away from the body.",
    "body_turned": "Face the camera square on (or turn your back to it squarely), feet "
    "hip-width apart; a photo from the side or at an angle cannot show the hip outline.",
    "blurred": "Use a timer or a helper, hold still, and make sure the camera focuses on you.",
    "outline_not_found": "Stand in front of a plain wall, in fitted clothing of a contrasting "
    "colour.",
    "view_mismatch": "Check that the front photo shows your front and the back photo your back.",
    "low_contrast": "Choose a plain background that differs from your skin and clothing colour.",
    "loose_clothing": "Wear fitted underwear, cycling shorts or leggings and a fitted top, so "
    "nothing hangs over the hips: no skirt, dress, tunic, coat or hoodie.",
    "not_standing": "Stand upright on both feet with the knees straight; a timer or a helper "
    "saves you from moving as the photo is taken.",
    "implausible_result": "The outline we traced does not look like a body's, so we give no "
    "number. Retake the photo following the guide: plain wall, fitted clothing, arms away.",
    "unstable_outline": "Something near the hips confuses the outline, usually a busy "
    "background or a clothing edge. Stand before a plain wall in fitted clothing.",
    "file_not_found": "Choose the photo again; the file could not be read.",
    "invalid_height": "Enter your height in centimetres, between 100 and 250.",
    "invalid_view": "Say whether the photo shows your front or your back.",
    "invalid_manifest": "Use a CSV file with the columns path, height_cm and view.",
    "internal_error": "Nothing is wrong with your photo as far as we know; try the analysis again.",
}

GENERIC_TIP = "Follow the photo guide and try again."

#: Grade word -> a neutral sentence. Thresholds come from the analyser's Grade bands.
_G = Grade()
GRADE_TEXT: dict[str, str] = {
    DipGrade.NONE: f"Under {_G.mild_mm:g} mm: the outline is practically straight here.",
    DipGrade.MILD: f"{_G.mild_mm:g} to {_G.moderate_mm:g} mm: a slight inward curve.",
    DipGrade.MODERATE: (
        f"{_G.moderate_mm:g} to {_G.marked_mm:g} mm: a clearly visible inward curve."
    ),
    DipGrade.MARKED: f"{_G.marked_mm:g} mm or more: a deep inward curve.",
}


def retake_tip(code: str) -> str:
    return RETAKE_TIPS.get(code, GENERIC_TIP)
