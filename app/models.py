"""Every domain's models, imported so Alembic and the tests see one metadata."""

from app.audit.models import AuditEvent  # noqa: F401
from app.concerns.models import (  # noqa: F401
    ConcernDraft,
    DraftAttachment,
    IdempotencyRecord,
    ReferenceCounter,
)
from app.db import Base
from app.directory.models import School  # noqa: F401
from app.forum.feedback_models import ForumFeedback  # noqa: F401
from app.forum.models import ForumSession, SignUp  # noqa: F401
from app.forum.outcomes import (  # noqa: F401
    Commitment,
    CommitmentLearning,
    Follower,
    IssueItem,
    IssueRaised,
    Milestone,
    PublicUpdate,
)
from app.items.models import FamilyItem  # noqa: F401
from app.notify.models import Notification  # noqa: F401
from app.quotes.models import Quote  # noqa: F401
from app.sla.models import CaseClock, ClosureDay  # noqa: F401
from app.staff.models import (  # noqa: F401
    ActionToken,
    ApiToken,
    RecoveryCode,
    StaffSession,
    StaffUser,
    Team,
    UserRole,
)
from app.taxonomy.models import TaxonomyVersion, Theme, ThemeChange  # noqa: F401
from app.throttle import ThrottleCounter  # noqa: F401
from app.triage.case import Concern, ConcernAttachment  # noqa: F401
from app.triage.models import (  # noqa: F401
    CaseEvent,
    CaseTheme,
    LearningAction,
    RiskFeedback,
    SavedView,
)

metadata = Base.metadata
