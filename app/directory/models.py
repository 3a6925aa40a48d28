"""Schools the council's children attend, loaded from the DfE's register."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class School(Base):
    """One school from Get Information about Schools (GIAS): its URN and name.

    Kept so redaction can find a school a family names without its "School" suffix
    ("she's in year 4 at St Ethelbert's"): a school names a child's community.
    """

    __tablename__ = "school"

    urn: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
