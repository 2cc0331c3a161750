from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.generic import FormView


@method_decorator(login_not_required, name="dispatch")
class SignupView(FormView):
    """Create an account, sign the new user in and send them to their budget."""

    form_class = UserCreationForm
    template_name = "registration/signup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("/")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save()
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request, f"Welcome, {user.get_username()}! Start by adding a category."
        )
        return redirect("/")
