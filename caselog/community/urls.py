from django.urls import path

from caselog.community import views

app_name = "community"
urlpatterns = [
    path("", views.index, name="index"),
    path("suggest/", views.suggest, name="suggest"),
    path("deflect/", views.deflect, name="deflect"),
    path("s/<slug:slug>/", views.section, name="section"),
    path("s/<slug:slug>/new/", views.thread_new, name="thread_new"),
    path("t/<int:pk>/", views.thread, name="thread"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("t/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("t/<int:pk>/case/", views.to_case, name="to_case"),
    path("t/<int:pk>/article/", views.to_article, name="to_article"),
    path("t/<int:pk>/report/", views.report, name="report"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("vote/<str:kind>/<int:pk>/", views.vote, name="vote"),
    path("r/<int:pk>/accept/", views.accept, name="accept"),
    path("r/<int:pk>/pin/", views.pin, name="pin"),
    path("r/<int:pk>/moderate/", views.reply_moderate, name="reply_moderate"),
]
