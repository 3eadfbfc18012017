from django.urls import path

from caselog.cases import views

app_name = "cases"
urlpatterns = [
    path("support/", views.contact, name="contact"),
    path("support/sent/", views.contact_done, name="contact_done"),
    path("my/cases/", views.my_cases, name="my_cases"),
    path("my/cases/<str:number>/", views.my_case, name="my_case"),
    path("follow/<str:token>/", views.guest_case, name="guest_case"),
    path("support/suggestions/", views.contact_suggest, name="contact_suggest"),
    path("support/solved/", views.contact_deflect, name="contact_deflect"),
]
