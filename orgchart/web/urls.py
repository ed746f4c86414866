from django.contrib.auth import views as auth_views
from django.urls import path

from . import (
    chart_view,
    eligibility_view,
    overlaps_view,
    schedule_view,
    simulator_view,
    staffing_view,
    suggest_view,
    views,
)

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("co-quan/", views.agency_tree, name="agency_tree"),
    path("co-quan/<str:code>/", views.agency_detail, name="agency_detail"),
    path("co-quan/<str:code>/bien-che/", staffing_view.agency_staffing, name="agency_staffing"),
    path("bien-che/", staffing_view.staffing_home, name="staffing_home"),
    path("so-do/", chart_view.org_chart, name="org_chart"),
    path("dau-moi/", schedule_view.counts, name="structure_counts"),
    path("sap-xep/", simulator_view.simulator, name="simulator"),
    path("sap-xep/lich/", schedule_view.calendar, name="schedule"),
    path("sap-xep/lich/them/", simulator_view.schedule, name="schedule_create"),
    path("sap-xep/lich/<int:pk>/huy/", schedule_view.cancel, name="schedule_cancel"),
    path("chong-cheo/", overlaps_view.overlap_list, name="overlaps"),
    path("chong-cheo/<int:pk>/", overlaps_view.overlap_detail, name="overlap_detail"),
    path("chong-cheo/<int:pk>/ra-soat/", overlaps_view.overlap_review, name="overlap_review"),
    path("can-bo/<str:code>/", views.official_detail, name="official_detail"),
    path("tim-kiem/", views.search, name="search"),
    path("goi-y/", suggest_view.suggest, name="suggest"),
    # Any active user with a role signs in here (the admin login only admits staff accounts).
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
         name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="web:home"), name="logout"),
    path("kiem-tra-bo-nhiem/", eligibility_view.eligibility_check, name="eligibility"),
    path("kiem-tra-bo-nhiem/bo-nhiem/", eligibility_view.appoint, name="appoint"),
]
