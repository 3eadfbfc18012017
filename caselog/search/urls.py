from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("api/suggest", views.api_suggest_moved, name="api_suggest"),
    path("search/suggest/", views.suggest_partial, name="suggest"),
    path("search/feedback/", views.feedback_moved, name="feedback"),
    path("search/gaps/", views.gaps, name="gaps"),
]
