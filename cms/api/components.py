"""The components of a content object (plone.restapi's @components): breadcrumbs, navigation, workflow.

Each is served on its own endpoint (…/@breadcrumbs, …/@navigation, …/@workflow) and
inlined in the content response on `expand=`; both use the builders below.
"""

from __future__ import annotations

from cms.api.errors import ApiError
from cms.api.serializers.base import jsonable
from cms.api.traversal import Resolved
from cms.api.visibility import public_children
from cms.workflow import services as workflow
from cms.workflow.actions import ACTIONS

COMPONENTS = ("breadcrumbs", "navigation", "workflow")


def parse_expand(expand: str | None) -> set[str]:
    """`expand=breadcrumbs,navigation` → the names; an unknown name is a 400."""
    names = {name.strip() for name in (expand or "").split(",") if name.strip()}
    unknown = sorted(names - set(COMPONENTS))
    if unknown:
        raise ApiError(
            400, "BadRequest", f"expand 参数中有未知组件：{'、'.join(unknown)}；可用组件：{'、'.join(COMPONENTS)}"
        )
    return names


def component_url(resolved: Resolved, name: str) -> str:
    return f"{resolved.ctx.content_url(resolved.page)}/@{name}"


def breadcrumbs(resolved: Resolved) -> dict:
    """The pages from below the site root down to this page (the root itself is `root`)."""
    ctx = resolved.ctx
    return {
        "@id": component_url(resolved, "breadcrumbs"),
        "root": ctx.content_url(ctx.root),
        "items": [{"@id": ctx.content_url(page), "title": page.title} for page in resolved.chain[1:]],
    }


def navigation(resolved: Resolved) -> dict:
    """The site's top level: the root's children the caller may see (one query)."""
    ctx = resolved.ctx
    children = ctx.root.get_children()
    if not ctx.editor:
        children = public_children(children)
    return {
        "@id": component_url(resolved, "navigation"),
        "items": [{"@id": ctx.content_url(page), "title": page.title} for page in children.order_by("path")],
    }


def workflow_component(resolved: Resolved) -> dict:
    """State, history and allowed transitions; the public sees the state only (as plone.restapi)."""
    page = resolved.page
    user = resolved.ctx.request.user
    base = component_url(resolved, "workflow")
    data = {"@id": base, "review_state": workflow.review_state(page), "history": [], "transitions": []}
    if not user.is_authenticated or not resolved.ctx.editor:
        return data
    data["history"] = [history_entry(entry) for entry in workflow.workflow_history(page)]
    data["transitions"] = [
        {"@id": f"{base}/{name}", "title": transition_title(name)} for name in workflow.allowed_transitions(page, user)
    ]
    return data


def transition_title(name: str) -> str:
    action = ACTIONS.get(name)
    return str(action.title) if action is not None else name


def history_entry(entry: dict) -> dict:
    return {key: jsonable(value) for key, value in entry.items()}


BUILDERS = {"breadcrumbs": breadcrumbs, "navigation": navigation, "workflow": workflow_component}


def components(resolved: Resolved, expand: set[str]) -> dict:
    """Expanded components inline, the others as links (plone.restapi's @components)."""
    return {
        name: BUILDERS[name](resolved) if name in expand else {"@id": component_url(resolved, name)}
        for name in COMPONENTS
    }
