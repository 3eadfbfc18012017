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
    path("console/", views.console, name="console"),
    path("console/new/", views.console_new_case, name="console_new_case"),
    path("console/suggestions/", views.console_suggest, name="console_suggest"),
    path("console/cases/<str:number>/", views.console_case, name="console_case"),
    path("console/cases/<str:number>/reply/", views.console_reply, name="console_reply"),
    path("console/cases/<str:number>/note/", views.console_note, name="console_note"),
    path("console/cases/<str:number>/status/", views.console_status, name="console_status"),
    path("console/cases/<str:number>/assign/", views.console_assign, name="console_assign"),
    path("console/cases/<str:number>/solved-by/", views.console_solved_by, name="console_solved_by"),
    path("console/cases/<str:number>/call/", views.console_call_start, name="console_call_start"),
    path("console/cases/<str:number>/call/<int:call_id>/end/", views.console_call_end, name="console_call_end"),
]
