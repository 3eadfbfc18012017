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
    path("console/lookup/", views.lookup, name="lookup"),
    path("console/customers/<int:pk>/", views.console_customer, name="console_customer"),
    path("console/customers/<int:pk>/services/", views.console_customer_service, name="console_customer_service"),
    path("console/devices/<str:serial>/", views.console_device, name="console_device"),
    path(
        "console/devices/<str:serial>/receipts/<int:pk>/", views.console_receipt_review, name="console_receipt_review"
    ),
    path(
        "console/devices/<str:serial>/diagnostics/request/",
        views.console_diagnostics_request,
        name="console_diagnostics_request",
    ),
]
