"""Who keeps the data fresh: coordinators review what providers propose, and anyone who may edit
an offering confirms with one click that it still runs as described."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from districts.models import District, Membership
from districts.scoping import DistrictMixin, resolve_district
from mitwirkung.mail import send_templated_mail, warn_not_sent
from offerings.models import STALE_AFTER, Offering, OfferingChange
from offerings.models.review import LIST_FIELDS, SCALAR_FIELDS

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def offering_url(district: District, offering: Offering) -> str:
    """The offering's detail page; the catalogue while the detail view does not exist."""
    try:
        return reverse(
            "offerings:detail", kwargs={"district": district.slug, "offering": offering.pk}
        )
    except NoReverseMatch:
        return reverse("offerings:catalogue", kwargs={"district": district.slug})


def creators(offerings: list[Offering]) -> dict[int, AbstractBaseUser]:
    """Who created each offering, read from its first history record (one query)."""
    records = Offering.history.filter(  # type: ignore[attr-defined]
        id__in=[o.pk for o in offerings], history_type="+", history_user__isnull=False
    ).select_related("history_user")
    return {record.id: record.history_user for record in records}


# --- Old → new, in words ------------------------------------------------------------------


@dataclass
class ChangeRow:
    label: str
    old: str
    new: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _display(model_field: Any, value: Any, names: dict[int, str]) -> str:
    if value is None or value == "":
        return "—"
    if model_field.is_relation:
        return names.get(value, gettext("(deleted)"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def change_rows(change: OfferingChange) -> list[ChangeRow]:
    """The fields the proposal changes, each with its German label and readable old and new value."""
    offering, data = change.offering, change.data
    scalar = {}
    for name in SCALAR_FIELDS:
        if name not in data:
            continue
        model_field = Offering._meta.get_field(name.removesuffix("_id"))
        old, new = getattr(offering, name), model_field.to_python(data[name])
        if old != new:
            scalar[name] = (model_field, old, new)
    lists = {}
    for name in LIST_FIELDS:
        if name not in data:
            continue
        old_ids = set(getattr(offering, name).values_list("pk", flat=True))
        new_ids = {int(pk) for pk in data[name]}
        if old_ids != new_ids:
            lists[name] = (Offering._meta.get_field(name), old_ids, new_ids)

    # One lookup per related model for every name any row needs.
    wanted: dict[Any, set[int]] = {}
    for model_field, old, new in scalar.values():
        if model_field.is_relation:
            wanted.setdefault(model_field.related_model, set()).update(
                v for v in (old, new) if v is not None
            )
    for model_field, old_ids, new_ids in lists.values():
        wanted.setdefault(model_field.related_model, set()).update(old_ids | new_ids)
    names = {
        model: {pk: str(obj) for pk, obj in model._default_manager.in_bulk(ids).items()}
        for model, ids in wanted.items()
    }

    rows = []
    for model_field, old, new in scalar.values():
        model_names = names.get(model_field.related_model, {})
        rows.append(
            ChangeRow(
                label=capfirst(model_field.verbose_name),
                old=_display(model_field, old, model_names),
                new=_display(model_field, new, model_names),
            )
        )
    for model_field, old_ids, new_ids in lists.values():
        model_names = names[model_field.related_model]

        def words(ids: set[int], model_names: dict[int, str] = model_names) -> list[str]:
            return sorted(model_names.get(pk, gettext("(deleted)")) for pk in ids)

        rows.append(
            ChangeRow(
                label=capfirst(model_field.verbose_name),
                old=", ".join(words(old_ids)) or "—",
                new=", ".join(words(new_ids)) or "—",
                added=words(new_ids - old_ids),
                removed=words(old_ids - new_ids),
            )
        )
    return rows


def proposal_errors(change: OfferingChange) -> list[str]:
    """What would be wrong with the offering if the proposal were applied as it stands now."""
    proposed = Offering.objects.get(pk=change.offering_id)
    for name in SCALAR_FIELDS:
        if name in change.data:
            model_field = Offering._meta.get_field(name.removesuffix("_id"))
            setattr(proposed, name, model_field.to_python(change.data[name]))
    try:
        proposed.full_clean()
    except ValidationError as error:
        return error.messages
    return []


# --- Notifications --------------------------------------------------------------------------


def notify_decision(
    request: HttpRequest,
    *,
    district: District,
    offering: Offering,
    recipient: AbstractBaseUser | None,
    approved: bool,
    is_new: bool,
    note: str = "",
) -> None:
    email = getattr(recipient, "email", "")
    if not email or recipient == request.user:
        return
    sent = send_templated_mail(
        "offerings/email/review_decision",
        {
            "district": district,
            "offering": offering,
            "approved": approved,
            "is_new": is_new,
            "note": note,
            "reviewer": request.user,
            "offering_url": request.build_absolute_uri(offering_url(district, offering)),
        },
        [email],
    )
    if not sent:
        warn_not_sent(request, email)


# --- Review of proposals --------------------------------------------------------------------


class ReviewDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the provider (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewListView(DistrictMixin, TemplateView):
    """What waits for a coordinator: proposed changes and new offerings, oldest first."""

    required_role = Membership.Role.COORDINATOR
    template_name = "offerings/review_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        changes = (
            OfferingChange.objects.for_district(self.district)
            .pending()
            .select_related("offering__provider", "submitted_by")
            .order_by("submitted_at", "pk")
        )
        pending = list(
            Offering.objects.for_district(self.district)
            .filter(review_status=Offering.ReviewStatus.PENDING)
            .select_related("provider", "category")
            .annotate(
                sent_back_at=Max(
                    "changes__reviewed_at",
                    filter=Q(changes__status=OfferingChange.Status.REJECTED, changes__data={}),
                )
            )
            .order_by("created_at", "pk")
        )
        created_by = creators(pending)
        for offering in pending:
            offering.created_by = created_by.get(offering.pk)
        # Sent back to the provider: waits again once the provider has edited it since.
        context["changes"] = list(changes)
        context["new_offerings"] = [
            o for o in pending if o.sent_back_at is None or o.updated_at > o.sent_back_at
        ]
        context["sent_back"] = [
            o for o in pending if o.sent_back_at is not None and o.updated_at <= o.sent_back_at
        ]
        context["decision_form"] = ReviewDecisionForm()
        return context


class ChangeReviewView(DistrictMixin, FormView):
    """Old → new for every field the provider changed; approve or reject with a note."""

    required_role = Membership.Role.COORDINATOR
    template_name = "offerings/change_review.html"
    form_class = ReviewDecisionForm

    def get_change(self) -> OfferingChange:
        if not hasattr(self, "change"):
            self.change = get_object_or_404(
                OfferingChange.objects.for_district(self.district).select_related(
                    "offering__provider", "submitted_by", "reviewed_by"
                ),
                pk=self.kwargs["change"],
            )
        return self.change

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        change = self.get_change()
        context = super().get_context_data(**kwargs)
        context["change"] = change
        context["offering"] = change.offering
        context["offering_url"] = offering_url(self.district, change.offering)
        context["rows"] = change_rows(change)
        if change.status == OfferingChange.Status.PENDING:
            context["problems"] = proposal_errors(change)
        return context

    def form_valid(self, form: ReviewDecisionForm) -> HttpResponse:
        change = self.get_change()
        decision = self.request.POST.get("decision")
        if decision not in {"approve", "reject"}:
            form.add_error(None, gettext("Please choose whether to approve or reject."))
            return self.form_invalid(form)
        note = form.cleaned_data["note"]
        with transaction.atomic():
            # The row lock makes a second coordinator's decision wait, then see the first one.
            still_open = (
                OfferingChange.objects.select_for_update()
                .filter(pk=change.pk, status=OfferingChange.Status.PENDING)
                .exists()
            )
            if not still_open:
                messages.info(
                    self.request,
                    gettext("This proposal has already been decided; nothing was changed."),
                )
                return redirect("offerings:review_list", district=self.district.slug)
            if decision == "approve":
                problems = proposal_errors(change)
                if problems:
                    for problem in problems:
                        form.add_error(None, problem)
                    return self.form_invalid(form)
                change.approve(by=self.request.user, note=note)  # type: ignore[arg-type]
            else:
                change.reject(by=self.request.user, note=note)  # type: ignore[arg-type]
        approved = decision == "approve"
        notify_decision(
            self.request,
            district=self.district,
            offering=change.offering,
            recipient=change.submitted_by,
            approved=approved,
            is_new=False,
            note=note,
        )
        if approved:
            text = gettext("The change to “%(name)s” is approved and shows to everyone.")
        else:
            text = gettext("The change to “%(name)s” is rejected; the offering stays as it was.")
        messages.success(self.request, text % {"name": change.offering.name})
        return redirect("offerings:review_list", district=self.district.slug)


def _district_offering(request: HttpRequest, district: str, offering: int, role: str) -> Offering:
    """The offering of the district in the URL; outsiders and other districts' offerings: 404."""
    resolved = resolve_district(request, district, role)
    return get_object_or_404(
        Offering.objects.for_district(resolved).select_related("district"), pk=offering
    )


@login_required
def offering_publish(request: HttpRequest, district: str, offering: int) -> HttpResponse:
    """A coordinator publishes a provider's new offering, or sends it back with a note."""
    obj = _district_offering(request, district, offering, Membership.Role.COORDINATOR)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    district_obj = obj.district
    form = ReviewDecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    if obj.review_status == Offering.ReviewStatus.PUBLISHED:
        messages.info(request, gettext("“%(name)s” is already published.") % {"name": obj.name})
        return redirect("offerings:review_list", district=district_obj.slug)
    creator = creators([obj]).get(obj.pk)
    if request.POST.get("decision") == "reject":
        # The offering model has no note field: the decision is kept as a closed proposal,
        # so the note stays with the offering and the queue knows it was sent back.
        OfferingChange.objects.create(
            offering=obj,
            data={},
            submitted_by=creator,
            status=OfferingChange.Status.REJECTED,
            reviewed_by=request.user,
            reviewed_at=timezone.now(),
            review_note=note,
        )
        approved = False
        text = gettext("“%(name)s” stays unpublished and was sent back to the provider.")
    else:
        obj.review_status = Offering.ReviewStatus.PUBLISHED
        obj.last_confirmed_on = timezone.localdate()
        obj.save(update_fields=["review_status", "last_confirmed_on", "updated_at"])
        approved = True
        text = gettext("“%(name)s” is published and shows to everyone.")
    notify_decision(
        request,
        district=district_obj,
        offering=obj,
        recipient=creator,
        approved=approved,
        is_new=True,
        note=note,
    )
    messages.success(request, text % {"name": obj.name})
    return redirect("offerings:review_list", district=district_obj.slug)


# --- Freshness ------------------------------------------------------------------------------


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@login_required
def offering_confirm(request: HttpRequest, district: str, offering: int) -> HttpResponse:
    """One click: the offering still runs as described. Staff, coordinators and its provider."""
    obj = _district_offering(request, district, offering, Membership.Role.VIEWER)
    if not obj.editable_by(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    obj.confirm()
    messages.success(
        request,
        gettext("Thank you: “%(name)s” is confirmed as running unchanged.") % {"name": obj.name},
    )
    return redirect(_safe_next(request) or offering_url(obj.district, obj))


@dataclass
class StaleGroup:
    provider: Any
    offerings: list[Offering]
    provider_members: list[Any]


class StaleListView(DistrictMixin, TemplateView):
    """Offerings nobody has confirmed for a year, by provider, so they can be asked."""

    required_role = Membership.Role.STAFF
    template_name = "offerings/stale_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        # Ended offerings need no confirmation: nobody expects them to run.
        stale = list(
            Offering.objects.visible_to(self.request.user, self.district)
            .stale(today)
            .exclude(status=Offering.Status.ENDED)
            .select_related("provider", "category")
            .order_by("provider__name", "provider_id", "name", "pk")
        )
        members: dict[int, list[Any]] = {}
        for membership in (
            Membership.objects.for_district(self.district)
            .filter(
                role=Membership.Role.PROVIDER,
                stakeholder_id__in={o.provider_id for o in stale},
            )
            .select_related("user")
        ):
            members.setdefault(membership.stakeholder_id, []).append(membership.user)
        context["groups"] = [
            StaleGroup(
                provider=rows[0].provider,
                offerings=rows,
                provider_members=members.get(rows[0].provider_id, []),
            )
            for rows in (list(g) for _key, g in groupby(stale, key=lambda o: o.provider_id))
        ]
        context["stale_count"] = len(stale)
        context["stale_since"] = today - STALE_AFTER
        return context
