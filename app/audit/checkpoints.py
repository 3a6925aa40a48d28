"""Signed checkpoints of the audit chain's head, kept outside the database.

The hash chain shows an edit or a gap, but not its own newest events cut off, nor a
chain rebuilt from some event on with fresh hashes. A checkpoint records the last
event's seq and hash, signed with Ed25519 (FV_AUDIT_SIGNING_KEY), as one JSON line
appended to FV_AUDIT_CHECKPOINT_DIR/checkpoints.jsonl. `verify` checks the chain
against every checkpoint: events a checkpoint saw must still be there, unchanged.

Ed25519 rather than an HMAC: a verifier (an auditor, the Commission) can hold only the
public key (FV_AUDIT_VERIFY_KEY) and check checkpoints without being able to forge one.
"""

from __future__ import annotations

import base64
import fcntl
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEvent
from app.audit.service import GENESIS_HASH
from app.config import get_settings

FILE_NAME = "checkpoints.jsonl"


class NoKey(Exception):
    """No signing or verify key is set."""


def new_signing_key() -> str:
    """A new private key, base64 (for FV_AUDIT_SIGNING_KEY)."""
    return base64.b64encode(Ed25519PrivateKey.generate().private_bytes_raw()).decode()


def public_key_of(signing_key: str) -> str:
    """The public key, base64 (for FV_AUDIT_VERIFY_KEY), of a signing key."""
    return base64.b64encode(_private(signing_key).public_key().public_bytes_raw()).decode()


def _private(value: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(value))


def _public() -> Ed25519PublicKey:
    settings = get_settings()
    if settings.audit_verify_key:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(settings.audit_verify_key))
    if settings.audit_signing_key:
        return _private(settings.audit_signing_key).public_key()
    raise NoKey("Set FV_AUDIT_VERIFY_KEY (or FV_AUDIT_SIGNING_KEY) to check checkpoints")


def _signed_bytes(seq: int, head: str, at: str) -> bytes:
    return json.dumps({"at": at, "hash": head, "seq": seq}, sort_keys=True).encode()


def path() -> Path:
    return get_settings().audit_checkpoint_dir / FILE_NAME


def write(session: Session, *, now: datetime) -> tuple[int, str]:
    """Append a signed checkpoint of the chain's last event; returns (seq, hash)."""
    key = get_settings().audit_signing_key
    if not key:
        raise NoKey("Set FV_AUDIT_SIGNING_KEY to write checkpoints (familyvoice audit-keygen)")
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, head = (last.seq, last.hash) if last else (0, GENESIS_HASH)
    at = now.astimezone(UTC).isoformat(timespec="seconds")
    signature = _private(key).sign(_signed_bytes(seq, head, at))
    line = json.dumps(
        {"seq": seq, "hash": head, "at": at, "sig": base64.b64encode(signature).decode()}
    )
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Append-only, one line per write under an exclusive lock: two servers writing at
    # once each add a whole line, and a duplicate checkpoint is harmless.
    with target.open("a", encoding="utf-8") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        file.write(line + "\n")
        file.flush()
    return seq, head


@dataclass(frozen=True)
class CheckpointReport:
    ok: bool
    message: str


def _read() -> tuple[list[dict[str, Any]], str | None]:
    """The checkpoints whose signatures hold, or the first line that fails."""
    target = path()
    if not target.exists():
        return [], None
    public = _public()
    lines = []
    for number, text in enumerate(target.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            item = json.loads(text)
            public.verify(
                base64.b64decode(item["sig"]),
                _signed_bytes(int(item["seq"]), str(item["hash"]), str(item["at"])),
            )
        except (ValueError, KeyError, TypeError, InvalidSignature):
            return [], f"checkpoint line {number} of {target} has a bad signature or is damaged"
        lines.append(item)
    return lines, None


def verify(session: Session) -> CheckpointReport:
    """Check the chain against every checkpoint; say what is missing or rewritten."""
    checkpoints, problem = _read()
    if problem:
        return CheckpointReport(False, problem)
    if not checkpoints:
        return CheckpointReport(
            True, f"No checkpoints in {path()}: events cut from the end could not be seen."
        )
    last = session.execute(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)).first()
    newest = last.seq if last else 0
    latest = max(checkpoints, key=lambda c: int(c["seq"]))
    if newest < int(latest["seq"]):
        return CheckpointReport(
            False,
            f"events {newest + 1} to {latest['seq']} are missing: the checkpoint of "
            f"{latest['at']} saw event {latest['seq']}, the trail now ends at {newest}",
        )
    matched = 0
    for checkpoint in sorted(checkpoints, key=lambda c: int(c["seq"])):
        seq = int(checkpoint["seq"])
        stored = (
            session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == seq))
            if seq
            else GENESIS_HASH
        )
        if stored != checkpoint["hash"]:
            return CheckpointReport(
                False,
                f"event {seq} does not match the checkpoint of {checkpoint['at']}: "
                f"the trail was rewritten somewhere in events {matched + 1} to {seq}",
            )
        matched = seq
    return CheckpointReport(
        True, f"Trail matches the checkpoint of {latest['at']} (event {latest['seq']})."
    )


def enabled() -> bool:
    """Whether the server writes checkpoints itself: a key and an interval are set."""
    settings = get_settings()
    return bool(settings.audit_signing_key) and settings.audit_checkpoint_minutes > 0
