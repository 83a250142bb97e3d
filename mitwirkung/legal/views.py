from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from districts.models import Membership
from mitwirkung.legal.forms import BarrierAnswerForm, BarrierReportForm
from mitwirkung.legal.models import BarrierReport, LegalPage
from mitwirkung.legal.tasks import notify_new_barrier_report
from mitwirkung.mail import send_templated_mail, warn_not_sent


def legal_page(request: HttpRequest, kind: str) -> HttpResponse:
    page = LegalPage.objects.filter(kind=kind).first()
    if page is None:
        raise Http404
    context: dict[str, Any] = {"page": page}
    if kind == LegalPage.Kind.ACCESSIBILITY:
        context["report_url_suffix"] = request.GET.get("seite", "")
    return render(request, "legal/legal_page.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def barrier_report_create(request: HttpRequest) -> HttpResponse:
    initial = {"page_url": request.GET.get("seite", "")[:500]}
    form = BarrierReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam():
            with transaction.atomic():
                report = form.save()
                transaction.on_commit(partial(notify_new_barrier_report.delay, report.pk))
        return redirect("legal:barrier_report_thanks")
    return render(request, "legal/barrierreport_form.html", {"form": form})


def barrier_report_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/barrierreport_thanks.html")


def _may_answer_reports(request: HttpRequest) -> bool:
    user = request.user
    return user.is_superuser or user.memberships.filter(role=Membership.Role.COORDINATOR).exists()  # type: ignore[union-attr]


@login_required
def barrier_report_list(request: HttpRequest) -> HttpResponse:
    if not _may_answer_reports(request):
        raise PermissionDenied
    reports = BarrierReport.objects.for_user(request.user).select_related("district", "answered_by")
    return render(
        request,
        "legal/barrierreport_list.html",
        {"reports": reports, "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def barrier_report_answer(request: HttpRequest, barrier_report: int) -> HttpResponse:
    report = get_object_or_404(BarrierReport.objects.for_user(request.user), pk=barrier_report)
    form = BarrierAnswerForm(request.POST or None)
    if request.method == "POST":
        if report.status == BarrierReport.Status.ANSWERED:
            messages.info(request, _("This report has already been answered."))
            return redirect("legal:barrier_report_list")
        if form.is_valid():
            report.record_answer(text=form.cleaned_data["answer"], by=request.user)  # type: ignore[arg-type]
            if report.email and not send_templated_mail(
                "legal/email/answer", {"report": report}, [report.email]
            ):
                warn_not_sent(request, report.email)
            messages.success(request, _("The answer has been saved."))
            return redirect("legal:barrier_report_list")
    return render(
        request,
        "legal/barrierreport_answer.html",
        {"report": report, "form": form, "today": timezone.localdate()},
    )
