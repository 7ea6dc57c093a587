# kcs-wagtail: `make run` serves the demo, `make test` runs every test. `make help` lists all.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/kcs_wagtail
PYTEST_ARGS ?=
# Two processes on the two cores CI has (pytest-xdist); PYTEST_XDIST= runs in one.
PYTEST_XDIST ?= -n 2
# The suite's tests are handed out two at a time, slow ones first (tests/conftest.py),
# so that neither process is left with a long tail.
SUITE_XDIST ?= $(PYTEST_XDIST) --maxschedchunk 2
# The browser tests: each process runs its own production stack, and a file's tests
# stay together on one of them (they share a browser session's state), in the order
# tests/browser/conftest.py gives.
BROWSER_XDIST ?= $(PYTEST_XDIST) --dist loadfile --no-loadscope-reorder
WAGTAIL_LTS ?= 7.4.4
# The newer Django leg: Django 6.0 needs Python 3.12 (pyenv's, else python3.12 on PATH);
# there django-tasks-db 0.12 serves Wagtail's django-tasks (0.13 with [compat] is 5.2's).
# CI runs it with the Wagtail LTS, as existing sites do (DJANGO6_WAGTAIL=8.0.1 for 8),
# on PostgreSQL (DATABASE_URL overrides, as for test-postgres; DJANGO6_DATABASE_URL= for SQLite).
DJANGO_NEXT ?= 6.0.10
DJANGO6_WAGTAIL ?= $(WAGTAIL_LTS)
DJANGO6_DATABASE_URL ?= $(or $(DATABASE_URL),$(POSTGRES_URL))
PYTHON_NEXT ?= $(shell pyenv root 2>/dev/null)/versions/3.12.1/bin/python
APPS := kcs_core ita_pages eservice_forms tips
# Python keeps the bytecode of what it imports (the installs below rely on it): in a
# shell that sets PYTHONDONTWRITEBYTECODE, every process of the tests (gunicorn, the
# task worker, manage.py) would compile some 2,000 modules again, 2 s at each start.
unexport PYTHONDONTWRITEBYTECODE

.DEFAULT_GOAL := help
.PHONY: help install system-packages services node-packages widget run prod bench demo test test-postgres test-browser test-faults test-lts django6-venv test-django6 mutation wheel test-wheel lint check messages clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-15s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

# --no-compile: Python compiles what it imports, once, not every module of every package.
$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --no-compile -r requirements.txt -e .
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned requirements

# Debian packages the tests and `make prod` use: Chromium and Thai fonts for the
# browser tests, Varnish (the HTTP cache in front), espeak-ng (spoken captcha),
# gettext (translations), the PostgreSQL client, Pango (WeasyPrint's PDFs). Installed
# when run as root.
system-packages: ## Install the Debian packages the tests need (as root), or name them
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi tlwg || missing="$$missing fonts-thai-tlwg"; \
	command -v varnishd >/dev/null || test -x /usr/sbin/varnishd || missing="$$missing varnish"; \
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || missing="$$missing nginx"; \
	command -v espeak-ng >/dev/null || missing="$$missing espeak-ng"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v pg_isready >/dev/null || missing="$$missing postgresql-client"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q --no-install-recommends $$missing; \
		else \
			echo "Missing Debian packages:$$missing"; \
			echo "Install them with: sudo apt-get install$$missing"; exit 1; \
		fi; \
	fi

# PostgreSQL and Redis on 127.0.0.1, started when they are installed but not running.
services: system-packages ## Start PostgreSQL and Redis if they are not answering
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
		pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql | head -n 1)" main start \
		&& for _ in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not answering on 127.0.0.1:5432"; exit 1; }
	@(exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null || redis-server --daemonize yes \
		--bind 127.0.0.1 --port 6379 --save "" --appendonly no
	@for _ in $$(seq 20); do (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null && exit 0; sleep 0.5; done; \
		echo "Redis is not answering on 127.0.0.1:6379"; exit 1

node_modules/.installed: package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-packages: node_modules/.installed ## Install the npm packages (axe-core for the browser tests, the ALTCHA widget)

# The ALTCHA widget of the pace tickets (kcs_core.pacing), self-hosted: copied from
# node_modules into kcs_core's static files, which are committed so that the plugin
# installed from a wheel ships it.
ALTCHA_DIST := node_modules/altcha/dist
widget: node_modules/.installed ## Copy the ALTCHA widget from node_modules into kcs_core/static
	cp $(ALTCHA_DIST)/external/altcha.min.js $(ALTCHA_DIST)/external/altcha.css \
		$(ALTCHA_DIST)/workers/pbkdf2.js $(ALTCHA_DIST)/i18n/th.js \
		node_modules/altcha/LICENSE.txt kcs_core/static/kcs_core/altcha/

demo: install ## Migrate the SQLite database and load the demo content (idempotent)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --address $(HOST):$(PORT)

run: demo ## Set up everything, then serve the demo site and the task worker on 127.0.0.1:8000
	@$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# What Varnish's request log leaves out (the client's address, headers, user agent).
include deploy/varnish/kcs.env
PROD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kcs_wagtail_prod
# gunicorn listens here, behind Varnish on $(HOST):$(PORT).
PROD_APP_PORT ?= 8001
PROD_ENV = DJANGO_SETTINGS_MODULE=kcs_wagtail.settings.production \
	DJANGO_SECRET_KEY="$$(cat .prod-secret)" \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_SECURE_HSTS_SECONDS=0 \
	DATABASE_URL=$${DATABASE_URL:-$(PROD_DATABASE_URL)} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	KCS_FRONTEND_CACHE_URL=http://$(HOST):$(PORT) KCS_TRUSTED_PROXIES=127.0.0.1,::1 \
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT)

.prod-secret:
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

prod: install .prod-secret services ## Serve the demo as in production: Varnish in front of gunicorn, PostgreSQL, Redis, task worker
	createdb -h 127.0.0.1 -U postgres kcs_wagtail_prod 2>/dev/null || true
	$(PROD_ENV) $(MANAGE) migrate --noinput
	$(PROD_ENV) $(MANAGE) collectstatic --noinput -v0
	$(PROD_ENV) $(MANAGE) load_demo --address $(HOST):$(PORT)
	@mkdir -p .varnish
	@sed 's/\.port = "8000";/.port = "$(PROD_APP_PORT)";/' deploy/varnish/default.vcl > .varnish/default.vcl
	@$(PROD_ENV) $(MANAGE) db_worker --no-reload --interval 0.2 & worker=$$!; \
	varnishd -F -j none -n $(CURDIR)/.varnish/state -a $(HOST):$(PORT) -T none \
		-f $(CURDIR)/.varnish/default.vcl -s malloc,256m \
		-p vsl_mask=$(KCS_VARNISH_VSL_MASK) & cache=$$!; \
	trap 'kill $$worker $$cache 2>/dev/null' EXIT INT TERM; \
	$(PROD_ENV) GUNICORN_BIND=$(HOST):$(PROD_APP_PORT) $(BIN)/gunicorn -c deploy/gunicorn.conf.py kcs_wagtail.wsgi

bench: install ## Run the benchmarks in bench/ (PostgreSQL, Redis, wrk) and rewrite docs/benchmarks.md
	command -v wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)
	$(BIN)/python -m bench.run $(BENCH)

# pytest's exit status 5 means "no test selected" (PYTEST_ARGS=-k ...): not a failure.
test: install node-packages services ## Every test: the suite on SQLite, then the browser tests on the production profile
	$(BIN)/pytest $(SUITE_XDIST) -m "not faults and not browser" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/pytest $(BROWSER_XDIST) -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-postgres: install services ## Run the suite on the local PostgreSQL server (DATABASE_URL overrides)
	DATABASE_URL=$${DATABASE_URL:-$(POSTGRES_URL)} $(BIN)/pytest $(SUITE_XDIST) -m "not browser and not faults" $(PYTEST_ARGS)

test-browser: install node-packages services ## Only the browser tests: Chromium against gunicorn, PostgreSQL, Redis and Varnish
	$(BIN)/pytest $(BROWSER_XDIST) -m browser $(PYTEST_ARGS)

test-faults: install services ## Fault tests on PostgreSQL: kill -9 a worker, restart the database, a full disk
	DATABASE_URL=$${DATABASE_URL:-$(POSTGRES_URL)} $(BIN)/pytest -m faults $(PYTEST_ARGS)

test-lts: ## Run the suite (browser tests aside) on the Wagtail LTS (7.4), SQLite
	test -x .venv-lts/bin/python || $(PYTHON) -m venv .venv-lts || python3 -m venv .venv-lts
	sed '/^wagtail==/d' requirements.txt | .venv-lts/bin/pip install -q -r /dev/stdin -e . "wagtail==$(WAGTAIL_LTS)"
	.venv-lts/bin/pytest $(SUITE_XDIST) -m "not browser and not faults" $(PYTEST_ARGS)

# Installed again when the requirements or the versions change. Its own target so that
# CI can build it while the fault tests run.
DJANGO6_INSTALLED := .venv-django6/.installed-wagtail-$(DJANGO6_WAGTAIL)-django-$(DJANGO_NEXT)
$(DJANGO6_INSTALLED): requirements.txt pyproject.toml
	test -x .venv-django6/bin/python || $(PYTHON_NEXT) -m venv .venv-django6 || python3.12 -m venv .venv-django6
	sed -E '/^(wagtail|Django|django-tasks-db(\[compat\])?)==/d' requirements.txt \
		| .venv-django6/bin/pip install -q --no-compile -r /dev/stdin -e . \
		"Django==$(DJANGO_NEXT)" "wagtail==$(DJANGO6_WAGTAIL)" "django-tasks-db==0.12.0"
	rm -f .venv-django6/.installed-*
	touch $@

django6-venv: $(DJANGO6_INSTALLED) ## Create .venv-django6: Django 6.0 on Python 3.12 with the Wagtail LTS

test-django6: django6-venv services ## Run the suite (browser tests aside) on Django 6.0, Python 3.12 and the Wagtail LTS, PostgreSQL
	$(if $(DJANGO6_DATABASE_URL),DATABASE_URL=$(DJANGO6_DATABASE_URL)) .venv-django6/bin/pytest $(SUITE_XDIST) -m "not browser and not faults" $(PYTEST_ARGS)

# Mutation check ([tool.mutmut] in pyproject.toml): which small changes to the code no
# test notices. Slow (an hour or more on 2 cores for the whole code, some 15,000
# mutants), so not part of CI; mutmut is installed into .venv when first needed.
# MUTANTS="tips.services.*" picks mutants.
MUTMUT ?= mutmut==3.8.1
mutation: install ## Mutation check of the whole code (mutmut; lists survivors)
	$(BIN)/pip install -q "$(MUTMUT)"
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/mutmut results

wheel: install ## Build the plugin's wheel into dist/ (python -m build; README, "Adding the apps")
	rm -rf build
	$(BIN)/python -m build --wheel --outdir dist . > /dev/null
	rm -rf build *.egg-info
	@ls dist/*.whl

lint: install ## ruff, the import layers (.importlinter), Django's system checks and the migration check
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache --no-logo
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

messages: install ## Update and compile the Thai translation catalogs of every app
	for app in $(APPS); do \
		(cd $$app && $(CURDIR)/$(BIN)/django-admin makemessages -l th --no-obsolete --no-location \
		 && $(CURDIR)/$(BIN)/django-admin compilemessages -l th) || exit 1; \
	done
	$(MANAGE) makemessages -l th --no-obsolete --no-location $(foreach dir,$(APPS) tests bench .venv .venv-lts,-i '$(dir)')
	$(MANAGE) compilemessages -l th -i '.venv*'

clean: ## Remove the virtual environments and the demo database
	rm -rf $(VENV) .venv-lts .venv-django6 dist build db.sqlite3* media staticfiles .varnish node_modules mutants
