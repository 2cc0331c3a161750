# Budget: a production image (gunicorn, whitenoise). Build: docker build -t budget .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000 \
    WEB_CONCURRENCY=2 \
    DATABASE_URL=sqlite:////app/data/budget.db

WORKDIR /app

# The app runs as this unprivileged user; the code stays root-owned (read-only
# to it) and only /app/data, for the SQLite default, is writable.
RUN groupadd --system --gid 10001 budget \
    && useradd --system --uid 10001 --gid budget --home-dir /app --shell /usr/sbin/nologin budget \
    && mkdir /app/data \
    && chown budget:budget /app/data

# Requirements first, so code changes reuse the installed-packages layer.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .

# collectstatic runs the production settings, which refuse to load without a
# secret key: this throwaway value exists only for this one build step and is
# not kept in the image. The real key comes from the environment at run time.
RUN DJANGO_DEBUG=False \
    DJANGO_SECRET_KEY=build-time-only-collectstatic-not-a-secret \
    DATABASE_URL=sqlite:////tmp/collectstatic.db \
    python manage.py collectstatic --noinput \
    && chmod +x bin/docker-entrypoint.sh bin/healthcheck.py

# Numeric, so orchestrators can verify "runAsNonRoot" without reading /etc/passwd.
USER 10001:10001
VOLUME ["/app/data"]

EXPOSE 8000

# slim has no curl: a small Python probe that sends an allowed Host header.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "/app/bin/healthcheck.py"]

ENTRYPOINT ["/app/bin/docker-entrypoint.sh"]
