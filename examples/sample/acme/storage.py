"""Storage: one class that leaks its connection, one that cleans up."""

import sqlite3


class OrderStore:
    def __init__(self, path):
        self.db = sqlite3.connect(path)

    def save(self, order):
        self.db.execute("insert into orders values (?)", (order,))


class ClosingStore:
    def __init__(self, path):
        self.db = sqlite3.connect(path)

    def close(self):
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
