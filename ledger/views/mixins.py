"""Small pieces the budget's class-based views share."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect


class OwnedMixin:
    """Objects come from the signed-in user's rows only: anyone else's is a 404."""

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user)


class OwnerFormMixin:
    """Hand the signed-in user to forms that need it, and save without ever crashing.

    The forms check every rule first; a database constraint that still fires
    (two tabs saving the same name at once) becomes a form error, not a 500.
    """

    success_message = ""
    integrity_error = "This could not be saved; please check the form and try again."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "owner": self.request.user}

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = form.save()
        except IntegrityError:
            form.add_error(None, self.integrity_error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message.format(object=self.object))
        return redirect(self.get_success_url())
