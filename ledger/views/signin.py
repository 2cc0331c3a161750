from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.views import PasswordChangeView
from django.db import transaction
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.generic import FormView

from ledger.forms.signin import LockoutPasswordChangeForm
from ledger.services.budgets import create_own_budget


class LockoutPasswordChangeView(PasswordChangeView):
    """Django's password change page, with wrong old passwords counted by django-axes."""

    form_class = LockoutPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


@method_decorator(login_not_required, name="dispatch")
class SignupView(FormView):
    """Create an account, give them their own budget, sign them in and send them to it."""

    form_class = UserCreationForm
    template_name = "registration/signup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("/")
        return super().dispatch(request, *args, **kwargs)

    @transaction.atomic
    def form_valid(self, form):
        user = form.save()
        create_own_budget(user=user)
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request, f"Welcome, {user.get_username()}! Start by adding a category."
        )
        return redirect("/")
