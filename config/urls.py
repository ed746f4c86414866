from django.contrib import admin
from django.urls import include, path

from orgchart.api.views import graphql_view

admin.site.site_header = "orgchart — Quản trị tổ chức bộ máy và biên chế"
admin.site.site_title = "orgchart"
admin.site.index_title = "Quản trị"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("graphql/", graphql_view, name="graphql"),
    path("", include("orgchart.web.urls")),
]

handler403 = "orgchart.web.errors.forbidden"
handler404 = "orgchart.web.errors.not_found"
handler500 = "orgchart.web.errors.server_error"
