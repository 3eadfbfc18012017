from django.urls import path

from caselog.store import views

app_name = "store"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("items/<int:item_id>/buy/", views.buy, name="buy"),
    path("purchases/", views.purchases, name="purchases"),
    path("console/<str:number>/hold/", views.hold_place, name="hold_place"),
    path("console/<str:number>/refund/<str:order_number>/", views.refund, name="refund"),
    path("console/<str:number>/reactivate/", views.reactivate, name="reactivate"),
    path("console/<str:number>/account/verify/", views.identity_start, name="identity_start"),
    path("console/<str:number>/account/verify/code/", views.identity_confirm, name="identity_confirm"),
    path("console/<str:number>/account/unlock/", views.account_unlock, name="account_unlock"),
    path("console/<str:number>/account/reset-link/", views.account_reset_link, name="account_reset_link"),
    path("console/<str:number>/account/revert/", views.account_revert, name="account_revert"),
    path("console/<str:number>/account/email/", views.account_email, name="account_email"),
]
