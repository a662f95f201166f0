# syntax=docker/dockerfile:1
#
# One image for every Soket process. The command picks the process:
#   API      uvicorn --factory <service>.main:create_app --host 0.0.0.0 --port 8000
#   worker   python -m <service>.worker      (probes on $SOKET_PROBE_PORT)
#   relay    python -m <service>.relay       (probes on $SOKET_PROBE_PORT)
#   migrate  python -m soket_cli migrate     (one-shot, before everything else)
# docker-compose.yml and the Kubernetes manifests set the command, the environment and
# the probes; the image carries no configuration and no secrets.

ARG PYTHON_IMAGE=python:3.11-slim
ARG UV_VERSION=0.13.9

FROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv

# ---------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS builder

COPY --from=uv /uv /uvx /bin/

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PROJECT_ENVIRONMENT=/app/.venv

WORKDIR /app

# Third-party dependencies first: this layer is rebuilt only when the lock file or a
# pyproject.toml changes. Every workspace member's pyproject.toml must be listed here
# (tests/test_compose.py checks it).
COPY pyproject.toml uv.lock .python-version ./
COPY libs/contracts/pyproject.toml libs/contracts/
COPY libs/chassis/pyproject.toml libs/chassis/
COPY services/accounts/pyproject.toml services/accounts/
COPY services/assessments/pyproject.toml services/assessments/
COPY services/delivery/pyproject.toml services/delivery/
COPY services/analytics/pyproject.toml services/analytics/
COPY services/privacy/pyproject.toml services/privacy/
COPY tools/soket_cli/pyproject.toml tools/soket_cli/
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-editable --no-install-workspace

# Then the workspace itself, installed as regular (non-editable) packages.
COPY libs/ libs/
COPY services/ services/
COPY tools/ tools/
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-editable

# ---------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

RUN groupadd --system --gid 10001 soket \
    && useradd --system --uid 10001 --gid soket --create-home --home-dir /home/soket \
       --shell /usr/sbin/nologin soket

ENV VIRTUAL_ENV=/app/.venv \
    PATH=/app/.venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SOKET_ROOT=/app

WORKDIR /app

# The virtual environment and the sources: `soket_cli migrate` reads each service's
# alembic/ from SOKET_ROOT. Owned by root: the service user can read them, not change them.
COPY --from=builder /app /app

USER soket

EXPOSE 8000 9000
