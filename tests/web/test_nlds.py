"""NL Design System: the vendored Utrecht CSS and its update script, and the component classes on forms."""

import base64
import hashlib
import importlib.util
import io
import tarfile
from pathlib import Path

import pytest
from django import forms

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "ineen" / "static" / "vendor" / "utrecht"


def load_vendor_script():
    spec = importlib.util.spec_from_file_location("vendor_nlds", ROOT / "scripts" / "vendor_nlds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vendored_files_name_package_version_licence_and_sha():
    version = (VENDOR / "VERSION").read_text()
    assert "package: @utrecht/component-library-css" in version
    assert "licence: EUPL-1.2" in version
    assert "sha512: " in version
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (VENDOR / "LICENSE.md").read_text()
    css = (VENDOR / "utrecht.css").read_text()
    assert ".utrecht-button--primary-action" in css
    # Components only: no @import of another stylesheet, no font or image from another host.
    assert "@import" not in css
    assert "http://" not in css.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in css


def test_integrity_is_checked_before_anything_is_written():
    vendor = load_vendor_script()
    data = b"a tarball"
    good = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    assert vendor.verify_integrity(data, good) == hashlib.sha512(data).hexdigest()
    with pytest.raises(SystemExit):
        vendor.verify_integrity(data + b"!", good)
    with pytest.raises(SystemExit):
        vendor.verify_integrity(data, "sha1-" + base64.b64encode(hashlib.sha1(data).digest()).decode())  # noqa: S324


def test_only_the_css_and_the_licence_are_extracted():
    vendor = load_vendor_script()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in {
            "package/dist/index.css": b".utrecht-button{}",
            "package/LICENSE.md": b"EUPL",
            "package/dist/prince-xml.css": b"x",
            "package/package.json": b"{}",
        }.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    assert vendor.extract(buffer.getvalue()) == {"utrecht.css": b".utrecht-button{}", "LICENSE.md": b"EUPL"}


def test_http_is_refused():
    with pytest.raises(SystemExit):
        load_vendor_script().fetch("http://registry.npmjs.org/")


class Example(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals het team het noemt")
    text = forms.CharField(label="Tekst", widget=forms.Textarea)
    kind = forms.ChoiceField(label="Soort", choices=[("a", "A"), ("b", "B")])
    way = forms.ChoiceField(label="Manier", choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)
    agree = forms.BooleanField(label="Akkoord")
    custom = forms.CharField(label="Eigen", widget=forms.TextInput(attrs={"class": "ineen-own"}))
    secret = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["later"] = forms.ChoiceField(label="Later", choices=[("1", "1")])  # added after __init__


def test_widgets_labels_descriptions_and_errors_carry_utrecht_classes():
    form = Example(data={})
    html = "".join(str(form[name].as_field_group()) for name in form.fields)
    assert 'class="utrecht-textbox utrecht-textbox--html-input"' in html
    assert 'class="utrecht-textarea utrecht-textarea--html-textarea"' in html
    assert html.count('class="utrecht-select utrecht-select--html-select"') == 2  # also the later field
    assert 'class="utrecht-radio-button utrecht-radio-button--html-input"' in html
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in html
    assert 'class="ineen-own"' in html  # a widget's own class is kept
    assert 'type="hidden" name="secret" id="id_secret"' in html or 'name="secret"' in html
    assert 'class="utrecht-form-label"' in html
    assert 'class="utrecht-form-label utrecht-form-label--checkbox"' in html
    assert 'class="helptext utrecht-form-field-description"' in html
    assert 'class="errorlist utrecht-form-field-error-message"' in html
    assert (
        '<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--invalid"'
        in html
    )
    assert 'class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend"' in html


@pytest.mark.django_db
def test_pages_load_the_components_then_the_theme_then_ineen(client):
    html = client.get("/accounts/login/").content.decode()
    vendor, theme, own = (
        html.index(f"/static/{name}") for name in ("vendor/utrecht/utrecht.css", "ineen/theme.css", "ineen/ineen.css")
    )
    assert vendor < theme < own
    assert 'class="ineen-theme"' in html
    assert "utrecht-skip-link" in html
    assert "nl-button" not in html
