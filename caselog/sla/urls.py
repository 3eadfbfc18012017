from django.urls import path

from caselog.sla import views

app_name = "sla"
urlpatterns = [
    path("calendars/", views.calendar_list, name="calendar_list"),
    path("calendars/<int:pk>/", views.calendar_detail, name="calendar_detail"),
    path("calendars/<int:pk>/hours/", views.calendar_hours, name="calendar_hours"),
    path("calendars/<int:pk>/closures/", views.closure_add, name="closure_add"),
    path("calendars/<int:pk>/closures/<int:closure_id>/delete/", views.closure_delete, name="closure_delete"),
    path("calendars/<int:pk>/exceptions/", views.exception_add, name="exception_add"),
    path("calendars/<int:pk>/import/", views.ical_import, name="ical_import"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/<int:pk>/targets/", views.policy_target, name="policy_target"),
]
