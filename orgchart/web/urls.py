from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("co-quan/", views.agency_tree, name="agency_tree"),
    path("co-quan/<str:code>/", views.agency_detail, name="agency_detail"),
    path("can-bo/<str:code>/", views.official_detail, name="official_detail"),
    path("tim-kiem/", views.search, name="search"),
]
