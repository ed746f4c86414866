"""Query limits (CONTRACT §3; issue 8): depth ≤ 15 and a cost limit in the style of Saleor —
each field costs 1, and a field with `first`/`last` multiplies the cost of what it selects."""
from django.conf import settings
from graphql import GraphQLError
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
)
from graphql.language.ast import IntValueNode, VariableNode

DEFAULT_MULTIPLIER = 1


def _multiplier(field: FieldNode, variables: dict) -> int:
    for arg in field.arguments or ():
        if arg.name.value in ("first", "last"):
            v = arg.value
            if isinstance(v, IntValueNode):
                return max(int(v.value), 1)
            if isinstance(v, VariableNode):
                raw = (variables or {}).get(v.name.value)
                if isinstance(raw, int) and not isinstance(raw, bool):
                    return max(raw, 1)
    return DEFAULT_MULTIPLIER


def _cost(selection_set, fragments, variables, seen) -> int:
    if selection_set is None:
        return 0
    total = 0
    for sel in selection_set.selections:
        if isinstance(sel, FieldNode):
            if sel.name.value.startswith("__"):
                continue
            total += 1 + _multiplier(sel, variables) * _cost(sel.selection_set, fragments, variables, seen)
        elif isinstance(sel, InlineFragmentNode):
            total += _cost(sel.selection_set, fragments, variables, seen)
        elif isinstance(sel, FragmentSpreadNode):
            name = sel.name.value
            if name in seen or name not in fragments:
                continue
            total += _cost(fragments[name].selection_set, fragments, variables, seen | {name})
    return total


def query_cost(document, operation_name: str | None, variables: dict | None) -> int:
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        ops = [o for o in ops if o.name and o.name.value == operation_name]
    return max((_cost(op.selection_set, fragments, variables, frozenset()) for op in ops), default=0)


def check_cost(document, operation_name, variables) -> GraphQLError | None:
    cost = query_cost(document, operation_name, variables if isinstance(variables, dict) else {})
    if cost > settings.GRAPHQL_MAX_COST:
        return GraphQLError(
            f"query cost {cost} exceeds the limit of {settings.GRAPHQL_MAX_COST}; ask for fewer items per page",
            extensions={"code": "query_too_costly", "cost": cost, "limit": settings.GRAPHQL_MAX_COST},
        )
    return None
