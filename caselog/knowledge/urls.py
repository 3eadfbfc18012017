from django.urls import URLPattern, path

from caselog.knowledge import views

app_name = "knowledge"
urlpatterns: list[URLPattern] = [
    path("", views.home, name="index"),
]
