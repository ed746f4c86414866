"""`Authorization: Bearer TOKEN` → request.user; an invalid or expired token is answered 401."""
from django.http import JsonResponse

from .models import ApiToken


class BearerTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header:
            scheme, _, raw = header.partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                return self.unauthorized("Authorization header must be 'Bearer <token>'")
            user = ApiToken.authenticate(raw.strip())
            if user is None:
                return self.unauthorized("invalid, revoked or expired token")
            request.user = user
            request._dont_enforce_csrf_checks = True  # token requests carry no cookies
        return self.get_response(request)

    @staticmethod
    def unauthorized(message):
        response = JsonResponse({"errors": [{"message": message, "extensions": {"code": "unauthenticated"}}]}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="orgchart"'
        return response
