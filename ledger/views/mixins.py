"""Small pieces the budget's class-based views share."""

import copy

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect

from ledger import access, services

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class BudgetMixin:
    """The view acts on the request's budget (`self.budget`, `self.member`).

    Reading needs any role; any other method needs one that writes (a viewer
    gets the 403 page, and nothing is stored). A page that is a form to change
    something (`writes = True`) needs a role that writes to be shown at all: a
    viewer gets the 403 page at once, not a form that fails on submit.
    """

    writes = False

    def dispatch(self, request, *args, **kwargs):
        reads = request.method in SAFE_METHODS and not self.writes
        need = access.READ if reads else access.WRITE
        self.member = access.request_member(request, need)
        self.budget = self.member.budget
        return super().dispatch(request, *args, **kwargs)


class OwnedMixin(BudgetMixin):
    """Objects come from the current budget's rows only: any other budget's is a 404."""

    def get_queryset(self):
        return self.model.objects.for_budget(self.budget)


class OwnerFormMixin(BudgetMixin):
    """Hand the current budget to the form, and store its cleaned data through a service.

    Each view's `write(data)` calls one service. A rule the service refuses becomes
    an error on `error_field`; a database constraint that still fires (a race the
    service could not see) becomes a form error too, never a 500. The form checks
    its own copy of the object, so the service sees the stored values.
    """

    writes = True
    success_message = ""
    error_field = None
    integrity_error = "This could not be saved; please check the form and try again."

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "budget": self.budget}
        if kwargs.get("instance") is not None:
            kwargs["instance"] = copy.copy(kwargs["instance"])
        return kwargs

    def write(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.write(form.cleaned_data)
        except services.BudgetRuleError as error:
            form.add_error(self.error_field, str(error))
            return self.form_invalid(form)
        except IntegrityError:
            form.add_error(None, self.integrity_error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message.format(object=self.object))
        return redirect(self.get_success_url())
