"""The issuing rule a course declares, e.g. ``session_closed and half_days_attended >= 1``."""

import re
from dataclasses import dataclass

METRICS = ("half_days_attended", "hours_attended")
FLAGS = ("session_closed",)
_COMPARISON = re.compile(r"^(?P<metric>[a-z_]+)\s*>=\s*(?P<value>\d+(\.\d+)?)$")


class RuleError(ValueError):
    """A rule the parser cannot read."""


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rule is evaluated against for one participant."""

    session_closed: bool
    half_days_attended: int
    hours_attended: float


@dataclass(frozen=True, slots=True)
class Rule:
    """A conjunction of flags and minimum thresholds."""

    flags: tuple[str, ...]
    minimums: tuple[tuple[str, float], ...]

    def holds(self, facts: Facts) -> bool:
        """Say whether every clause holds for ``facts``."""
        return all(getattr(facts, f) for f in self.flags) and all(
            getattr(facts, m) >= v for m, v in self.minimums
        )


def parse_rule(text: str) -> Rule:
    """Parse clauses joined by ``and``: a flag or ``metric >= number``.

    :raises RuleError: naming the clause that cannot be read.
    """
    flags: list[str] = []
    minimums: list[tuple[str, float]] = []
    clauses = [c.strip() for c in re.split(r"\s+and\s+", text.strip()) if c.strip()]
    if not clauses:
        raise RuleError("the rule is empty")
    for clause in clauses:
        if clause in FLAGS:
            flags.append(clause)
            continue
        match = _COMPARISON.match(clause)
        if not match or match["metric"] not in METRICS:
            known = ", ".join([*FLAGS, *(f"{m} >= N" for m in METRICS)])
            raise RuleError(f"cannot read clause {clause!r}; known clauses: {known}")
        minimums.append((match["metric"], float(match["value"])))
    return Rule(tuple(flags), tuple(minimums))
