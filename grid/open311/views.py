"""Thin views of GeoReport v2; every failure is answered with the spec's error list, never a 500 page."""

from __future__ import annotations

import functools
import json
import logging

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from cms.core.context_processors import _township_for
from grid.open311.errors import Open311Error
from grid.open311.intake import authenticate_api_key, receive_posted_request, service_notice, token_lookup
from grid.open311.renderers import render, render_error
from grid.open311.selectors import active_services, find_request, find_requests, parse_request_query
from grid.open311.serializers import request_element, service_element

logger = logging.getLogger(__name__)


def open311_view(*methods: str):
    """Allow only these methods, find the township, and turn Open311Error (and any crash) into the error list."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, fmt: str = "json", **kwargs) -> HttpResponse:
            try:
                if request.method not in methods:
                    raise Open311Error(405, f"不支持 {request.method} 方法")
                township = _township_for(request)
                if township is None:
                    raise Open311Error(404, "未找到本站点对应的乡镇（jurisdiction）")
                return view(request, township, *args, fmt=fmt, **kwargs)
            except Open311Error as exc:
                return render_error(exc.status, exc.description, fmt=fmt)
            except Exception:
                logger.exception("Open311 error on %s %s", request.method, request.path)
                return render_error(500, "服务器内部错误，请稍后再试", fmt=fmt)

        return csrf_exempt(wrapper)

    return decorate


@open311_view("GET")
def services(request: HttpRequest, township, *, fmt: str) -> HttpResponse:
    rows = [service_element(category) for category in active_services(township.pk)]
    return render(rows, fmt=fmt, root="services", item="service")


def _post_params(request: HttpRequest) -> QueryDict | dict:
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise Open311Error(400, "请求体不是有效的 JSON") from None
        if not isinstance(body, dict):
            raise Open311Error(400, "请求体应为 JSON 对象")
        return body
    return request.POST


@open311_view("GET", "POST")
def requests(request: HttpRequest, township, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        params = _post_params(request)
        user = authenticate_api_key(params.get("api_key") or request.GET.get("api_key"))
        appeal = receive_posted_request(township=township, user=user, params=params)
        row = {"service_request_id": appeal.serial, "service_notice": service_notice(appeal), "account_id": None}
        return render([row], fmt=fmt, root="service_requests", item="request", status=201)
    query = parse_request_query(request.GET)
    today = timezone.localdate()
    rows = [request_element(appeal, today=today) for appeal in find_requests(township.pk, query)]
    return render(rows, fmt=fmt, root="service_requests", item="request")


@open311_view("GET")
def request_detail(request: HttpRequest, township, service_request_id: str, *, fmt: str) -> HttpResponse:
    appeal = find_request(township.pk, service_request_id)
    return render([request_element(appeal)], fmt=fmt, root="service_requests", item="request")


@open311_view("GET")
def token_detail(request: HttpRequest, township, token: str, *, fmt: str) -> HttpResponse:
    appeal = token_lookup(township.pk, token)
    row = {"service_request_id": appeal.serial, "token": token}
    return render([row], fmt=fmt, root="service_requests", item="request")


@csrf_exempt
def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Any other path under /open311/v2/ (an unknown resource or format): the 404 error list."""
    fmt = "xml" if request.path.endswith(".xml") else "json"
    return render_error(
        404, "未找到该接口；可用：services、requests、requests/{id}、tokens/{id}（.json 或 .xml）", fmt=fmt
    )
