"""The upper envelope of an outline profile: the taut line the dip is measured against."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from hipdip.vision.measure.levels import FloatArray


def upper_envelope(t: FloatArray, u: FloatArray) -> FloatArray:
    """Least concave majorant of the points (t_i, u_i), `t` increasing, evaluated at `t`."""
    # Plain floats: the loop is the hot spot of the interval's re-measurements.
    tl, ul = t.tolist(), u.tolist()
    hull: list[int] = []
    for i in range(len(tl)):
        ti, ui = tl[i], ul[i]
        while len(hull) >= 2:
            i0, i1 = hull[-2], hull[-1]
            cross = (tl[i1] - tl[i0]) * (ui - ul[i0]) - (ul[i1] - ul[i0]) * (ti - tl[i0])
            if cross >= 0:
                hull.pop()
            else:
                break
        hull.append(i)
    return np.interp(t, t[hull], u[hull])


def upper_envelope_fast(t: FloatArray, u: FloatArray) -> FloatArray:
    """`upper_envelope` from OpenCV's convex hull, for `t` strictly increasing.

    Used where the depth is only re-measured to compare it (the interval's perturbations);
    the reported depth keeps the reference implementation above.
    """
    n = len(t)
    if n < 3:
        return np.interp(t, t[[0, -1]], u[[0, -1]])
    pts = np.stack([t, u], axis=1).astype(np.float32)
    hull = cv2.convexHull(pts, returnPoints=False).ravel()
    start = int(np.nonzero(hull == 0)[0][0]) if (hull == 0).any() else int(np.argmin(t[hull]))
    ring = np.roll(hull, -start)
    end = int(np.nonzero(ring == n - 1)[0][0]) if (ring == n - 1).any() else len(ring) - 1
    one, other = ring[: end + 1], np.append(ring[end:], ring[0])

    # The upper chain lies above the chord from the first to the last point.
    def above(chain: npt.NDArray[np.intp]) -> float:
        chord = np.interp(t[chain], t[[0, -1]], u[[0, -1]])
        return float(np.sum(u[chain] - chord))

    upper = one if above(one) >= above(other) else other
    upper = np.unique(np.concatenate([[0, n - 1], upper]))
    out: FloatArray = np.interp(t, t[upper], u[upper])
    return out
