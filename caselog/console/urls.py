"""Every /console/... page: the agent's queue, the case page with its panels, customer and device
pages, look-up, the panels' actions and the screen pop. Mounted at the root."""

from django.urls import URLPattern, URLResolver

app_name = "console"
urlpatterns: list[URLPattern | URLResolver] = []
