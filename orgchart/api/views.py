"""The GraphQL endpoint: token auth (middleware), depth/cost/introspection limits, errors that
never leak internals, and a per-request memo for batch loaders."""
import logging
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt
from graphene.validation import depth_limit_validator
from graphene_django.views import GraphQLView, HttpError
from graphql import (
    DocumentNode,
    ExecutionContext,
    ExecutionResult,
    GraphQLError,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    validate,
)
from graphql.validation import NoSchemaIntrospectionCustomRule, specified_rules

from orgchart.accounts.permissions import Actor
from orgchart.core import memo

from .limits import check_cost

log = logging.getLogger("orgchart.api")

# Codes of errors caused by the request itself (bad argument, unknown code, over a limit). They also
# carry the conventional `classification: ValidationError`, so generic GraphQL tooling (schemathesis,
# clients) tells them from server failures; "forbidden" is an authorisation answer.
CLIENT_CODES = {"not_found", "invalid", "conflict", "limit_exceeded", "query_too_costly"}


class SyncExecutionContext(ExecutionContext):
    """Every resolver here is synchronous: skip graphql-core's awaitable test on each value."""

    is_awaitable = staticmethod(lambda value: False)


@lru_cache(maxsize=512)
def prepare(query: str, introspection: bool) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    """Parse and validate a query once per (query text, introspection allowed): the standard rules,
    the depth limit and, for anonymous callers in production, no introspection. Clients send the
    same few documents again and again, so this saves most of the per-request overhead."""
    try:
        document = parse(query)
    except GraphQLError as e:
        return None, (e,)
    # validate() replaces the standard rules with the ones given: keep them all.
    rules = [*specified_rules, depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH)]
    if not introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    from .schema import schema

    return document, tuple(validate(schema.graphql_schema, document, rules, max_errors=50))


class OrgchartGraphQLView(GraphQLView):
    graphiql = True

    def dispatch(self, request, *args, **kwargs):
        with memo.request_scope():
            return super().dispatch(request, *args, **kwargs)

    def execute_graphql_request(self, request, data, query, variables, operation_name, show_graphiql=False):
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        if not isinstance(query, str):
            return ExecutionResult(errors=[GraphQLError("query must be a string")])
        if variables is not None and not isinstance(variables, dict):
            return ExecutionResult(errors=[GraphQLError("variables must be a JSON object")])
        introspection = settings.DEBUG or Actor.from_request(request).authenticated
        document, errors = prepare(query, introspection)
        if errors:
            return ExecutionResult(errors=list(errors))
        error = check_cost(document, operation_name, variables)
        if error is not None:
            return ExecutionResult(errors=[error])
        operation = get_operation_ast(document, operation_name)
        if request.method.lower() == "get" and operation is not None and operation.operation != OperationType.QUERY:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseNotAllowed(["POST"], "Mutations need a POST request."))
        try:
            return execute(
                self.schema.graphql_schema, document, root_value=self.get_root_value(request),
                context_value=self.get_context(request), variable_values=variables, operation_name=operation_name,
                middleware=self.get_middleware(request), execution_context_class=SyncExecutionContext,
            )
        except Exception as e:  # noqa: BLE001 — reported as a GraphQL error, never a 500
            return ExecutionResult(errors=[e])

    @staticmethod
    def format_error(error):
        formatted = GraphQLView.format_error(error)
        original = getattr(error, "original_error", None)
        if original is not None and not isinstance(original, GraphQLError):
            # An unexpected exception inside a resolver: log it, answer without internals.
            log.error("GraphQL resolver error", exc_info=(type(original), original, original.__traceback__))
            formatted["message"] = "Lỗi nội bộ khi xử lý yêu cầu (internal error)"
            formatted["extensions"] = {"code": "internal", "classification": "INTERNAL_SERVER_ERROR"}
        elif not isinstance(error, GraphQLError):
            log.error("GraphQL error", exc_info=(type(error), error, error.__traceback__))
            formatted = {"message": "Lỗi nội bộ khi xử lý yêu cầu (internal error)",
                         "extensions": {"code": "internal", "classification": "INTERNAL_SERVER_ERROR"}}
        extensions = formatted.get("extensions") or {}
        if extensions.get("code") in CLIENT_CODES:
            formatted["extensions"] = {**extensions, "classification": "ValidationError"}
        return formatted


graphql_view = csrf_exempt(OrgchartGraphQLView.as_view())
