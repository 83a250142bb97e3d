"""Ready-made blocks: a useful survey in minutes (reach of chosen offerings, family, missing)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from surveys import blocks
from surveys.forms_blocks import ReachBlockForm, SingleBlockForm
from surveys.models import Question
from surveys.question_views import StructureMixin, bad_request, locked_message
from surveys.survey_views import builder_url

BLOCKS = {
    Question.Block.REACH: {
        "title": gettext_lazy("Reach of offerings"),
        "intro": gettext_lazy(
            "For each offering you choose, families are asked whether they know it and use it. "
            "Those who use it say how helpful it was; those who know it but do not use it say "
            "what made it hard (19 possible barriers and “something else”). All “do you know” "
            "questions share one page; each offering gets a page for its follow-up questions, "
            "which families only see when a follow-up applies."
        ),
    },
    Question.Block.FAMILY: {
        "title": gettext_lazy("About your family"),
        "intro": gettext_lazy(
            "One page with optional, deliberately coarse questions: household type, number of "
            "children, age groups, benefits the household receives, home area (the district's "
            "regions) and languages at home. Reports use them to show whom the offerings reach."
        ),
    },
    Question.Block.MISSING: {
        "title": gettext_lazy("What is missing?"),
        "intro": gettext_lazy(
            "One page: what would help the family most, as a choice list, and a free text. "
            "Families are reminded not to write names; staff read the free texts before anyone "
            "else does."
        ),
    },
}


class BlockAddView(StructureMixin, TemplateView):
    template_name = "surveys/block_form.html"

    @property
    def block(self) -> str:
        # Checked here, after the district: a visitor who is not logged in goes to the login.
        if self.kwargs["block"] not in BLOCKS:
            raise Http404
        return self.kwargs["block"]

    def get_form(self, data: Any = None) -> ReachBlockForm | SingleBlockForm:
        survey = self.get_survey()
        if self.block == Question.Block.REACH:
            return ReachBlockForm(data, survey=survey)
        return SingleBlockForm(data, survey=survey, block=self.block)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or self.get_form()
        survey = self.get_survey()
        context.update(
            form=form,
            block_key=self.block,
            info=BLOCKS[self.block],
            already=Question.objects.filter(survey=survey, block=self.block).exists(),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        survey = self.get_survey()
        form = self.get_form(request.POST)
        if survey.structure_locked:
            return bad_request(locked_message())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if isinstance(form, ReachBlockForm):
            offerings = list(form.cleaned_data["offerings"])
            created = blocks.add_reach_block(survey, offerings)
        elif self.block == Question.Block.FAMILY:
            created = blocks.add_family_block(survey)
        else:
            created = blocks.add_missing_block(survey)
        messages.success(
            request,
            _("The block “%(block)s” has been added with %(count)s questions.")
            % {"block": BLOCKS[self.block]["title"], "count": len(created)},
        )
        first = created[0].page_id if created else None
        return redirect(builder_url(survey, f"page-{first}" if first else ""))
