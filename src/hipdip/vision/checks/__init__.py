"""Protocol checks run before a number is given: each is a pure function over the person
mask, the pose landmarks (image and 3-D world) and the traced outline, and each refuses
with its own stable reason code (`hipdip.vision.errors.Reason`).

The order matters and is fixed in the pipeline: people, framing, turn, stance, arms,
clothing, then the plausibility of the result. A group is refused as `several_people`
before anything else can mistake it for a turned or too-small body.
"""

from hipdip.vision.checks.config import ChecksConfig

__all__ = ["ChecksConfig"]
