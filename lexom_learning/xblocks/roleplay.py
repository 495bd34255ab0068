"""The role-play block: a case of the course by id, one role and its brief, the observation grid.

The learner picks a role (or the author gives one) and sees only that role's brief. In
self-assessment the player of the assessed role scores their own performance on the grid; in
peer assessment the other players and the observer score the assessed role. The grid is checked
by the core (``lexom_learning.roleplay.check_scores``); the group's mean per criterion is kept
for everyone who played this block.
"""

import functools
from typing import Any

from web_fragments.fragment import Fragment
from xblock.completable import CompletableXBlockMixin
from xblock.core import XBlock
from xblock.fields import Boolean, Dict, Scope, String

from ..modules import RolePlayCase
from ..roleplay import GridError, check_scores
from . import content, scenarios
from .answers import Gettext
from .base import LexomBlock, json_error, studio_field
from .i18n import N_

ASSESSMENTS = {"self": N_("Auto-évaluation"), "peer": N_("Évaluation par les pairs")}


def _with_case(handler):
    """Run a handler with the block's case and the learner's ``gettext``; without a case (an
    unknown id), answer 404 before the handler runs."""

    @functools.wraps(handler)
    def run(self, data: Any, suffix: str = "") -> Any:
        _ = self.translator.gettext
        case = self.case
        if case is None:
            return json_error(404, _("Cas introuvable : {id}.").format(id=self.case_id))
        return handler(self, case, data, _)

    return run


class RolePlayBlock(CompletableXBlockMixin, LexomBlock):
    """A role-play case: the context, one role's private brief, the grid, the debrief."""

    case_id = String(
        display_name=N_("Cas"),
        help=N_("Identifiant du cas de jeu de rôles"),
        scope=Scope.content,
        default="rp-m1-diagnostic-cosmetiques",
    )
    assessment = String(
        display_name=N_("Évaluation"),
        help=N_("self : le joueur s'évalue ; peer : les autres rôles l'évaluent"),
        scope=Scope.settings,
        default="self",
        values=list(ASSESSMENTS),
    )
    assigned_role = String(
        display_name=N_("Rôle attribué"),
        help=N_("Vide : chaque apprenant choisit son rôle"),
        scope=Scope.settings,
        default="",
    )
    role = String(scope=Scope.user_state, default="", help="The role the learner chose")
    levels = Dict(scope=Scope.user_state, help="The grid: criterion id -> level 1 to 4")
    comment = String(scope=Scope.user_state, default="")
    completed = Boolean(scope=Scope.user_state, default=False)
    grid_totals = Dict(
        scope=Scope.user_state_summary, help="Every grid of this block: criterion -> [sum, count]"
    )

    @property
    def case(self) -> RolePlayCase | None:
        """Return the case this block shows, or None when its id is unknown."""
        return content.roleplay(self.case_id)

    def current_role(self, case: RolePlayCase):
        """Return the learner's role (given by the author, else chosen), or None."""
        return case.role(self.assigned_role or self.role)

    def fills_grid(self, case: RolePlayCase) -> bool:
        """Say whether this learner scores the assessed role on the grid."""
        role = self.current_role(case)
        if role is None:
            return False
        plays_assessed = role.id == case.assessed_role
        return plays_assessed if self.assessment == "self" else not plays_assessed

    def student_view(self, context: dict | None = None) -> Fragment:
        """Show the case, the roles to pick from, then the learner's brief, grid and debrief."""
        return self.fragment(self._html(), "LexomRolePlayBlock")

    @XBlock.json_handler
    @_with_case
    def choose_role(self, case: RolePlayCase, data: Any, _: Gettext) -> Any:
        """Take ``{"role": role id}`` as the learner's role; it cannot change afterwards."""
        if self.current_role(case) is not None:
            return json_error(409, _("Votre rôle est déjà fixé pour ce jeu de rôles."))
        role_id = data.get("role") if isinstance(data, dict) else None
        if not isinstance(role_id, str) or case.role(role_id) is None:
            return json_error(400, _("Choisissez un des rôles du cas."))
        self.role = role_id
        return {"role": role_id, "html": self._html()}

    @XBlock.json_handler
    @_with_case
    def submit_grid(self, case: RolePlayCase, data: Any, _: Gettext) -> Any:
        """Record ``{"levels": {criterion id: 1 to 4}, "comment": text}`` once."""
        if not self.fills_grid(case):
            return json_error(403, _("Votre rôle ne remplit pas la grille d'observation."))
        if self.completed:
            return json_error(409, _("Vous avez déjà rempli la grille."))
        if not isinstance(data, dict):
            return json_error(400, _("Requête invalide : un objet est attendu."))
        try:
            levels, comment = check_scores(case, data.get("levels"), data.get("comment", ""))
        except GridError as error:
            return json_error(
                400, _("La grille est incomplète ou invalide."), errors=error.translate(_)
            )
        self.levels, self.comment = levels, comment
        totals = dict(self.grid_totals)
        for criterion_id, level in levels.items():
            total, count = totals.get(criterion_id, (0, 0))
            totals[criterion_id] = [total + level, count + 1]
        self.grid_totals = totals
        return self._complete()

    @XBlock.json_handler
    @_with_case
    def complete(self, case: RolePlayCase, data: Any, _: Gettext) -> Any:
        """Mark the case as played by a learner who does not fill the grid."""
        if self.current_role(case) is None:
            return json_error(409, _("Choisissez d'abord votre rôle."))
        if self.fills_grid(case) and not self.completed:
            return json_error(409, _("Remplissez d'abord la grille d'observation."))
        return self._complete()

    def _complete(self) -> dict[str, Any]:
        self.completed = True
        self.emit_completion(1.0)
        return {"completed": True, "levels": self.levels, "html": self._html()}

    def _html(self) -> str:
        case = self.case
        if case is None:
            return self.render_html("missing.html", title=self.display_name, what=self.case_id)
        role = self.current_role(case)
        means = {c: round(total / count, 1) for c, (total, count) in self.grid_totals.items()}
        return self.render_html(
            "roleplay.html",
            title=self.display_name or case.title,
            case=case,
            role=role,
            assigned=bool(self.assigned_role),
            assessment=self.assessment,
            assessed=case.role(case.assessed_role),
            fills_grid=self.fills_grid(case),
            levels=self.levels,
            comment=self.comment,
            completed=self.completed,
            means=means,
        )

    # --- the author's form --------------------------------------------------------------------

    def studio_fields(self, _) -> list[dict[str, Any]]:
        """Add the case, the kind of assessment and the role given to every learner."""
        cases = content.course().roleplays
        roles = [("", _("Chaque apprenant choisit"))]
        roles += [(f"{c.id}:{r.id}", f"{c.id} — {r.name}") for c in cases for r in c.roles]
        return [
            *super().studio_fields(_),
            studio_field(
                "case_id",
                _("Cas"),
                "select",
                self.case_id,
                options=[(c.id, f"{c.id} — {c.title}") for c in cases],
            ),
            studio_field(
                "assessment",
                _("Évaluation"),
                "select",
                self.assessment,
                options=[(k, _(label)) for k, label in ASSESSMENTS.items()],
            ),
            studio_field(
                "assigned_role",
                _("Rôle attribué"),
                "select",
                f"{self.case_id}:{self.assigned_role}" if self.assigned_role else "",
                options=roles,
                help=_("Le rôle doit appartenir au cas choisi."),
            ),
        ]

    def studio_apply(self, values: dict[str, Any], _) -> dict[str, str]:
        """Check and save the name, case, assessment and assigned role."""
        errors: dict[str, str] = {}
        name = self._checked_name(values, errors, _)
        case_id = values.get("case_id", self.case_id)
        case = content.roleplay(case_id) if isinstance(case_id, str) else None
        if case is None:
            errors["case_id"] = _("Choisissez un cas de la liste.")
        assessment = values.get("assessment", self.assessment)
        if not isinstance(assessment, str) or assessment not in ASSESSMENTS:
            errors["assessment"] = _("Choisissez un mode d'évaluation de la liste.")
        assigned = values.get("assigned_role", "")
        role_id = ""
        if assigned not in ("", None):
            owner, _sep, role_id = str(assigned).partition(":")
            if case is not None and (owner != case.id or case.role(role_id) is None):
                errors["assigned_role"] = _("Ce rôle n'appartient pas au cas choisi.")
        if not errors:
            self.display_name, self.case_id = name, case_id
            self.assessment, self.assigned_role = assessment, role_id
        return errors

    @staticmethod
    def workbench_scenarios() -> list[tuple[str, str]]:
        """Offer every role-play case of the course."""
        return scenarios.roleplays()
