"""The offerings catalogue: list with filters, detail, create, edit, end, history, and the
places, goal links and resources of an offering.

Every page reads offerings through `Offering.objects.visible_to(user, district)`: pending
offerings stay hidden from everyone but coordinators and their own provider.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from districts.models import District, Language, Membership, Sector, Stakeholder
from districts.scoping import DistrictMixin
from goals.models import FieldOfAction, LifePhase, TargetGroup
from mitwirkung.history import HistorySpec, history_page
from offerings.forms import (
    CatalogueFilterForm,
    EndOfferingForm,
    OfferingForm,
)
from offerings.models import (
    Offering,
    OfferingCategory,
    OfferingChange,
    OfferingGoal,
    OfferingPlace,
    OutreachChannel,
)
from offerings.timeline import timeline

CATALOGUE_PAGE_SIZE = 50


def _card_queryset(offerings: QuerySet[Offering]) -> QuerySet[Offering]:
    """Everything a catalogue card shows, in a fixed number of queries however many offerings."""
    return offerings.select_related("provider", "category", "sector").prefetch_related(
        "target_groups",
        "life_phases",
        "languages",
        Prefetch("places", queryset=OfferingPlace.objects.select_related("area")),
    )


def _is_staff(role: str | None) -> bool:
    return Membership.Role.allows(role, Membership.Role.STAFF)


def _provider_membership(user: Any, district: District) -> Membership | None:
    """The user's provider membership here, when it names an organisation."""
    return (
        Membership.objects.filter(
            user=user,
            district=district,
            role=Membership.Role.PROVIDER,
            stakeholder__isnull=False,
        )
        .select_related("stakeholder")
        .first()
    )


class CatalogueView(DistrictMixin, ListView):
    model = Offering
    template_name = "offerings/offering_list.html"
    context_object_name = "offerings"
    paginate_by = CATALOGUE_PAGE_SIZE
    page_kwarg = "seite"

    def get_queryset(self) -> QuerySet[Offering]:
        self.filter_form = CatalogueFilterForm(self.request.GET or None, district=self.district)
        visible = Offering.objects.visible_to(self.request.user, self.district)
        offerings = self.filter_form.filter(visible, timezone.localdate())
        return _card_queryset(offerings).order_by("name", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        may_create = _is_staff(self.district_role) or (
            _provider_membership(self.request.user, self.district) is not None
        )
        context.update(
            filter_form=self.filter_form,
            is_filtered=self.filter_form.is_filtered,
            total=context["paginator"].count,
            may_create=may_create,
            today=timezone.localdate(),
        )
        return context


class OfferingScopedMixin(DistrictMixin):
    """Offering pages: the offering comes from those the user may see, so others are 404."""

    model = Offering
    pk_url_kwarg = "offering"
    context_object_name = "offering"

    def get_queryset(self) -> QuerySet[Offering]:
        return Offering.objects.visible_to(self.request.user, self.district)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "today": timezone.localdate()}


class OfferingDetailView(OfferingScopedMixin, DetailView):
    template_name = "offerings/offering_detail.html"

    def get_queryset(self) -> QuerySet[Offering]:
        return (
            _card_queryset(super().get_queryset())
            .select_related("provider__sector", "category__sector")
            .prefetch_related(
                "fields_of_action",
                "outreach_channels",
                Prefetch("goal_links", queryset=OfferingGoal.objects.select_related("goal")),
                "resources",
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        offering: Offering = self.object
        may_edit = offering.editable_by(self.request.user)
        context.update(
            may_edit=may_edit,
            may_edit_parts=_is_staff(self.district_role),
            pending_changes=offering.changes.pending().count() if may_edit else 0,
            places=list(offering.places.all()),
            goal_links=list(offering.goal_links.all()),
            resources=list(offering.resources.all()),
            timeline=timeline(offering),
        )
        return context


class OfferingCreateView(DistrictMixin, CreateView):
    """Staff and coordinators create any offering; a provider only its organisation's, pending
    review unless the coordinator lets it publish directly."""

    model = Offering
    form_class = OfferingForm
    template_name = "offerings/offering_form.html"

    def get_district(self) -> District:
        district = super().get_district()
        self.provider_membership = None
        if not _is_staff(self.request.district_role):  # type: ignore[attr-defined]
            self.provider_membership = _provider_membership(self.request.user, district)
            if self.provider_membership is None:
                raise PermissionDenied
        return district

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = {**super().get_form_kwargs(), "district": self.district}
        if self.provider_membership is not None:
            kwargs["provider"] = self.provider_membership.stakeholder
        return kwargs

    def form_valid(self, form: OfferingForm) -> HttpResponse:
        membership = self.provider_membership
        if membership is not None and not membership.publishes_directly:
            form.instance.review_status = Offering.ReviewStatus.PENDING
        response = super().form_valid(form)
        if form.instance.review_status == Offering.ReviewStatus.PENDING:
            messages.success(
                self.request,
                _(
                    "The offering has been saved. It shows to others once the coordination "
                    "has reviewed it."
                ),
            )
        else:
            messages.success(self.request, _("The offering has been created."))
        return response

    def get_success_url(self) -> str:
        return offering_detail_url(self.object)


def offering_detail_url(offering: Offering, anchor: str = "") -> str:
    url = reverse(
        "offerings:detail",
        kwargs={"district": offering.district.slug, "offering": offering.pk},
    )
    return f"{url}#{anchor}" if anchor else url


class _OfferingWriteMixin(OfferingScopedMixin):
    """Staff and coordinators, or the offering's own provider; everyone else 403."""

    def get_object(self, queryset: Any = None) -> Offering:
        offering = super().get_object(queryset)  # type: ignore[misc]
        if not offering.editable_by(self.request.user):
            raise PermissionDenied
        return offering


class OfferingUpdateView(_OfferingWriteMixin, UpdateView):
    form_class = OfferingForm
    template_name = "offerings/offering_form.html"

    def get_object(self, queryset: Any = None) -> Offering:
        offering = super().get_object(queryset)
        self.provider_membership = None
        if not _is_staff(self.district_role):
            self.provider_membership = _provider_membership(self.request.user, self.district)
        return offering

    @property
    def saves_directly(self) -> bool:
        """Staff, trusted providers, and a provider's own offering still waiting for review
        (nobody else sees it yet); other provider edits wait for the coordination."""
        membership = self.provider_membership
        return (
            membership is None
            or membership.publishes_directly
            or self.object.review_status == Offering.ReviewStatus.PENDING
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = {**super().get_form_kwargs(), "district": self.district}
        if self.provider_membership is not None:
            kwargs["provider"] = self.provider_membership.stakeholder
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "saves_directly": self.saves_directly}

    def form_valid(self, form: OfferingForm) -> HttpResponse:
        if self.saves_directly:
            response = super().form_valid(form)
            messages.success(self.request, _("The offering has been saved."))
            return response
        if form.has_changed():
            # The offering itself stays as it is until the coordination approves the change.
            OfferingChange.objects.create(
                offering_id=self.object.pk,
                data=OfferingChange.serialise(form.cleaned_data),
                submitted_by=self.request.user,
            )
            messages.success(
                self.request, _("Your change is waiting for review by the coordination.")
            )
        else:
            messages.info(self.request, _("Nothing was changed."))
        return redirect(offering_detail_url(self.object))

    def get_success_url(self) -> str:
        return offering_detail_url(self.object)


class OfferingEndView(_OfferingWriteMixin, DetailView, FormView):
    """Confirm that an offering has ended; it stays in the catalogue under "ended"."""

    form_class = EndOfferingForm
    template_name = "offerings/offering_confirm_end.html"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "offering": self.object}

    def form_valid(self, form: EndOfferingForm) -> HttpResponse:
        offering: Offering = self.object
        offering.status = Offering.Status.ENDED
        offering.ends_on = form.cleaned_data["ends_on"]
        offering.save(update_fields=["status", "ends_on", "updated_at"])
        messages.success(
            self.request, _("“%(name)s” is now marked as ended.") % {"name": offering.name}
        )
        return redirect(offering_detail_url(offering))


# History ----------------------------------------------------------------------------------


class OfferingHistoryView(OfferingScopedMixin, DetailView):
    """Who changed what when, from django-simple-history's records of the offering and its lists."""

    template_name = "offerings/offering_history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entries, page = history_page(self.object, OFFERING_HISTORY, self.request)
        context.update(entries=entries, page_obj=page)
        return context


OFFERING_HISTORY = HistorySpec(
    model=Offering,
    lists={
        "fields_of_action": (FieldOfAction, "fieldofaction_id"),
        "target_groups": (TargetGroup, "targetgroup_id"),
        "life_phases": (LifePhase, "lifephase_id"),
        "languages": (Language, "language_id"),
        "outreach_channels": (OutreachChannel, "outreachchannel_id"),
    },
    relations={"provider": Stakeholder, "category": OfferingCategory, "sector": Sector},
)
