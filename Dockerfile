# MitWirkung production image: gunicorn serves the app (static files via WhiteNoise);
# the same image runs the Celery worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BROWSER_PATH=/usr/bin/chromium \
    DJANGO_MEDIA_ROOT=/app/media

# Pango/HarfBuzz and a font for WeasyPrint (PDF reports), Debian's Chromium for kaleido
# (Plotly chart images; kaleido finds it through BROWSER_PATH).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        chromium \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system mitwirkung \
    && useradd --system --gid mitwirkung --create-home --home-dir /home/mitwirkung \
        --shell /usr/sbin/nologin mitwirkung

WORKDIR /app

# Dependencies first so code changes do not reinstall them. The lock also pins the dev
# tools (pytest, ruff, playwright); every file is checked against its hash.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .

# Settings refuse to load without a long secret when DEBUG is off; the build gets a
# throwaway one that ends up in no layer and no image environment.
RUN export DJANGO_SECRET_KEY="build-only-$(head -c 48 /dev/urandom | base64 | tr -dc a-zA-Z0-9)" \
        DJANGO_DEBUG=0 \
    && python manage.py compile_translations \
    && python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown mitwirkung:mitwirkung /app/media

# The code stays owned by root and read-only for the app; only media is writable
# (a new named volume mounted there takes over this ownership).
USER mitwirkung

EXPOSE 8000

# Shell form so WEB_CONCURRENCY expands; exec makes gunicorn PID 1 and receive SIGTERM.
# The access log format leaves out the client address (%(h)s) on purpose: privacy rule.
CMD exec gunicorn mitwirkung.wsgi:application --bind 0.0.0.0:8000 --workers "${WEB_CONCURRENCY:-3}" --access-logfile - --access-logformat '%(t)s "%(r)s" %(s)s %(b)s %(L)s'
