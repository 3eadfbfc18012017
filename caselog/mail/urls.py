from django.urls import path

from caselog.mail import views

app_name = "mail"

urlpatterns = [
    path("quarantine/", views.quarantine, name="quarantine"),
    path("inbound/<int:pk>/", views.inbound_detail, name="inbound_detail"),
    path("inbound/<int:pk>/raw/", views.inbound_raw, name="inbound_raw"),
    path("inbound/<int:pk>/retry/", views.inbound_retry, name="inbound_retry"),
    path("inbound/<int:pk>/create-case/", views.inbound_create_case, name="inbound_create_case"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
