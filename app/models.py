"""Every domain's models, imported so Alembic and the tests see one metadata."""

from app.concerns.models import (  # noqa: F401
    Concern,
    ConcernAttachment,
    ConcernDraft,
    DraftAttachment,
    IdempotencyRecord,
    ReferenceCounter,
)
from app.db import Base
from app.throttle import ThrottleCounter  # noqa: F401

metadata = Base.metadata
