"""Every /console/... page: the agent's queue, the case page with its panels, customer and device
pages, look-up, the panels' actions and the screen pop. Mounted at the root."""

from django.urls import URLPattern, URLResolver, path

from caselog.console.views import accounts, api, cases, devices, repairs, screen_pop, store

app_name = "console"
urlpatterns: list[URLPattern | URLResolver] = [
    # The queue and the case page (cases)
    path("console/", cases.console, name="queue"),
    path("console/new/", cases.console_new_case, name="case_new"),
    path("console/suggestions/", cases.console_suggest, name="suggest"),
    path("console/cases/<str:number>/", cases.console_case, name="case"),
    path("console/cases/<str:number>/reply/", cases.console_reply, name="case_reply"),
    path("console/cases/<str:number>/note/", cases.console_note, name="case_note"),
    path("console/cases/<str:number>/status/", cases.console_status, name="case_status"),
    path("console/cases/<str:number>/assign/", cases.console_assign, name="case_assign"),
    path("console/cases/<str:number>/solved-by/", cases.console_solved_by, name="case_solved_by"),
    path("console/cases/<str:number>/call/", cases.console_call_start, name="call_start"),
    path("console/cases/<str:number>/call/<int:call_id>/end/", cases.console_call_end, name="call_end"),
    # Customers and devices (devices)
    path("console/lookup/", devices.lookup, name="lookup"),
    path("console/customers/<int:pk>/", devices.console_customer, name="customer"),
    path("console/customers/<int:pk>/services/", devices.console_customer_service, name="customer_service"),
    path("console/devices/<str:serial>/", devices.console_device, name="device"),
    path("console/devices/<str:serial>/receipts/<int:pk>/", devices.console_receipt_review, name="receipt_review"),
    path(
        "console/devices/<str:serial>/diagnostics/request/",
        devices.console_diagnostics_request,
        name="diagnostics_request",
    ),
    # The store panel's actions (store)
    path("store/console/<str:number>/hold/", store.hold_place, name="hold_place"),
    path("store/console/<str:number>/refund/<str:order_number>/", store.refund, name="refund"),
    path("store/console/<str:number>/reactivate/", store.reactivate, name="reactivate"),
    # The account panel's actions (accounts)
    path("store/console/<str:number>/account/verify/", accounts.identity_start, name="identity_start"),
    path("store/console/<str:number>/account/verify/code/", accounts.identity_confirm, name="identity_confirm"),
    path("store/console/<str:number>/account/unlock/", accounts.account_unlock, name="account_unlock"),
    path("store/console/<str:number>/account/reset-link/", accounts.account_reset_link, name="account_reset_link"),
    path("store/console/<str:number>/account/revert/", accounts.account_revert, name="account_revert"),
    path("store/console/<str:number>/account/email/", accounts.account_email, name="account_email"),
    # The repair panel's action (repairs)
    path("repairs/console/<str:number>/escalate/", repairs.escalate, name="repair_escalate"),
    # The screen pop, API tokens and webhook endpoints (api)
    path("console/screen-pop/", screen_pop.screen_pop, name="screen_pop"),
    path("console/screen-pop/<int:pk>/dismiss/", screen_pop.screen_pop_dismiss, name="screen_pop_dismiss"),
    path("console/api-tokens/", api.token_list, name="api_token_list"),
    path("console/api-tokens/<int:pk>/revoke/", api.token_revoke, name="api_token_revoke"),
    path("console/webhooks/", api.webhook_list, name="webhook_list"),
    path("console/webhooks/<int:pk>/", api.webhook_detail, name="webhook_detail"),
    path("console/webhooks/<int:pk>/toggle/", api.webhook_toggle, name="webhook_toggle"),
    path("console/webhooks/<int:pk>/delete/", api.webhook_delete, name="webhook_delete"),
    path("console/webhooks/deliveries/<int:pk>/redeliver/", api.webhook_redeliver, name="webhook_redeliver"),
]
