"""The crawl store: SQLAlchemy tables (SQLite by default, PostgreSQL at scale) and WARC evidence."""
