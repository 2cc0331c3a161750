"""/budgets/: the budgets I belong to, switching, members, invitations, leaving."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ledger import access
from ledger.forms.budgets import BudgetNameForm, DeleteBudgetForm, InvitationForm, RoleForm
from ledger.models import Invitation, Membership
from ledger.services import budgets as services
from ledger.services.budgets import BudgetError
from ledger.views.once import submitted_once


def _list_page(request, form=None, status=200):
    context = {
        "memberships": access.memberships(request.user),
        "current": access.current_membership(request),
        "form": form or BudgetNameForm(),
    }
    return render(request, "ledger/budgets/list.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def budget_list(request):
    """The budgets I belong to, with my role in each, and a form to start a new one."""
    return _list_page(request)


@require_POST
@submitted_once
def budget_create(request):
    """Create a budget with me as its owner and make it the current one."""
    form = BudgetNameForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form=form)
    try:
        budget = services.create_budget(user=request.user, name=form.cleaned_data["name"])
    except (services.TooManyBudgets, services.DuplicateBudgetName) as error:
        form.add_error("name", str(error))
        return _list_page(request, form=form)
    access.switch(request, access.membership(request.user, budget.pk))
    messages.success(request, f"Budget “{budget.name}” is created; it is now your current budget.")
    return redirect("budget-list")


@require_POST
def budget_switch(request, budget_id):
    """Make one of my budgets the current one; back to where I was."""
    member = access.membership(request.user, budget_id)
    access.switch(request, member)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    return redirect(target)


@require_POST
def budget_rename(request, budget_id):
    member = access.membership(request.user, budget_id, access.MANAGE)
    form = BudgetNameForm(request.POST)
    if not form.is_valid():
        return _members_page(request, member, rename_form=form)
    try:
        services.rename_budget(
            budget=member.budget, name=form.cleaned_data["name"], user=request.user
        )
    except services.DuplicateBudgetName as error:
        form.add_error("name", str(error))
        return _members_page(request, member, rename_form=form)
    messages.success(request, f"The budget is now called “{member.budget.name}”.")
    return redirect("budget-members", budget_id)


@require_POST
def budget_delete(request, budget_id):
    member = access.membership(request.user, budget_id, access.MANAGE)
    form = DeleteBudgetForm(request.POST, budget=member.budget)
    if not form.is_valid():
        return _members_page(request, member, delete_form=form)
    services.delete_budget(budget=member.budget)
    messages.success(request, f"Budget “{member.budget.name}” and everything in it is deleted.")
    return redirect("budget-list")


@require_POST
def budget_leave(request, budget_id):
    """Leave a budget I belong to; the last owner cannot."""
    member = access.membership(request.user, budget_id)
    try:
        services.leave_budget(member=member)
    except BudgetError as error:
        messages.error(request, str(error))
        return redirect("budget-list")
    messages.success(request, f"You left “{member.budget.name}”.")
    return redirect("budget-list")


def _members_page(request, member, status=200, **forms):
    budget = member.budget
    context = {
        "budget": budget,
        "me": member,
        "manages": access.allows(member, access.MANAGE),
        "members": Membership.objects.for_budget(budget),
        "invitations": (
            Invitation.objects.for_budget(budget).pending()
            if access.allows(member, access.MANAGE)
            else []
        ),
        "role_choices": RoleForm.base_fields["role"].choices,
        "invite_form": forms.get("invite_form") or InvitationForm(),
        "rename_form": forms.get("rename_form") or BudgetNameForm(initial={"name": budget.name}),
        "delete_form": forms.get("delete_form") or DeleteBudgetForm(budget=budget),
        "new_link": forms.get("new_link"),
    }
    return render(request, "ledger/budgets/members.html", context, status=status)


@never_cache  # the answer to an invitation shows its link, once
@require_http_methods(["GET", "HEAD"])
def members(request, budget_id):
    """The budget's members: every member sees who they are; owners also change roles,
    rename, delete and invite (with the pending invitations)."""
    return _members_page(request, access.membership(request.user, budget_id))


def _other_member(request, budget_id, user_id):
    member = access.membership(request.user, budget_id, access.MANAGE)
    return member, get_object_or_404(Membership.objects.for_budget(member.budget), user_id=user_id)


@require_POST
def member_role(request, budget_id, user_id):
    """Change a member's role (owners only; the last owner stays an owner)."""
    _, other = _other_member(request, budget_id, user_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role: owner, editor or viewer.")
        return redirect("budget-members", budget_id)
    try:
        services.change_role(member=other, role=form.cleaned_data["role"])
    except BudgetError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{other.user.get_username()} is now {other.role}.")
    return redirect("budget-members", budget_id)


@require_POST
def member_remove(request, budget_id, user_id):
    """Take a member out of the budget (owners only); what they recorded stays."""
    me, other = _other_member(request, budget_id, user_id)
    try:
        services.remove_member(member=other)
    except BudgetError as error:
        messages.error(request, str(error))
        return redirect("budget-members", budget_id)
    messages.success(request, f"{other.user.get_username()} is no longer a member.")
    if other.pk == me.pk:
        return redirect("budget-list")
    return redirect("budget-members", budget_id)


@never_cache
@require_POST
@submitted_once
def invitation_create(request, budget_id):
    """A single-use link for someone to join as editor or viewer, shown this once."""
    member = access.membership(request.user, budget_id, access.MANAGE)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _members_page(request, member, invite_form=form)
    _, raw = services.invite_member(
        budget=member.budget, role=form.cleaned_data["role"], invited_by=request.user
    )
    link = request.build_absolute_uri(reverse("invitation", args=[raw]))
    response = _members_page(request, member, new_link=link)
    response.saved_url = reverse("budget-members", args=[budget_id])  # the link is shown once
    return response


@require_POST
def invitation_revoke(request, budget_id, pk):
    member = access.membership(request.user, budget_id, access.MANAGE)
    invitation = get_object_or_404(Invitation.objects.for_budget(member.budget), pk=pk)
    services.revoke_invitation(invitation=invitation)
    messages.success(request, "The invitation is withdrawn: its link no longer works.")
    return redirect("budget-members", budget_id)


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token):
    """An invitation link: GET shows the budget and the role, POST joins."""
    found = Invitation.objects.find(token)
    if found is None:
        return _invitation_page(request, None, "This invitation link is not valid.", 404)
    if found.state != "pending":
        return _invitation_page(request, found, services.InvitationUnusable(found.state), 410)
    if request.method == "POST":
        try:
            joined = services.accept_invitation(invitation=found, user=request.user)
        except services.InvitationUnusable as error:
            return _invitation_page(request, found, error, 410)
        except (services.AlreadyMember, services.TooManyBudgets) as error:
            return _invitation_page(request, found, error, 409)
        access.switch(request, joined)
        renamed = (
            f" You already belonged to a budget called “{found.budget.name}”, so this one is "
            "now called by the new name for everyone."
            if joined.budget.name != found.budget.name
            else ""
        )
        messages.success(
            request,
            f"You joined “{joined.budget.name}” as {joined.role}; it is your current budget."
            + renamed,
        )
        return redirect("home")
    mine = Membership.objects.filter(budget=found.budget_id, user=request.user).exists()
    problem = services.AlreadyMember() if mine else None
    return _invitation_page(request, found, problem, 200)


def _invitation_page(request, found, problem, status):
    context = {"invitation": found, "problem": problem and str(problem)}
    return render(request, "ledger/budgets/invitation.html", context, status=status)
