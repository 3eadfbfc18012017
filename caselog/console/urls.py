"""Every /console/... page: the agent's queue, the case page with its panels, customer and device
pages, look-up, the panels' actions and the screen pop. Mounted at the root."""

from django.urls import URLPattern, URLResolver, path

from caselog.console import views

app_name = "console"
urlpatterns: list[URLPattern | URLResolver] = [
    # The queue and the case page (cases)
    path("console/", views.console, name="queue"),
    path("console/new/", views.console_new_case, name="case_new"),
    path("console/suggestions/", views.console_suggest, name="suggest"),
    path("console/cases/<str:number>/", views.console_case, name="case"),
    path("console/cases/<str:number>/reply/", views.console_reply, name="case_reply"),
    path("console/cases/<str:number>/note/", views.console_note, name="case_note"),
    path("console/cases/<str:number>/status/", views.console_status, name="case_status"),
    path("console/cases/<str:number>/assign/", views.console_assign, name="case_assign"),
    path("console/cases/<str:number>/solved-by/", views.console_solved_by, name="case_solved_by"),
    path("console/cases/<str:number>/call/", views.console_call_start, name="call_start"),
    path("console/cases/<str:number>/call/<int:call_id>/end/", views.console_call_end, name="call_end"),
]
