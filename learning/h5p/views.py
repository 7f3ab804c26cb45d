"""The player frame, the unpacked files, and the trainee's saved state.

The frame and the files are fetched with a ticket (see ``permissions``): no
session is needed, so they work from a sandboxed frame or from the separate
content origin. The state endpoint is called by the lesson page (main
origin, session, CSRF) with what the frame posts to it.
"""

import json
import posixpath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import H5PUserState, h5p_storage
from .permissions import ready_activity, ticket_read, ticket_still_valid
from .player import FILE_CSP, content_origin, content_type_for, frame_csp, player_assets, player_installed
from .services.state import STATE_MAX_CHARS, state_save
from .services.xapi import StatementRejected, activity_iri, xapi_statement_record

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _ticket_or_404(ticket_value: str):
    ticket = ticket_read(ticket_value)
    if ticket is None:
        raise Http404
    activity = ready_activity(ticket.activity_id)
    if activity is None:
        raise Http404
    return ticket, activity


@require_GET
@never_cache
@xframe_options_exempt  # framing is governed by the CSP's frame-ancestors
def frame(request, ticket: str):
    ticket_obj, activity = _ticket_or_404(ticket)
    if not ticket_still_valid(ticket_obj):
        return HttpResponseForbidden()
    language = request.GET.get("lang")
    language = language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE
    own_origin = f"{request.scheme}://{request.get_host()}"
    site_origin = settings.SITE_URL.rstrip("/") if content_origin() else own_origin
    state = (
        H5PUserState.objects.filter(user_id=ticket_obj.user_id, activity=activity, lesson_id=ticket_obj.lesson_id)
        .values_list("state", flat=True)
        .first()
    )
    base = f"{content_origin()}/h5p/c/{ticket}"
    config = {
        "h5pJsonPath": base,
        "activityIri": activity_iri(activity.pk),
        "state": state or None,
        "language": language,
        "dir": "rtl" if translation.get_language_info(language)["bidi"] else "ltr",
        "parentOrigin": site_origin,
        **player_assets(),
    }
    with translation.override(language):
        response = render(
            request,
            "h5p/frame.html",
            {"activity": activity, "config": config, "installed": player_installed(), "language": language},
        )
    response["Content-Security-Policy"] = frame_csp(own_origin, site_origin)
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def content(request, ticket: str, path: str):
    ticket_obj, activity = _ticket_or_404(ticket)
    normalized = posixpath.normpath(path)
    if path != normalized or normalized.startswith(("/", "..")) or "\\" in path or not activity.content_prefix:
        raise Http404
    if not ticket_still_valid(ticket_obj):
        return HttpResponseForbidden()
    storage = h5p_storage()
    name = f"{activity.content_prefix}/{normalized}"
    try:
        handle = storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type, inline = content_type_for(name)
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=posixpath.basename(name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    # Fetched by a sandboxed (opaque-origin) frame: readable without
    # credentials; the ticket in the URL is what grants access.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    response["Cache-Control"] = "private, max-age=3600"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
def state(request, activity_id: int):
    """Save what the player reports for resuming (from the lesson page)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "login"}, status=401)
    try:
        data = json.loads(request.body or b"{}")
        lesson_id = int(data.get("lesson"))
        value = data.get("state")
    except (ValueError, TypeError, AttributeError):
        return JsonResponse({"error": "bad request"}, status=400)
    if not isinstance(value, str) or len(value) > STATE_MAX_CHARS:
        return JsonResponse({"error": "bad state"}, status=400)
    saved = state_save(user=request.user, activity_id=activity_id, lesson_id=lesson_id, state=value)
    return JsonResponse({"saved": saved}, status=200 if saved else 403)


STATEMENT_MAX_BYTES = 64 * 1024


@require_POST
def xapi(request, activity_id: int):
    """An xAPI statement the player reported, relayed by the lesson page."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Log in to do this activity.")}, status=401)
    if len(request.body) > STATEMENT_MAX_BYTES:
        return JsonResponse({"error": _("This statement is not valid.")}, status=400)
    try:
        data = json.loads(request.body)
        lesson_id = int(data.get("lesson"))
        statement = data.get("statement")
    except (ValueError, TypeError, AttributeError):
        return JsonResponse({"error": _("This statement is not valid.")}, status=400)
    try:
        result = xapi_statement_record(user=request.user, activity_id=activity_id, lesson_id=lesson_id, statement=statement)
    except StatementRejected as error:
        return JsonResponse({"error": str(error.message)}, status=400)
    except PermissionDenied as error:
        return JsonResponse({"error": str(error)}, status=403)
    body = {"recorded": result.attempt is not None, "lesson_changed": result.requirement_met}
    if result.attempt is not None:
        body["message"] = _("Your browser reported a score of %(raw)s out of %(max)s.") % {
            "raw": f"{result.attempt.raw_score:g}",
            "max": f"{result.attempt.max_score:g}",
        }
    return JsonResponse(body, status=201 if result.attempt else 200)
