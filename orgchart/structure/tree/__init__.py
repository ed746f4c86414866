"""The agency tree: the one place that knows how it is stored (README.md in this folder).

Today's tree is kept by a storage backend (`backend.py`: MPTT); every other date comes from
interval rows — `AgencyLink` (the parent of an agency over time) and the registered placements
(the agency of a position over time, `placements.py`). Callers use the functions below and
never read the backend's columns or the link tables.

Reads (a fixed number of queries, whatever the size of the tree):
  is_current, parents_on, children_on, ancestors_on, roots_on, descendant_counts, would_cycle,
  subtree_q, subtree_ids, subtree_expr, subtree_sql, annotate_parent_on, contains, subtree_size
Positions: position_agency (ORM), position_agency_sql (SQL), positions_q, positions_of,
  position_agencies, placement_rows + agency_of (in memory), link_agencies, linked_positions,
  placed_ever_sql
Denormalised copies (staffing roll-up): Locator, locator_index, locator_values_sql, roots_sql,
  locator_within_sql
Writes (inside transaction.atomic(), after lock_tree()): set_parent, set_parents,
  set_positions_agency, set_position_agency, repoint_later_children, repoint_later_positions,
  correct_parents, correct_positions, ensure_links, apply_current, rebuild, set_intervals
Bulk writers and generators: NODE_FIELDS, blank_node_values, next_forest, forest_values
"""
from . import placements
from .backend import Locator, Node, storage
from .dated import (
    CONTAIN_FIELDS,
    active_sql,
    ancestors_on,
    annotate_parent_on,
    children_on,
    contains,
    descendant_counts,
    is_current,
    parents_on,
    positions_of,
    positions_q,
    roots_on,
    subtree_expr,
    subtree_ids,
    subtree_q,
    subtree_size,
    subtree_sql,
    would_cycle,
)
from .intervals import close_from, covering_first, set_intervals
from .placements import (
    agency_of,
    link_agencies,
    linked_positions,
    placed_ever_sql,
    placement_rows,
    position_agencies,
    position_agency,
    position_agency_sql,
    set_position_agency,
    set_positions_agency,
)
from .placements import correct as correct_positions
from .placements import register as register_placements
from .placements import repoint_later as repoint_later_positions
from .writes import (
    REBUILD_THRESHOLD,
    TREE_LOCK_KEY,
    apply_current,
    correct_parents,
    ensure_links,
    lock_tree,
    on_agency_saved,
    rebuild,
    repoint_later_children,
    set_parent,
    set_parents,
)

NODE_FIELDS = storage.node_fields
LOCATOR_FIELDS = storage.locator_fields
blank_node_values = storage.blank_node_values
locator_index = storage.locator_index
locator_values_sql = storage.locator_values_sql
roots_sql = storage.roots_sql
locator_within_sql = storage.locator_within_sql
next_forest = storage.next_forest
forest_values = storage.forest_values


__all__ = [
    "CONTAIN_FIELDS", "LOCATOR_FIELDS", "NODE_FIELDS", "REBUILD_THRESHOLD", "TREE_LOCK_KEY", "Locator", "Node",
    "active_sql", "agency_of", "ancestors_on", "annotate_parent_on", "apply_current", "blank_node_values",
    "children_on", "close_from", "contains", "correct_parents", "correct_positions", "covering_first",
    "descendant_counts", "ensure_links", "forest_values", "is_current", "locator_index", "locator_values_sql",
    "locator_within_sql", "lock_tree", "next_forest", "on_agency_saved", "parents_on", "link_agencies", "linked_positions",
    "placed_ever_sql", "placement_rows", "placements", "position_agencies", "position_agency", "position_agency_sql",
    "positions_of", "positions_q", "rebuild", "register_placements", "repoint_later_children",
    "repoint_later_positions", "roots_on", "roots_sql", "set_intervals", "set_parent", "set_parents",
    "set_position_agency", "set_positions_agency", "storage", "subtree_expr", "subtree_ids", "subtree_q",
    "subtree_size", "subtree_sql", "would_cycle",
]
