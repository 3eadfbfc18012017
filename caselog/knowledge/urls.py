from django.urls import URLPattern, path

from caselog.knowledge import views

app_name = "knowledge"
urlpatterns: list[URLPattern] = [
    path("", views.home, name="index"),
    path("search/", views.search, name="search"),
    path("g/<slug:group_slug>/", views.group, name="group"),
    path("g/<slug:group_slug>/<slug:topic_slug>/", views.topic, name="topic"),
    path("a/<slug:slug>/", views.article, name="article"),
    path("a/<slug:slug>/<str:locale>/", views.article, name="article_locale"),
    path("a/<slug:slug>/<str:locale>/feedback/", views.feedback, name="feedback"),
    path("editor/", views.editor_list, name="editor"),
    path("editor/new/", views.article_new, name="article_new"),
    path("editor/preview/", views.preview, name="preview"),
    path("editor/<int:pk>/", views.editor_article, name="editor_article"),
    path("editor/<int:pk>/move/", views.article_move, name="article_move"),
    path("editor/<int:pk>/<str:locale>/", views.translation_edit, name="translation_edit"),
    path("editor/<int:pk>/<str:locale>/status/", views.transition, name="transition"),
    path("editor/<int:pk>/<str:locale>/versions/", views.versions, name="versions"),
    path("editor/<int:pk>/<str:locale>/versions/<int:number>/restore/", views.version_restore, name="version_restore"),
    path("stats/", views.stats_list, name="stats"),
    path("stats/<int:pk>/", views.stats_article, name="stats_article"),
]
