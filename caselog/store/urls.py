from django.urls import path

from caselog.store import views

app_name = "store"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("items/<int:item_id>/buy/", views.buy, name="buy"),
    path("purchases/", views.purchases, name="purchases"),
]
