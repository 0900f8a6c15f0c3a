"""Training pages: the patient's programme (schedule, streaks, progress, nutrition), the
programme form, and each session with its workout log.
"""

from hipdip.web.training.views.programmes import programme, programme_end, programme_new, training
from hipdip.web.training.views.session import session

__all__ = [
    "programme",
    "programme_end",
    "programme_new",
    "session",
    "training",
]
