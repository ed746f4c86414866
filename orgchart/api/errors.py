"""Errors of the API: GraphQL errors with `extensions.code`, and typed mutation errors
`{field, message, code}` (Saleor style), and the one mapper from the services' domain errors
(`orgchart.core.errors`, snake_case fields) to them (camelCase fields)."""
import re

import graphene
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError

from orgchart.core.errors import FORBIDDEN, DomainError, errors_of


class Forbidden(GraphQLError):
    def __init__(self, message: str = "Bạn không có quyền xem hoặc thay đổi dữ liệu này (forbidden)"):
        super().__init__(message, extensions={"code": "forbidden"})


class Invalid(GraphQLError):
    def __init__(self, message: str, code: str = "invalid"):
        super().__init__(message, extensions={"code": code})


class NotFound(GraphQLError):
    def __init__(self, message: str):
        super().__init__(message, extensions={"code": "not_found"})


class ErrorType(graphene.ObjectType):
    """A mutation error: which input field, a plain message, and a code (a RULES.md code where a
    rule is the cause, else not_found / invalid / forbidden / conflict)."""

    field = graphene.String()
    message = graphene.String(required=True)
    code = graphene.String(required=True)


def camel_field(field: str | None) -> str | None:
    """A service's snake_case field path in the API's spelling: `parts[1].short_name` →
    `parts[1].shortName`."""
    if not field:
        return field
    return ".".join(
        re.sub(r"^[a-z0-9_]+", lambda m: to_camel_case(m.group(0)), part) for part in field.split(".")
    )


def mutation_errors(exc: Exception | list) -> list[dict]:
    """The typed mutation errors (`ErrorType` dicts) for a DomainError, a DomainErrors or a list
    of DomainError — the one place where a service's error becomes an API error."""
    items = exc if isinstance(exc, list) else errors_of(exc)
    return [{"field": camel_field(e.field), "message": e.message, "code": e.code} for e in items]


def forbidden_errors(message: str) -> list[dict]:
    return [{"field": None, "message": message, "code": FORBIDDEN}]


def graphql_error(exc: DomainError) -> GraphQLError:
    """A query's refusal as a GraphQL error with `extensions.code` (and the camelCase field)."""
    extensions = {"code": exc.code}
    if exc.field:
        extensions["field"] = camel_field(exc.field)
    return GraphQLError(exc.message, extensions=extensions)
