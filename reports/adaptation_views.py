"""Step 5 pages: findings with their discussion, decisions with their evidence.

Reading needs membership (viewers too); writing needs the staff role; only coordinators
choose what is public. Every object is looked up through the district, so another
district's finding is a 404 like one that does not exist.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from districts.models import Membership
from districts.scoping import DistrictFormMixin, DistrictMixin
from reports import services
from reports.adaptation_forms import CommentForm, DecisionForm, DecisionProgressForm, FindingForm
from reports.evidence import decision_evidence, next_wave_hint, present
from reports.finding_items import find_item, frozen_figures
from reports.models import Decision, Finding, FindingComment, ReportSnapshot

STAFF = Membership.Role.STAFF


def _can(view: DistrictMixin, role: str) -> bool:
    return Membership.Role.allows(view.district_role, role)


class _Publishing:
    """Forms get `can_publish` for coordinators only."""

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),  # type: ignore[misc]
            "can_publish": _can(self, Membership.Role.COORDINATOR),  # type: ignore[arg-type]
        }


# --- findings ------------------------------------------------------------------------------

FINDING_FILTERS = {
    "waiting": lambda qs: qs.waiting(),
    "open": lambda qs: qs.filter(status=Finding.Status.OPEN),
    "discussed": lambda qs: qs.filter(status=Finding.Status.DISCUSSED),
    "decided": lambda qs: qs.filter(status=Finding.Status.DECIDED),
    "no_action": lambda qs: qs.filter(status=Finding.Status.NO_ACTION),
}


class FindingListView(DistrictMixin, ListView):
    model = Finding
    template_name = "reports/finding_list.html"
    context_object_name = "findings"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Finding]:
        findings = super().get_queryset()
        self.status = self.request.GET.get("status", "")
        if self.status in FINDING_FILTERS:
            findings = FINDING_FILTERS[self.status](findings)
        # Explicit order: a grouped query ignores Meta.ordering.
        return (
            findings.select_related("snapshot__survey", "offering")
            .annotate(
                decision_count=Count("decisions", distinct=True),
                comment_count=Count("comments", distinct=True),
            )
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        counts = Finding.objects.for_district(self.district).aggregate(
            all=Count("pk"),
            waiting=Count(
                "pk",
                filter=Q(status__in=[Finding.Status.OPEN, Finding.Status.DISCUSSED])
                & Q(decisions__isnull=True),
            ),
        )
        return {
            **super().get_context_data(**kwargs),
            "status": self.status,
            "counts": counts,
            "can_write": _can(self, STAFF),
            "today": timezone.localdate(),
        }


class FindingCreateView(_Publishing, DistrictFormMixin, CreateView):
    """A finding from a report item (?snapshot=&kind=&key=) or, without them, by hand."""

    model = Finding
    form_class = FindingForm
    template_name = "reports/finding_form.html"

    def item(self) -> tuple[ReportSnapshot | None, Any]:
        if hasattr(self, "_item"):
            return self._item
        pk = self.request.GET.get("snapshot", "")
        if not pk:
            self._item: tuple[ReportSnapshot | None, Any] = (None, None)
            return self._item
        if not pk.isdigit():
            raise Http404("snapshot")
        snapshot = get_object_or_404(
            ReportSnapshot.objects.for_district(self.district).ready().select_related("survey"),
            pk=int(pk),
        )
        item = find_item(
            snapshot.tables, self.request.GET.get("kind", ""), self.request.GET.get("key", "")
        )
        if item is None:
            # A link to an item the report does not have: tampered or from another report.
            raise Http404("item")
        self._item = (snapshot, item)
        return self._item

    def get_form(self, form_class: Any = None) -> FindingForm:
        """The item goes onto the instance before validation: a finding from a report needs
        no source, one by hand does (Finding.clean)."""
        form = super().get_form(form_class)
        snapshot, item = self.item()
        if item is not None:
            form.instance.snapshot = snapshot
            form.instance.item_kind, form.instance.item_key = item.kind, item.key
        return form

    def get_initial(self) -> dict[str, Any]:
        _snapshot, item = self.item()
        if item is None:
            return {}
        return {"title": item.title[:200]}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        snapshot, item = self.item()
        return {**super().get_context_data(**kwargs), "snapshot": snapshot, "item": item}

    @transaction.atomic
    def form_valid(self, form: FindingForm) -> HttpResponse:
        snapshot, item = self.item()
        finding = form.instance
        finding.created_by = self.request.user
        if item is not None:
            finding.item_label, finding.figures = frozen_figures(
                snapshot.tables, item.kind, item.key
            )
            if item.offering_id:
                from offerings.models import Offering

                finding.offering = Offering.objects.filter(
                    district=self.district, pk=item.offering_id
                ).first()
        self.object = form.save()
        messages.success(self.request, _("The finding has been saved."))
        return redirect(self.object_url())

    def object_url(self) -> str:
        return reverse(
            "reports:finding", kwargs={"district": self.district.slug, "finding": self.object.pk}
        )


class FindingDetailView(DistrictMixin, DetailView):
    model = Finding
    pk_url_kwarg = "finding"
    template_name = "reports/finding_detail.html"
    context_object_name = "finding"

    def get_queryset(self) -> QuerySet[Finding]:
        return (
            super()
            .get_queryset()
            .select_related("snapshot__survey", "offering", "created_by")
            .prefetch_related(
                Prefetch(
                    "comments",
                    queryset=FindingComment.objects.select_related("author").prefetch_related(
                        "notify"
                    ),
                ),
                Prefetch("decisions", queryset=Decision.objects.order_by("-created_at")),
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        can_write = _can(self, STAFF)
        context.update(
            {
                "can_write": can_write,
                "comment_form": CommentForm(district=self.district) if can_write else None,
                "figures": _figures(self.object),
                "today": timezone.localdate(),
            }
        )
        return context


def _figures(finding: Finding) -> list[str]:
    from django.utils import translation

    language = (translation.get_language() or "de")[:2]
    return [f.get(language) or f.get("de", "") for f in finding.figures or []]


class FindingUpdateView(_Publishing, DistrictFormMixin, UpdateView):
    model = Finding
    form_class = FindingForm
    pk_url_kwarg = "finding"
    template_name = "reports/finding_form.html"

    def get_success_url(self) -> str:
        messages.success(self.request, _("The finding has been saved."))
        return reverse(
            "reports:finding", kwargs={"district": self.district.slug, "finding": self.object.pk}
        )


class FindingCommentView(DistrictMixin, View):
    """POST a comment; the e-mail notice goes out by a task after the commit."""

    required_role = STAFF

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """A bookmarked or reloaded form address: back to the finding (if it is this
        district's)."""
        finding = get_object_or_404(
            Finding.objects.for_district(self.district), pk=kwargs["finding"]
        )
        return redirect("reports:finding", district=self.district.slug, finding=finding.pk)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from reports.tasks import notify_finding_comment

        finding = get_object_or_404(
            Finding.objects.for_district(self.district), pk=kwargs["finding"]
        )
        form = CommentForm(request.POST, district=self.district)
        url = reverse(
            "reports:finding", kwargs={"district": self.district.slug, "finding": finding.pk}
        )
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(url + "#comments")
        with transaction.atomic():
            comment = form.save(commit=False)
            comment.finding, comment.author = finding, request.user
            comment.save()
            form.save_m2m()
            if finding.status == Finding.Status.OPEN:
                finding.status = Finding.Status.DISCUSSED
                finding.save(update_fields=["status", "updated_at"])
            if form.cleaned_data["notify"]:
                transaction.on_commit(
                    partial(notify_finding_comment.delay, comment.pk), robust=True
                )
        messages.success(request, _("Your comment has been added."))
        return redirect(url + "#comments")


# --- decisions -----------------------------------------------------------------------------

DECISION_FILTERS = {
    "open": lambda qs: qs.open(),
    "due": lambda qs: qs.due_soon(),
    "overdue": lambda qs: qs.overdue(),
    "done": lambda qs: qs.done(),
    "discarded": lambda qs: qs.filter(status=Decision.Status.DISCARDED),
}


class DecisionListView(DistrictMixin, ListView):
    model = Decision
    template_name = "reports/decision_list.html"
    context_object_name = "decisions"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Decision]:
        decisions = super().get_queryset()
        self.status = self.request.GET.get("status", "")
        if self.status in DECISION_FILTERS:
            decisions = DECISION_FILTERS[self.status](decisions)
        return decisions.select_related("stakeholder", "responsible").prefetch_related("offerings")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        today = timezone.localdate()
        all_decisions = Decision.objects.for_district(self.district)
        counts = {key: f(all_decisions).count() for key, f in DECISION_FILTERS.items()}
        return {
            **super().get_context_data(**kwargs),
            "status": self.status,
            "counts": counts,
            "today": today,
            "can_write": _can(self, STAFF),
        }


class DecisionFormMixin(_Publishing, DistrictFormMixin):
    model = Decision
    form_class = DecisionForm
    pk_url_kwarg = "decision"
    template_name = "reports/decision_form.html"

    @transaction.atomic
    def form_valid(self, form: DecisionForm) -> HttpResponse:
        if form.instance.pk is None:
            form.instance.created_by = self.request.user
        self.object = form.save()
        services.decision_saved(self.object)
        if self.object.status == Decision.Status.DONE:
            services.decision_progress(self.object)
        messages.success(self.request, _("The decision has been saved."))
        return redirect("reports:decision", district=self.district.slug, decision=self.object.pk)


class DecisionCreateView(DecisionFormMixin, CreateView):
    def prompting(self) -> Finding | None:
        pk = self.request.GET.get("finding", "")
        if not pk:
            return None
        if not pk.isdigit():
            raise Http404("finding")
        return get_object_or_404(Finding.objects.for_district(self.district), pk=int(pk))

    def get_initial(self) -> dict[str, Any]:
        finding = self.prompting()
        if finding is None:
            return {}
        initial: dict[str, Any] = {"findings": [finding.pk]}
        if finding.offering_id:
            initial["offerings"] = [finding.offering_id]
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "finding": self.prompting()}


class DecisionUpdateView(DecisionFormMixin, UpdateView):
    pass


class DecisionDetailView(DistrictMixin, DetailView):
    model = Decision
    pk_url_kwarg = "decision"
    template_name = "reports/decision_detail.html"
    context_object_name = "decision"

    def get_queryset(self) -> QuerySet[Decision]:
        return (
            super()
            .get_queryset()
            .select_related("stakeholder", "responsible", "created_by")
            .prefetch_related("findings", "offerings", "goals", "areas", "resources")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        decision = self.object
        can_write = _can(self, STAFF)
        context.update(
            {
                "can_write": can_write,
                "progress_form": DecisionProgressForm(instance=decision, district=self.district)
                if can_write
                else None,
                "evidence": None,
                "hint": None,
                "today": timezone.localdate(),
            }
        )
        if decision.status == Decision.Status.DONE:
            data = decision_evidence(decision)
            context["evidence"] = present(data, self.district.min_group_size)
            if not data["has_after"]:
                context["hint"] = next_wave_hint(decision)
        return context


class DecisionProgressView(DistrictMixin, View):
    required_role = STAFF

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        decision = get_object_or_404(
            Decision.objects.for_district(self.district), pk=kwargs["decision"]
        )
        return redirect("reports:decision", district=self.district.slug, decision=decision.pk)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        decision = get_object_or_404(
            Decision.objects.for_district(self.district), pk=kwargs["decision"]
        )
        form = DecisionProgressForm(request.POST, instance=decision, district=self.district)
        url = reverse(
            "reports:decision", kwargs={"district": self.district.slug, "decision": decision.pk}
        )
        if not form.is_valid():
            for _field, errors in form.errors.items():
                for error in errors:
                    messages.error(request, error)
            return redirect(url + "#status")
        services.decision_progress(form.instance)
        messages.success(request, _("The status has been saved."))
        return redirect(url)
