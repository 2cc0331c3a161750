"""Render any Django form field with Bootstrap's classes, errors included."""

from django import forms, template

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
