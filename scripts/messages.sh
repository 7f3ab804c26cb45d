#!/bin/sh
# Extract translatable strings into the Arabic and French catalogues.
# Each app (and sub-app) has its own catalogue in <app>/locale; the rest
# (templates/, core/, config/) goes to the project catalogue in locale/.
set -eu
DJANGO_ADMIN=${DJANGO_ADMIN:-$(pwd)/.venv/bin/django-admin}
APPS="accounts cms learning learning/quizzes learning/h5p certificates certificates/credentials"
COMMON="--settings=config.settings.dev -l ar -l fr --no-obsolete --ignore=node_modules --ignore=test-artifacts --ignore=tests --ignore=bench --ignore=migrations"

ignores=""
for app in $APPS; do
    case "$app" in */*) ;; *) ignores="$ignores --ignore=$app" ;; esac
done
# shellcheck disable=SC2086
"$DJANGO_ADMIN" makemessages --pythonpath=. $COMMON $ignores

for app in $APPS; do
    [ -d "$app" ] || continue
    mkdir -p "$app/locale"
    nested=""
    for other in $APPS; do
        case "$other" in "$app"/*) nested="$nested --ignore=${other#"$app"/}" ;; esac
    done
    root=$(echo "$app" | sed 's|[^/]*|..|g')
    # shellcheck disable=SC2086
    (cd "$app" && "$DJANGO_ADMIN" makemessages --pythonpath="$root" $COMMON $nested)
done
