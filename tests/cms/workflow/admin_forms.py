"""Read a rendered admin form back into POST data, the way a browser would submit it."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    """Collects the successful controls of every <form> in a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_multiple = False
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"attrs": attrs, "data": []}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._form["data"].append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self._form["data"].append((name, ""))
        elif tag == "select" and name:
            self._select = name
            self._select_multiple = "multiple" in attrs
            self._first_option: str | None = None
            self._selected_any = False
        elif tag == "option" and self._select:
            self._option_value = attrs.get("value")
            self._option_selected = "selected" in attrs
            self._option_text = ""

    def handle_data(self, data):
        if self._textarea is not None and self._form is not None:
            name, value = self._form["data"][-1]
            if not value and data.startswith("\n"):
                data = data[1:]  # as browsers do, drop the newline right after <textarea>
            self._form["data"][-1] = (name, value + data)
        if self._option_value is None and self._select and self._option_selected is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option" and self._select:
            value = self._option_value if self._option_value is not None else self._option_text.strip()
            if self._first_option is None:
                self._first_option = value
            if self._option_selected:
                self._form["data"].append((self._select, value))
                self._selected_any = True
            self._option_value = None
        elif tag == "select" and self._select:
            if not self._selected_any and not self._select_multiple and self._first_option is not None:
                self._form["data"].append((self._select, self._first_option))
            self._select = None


def form_data(html: str, *, action_contains: str) -> dict:
    """POST data of the form whose action contains ``action_contains`` (single values; lists for repeats)."""
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        if action_contains in (form["attrs"].get("action") or ""):
            data: dict = {}
            for name, value in form["data"]:
                if name in data:
                    previous = data[name]
                    data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
                else:
                    data[name] = value
            return data
    raise AssertionError(f"no form with action containing {action_contains!r}")
