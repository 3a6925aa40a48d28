"""Settings, read from environment variables prefixed FV_ (and an optional .env file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.proxies import Network, parse_trusted

if TYPE_CHECKING:
    from alembic.config import Config

ROOT = Path(__file__).resolve().parent.parent

# Values that must never protect real data: refused outside development.
PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "dev", "development"})
DEVELOPMENT_BASE_URL = "http://127.0.0.1:8000"
DEVELOPMENT_SECRET = "development-only-secret-key-not-for-real-data"  # noqa: S105  (refused outside development)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FV_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "production"
    database_url: str = f"sqlite:///{ROOT / 'var' / 'familyvoice.db'}"
    secret_key: str = ""
    log_json: bool | None = None  # JSON logs by default in production
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    sql_echo: bool = False

    # Who the public pages name, and the numbers a worried person must see first.
    council_name: str = "Herefordshire Council"
    service_name: str = "Families' Voice"
    emergency_phone: str = "999"
    mash_phone: str = "01432 260800"
    out_of_hours_phone: str = "01905 768020"
    police_non_emergency_phone: str = "101"
    childline_phone: str = "0800 1111"
    exit_page_url: str = "https://www.bbc.co.uk/weather"

    # Service standards promised on the start page (working days).
    acknowledge_working_days: int = 3
    respond_working_days: int = 10
    # You said, we did: an issue raised is answered in public within this many working
    # days of being heard; due soon this many working days before.
    issue_respond_working_days: int = 20
    issue_due_soon_working_days: int = 5

    # Input limits.
    max_description_chars: int = 10_000
    max_attachments: int = 5
    max_attachment_bytes: int = 10 * 1024 * 1024
    max_body_bytes: int = 512 * 1024  # forms and JSON
    # Since the last answer: no longer than a form's CSRF token lives (12 hours), after
    # which no page of the draft could be sent anyway (app/security.py CSRF_MAX_AGE).
    draft_lifetime_hours: int = 12
    idempotency_lifetime_hours: int = 24
    # Forum feedback sent from one client in feedback_window_minutes before it must wait.
    feedback_per_client: int = 20
    feedback_window_minutes: int = 60

    # Staff sign-in.
    # FV_BASE_URL: where staff open the links in emails and printed set-up links. Never
    # taken from a request's Host header (whoever sends the request chooses that).
    base_url: str = ""
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    commission_mfa_required: bool = False
    signin_max_failures: int = 5  # per email address, then locked for signin_lock_minutes
    signin_lock_minutes: int = 15
    signin_ip_max_failures: int = 50  # per IP address in signin_lock_minutes
    setup_link_hours: int = 72
    reset_link_minutes: int = 60
    # Proxies whose X-Forwarded-For is believed (IPs or CIDR ranges, comma-separated).
    # Empty: the connecting address is the client, whatever headers claim (app/proxies.py).
    trusted_proxies: str = ""

    # The SLA sweep: how often the server runs it, and how often an alert repeats.
    sweep_interval_minutes: int = 5  # 0: the server does not sweep (run `familyvoice sweep`)
    alert_cadence_hours: int = 24

    # Where trained theme models are written (themes-vNNNN.json; the newest is used).
    model_dir: Path = ROOT / "var" / "models"

    # Audit checkpoints (app/audit/checkpoints.py): an Ed25519 key, base64 (make one with
    # `familyvoice audit-keygen`); where the append-only file lives, away from the database;
    # how often the server writes one (0: never; run `familyvoice audit-checkpoint`).
    audit_signing_key: str = ""
    audit_verify_key: str = ""  # the public half, enough for `audit-verify`
    audit_checkpoint_dir: Path = ROOT / "var" / "audit-checkpoints"
    audit_checkpoint_minutes: int = 60
    # False: the server answers at once and loads the text engines beside it, /readyz
    # saying "warming" (503) until they are in, so a proxy sends no family to it before.
    # True: start-up waits for them (one process with nothing in front of it).
    warm_before_serving: bool = False

    # Tracking: failures allowed per window before lookups are refused.
    track_max_failures: int = 5
    track_window_minutes: int = 15

    @property
    def is_development(self) -> bool:
        return self.environment in ("development", "test")

    @property
    def links_base(self) -> str:
        """The start of every link sent to staff; development falls back to port 8000."""
        if self.base_url.strip():
            return self.base_url.strip().rstrip("/")
        if self.is_development:
            return DEVELOPMENT_BASE_URL
        raise ValueError(
            "FV_BASE_URL must be set outside development: the address staff open, "
            "like https://familiesvoice.example.gov.uk"
        )

    @property
    def cookie_secure(self) -> bool:
        return not self.is_development

    @property
    def json_logs(self) -> bool:
        return (not self.is_development) if self.log_json is None else self.log_json

    @property
    def max_upload_body_bytes(self) -> int:
        # One request may carry every allowed file at once, plus the form fields.
        return self.max_attachments * self.max_attachment_bytes + 1024 * 1024

    @property
    def trusted_networks(self) -> tuple[Network, ...]:
        return parse_trusted(self.trusted_proxies)

    @field_validator("trusted_proxies")
    @classmethod
    def _trusted_proxies_parse(cls, value: str) -> str:
        parse_trusted(value)  # a typo must stop the server, not trust nobody quietly
        return value

    @model_validator(mode="after")
    def _secret_key_is_real(self) -> Settings:
        if self.secret_key.strip().lower() in PLACEHOLDER_SECRETS or len(self.secret_key) < 32:
            if not self.is_development:
                raise ValueError(
                    "FV_SECRET_KEY must be set to a random value of at least 32 characters "
                    "outside development (try: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
                )
            self.secret_key = DEVELOPMENT_SECRET
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()


def alembic_config() -> Config:
    """Where the migrations are: for `familyvoice migrate` and the readiness check alike."""
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return config
