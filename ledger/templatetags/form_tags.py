"""Render any Django form field with Bootstrap's classes, errors included."""

import secrets

from django import forms, template
from django.utils.html import format_html

ONCE_FIELD = "once"  # ledger.views.once.FIELD

register = template.Library()


@register.filter
def bootstrap(field):
    """The field's widget with `form-control`/`form-select`, plus `is-invalid` when it has errors."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {css}".strip()})


@register.simple_tag
def form_once():
    """A create form's one-time token (issue 24): a second POST with it saves nothing."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', ONCE_FIELD, secrets.token_urlsafe(24)
    )
