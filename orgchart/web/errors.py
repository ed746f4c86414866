"""Vietnamese error pages (403, 404, 500) — also when DEBUG is on, so the product never shows
Django's technical pages to its users (`VietnameseErrorsMiddleware`); the traceback of a 500
still goes to the server log."""
from django.shortcuts import render
from django.template import loader

MESSAGES = {
    403: ("Không có quyền truy cập", "Tài khoản của bạn không có quyền xem hoặc thực hiện chức năng này. Hồ sơ cá nhân "
          "chỉ dành cho người dùng có vai trò (quản trị, tổ chức bộ máy, cán bộ công chức, thanh tra kiểm toán), và với "
          "vai trò giới hạn theo cơ quan thì chỉ trong phạm vi cơ quan đó; liên hệ quản trị viên để được giao vai trò."),
    404: ("Không tìm thấy trang", "Địa chỉ không tồn tại, hoặc cơ quan, cán bộ, vị trí bạn tìm không có trong dữ liệu."),
    500: ("Lỗi máy chủ", "Hệ thống gặp lỗi khi xử lý yêu cầu. Lỗi đã được ghi lại; vui lòng thử lại sau."),
}


def page(request, status: int, detail: str = ""):
    title, text = MESSAGES[status]
    response = render(request, "web/errors/error.html", {"status": status, "title": title, "text": text,
                                                         "detail": detail}, status=status)
    response.orgchart_error_page = True
    return response


def _detail(exception) -> str:
    """The Vietnamese reason a view gave (PermissionDenied/Http404 message), never Django's own."""
    if exception is None or not exception.args:
        return ""
    text = str(exception.args[0])
    return text if text and any(ord(c) > 127 for c in text) else ""


def forbidden(request, exception=None):
    return page(request, 403, _detail(exception))


def not_found(request, exception=None):
    return page(request, 404, _detail(exception))


def server_error(request):
    try:
        return page(request, 500)
    except Exception:  # the error page must not fail in turn (e.g. the database is down)
        html = loader.get_template("web/errors/plain500.html").render()
        from django.http import HttpResponseServerError

        return HttpResponseServerError(html)


class VietnameseErrorsMiddleware:
    """With DEBUG on, Django answers 403/404/500 with its technical (English) pages; replace
    them by ours. API and static responses are left as they are."""

    SKIP = ("/graphql/", "/static/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code not in MESSAGES or getattr(response, "orgchart_error_page", False):
            return response
        if request.path.startswith(self.SKIP) or "html" not in response.get("Content-Type", ""):
            return response
        return page(request, response.status_code)
