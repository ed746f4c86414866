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
    path("kiem-tra-bo-nhiem/", eligibility_view.eligibility_check, name="eligibility"),
]
