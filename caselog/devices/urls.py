from django.urls import URLPattern, path

from caselog.devices import views

app_name = "devices"
urlpatterns: list[URLPattern] = [
    path("coverage/", views.coverage_check, name="coverage"),
    path("coverage/check.json", views.coverage_check_json_moved, name="coverage_json"),
    path("my/devices/", views.my_devices, name="my_devices"),
    path("my/devices/<str:serial>/", views.my_device, name="my_device"),
    path("my/diagnostics/<int:pk>/consent/", views.diagnostics_consent, name="diagnostics_consent"),
    path("my/accessibility/", views.accessibility, name="accessibility"),
    path("receipts/<int:pk>/file/", views.receipt_file, name="receipt_file"),
]
