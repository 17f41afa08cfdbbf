#!/usr/bin/python3
"""B1's live database for Alembic: shared/bench/b1_inproc.py `create`
(metadata.create_all of the base models), in batches of tables.

usage: create_live.py URL MODELS.py

One transaction creating 2,000 tables with their indexes and constraints needs
more locks than PostgreSQL's default lock table holds, and fails with "out of
shared memory"; every foreign key refers to an earlier table, so batches in
sorted order are complete.
"""
import importlib.util
import sys
import time

import sqlalchemy as sa

BATCH = 250


def main():
    url, models = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("bench_models", models)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    engine = sa.create_engine(url)
    tables = mod.metadata.sorted_tables
    t0 = time.perf_counter()
    for i in range(0, len(tables), BATCH):
        mod.metadata.create_all(engine, tables=tables[i:i + BATCH])
    print("create_all: %d tables in %.2fs" % (len(tables), time.perf_counter() - t0))


if __name__ == "__main__":
    main()
