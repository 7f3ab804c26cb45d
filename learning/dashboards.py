"""Reads behind the staff pages: the trainer's grid (trainee × module), its
exports, the association coordinator's follow-up and the ministry's
national overview. Every function starts from the scoped querysets of
``learning.permissions`` and costs a number of queries that does not grow
with the number of trainees, modules or cohorts. Nothing here writes."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, ExtractYear, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from accounts.regions import Region
from .models import Cohort, CohortMembership, Enrollment, ModuleProgress, Nomination, NominationStatus
from .outline import STEPLEN, course_outline
from .permissions import cohorts_visible_to, memberships_visible_to, nominations_visible_to
from .selectors import inactive_filter, inactivity_days, localized_pages

# Counts below this are shown as "fewer than 5" on national reports.
SMALL_COUNT = 5


# --- Trainer's grid ------------------------------------------------------------


@dataclass(frozen=True)
class GridColumn:
    id: int
    position: int
    title: str


@dataclass
class GridCell:
    percent: int = 0
    complete: bool = False

    @property
    def css(self) -> str:
        return "complete" if self.complete else ("started" if self.percent else "none")


@dataclass
class GridRow:
    membership: CohortMembership
    cells: list[GridCell]
    quiet_days: int  # days since the last activity (or the enrolment)
    inactive: bool

    @property
    def enrollment(self) -> Enrollment:
        return self.membership.enrollment

    @property
    def user(self):
        return self.membership.enrollment.user


@dataclass
class CohortGrid:
    cohort: Cohort
    columns: list[GridColumn]
    rows: list[GridRow]
    days: int
    total: int  # rows visible to this user before filtering

    @property
    def completed(self) -> int:
        return sum(1 for row in self.rows if row.enrollment.completed_at)

    @property
    def inactive(self) -> int:
        return sum(1 for row in self.rows if row.inactive)


def grid_columns(cohort: Cohort) -> list[GridColumn]:
    """The course's live modules, titled in the active language (3–4 queries)."""
    outline = course_outline(cohort.course)
    pages = localized_pages([module.id for module in outline.modules])
    return [
        GridColumn(id=module.id, position=module.position, title=pages[module.id].title if module.id in pages else module.title)
        for module in outline.modules
    ]


def grid_memberships(*, user, cohort: Cohort, q: str = "", status: str = "", days: int | None = None, now=None):
    """The memberships of ``cohort`` that ``user`` may see, filtered."""
    days = days or inactivity_days()
    memberships = (
        memberships_visible_to(user, cohort)
        .select_related("enrollment__user__association")
        .order_by("enrollment__user__full_name_ar", "enrollment__user__email")
    )
    q = (q or "").strip()
    if q:
        memberships = memberships.filter(
            Q(enrollment__user__full_name_ar__icontains=q)
            | Q(enrollment__user__first_name__icontains=q)
            | Q(enrollment__user__last_name__icontains=q)
            | Q(enrollment__user__email__icontains=q)
        )
    if status == "not_started":
        memberships = memberships.filter(enrollment__last_activity_at__isnull=True)
    elif status == "in_progress":
        memberships = memberships.filter(enrollment__last_activity_at__isnull=False, enrollment__completed_at__isnull=True)
    elif status == "completed":
        memberships = memberships.filter(enrollment__completed_at__isnull=False)
    elif status == "inactive":
        memberships = memberships.filter(enrollment__in=Enrollment.objects.filter(inactive_filter(days, now)))
    return memberships


def _rows(memberships: list[CohortMembership], columns: list[GridColumn], days: int, now) -> list[GridRow]:
    by_enrollment: dict[int, dict[int, ModuleProgress]] = {}
    for row in ModuleProgress.objects.filter(enrollment_id__in=[m.enrollment_id for m in memberships]):
        by_enrollment.setdefault(row.enrollment_id, {})[row.module_id] = row
    threshold = now - timedelta(days=days)
    rows = []
    for membership in memberships:
        enrollment = membership.enrollment
        modules = by_enrollment.get(enrollment.pk, {})
        cells = []
        for column in columns:
            progress = modules.get(column.id)
            cells.append(GridCell(percent=progress.percent, complete=progress.completed_at is not None) if progress else GridCell())
        since = enrollment.last_activity_at or enrollment.enrolled_at
        rows.append(
            GridRow(
                membership=membership,
                cells=cells,
                quiet_days=max(0, (now - since).days),
                inactive=enrollment.completed_at is None and since < threshold,
            )
        )
    return rows


def cohort_grid(*, user, cohort: Cohort, q: str = "", status: str = "", days: int | None = None, now=None) -> CohortGrid:
    """Trainee × module progress of one cohort as ``user`` may see it, in a
    fixed number of queries (outline 2, titles ≤2, memberships 1, module rows 1, total 1)."""
    now = now or timezone.now()
    days = days or inactivity_days()
    columns = grid_columns(cohort)
    memberships = list(grid_memberships(user=user, cohort=cohort, q=q, status=status, days=days, now=now))
    return CohortGrid(
        cohort=cohort,
        columns=columns,
        rows=_rows(memberships, columns, days, now),
        days=days,
        total=memberships_visible_to(user, cohort).count(),
    )


EXPORT_BATCH = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """A value for a spreadsheet cell: text a person typed (a name, an
    association) that starts like a formula is kept as text, never run."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def grid_export_rows(*, user, cohort: Cohort, q: str = "", status: str = "", days: int | None = None, now=None) -> Iterator[list]:
    """The grid as rows of plain values (a header first), read in batches
    so a cohort of thousands streams without being held in memory."""
    now = now or timezone.now()
    days = days or inactivity_days()
    columns = grid_columns(cohort)
    yield [
        _("Name (Arabic)"), _("Name (Latin script)"), _("E-mail"), _("Association"), _("Enrolled on"),
        _("Last activity"), _("Days without activity"), _("Course progress (%)"), _("Completed on"),
        *[f"{column.position}. {column.title}" for column in columns],
    ]
    memberships = grid_memberships(user=user, cohort=cohort, q=q, status=status, days=days, now=now)
    last_pk, batch = 0, True
    while batch:
        # keyset pagination on the primary key keeps each batch one query
        batch = list(memberships.filter(pk__gt=last_pk).order_by("pk")[:EXPORT_BATCH])
        if not batch:
            break
        last_pk = batch[-1].pk
        for row in _rows(batch, columns, days, now):
            enrollment, person = row.enrollment, row.user
            yield [
                _cell(person.full_name_ar), _cell(person.full_name_latin), _cell(person.email),
                _cell(person.association.display_name() if person.association else ""),
                timezone.localtime(enrollment.enrolled_at).date().isoformat(),
                timezone.localtime(enrollment.last_activity_at).date().isoformat() if enrollment.last_activity_at else "",
                row.quiet_days, enrollment.percent,
                timezone.localtime(enrollment.completed_at).date().isoformat() if enrollment.completed_at else "",
                *[cell.percent for cell in row.cells],
            ]


# --- Cohort lists ---------------------------------------------------------------


def cohort_list(*, user) -> list[Cohort]:
    """The cohorts ``user`` may see, with member and pending-nomination
    counts (scoped for coordinators) and course titles in the active
    language, in three or four queries."""
    from .permissions import is_coordinator, is_officer, is_trainer

    scoped = is_coordinator(user) and not (is_officer(user) or is_trainer(user))
    member_filter = Q(memberships__enrollment__user__association_id=user.association_id) if scoped else Q()
    nomination_filter = Q(nominations__status=NominationStatus.PENDING)
    if scoped:
        nomination_filter &= Q(nominations__association_id=user.association_id)
    cohorts = list(
        cohorts_visible_to(user)
        .select_related("course")
        .annotate(
            member_count=Count("memberships", filter=member_filter, distinct=True),
            pending_count=Count("nominations", filter=nomination_filter, distinct=True),
        )
        .order_by("-starts_on", "name_ar")
    )
    titles = localized_pages({cohort.course_id for cohort in cohorts})
    for cohort in cohorts:
        cohort.course_title = titles[cohort.course_id].title if cohort.course_id in titles else ""
    return cohorts


def pending_nominations(*, user, cohort: Cohort) -> QuerySet[Nomination]:
    return (
        nominations_visible_to(user)
        .filter(cohort=cohort, status=NominationStatus.PENDING)
        .select_related("trainee", "association", "nominated_by")
        .order_by("created_at")
    )


# --- Association coordinator ---------------------------------------------------------


@dataclass
class MemberLine:
    user: object
    enrollments: list[Enrollment] = field(default_factory=list)


def association_members(*, user) -> list[MemberLine]:
    """The coordinator's association's members and their enrolments (course
    titles in the active language), in four or five queries."""
    from accounts.models import User

    members = list(
        User.objects.filter(association_id=user.association_id, is_active=True).exclude(pk=user.pk).order_by("full_name_ar", "email")
    )
    lines = {member.pk: MemberLine(user=member) for member in members}
    enrollments = list(
        Enrollment.objects.filter(user_id__in=lines).select_related("membership__cohort").order_by("enrolled_at")
    )
    titles = localized_pages({enrollment.course_id for enrollment in enrollments})
    for enrollment in enrollments:
        enrollment.course_title = titles[enrollment.course_id].title if enrollment.course_id in titles else ""
        lines[enrollment.user_id].enrollments.append(enrollment)
    return list(lines.values())


def association_nominations(*, user) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(association_id=user.association_id)
        .select_related("trainee", "cohort")
        .order_by("-created_at")
    )


def cohorts_open_for_nomination(*, today=None) -> QuerySet[Cohort]:
    today = today or timezone.localdate()
    return Cohort.objects.filter(ends_on__gte=today).select_related("course").order_by("starts_on", "name_ar")


# --- National overview ----------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A count on a public-facing report: small counts are hidden."""

    value: int

    @property
    def hidden(self) -> bool:
        return 0 < self.value < SMALL_COUNT

    def __str__(self):
        return _("fewer than %(n)s") % {"n": SMALL_COUNT} if self.hidden else str(self.value)


@dataclass
class OverviewLine:
    label: str
    enrolled: Figure
    active: Figure
    completed: Figure
    key: str = ""
    scale: int = 0  # the largest enrolled count of its section (bars' 100 %)

    def _bar(self, figure: Figure) -> int:
        """Bar length in percent of the scale; a hidden count draws no bar."""
        if figure.hidden or not figure.value or not self.scale:
            return 0
        return max(1, round(100 * figure.value / self.scale))

    @property
    def bar_enrolled(self) -> int:
        return self._bar(self.enrolled)

    @property
    def bar_active(self) -> int:
        return self._bar(self.active)

    @property
    def bar_completed(self) -> int:
        return self._bar(self.completed)


def _scaled(lines: list[OverviewLine]) -> list[OverviewLine]:
    scale = max((line.enrolled.value for line in lines if not line.enrolled.hidden), default=0)
    for line in lines:
        line.scale = scale
    return lines


@dataclass
class Overview:
    totals: OverviewLine
    by_region: list[OverviewLine]
    by_programme: list[OverviewLine]
    by_cohort: list[OverviewLine]
    by_year: list[OverviewLine]
    days: int

    @property
    def sections(self) -> list[tuple[str, str, list[OverviewLine]]]:
        return [
            ("region", _("By region"), self.by_region),
            ("programme", _("By programme"), self.by_programme),
            ("cohort", _("By cohort"), self.by_cohort),
            ("year", _("By year of enrolment"), self.by_year),
        ]


def _counts(queryset: QuerySet, key, days: int, now: datetime) -> dict:
    active_since = now - timedelta(days=days)
    rows = (
        queryset.annotate(group=key)
        .values("group")
        .annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            active=Count("pk", filter=Q(completed_at__isnull=True, last_activity_at__gte=active_since)),
        )
    )
    return {row["group"]: (row["enrolled"], row["active"], row["completed"]) for row in rows}


def _line(label: str, counts: tuple[int, int, int], key="") -> OverviewLine:
    enrolled, active, completed = counts
    return OverviewLine(label=label, enrolled=Figure(enrolled), active=Figure(active), completed=Figure(completed), key=str(key))


def _sum(counts) -> tuple[int, int, int]:
    return tuple(sum(values) for values in zip(*counts, strict=True)) if counts else (0, 0, 0)


def national_overview(*, now=None, days: int | None = None) -> Overview:
    """Enrolled / active (activity in the last ``days`` days, not completed)
    / completed, in total and by region (the cohort's, else the trainee's),
    programme, cohort and year, in a fixed number of queries."""
    now = now or timezone.now()
    days = days or inactivity_days()
    enrollments = Enrollment.objects.all()

    by_region = _counts(
        enrollments, Coalesce("membership__cohort__region", NullIf("user__region", Value(""))), days, now
    )
    region_labels = dict(Region.choices)
    region_lines = [_line(str(label), by_region[code], code) for code, label in Region.choices if code in by_region]
    if None in by_region:
        region_lines.append(_line(_("Region not given"), by_region[None]))

    by_course = _counts(enrollments, F("course_id"), days, now)
    courses = {course.pk: course.path for course in Page.objects.filter(pk__in=list(by_course)).only("path")}
    programmes = {
        page.path: page for page in Page.objects.filter(path__in={path[:-STEPLEN] for path in courses.values()}, depth__gt=1)
    }
    programme_titles = localized_pages([page.pk for page in programmes.values()])
    grouped: dict[int, list] = {}
    for course_id, counts in by_course.items():
        programme = programmes.get(courses.get(course_id, "")[:-STEPLEN])
        grouped.setdefault(programme.pk if programme else 0, []).append(counts)
    programme_lines = sorted(
        (
            _line(programme_titles[pk].title if pk in programme_titles else _("Other courses"), _sum(counts), pk)
            for pk, counts in grouped.items()
        ),
        key=lambda line: line.label,
    )

    by_cohort = _counts(enrollments.filter(membership__isnull=False), F("membership__cohort_id"), days, now)
    cohorts = Cohort.objects.filter(pk__in=list(by_cohort)).order_by("-starts_on", "name_ar")
    cohort_lines = [
        _line(f"{cohort.display_name()} · {region_labels.get(cohort.region, '')}", by_cohort[cohort.pk], cohort.pk)
        for cohort in cohorts
    ]

    by_year = _counts(enrollments, ExtractYear("enrolled_at"), days, now)
    year_lines = [_line(str(year), by_year[year], year) for year in sorted(by_year)]

    totals = _line(_("All trainees"), _sum(list(by_year.values())))
    return Overview(
        totals=totals,
        by_region=_scaled(region_lines),
        by_programme=_scaled(programme_lines),
        by_cohort=_scaled(cohort_lines),
        by_year=_scaled(year_lines),
        days=days,
    )


__all__ = [
    "CohortGrid",
    "Figure",
    "Overview",
    "association_members",
    "association_nominations",
    "cohort_grid",
    "cohort_list",
    "cohorts_open_for_nomination",
    "grid_export_rows",
    "national_overview",
    "pending_nominations",
]
