"""Public catalogue pages, open data and the community form: no login anywhere here.

Reads come from `public_api` (one definition of what is public); the community form writes
through `community.community_submission_create`, like the public API.
"""

import json

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.fields import PhoneFormField
from intan_banjar.client_ip import client_ip
from intan_banjar.downloads import with_filename
from intan_banjar.exceptions import StateConflict
from intan_banjar.kept import Kept
from intan_banjar.links import row_url
from intan_banjar.pages import attempt
from intan_banjar.querysets import iterate_prefetched
from intan_banjar.tabular import Column, csv_lines

from . import community
from .cycles import cycle_years
from .filters import year_filter_status
from .public_api import PublicInnovationFilter, public_innovations
from .public_count import known_count
from .public_pages import card_rows, public_innovation
from .public_records import CARD_VALUES, public_record, public_rows, with_people_records

PAGE_SIZE = 20
EXPORT_CHUNK = 1000


def _filtered(request):
    filterset = PublicInnovationFilter(request.GET or None, queryset=public_innovations())
    return filterset, filterset.qs


# The filter bar of the unfiltered catalogue, as drawn, per language, years and URL settings.
_UNFILTERED_BARS = Kept(32)


def _filter_bar(form, years):
    return render_to_string("katalog/list_filter.html", {"filter": {"form": form}, "years": years})


def _unfiltered_bar(years):
    """The bar while nothing is filtered: the same for every such request of a language (no
    value shown, none selected), so drawn once per process for it; drawing its selects was
    a third of the page's Python."""
    key = (get_language(), tuple(years), get_script_prefix(), get_urlconf())
    return _UNFILTERED_BARS.get(key, lambda: _filter_bar(PublicInnovationFilter().form, years))


@login_not_required
@require_GET
def catalogue(request):
    years = cycle_years()
    count = known_count(request.GET, PublicInnovationFilter)
    if count is None:  # a filter asked for: the filter set's rows, counted
        filterset, queryset = _filtered(request)
        rows = queryset.values(*CARD_VALUES)
        filter_bar = _filter_bar(filterset.form, years)
        status = year_filter_status(request, filterset)
    else:  # the whole catalogue: its count cached (`public_count`), its cards prepared
        rows = card_rows(lambda: _filtered(request)[1].values(*CARD_VALUES))
        filter_bar = _unfiltered_bar(years)
        status = 200
    # The cards need values, not model instances (`{% catalogue_cards %}` reads the rows).
    paginator = Paginator(rows, PAGE_SIZE)
    if count is not None:
        paginator.count = count
    page = paginator.get_page(request.GET.get("page"))
    detail_url = row_url("katalog:detail")
    for row in page.object_list:
        row["url"] = detail_url(row["code"])
    return render(
        request,
        "katalog/list.html",
        {
            "filter_bar": filter_bar,
            "page": page,
            "innovations": page.object_list,
            "query": _query_without_page(request),
        },
        status=status,
    )


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_not_required
@require_GET
def detail(request, code):
    innovation = public_innovation(code)
    if innovation is None:
        raise Http404(_("No launched innovation has this code."))
    return render(request, "katalog/detail.html", {"innovation": innovation})


def _export_queryset(request):
    """The filtered list for open data; an invalid filter is a 400, never the whole catalogue."""
    filterset, queryset = _filtered(request)
    if filterset.is_bound and not filterset.is_valid():
        raise BadRequest(
            "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        )
    return queryset


def _records(queryset):
    """Serialized public records of the filtered list, read in chunks (constant memory)."""
    rows = public_rows(queryset)
    for row in iterate_prefetched(rows, chunk_size=EXPORT_CHUNK, prepare=with_people_records):
        yield public_record(row)


CSV_COLUMNS = [
    Column("code", lambda r: r["code"]),
    Column("title", lambda r: r["title"]),
    Column("year", lambda r: r["year"]),
    Column("unit", lambda r: r["unit"]),
    Column("unit_name", lambda r: r["unit_name"]),
    Column("source_category", lambda r: r["source_category"]),
    Column("form", lambda r: r["form"]),
    Column("type", lambda r: r["type"]),
    Column("initiator", lambda r: r["initiator"]),
    Column("maturity", lambda r: r["maturity"]),
    Column("trial_date", lambda r: r["trial_date"]),
    Column("implementation_date", lambda r: r["implementation_date"]),
    Column("summary", lambda r: r["summary"]),
    Column("problem", lambda r: r["problem"]),
    Column("design", lambda r: r["design"]),
    Column("goals", lambda r: r["goals"]),
    Column("benefits", lambda r: r["benefits"]),
    Column("results", lambda r: r["results"]),
    Column("video_url", lambda r: r["video_url"]),
    Column("innovators", lambda r: [i["name"] for i in r["innovators"]]),
    Column(
        "partners",
        lambda r: [f"{p['name']} ({p['actor']})" for p in r["partners"]],
    ),
    Column("demo", lambda r: "true" if r["demo"] else "false"),
    Column("imported", lambda r: "true" if r["imported"] else "false"),
]


@login_not_required
@require_GET
def data_csv(request):
    """Open data: UTF-8 with a BOM, formula-looking cells neutralised (intan_banjar.tabular)."""
    response = StreamingHttpResponse(
        csv_lines(CSV_COLUMNS, _records(_export_queryset(request))),
        content_type="text/csv; charset=utf-8",
    )
    return with_filename(response, "intan-banjar-katalog.csv")


def _json_chunks(records):
    yield "["
    for number, record in enumerate(records):
        yield ("," if number else "") + json.dumps(
            record, cls=DjangoJSONEncoder, ensure_ascii=False
        )
    yield "]"


@login_not_required
@require_GET
def data_json(request):
    response = StreamingHttpResponse(
        _json_chunks(_records(_export_queryset(request))),
        content_type="application/json; charset=utf-8",
    )
    return with_filename(response, "intan-banjar-katalog.json", inline=True)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class CommunitySubmissionForm(forms.Form):
    """Field names are those of the public API."""

    title = forms.CharField(
        label=gettext_lazy("Innovation name"), max_length=community.LIMITS["title"]
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=community.LIMITS["summary"],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("In a few sentences: what is the innovation?"),
    )
    problem = forms.CharField(
        label=gettext_lazy("Problem"),
        max_length=community.LIMITS["problem"],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Which problem in your village or community does it solve?"),
    )
    design = forms.CharField(
        label=gettext_lazy("Design and main changes"),
        max_length=community.LIMITS["design"],
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "How does it work, and what changes compared with before? At least 300 words, as "
            "the national innovation form requires."
        ),
    )
    benefits = forms.CharField(
        label=gettext_lazy("Benefits"),
        max_length=community.LIMITS["benefits"],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    village = forms.CharField(
        label=gettext_lazy("Village / district"), max_length=community.LIMITS["village"]
    )
    name = forms.CharField(
        label=gettext_lazy("Your name or your group's name"), max_length=community.LIMITS["name"]
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=community.LIMITS["email"],
        help_text=gettext_lazy("We send a confirmation link to this address."),
    )
    phone = PhoneFormField(label=gettext_lazy("Phone number"), max_length=community.LIMITS["phone"])
    attachments = MultipleFileField(
        label=gettext_lazy("Attachments (optional)"),
        required=False,
        help_text=gettext_lazy(
            "Up to 3 files: PDF, JPEG, PNG, XLSX or DOCX, at most 10 MB each. Not shown publicly."
        ),
    )
    # The honeypot: hidden from people (and screen readers), filled in by robots.
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "website":
                field.widget.attrs.setdefault("class", "form-control")


def _rate_limited(request):
    return render(
        request,
        "katalog/rate_limited.html",
        {"limit": community.rate_limit()},
        status=429,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def submit(request):
    ip = client_ip(request)
    closed = None
    try:
        community.open_cycle()
    except community.SubmissionsClosed as exc:
        closed = " ".join(exc.messages)
    if request.method == "POST" and closed is None:
        if community.rate_limit_exceeded(ip):
            return _rate_limited(request)
        form = CommunitySubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            result = attempt(
                request,
                lambda: community.community_submission_create(
                    files=data.pop("attachments"), honeypot=data.pop("website"), **data
                ),
                quiet=True,
            )
            if isinstance(result.error, community.SubmissionsClosed):
                closed = result.message
            elif result.failed:
                _add_errors(form, result.errors)
            else:
                community.rate_limit_count(ip)
                return redirect("katalog:submit_sent")
    else:
        form = CommunitySubmissionForm()
    return render(request, "katalog/submit.html", {"form": form, "closed": closed})


def _add_errors(form, errors):
    for field, messages in errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


@login_not_required
@require_GET
def submit_sent(request):
    return render(request, "katalog/submit_sent.html", {"message": community.accepted_message()})


class ConfirmationResendForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=community.LIMITS["email"],
        help_text=gettext_lazy("The address you gave when you submitted your innovation."),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "email"}),
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def resend(request):
    """Ask for the confirmation e-mail again. The answer never says whether the address has
    entries; the limits count per client address and per e-mail address."""
    form = ConfirmationResendForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        ip, email = client_ip(request), form.cleaned_data["email"]
        if community.resend_limit_exceeded(ip=ip, email=email):
            limited = _("Too many requests for a new link. Please try again in an hour.")
            return render(
                request, "katalog/resend.html", {"form": form, "limited": limited}, status=429
            )
        community.resend_limit_count(ip=ip, email=email)
        community.community_confirmation_resend(email=email)
        return redirect("katalog:resend_sent")
    return render(request, "katalog/resend.html", {"form": form})


@login_not_required
@require_GET
def resend_sent(request):
    return render(request, "katalog/submit_sent.html", {"message": community.resent_message()})


def _confirm_error(request, message, status):
    return render(request, "katalog/confirm.html", {"error": message}, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link of the confirmation e-mail. Its GET only shows the entry and a button: mail
    scanners and link previews follow links, and must not confirm anything. The button's POST
    (with the page's CSRF token) confirms."""
    try:
        innovation = community.confirmation_entry(token)
    except community.InvalidToken as exc:
        return _confirm_error(request, " ".join(exc.messages), 400)
    if request.method == "GET":
        confirmed = innovation.community_submitter.email_confirmed_at is not None
        return render(
            request,
            "katalog/confirm.html",
            {"innovation": innovation, "pending": not confirmed},
        )
    result = attempt(request, lambda: community.community_confirm_token(token=token), quiet=True)
    if isinstance(result.error, community.InvalidToken):
        return _confirm_error(request, result.message, 400)
    if isinstance(result.error, StateConflict):  # withdrawn, or already past submission
        return _confirm_error(request, _("This submission can no longer be confirmed."), 409)
    if result.failed:  # the workflow's rules for a submission, e.g. the deadline has passed
        return _confirm_error(request, result.message, 409)
    return render(request, "katalog/confirm.html", {"innovation": result.value})
