"""The network map pages of a trajectory: the map with the table of the same members and the
forms to add, paste, sort, move and remove people; the downloads; the snapshots and their
comparison; and the office's research export.

Every view loads the trajectory through `trajectory_for` with `can_work_on_trajectory` (404 for
anyone else, and the look is audited). The forms work without JavaScript (POST, then a redirect
back to the map); network.js sends the same POST with the `X-Network-Fragment` header and gets
the map region back instead, to swap it in place.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eigenkracht.accounts.two_factor import second_factor_required
from eigenkracht.core.http import client_ip
from eigenkracht.core.models import AuditEntry, Organisation
from eigenkracht.core.refusals import Refused
from eigenkracht.network import export, selectors, services
from eigenkracht.network.comparison import compare
from eigenkracht.network.drawing import (
    DrawnMap,
    MapRow,
    centre_label,
    draw,
    pseudonymise,
    rows_from_members,
    rows_from_snapshot,
)
from eigenkracht.network.forms import (
    CompareForm,
    ExportForm,
    MemberEditForm,
    MemberForm,
    MoveForm,
    PasteForm,
    SnapshotForm,
    SortForm,
)
from eigenkracht.network.kinds import RINGS, SECTORS
from eigenkracht.network.models import (
    NetworkMember,
    NetworkSnapshot,
    Ring,
    Sector,
    Tie,
    place_label,
)
from eigenkracht.trajectories.access import trajectory_for
from eigenkracht.trajectories.models import FINISHED_STATUSES, Domain, Participant, Trajectory
from eigenkracht.trajectories.policies import can_manage_trajectories, can_work_on_trajectory

FRAGMENT_HEADER = "X-Network-Fragment"
DOMAIN_LABELS = dict(Domain.choices)


def _is_fragment(request: HttpRequest) -> bool:
    return request.headers.get(FRAGMENT_HEADER) == "1"


def _load(request: HttpRequest, pk: int, page: str) -> Trajectory:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page=page)
    # One query for the header's title and for keeping the participants on the map.
    prefetch_related_objects(
        [trajectory],
        Prefetch("participants", queryset=Participant.objects.select_related("network_member")),
    )
    return trajectory


def _member(trajectory: Trajectory, member_pk: int) -> NetworkMember:
    member = get_object_or_404(NetworkMember, pk=member_pk, trajectory=trajectory)
    member.trajectory = trajectory
    return member


def _map_url(trajectory: Trajectory) -> str:
    return reverse("trajectories:network:map", args=[trajectory.pk])


def _title(trajectory: Trajectory) -> str:
    return _("Netwerkkaart van %(name)s") % {"name": centre_label(trajectory.main_people)}


def _current(trajectory: Trajectory) -> tuple[list[NetworkMember], DrawnMap]:
    """The map as it is now. Participants written without the services (older trajectories,
    imports) are put on the map first; usually that finds nothing to do."""
    with transaction.atomic():
        services.participants_sync(
            trajectory=trajectory, participants=trajectory.participants.all()
        )
    members = selectors.map_members(trajectory)
    for member in members:
        member.domain_labels = [DOMAIN_LABELS[c] for c in member.domains if c in DOMAIN_LABELS]
    drawn = draw(
        rows_from_members(members),
        centre=centre_label(trajectory.main_people),
        title=_title(trajectory),
    )
    return members, drawn


def _by_place(member: NetworkMember) -> tuple[int, int, str, int]:
    return (
        SECTORS.index(member.sector),
        RINGS.index(member.ring),
        member.name.casefold(),
        member.pk,
    )


def _render_map(
    request: HttpRequest,
    trajectory: Trajectory,
    *,
    notice: str = "",
    notice_level: str = "success",
    add_form: MemberForm | None = None,
    paste_form: PasteForm | None = None,
    sort_form: SortForm | None = None,
) -> HttpResponse:
    members, drawn = _current(trajectory)
    placed = sorted((m for m in members if m.is_sorted), key=_by_place)
    unsorted = [m for m in members if not m.is_sorted]
    context: dict[str, Any] = {
        "trajectory": trajectory,
        "can_work": True,
        "tab": "network",
        "finished": trajectory.status in FINISHED_STATUSES,
        "svg": drawn.svg,
        "placed": placed,
        "unsorted": unsorted,
        "member_count": len(members),
        "attended_count": sum(1 for m in members if m.attended),
        "sector_choices": Sector.choices,
        "ring_choices": Ring.choices,
        "tie_choices": Tie.choices,
        "add_form": add_form or MemberForm(prefix="add"),
        "paste_form": paste_form or PasteForm(prefix="paste"),
        "sort_form": sort_form
        if sort_form is not None and sort_form.members == unsorted
        else SortForm(members=unsorted, prefix="sort"),
        "notice": notice,
        "notice_level": notice_level,
        "scale": drawn.layout.scale,
    }
    template = "network/_region.html" if _is_fragment(request) else "network/map.html"
    return render(request, template, context)


def _done(
    request: HttpRequest, trajectory: Trajectory, message: str, *, level: str = "success"
) -> HttpResponse:
    """After a change: the region (JavaScript) or a redirect to the map (POST-redirect-GET)."""
    if _is_fragment(request):
        return _render_map(request, trajectory, notice=message, notice_level=level)
    getattr(messages, level)(request, message)
    return redirect(_map_url(trajectory))


def _not_saved(request: HttpRequest, trajectory: Trajectory, message: str, **forms: Any):
    return _render_map(request, trajectory, notice=message, notice_level="error", **forms)


# The map -----------------------------------------------------------------------------------------


@second_factor_required
@require_GET
def network_map(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_map")
    return _render_map(request, trajectory)


@second_factor_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_member_add")
    form = MemberForm(request.POST, prefix="add")
    if form.is_valid():
        data = form.cleaned_data
        try:
            member = services.member_add(
                trajectory=trajectory,
                name=data["name"],
                sector=data["sector"],
                ring=data["ring"],
                tie=data["tie"],
                domains=data["domains"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            if member.is_sorted:
                message = _("%(name)s staat op de kaart.") % {"name": member.name}
            else:
                message = _("%(name)s is toegevoegd en wacht om gesorteerd te worden.") % {
                    "name": member.name
                }
            return _done(request, trajectory, message)
    return _not_saved(
        request,
        trajectory,
        _("De persoon is nog niet toegevoegd. Kijk het formulier na."),
        add_form=form,
    )


@second_factor_required
@require_POST
def members_paste(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_members_paste")
    form = PasteForm(request.POST, prefix="paste")
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = services.members_add_many(
                trajectory=trajectory,
                text=data["names"],
                sector=data["sector"],
                ring=data["ring"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as exc:
            form.add_error("names", str(exc))
        else:
            return _done(
                request,
                trajectory,
                _paste_message(result),
                level="success" if result.added else "info",
            )
    return _not_saved(
        request,
        trajectory,
        _("De lijst is nog niet toegevoegd. Kijk het formulier na."),
        paste_form=form,
    )


def _paste_message(result: services.PasteResult) -> str:
    parts = [
        _("%(count)s personen toegevoegd.") % {"count": len(result.added)}
        if result.added
        else _("Er kwam niemand bij.")
    ]
    if result.already_there:
        parts.append(_("%(count)s stonden al op de kaart.") % {"count": result.already_there})
    if result.repeated:
        parts.append(
            _("%(count)s namen stonden meer dan eens in de lijst.") % {"count": result.repeated}
        )
    return " ".join(parts)


@second_factor_required
@require_POST
def members_sort(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_members_sort")
    unsorted = [m for m in selectors.map_members(trajectory) if not m.is_sorted]
    form = SortForm(request.POST, members=unsorted, prefix="sort")
    if form.is_valid():
        placements = form.placements()
        if not placements:
            form.add_error(None, _("Kies voor minstens één persoon een sector en een ring."))
        else:
            try:
                count = services.members_sort(
                    trajectory=trajectory,
                    placements=placements,
                    actor=request.user,
                    ip_address=client_ip(request),
                )
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                return _done(
                    request, trajectory, _("%(count)s personen gesorteerd.") % {"count": count}
                )
    return _not_saved(request, trajectory, _("De sortering is nog niet bewaard."), sort_form=form)


@second_factor_required
@require_POST
def member_move(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_member_move")
    member = _member(trajectory, member_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            member = services.member_update(
                member=member,
                sector=form.cleaned_data["sector"],
                ring=form.cleaned_data["ring"],
                tie=form.cleaned_data["tie"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as exc:
            return _not_saved(request, trajectory, str(exc))
        return _done(
            request,
            trajectory,
            _("%(name)s staat nu bij %(place)s, met een %(tie)s.")
            % {
                "name": member.name,
                "place": place_label(member.sector, member.ring),
                "tie": str(Tie(member.tie).label).lower(),
            },
        )
    errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return _not_saved(
        request,
        trajectory,
        _("%(name)s is niet verplaatst: %(errors)s")
        % {
            "name": member.name,
            "errors": errors,
        },
    )


@second_factor_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_member_edit")
    member = _member(trajectory, member_pk)
    finished = trajectory.status in FINISHED_STATUSES
    form = MemberEditForm(request.POST if request.method == "POST" else None, member=member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.member_update(
                member=member,
                name=None if member.participant_id else data["name"],
                sector=data["sector"],
                ring=data["ring"],
                tie=data["tie"],
                domains=data["domains"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("De gegevens van %(name)s zijn bewaard.") % {"name": member.name}
            )
            return redirect(_map_url(trajectory))
    return render(
        request,
        "network/member_form.html",
        {
            "trajectory": trajectory,
            "can_work": True,
            "tab": "network",
            "finished": finished,
            "member": member,
            "form": form,
        },
    )


@second_factor_required
@require_http_methods(["GET", "POST"])
def member_delete(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_member_delete")
    member = _member(trajectory, member_pk)
    if request.method == "POST":
        try:
            services.member_delete(member=member, actor=request.user, ip_address=client_ip(request))
        except Refused as exc:
            if _is_fragment(request):
                return _not_saved(request, trajectory, str(exc))
            messages.error(request, str(exc))
            return redirect(_map_url(trajectory))
        return _done(
            request, trajectory, _("%(name)s staat niet meer op de kaart.") % {"name": member.name}
        )
    return render(
        request,
        "network/member_delete.html",
        {
            "trajectory": trajectory,
            "can_work": True,
            "tab": "network",
            "finished": trajectory.status in FINISHED_STATUSES,
            "member": member,
        },
    )


# Downloads ---------------------------------------------------------------------------------------


def _file(content: bytes | str, content_type: str, filename: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


SVG = "image/svg+xml; charset=utf-8"


def _pseudonymised_svg(rows: list[MapRow]) -> str:
    return draw(
        pseudonymise(rows), centre=_("Hoofdpersoon"), title=_("Netwerkkaart (zonder namen)")
    ).svg


@second_factor_required
@require_GET
def map_svg(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_map_svg")
    _members, drawn = _current(trajectory)
    return _file(drawn.svg, SVG, f"netwerkkaart-{trajectory.reference}.svg", inline=False)


@second_factor_required
@require_GET
def map_pseudonymised_svg(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_map_pseudonymised_svg")
    _members, drawn = _current(trajectory)
    day = timezone.localdate().isoformat()
    return _file(
        _pseudonymised_svg(drawn.rows), SVG, f"netwerkkaart-zonder-namen-{day}.svg", inline=False
    )


@second_factor_required
@require_GET
def map_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    from eigenkracht.network.map_pdf import map_pdf  # loaded when used (fpdf2, see the module)

    trajectory = _load(request, pk, "network_map_pdf")
    _members, drawn = _current(trajectory)
    content = map_pdf(
        drawn,
        heading=Organisation.current().name,
        subheading=_("Netwerkkaart · %(reference)s · %(date)s")
        % {
            "reference": trajectory.reference,
            "date": timezone.localdate().strftime("%d/%m/%Y"),
        },
        footnote=_("Vertrouwelijk: enkel voor wie aan dit traject werkt."),
    )
    return _file(
        content, "application/pdf", f"netwerkkaart-{trajectory.reference}.pdf", inline=True
    )


# Snapshots ---------------------------------------------------------------------------------------


@second_factor_required
@require_http_methods(["GET", "POST"])
def snapshots(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_snapshots")
    finished = trajectory.status in FINISHED_STATUSES
    form = SnapshotForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.snapshot_take(
                trajectory=trajectory,
                reason=NetworkSnapshot.Reason.MANUAL,
                note=form.cleaned_data["note"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De kaart is vastgelegd zoals ze nu is."))
            return redirect("trajectories:network:snapshots", pk=trajectory.pk)
    taken = list(selectors.snapshots_for(trajectory))
    return render(
        request,
        "network/snapshots.html",
        {
            "trajectory": trajectory,
            "can_work": True,
            "tab": "network",
            "finished": finished,
            "snapshots": taken,
            "form": form,
            "compare_form": CompareForm(
                snapshots=taken, initial={"earlier": taken[0].pk if taken else None}
            ),
        },
    )


@second_factor_required
@require_GET
def snapshot_compare(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_snapshot_compare")
    taken = list(selectors.snapshots_for(trajectory))
    form = CompareForm(request.GET or None, snapshots=taken)
    if not taken or not form.is_valid():
        messages.error(request, _("Kies een vroegere momentopname om mee te vergelijken."))
        return redirect("trajectories:network:snapshots", pk=trajectory.pk)
    earlier = NetworkSnapshot.objects.get(pk=form.cleaned_data["earlier"].pk)
    later_choice = form.cleaned_data["later"]
    centre = centre_label(trajectory.main_people)
    before = rows_from_snapshot(earlier)
    if later_choice is None:
        _members, after_map = _current(trajectory)
        after, later = after_map.rows, None
    else:
        later = NetworkSnapshot.objects.get(pk=later_choice.pk)
        after = rows_from_snapshot(later)
        after_map = draw(after, centre=centre, title=_snapshot_title(later))
    before_map = draw(before, centre=centre, title=_snapshot_title(earlier))
    comparison = compare(before, after)
    sector_labels = dict(Sector.choices)
    return render(
        request,
        "network/compare.html",
        {
            "trajectory": trajectory,
            "can_work": True,
            "tab": "network",
            "earlier": earlier,
            "later": later,
            "comparison": comparison,
            "count_rows": [
                (sector_labels.get(line.sector, _("Nog te sorteren")), line.cells)
                for line in comparison.lines
            ],
            "before_svg": before_map.svg_with_ids("before"),
            "after_svg": after_map.svg_with_ids("after"),
            "ring_labels": [label for _code, label in Ring.choices],
            "compare_form": form,
        },
    )


def _snapshot_title(snapshot: NetworkSnapshot) -> str:
    return _("Netwerkkaart %(reason)s, %(date)s") % {
        "reason": snapshot.get_reason_display().lower(),
        "date": timezone.localtime(snapshot.taken_at).strftime("%d/%m/%Y"),
    }


@second_factor_required
@require_GET
def snapshot_svg(request: HttpRequest, pk: int, snapshot_pk: int) -> HttpResponse:
    trajectory = _load(request, pk, "network_snapshot_svg")
    snapshot = get_object_or_404(NetworkSnapshot, pk=snapshot_pk, trajectory=trajectory)
    rows = rows_from_snapshot(snapshot)
    day = timezone.localdate(snapshot.taken_at).isoformat()
    if request.GET.get("namen") == "nee":
        return _file(
            _pseudonymised_svg(rows),
            SVG,
            f"netwerkkaart-zonder-namen-{day}-{snapshot.reason}.svg",
            inline=False,
        )
    drawn = draw(rows, centre=centre_label(trajectory.main_people), title=_snapshot_title(snapshot))
    return _file(
        drawn.svg,
        SVG,
        f"netwerkkaart-{trajectory.reference}-{day}-{snapshot.reason}.svg",
        inline=False,
    )


# The office's research export --------------------------------------------------------------------


@second_factor_required
@require_GET
def research_export(request: HttpRequest) -> HttpResponse:
    if not can_manage_trajectories(request.user):
        raise PermissionDenied
    form = ExportForm(request.GET if "file_format" in request.GET else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        criteria = export.Criteria(
            statuses=data["statuses"],
            referred_from=data["referred_from"],
            referred_until=data["referred_until"],
        )
        queryset = export.snapshots_for_export(criteria)
        day = timezone.localdate().isoformat()
        try:
            if data["file_format"] == "zip":
                content, rows = export.export_zip(queryset)
                response = _file(
                    content, "application/zip", f"netwerkkaarten-{day}.zip", inline=False
                )
            else:
                content, rows = export.export_csv(queryset.iterator(chunk_size=200))
                response = _file(
                    content, "text/csv; charset=utf-8", f"netwerkkaarten-{day}.csv", inline=False
                )
        except export.TooManyMaps as exc:
            form.add_error(None, str(exc))
        else:
            AuditEntry.objects.create(
                actor=request.user,
                action="network.export",
                object_type=NetworkSnapshot._meta.label_lower,
                object_id="",
                object_repr=_("Export voor onderzoek"),
                data={
                    "statuses": data["statuses"],
                    "referred_from": str(data["referred_from"] or ""),
                    "referred_until": str(data["referred_until"] or ""),
                    "format": data["file_format"],
                    "rows": rows,
                },
                ip_address=client_ip(request),
            )
            return response
    return render(request, "network/export.html", {"form": form})
