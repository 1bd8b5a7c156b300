"""The admin edit form of a service guide: refuses the publish action while the guide is incomplete."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminPageForm

from cms.guides.completeness import RELATED_ELEMENTS, REQUIRED_ELEMENTS, incomplete_message, missing_from_values


def _live_rows(formset) -> int:
    """Rows of an inline formset that will exist after saving (named, not deleted)."""
    count = 0
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get("DELETE") or not str(data.get("name") or "").strip():
            continue
        count += 1
    return count


class ServiceGuidePageForm(WagtailAdminPageForm):
    """Drafts may be incomplete; "发布" (or approving in the edit view) needs all 8 required categories.

    The publish guard on ServiceGuidePage.publish() covers every other path (workflow,
    API, bulk actions, scheduled publishing); this form only makes the admin say it
    next to the fields instead of after the save.
    """

    def is_publishing(self) -> bool:
        data = self.data or {}
        if "action-publish" in data:
            return self._user_can_publish()
        return "action-workflow-action" in data and data.get("workflow-action-name") == "approve"

    def _user_can_publish(self) -> bool:
        user = getattr(self, "for_user", None)
        if user is None:
            return True
        if self.instance.pk:
            return self.instance.permissions_for_user(user).can_publish()
        parent = getattr(self, "parent_page", None)
        return parent is None or parent.permissions_for_user(user).can_publish_subpage()

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid or not self.is_publishing():
            return valid
        values = {attr: self.cleaned_data.get(attr) for attr, _ in REQUIRED_ELEMENTS if attr not in RELATED_ELEMENTS}
        missing = missing_from_values(
            values,
            material_count=_live_rows(self.formsets["materials"]) if "materials" in self.formsets else 0,
            step_count=_live_rows(self.formsets["steps"]) if "steps" in self.formsets else 0,
        )
        if missing:
            self.add_error(None, incomplete_message(missing))
            return False
        return True
