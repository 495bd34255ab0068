"""A run's groups side by side with their observers' latest grids (trainer page and API)."""

from dataclasses import dataclass, field

from ...extensions import db
from ...modules import RolePlayCase
from ...services.roleplay import gradings_of, latest_gradings
from ...storage import Participant, RolePlayGrading, RolePlayRun, TrainingSession


@dataclass
class GroupGrid:
    """One group of a run: who plays what, and the grids its observers gave."""

    number: int
    members: list[tuple[Participant, str]] = field(default_factory=list)
    performer: Participant | None = None
    gradings: list[RolePlayGrading] = field(default_factory=list)

    def mean(self, criterion_id: str) -> float | None:
        """Return the mean level on a criterion over the group's latest grids."""
        levels = [
            s.level for g in self.gradings for s in g.scores if s.criterion_id == criterion_id
        ]
        return round(sum(levels) / len(levels), 2) if levels else None


def groups_of(run: RolePlayRun, case: RolePlayCase) -> list[GroupGrid]:
    """Return the groups side by side with their latest grids (for the trainer)."""
    people = {p.id: p for p in db.session.get(TrainingSession, run.session_id).participants}
    groups: dict[int, GroupGrid] = {}
    for item in run.assignments:
        group = groups.setdefault(item.group_no, GroupGrid(item.group_no))
        person = people.get(item.participant_id)
        group.members.append((person, item.role_id))
        if item.role_id == case.assessed_role:
            group.performer = person
    for grading in latest_gradings(gradings_of(run)):
        if grading.group_no in groups:
            groups[grading.group_no].gradings.append(grading)
    return [groups[n] for n in sorted(groups)]
