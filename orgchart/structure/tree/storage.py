"""The storage interface of today's tree: what a backend (MPTT today; PostgreSQL ltree or a
plain recursive CTE tomorrow) answers from the columns it keeps on the agency table.

Only *today's* tree lives in the backend. Every other date is answered from the interval rows
(`AgencyLink`, the position placements) by `dated.py`, whatever the backend. The rest of the
code never calls a backend directly: it calls the functions of `orgchart.structure.tree`.
"""
import abc
import contextlib
import contextvars

from django.db import models


class InvalidMove(Exception):
    """A move the backend refuses (an agency below itself)."""


# `Node.save` notes the parent as loaded; UNKNOWN when the parent was not loaded (deferred).
UNKNOWN = object()

# True while the tree package moves nodes itself (the link rows are already right then).
_writing: contextvars.ContextVar[bool] = contextvars.ContextVar("orgchart_tree_writing", default=False)


@contextlib.contextmanager
def tree_writes():
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


def writing() -> bool:
    return _writing.get()


class TreeStorage(abc.ABC):
    """Today's tree: the `parent` pointer of each agency plus an index that answers subtree
    questions without walking the tree. `root` and `node` arguments are agencies loaded with
    at least `contain_fields`."""

    # Columns the backend adds to the agency table (never audited, never shown).
    node_fields: tuple[str, ...] = ()
    # Columns an agency must be loaded with for `contains` / `subtree_size` / `subtree_q`.
    contain_fields: tuple[str, ...] = ()
    # Columns a denormalised copy of an agency's place keeps (see `Locator` of the backend).
    locator_fields: tuple[str, ...] = ()

    # --- reads of today's tree ------------------------------------------------------------------
    @abc.abstractmethod
    def subtree_q(self, root, prefix: str = "") -> models.Q:
        """A filter (no query) on agencies, or on `prefix`agency, for `root`'s subtree, root included."""

    @abc.abstractmethod
    def subtree_pairs_sql(self, placeholders: str) -> str:
        """SQL selecting `root, id` for each agency in the subtrees of the roots whose ids fill
        `placeholders` (roots included)."""

    @abc.abstractmethod
    def contains(self, root, node) -> bool:
        """True when `node` is `root` or below it (in memory, no query)."""

    @abc.abstractmethod
    def subtree_size(self, node) -> int:
        """Agencies in `node`'s subtree, itself included (in memory: a size hint)."""

    @abc.abstractmethod
    def descendant_counts(self, agency_ids: list[int], active: models.Q) -> dict[int, int]:
        """{agency id: its descendants matching `active`} in one query."""

    @abc.abstractmethod
    def ancestors(self, agency_ids: list[int]) -> dict[int, list]:
        """{agency id: [its ancestors, root first]} in at most two queries."""

    # --- writes -----------------------------------------------------------------------------
    @abc.abstractmethod
    def move(self, agency_id: int, parent_id: int | None):
        """Make `parent_id` the current parent of one agency, keeping the index valid; raises
        `InvalidMove` when that would put the agency below itself."""

    @abc.abstractmethod
    def rebuild(self):
        """Recompute the index of every agency from the parent pointers."""

    def refresh(self, agency, fresh):
        """Copy the storage columns of `fresh` (just read) onto `agency` (a caller's instance)."""
        for f in self.node_fields:
            setattr(agency, f, getattr(fresh, f))

    def blank_node_values(self) -> dict:
        """Values of the storage columns for rows bulk-inserted before a `rebuild()`."""
        return dict.fromkeys(self.node_fields, 0)

    # --- denormalised copies: find the rows of a subtree by an index range ------------------------
    @abc.abstractmethod
    def locator_index(self, *leading: str) -> models.Index:
        """The index that makes `locator_within_sql` a range scan, after the `leading` columns."""

    @abc.abstractmethod
    def locator_values_sql(self, agency_alias: str, aggregate: str = "") -> str:
        """SQL values of `locator_fields` for the agency row `agency_alias` (each wrapped in
        `aggregate(…)` when given), in the order of `locator_fields`."""

    @abc.abstractmethod
    def roots_sql(self, placeholders: str) -> str:
        """SQL selecting `root` (the id) and whatever `locator_within_sql` reads of it, for the
        agencies whose ids fill `placeholders`."""

    @abc.abstractmethod
    def locator_within_sql(self, row_alias: str, roots_alias: str) -> str:
        """SQL condition: the copy `row_alias` lies in the subtree of `roots_alias` (a row of
        `roots_sql`)."""

    # --- generated data ------------------------------------------------------------------------
    @abc.abstractmethod
    def next_forest(self) -> int:
        """A key for a new forest appended by a bulk generator (one query)."""

    @abc.abstractmethod
    def forest_values(self, parents: list[int | None], keys: list[str], forest: int) -> list[tuple]:
        """Values of `node_fields` for each node of a generated forest (node i has parent
        `parents[i]`, siblings ordered by `keys`), equal to what `rebuild()` would store."""
