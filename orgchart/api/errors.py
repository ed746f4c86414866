"""Errors of the API: GraphQL errors with `extensions.code`, and typed mutation errors
`{field, message, code}` (Saleor style)."""
from dataclasses import dataclass

import graphene
from graphql import GraphQLError


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


@dataclass
class MutationError(Exception):
    """Raised by services; mapped to ErrorType by the mutation."""

    message: str
    code: str = "invalid"
    field: str | None = None

    def as_dict(self):
        return {"field": self.field, "message": self.message, "code": self.code}


class MutationErrors(Exception):
    """Several errors at once (e.g. every eligibility violation)."""

    def __init__(self, errors: list[MutationError]):
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors
