"""The actions the audit trail records.

The values are stored in every event and searched on, so they are part of the record:
add new ones freely, but never rename or reuse one.
"""

# ruff: noqa: S105  (names like PASSWORD_CHANGED are action labels, not secrets)

from __future__ import annotations

# Signing in and out
SIGN_IN = "sign-in"
SIGN_IN_FAILED = "sign-in-failed"
SIGN_OUT = "sign-out"
SIGN_OUT_EVERYWHERE = "sign-out-everywhere"
ACCOUNT_LOCKED = "account-locked"
MFA_FAILED = "mfa-failed"

# Credentials
PASSWORD_RESET_REQUESTED = "password-reset-requested"
PASSWORD_CHANGED = "password-changed"
MFA_ENROLLED = "mfa-enrolled"
RECOVERY_CODE_USED = "recovery-code-used"

# Staff accounts and API tokens
USER_INVITED = "user-invited"
USER_UPDATED = "user-updated"
TOKEN_CREATED = "token-created"
TOKEN_REVOKED = "token-revoked"

# Families' personal data: every look is recorded, not only every change.
CASE_VIEWED = "case-viewed"
ATTACHMENT_DOWNLOADED = "attachment-downloaded"
CASE_CHANGED = "case-changed"
EXPORTED = "exported"
PUBLISHED = "published"

# Searching the trail is itself audited: it shows who looked at whom.
AUDIT_SEARCHED = "audit-searched"
# Closure days move deadlines, so who changed the calendar is on the record.
CALENDAR_CHANGED = "calendar-changed"
# The theme taxonomy decides what counts mean, so every change to it is on the record.
TAXONOMY_CHANGED = "taxonomy-changed"
# Suggested themes show excerpts of families' words (redacted): the look is recorded.
THEME_SUGGESTIONS_VIEWED = "theme-suggestions-viewed"
# A family's words leave the case record only as an approved, redacted quote.
QUOTE_PROPOSED = "quote-proposed"
QUOTE_APPROVED = "quote-approved"
QUOTE_WITHDRAWN = "quote-withdrawn"
# The forum: sessions staff add or cancel, places families take or give up, and every look
# at who signed up (names, contacts and access needs are personal data).
FORUM_SESSION_ADDED = "forum-session-added"
FORUM_SESSION_CANCELLED = "forum-session-cancelled"
FORUM_SIGNUP_CHANGED = "forum-signup-changed"
FORUM_SIGNUPS_VIEWED = "forum-signups-viewed"
FORUM_FEEDBACK_UPLOADED = "forum-feedback-uploaded"
# What was said at a forum meeting, typed in by a facilitator: who entered which item.
FORUM_FEEDBACK_ENTERED = "forum-feedback-entered"
# You said, we did: what staff group, promise and publish, and who asks to be told.
ISSUE_RAISED_ADDED = "issue-raised-added"
COMMITMENT_ADDED = "commitment-added"
COMMITMENT_MOVED = "commitment-moved"
PUBLIC_UPDATE_PUBLISHED = "public-update-published"
FOLLOWER_CHANGED = "follower-changed"

ALL: tuple[str, ...] = (
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_OUT,
    SIGN_OUT_EVERYWHERE,
    ACCOUNT_LOCKED,
    MFA_FAILED,
    PASSWORD_RESET_REQUESTED,
    PASSWORD_CHANGED,
    MFA_ENROLLED,
    RECOVERY_CODE_USED,
    USER_INVITED,
    USER_UPDATED,
    TOKEN_CREATED,
    TOKEN_REVOKED,
    CASE_VIEWED,
    ATTACHMENT_DOWNLOADED,
    CASE_CHANGED,
    EXPORTED,
    PUBLISHED,
    AUDIT_SEARCHED,
    CALENDAR_CHANGED,
    TAXONOMY_CHANGED,
    THEME_SUGGESTIONS_VIEWED,
    QUOTE_PROPOSED,
    QUOTE_APPROVED,
    QUOTE_WITHDRAWN,
    FORUM_SESSION_ADDED,
    FORUM_SESSION_CANCELLED,
    FORUM_SIGNUP_CHANGED,
    FORUM_SIGNUPS_VIEWED,
    FORUM_FEEDBACK_UPLOADED,
    FORUM_FEEDBACK_ENTERED,
    ISSUE_RAISED_ADDED,
    COMMITMENT_ADDED,
    COMMITMENT_MOVED,
    PUBLIC_UPDATE_PUBLISHED,
    FOLLOWER_CHANGED,
)
"""Every action, in the order a search form lists them."""

# The words people read for each action, in the search form and its results (one table).
LABELS: dict[str, str] = {
    SIGN_IN: "Signed in",
    SIGN_IN_FAILED: "Sign-in failed",
    SIGN_OUT: "Signed out",
    SIGN_OUT_EVERYWHERE: "Signed out everywhere",
    ACCOUNT_LOCKED: "Account locked",
    MFA_FAILED: "Wrong one-time code",
    PASSWORD_RESET_REQUESTED: "Password reset asked for",
    PASSWORD_CHANGED: "Password changed",
    MFA_ENROLLED: "Authenticator app set up",
    RECOVERY_CODE_USED: "Recovery code used",
    USER_INVITED: "User invited",
    USER_UPDATED: "User changed",
    TOKEN_CREATED: "API token created",
    TOKEN_REVOKED: "API token revoked",
    CASE_VIEWED: "Case viewed",
    ATTACHMENT_DOWNLOADED: "File downloaded",
    CASE_CHANGED: "Case changed",
    EXPORTED: "Data exported",
    PUBLISHED: "Published",
    AUDIT_SEARCHED: "Audit trail searched",
    CALENDAR_CHANGED: "Closure days changed",
    TAXONOMY_CHANGED: "Themes changed",
    THEME_SUGGESTIONS_VIEWED: "Possible new themes viewed",
    QUOTE_PROPOSED: "Quote proposed",
    QUOTE_APPROVED: "Quote approved",
    QUOTE_WITHDRAWN: "Quote withdrawn",
    FORUM_FEEDBACK_ENTERED: "Forum feedback entered from a meeting",
    FORUM_SESSION_ADDED: "Forum session added",
    FORUM_SESSION_CANCELLED: "Forum session cancelled",
    FORUM_SIGNUP_CHANGED: "Forum place taken or given up",
    FORUM_SIGNUPS_VIEWED: "Forum sign-ups viewed",
    FORUM_FEEDBACK_UPLOADED: "Forum feedback uploaded from a meeting",
    ISSUE_RAISED_ADDED: "Issue raised added",
    COMMITMENT_ADDED: "Commitment added",
    COMMITMENT_MOVED: "Commitment moved",
    PUBLIC_UPDATE_PUBLISHED: "You said, we did published",
    FOLLOWER_CHANGED: "Follower added or removed",
}
