# Families' Voice: one image for the web service and its CLI.
# Build: docker build -t familyvoice .
# Run:   docker run -p 8000:8000 -e FV_SECRET_KEY=... -e FV_DATABASE_URL=postgresql+psycopg://... -e FV_BASE_URL=https://... familyvoice

FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY static ./static
RUN npm run --silent build:css

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FV_ENVIRONMENT=production
WORKDIR /app
RUN useradd --create-home --uid 10001 familyvoice
COPY pyproject.toml README.md ./
COPY app ./app
# Editable, so templates, static files and migrations are found beside the code.
RUN pip install --no-cache-dir -e .
COPY alembic.ini ./
COPY migrations ./migrations
COPY templates ./templates
# The theme examples: the model is trained from them when none is in var/models.
COPY data ./data
COPY static ./static
COPY --from=assets /src/node_modules/govuk-frontend ./node_modules/govuk-frontend
COPY --from=assets /src/node_modules/swagger-ui-dist ./node_modules/swagger-ui-dist
COPY --from=assets /src/static/build ./static/build
RUN mkdir -p var && chown familyvoice var
USER familyvoice
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
# Migrations run at start; the secret key must be set or the service refuses to start.
CMD ["familyvoice", "serve", "--host", "0.0.0.0", "--port", "8000"]
