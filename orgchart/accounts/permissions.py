"""Roles and subtree scopes (CONTRACT §1; issue 8). Every resolver, mutation, page and export
asks an `Actor` — never request.user directly.

admin          everything
restructuring  structure and staffing writes; reads everything (scope limits writes and personal data)
personnel      personnel writes and eligibility (scope limits writes and personal data)
auditor        reads everything, writes only overlap reviews
anonymous      public structure only (agencies, mandates, positions, counts)
"""
from dataclasses import dataclass
from functools import cached_property

from orgchart.core.choices import Role
from orgchart.core.dates import today


@dataclass
class Actor:
    user: object | None
    role: str | None
    scope_id: int | None

    @classmethod
    def of(cls, user) -> "Actor":
        if user is None or not getattr(user, "is_authenticated", False):
            return cls(None, None, None)
        if user.is_superuser:
            return cls(user, Role.ADMIN, None)
        membership = getattr(user, "membership", None) if hasattr(user, "membership") else None
        if membership is None:
            return cls(user, None, None)
        return cls(user, membership.role, membership.scope_id)

    @classmethod
    def from_request(cls, request) -> "Actor":
        actor = getattr(request, "_orgchart_actor", None)
        if actor is None:
            actor = cls.of(getattr(request, "user", None))
            try:
                request._orgchart_actor = actor
            except AttributeError:
                pass
        return actor

    # --- roles -----------------------------------------------------------------------------
    @property
    def authenticated(self) -> bool:
        return self.role is not None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def has_role(self, *roles: str) -> bool:
        return self.role == Role.ADMIN or self.role in roles

    @property
    def can_read_personal(self) -> bool:
        """Personal data (birth dates, ratings, disciplines, eligibility) needs a role."""
        return self.authenticated

    # --- scope -----------------------------------------------------------------------------
    @cached_property
    def scope(self):
        if self.scope_id is None:
            return None
        from orgchart.structure import tree
        from orgchart.structure.models import Agency

        return Agency.objects.filter(pk=self.scope_id).only("pk", "code", *tree.CONTAIN_FIELDS).first()

    def agency_in_scope(self, agency) -> bool:
        """The agency lies in the actor's subtree (always true without a scope)."""
        if self.scope_id is None:
            return True
        from orgchart.structure import tree

        s = self.scope
        return s is not None and tree.contains(s, agency)

    def scoped_agency_ids(self) -> set[int] | None:
        """Ids of the agencies in scope today, or None when unscoped."""
        if self.scope_id is None:
            return None
        cached = getattr(self, "_scope_ids", None)
        if cached is None:
            from orgchart.structure.tree import subtree_ids

            cached = set(subtree_ids(self.scope_id, today(), active_only=False))
            self._scope_ids = cached
        return cached

    def official_ids_in_scope(self, official_ids) -> set[int]:
        """Which of these officials hold a primary assignment today in the scope subtree (one query)."""
        ids = set(official_ids)
        scope_ids = self.scoped_agency_ids()
        if scope_ids is None:
            return ids
        from orgchart.personnel.models import Assignment
        from orgchart.personnel.selectors import holding_q

        return set(
            Assignment.objects.filter(holding_q(today()), official_id__in=ids, position__agency_id__in=scope_ids)
            .values_list("official_id", flat=True)
        )

    def can_read_official(self, official) -> bool:
        if not self.can_read_personal:
            return False
        if self.scope_id is None or self.role in (Role.AUDITOR,):
            return True
        return official.pk in self.official_ids_in_scope([official.pk])

    def can_write_personnel(self, agency) -> bool:
        return self.has_role(Role.PERSONNEL) and self.agency_in_scope(agency)

    def can_write_structure(self, agency=None) -> bool:
        return self.has_role(Role.RESTRUCTURING) and (agency is None or self.agency_in_scope(agency))

    def can_review_overlaps(self) -> bool:
        return self.has_role(Role.AUDITOR, Role.RESTRUCTURING)
