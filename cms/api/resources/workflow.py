"""GET …/@workflow and POST …/@workflow/<transition>: review state, history and transitions.

The transition runs through cms.workflow.services, the same actions the admin uses.
"""

from django.http import JsonResponse
from ninja import Body, Router

from cms.api.auth import optional_token, required_token
from cms.api.components import history_entry, workflow_component
from cms.api.errors import ApiError
from cms.api.schemas import ERRORS, TransitionIn, TransitionOut, WorkflowOut
from cms.api.traversal import resolve
from cms.workflow import services as workflow

router = Router(tags=["workflow"])
GET_RESPONSES = {200: WorkflowOut, **ERRORS}
POST_RESPONSES = {200: TransitionOut, **ERRORS}
OPTIONAL_BODY = Body(None, description='可选：{"comment": "审核意见"}')


def _json(data: dict) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _transition(request, path: str, transition: str, payload: TransitionIn | None) -> JsonResponse:
    resolved = resolve(request, path)
    comment = payload.comment if payload is not None else ""
    try:
        state = workflow.perform_transition(resolved.page, request.user, transition, comment=comment)
    except workflow.TransitionForbidden as exc:
        raise ApiError(403, "Forbidden", exc.message)
    except workflow.TransitionError as exc:
        raise ApiError(400, "BadRequest", exc.message)
    history = workflow.workflow_history(resolved.page)
    return _json(
        {
            "@id": f"{resolved.ctx.content_url(resolved.page)}/@workflow",
            "action": transition,
            "review_state": state,
            "history_entry": history_entry(history[-1]) if history else None,
        }
    )


@router.get("/@workflow", response=GET_RESPONSES, auth=optional_token, summary="首页审核状态", by_alias=True)
def site_root_workflow_get(request):
    return _json(workflow_component(resolve(request, "")))


@router.get("/{path:path}/@workflow", response=GET_RESPONSES, auth=optional_token, summary="审核状态", by_alias=True)
def workflow_get(request, path: str):
    """State for everyone; history and the transitions the caller may perform for editors."""
    return _json(workflow_component(resolve(request, path)))


@router.post(
    "/@workflow/{transition}", response=POST_RESPONSES, auth=required_token, summary="首页审核操作", by_alias=True
)
def site_root_workflow_post(request, transition: str, payload: TransitionIn = OPTIONAL_BODY):
    return _transition(request, "", transition, payload)


@router.post(
    "/{path:path}/@workflow/{transition}",
    response=POST_RESPONSES,
    auth=required_token,
    summary="审核操作",
    by_alias=True,
)
def workflow_post(request, path: str, transition: str, payload: TransitionIn = OPTIONAL_BODY):
    """Perform a transition (submit, approve, reject, retract) with an optional comment."""
    return _transition(request, path, transition, payload)
