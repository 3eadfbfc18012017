from django.urls import path

from caselog.repairs import views

app_name = "repairs"
urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("mine/<str:number>/", views.mine_detail, name="mine_detail"),
    path("mine/<str:number>/quote/", views.mine_quote, name="mine_quote"),
    path("mine/<str:number>/book/", views.mine_book, name="mine_book"),
    path("walk-in/", views.walk_in, name="walk_in"),
    path("queue/", views.queue, name="queue"),
    path("orders/<str:number>/", views.order, name="order"),
    path("orders/<str:number>/transition/", views.transition, name="transition"),
    path("orders/<str:number>/diagnosis/", views.diagnosis, name="diagnosis"),
    path("orders/<str:number>/parts/", views.part_add, name="part_add"),
    path("orders/<str:number>/courier/", views.courier_book, name="courier_book"),
    path("orders/<str:number>/courier/<int:leg_id>/", views.courier_advance, name="courier_advance"),
    path("orders/<str:number>/book/", views.order_book, name="order_book"),
    path("stock/", views.stock, name="stock"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
