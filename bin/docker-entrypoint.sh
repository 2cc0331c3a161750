#!/bin/sh
# Container start: apply pending migrations, then replace this shell with
# gunicorn so it receives the container's stop signal directly.
#   PORT             port to bind on all interfaces (default 8000)
#   WEB_CONCURRENCY  gunicorn worker processes (default 2)
set -eu
cd "$(dirname "$0")/.."

python manage.py migrate --noinput

exec gunicorn budget.wsgi:application \
    --bind "0.0.0.0:${PORT:-8000}" \
    --workers "${WEB_CONCURRENCY:-2}" \
    --access-logfile - \
    --error-logfile - \
    "$@"
