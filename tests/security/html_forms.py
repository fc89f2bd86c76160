"""Read the forms of a rendered page the way a browser submits them, for tests that post into every field
(test_junk_input.py). Standard library only: html.parser, no browser."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .test_matrix import CLOSED_CASE, CLOSED_ROLES, MATRIX, ROLES, _closed


@dataclass
class Field:
    name: str
    kind: str  # input type ("text", "hidden", "number", "checkbox", ...), "select", "textarea" or "button"
    value: str = ""  # what the browser submits for it as rendered (checkbox/radio: its value when checked)
    checked: bool = False
    options: list = field(default_factory=list)  # select: the option values
    multiple: bool = False
    has_value: bool = True  # checkbox/radio: a value attribute, even value="", is sent as is; none sends "on"

    def submitted(self):
        return self.value if self.has_value else "on"


@dataclass
class Form:
    action: str  # the path the form posts to
    method: str
    enctype: str
    fields: list = field(default_factory=list)

    def names(self):
        return list(dict.fromkeys(f.name for f in self.fields))

    def data(self):
        """{name: [values]} as a browser would submit the form untouched, pressing its first submit button
        (file inputs are left out: the caller adds a file where the form needs one)."""
        data = {}
        pressed = False
        for f in self.fields:
            if f.kind in ("checkbox", "radio"):
                if f.checked:
                    data.setdefault(f.name, []).append(f.submitted())
                else:
                    data.setdefault(f.name, [])
            elif f.kind == "button":
                if not pressed:
                    data.setdefault(f.name, []).append(f.value)
                    pressed = True
            elif f.kind in ("file", "reset", "image"):
                continue
            elif f.kind == "select":
                data.setdefault(f.name, []).extend(f.value if f.multiple else [f.value])
            else:
                data.setdefault(f.name, []).append(f.value)
        # A radio group with nothing checked submits nothing; a browser's user would pick one: take the first.
        for f in self.fields:
            if f.kind == "radio" and not data.get(f.name):
                data[f.name] = [f.submitted()]
        return {name: values for name, values in data.items() if values or self._is_checkbox(name)}

    def _is_checkbox(self, name):
        return any(f.name == name and f.kind == "checkbox" for f in self.fields)

    def field(self, name):
        return next(f for f in self.fields if f.name == name)

    def has_file(self):
        return any(f.kind == "file" for f in self.fields)


class _Parser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms = []
        self.form = None
        self.select = None
        self.option = None  # [value or None, text, selected]
        self.textarea = None
        self.in_template = 0  # inside <template>: a pattern for scripts (a formset's empty row), never sent

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "template":
            self.in_template += 1
        elif tag == "form":
            action = urlsplit(urljoin(self.page_url, a.get("action") or self.page_url)).path
            self.form = Form(action, (a.get("method") or "get").lower(), a.get("enctype", ""))
            self.forms.append(self.form)
        elif self.form is None or self.in_template or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind == "submit":
                kind = "button"
            self.form.fields.append(
                Field(a["name"], kind, a.get("value", ""), checked="checked" in a, has_value="value" in a)
            )
        elif tag == "button" and a.get("name") and (a.get("type") or "submit").lower() == "submit":
            self.form.fields.append(Field(a["name"], "button", a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self.select = Field(a["name"], "select", multiple="multiple" in a)
            self.select.value = [] if self.select.multiple else None
            self.form.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self._end_option()
            self.option = [a.get("value"), "", "selected" in a]
        elif tag == "textarea" and a.get("name"):
            self.textarea = Field(a["name"], "textarea")
            self.form.fields.append(self.textarea)

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data
        elif self.textarea is not None:
            self.textarea.value += data

    def _end_option(self):
        if self.option is None:
            return
        value, text, selected = self.option
        value = text.strip() if value is None else value
        self.select.options.append(value)
        if selected:
            if self.select.multiple:
                self.select.value.append(value)
            else:
                self.select.value = value
        self.option = None

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template = max(0, self.in_template - 1)
        elif tag == "option":
            self._end_option()
        elif tag == "select" and self.select is not None:
            self._end_option()
            if not self.select.multiple and self.select.value is None:
                self.select.value = self.select.options[0] if self.select.options else ""
            self.select = None
        elif tag == "textarea":
            if self.textarea is not None and self.textarea.value.startswith("\n"):
                self.textarea.value = self.textarea.value[1:]  # HTML drops the newline right after <textarea>
            self.textarea = None
        elif tag == "form":
            self.form = None


def forms_of(html, page_url):
    """The forms of a page, each with the path it posts to."""
    parser = _Parser(page_url)
    parser.feed(html)
    parser.close()
    return parser.forms


def allowed_roles(route, method):
    """The roles of the cast the authorization matrix allows this method on this route (its 'A' cells)."""
    row = MATRIX[route].get(method)
    if row is None:
        return []
    return [role for role, cell in zip(ROLES, row.split(), strict=True) if cell == "A"]


def posting_role(route):
    """(role, prepare): the first role the matrix allows to post to the route, and the state it posts in
    (None: the matrix's open case). A route no one may post to on an open case, only on a closed one (the
    follow-up check after closure), is posted to on the closed case by the first role CLOSED_CASE allows."""
    roles = allowed_roles(route, "POST")
    if roles:
        return roles[0], None
    row = CLOSED_CASE[(route, "POST")]
    return next(role for role, cell in zip(CLOSED_ROLES, row.split(), strict=True) if cell == "A"), _closed
