"""Shared form behaviour: NL Design System classes on widgets, an error summary, service errors."""

from __future__ import annotations

from django import forms

from doorleren.core.errors import ApplicationError

WIDGET_CLASSES = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.EmailInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--sm",
    forms.DateInput: "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--sm",
}


class ServiceErrorMixin:
    """NL Design System classes on every widget, an error summary (``web/includes/error_summary.html``)
    and ``ApplicationError``s of services shown on their field (``extra["field"]``) or the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_class, css in WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_class):
                    field.widget.attrs.setdefault("class", css)
                    break

    def add_service_error(self, error: ApplicationError, *, field: str | None = None) -> None:
        field = field or error.extra.get("field")
        self.add_error(field if field in self.fields else None, error.message)

    def error_summary(self) -> list[dict]:
        items = [{"anchor": "", "message": message} for message in self.non_field_errors()]
        for bound in self:
            multiple = isinstance(bound.field.widget, forms.RadioSelect)
            anchor = f"{bound.auto_id}_0" if multiple else bound.auto_id
            items.extend({"anchor": anchor, "message": message} for message in bound.errors)
        return items
