"""The countdown of an agenda step, as stored: a deadline while it runs, the rest while paused.

Every window computes what it shows from the stored state and its own clock, so that nothing
has to tick in the database. Functions take ``now`` so that tests fix the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Timer:
    """``deadline`` set: running; ``remaining`` set: paused; neither: not started."""

    deadline: datetime | None = None
    remaining: float | None = None

    @property
    def running(self) -> bool:
        return self.deadline is not None

    def left(self, now: datetime, full: float) -> float:
        """Seconds left (never below 0); ``full`` when the countdown has not started."""
        if self.deadline is not None:
            return max(0.0, (self.deadline - now).total_seconds())
        return full if self.remaining is None else self.remaining

    def overtime(self, now: datetime) -> float:
        """Seconds since a running countdown reached zero (0 before that, or when paused)."""
        if self.deadline is None:
            return 0.0
        return max(0.0, (now - self.deadline).total_seconds())

    def to_data(self) -> dict:
        """As stored for a step that is not shown now."""
        deadline = None if self.deadline is None else self.deadline.isoformat()
        return {"deadline": deadline, "remaining": self.remaining}

    @classmethod
    def from_data(cls, data: dict | None) -> Timer:
        if not data:
            return cls()
        deadline = data.get("deadline")
        return cls(datetime.fromisoformat(deadline) if deadline else None, data.get("remaining"))

    def start(self, now: datetime, full: float) -> Timer:
        """Run from where it was paused, or from ``full`` seconds."""
        if self.running:
            return self
        return Timer(deadline=now + timedelta(seconds=self.left(now, full)))

    def pause(self, now: datetime) -> Timer:
        if self.deadline is None:
            return self
        return Timer(remaining=self.left(now, 0.0))

    def add(self, now: datetime, full: float, seconds: float = 60.0) -> Timer:
        """``seconds`` more, running or not (a countdown that ran out starts again)."""
        if self.deadline is not None:
            return Timer(deadline=max(self.deadline, now) + timedelta(seconds=seconds))
        return Timer(remaining=self.left(now, full) + seconds)


def overtime_clock(seconds: float) -> str:
    """``+mm:ss`` past the end of the countdown.

    >>> overtime_clock(83.5)
    '+01:23'
    """
    whole = int(seconds)
    return f"+{whole // 60:02d}:{whole % 60:02d}"


def clock(seconds: float) -> str:
    """``mm:ss`` for the projector, rounded up so that 0:00 means time is over.

    >>> clock(59.2), clock(600), clock(0)
    ('01:00', '10:00', '00:00')
    """
    whole = int(-(-seconds // 1))
    return f"{whole // 60:02d}:{whole % 60:02d}"
