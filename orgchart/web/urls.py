from django.contrib.auth import views as auth_views
from django.urls import path

from . import eligibility_view, staffing_view, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("co-quan/", views.agency_tree, name="agency_tree"),
    path("co-quan/<str:code>/", views.agency_detail, name="agency_detail"),
    path("co-quan/<str:code>/bien-che/", staffing_view.agency_staffing, name="agency_staffing"),
    path("can-bo/<str:code>/", views.official_detail, name="official_detail"),
    path("tim-kiem/", views.search, name="search"),
    # Any active user with a role signs in here (the admin login only admits staff accounts).
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
         name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="web:home"), name="logout"),
    path("kiem-tra-bo-nhiem/", eligibility_view.eligibility_check, name="eligibility"),
]
