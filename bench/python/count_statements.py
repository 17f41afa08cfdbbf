#!/usr/bin/python3
"""Run the Alembic CLI once and count the SQL statements it sends.

usage: count_statements.py ALEMBIC-ARGS...   (in the project folder)

Registers SQLAlchemy's before_cursor_execute on every Engine (as
shared/bench/b1_inproc.py does for one engine), runs alembic.config.main, and
writes {"statements": N, "kinds": [[kind, n], ...]} to $BENCH_STATEMENT_LOG at
exit, whatever the exit status.
"""
import atexit
import collections
import json
import os
import re
import sys

import sqlalchemy as sa
from sqlalchemy.engine import Engine

counter = collections.Counter()


def kind_of(sql):
    s = re.sub(r"\s+", " ", sql).strip()
    m = re.match(r"(?i)PRAGMA (?:main\.)?(\w+)", s)
    if m:
        return "PRAGMA " + m.group(1)
    m = re.search(r"(?i)\bFROM ((?:pg_catalog\.)?\w+(?:\.\w+)?)", s)
    return (s[:40] + " ... FROM " + m.group(1)) if m else s[:70]


@sa.event.listens_for(Engine, "before_cursor_execute")
def _count(conn, cursor, statement, params, context, executemany):
    counter[kind_of(statement)] += 1


def _write():
    path = os.environ.get("BENCH_STATEMENT_LOG")
    if path:
        with open(path, "w") as f:
            json.dump({"statements": sum(counter.values()), "kinds": counter.most_common()}, f)


atexit.register(_write)

# `python3 -m alembic` puts the working folder first on sys.path, which is how the
# project's env.py finds models.py; running this file puts its own folder there instead.
sys.path.insert(0, os.getcwd())

from alembic.config import main  # noqa: E402  (after the listener is in place)

main(argv=sys.argv[1:], prog="alembic")
