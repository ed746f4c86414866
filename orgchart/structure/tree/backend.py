"""Which storage keeps today's tree. Another backend (PostgreSQL ltree, a recursive CTE over
the parent column) is another module implementing `storage.TreeStorage` with its own `Node`
and `Locator` abstract models; point these lines at it (README.md)."""
from .mptt_backend import Locator, MPTTStorage, Node

storage = MPTTStorage()

__all__ = ["Locator", "Node", "storage"]
