"""Thresholds of the protocol checks, each with where it comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChecksConfig:
    """Thresholds for `hipdip.vision.checks`. Fractions refer to the body, never to the image.

    Each value sits between what a body following the protocol can show and what the
    break it detects produces, with a margin on both sides; the docstring of the check
    says why.
    """

    #: Another person: the part of the whole-frame person mask lying beside the subject
    #: (outside their row span) is at least this fraction of the subject's own area. A
    #: second adult shows most of a body (0.7-1.5 on the protocol renders); segmenter
    #: spill beside one person stays under 0.1.
    other_person_area: float = 0.25
    #: ...and it spans at least this fraction of the subject's height: a person beside them
    #: does (0.7 and more on the protocol renders; half at twice the distance), a held object
    #: such as a helmet or a bag that the whole-frame segmenter also marks does not.
    other_person_height: float = 0.5
    #: ...or, when the segmenter loses a person's legs against the background, at least
    #: this fraction tall with its top in the subject's upper third (head and shoulders).
    other_upper_body_height: float = 0.3
    #: Turn about the vertical axis from the 3-D shoulder and hip lines: refused at or
    #: above this many degrees. A square stance is within 10 degrees (the protocol) and the
    #: model's 3-D estimate scatters by up to about 12 more; a three-quarter view is 30
    #: degrees or more.
    max_turn_deg: float = 25.0
    #: ...but seen from the back the 3-D estimate of a square body reads up to about 30
    #: degrees, so below this the face must confirm the turn (see `turn.check_turn`).
    sure_turn_deg: float = 40.0
    #: Nose off the shoulders' midpoint by this fraction of their span: the head faces
    #: about 30 degrees away (square-on it stays within 0.06; 3/4 views show 0.27 and more).
    face_offset: float = 0.15
    #: The same in a back view, where the nose is hidden and only guessed by the model
    #: (up to 0.17 on a square back; 0.34-0.44 on three-quarter backs): about 40 degrees.
    back_face_offset: float = 0.25
    #: Weight of the shoulder line against the hip line (the hip points are less certain).
    shoulder_weight: float = 2.0
    #: Side view whatever the 3-D estimate says: image shoulder span below this fraction
    #: of stature (square-on it is 0.19-0.27; a side view shows 0.02-0.05).
    min_shoulder_span: float = 0.10
    #: Knee flexion (180 minus the hip-knee-ankle angle, 3-D) above which the person is not
    #: standing straight. Straight legs read up to about 40 degrees in the model's noisy
    #: depth; a squat or a tucked jump is 60 degrees and more.
    max_knee_flexion_deg: float = 60.0
    #: Image thigh over shin length below this: the thigh is foreshortened by bent knees
    #: (standing, the two are about equal: Drillis & Contini 0.245 H and 0.246 H).
    min_thigh_shin_ratio: float = 0.70
    #: Ankles at heights differing by more than this fraction of stature: a foot is lifted
    #: (one foot 20 cm forward, seen from hip height at 2.5 m, shifts it by about 0.04).
    max_ankle_level_difference: float = 0.06
    #: Hands or forearms within this fraction of the thigh length of the hip outline (or
    #: inside it) touch the hips.
    arm_clearance: float = 0.05
    #: A garment hem: the lateral outline steps inward by more than this many times the
    #: height over which it does so (over 1 % of stature). The side of the hips and thighs
    #: in a frontal view never runs flatter than about 35 degrees from vertical
    #: (slope 0.7); a hem or a skirt edge is close to horizontal (slope 3 and more).
    max_outline_slope: float = 1.25
    #: Skirts and long coats: no background between the thighs on any row from this
    #: fraction of the thigh length below the hips down to `fused_to`...
    fused_from: float = 0.60
    fused_to: float = 0.90
    #: ...while the knees stand at least this fraction of stature apart (legs apart, so
    #: bare or fitted thighs would show a gap).
    min_knee_spread: float = 0.12
