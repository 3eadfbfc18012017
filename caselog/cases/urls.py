from django.urls import path

from caselog.cases import clock_views, views

app_name = "cases"
urlpatterns = [
    # Beside the sla app's calendar and policy pages, which link to it.
    path("sla/report/", clock_views.sla_report, name="sla_report"),
    path("support/", views.contact, name="contact"),
    path("support/sent/", views.contact_done, name="contact_done"),
    path("my/cases/", views.my_cases, name="my_cases"),
    path("my/cases/<str:number>/", views.my_case, name="my_case"),
    path("follow/<str:token>/", views.guest_case, name="guest_case"),
    path("support/suggestions/", views.contact_suggest, name="contact_suggest"),
    path("support/solved/", views.contact_deflect, name="contact_deflect"),
]
