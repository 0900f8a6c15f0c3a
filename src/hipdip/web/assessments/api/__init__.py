"""The assessments API: photo sessions and files, and the pictures made from them."""

from hipdip.web.assessments.api.pictures import router as pictures_router
from hipdip.web.assessments.api.sessions import router as sessions_router

__all__ = ["pictures_router", "sessions_router"]
