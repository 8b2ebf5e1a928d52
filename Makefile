# Two commands do all the set-up: `make run` opens the app, `make test` runs the whole suite.
.PHONY: run test setup lint bench build

run:
	@scripts/setup.sh test
	.venv/bin/mlprep

test:
	@scripts/setup.sh test
	.venv/bin/python -m pytest -q

lint:
	@scripts/setup.sh test
	.venv/bin/ruff check desktop tests bench packaging
	.venv/bin/ruff format --check desktop tests bench packaging

bench:
	@scripts/setup.sh test
	.venv/bin/python bench/startup.py
	.venv/bin/python bench/kata_run.py
