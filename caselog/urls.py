from django.contrib import admin
from django.urls import include, path

from caselog.knowledge import views as knowledge_views

urlpatterns = [
    path("", knowledge_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("caselog.accounts.urls")),
    path("help/", include("caselog.knowledge.urls")),
    path("", include("caselog.search.urls")),
    path("", include("caselog.console.urls")),
    path("", include("caselog.cases.urls")),
    path("", include("caselog.devices.urls")),
    path("", include("caselog.api.urls")),
    path("store/", include("caselog.store.urls")),
    path("community/", include("caselog.community.urls")),
    path("repairs/", include("caselog.repairs.urls")),
    path("mail/", include("caselog.mail.urls")),
    path("sla/", include("caselog.sla.urls")),
    path("audit/", include("caselog.audit.urls")),
    path("workforce/", include("caselog.workforce.urls")),
]
