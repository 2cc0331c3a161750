"""Budgets, memberships and users in the admin: mend a budget without an owner, and never
delete the user a budget's last owner is (issue 22).

Changes go through `ledger.services` like every other write: a role change or a removal that
would leave a budget without an owner is refused with LastOwner's message.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count, F, Q

from ledger import services
from ledger.models import Budget, Membership, Role
from ledger.services.budgets import (
    BudgetError,
    add_member,
    change_role,
    check_budget_room,
    remove_member,
)

User = get_user_model()


def budgets_left_without_owner(users) -> list[Budget]:
    """The budgets whose only owners are among `users`: deleting them would orphan these."""
    ids = [user.pk for user in users]
    return list(
        Budget.objects.annotate(
            owners=Count("memberships", filter=Q(memberships__role=Role.OWNER)),
            leaving=Count(
                "memberships", filter=Q(memberships__role=Role.OWNER, memberships__user__in=ids)
            ),
        )
        .filter(leaving__gt=0, owners=F("leaving"))
        .order_by("pk")
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["user", "role", "created_at"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    """Budgets are made by people on the site; here they are renamed, listed with their owners
    (a budget without any shows 0, to be mended with an owner membership) and deleted."""

    list_display = ["name", "id", "owner_count", "member_count", "month_start_day", "created"]
    search_fields = ["name", "memberships__user__username"]
    fields = ["name", "month_start_day", "created"]
    readonly_fields = ["month_start_day", "created"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                owners=Count("memberships", filter=Q(memberships__role=Role.OWNER)),
                members=Count("memberships"),
            )
        )

    def has_add_permission(self, request):
        return False

    @admin.display(description="owners", ordering="owners")
    def owner_count(self, budget):
        return budget.owners

    @admin.display(description="members", ordering="members")
    def member_count(self, budget):
        return budget.members

    def save_model(self, request, obj, form, change):
        services.rename_budget(budget=obj, name=obj.name)

    def delete_model(self, request, obj):
        services.delete_budget(budget=obj)

    def delete_queryset(self, request, queryset):
        for budget in queryset:
            services.delete_budget(budget=budget)


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["budget", "user", "role"]

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user")
        if not self.instance.pk and user is not None:
            try:
                check_budget_room(user=user)
            except BudgetError as error:
                self.add_error("user", str(error))
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Who keeps which budget in which role; add an owner here to mend an ownerless budget."""

    list_display = ["budget", "user", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["budget", "user"]
    search_fields = ["budget__name", "user__username"]
    autocomplete_fields = ["budget", "user"]
    form = MembershipAdminForm

    def get_readonly_fields(self, request, obj=None):
        return ["budget", "user", "created_at"] if obj else ["created_at"]

    def save_model(self, request, obj, form, change):
        if change:
            stored = Membership.objects.get(pk=obj.pk)  # the form has set the new role on obj
            try:
                change_role(member=stored, role=obj.role)
            except BudgetError as error:
                self.message_user(request, str(error), messages.ERROR)
                obj.role = stored.role
        else:  # the form checked the bounds; a race is the service's error
            stored = add_member(budget=obj.budget, user=obj.user, role=obj.role)
            obj.__dict__.update(stored.__dict__)

    def delete_model(self, request, obj):
        try:
            remove_member(member=obj)
        except BudgetError as error:
            self.message_user(request, str(error), messages.ERROR)

    def delete_queryset(self, request, queryset):
        for member in queryset:
            self.delete_model(request, member)


admin.site.unregister(User)


@admin.register(User)
class BudgetUserAdmin(UserAdmin):
    """Django's user admin; deleting the last owner of a budget is refused (the delete page
    lists the budgets that would be left without an owner, to be given another one first)."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        orphans = budgets_left_without_owner(objs)
        protected = list(protected) + [
            f"Budget “{budget.name}” (id {budget.pk}): its last owner; make another member "
            "an owner first"
            for budget in orphans
        ]
        return deleted, counts, perms_needed, protected
