"""The benchmark databases: `bench_orgchart_<scale>` on the PostgreSQL server of DATABASE_URL
(default postgres://postgres@127.0.0.1:5432), created when missing."""
import os
from urllib.parse import urlsplit, urlunsplit

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return DEFAULT_SERVER


def url_for(name: str) -> str:
    return f"{server_url()}/{name}"


def _admin_conn():
    import psycopg

    return psycopg.connect(url_for("postgres"), autocommit=True)


def exists(name: str) -> bool:
    with _admin_conn() as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def create(name: str, template: str | None = None, drop: bool = False) -> None:
    from psycopg import sql

    with _admin_conn() as conn:
        if drop:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        elif conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        if template:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))
        else:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop(name: str) -> None:
    from psycopg import sql

    with _admin_conn() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def server_version() -> str:
    with _admin_conn() as conn:
        return conn.execute("SHOW server_version").fetchone()[0]
