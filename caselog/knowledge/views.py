from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from caselog.knowledge.selectors import product_group_list


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/home.html", {"product_groups": product_group_list()})
