from django.urls import path

from caselog.workforce import views

app_name = "workforce"
urlpatterns = [
    path("", views.index, name="index"),
    path("volume/", views.volume, name="volume"),
    path("releases/", views.releases, name="releases"),
    path("releases/<int:pk>/delete/", views.release_delete, name="release_delete"),
    path("departments/<int:department_id>/forecast/", views.forecast, name="forecast"),
    path("departments/<int:department_id>/policy/", views.policy, name="policy"),
    path("departments/<int:department_id>/schedules/", views.schedules, name="schedules"),
    path("departments/<int:department_id>/dashboard/", views.dashboard, name="dashboard"),
    path("schedules/<int:pk>/", views.schedule, name="schedule"),
    path("schedules/<int:pk>/shift/", views.shift_set, name="shift_set"),
    path("schedules/<int:pk>/publish/", views.schedule_publish, name="schedule_publish"),
    path("my/", views.my_schedule, name="my_schedule"),
    path("my/wishes/<int:pk>/delete/", views.wish_delete, name="wish_delete"),
]
